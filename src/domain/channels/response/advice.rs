//! The optimiser run on the fitted model, explained line by line.
//!
//! The total is the form's, else the plan's default: the budget categories its channel
//! comparison draws on (online + offline, e.g. 线上广告 + 线下活动), spread evenly over
//! the plan's horizon months, since the curves are per month. Channels without a curve
//! keep today's spend and are not predicted; the rest of the total is optimised.

use super::model::Model;
use super::optimiser::{
    largest_spend_for_roas, least_spend_for_outcome, optimise, Infeasible, Limits, Optimum,
};
use super::scenarios::{judge, Judged};
use crate::domain::values::money::Fen;

/// Why a channel's spend moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Its marginal return at today's spend is above the equalised one.
    Gains,
    /// Below it.
    Loses,
    /// Held by its minimum or maximum.
    AtLimit,
    /// Unchanged (within a yuan).
    Same,
    /// No curve: kept at today's spend.
    NoCurve,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub channel: String,
    pub today: Option<Fen>,
    pub optimal: Fen,
    /// Marginal return at today's spend and at the optimum.
    pub marginal_today: Option<f64>,
    pub marginal_optimal: Option<f64>,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    pub total: Fen,
    /// The equalised marginal return.
    pub lambda: f64,
    pub lines: Vec<Line>,
    pub optimal: Judged,
    pub today: Judged,
}

/// The optimum for `total` (monthly, fen).
pub fn advise(model: &Model, total: Fen) -> Result<Advice, Infeasible> {
    let (idx, curves, limits, fixed) = split(model);
    let optimum = optimise(&curves, &limits, Fen(total.0 - fixed))?;
    Ok(explain(model, &idx, optimum, total))
}

/// The least monthly total whose optimum predicts `target` revenue.
pub fn for_target_outcome(model: &Model, target: Fen, cap: Fen) -> Option<Advice> {
    let (idx, curves, limits, fixed) = split(model);
    let o = least_spend_for_outcome(&curves, &limits, target.0 as f64, cap.0)?;
    let total = Fen(o.spend.iter().map(|f| f.0).sum::<i64>() + fixed);
    Some(explain(model, &idx, o, total))
}

/// The largest monthly total whose optimum keeps ROAS ≥ `target` (of the predicted
/// channels).
pub fn for_target_roas(model: &Model, target: f64, cap: Fen) -> Option<Advice> {
    let (idx, curves, limits, fixed) = split(model);
    let o = largest_spend_for_roas(&curves, &limits, target, cap.0)?;
    let total = Fen(o.spend.iter().map(|f| f.0).sum::<i64>() + fixed);
    Some(explain(model, &idx, o, total))
}

type Split = (Vec<usize>, Vec<super::curve::Curve>, Vec<Limits>, i64);

fn split(model: &Model) -> Split {
    let (mut idx, mut curves, mut limits, mut fixed) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for (i, c) in model.channels.iter().enumerate() {
        match &c.revenue {
            Ok(f) => {
                idx.push(i);
                curves.push(f.fit.curve);
                limits.push(c.limits);
            }
            Err(_) => fixed += c.today.map_or(0, |f| f.0),
        }
    }
    (idx, curves, limits, fixed)
}

fn explain(model: &Model, idx: &[usize], o: Optimum, total: Fen) -> Advice {
    let mut spend: Vec<Option<Fen>> = model
        .channels
        .iter()
        .map(|c| match c.revenue {
            Ok(_) => Some(Fen(0)),
            Err(_) => c.today,
        })
        .collect();
    for (&i, &s) in idx.iter().zip(&o.spend) {
        spend[i] = Some(s);
    }
    let lines = model
        .channels
        .iter()
        .zip(&spend)
        .map(|(c, s)| {
            let optimal = s.unwrap_or(Fen(0));
            let curve = c.revenue.as_ref().ok().map(|f| f.fit.curve);
            let marginal_optimal = curve.map(|k| k.marginal(optimal.0 as f64));
            let today = c.today.map_or(0, |t| t.0);
            let moved = (optimal.0 - today).abs() > 100;
            let why = match (curve, c.marginal_today()) {
                (None, _) => Why::NoCurve,
                _ if !moved => Why::Same,
                (_, Some(m)) if optimal.0 > today && m > o.lambda => Why::Gains,
                (_, Some(m)) if optimal.0 < today && m < o.lambda => Why::Loses,
                // Moved against its marginal return: a minimum or maximum holds it.
                _ => Why::AtLimit,
            };
            Line {
                channel: c.name.clone(),
                today: c.today,
                optimal,
                marginal_today: c.marginal_today(),
                marginal_optimal,
                why,
            }
        })
        .collect();
    Advice {
        total,
        lambda: o.lambda,
        lines,
        optimal: judge(model, &spend),
        today: judge(model, &model.today()),
    }
}

/// The default monthly total: the budget of the categories the channels draw on (the
/// plan's online + offline lines, given with their amounts), ÷ the horizon in months,
/// rounded down to the fen. `None` without categories, amounts or months.
pub fn default_total(category_amounts: &[Fen], months: u64) -> Option<Fen> {
    if category_amounts.is_empty() || months == 0 {
        return None;
    }
    let sum: i64 = category_amounts.iter().map(|f| f.0).sum();
    Some(Fen(sum / months as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::response::model::build;
    use crate::domain::plan::demo::demo_plan;

    #[test]
    fn the_demo_moves_spend_toward_higher_marginal_returns() {
        let plan = demo_plan();
        let model = build(&plan.mix, 50);
        assert!(
            model.channels.iter().all(|c| c.revenue.is_ok()),
            "every demo channel fits"
        );
        let total = Fen(2_333_333);
        assert_eq!(
            model.today().iter().flatten().map(|f| f.0).sum::<i64>(),
            total.0
        );
        let advice = advise(&model, total).unwrap();
        assert_eq!(advice.optimal.total, total);
        let (o, t) = (
            advice.optimal.outcome.unwrap(),
            advice.today.outcome.unwrap(),
        );
        assert!(o.value > t.value, "{} ≤ {}", o.value, t.value);
        assert!(o.p10 <= o.value && o.value <= o.p90);
        for line in &advice.lines {
            let m = line.marginal_today.unwrap();
            match line.why {
                Why::Gains => assert!(m > advice.lambda && line.optimal > line.today.unwrap()),
                Why::Loses => assert!(m < advice.lambda && line.optimal < line.today.unwrap()),
                _ => {}
            }
        }
        assert!(advice.lines.iter().any(|l| l.why == Why::Gains));
        assert!(advice.lines.iter().any(|l| l.why == Why::Loses));
        // The inverse: the least spend reaching the optimum's outcome is this total.
        let back =
            for_target_outcome(&model, Fen(o.value.floor() as i64), Fen(100_000_000)).unwrap();
        assert!((back.total.0 - total.0).abs() <= 2, "{:?}", back.total);
    }

    #[test]
    fn the_default_total_spreads_the_categories_over_the_horizon() {
        assert_eq!(
            default_total(&[Fen(12_000_000), Fen(16_000_000)], 12),
            Some(Fen(2_333_333))
        );
        assert_eq!(default_total(&[], 12), None);
        assert_eq!(default_total(&[Fen(1)], 0), None);
    }
}
