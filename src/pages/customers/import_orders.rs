//! The orders import: choose a CSV, read it in turns, see what was read and every row
//! that could not be.

use super::reading::{bad_rows_view, encoding_name, fill, reading_view, FileRead};
use crate::components::files::chosen_file;
use crate::components::sample::{as_file, SampleBadge, SampleTools};
use crate::domain::customers::orders::{OrderColumn, OrderRowError, OrdersReader};
use crate::domain::plan::samples::SampleFile;
use crate::i18n::{format_count, input_error_message, Lang, Msg};
use crate::state::analysis::{use_analysis, Shared};
use crate::state::use_lang;
use leptos::prelude::*;

/// An orders column's name, for the missing-columns message.
fn column_name(c: OrderColumn, l: Lang) -> &'static str {
    l.t(match c {
        OrderColumn::Customer => Msg::CsColCustomer,
        OrderColumn::Date => Msg::CsColDate,
        OrderColumn::Amount => Msg::CsColAmount,
        OrderColumn::Channel => Msg::CsColChannel,
        OrderColumn::Store => Msg::CsColStore,
    })
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
    let read = FileRead::new();

    // A chosen file and the sample take the same path; only the label differs.
    let read_file = move |file: web_sys::File, sample: bool| {
        data.orders.set(None);
        data.orders_sample.set(sample);
        read.start(file, lang, OrdersReader::new, column_name, move |orders| {
            let _ = data
                .orders
                .try_set(Some(Shared(std::sync::Arc::new(orders))));
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_file(&ev) {
            read_file(file, false);
        }
    };
    // The page's one button for both samples (super::SampleRequest).
    if let Some(request) = use_context::<super::SampleRequest>() {
        Effect::new(move |_| {
            if request.orders.get() {
                request.orders.set(false);
                if let Some(file) = as_file(SampleFile::Orders) {
                    read_file(file, true);
                }
            }
        });
    }

    let summary = move || {
        let l = lang.get();
        let encoding = read.encoding();
        data.orders.with(|o| {
            o.as_ref().map(|o| {
                let refunds = o.orders.iter().filter(|x| x.is_refund()).count();
                let mut text = fill(
                    l.t(Msg::CsOrdersRead),
                    &[
                        &format_count(o.rows as u64, l),
                        &format_count((o.orders.len() - refunds) as u64, l),
                        &format_count(o.customers.len() as u64, l),
                    ],
                );
                if refunds > 0 {
                    text.push_str(&fill(l.t(Msg::CsOrdersRefunds), &[&format_count(refunds as u64, l)]));
                }
                let enc = encoding.map(|e| format!(" ({})", encoding_name(e)));
                let bad: Vec<(usize, String)> = o
                    .bad
                    .iter()
                    .take(100)
                    .map(|b| (b.line, row_error(&b.reason, l)))
                    .collect();
                view! {
                    <p data-testid="orders-summary"><SampleBadge show=data.showing_sample_orders() />{text}{enc}</p>
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
            <p class="hint">{lang.t(Msg::CsRefundRule)}</p>
            <SampleTools sample=SampleFile::Orders on_try=move |f| read_file(f, true) test_id="orders-sample">
                <label class="btn file-btn">
                    {lang.t(Msg::CsChooseOrders)}
                    <input type="file" accept=".csv,text/csv,text/plain" class="sr-only" on:change=on_file data-testid="orders-file" />
                </label>
            </SampleTools>
            {reading_view(read.state, lang, "orders-progress")}
            {summary}
        </section>
    }
}
