//! Progress per phase and per owner: done / total, share done, overdue (spec §2).

use super::filter::TaskView;
use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::domain::tasks::rollup::{rollup, Tally};
use crate::i18n::{format_rate, Lang, Msg};
use crate::state::Part;
use crate::state::{use_lang, use_plan, use_today};
use leptos::prelude::*;

const COLUMNS: &[Msg] = &[Msg::ColDoneOfTotal, Msg::ColDoneRate, Msg::ColOverdue];

fn tally_row(tally: &Tally, lang: Lang, name: Option<Msg>) -> SummaryRow {
    let name = match name {
        Some(msg) => lang.t(msg).to_string(),
        None if tally.key.is_empty() => lang.t(Msg::Unassigned).to_string(),
        None => tally.key.clone(),
    };
    SummaryRow {
        name,
        figures: vec![
            format!("{} / {}", tally.done, tally.total),
            format_rate(tally.done_ratio(), lang),
            tally.overdue.to_string(),
        ],
        warn: tally.overdue > 0,
    }
}

#[component]
pub fn Rollups(view: TaskView) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    let totals = Memo::new(move |_| {
        let today = today.get();
        store.read_parts(
            &[Part::Tasks, Part::Header, Part::Phases, Part::Horizon],
            |p| rollup(view.shown(p).into_iter().map(|t| p.task_facts(t, today))),
        )
    });
    let rows = move |by_owner: bool| {
        Signal::derive(move || {
            let lang = lang.get();
            totals.with(|r| {
                let groups = if by_owner { &r.by_owner } else { &r.by_phase };
                groups.iter().map(|t| tally_row(t, lang, None)).collect()
            })
        })
    };
    let all = Signal::derive(move || {
        totals.with(|r| tally_row(&r.overall, lang.get(), Some(Msg::RollupAll)))
    });
    view! {
        <section class="section" aria-labelledby="rollup-title">
            <h2 id="rollup-title">{lang.t(Msg::RollupTitle)}</h2>
            <p class="hint">{lang.t(Msg::RollupHint)}</p>
            <div class="rollups">
                <SummaryTable caption=Msg::RollupByPhase first=Msg::ColPhase columns=COLUMNS rows=rows(false) total=all test_id="rollup-phase" />
                <SummaryTable caption=Msg::RollupByOwner first=Msg::ColOwner columns=COLUMNS rows=rows(true) total=all test_id="rollup-owner" />
            </div>
        </section>
    }
}
