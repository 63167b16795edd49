//! Every channel of the book fitted: its curve on revenue (and on new customers when
//! that column is typed), the bootstrap replicates, today's spend and its limits. The one
//! computation the page, the reference example and the benchmark share.

use super::bootstrap::{p10_p90, replicates, seed_of, REPS};
use super::curve::Curve;
use super::fit::{fit, Fit, NoCurve};
use super::history::series;
use super::optimiser::Limits;
use super::ResponseBook;
use crate::domain::channels::compare::Side;
use crate::domain::values::money::Fen;

#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub fit: Fit,
    pub replicates: Vec<Curve>,
}

impl Fitted {
    fn new(fit: Fit, seed: u64, reps: usize) -> Fitted {
        Fitted {
            replicates: replicates(&fit, seed, reps),
            fit,
        }
    }

    /// P10 and P90 of the predicted outcome at spend `x`.
    pub fn band(&self, x: f64) -> Option<(f64, f64)> {
        p10_p90(self.replicates.iter().map(|c| c.value(x)).collect())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelModel {
    pub name: String,
    pub side: Side,
    /// The plan's monthly budget for the channel, else its latest month's spend.
    pub today: Option<Fen>,
    pub limits: Limits,
    /// Observed months, and months missing inside the range.
    pub months: usize,
    pub gaps: usize,
    pub revenue: Result<Fitted, NoCurve>,
    /// `None` when no month has new customers typed.
    pub customers: Option<Result<Fitted, NoCurve>>,
}

impl ChannelModel {
    /// Marginal ROAS at today's spend.
    pub fn marginal_today(&self) -> Option<f64> {
        let f = self.revenue.as_ref().ok()?;
        Some(f.fit.curve.marginal(self.today?.0 as f64))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub channels: Vec<ChannelModel>,
}

impl Model {
    pub fn reps(&self) -> usize {
        self.channels
            .iter()
            .filter_map(|c| c.revenue.as_ref().ok())
            .map(|f| f.replicates.len())
            .min()
            .unwrap_or(0)
    }

    /// Today's allocation, in channel order.
    pub fn today(&self) -> Vec<Option<Fen>> {
        self.channels.iter().map(|c| c.today).collect()
    }
}

/// Fits every channel of `book` (the channel table's order) with `reps` replicates.
pub fn build(book: &ResponseBook, reps: usize) -> Model {
    let channels =
        book.channels
            .iter()
            .filter(|c| !c.name.trim().is_empty())
            .map(|c| {
                let s = series(&book.history, &c.name);
                let revenue = fit(&s.spend, &s.revenue);
                let seed = seed_of(&c.name);
                let customers = s.new_customers.iter().any(Option::is_some).then(|| {
                    fit(&s.spend, &s.new_customers).map(|f| Fitted::new(f, seed ^ 1, reps))
                });
                ChannelModel {
                    name: c.name.trim().to_string(),
                    side: c.side,
                    today: c
                        .budget
                        .value()
                        .copied()
                        .filter(|f| f.0 >= 0)
                        .or_else(|| s.latest_spend().map(|x| Fen(x as i64))),
                    limits: c.limits(),
                    months: s.observed(),
                    gaps: s.gaps,
                    revenue: revenue.map(|f| Fitted::new(f, seed, reps)),
                    customers,
                }
            })
            .collect();
    Model { channels }
}

/// [`build`] with the UI's [`REPS`].
pub fn build_default(book: &ResponseBook) -> Model {
    build(book, REPS)
}
