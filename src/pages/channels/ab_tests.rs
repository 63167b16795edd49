//! A/B tests of the optimisation loop (spec §4.5): each test's uplift and significance,
//! the decision the SOP prescribes, and the winning action recorded as a versioned SOP.

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::channels::ab_test::{
    evaluate, sop_entry_for, AbIncomplete, AbResult, AbTest, Decision, SopEntry, Why,
};
use crate::domain::plan::parts::Part;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::{Measure, Unit};
use crate::i18n::{format_change, format_measure, Lang, Msg, NO_VALUE};
use crate::state::{use_lang, use_plan, use_today};
use leptos::prelude::*;
use std::sync::Arc;

table_row!(AbTest, name);
table_row!(SopEntry, name);

fn rate(v: Measure, lang: Lang) -> String {
    format_measure(v, Unit::Percent, Default::default(), lang)
}

fn result_text(
    r: &Result<AbResult, AbIncomplete>,
    lang: Lang,
    pick: fn(&AbResult, Lang) -> String,
) -> String {
    r.as_ref().map_or(NO_VALUE.into(), |r| pick(r, lang))
}

fn decision_text(r: &Result<AbResult, AbIncomplete>, lang: Lang) -> String {
    match r {
        Ok(r) => {
            let decision = match r.decision {
                Decision::RollOut => Msg::DecisionRollOut,
                Decision::Adjust => Msg::DecisionAdjust,
            };
            let why = match r.why {
                Why::MeetsTarget => Msg::WhyMeetsTarget,
                Why::NotSignificant => Msg::WhyNotSignificant,
                Why::BelowTarget => Msg::WhyBelowTarget,
                Why::NoBetter => Msg::WhyNoBetter,
            };
            format!("{}:{}", lang.t(decision), lang.t(why))
        }
        Err(AbIncomplete::MissingFigures) => lang.t(Msg::AbMissing).into(),
        Err(AbIncomplete::EmptyGroup) => lang.t(Msg::AbEmptyGroup).into(),
        Err(AbIncomplete::ConversionsExceedSize) => lang.t(Msg::AbExceeds).into(),
    }
}

pub(crate) fn test_columns() -> Vec<Column<AbTest>> {
    type C = Column<AbTest>;
    let n = ColumnKind::Integer;
    vec![
        C::text(Msg::ColTestName, |r| &r.name, |r| &mut r.name),
        C::text(Msg::ColTestChange, |r| &r.change, |r| &mut r.change),
        C::entry(
            Msg::ColControlSize,
            n,
            |r| &r.control_size,
            |r| &mut r.control_size,
        ),
        C::entry(
            Msg::ColControlConversions,
            n,
            |r| &r.control_conversions,
            |r| &mut r.control_conversions,
        ),
        C::entry(Msg::ColTestSize, n, |r| &r.test_size, |r| &mut r.test_size),
        C::entry(
            Msg::ColTestConversions,
            n,
            |r| &r.test_conversions,
            |r| &mut r.test_conversions,
        ),
        C::derived(Msg::ColControlRate, |r, ctx| {
            result_text(&evaluate(r), ctx.lang, |r, l| rate(r.control_rate, l))
        }),
        C::derived(Msg::ColTestRate, |r, ctx| {
            result_text(&evaluate(r), ctx.lang, |r, l| rate(r.test_rate, l))
        }),
        C::derived(Msg::ColUplift, |r, ctx| {
            result_text(&evaluate(r), ctx.lang, |r, l| {
                let points = format_change(r.uplift_points, Unit::Percent, Default::default(), l);
                match r.uplift_relative {
                    Some(rel) => format!(
                        "{points} ({})",
                        format_change(rel, Unit::Count, Default::default(), l) + "%"
                    ),
                    None => points,
                }
            })
        }),
        C::derived(Msg::ColPValue, |r, ctx| {
            result_text(&evaluate(r), ctx.lang, |r, l| match r.p_value {
                Some(p) if p < 0.001 => format!("<0.001 · {}", l.t(Msg::Significant)),
                Some(p) => format!(
                    "{p:.3} · {}",
                    l.t(if r.significant {
                        Msg::Significant
                    } else {
                        Msg::NotSignificant
                    })
                ),
                None => NO_VALUE.into(),
            })
        }),
        C::entry(
            Msg::ColTargetRate,
            ColumnKind::Percent,
            |r| &r.target_rate,
            |r| &mut r.target_rate,
        )
        .unit(|_, _| Some(Unit::Percent)),
        C::derived(Msg::ColDecision, |r, ctx| {
            decision_text(&evaluate(r), ctx.lang)
        }),
        C::text(Msg::ColSopName, |r| &r.sop_name, |r| &mut r.sop_name),
    ]
}

pub(crate) fn sop_columns() -> Vec<Column<SopEntry>> {
    type C = Column<SopEntry>;
    vec![
        C::text(Msg::ColSopName, |r| &r.name, |r| &mut r.name),
        C::text(Msg::ColSopVersion, |r| &r.version, |r| &mut r.version),
        C::text(Msg::ColSopAction, |r| &r.action, |r| &mut r.action),
        C::text(Msg::ColSopSource, |r| &r.source, |r| &mut r.source),
        C::entry(
            Msg::ColSopRecorded,
            ColumnKind::Date,
            |r| &r.recorded,
            |r| &mut r.recorded,
        ),
    ]
}

pub(crate) fn test_source() -> TableSource<AbTest> {
    TableSource {
        key: "ab-tests",
        part: Part::AbTests,
        rows: |p| &p.kpi.ab_tests,
        rows_mut: |p| &mut p.kpi.ab_tests,
        new_row: |id, lang| AbTest {
            name: lang.t(Msg::NewAbTest).into(),
            ..AbTest::new(id)
        },
    }
}

pub(crate) fn sop_source() -> TableSource<SopEntry> {
    TableSource {
        key: "sops",
        part: Part::Sops,
        rows: |p| &p.kpi.sops,
        rows_mut: |p| &mut p.kpi.sops,
        new_row: |id, _| SopEntry::new(id),
    }
}

#[component]
pub fn AbTestsSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    let tests = test_source();
    let sops = sop_source();
    // Tests the SOP says to roll out, with the version their entry would get.
    let winners = Memo::new(move |_| {
        store.read_parts(&[Part::AbTests, Part::Sops], |p| {
            p.kpi
                .ab_tests
                .iter()
                .filter(|t| evaluate(t).is_ok_and(|r| r.decision == Decision::RollOut))
                .map(|t| {
                    // The entry's id is not shown; the real one is given when it is recorded.
                    let entry = sop_entry_for(t, &p.kpi.sops, RowId(0), today.get());
                    (t.id, t.name.clone(), entry.name, entry.version)
                })
                .collect::<Vec<_>>()
        })
    });
    let record = move |test_id| {
        let day = today.get_untracked();
        store.edit(None, move |p| {
            let Some(test) = p.kpi.ab_tests.iter().find(|t| t.id == test_id).cloned() else {
                return;
            };
            let entry = sop_entry_for(&test, &p.kpi.sops, p.next_row_id(), day);
            p.kpi.sops.push(Arc::new(entry));
        });
    };
    view! {
        <section class="section" id="ab-tests" aria-labelledby="ab-tests-title">
            <h2 id="ab-tests-title">{lang.t(Msg::AbTestsTitle)}</h2>
            <p class="hint">{lang.t(Msg::AbTestsHint)}</p>
            <EditableTable caption=Msg::AbTestsTitle source=tests columns=test_columns() add_label=Msg::AddAbTest />
            <ul class="winners" data-testid="ab-winners">
                {move || winners.get().into_iter().map(|(id, test, sop, version)| {
                    let text = lang.get().t(Msg::RecordSop).replace("{sop}", &sop).replace("{version}", &version);
                    view! {
                        <li>
                            <span>{test}</span> " "
                            <button type="button" class="btn" on:click=move |_| record(id)>{text}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <EditableTable caption=Msg::SopTitle source=sops columns=sop_columns() add_label=Msg::AddSop />
        </section>
    }
}
