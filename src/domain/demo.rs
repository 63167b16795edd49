//! The demo plan: the worked figures of the spec, so a first-time visitor (or a sales
//! demo with no server) sees a complete plan.

use super::appointments::AppointmentSlot;
use super::budget::{Budget, CostLine, TotalSource, DEFAULT_SPLIT};
use super::entry::Entry;
use super::funnel::{ComparisonKind, FunnelStage};
use super::goals::{FigureRef, Goal, Indicator, LoopStage};
use super::kpi::{Dimension, Direction, EffectivenessRow, Measure, Unit};
use super::money::Currency;
use super::money::Fen;
use super::plan::{CampaignHeader, Funnel, Industry, Plan, RowId, Rows};
use super::playbooks::{budget_lines, cost, goal, indicator, scenario, spec_risks, Ids};
use super::scenario::{ResourceInventory, ScenarioRow};
use super::schema::CURRENT_VERSION;
use super::tasks::{Phase, Task};
use chrono::NaiveDate;
use std::sync::Arc;

pub fn demo_plan() -> Plan {
    let mut ids = 1..;
    let mut next = move || RowId(ids.next().expect("unbounded"));
    Plan {
        schema_version: CURRENT_VERSION,
        header: CampaignHeader {
            name: "线上线下联动拓展示范计划".into(),
            industry: Industry::Retail,
            start_date: date(2026, 9, 1),
            currency: Currency::CNY,
        },
        funnel: Funnel {
            stages: demo_funnel(&mut next),
            avg_order_value: Entry::Value(Fen(8_800)), // ¥88.00 per in-store purchase
            comparison: ComparisonKind::Periods,
        },
        phases: standard_phases(next().0),
        tasks: demo_tasks(&mut (100..).map(RowId)),
        effectiveness: demo_effectiveness(&mut (200..).map(RowId)),
        appointments: demo_appointments(&mut (300..).map(RowId)),
        playbook: None,
        scenarios: demo_scenarios(&mut Ids::from(400)),
        goals: demo_goals(&mut Ids::from(500)),
        indicators: demo_indicators(&mut Ids::from(600)),
        budget: Budget {
            source: TotalSource::FromRevenue,
            total: Entry::Empty,
            revenue: Entry::Value(Fen(1_000_000_000)), // ¥10,000,000 a year
            rate: Entry::Value(Measure(400)),          // 4% (seed 001: 3-5%)
        },
        budget_lines: budget_lines(&mut Ids::from(700), &DEFAULT_SPLIT),
        cost_lines: demo_costs(&mut Ids::from(800)),
        resources: ResourceInventory {
            stores: Entry::Value(12),
            regions: "北京、上海".into(),
            team_size: Entry::Value(36),
            tools: "会员系统、CRM、公众号、企业微信、抖音号".into(),
        },
        risks: spec_risks(&mut Ids::from(900)),
    }
}

/// Spec §1.2: the three rows of the scenario planning table.
fn demo_scenarios(ids: &mut Ids) -> Rows<ScenarioRow> {
    [
        [
            "新客引流",
            "快闪店体验活动",
            "公众号关注+社群入群",
            "3个月新增私域用户1万人",
            "场地费+物料费+人员费",
        ],
        [
            "老客复购",
            "会员日专属折扣",
            "会员系统优惠券推送",
            "季度复购率提升20%",
            "优惠成本+营销工具费",
        ],
        [
            "跨区域渗透",
            "本地经销商合作签约会",
            "区域KOL直播+团购套餐上线",
            "新区域月销售额破50万",
            "KOL费用+平台推广费",
        ],
    ]
    .into_iter()
    .map(|cells| Arc::new(scenario(ids, cells)))
    .collect()
}

/// The three scenarios' core goals as SMART goals (ids 500, 501, 502).
fn demo_goals(ids: &mut Ids) -> Rows<Goal> {
    [
        goal(ids, "私域用户数", Unit::Count, 0, 10_000, 3),
        goal(ids, "季度复购率", Unit::Percent, 25, 45, 3),
        goal(ids, "新区域月销售额", Unit::Money, 0, 500_000, 6),
    ]
    .map(Arc::new)
    .into()
}

/// The private-domain goal broken down along the loop, linked to the demo funnel (stage
/// ids 1-4) and KPIs (ids 200-204).
fn demo_indicators(ids: &mut Ids) -> Rows<Indicator> {
    use LoopStage::*;
    let (users, repurchase) = (RowId(500), RowId(501));
    [
        indicator(
            ids,
            users,
            Acquisition,
            "扫码关注人数",
            Unit::Count,
            10_000,
            Some(FigureRef::StageConverted(RowId(1))),
        ),
        indicator(
            ids,
            users,
            Conversion,
            "入群率",
            Unit::Percent,
            60,
            Some(FigureRef::StageRate(RowId(2))),
        ),
        indicator(
            ids,
            users,
            Retention,
            "私域用户活跃率",
            Unit::Percent,
            45,
            Some(FigureRef::Kpi(RowId(204))),
        ),
        indicator(
            ids,
            users,
            Referral,
            "好友拼团成团数",
            Unit::Count,
            300,
            None,
        ),
        indicator(
            ids,
            repurchase,
            Conversion,
            "优惠券核销率",
            Unit::Percent,
            35,
            Some(FigureRef::StageRate(RowId(3))),
        ),
        indicator(
            ids,
            repurchase,
            Retention,
            "OMO联动转化率",
            Unit::Percent,
            15,
            Some(FigureRef::Kpi(RowId(202))),
        ),
    ]
    .map(Arc::new)
    .into()
}

/// The scenarios' resources as costs: ¥400,000 split 40/30/20/10; online ads are
/// committed ¥10,000 over their ¥120,000, so the demo shows the flag.
fn demo_costs(ids: &mut Ids) -> Rows<CostLine> {
    [
        cost(ids, "新客引流", "快闪店场地费", "线下活动", 60_000),
        cost(ids, "新客引流", "物料费", "线下活动", 20_000),
        cost(ids, "新客引流", "人员费", "线下活动", 50_000),
        cost(ids, "老客复购", "会员日优惠成本", "线下活动", 30_000),
        cost(ids, "老客复购", "营销工具费", "工具采购", 30_000),
        cost(ids, "跨区域渗透", "KOL费用", "线上广告", 80_000),
        cost(ids, "跨区域渗透", "平台推广费", "线上广告", 50_000),
    ]
    .map(Arc::new)
    .into()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// Spec §3: four stages, 10000 → 324 (3.24% overall). Beside the spec's figures: a
/// target rate per stage and last month's counts (25%, 60%, 26%, 57.95%), so the
/// bottleneck and period comparison have something to show on a first visit.
fn demo_funnel(next: &mut impl FnMut() -> RowId) -> Rows<FunnelStage> {
    [
        (
            "门店扫码关注",
            (10_000, 3_000),
            "扫码流程复杂、福利吸引力不足",
            "简化扫码步骤,增加“关注即送小礼品”",
            (35, (10_000, 2_500)),
        ),
        (
            "社群入群",
            (3_000, 1_800),
            "入群引导话术不清晰",
            "优化地推话术,强调“专属福利+定期互动”",
            (60, (2_500, 1_500)),
        ),
        (
            "线上优惠券核销",
            (1_800, 540),
            "优惠券有效期短、使用门槛高",
            "延长有效期至15天,降低使用门槛",
            (40, (1_500, 390)),
        ),
        (
            "到店消费",
            (540, 324),
            "门店距离远、服务体验差",
            "推送“附近门店导航”,加强门店人员培训",
            (65, (390, 226)),
        ),
    ]
    .into_iter()
    .map(
        |(name, (reached, converted), loss_reason, measure, (target, previous))| FunnelStage {
            name: name.into(),
            reached: Entry::Value(reached),
            converted: Entry::Value(converted),
            loss_reason: loss_reason.into(),
            measure: measure.into(),
            target_rate: Entry::Value(Measure(target * 100)),
            previous_reached: Entry::Value(previous.0),
            previous_converted: Entry::Value(previous.1),
            ..FunnelStage::new(next())
        },
    )
    .map(Arc::new)
    .collect()
}

/// Spec §2: launch months 1-2, growth 3-5, steady from month 6 on. Ids from `first_id`.
pub fn standard_phases(first_id: u64) -> Rows<Phase> {
    [
        ("启动期", 1, Some(2)),
        ("增长期", 3, Some(5)),
        ("稳定期", 6, None),
    ]
    .into_iter()
    .zip(first_id..)
    .map(|((name, first, last), id)| Phase {
        id: RowId(id),
        name: name.into(),
        first_month: Entry::Value(first),
        last_month: last.map_or(Entry::Empty, Entry::Value),
    })
    .map(Arc::new)
    .collect()
}

/// Spec §2: the five rows of the breakdown (owners as in the source, "某").
fn demo_tasks(ids: &mut impl Iterator<Item = RowId>) -> Rows<Task> {
    [
        (
            "启动期",
            "私域社群搭建",
            "完成5个核心门店社群搭建",
            "第1周末",
            "社群用户数≥2000",
        ),
        (
            "启动期",
            "线下引流物料设计",
            "确认海报、地推话术终稿",
            "第2周末",
            "物料到店率100%",
        ),
        (
            "增长期",
            "线上活动策划",
            "3场直播+2期社群秒杀",
            "每月第1周",
            "活动GMV≥10万",
        ),
        (
            "增长期",
            "数据标签体系完善",
            "完成1000+用户标签分类",
            "每月第3周",
            "标签准确率≥90%",
        ),
        (
            "稳定期",
            "全域ROI优化",
            "分析各渠道转化率,调整预算",
            "每月底",
            "整体ROI提升15%",
        ),
    ]
    .into_iter()
    .zip(ids)
    .map(
        |((phase, monthly, weekly, deadline, deliverable), id)| Task {
            id,
            phase: phase.into(),
            monthly_task: monthly.into(),
            weekly_action: weekly.into(),
            owner: "某".into(),
            deadline: deadline.into(),
            deliverable: deliverable.into(),
        },
    )
    .map(Arc::new)
    .collect()
}

/// Spec §4.2: the five rows, with the months behind them so that the changes are derived.
fn demo_effectiveness(ids: &mut impl Iterator<Item = RowId>) -> Rows<EffectivenessRow> {
    use Dimension::*;
    use Direction::*;
    let pct = |v: i64| Entry::Value(Measure(v * 100));
    [
        (
            Traffic,
            "线下引流线上率",
            Unit::Percent,
            HigherIsBetter,
            [25, 30, 15, 30],
            "快闪店福利吸引力下降",
            "增加“关注即送线下9折券”",
        ),
        (
            Traffic,
            "线上导流线下率",
            Unit::Percent,
            HigherIsBetter,
            [8, 6, 3, 10],
            "视频内容中门店地址不突出",
            "视频开头3秒添加定位导航弹窗",
        ),
        (
            Conversion,
            "OMO联动转化率",
            Unit::Percent,
            HigherIsBetter,
            [12, 9, 4, 15],
            "线上优惠券核销后复购率低",
            "推出“核销券30天内可叠加使用”",
        ),
        (
            Efficiency,
            "单客获客成本(CAC)",
            Unit::Money,
            LowerIsBetter,
            [80, 90, 100, 75],
            "线下地推渠道成本过高",
            "减少低效商圈地推,增加门店自然引流",
        ),
        (
            Value,
            "私域用户活跃率",
            Unit::Percent,
            HigherIsBetter,
            [40, 35, 25, 45],
            "社群互动活动频次不足",
            "每周三增加“用户产品使用技巧”直播",
        ),
    ]
    .into_iter()
    .zip(ids)
    .map(
        |(
            (dimension, metric, unit, direction, [this, last, last_year, target], gap, action),
            id,
        )| EffectivenessRow {
            id,
            dimension,
            metric: metric.into(),
            unit,
            direction,
            this_month: pct(this),
            last_month: pct(last),
            last_year: pct(last_year),
            target: pct(target),
            gap_analysis: gap.into(),
            action: action.into(),
        },
    )
    .map(Arc::new)
    .collect()
}

/// Spec §6.3: three slots, vacancy / no-show 30% / 12.5%, 26.7% / 8.3%, 0% / 0%.
fn demo_appointments(ids: &mut impl Iterator<Item = RowId>) -> Rows<AppointmentSlot> {
    [
        (
            date(2026, 10, 15),
            "14:00-15:00",
            8,
            10,
            7,
            "增加临时接待人员1名",
        ),
        (
            date(2026, 10, 15),
            "15:00-16:00",
            12,
            15,
            11,
            "启动“时段候补转预约”机制",
        ),
        (date(2026, 10, 16), "10:00-11:00", 5, 8, 8, "正常运营"),
    ]
    .into_iter()
    .zip(ids)
    .map(
        |((day, slot, booked, reserved, arrived, action), id)| AppointmentSlot {
            id,
            date: Entry::Value(day),
            slot: slot.into(),
            booked: Entry::Value(booked),
            reserved: Entry::Value(reserved),
            arrived: Entry::Value(arrived),
            action: action.into(),
        },
    )
    .map(Arc::new)
    .collect()
}
