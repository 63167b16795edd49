//! The demo plan: the worked figures of the spec, so a first-time visitor (or a sales
//! demo with no server) sees a complete plan.

use super::entry::Entry;
use super::funnel::FunnelStage;
use super::money::Currency;
use super::plan::{CampaignHeader, Funnel, Industry, Plan, RowId};
use super::schema::CURRENT_VERSION;
use chrono::NaiveDate;

pub fn demo_plan() -> Plan {
    Plan {
        schema_version: CURRENT_VERSION,
        header: CampaignHeader {
            name: "线上线下联动拓展示范计划".into(),
            industry: Industry::Retail,
            start_date: NaiveDate::from_ymd_opt(2026, 9, 1).expect("valid date"),
            currency: Currency::CNY,
        },
        funnel: Funnel { stages: demo_funnel() },
    }
}

/// Spec §3: four stages, 10000 → 324 (3.24% overall).
fn demo_funnel() -> Vec<FunnelStage> {
    let rows = [
        ("门店扫码关注", 10_000, 3_000, "扫码流程复杂、福利吸引力不足", "简化扫码步骤,增加“关注即送小礼品”"),
        ("社群入群", 3_000, 1_800, "入群引导话术不清晰", "优化地推话术,强调“专属福利+定期互动”"),
        ("线上优惠券核销", 1_800, 540, "优惠券有效期短、使用门槛高", "延长有效期至15天,降低使用门槛"),
        ("到店消费", 540, 324, "门店距离远、服务体验差", "推送“附近门店导航”,加强门店人员培训"),
    ];
    rows.into_iter()
        .zip(1..)
        .map(|((name, reached, converted, loss_reason, measure), id)| FunnelStage {
            id: RowId(id),
            name: name.into(),
            reached: Entry::Value(reached),
            converted: Entry::Value(converted),
            loss_reason: loss_reason.into(),
            measure: measure.into(),
        })
        .collect()
}
