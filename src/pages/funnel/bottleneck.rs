//! The bottleneck: the stage losing the most people and the stage furthest below its
//! target rate, each with its loss reason and measure (what to do about it).

use super::fill;
use crate::domain::funnel::analysis::{furthest_below_target, largest_loss};
use crate::domain::funnel::tools::targets;
use crate::domain::plan::Plan;
use crate::domain::values::measure::{Measure, Unit};
use crate::domain::values::money::Currency;
use crate::i18n::{format_count, format_measure, format_rate, Lang, Msg};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

/// The two highlighted stages, by position (the chart marks them too).
pub fn bottlenecks(plan: &Plan) -> (Option<usize>, Option<(usize, u32)>) {
    let stages = &plan.funnel.stages;
    (
        largest_loss(stages),
        furthest_below_target(stages, &targets(stages)),
    )
}

/// A percentage from basis points: 1000 → "10%", 1050 → "10.5%". Percentages read the
/// same in both languages, so no language is passed.
pub fn bp_text(bp: u32) -> String {
    format_measure(
        Measure(i64::from(bp)),
        Unit::Percent,
        Currency::default(),
        Lang::Zh,
    )
}

#[derive(Clone, PartialEq)]
struct Card {
    name: String,
    figure: String,
    reason: String,
    measure: String,
}

fn or_not_given(text: &str, lang: Lang) -> String {
    if text.trim().is_empty() {
        lang.t(Msg::FaNotGiven).into()
    } else {
        text.to_string()
    }
}

#[component]
pub fn Bottleneck() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let cards = Memo::new(move |_| {
        let l = lang.get();
        store.read_parts(&[Part::FunnelStages], |p| {
            let stages = &p.funnel.stages;
            let (loss, below) = bottlenecks(p);
            let card = |i: usize, figure: String| Card {
                name: stages[i].name.clone(),
                figure,
                reason: or_not_given(&stages[i].loss_reason, l),
                measure: or_not_given(&stages[i].measure, l),
            };
            let loss = loss.map(|i| {
                let s = &stages[i];
                let lost = format_count(s.loss().unwrap_or_default(), l);
                card(
                    i,
                    fill(
                        l.t(Msg::FaLargestLossText),
                        &[&lost, &format_rate(s.loss_rate(), l)],
                    ),
                )
            });
            let below = below.map(|(i, gap)| {
                let s = &stages[i];
                let target = s.target_bp().map(bp_text).unwrap_or_default();
                let gap = bp_text(gap).trim_end_matches('%').to_string();
                card(
                    i,
                    fill(
                        l.t(Msg::FaBelowTargetText),
                        &[&format_rate(s.rate(), l), &target, &gap],
                    ),
                )
            });
            let any_target = stages.iter().any(|s| s.target_bp().is_some());
            (loss, below, any_target)
        })
    });
    let card_view = move |title: Msg, card: Option<Card>, empty: Msg, test_id: &'static str| {
        let l = lang.get();
        let highlight = card.is_some();
        view! {
            <article class="card bottleneck" class:highlight=highlight data-testid=test_id>
                <h3>{l.t(title)}</h3>
                {match card {
                    Some(c) => view! {
                        <p class="bottleneck-stage">{c.name}</p>
                        <p>{c.figure}</p>
                        <dl class="pairs">
                            <dt>{l.t(Msg::FaLossReason)}</dt>
                            <dd>{c.reason}</dd>
                            <dt>{l.t(Msg::FaMeasure)}</dt>
                            <dd>{c.measure}</dd>
                        </dl>
                    }.into_any(),
                    None => view! { <p class="hint">{l.t(empty)}</p> }.into_any(),
                }}
            </article>
        }
    };
    view! {
        <section class="section" id="funnel-bottleneck" aria-labelledby="funnel-bottleneck-title">
            <h2 id="funnel-bottleneck-title">{lang.t(Msg::FaBottleneckTitle)}</h2>
            <p class="hint">{lang.t(Msg::FaBottleneckHint)}</p>
            <div class="cards">
                {move || {
                    let (loss, below, any_target) = cards.get();
                    let below_empty = if any_target { Msg::FaAllTargetsMet } else { Msg::FaNoTargets };
                    view! {
                        {card_view(Msg::FaLargestLoss, loss, Msg::FaNoLoss, "largest-loss")}
                        {card_view(Msg::FaBelowTarget, below, below_empty, "below-target")}
                    }
                }}
            </div>
        </section>
    }
}
