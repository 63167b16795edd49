//! Lifecycle triggers: who gets a coupon, a phone call or an offline service voucher,
//! each list shown (first rows, phones masked) and exportable as CSV for Excel / WPS.

use super::segments::action_name;
use super::{Analysis, AnalysisMemo};
use crate::components::files::download;
use crate::components::sample::SampleBadge;
use crate::domain::customers::lifecycle::{lifecycle_lists, Trigger, TRIGGERS};
use crate::domain::customers::mask::mask_id;
use crate::domain::customers::orders::day_date;
use crate::domain::customers::rfm::Action;
use crate::domain::formats::csv::write_csv;
use crate::domain::plan::schema::export_file_name_with;
use crate::domain::values::entry::iso_date;
use crate::domain::values::money::{Currency, Fen};
use crate::i18n::{format_count, format_money, Lang, Msg};
use crate::state::analysis::{use_analysis, Shared};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

/// Rows shown per list; the export has them all.
const SHOWN: usize = 20;

fn trigger_action(t: Trigger) -> Action {
    match t {
        Trigger::Coupon => Action::Coupon,
        Trigger::PhoneCall => Action::PhoneCall,
        Trigger::ServiceVoucher => Action::ServiceVoucher,
    }
}

fn trigger_key(t: Trigger) -> &'static str {
    match t {
        Trigger::Coupon => "coupon",
        Trigger::PhoneCall => "call",
        Trigger::ServiceVoucher => "voucher",
    }
}

/// One list's rows as text: customer, last order, days without purchase, orders, AOV.
fn list_rows(
    a: &Analysis,
    names: &[String],
    ids: &[u32],
    unmask: bool,
    lang: Lang,
    currency: Currency,
) -> Vec<Vec<String>> {
    ids.iter()
        .map(|&c| {
            let s = &a.stats[c as usize];
            let name = &names[c as usize];
            vec![
                if unmask {
                    name.trim().to_string()
                } else {
                    mask_id(name)
                },
                day_date(s.last_day).map(iso_date).unwrap_or_default(),
                s.recency(a.as_of).to_string(),
                s.frequency.to_string(),
                format_money(Fen(s.aov()), currency, lang),
            ]
        })
        .collect()
}

const HEADERS: [Msg; 5] = [
    Msg::CsColCustomer,
    Msg::CsColLastOrder,
    Msg::CsColDaysSince,
    Msg::CsColOrders,
    Msg::CsColAov,
];

#[component]
pub fn Lifecycle(analysis: AnalysisMemo, values: super::value::ValueResults) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let data = use_analysis();
    let unmask = RwSignal::new(false);
    let lists = Memo::new(move |_| {
        let rules = store.read_parts(&[Part::Segments], |p| p.segments.rules());
        analysis.with(|a| {
            a.as_ref().map(|a| {
                Shared(std::sync::Arc::new(lifecycle_lists(
                    &a.stats, a.as_of, rules,
                )))
            })
        })
    });
    // The list of trigger `i` (TRIGGERS), or the value list (high value × high churn
    // risk, from the predicted-value section) for i = 3.
    let ids_of = move |i: usize| -> Option<(Vec<u32>, Msg)> {
        if i < TRIGGERS.len() {
            let lists = lists.get_untracked()?;
            Some((lists[i].clone(), action_name(trigger_action(TRIGGERS[i]))))
        } else {
            Some((values.get_untracked()?.at_risk.clone(), Msg::CvTriggerName))
        }
    };
    let export = move |i: usize| {
        let l = lang.get_untracked();
        let currency = store.read_untracked(|p| p.header.currency);
        let (Some(a), Some((ids, title))) = (analysis.get_untracked(), ids_of(i)) else {
            return;
        };
        let Some(orders) = data.orders.get_untracked() else {
            return;
        };
        let mut rows = vec![HEADERS
            .iter()
            .map(|h| l.t(*h).to_string())
            .collect::<Vec<_>>()];
        rows.extend(list_rows(
            &a,
            &orders.customers,
            &ids,
            unmask.get_untracked(),
            l,
            currency,
        ));
        let action = l.t(title);
        let plan = store.read_untracked(|p| p.header.name.clone());
        let name = export_file_name_with(&format!("{}-{}", plan.trim(), action), "csv");
        let _ = download(&name, "text/csv;charset=utf-8", &write_csv(&rows));
    };
    let list_view = move |i: usize| {
        move || {
            let l = lang.get();
            let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
            let a = analysis.get()?;
            let (ids, name, key) = if i < TRIGGERS.len() {
                let t = TRIGGERS[i];
                let lists = lists.get()?;
                (
                    lists[i].clone(),
                    action_name(trigger_action(t)),
                    trigger_key(t),
                )
            } else {
                let v = values.get()?;
                if v.fitted.rows.is_empty() {
                    return None;
                }
                (v.at_risk.clone(), Msg::CvTriggerName, "value")
            };
            let ids = &ids;
            let shown = data.orders.with(|o| {
                o.as_ref()
                    .map(|o| {
                        list_rows(
                            &a,
                            &o.customers,
                            &ids[..ids.len().min(SHOWN)],
                            false,
                            l,
                            currency,
                        )
                    })
                    .unwrap_or_default()
            });
            let title = format!(
                "{} · {}",
                l.t(name),
                crate::pages::customers::reading::fill(
                    l.t(Msg::CsNCustomers),
                    &[&format_count(ids.len() as u64, l)]
                )
            );
            let body = shown
                .into_iter()
                .map(|row| {
                    let mut cells = row.into_iter();
                    let first = cells.next().unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row">{first}</th>
                            {cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view();
            let more = (ids.len() > SHOWN).then(|| {
                view! { <p class="hint">{crate::pages::customers::reading::fill(l.t(Msg::CsListFirst), &[&SHOWN.to_string()])}</p> }
            });
            let rule = (i >= TRIGGERS.len())
                .then(|| view! { <p class="hint" data-testid="lifecycle-value-rule">{l.t(Msg::CvTriggerRule)}</p> });
            Some(view! {
                {rule}
                <div class="lifecycle-list">
                    <div class="table-scroll">
                        <table class="summary" data-testid=format!("lifecycle-{key}")>
                            <caption>{title}</caption>
                            <thead>
                                <tr>
                                    {HEADERS.iter().enumerate().map(|(c, h)| {
                                        let class = if c > 0 { "num" } else { "" };
                                        view! { <th scope="col" class=class>{l.t(*h)}</th> }
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                    {more}
                    <div class="button-row">
                        <button type="button" class="btn" data-testid=format!("export-{key}") on:click=move |_| export(i)>
                            {l.t(Msg::CsExportList)}
                        </button>
                    </div>
                </div>
            })
        }
    };
    view! {
        <section id="customers-lifecycle" aria-labelledby="customers-lifecycle-title">
            <h2 id="customers-lifecycle-title">{lang.t(Msg::CsLifecycleTitle)}<SampleBadge show=use_analysis().showing_sample_orders() /></h2>
            <p class="hint">{lang.t(Msg::CsLifecycleRule)}</p>
            {move || analysis.with(Option::is_none).then(|| view! { <p class="hint">{lang.t(Msg::CsNoOrders)}</p> })}
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || unmask.get() on:change=move |ev| unmask.set(event_target_checked(&ev)) />
                <span>{lang.t(Msg::CsUnmaskExport)}</span>
            </label>
            {list_view(0)}
            {list_view(1)}
            {list_view(2)}
            {list_view(3)}
        </section>
    }
}
