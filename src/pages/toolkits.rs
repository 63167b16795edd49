//! 行业工具: the service-industry appointment table of spec §6.3 with vacancy and no-show.

use crate::components::table::{Column, ColumnKind, EditableTable, TableRow, TableSource};
use crate::domain::appointments::{overall_no_show, totals, AppointmentSlot};
use crate::domain::plan::{Industry, RowId};
use crate::i18n::{format_count, format_rate, Msg};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

impl TableRow for AppointmentSlot {
    fn id(&self) -> RowId {
        self.id
    }
    fn set_id(&mut self, id: RowId) {
        self.id = id;
    }
    /// "2026-10-15 14:00-15:00": a slot is named by its day and time.
    fn label(&self) -> String {
        format!("{} {}", self.date.text(), self.slot)
            .trim()
            .to_string()
    }
}

pub fn appointment_source() -> TableSource<AppointmentSlot> {
    TableSource {
        key: "appointments",
        rows: |p| &p.appointments,
        rows_mut: |p| &mut p.appointments,
        new_row: |id, _| AppointmentSlot::new(id),
    }
}

fn appointment_columns() -> Vec<Column<AppointmentSlot>> {
    type C = Column<AppointmentSlot>;
    vec![
        C::text(Msg::ColSlot, |a| &a.slot, |a| &mut a.slot),
        C::entry(Msg::ColDate, ColumnKind::Date, |a| &a.date, |a| &mut a.date),
        C::entry(
            Msg::ColBooked,
            ColumnKind::Integer,
            |a| &a.booked,
            |a| &mut a.booked,
        ),
        C::entry(
            Msg::ColReserved,
            ColumnKind::Integer,
            |a| &a.reserved,
            |a| &mut a.reserved,
        ),
        C::entry(
            Msg::ColArrived,
            ColumnKind::Integer,
            |a| &a.arrived,
            |a| &mut a.arrived,
        ),
        C::derived(Msg::ColVacancy, |a, ctx| format_rate(a.vacancy(), ctx.lang)),
        C::derived(Msg::ColNoShow, |a, ctx| format_rate(a.no_show(), ctx.lang)),
        C::text(Msg::ColResponse, |a| &a.action, |a| &mut a.action),
    ]
}

#[component]
pub fn ToolkitsPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let totals = Memo::new(move |_| store.read(|p| totals(&p.appointments)));
    let industry = move || {
        lang.get().t(match store.read(|p| p.header.industry) {
            Industry::Retail => Msg::IndustryRetail,
            Industry::Services => Msg::IndustryServices,
            Industry::FoodService => Msg::IndustryFoodService,
        })
    };
    view! {
        <section class="page">
            <p class="hint">{lang.t(Msg::ToolkitForIndustry)} {industry}</p>
            <h1>{lang.t(Msg::ToolkitsTitle)}</h1>
            <p class="intro">{lang.t(Msg::ToolkitsIntro)}</p>
            <dl class="figures">
                <div class="figure">
                    <dt>{lang.t(Msg::TotalBooked)}</dt>
                    <dd>{move || format_count(totals.get().0, lang.get())}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::TotalArrived)}</dt>
                    <dd>{move || format_count(totals.get().1, lang.get())}</dd>
                </div>
                <div class="figure figure-main">
                    <dt>{lang.t(Msg::OverallNoShow)}</dt>
                    <dd data-testid="overall-no-show">{move || format_rate(store.read(|p| overall_no_show(&p.appointments)), lang.get())}</dd>
                </div>
            </dl>
            <EditableTable caption=Msg::ToolkitsTitle source=appointment_source() columns=appointment_columns() add_label=Msg::AddSlot />
        </section>
    }
}
