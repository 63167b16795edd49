//! The funnel as a CSV file for Excel / WPS: every stage with its counts as typed, the
//! derived rate and loss, the analysis fields and the comparison counts.

use super::bottleneck::bp_text;
use super::compare::previous_rate;
use crate::components::files::download;
use crate::domain::formats::csv;
use crate::domain::plan::Plan;
use crate::i18n::{format_rate, Lang, Msg};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

/// The rows of the file, header first. Counts are written as typed (an invalid cell's
/// text included: nothing is silently changed); figures that cannot be computed are "—".
pub fn funnel_rows(plan: &Plan, lang: Lang) -> Vec<Vec<String>> {
    let header = [
        Msg::ColStage,
        Msg::ColReached,
        Msg::ColConverted,
        Msg::ColRate,
        Msg::ColLoss,
        Msg::ColLossReason,
        Msg::ColMeasure,
        Msg::FaColTarget,
        Msg::FaColWhatIf,
        Msg::FaCsvSideEntry,
        Msg::FaColPrevReached,
        Msg::FaColPrevConverted,
        Msg::FaColPrevRate,
    ]
    .map(|m| lang.t(m).to_string());
    let rate_text = |bp: Option<u32>, typed: String| bp.map_or(typed, bp_text);
    let mut rows = vec![header.to_vec()];
    rows.extend(plan.funnel.stages.iter().map(|s| {
        vec![
            s.name.clone(),
            s.reached.text(),
            s.converted.text(),
            format_rate(s.rate(), lang),
            s.loss()
                .map_or_else(|| crate::i18n::NO_VALUE.into(), |n| n.to_string()),
            s.loss_reason.clone(),
            s.measure.clone(),
            rate_text(s.target_bp(), s.target_rate.text()),
            rate_text(s.what_if_bp(), s.what_if_rate.text()),
            lang.t(if s.side_entry { Msg::FaYes } else { Msg::FaNo })
                .into(),
            s.previous_reached.text(),
            s.previous_converted.text(),
            format_rate(previous_rate(s), lang),
        ]
    }));
    rows
}

#[component]
pub fn ExportCsv() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let export = move |_| {
        let text = store.read_untracked(|p| csv::write_csv(&funnel_rows(p, lang.get_untracked())));
        let name = match lang.get_untracked() {
            Lang::Zh => "转化漏斗.csv",
            Lang::En => "funnel.csv",
        };
        let _ = download(name, "text/csv;charset=utf-8", &text);
    };
    view! {
        <div class="button-row export-row">
            <button type="button" class="btn" on:click=export data-testid="export-csv">{lang.t(Msg::FaExportCsv)}</button>
            <span class="hint">{lang.t(Msg::FaExportHint)}</span>
        </div>
    }
}
