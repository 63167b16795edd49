//! The chain check (spec §3: "flag when it is not"): each stage whose reached differs
//! from the previous stage's converted, with a switch to mark it as an intended side
//! entry, which silences the flag.

use super::fill;
use crate::domain::funnel::tools::open_chain_breaks;
use crate::domain::values::ids::RowId;
use crate::i18n::{format_count, Msg};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One line of the check: a break to look at, or a stage marked as a side entry.
#[derive(Clone, PartialEq)]
struct Item {
    id: RowId,
    name: String,
    /// (reached, previous stage's name, its converted) for an open break.
    open: Option<(u64, String, u64)>,
}

#[component]
pub fn ChainCheck() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let items = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| {
            let stages = &p.funnel.stages;
            let breaks: HashSet<usize> = open_chain_breaks(stages).into_iter().collect();
            let is_break = |i: &usize| breaks.contains(i);
            stages
                .iter()
                .enumerate()
                .filter(|(i, s)| s.side_entry || is_break(i))
                .map(|(i, s)| Item {
                    id: s.id,
                    name: s.name.clone(),
                    open: is_break(&i).then(|| {
                        let prev = &stages[i - 1];
                        (
                            s.reached.value().copied().unwrap_or_default(),
                            prev.name.clone(),
                            prev.converted.value().copied().unwrap_or_default(),
                        )
                    }),
                })
                .collect::<Vec<_>>()
        })
    });
    let set_side_entry = move |id: RowId, on: bool| {
        store.edit(None, |p| {
            if let Some(s) = p.funnel.stages.iter_mut().find(|s| s.id == id) {
                Arc::make_mut(s).side_entry = on;
            }
        });
    };
    // One line per stage, keyed by its id: ticking the box re-words the line but keeps
    // the checkbox (and the keyboard focus on it).
    // Where each line's item is, so that a line finds its own without a search through
    // all of them (a long funnel of pasted stages has a line per stage).
    let at = Memo::new(move |_| {
        items.with(|v| {
            v.iter()
                .enumerate()
                .map(|(k, i)| (i.id, k))
                .collect::<HashMap<_, _>>()
        })
    });
    let line = move |id: RowId| {
        let item = Memo::new(move |_| {
            let k = at.with(|at| at.get(&id).copied());
            items.with(|v| k.and_then(|k| v.get(k).cloned()))
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
                {move || {
                    items
                        .with(|items| items.iter().all(|i| i.open.is_none()))
                        .then(|| view! { <p class="ok">{lang.get().t(Msg::FaChainOk)}</p> })
                }}
                <ul class="flags">
                    <For each=move || items.with(|v| v.iter().map(|i| i.id).collect::<Vec<_>>()) key=|id| *id children=line />
                </ul>
            </div>
        </section>
    }
}
