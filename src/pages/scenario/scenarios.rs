//! The scenario planning table (spec §1.2) and the resource inventory (spec §1.5).

use crate::components::field::PlanField;
use crate::components::table::{table_row, Column, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::scenario::ScenarioRow;
use crate::domain::values::entry::Entry;
use crate::i18n::Msg;
use crate::state::use_lang;
use leptos::prelude::*;

table_row!(ScenarioRow, kind);

pub(crate) fn scenario_source() -> TableSource<ScenarioRow> {
    TableSource {
        key: "scenarios",
        part: Part::Scenarios,
        rows: |p| &p.scenarios,
        rows_mut: |p| &mut p.scenarios,
        new_row: |id, lang| ScenarioRow {
            kind: lang.t(Msg::NewScenario).into(),
            ..ScenarioRow::new(id)
        },
    }
}

pub(crate) fn scenario_columns() -> Vec<Column<ScenarioRow>> {
    type C = Column<ScenarioRow>;
    vec![
        C::text(Msg::ColScenarioType, |r| &r.kind, |r| &mut r.kind),
        C::text(
            Msg::ColOfflineAction,
            |r| &r.offline_action,
            |r| &mut r.offline_action,
        ),
        C::text(
            Msg::ColOnlineFollowUp,
            |r| &r.online_follow_up,
            |r| &mut r.online_follow_up,
        ),
        C::text(Msg::ColCoreGoal, |r| &r.core_goal, |r| &mut r.core_goal),
        C::text(Msg::ColResources, |r| &r.resources, |r| &mut r.resources),
    ]
}

#[component]
pub fn ScenarioTable() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="section" id="scenarios" aria-labelledby="scenarios-title">
            <h2 id="scenarios-title">{lang.t(Msg::ScenarioTableTitle)}</h2>
            <EditableTable caption=Msg::ScenarioTableTitle source=scenario_source() columns=scenario_columns() add_label=Msg::AddScenario />
        </section>
    }
}

#[component]
pub fn ResourcesForm() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="section" id="resources" aria-labelledby="resources-title">
            <h2 id="resources-title">{lang.t(Msg::ResourcesTitle)}</h2>
            <p class="hint">{lang.t(Msg::ResourcesHint)}</p>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{lang.t(Msg::ResourcesOffline)}</legend>
                    <PlanField id="resources-stores" part=Part::Resources label=Msg::StoreCount input_mode="numeric"
                        text=|p| p.resources.stores.text()
                        write=|p, v| p.resources.stores = Entry::from_text(v)
                        error=|p| p.resources.stores_error() />
                    <PlanField id="resources-regions" part=Part::Resources label=Msg::RegionsCovered
                        text=|p| p.resources.regions.clone()
                        write=|p, v| p.resources.regions = v.to_string() />
                    <PlanField id="resources-team" part=Part::Resources label=Msg::TeamSize input_mode="numeric"
                        text=|p| p.resources.team_size.text()
                        write=|p, v| p.resources.team_size = Entry::from_text(v)
                        error=|p| p.resources.team_size_error() />
                </fieldset>
                <fieldset>
                    <legend>{lang.t(Msg::ResourcesOnline)}</legend>
                    <PlanField id="resources-tools" part=Part::Resources label=Msg::ToolsOnHand
                        text=|p| p.resources.tools.clone()
                        write=|p, v| p.resources.tools = v.to_string() />
                </fieldset>
            </form>
        </section>
    }
}
