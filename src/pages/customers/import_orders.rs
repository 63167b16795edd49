//! The orders import: choose a CSV, read it in turns, see what was read and every row
//! that could not be.

use super::reading::{
    bad_rows_view, decode, encoding_name, fill, read_in_turns, reading_view, Reading,
};
use crate::components::files::chosen_file;
use crate::domain::customers::orders::{
    OrderColumn, OrderRowError, OrdersHeaderError, OrdersReader,
};
use crate::i18n::{format_count, input_error_message, Lang, Msg};
use crate::state::analysis::{use_analysis, Shared};
use crate::state::use_lang;
use leptos::prelude::*;

fn column_name(c: OrderColumn, l: Lang) -> &'static str {
    l.t(match c {
        OrderColumn::Customer => Msg::CsColCustomer,
        OrderColumn::Date => Msg::CsColDate,
        OrderColumn::Amount => Msg::CsColAmount,
        OrderColumn::Channel => Msg::CsColChannel,
        OrderColumn::Store => Msg::CsColStore,
    })
}

fn header_error(e: &OrdersHeaderError, l: Lang) -> String {
    match e {
        OrdersHeaderError::Empty => l.t(Msg::CsFileEmpty).into(),
        OrdersHeaderError::Missing(cols) => {
            let names: Vec<&str> = cols.iter().map(|c| column_name(*c, l)).collect();
            fill(l.t(Msg::CsMissingColumns), &[&names.join("、")])
        }
    }
}

fn row_error(e: &OrderRowError, l: Lang) -> String {
    match e {
        OrderRowError::MissingCustomer => l.t(Msg::CsRowNoCustomer).into(),
        OrderRowError::BadDate(t) => fill(l.t(Msg::CsRowBadDate), &[t]),
        OrderRowError::BadAmount(t, e) => {
            format!("{} ({t})", input_error_message(*e, l))
        }
        OrderRowError::BadChannel(t) => fill(l.t(Msg::CsRowBadChannel), &[t]),
    }
}

#[component]
pub fn OrdersImport() -> impl IntoView {
    let lang = use_lang();
    let data = use_analysis();
    let reading = RwSignal::new(Reading::Idle);
    let generation = StoredValue::new(0u64);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        data.orders.set(None);
        reading.set(Reading::Progress {
            rows: 0,
            percent: 0,
        });
        leptos::task::spawn_local(async move {
            let current = move || generation.try_with_value(|g| *g) == Some(gen);
            let Some((text, encoding)) = decode(&file).await else {
                let _ = reading.try_set(Reading::Failed(
                    lang.get_untracked().t(Msg::CsFileUnreadable).into(),
                ));
                return;
            };
            let reader = match OrdersReader::new(text) {
                Ok(r) => r,
                Err(e) => {
                    let _ =
                        reading.try_set(Reading::Failed(header_error(&e, lang.get_untracked())));
                    return;
                }
            };
            if let Some(orders) = read_in_turns(reader, reading, current).await {
                let _ = data
                    .orders
                    .try_set(Some(Shared(std::sync::Arc::new(orders))));
                let _ = reading.try_set(Reading::Done { encoding });
            }
        });
    };

    let summary = move || {
        let l = lang.get();
        let encoding = match reading.get() {
            Reading::Done { encoding } => Some(encoding),
            _ => None,
        };
        data.orders.with(|o| {
            o.as_ref().map(|o| {
                let text = fill(
                    l.t(Msg::CsOrdersRead),
                    &[
                        &format_count(o.rows as u64, l),
                        &format_count(o.orders.len() as u64, l),
                        &format_count(o.customers.len() as u64, l),
                    ],
                );
                let enc = encoding.map(|e| format!(" ({})", encoding_name(e)));
                let bad: Vec<(usize, String)> = o
                    .bad
                    .iter()
                    .take(100)
                    .map(|b| (b.line, row_error(&b.reason, l)))
                    .collect();
                view! {
                    <p data-testid="orders-summary">{text}{enc}</p>
                    {bad_rows_view(bad, o.bad_total, l, "orders-bad-rows")}
                }
            })
        })
    };

    view! {
        <section id="customers-import" aria-labelledby="customers-import-title">
            <h2 id="customers-import-title">{lang.t(Msg::CsImportTitle)}</h2>
            <p class="hint">{lang.t(Msg::CsImportHint)}</p>
            <p class="hint" data-testid="privacy-note">{lang.t(Msg::CsPrivacy)}</p>
            <div class="button-row">
                <label class="btn file-btn">
                    {lang.t(Msg::CsChooseOrders)}
                    <input type="file" accept=".csv,text/csv,text/plain" class="sr-only" on:change=on_file data-testid="orders-file" />
                </label>
            </div>
            {reading_view(reading, lang, "orders-progress")}
            {summary}
        </section>
    }
}
