//! Segment migration: two dates typed by the merchant (by default the analysis day and
//! 90 days before), the four-layer matrix between them with the new customers' row, and
//! the upgrade / downgrade totals (domain/customers/migration.rs). Recomputed only when
//! the orders, a date's value or the cut-offs change, never on a keystroke that leaves
//! the date as it was. The section's heading and rule are the page's (mod.rs); this body
//! is in the `customer_sections` module, fetched once orders are read.

use super::reading::fill;
use crate::domain::customers::migration::{migration, Migration, MigrationError};
use crate::domain::customers::orders::{day_date, parse_day};
use crate::domain::customers::rfm::{Layer, LAYERS};
use crate::domain::values::entry::iso_date;
use crate::i18n::{format_count, Msg};
use crate::state::analysis::{use_analysis, Shared};
use crate::state::{use_lang, use_plan, Part};
use leptos::prelude::*;

/// Days before the analysis day of the default from date.
const DEFAULT_SPAN: i32 = 90;

fn layer_name(l: Layer) -> Msg {
    match l {
        Layer::HighValue => Msg::CsLayerHigh,
        Layer::Potential => Msg::CsLayerPotential,
        Layer::Silent => Msg::CsLayerSilent,
        Layer::Lost => Msg::CsLayerLost,
    }
}

/// A typed date: empty (the default), a day, or text that is no date (kept as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Typed {
    Empty,
    Day(i32),
    Bad(String),
}

fn typed(text: &str) -> Typed {
    let t = text.trim();
    if t.is_empty() {
        Typed::Empty
    } else {
        parse_day(t).map_or_else(|| Typed::Bad(t.to_string()), Typed::Day)
    }
}

fn date_text(day: i32) -> String {
    day_date(day).map(iso_date).unwrap_or_default()
}

#[component]
pub fn MigrationBody(as_of: Memo<Option<i32>>) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let data = use_analysis();
    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let from_typed = Memo::new(move |_| from_text.with(|t| typed(t)));
    let to_typed = Memo::new(move |_| to_text.with(|t| typed(t)));
    // The days in use: typed, or the defaults (a bad entry falls back and is flagged).
    let days = Memo::new(move |_| {
        let as_of = as_of.get()?;
        let to = match to_typed.get() {
            Typed::Day(d) => d,
            _ => as_of,
        };
        let from = match from_typed.get() {
            Typed::Day(d) => d,
            _ => to - DEFAULT_SPAN,
        };
        Some((from, to))
    });
    let cuts = Memo::new(move |_| store.read_parts(&[Part::Segments], |p| p.segments.cuts()));
    let result = Memo::new(move |_| {
        let (from, to) = days.get()?;
        let cuts = cuts.get();
        data.orders.with(|o| {
            let o = o.as_ref()?;
            Some(
                migration(&o.orders, o.customers.len(), from, to, cuts)
                    .map(|m| Shared(std::sync::Arc::new(m))),
            )
        })
    });

    let input =
        move |id: &'static str, label: Msg, text: RwSignal<String>, placeholder: Signal<String>| {
            view! {
                <label for=id>
                    <span>{lang.t(label)}</span>
                    <input id=id type="text" inputmode="numeric" autocomplete="off" data-testid=id
                        placeholder=move || placeholder.get()
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev)) />
                </label>
            }
        };
    let default_to = Signal::derive(move || as_of.get().map(date_text).unwrap_or_default());
    let default_from = Signal::derive(move || {
        days.get()
            .map(|(_, to)| date_text(to - DEFAULT_SPAN))
            .unwrap_or_default()
    });
    let flags = move || {
        let l = lang.get();
        [from_typed.get(), to_typed.get()]
            .into_iter()
            .filter_map(|t| match t {
                Typed::Bad(text) => Some(view! { <p class="flag" role="alert">{fill(l.t(Msg::CsMigrationBadDate), &[&text])}</p> }),
                _ => None,
            })
            .collect_view()
    };
    let matrix = move |m: &Migration| {
        let l = lang.get();
        let cell = |n: u64| view! { <td class="num">{format_count(n, l)}</td> };
        let to_sizes = m.to_sizes();
        let rows = LAYERS
            .iter()
            .enumerate()
            .map(|(i, &layer)| {
                let row = m.moved[i];
                view! {
                    <tr>
                        <th scope="row">{l.t(layer_name(layer))}</th>
                        {row.into_iter().map(cell).collect_view()}
                        <td class="num">{format_count(row.iter().sum(), l)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p data-testid="migration-in-use" role="status">{fill(l.t(Msg::CsMigrationInUse), &[&date_text(m.from_day), &date_text(m.to_day)])}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=l.t(Msg::CsMigrationCaption)>
                <table class="summary migration" data-testid="migration-matrix">
                    <caption>{l.t(Msg::CsMigrationCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{l.t(Msg::CsMigrationCorner)}</th>
                            {LAYERS.iter().map(|&x| view! { <th scope="col" class="num">{l.t(layer_name(x))}</th> }).collect_view()}
                            <th scope="col" class="num">{l.t(Msg::CsMigrationTotal)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows}
                        <tr>
                            <th scope="row">{l.t(Msg::CsMigrationNew)}</th>
                            {m.new.into_iter().map(cell).collect_view()}
                            <td class="num">{format_count(m.new.iter().sum(), l)}</td>
                        </tr>
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{l.t(Msg::CsMigrationTotal)}</th>
                            {to_sizes.into_iter().map(cell).collect_view()}
                            <td class="num">{format_count(m.to_total(), l)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p data-testid="migration-totals">
                {fill(l.t(Msg::CsMigrationTotals), &[
                    &format_count(m.upgrades, l),
                    &format_count(m.downgrades, l),
                    &format_count(m.stayed, l),
                    &format_count(m.sideways, l),
                    &format_count(m.new.iter().sum(), l),
                ])}
            </p>
        }
    };
    let shown = move || {
        let l = lang.get();
        match result.get() {
            None => view! { <p class="hint">{l.t(Msg::CsNoOrders)}</p> }.into_any(),
            Some(Err(MigrationError::Reversed)) => {
                let (from, to) = days.get().unwrap_or_default();
                view! {
                    <p class="flag" role="alert" data-testid="migration-reversed">
                        {fill(l.t(Msg::CsMigrationReversed), &[&date_text(from), &date_text(to)])}
                    </p>
                }
                .into_any()
            }
            Some(Ok(m)) => matrix(&m).into_any(),
        }
    };

    view! {
        <form class="form-grid" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                {input("migration-from", Msg::CsMigrationFrom, from_text, default_from)}
                {input("migration-to", Msg::CsMigrationTo, to_text, default_to)}
                <p class="hint wide">{lang.t(Msg::CsMigrationDateHint)}</p>
                {flags}
            </fieldset>
        </form>
        {shown}
    }
}
