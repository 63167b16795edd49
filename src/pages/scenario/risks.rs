//! The risk register (spec §7): what could go wrong, how it shows, what is done about it.

use crate::components::table::{table_row, Column, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::scenario::{open_risks, Risk};
use crate::i18n::Msg;
use crate::pages::options::{RISK_STATUSES, RISK_STATUS_VALUES};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

table_row!(Risk, risk);

pub(crate) fn risk_source() -> TableSource<Risk> {
    TableSource {
        key: "risks",
        part: Part::Risks,
        rows: |p| &p.risks,
        rows_mut: |p| &mut p.risks,
        new_row: |id, lang| Risk {
            risk: lang.t(Msg::NewRisk).into(),
            ..Risk::new(id)
        },
    }
}

pub(crate) fn risk_columns() -> Vec<Column<Risk>> {
    type C = Column<Risk>;
    vec![
        C::text(Msg::ColRisk, |r| &r.risk, |r| &mut r.risk),
        C::text(Msg::ColSymptoms, |r| &r.symptoms, |r| &mut r.symptoms),
        C::text(Msg::ColMitigation, |r| &r.mitigation, |r| &mut r.mitigation),
        C::text(Msg::ColOwner, |r| &r.owner, |r| &mut r.owner),
        C::choice(
            Msg::ColStatus,
            RISK_STATUSES,
            RISK_STATUS_VALUES,
            |r| r.status,
            |r, v| r.status = v,
        ),
    ]
}

#[component]
pub fn RiskRegister() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let open = Memo::new(move |_| store.read_parts(&[Part::Risks], |p| open_risks(&p.risks)));
    view! {
        <section class="section" id="risks" aria-labelledby="risks-title">
            <h2 id="risks-title">{lang.t(Msg::RisksTitle)}</h2>
            <p class="hint" data-testid="open-risks">{move || lang.get().t(Msg::OpenRisks).replace("{}", &open.get().to_string())}</p>
            <EditableTable caption=Msg::RisksTitle source=risk_source() columns=risk_columns() add_label=Msg::AddRisk />
        </section>
    }
}
