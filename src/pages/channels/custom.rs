//! Metrics of the merchant's own (seed 001's 坪效, a no-show rate…): a name, a unit, a
//! direction and a formula over two inputs, with the inputs typed month by month.

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::channels::history::{CustomFormula, CustomMetric, CustomValue};
use crate::domain::plan::parts::Part;
use crate::domain::values::ids::RowId;
use crate::i18n::{format_measure, Msg, NO_VALUE};
use crate::pages::options::{
    custom_metric_options, DIMENSIONS, DIMENSION_VALUES, DIRECTIONS, DIRECTION_VALUES, UNITS,
    UNIT_VALUES,
};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

table_row!(CustomMetric, name);

table_row!(CustomValue, |v| v.month.text());

const FORMULAS: &[(&str, Msg)] = &[
    ("percent", Msg::FormulaPercent),
    ("ratio", Msg::FormulaRatio),
    ("difference", Msg::FormulaDifference),
    ("value", Msg::FormulaValue),
];
const FORMULA_VALUES: &[CustomFormula] = &[
    CustomFormula::Percent,
    CustomFormula::Ratio,
    CustomFormula::Difference,
    CustomFormula::Value,
];

fn metric_columns() -> Vec<Column<CustomMetric>> {
    type C = Column<CustomMetric>;
    vec![
        C::text(Msg::ColMetric, |r| &r.name, |r| &mut r.name),
        C::choice(
            Msg::ColDimension,
            DIMENSIONS,
            DIMENSION_VALUES,
            |r| r.dimension,
            |r, v| r.dimension = v,
        ),
        C::choice(
            Msg::ColUnit,
            UNITS,
            UNIT_VALUES,
            |r| r.unit,
            |r, v| r.unit = v,
        ),
        C::choice(
            Msg::ColDirection,
            DIRECTIONS,
            DIRECTION_VALUES,
            |r| r.direction,
            |r, v| r.direction = v,
        ),
        C::choice(
            Msg::ColFormula,
            FORMULAS,
            FORMULA_VALUES,
            |r| r.formula,
            |r, v| r.formula = v,
        ),
        C::text(Msg::ColNumerator, |r| &r.numerator, |r| &mut r.numerator),
        C::text(
            Msg::ColDenominator,
            |r| &r.denominator,
            |r| &mut r.denominator,
        ),
    ]
}

fn value_columns() -> Vec<Column<CustomValue>> {
    type C = Column<CustomValue>;
    vec![
        C::entry(
            Msg::ColMonth,
            ColumnKind::Text,
            |r| &r.month,
            |r| &mut r.month,
        ),
        C::choice_from_plan(
            Msg::ColCustomMetric,
            &[Part::CustomMetrics],
            custom_metric_options,
            |r| r.metric.0.to_string(),
            |r, key| {
                if let Ok(id) = key.parse() {
                    r.metric = RowId(id);
                }
            },
        ),
        C::entry(
            Msg::ColNumerator,
            ColumnKind::Percent,
            |r| &r.numerator,
            |r| &mut r.numerator,
        ),
        C::entry(
            Msg::ColDenominator,
            ColumnKind::Percent,
            |r| &r.denominator,
            |r| &mut r.denominator,
        ),
        C::derived_from_plan(Msg::ColValue, &[Part::CustomMetrics], |r, p, ctx| {
            p.kpi
                .custom_metrics
                .iter()
                .find(|m| m.id == r.metric)
                .and_then(|m| Some((m.compute(&r.numerator, &r.denominator)?, m.unit)))
                .map_or(NO_VALUE.into(), |(v, unit)| {
                    format_measure(v, unit, ctx.currency, ctx.lang)
                })
        }),
    ]
}

#[component]
pub fn CustomMetricsSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let has_metrics = Memo::new(move |_| {
        store.read_parts(&[Part::CustomMetrics], |p| !p.kpi.custom_metrics.is_empty())
    });
    let metrics = TableSource {
        key: "custom-metrics",
        part: Part::CustomMetrics,
        rows: |p| &p.kpi.custom_metrics,
        rows_mut: |p| &mut p.kpi.custom_metrics,
        new_row: |id, lang| CustomMetric {
            name: lang.t(Msg::NewMetric).into(),
            ..CustomMetric::new(id)
        },
    };
    let values = TableSource {
        key: "custom-values",
        part: Part::CustomValues,
        rows: |p| &p.kpi.custom_values,
        rows_mut: |p| &mut p.kpi.custom_values,
        // A new month goes to the first custom metric; the metric column changes it.
        new_row: |id, _| CustomValue::new(id, RowId(0)),
    };
    view! {
        <section class="section" id="custom-metrics" aria-labelledby="custom-metrics-title">
            <h2 id="custom-metrics-title">{lang.t(Msg::CustomMetricsTitle)}</h2>
            <p class="hint">{lang.t(Msg::CustomMetricsHint)}</p>
            <EditableTable caption=Msg::CustomMetricsTitle source=metrics columns=metric_columns() add_label=Msg::AddCustomMetric />
            <Show when=move || has_metrics.get()>
                <EditableTable caption=Msg::CustomValuesTitle source=values columns=value_columns() add_label=Msg::AddMonth />
            </Show>
        </section>
    }
}
