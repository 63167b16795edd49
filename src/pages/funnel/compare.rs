//! The period comparison: the same funnel in a comparison period (last month, or variant
//! A of an A/B test) typed beside the main counts; per stage the change in percentage
//! points, each rate's Wilson 95% range, and a two-proportion z-test read out in plain
//! words.

use super::bottleneck::bp_text;
use super::table::{comparison_source, stage_name_column};
use super::{fill, Disclosure};
use crate::components::table::{Column, ColumnKind, EditableTable};
use crate::domain::funnel::analysis::Verdict;
use crate::domain::funnel::tools::{has_comparison, stage_comparison};
use crate::domain::funnel::{ComparisonKind, FunnelStage};
use crate::domain::values::ids::RowId;
use crate::domain::values::ratio::Ratio;
use crate::i18n::{format_points, format_rate, Lang, Msg, NO_VALUE};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

/// The comparison period's rate, when both its counts are valid and consistent.
pub(super) fn previous_rate(s: &FunnelStage) -> Option<Ratio> {
    let (&reached, &converted) = (s.previous_reached.value()?, s.previous_converted.value()?);
    if converted > reached {
        return None;
    }
    Ratio::new(converted, reached)
}

/// A Wilson range as "25.2%–34.9%" (the statistics are estimates: one decimal). Written
/// with integer tenths rather than `{:.1}`, which would pull float formatting's exact
/// mode into the download.
fn ci_text(ci: Option<(f64, f64)>) -> String {
    let tenths = |x: f64| {
        let t = (x * 1000.0).round() as i64; // finite and within 0..=1, checked below
        format!("{}.{}%", t / 10, t % 10)
    };
    match ci {
        Some((lo, hi)) if (0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi) => {
            format!("{}–{}", tenths(lo), tenths(hi))
        }
        _ => NO_VALUE.into(),
    }
}

/// A change in points, signed: "+5", "-2.05", "0"; "—" without one.
fn signed_points(bp: Option<i64>) -> String {
    match bp {
        Some(bp) => {
            let sign = match bp {
                b if b > 0 => "+",
                b if b < 0 => "-",
                _ => "",
            };
            let points = bp_text(u32::try_from(bp.unsigned_abs()).unwrap_or(u32::MAX));
            format!("{sign}{}", points.trim_end_matches('%'))
        }
        None => NO_VALUE.into(),
    }
}

/// A change in points with its unit: "+5个百分点" / "+5pp".
fn change_text(bp: Option<i64>, lang: Lang) -> String {
    match bp {
        Some(_) => format_points(&signed_points(bp), lang),
        None => NO_VALUE.into(),
    }
}

fn verdict_label(v: Verdict) -> Msg {
    match v {
        Verdict::SignificantlyHigher => Msg::FaVerdictHigher,
        Verdict::SignificantlyLower => Msg::FaVerdictLower,
        Verdict::NoClearDifference => Msg::FaVerdictSame,
        Verdict::NotEnoughData => Msg::FaVerdictNoData,
    }
}

fn comparison_columns() -> Vec<Column<FunnelStage>> {
    type C = Column<FunnelStage>;
    vec![
        stage_name_column(),
        C::entry(
            Msg::FaColPrevReached,
            ColumnKind::Integer,
            |s| &s.previous_reached,
            |s| &mut s.previous_reached,
        ),
        C::entry(
            Msg::FaColPrevConverted,
            ColumnKind::Integer,
            |s| &s.previous_converted,
            |s| &mut s.previous_converted,
        )
        .with_error(FunnelStage::previous_converted_error),
        C::derived(Msg::FaColPrevRate, |s, ctx| {
            format_rate(previous_rate(s), ctx.lang)
        }),
        C::derived(Msg::FaColCurRate, |s, ctx| format_rate(s.rate(), ctx.lang)),
        C::derived(Msg::FaColChange, |s, ctx| {
            change_text(stage_comparison(s).change_bp, ctx.lang)
        }),
        C::derived(Msg::FaColPrevCi, |s, _| ci_text(stage_comparison(s).ci_a)),
        C::derived(Msg::FaColCurCi, |s, _| ci_text(stage_comparison(s).ci_b)),
        C::derived(Msg::FaColVerdict, |s, ctx| {
            ctx.lang
                .t(verdict_label(stage_comparison(s).verdict))
                .to_string()
        }),
    ]
}

/// The labels of the main counts and of the comparison counts.
pub fn period_labels(kind: ComparisonKind, lang: Lang) -> (&'static str, &'static str) {
    match kind {
        ComparisonKind::Periods => (lang.t(Msg::FaLabelThisMonth), lang.t(Msg::FaLabelLastMonth)),
        ComparisonKind::Variants => (lang.t(Msg::FaLabelVariantB), lang.t(Msg::FaLabelVariantA)),
    }
}

/// One stage's comparison read out: its verdict and the sentence ("门店扫码关注:本月转化率
/// 30%,上月 25%,高出 5 个百分点。…").
fn sentence(stage: &FunnelStage, (current, previous): (&str, &str), l: Lang) -> (Verdict, String) {
    let c = stage_comparison(stage);
    let points = signed_points(c.change_bp.map(i64::abs));
    let points = points.trim_start_matches('+');
    let msg = match c.verdict {
        Verdict::SignificantlyHigher => Msg::FaSentenceHigher,
        Verdict::SignificantlyLower => Msg::FaSentenceLower,
        Verdict::NoClearDifference => Msg::FaSentenceSame,
        Verdict::NotEnoughData => Msg::FaSentenceNoData,
    };
    let text = fill(
        l.t(msg),
        &[
            &stage.name,
            current,
            &format_rate(c.rate_b, l),
            previous,
            &format_rate(c.rate_a, l),
            points,
        ],
    );
    (c.verdict, text)
}

#[component]
pub fn Comparison() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let kind = Memo::new(move |_| store.read_parts(&[Part::Comparison], |p| p.funnel.comparison));
    let set_kind = move |k: ComparisonKind| store.edit(None, |p| p.funnel.comparison = k);
    // A line per stage once any comparison count is typed. A keystroke in one stage's
    // counts re-words that stage's line only: each line reads its own row, and the list
    // follows the rows' order, not their counts.
    let any_typed = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| has_comparison(&p.funnel.stages))
    });
    let ids = Memo::new(move |_| {
        store.track_rows(Part::FunnelStages);
        store.read_untracked(|p| p.funnel.stages.iter().map(|s| s.id).collect::<Vec<_>>())
    });
    let line = move |(at, id): (usize, RowId)| {
        let sentence = Memo::new(move |_| {
            let l = lang.get();
            let labels = period_labels(kind.get(), l);
            store.read_row(Part::FunnelStages, id, &[], |p| {
                let stages = &p.funnel.stages;
                // The line's place, unless the rows moved since the list was drawn.
                let stage = stages
                    .get(at)
                    .filter(|s| s.id == id)
                    .or_else(|| stages.iter().find(|s| s.id == id))?;
                Some(sentence(stage, labels, l))
            })
        });
        let class = move || match sentence.with(|s| s.as_ref().map(|(v, _)| *v)) {
            Some(Verdict::SignificantlyHigher) => "verdict up",
            Some(Verdict::SignificantlyLower) => "verdict down",
            _ => "verdict",
        };
        view! { <li class=class>{move || sentence.with(|s| s.as_ref().map(|(_, text)| text.clone()))}</li> }
    };
    let radio = move |k: ComparisonKind, label: Msg| {
        view! {
            <label class="radio">
                <input type="radio" name="funnel-compare-kind" prop:checked=move || kind.get() == k on:change=move |_| set_kind(k) />
                <span>{lang.t(label)}</span>
            </label>
        }
    };
    view! {
        <section class="section" id="funnel-compare" aria-labelledby="funnel-compare-title">
            <h2 id="funnel-compare-title">{lang.t(Msg::FaCompareTitle)}</h2>
            <p class="hint">{lang.t(Msg::FaCompareHint)}</p>
            <div class="radio-row" role="radiogroup" aria-label=lang.t(Msg::FaCompareKind)>
                {radio(ComparisonKind::Periods, Msg::FaKindPeriods)}
                {radio(ComparisonKind::Variants, Msg::FaKindVariants)}
            </div>
            <div role="status" data-testid="comparison-verdicts">
                {move || {
                    if !any_typed.get() {
                        return view! { <p class="hint">{lang.get().t(Msg::FaNoComparison)}</p> }.into_any();
                    }
                    view! {
                        <ul class="verdicts">
                            <For
                                each=move || ids.get().into_iter().enumerate()
                                key=|line| *line
                                children=line
                            />
                        </ul>
                    }.into_any()
                }}
            </div>
            <p class="hint">{lang.t(Msg::FaCiHint)}</p>
            <Disclosure id="funnel-compare-counts" label=Msg::FaEditComparison>
                <EditableTable caption=Msg::FaCompareTable source=comparison_source() columns=comparison_columns() add_label=Msg::AddStage csv_export=false />
            </Disclosure>
        </section>
    }
}
