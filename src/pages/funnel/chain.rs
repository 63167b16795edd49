//! The chain check (spec §3: "flag when it is not"): each stage whose reached differs
//! from the previous stage's converted, with a switch to mark it as an intended side
//! entry, which silences the flag.

use super::fill;
use crate::domain::funnel::analysis::chain_breaks;
use crate::domain::funnel::tools::open_chain_breaks;
use crate::domain::values::ids::RowId;
use crate::i18n::{format_count, Msg};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// One line of the check: a break to look at, or a stage marked as a side entry.
#[derive(Clone, PartialEq)]
struct Item {
    id: RowId,
    name: String,
    /// (reached, previous stage's name, its converted) for an open break.
    open: Option<(u64, String, u64)>,
}

/// One listed stage: its place, its id and the id of the stage before it (the two rows
/// its line reads).
type Listed = (usize, RowId, Option<RowId>);

#[component]
pub fn ChainCheck() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    // Which stages have a line: an open break or a stage marked as a side entry. This
    // changes only when a line comes or goes; a keystroke in a listed stage re-words that
    // line alone (each line reads its own two rows), not every line of a long funnel.
    let listed = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| {
            let stages = &p.funnel.stages;
            let breaks: HashSet<usize> = chain_breaks(stages).into_iter().collect();
            stages
                .iter()
                .enumerate()
                .filter(|(i, s)| s.side_entry || breaks.contains(i))
                .map(|(i, s)| (i, s.id, i.checked_sub(1).map(|b| stages[b].id)))
                .collect::<Vec<Listed>>()
        })
    });
    let all_ok = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| {
            open_chain_breaks(&p.funnel.stages).is_empty()
        })
    });
    let set_side_entry = move |id: RowId, on: bool| {
        store.edit(None, |p| {
            if let Some(s) = p.funnel.stages.iter_mut().find(|s| s.id == id) {
                Arc::make_mut(s).side_entry = on;
            }
        });
    };
    // One line per listed stage, keyed by its place and rows: ticking the box re-words
    // the line but keeps the checkbox (and the keyboard focus on it).
    let line = move |(at, id, before): Listed| {
        let item = Memo::new(move |_| {
            if let Some(before) = before {
                store.read_row(Part::FunnelStages, before, &[], |_| ());
            }
            store.read_row(Part::FunnelStages, id, &[], |p| {
                let stages = &p.funnel.stages;
                let find = |at: usize, id: RowId| {
                    stages
                        .get(at)
                        .filter(|s| s.id == id)
                        .or_else(|| stages.iter().find(|s| s.id == id))
                };
                let stage = find(at, id)?;
                let prev = before.and_then(|b| find(at.wrapping_sub(1), b));
                let open = prev.and_then(|prev| {
                    let reached = *stage.reached.value()?;
                    let converted = *prev.converted.value()?;
                    (reached != converted && !stage.side_entry)
                        .then(|| (reached, prev.name.clone(), converted))
                });
                Some(Item {
                    id,
                    name: stage.name.clone(),
                    open,
                })
            })
        });
        let text = move || {
            let l = lang.get();
            let count = |n: u64| format_count(n, l);
            item.with(|item| match item {
                Some(Item {
                    name,
                    open: Some((reached, prev_name, prev_converted)),
                    ..
                }) => fill(
                    l.t(Msg::FaChainBreak),
                    &[
                        name,
                        &count(*reached),
                        prev_name,
                        &count(*prev_converted),
                        &count(reached.abs_diff(*prev_converted)),
                    ],
                ),
                Some(Item { name, .. }) => fill(l.t(Msg::FaSideEntryMarked), &[name]),
                None => String::new(),
            })
        };
        let is_open = move || item.with(|i| i.as_ref().is_some_and(|i| i.open.is_some()));
        let label = move || {
            let name = item.with(|i| i.as_ref().map(|i| i.name.clone()).unwrap_or_default());
            fill(lang.get().t(Msg::FaSideEntryLabel), &[&name])
        };
        view! {
            <li class:flag=is_open class:note=move || !is_open() data-testid="chain-item">
                <p>{text}</p>
                <label class="check">
                    <input type="checkbox" prop:checked=move || !is_open() on:change=move |ev| set_side_entry(id, event_target_checked(&ev)) />
                    <span>{label}</span>
                </label>
            </li>
        }
    };
    view! {
        <section class="section" id="funnel-chain" aria-labelledby="funnel-chain-title">
            <h2 id="funnel-chain-title">{lang.t(Msg::FaChainTitle)}</h2>
            <p class="hint">{lang.t(Msg::FaChainHint)}</p>
            <div role="status" data-testid="chain-check">
                {move || all_ok.get().then(|| view! { <p class="ok">{lang.get().t(Msg::FaChainOk)}</p> })}
                <ul class="flags">
                    <For each=move || listed.get() key=|line| *line children=line />
                </ul>
            </div>
        </section>
    }
}
