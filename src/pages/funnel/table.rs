//! The funnel table of spec §3 (the page's main table), and the sources of the analysis
//! tables that edit more fields of the same stages.

use crate::components::table::{table_row, Column, ColumnKind, TableSource};
use crate::domain::funnel::FunnelStage;
use crate::domain::plan::parts::Part;
use crate::i18n::{format_count, format_rate, Msg, NO_VALUE};

table_row!(FunnelStage, name);

/// The stages, as rows of a table named `key` (unique per page: it names cells' ids).
const fn stages_source(key: &'static str) -> TableSource<FunnelStage> {
    TableSource {
        key,
        part: Part::FunnelStages,
        rows: |p| &p.funnel.stages,
        rows_mut: |p| &mut p.funnel.stages,
        new_row: |id, lang| FunnelStage {
            name: lang.t(Msg::NewStage).to_string(),
            ..FunnelStage::new(id)
        },
    }
}

pub fn funnel_source() -> TableSource<FunnelStage> {
    stages_source("funnel")
}

pub fn funnel_columns() -> Vec<Column<FunnelStage>> {
    type C = Column<FunnelStage>;
    vec![
        C::text(Msg::ColStage, |s| &s.name, |s| &mut s.name),
        C::entry(
            Msg::ColReached,
            ColumnKind::Integer,
            |s| &s.reached,
            |s| &mut s.reached,
        )
        .with_error(FunnelStage::reached_error),
        C::entry(
            Msg::ColConverted,
            ColumnKind::Integer,
            |s| &s.converted,
            |s| &mut s.converted,
        )
        .with_error(FunnelStage::converted_error),
        C::derived(Msg::ColRate, |s, ctx| format_rate(s.rate(), ctx.lang)).phone_first(1),
        C::derived(Msg::ColLoss, |s, ctx| {
            s.loss()
                .map_or_else(|| NO_VALUE.into(), |n| format_count(n, ctx.lang))
        }),
        C::text(
            Msg::ColLossReason,
            |s| &s.loss_reason,
            |s| &mut s.loss_reason,
        ),
        C::text(Msg::ColMeasure, |s| &s.measure, |s| &mut s.measure),
    ]
}

/// The target / what-if rates table (what_if.rs).
pub fn rates_source() -> TableSource<FunnelStage> {
    stages_source("funnel_rates")
}

/// The comparison counts table (compare.rs).
pub fn comparison_source() -> TableSource<FunnelStage> {
    stages_source("funnel_compare")
}

/// The stage's name, read-only: the analysis tables are edited beside the main one, and
/// a stage is renamed there only.
pub fn stage_name_column() -> Column<FunnelStage> {
    Column::<FunnelStage>::derived(Msg::FaColStage, |s, _| s.name.clone())
}
