//! What-if: change any stage's rate (or set all to target) and see the projected final
//! conversions and revenue beside today's. Rates and the order value are saved in the
//! plan, so a scenario survives a reload and is undone like any edit.

use super::table::{rates_source, stage_name_column};
use super::Disclosure;
use crate::components::field::EntryField;
use crate::components::table::{Column, ColumnKind, EditableTable};
use crate::domain::funnel::tools::{
    avg_order_value_error, clear_what_ifs, what_if, what_if_to_targets,
};
use crate::domain::funnel::FunnelStage;
use crate::domain::plan::Plan;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Unit;
use crate::domain::values::money::Fen;
use crate::i18n::{format_count, format_money, format_rate, Lang, Msg, NO_VALUE};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::collections::HashMap;

/// The projected (reached, converted) of each stage, by its id: one projection for the
/// table, which both figure columns of every row read (not one per cell).
type Projected = Memo<HashMap<RowId, (u64, u64)>>;

fn projected_by_stage(plan: &Plan) -> HashMap<RowId, (u64, u64)> {
    what_if(&plan.funnel).map_or_else(HashMap::new, |p| {
        plan.funnel
            .stages
            .iter()
            .zip(p.stages)
            .map(|(s, p)| (s.id, (p.reached, p.converted)))
            .collect()
    })
}

fn rate_columns(by_stage: Projected) -> Vec<Column<FunnelStage>> {
    type C = Column<FunnelStage>;
    let projected = move |s: &FunnelStage| by_stage.with(|p| p.get(&s.id).copied());
    let count =
        |n: Option<u64>, lang: Lang| n.map_or_else(|| NO_VALUE.into(), |n| format_count(n, lang));
    vec![
        stage_name_column(),
        C::derived(Msg::ColRate, |s, ctx| format_rate(s.rate(), ctx.lang)),
        C::entry(
            Msg::FaColTarget,
            ColumnKind::Percent,
            |s| &s.target_rate,
            |s| &mut s.target_rate,
        )
        .unit(|_, _| Some(Unit::Percent))
        .with_error(|s| FunnelStage::rate_entry_error(&s.target_rate)),
        C::entry(
            Msg::FaColWhatIf,
            ColumnKind::Percent,
            |s| &s.what_if_rate,
            |s| &mut s.what_if_rate,
        )
        .unit(|_, _| Some(Unit::Percent))
        .with_error(|s| FunnelStage::rate_entry_error(&s.what_if_rate)),
        C::derived_from_plan(Msg::FaColProjReached, &[], move |s, _, ctx| {
            count(projected(s).map(|p| p.0), ctx.lang)
        }),
        C::derived_from_plan(Msg::FaColProjConverted, &[], move |s, _, ctx| {
            count(projected(s).map(|p| p.1), ctx.lang)
        }),
    ]
}

/// "+108" / "-12" / "" (no change), beside a projected figure.
fn signed_change(change: i128, show: impl Fn(u128) -> String) -> String {
    match change {
        0 => String::new(),
        c if c > 0 => format!(" (+{})", show(c.unsigned_abs())),
        c => format!(" (-{})", show(c.unsigned_abs())),
    }
}

#[component]
pub fn WhatIf() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let projection = Memo::new(move |_| {
        store.read_parts(
            &[Part::FunnelStages, Part::AvgOrderValue, Part::Comparison],
            |p| what_if(&p.funnel),
        )
    });
    let by_stage: Projected = Memo::new(move |_| {
        store.read_parts(
            &[Part::FunnelStages, Part::AvgOrderValue, Part::Comparison],
            projected_by_stage,
        )
    });
    let currency = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.currency));
    let money = move |fen: Option<i64>| {
        fen.map_or_else(
            || NO_VALUE.into(),
            |f| format_money(Fen(f), currency.get(), lang.get()),
        )
    };
    let figures = move || {
        let l = lang.get();
        let Some(p) = projection.get() else {
            return view! { <p class="flag" data-testid="what-if-none">{l.t(Msg::FaNoProjection)}</p> }.into_any();
        };
        let count = |n: u64| format_count(n, l);
        let conv_change = signed_change(
            i128::from(p.final_conversions) - i128::from(p.baseline_final_conversions),
            |n| format_count(n as u64, l),
        );
        let revenue_change = match (p.revenue_fen, p.baseline_revenue_fen) {
            (Some(a), Some(b)) => signed_change(i128::from(a) - i128::from(b), |n| {
                format_money(Fen(n as i64), currency.get(), l)
            }),
            _ => String::new(),
        };
        let no_aov = p.revenue_fen.is_none();
        view! {
            <dl class="figures what-if-figures">
                <div class="figure">
                    <dt>{l.t(Msg::FaTodayFinal)}</dt>
                    <dd data-testid="today-final">{count(p.baseline_final_conversions)}</dd>
                </div>
                <div class="figure figure-main">
                    <dt>{l.t(Msg::FaProjectedFinal)}</dt>
                    <dd data-testid="projected-final">{count(p.final_conversions)}{conv_change}</dd>
                </div>
                <div class="figure">
                    <dt>{l.t(Msg::FaTodayRevenue)}</dt>
                    <dd data-testid="today-revenue">{money(p.baseline_revenue_fen)}</dd>
                </div>
                <div class="figure figure-main">
                    <dt>{l.t(Msg::FaProjectedRevenue)}</dt>
                    <dd data-testid="projected-revenue">{money(p.revenue_fen)}{revenue_change}</dd>
                </div>
            </dl>
            {no_aov.then(|| view! { <p class="hint">{l.t(Msg::FaNeedAov)}</p> })}
        }
        .into_any()
    };
    view! {
        <section class="section" id="funnel-what-if" aria-labelledby="funnel-what-if-title">
            <h2 id="funnel-what-if-title">{lang.t(Msg::FaWhatIfTitle)}</h2>
            <p class="hint">{lang.t(Msg::FaWhatIfHint)}</p>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend class="sr-only">{lang.t(Msg::FaWhatIfTitle)}</legend>
                    <EntryField id="funnel-aov" part=Part::AvgOrderValue label=Msg::FaAov unit=Unit::Money
                        get=|p| &p.funnel.avg_order_value get_mut=|p| &mut p.funnel.avg_order_value
                        error=|p| avg_order_value_error(&p.funnel) />
                    <div class="button-row align-end">
                        <button type="button" class="btn" on:click=move |_| store.edit(None, |p| what_if_to_targets(&mut p.funnel.stages))>
                            {lang.t(Msg::FaSetAllToTarget)}
                        </button>
                        <button type="button" class="btn" on:click=move |_| store.edit(None, |p| clear_what_ifs(&mut p.funnel.stages))>
                            {lang.t(Msg::FaClearWhatIf)}
                        </button>
                    </div>
                </fieldset>
            </form>
            <div role="status">{figures}</div>
            <Disclosure id="funnel-rates" label=Msg::FaEditRates>
                <EditableTable caption=Msg::FaRatesTable source=rates_source() columns=rate_columns(by_stage) add_label=Msg::AddStage csv_export=false />
            </Disclosure>
        </section>
    }
}
