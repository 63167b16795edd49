//! Progress per phase and per owner: done / total, share done, overdue (spec §2).

use super::filter::TaskView;
use crate::domain::rollup::{rollup, Tally};
use crate::i18n::{format_rate, Lang, Msg};
use crate::state::{use_lang, use_plan, use_today};
use leptos::prelude::*;

fn tally_row(tally: Tally, lang: Lang, header: Option<Msg>) -> impl IntoView {
    let name = match header {
        Some(msg) => lang.t(msg).to_string(),
        None if tally.key.is_empty() => lang.t(Msg::Unassigned).to_string(),
        None => tally.key.clone(),
    };
    let late = tally.overdue > 0;
    view! {
        <tr class:warn-row=late>
            <th scope="row">{name}</th>
            <td class="num">{format!("{} / {}", tally.done, tally.total)}</td>
            <td class="num">{format_rate(tally.done_ratio(), lang)}</td>
            <td class="num" class:flag-text=late>{tally.overdue}</td>
        </tr>
    }
}

/// One roll-up table; its total row sits in the footer.
fn rollup_table(
    caption: Msg,
    first: Msg,
    groups: Vec<Tally>,
    all: Tally,
    lang: Lang,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="summary" data-testid=test_id>
                <caption>{lang.t(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.t(first)}</th>
                        <th scope="col" class="num">{lang.t(Msg::ColDoneOfTotal)}</th>
                        <th scope="col" class="num">{lang.t(Msg::ColDoneRate)}</th>
                        <th scope="col" class="num">{lang.t(Msg::ColOverdue)}</th>
                    </tr>
                </thead>
                <tbody>{groups.into_iter().map(|t| tally_row(t, lang, None)).collect_view()}</tbody>
                <tfoot>{tally_row(all, lang, Some(Msg::RollupAll))}</tfoot>
            </table>
        </div>
    }
}

#[component]
pub fn Rollups(view: TaskView) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    let totals = Memo::new(move |_| {
        let today = today.get();
        store.read(|p| rollup(view.shown(p).into_iter().map(|t| p.task_facts(t, today))))
    });
    view! {
        <section class="section" aria-labelledby="rollup-title">
            <h2 id="rollup-title">{lang.t(Msg::RollupTitle)}</h2>
            <p class="hint">{lang.t(Msg::RollupHint)}</p>
            <div class="rollups">
                {move || {
                    let r = totals.get();
                    let lang = lang.get();
                    view! {
                        {rollup_table(Msg::RollupByPhase, Msg::ColPhase, r.by_phase, r.overall.clone(), lang, "rollup-phase")}
                        {rollup_table(Msg::RollupByOwner, Msg::ColOwner, r.by_owner, r.overall, lang, "rollup-owner")}
                    }
                }}
            </div>
        </section>
    }
}
