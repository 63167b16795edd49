//! The demo plan: the worked figures of the spec, so a first-time visitor (or a sales
//! demo with no server) sees a complete plan.

use crate::domain::channels::ab_test::{AbTest, SopEntry};
use crate::domain::channels::alerts::{AlertCondition, AlertRule};
use crate::domain::channels::compare::{ChannelRow, Side};
use crate::domain::channels::effectiveness::EffectivenessRow;
use crate::domain::channels::history::{
    CustomFormula, CustomMetric, CustomValue, KpiMonth, MetricRef,
};
use crate::domain::channels::kpi_system::{KpiInputs, Metric};
use crate::domain::channels::month::YearMonth;
use crate::domain::channels::response::scenarios::ScenarioSpend;
use crate::domain::channels::response::{MixChannel, MixSettings, ResponseBook};
use crate::domain::channels::KpiBook;
use crate::domain::funnel::Funnel;
use crate::domain::funnel::{ComparisonKind, FunnelStage};
use crate::domain::plan::playbooks::{
    budget_lines, cost, goal, indicator, scenario, spec_risks, Ids,
};
use crate::domain::plan::schema::CURRENT_VERSION;
use crate::domain::plan::{CampaignHeader, Industry, Plan};
use crate::domain::scenario::budget::{Budget, CostLine, TotalSource, DEFAULT_SPLIT};
use crate::domain::scenario::goals::{FigureRef, Goal, Indicator, LoopStage};
use crate::domain::scenario::{ResourceInventory, ScenarioRow};
use crate::domain::tasks::deliverable::Deliverable;
use crate::domain::tasks::schedule::TaskStatus;
use crate::domain::tasks::{Phase, Task, DEFAULT_HORIZON_MONTHS};
use crate::domain::toolkits::appointments::{AppointmentAlerts, AppointmentSlot};
use crate::domain::toolkits::combos::Combo;
use crate::domain::toolkits::feedback::FeedbackItem;
use crate::domain::toolkits::stock::{StockRule, StoreStock};
use crate::domain::toolkits::tiers::{CustomerSpend, MemberTier, TierAssumptions};
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::{RowId, Rows};
use crate::domain::values::measure::{Dimension, Direction, Measure, Unit};
use crate::domain::values::money::Currency;
use crate::domain::values::money::Fen;
use chrono::{Days, NaiveDate};
use std::sync::Arc;

/// The demo campaign's first day; the spec's dated examples count from it.
const DEMO_START: NaiveDate = match NaiveDate::from_ymd_opt(2026, 9, 1) {
    Some(d) => d,
    None => panic!("valid demo date"),
};

pub fn demo_plan() -> Plan {
    let mut ids = 1..;
    let mut next = move || RowId(ids.next().expect("unbounded"));
    Plan {
        schema_version: CURRENT_VERSION,
        header: CampaignHeader {
            name: "线上线下联动拓展示范计划".into(),
            industry: Industry::Retail,
            start_date: DEMO_START,
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
        appointments: demo_appointments(&mut (300..).map(RowId), DEMO_START),
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
        horizon_months: Entry::Value(DEFAULT_HORIZON_MONTHS),
        stores: demo_stores(&mut Ids::from(1000)),
        stock_rule: StockRule::default(),
        tiers: demo_tiers(&mut Ids::from(1100)),
        customers: demo_customers(&mut Ids::from(1200)),
        tier_assumptions: TierAssumptions::default(),
        appointment_alerts: AppointmentAlerts::default(),
        feedback: demo_feedback(&mut Ids::from(1300), DEMO_START),
        combos: demo_combos(&mut Ids::from(1400)),
        kpi: demo_kpi(&mut Ids::from(1500)),
        mix: demo_mix(&mut Ids::from(5000)),
        segments: Default::default(),
        choice_texts: Default::default(),
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

/// Spec §2: the five rows of the breakdown (owners as in the source, "某"); the launch
/// tasks done, the growth tasks under way.
fn demo_tasks(ids: &mut impl Iterator<Item = RowId>) -> Rows<Task> {
    [
        (
            "启动期",
            "私域社群搭建",
            "完成5个核心门店社群搭建",
            "第1周末",
            "社群用户数≥2000",
            TaskStatus::Done,
        ),
        (
            "启动期",
            "线下引流物料设计",
            "确认海报、地推话术终稿",
            "第2周末",
            "物料到店率100%",
            TaskStatus::Done,
        ),
        (
            "增长期",
            "线上活动策划",
            "3场直播+2期社群秒杀",
            "每月第1周",
            "活动GMV≥10万",
            TaskStatus::InProgress,
        ),
        (
            "增长期",
            "数据标签体系完善",
            "完成1000+用户标签分类",
            "每月第3周",
            "标签准确率≥90%",
            TaskStatus::InProgress,
        ),
        (
            "稳定期",
            "全域ROI优化",
            "分析各渠道转化率,调整预算",
            "每月底",
            "整体ROI提升15%",
            TaskStatus::NotStarted,
        ),
    ]
    .into_iter()
    .zip(ids)
    .map(
        |((phase, monthly, weekly, deadline, deliverable, status), id)| Task {
            id,
            phase: phase.into(),
            monthly_task: monthly.into(),
            weekly_action: weekly.into(),
            owner: "某".into(),
            deadline: Entry::from_text(deadline),
            deliverable: Deliverable::parse_text(deliverable),
            status,
        },
    )
    .enumerate()
    .map(|(i, mut task)| {
        match i {
            // The community target follows the funnel live: 1,800 joined, short of 2,000.
            0 => task.deliverable.source = Some(FigureRef::StageConverted(RowId(2))),
            // Tag accuracy measured at 92%.
            3 => task.deliverable.actual = Entry::Value(Measure(9_200)),
            _ => {}
        }
        Arc::new(task)
    })
    .collect()
}

/// Spec §4.2: the five rows. Their figures come from the KPI history (`demo_kpi`).
fn demo_effectiveness(ids: &mut impl Iterator<Item = RowId>) -> Rows<EffectivenessRow> {
    use Metric::*;
    [
        (
            OfflineToOnline,
            "线下引流线上率",
            30,
            "快闪店福利吸引力下降",
            "增加“关注即送线下9折券”",
        ),
        (
            OnlineToOffline,
            "线上导流线下率",
            10,
            "视频内容中门店地址不突出",
            "视频开头3秒添加定位导航弹窗",
        ),
        (
            LinkedConversion,
            "OMO联动转化率",
            15,
            "线上优惠券核销后复购率低",
            "推出“核销券30天内可叠加使用”",
        ),
        (
            Cac,
            "单客获客成本(CAC)",
            75,
            "线下地推渠道成本过高",
            "减少低效商圈地推,增加门店自然引流",
        ),
        (
            PrivateDomainActive,
            "私域用户活跃率",
            45,
            "社群互动活动频次不足",
            "每周三增加“用户产品使用技巧”直播",
        ),
    ]
    .into_iter()
    .zip(ids)
    .map(
        |((metric, name, target, gap, action), id)| EffectivenessRow {
            id,
            metric: name.into(),
            source: MetricRef::Builtin(metric),
            target: Entry::Value(Measure(target * 100)),
            gap_analysis: gap.into(),
            action: action.into(),
        },
    )
    .map(Arc::new)
    .collect()
}

/// The KPI history behind spec §4.2: thirteen months, 2025-10 to 2026-10. The report
/// month, the month before and the same month a year earlier carry the spec's figures
/// (25% / 30% / 15% and so on); the months between move evenly from one to the other.
fn demo_kpi(ids: &mut Ids) -> KpiBook {
    // (a year before, last month, this month) for the inputs that move.
    let moving: [(u64, u64, u64); 6] = [
        (60, 120, 100),              // QR follows of 400 attendees: 15% → 30% → 25%
        (1_500, 3_000, 4_000),       // booked visits of 50,000 impressions: 3% → 6% → 8%
        (120, 270, 360),             // linked orders of 3,000 reached: 4% → 9% → 12%
        (30_000, 27_000, 24_000),    // spend (yuan) for 300 new payers: ¥100 → ¥90 → ¥80
        (1_250, 1_750, 2_000),       // active of 5,000 private-domain users: 25% → 35% → 40%
        (300_000, 348_000, 360_000), // sales (yuan)
    ];
    let first = YearMonth::new(2025, 10).expect("a valid month");
    let months = (0..13u64)
        .map(|i| {
            let at = |(before, last, this): (u64, u64, u64)| match i {
                12 => this,
                _ => {
                    let (before, last, i) = (before as i64, last as i64, i as i64);
                    (before + (last - before) * i / 11) as u64
                }
            };
            let [follows, booked, linked, spend, active, sales] = moving.map(at);
            let mut nps = std::array::from_fn(|_| Entry::Value(0));
            nps[10] = Entry::Value(30);
            nps[9] = Entry::Value(20);
            nps[8] = Entry::Value(25);
            nps[5] = Entry::Value(25);
            let yuan = |v: u64| Entry::Value(Fen(v as i64 * 100));
            KpiMonth {
                id: ids.fresh(),
                month: Entry::Value(first.add_months(i as i64).expect("a valid month")),
                inputs: KpiInputs {
                    event_attendees: Entry::Value(400),
                    event_qr_follows: Entry::Value(follows),
                    online_impressions: Entry::Value(50_000),
                    online_booked_visits: Entry::Value(booked),
                    new_users_online: Entry::Value(1_200),
                    new_users_offline: Entry::Value(800),
                    new_users_overlap: Entry::Value(150),
                    reached_users: Entry::Value(3_000),
                    linked_orders: Entry::Value(linked),
                    aov_omo: yuan(230),
                    aov_single_channel: yuan(200),
                    repurchase_days_before: Entry::Value(Measure(4_500)),
                    repurchase_days_after: Entry::Value(Measure(3_850)),
                    marketing_spend: yuan(spend),
                    new_paying_customers: Entry::Value(300),
                    sales: yuan(sales),
                    orders: Entry::Value(sales / 150), // ¥150 an order
                    headcount_online: Entry::Value(6),
                    headcount_offline: Entry::Value(30),
                    average_inventory_value: yuan(120_000),
                    private_domain_users: Entry::Value(5_000),
                    private_domain_active: Entry::Value(active),
                    customers: Entry::Value(8_000),
                    high_value_customers: Entry::Value(600),
                    nps_answers: nps,
                },
            }
        })
        .map(Arc::new)
        .collect();
    // Seed 001's 坪效: sales per m² of store space, a metric of the merchant's own.
    let per_m2 = CustomMetric {
        name: "坪效".into(),
        dimension: Dimension::Efficiency,
        unit: Unit::Money,
        direction: Direction::HigherIsBetter,
        formula: CustomFormula::Ratio,
        numerator: "门店销售额(元)".into(),
        denominator: "门店面积(㎡)".into(),
        ..CustomMetric::new(ids.fresh())
    };
    let custom_values = [(8, 324_000), (9, 348_000), (10, 360_000)]
        .map(|(m, sales)| CustomValue {
            month: Entry::Value(YearMonth::new(2026, m).expect("a valid month")),
            numerator: Entry::Value(Measure(sales * 100)),
            denominator: Entry::Value(Measure(1_200 * 100)),
            ..CustomValue::new(ids.fresh(), per_m2.id)
        })
        .map(Arc::new)
        .to_vec();
    // Seed 003: alerts on GMV, ROI and the order value (this month's ¥150 is under ¥160).
    let alerts = [
        (Metric::Gmv, AlertCondition::Below, 30_000_000),
        (Metric::Roi, AlertCondition::Below, 100_000),
        (Metric::Aov, AlertCondition::Below, 16_000),
    ]
    .map(|(metric, condition, threshold)| AlertRule {
        id: ids.fresh(),
        metric: MetricRef::Builtin(metric),
        condition,
        threshold: Entry::Value(Measure(threshold)),
    })
    .map(Arc::new)
    .to_vec();
    KpiBook {
        report_month: Entry::Value(YearMonth::new(2026, 10).expect("a valid month")),
        months,
        custom_metrics: vec![Arc::new(per_m2)],
        custom_values,
        alerts,
        channels: demo_channels(ids),
        ab_tests: demo_ab_tests(ids),
        sops: vec![Arc::new(SopEntry {
            name: "门店引流话术".into(),
            version: "V1.0".into(),
            action: "到店即邀请扫码入群,赠送小礼品".into(),
            source: String::new(),
            recorded: Entry::Value(date(2026, 6, 15)),
            ..SopEntry::new(ids.fresh())
        })],
    }
}

/// Issue 27's response analysis: six channels, online and offline, with 24 months of
/// spend, revenue and new customers generated from known curves (`response::synthetic`
/// states the rule), today's monthly budgets summing to the demo's 线上广告 + 线下活动
/// ÷ 12, and one named scenario.
fn demo_mix(ids: &mut Ids) -> ResponseBook {
    use crate::domain::channels::response::synthetic::{rows, DEMO, DEMO_MONTHS, DEMO_NOISE};
    let first = YearMonth::of(DEMO_START)
        .add_months(-(DEMO_MONTHS as i64))
        .expect("a valid month");
    let channels = DEMO
        .iter()
        .map(|&(name, online, _, budget)| {
            Arc::new(MixChannel {
                name: name.into(),
                side: if online { Side::Online } else { Side::Offline },
                budget: Entry::Value(Fen(budget)),
                ..MixChannel::new(ids.fresh())
            })
        })
        .collect();
    let mut history = Vec::new();
    for (k, (name, _, truth, _)) in DEMO.iter().enumerate() {
        let mut fresh = || ids.fresh();
        history.extend(
            rows(name, truth, k, first, DEMO_MONTHS, DEMO_NOISE, &mut fresh)
                .into_iter()
                .map(Arc::new),
        );
    }
    // "线下加码": the planner's idea of moving ¥2,000 from online to the pop-up store.
    let scenarios = DEMO
        .iter()
        .map(|&(name, _, _, budget)| {
            let spend = match name {
                "直播" => budget - 200_000,
                "快闪店" => budget + 200_000,
                _ => budget,
            };
            Arc::new(ScenarioSpend {
                scenario: "线下加码".into(),
                channel: name.into(),
                spend: Entry::Value(Fen(spend)),
                ..ScenarioSpend::new(ids.fresh())
            })
        })
        .collect();
    ResponseBook {
        channels,
        history,
        scenarios,
        settings: MixSettings::default(),
    }
}

/// Spec §4.3's channels, campaign to date, drawing on the budget split's two channel lines.
fn demo_channels(ids: &mut Ids) -> Rows<ChannelRow> {
    use Side::*;
    [
        (
            "公众号",
            Online,
            "线上广告",
            15_000,
            60_000,
            300,
            900,
            81_000,
        ),
        (
            "社群",
            Online,
            "线上广告",
            10_000,
            8_000,
            250,
            1_100,
            99_000,
        ),
        (
            "直播",
            Online,
            "线上广告",
            40_000,
            200_000,
            500,
            1_600,
            160_000,
        ),
        (
            "本地生活平台",
            Online,
            "线上广告",
            30_000,
            90_000,
            400,
            1_000,
            75_000,
        ),
        (
            "搜索广告",
            Online,
            "线上广告",
            20_000,
            50_000,
            120,
            260,
            26_000,
        ),
        (
            "快闪店",
            Offline,
            "线下活动",
            50_000,
            12_000,
            600,
            1_500,
            135_000,
        ),
        (
            "门店",
            Offline,
            "线下活动",
            20_000,
            30_000,
            700,
            3_000,
            270_000,
        ),
        (
            "地推",
            Offline,
            "线下活动",
            45_000,
            15_000,
            300,
            420,
            33_600,
        ),
        (
            "异业联盟",
            Offline,
            "线下活动",
            25_000,
            20_000,
            350,
            800,
            64_000,
        ),
    ]
    .map(
        |(name, side, category, spend, reach, new, orders, revenue)| ChannelRow {
            name: name.into(),
            side,
            budget_category: category.into(),
            spend: Entry::Value(Fen(spend * 100)),
            reach: Entry::Value(reach),
            new_customers: Entry::Value(new),
            orders: Entry::Value(orders),
            revenue: Entry::Value(Fen(revenue * 100)),
            ..ChannelRow::new(ids.fresh())
        },
    )
    .map(Arc::new)
    .to_vec()
}

/// Spec §4.5: the first action of the effectiveness table under test, and a second one
/// whose difference is still within chance.
fn demo_ab_tests(ids: &mut Ids) -> Rows<AbTest> {
    [
        (
            "关注即送9折券",
            "关注即送线下9折券",
            [2_000, 500, 2_000, 620],
            30,
            "门店引流话术",
        ),
        (
            "视频定位弹窗",
            "视频开头3秒添加定位导航弹窗",
            [5_000, 300, 5_000, 330],
            10,
            "短视频引流规范",
        ),
    ]
    .map(|(name, change, [nc, xc, nt, xt], target, sop)| AbTest {
        name: name.into(),
        change: change.into(),
        control_size: Entry::Value(nc),
        control_conversions: Entry::Value(xc),
        test_size: Entry::Value(nt),
        test_conversions: Entry::Value(xt),
        target_rate: Entry::Value(Measure(target * 100)),
        sop_name: sop.into(),
        ..AbTest::new(ids.fresh())
    })
    .map(Arc::new)
    .to_vec()
}

/// Spec §6.3: three slots, vacancy / no-show 30% / 12.5%, 26.7% / 8.3%, 0% / 0%. The
/// source's days (10月15日, 16日) fall 44 and 45 days after the demo's start (2026-09-01);
/// a plan starting elsewhere gets them as far into its own campaign.
pub fn demo_appointments(
    ids: &mut impl Iterator<Item = RowId>,
    start: NaiveDate,
) -> Rows<AppointmentSlot> {
    let day = |offset: u64| start + Days::new(offset);
    [
        (day(44), "14:00-15:00", 8, 10, 7, "增加临时接待人员1名"),
        (
            day(44),
            "15:00-16:00",
            12,
            15,
            11,
            "启动“时段候补转预约”机制",
        ),
        (day(45), "10:00-11:00", 5, 8, 8, "正常运营"),
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

fn yuan(y: i64) -> Entry<Fen> {
    Entry::Value(Fen(y * 100))
}

/// Spec §6.1: the three stores.
pub fn demo_stores(ids: &mut Ids) -> Rows<StoreStock> {
    [
        ("MB001", "北京市朝阳区", [50, 120, 15, 80]),
        ("MB002", "上海市浦东区", [30, 80, 8, 50]),
        ("MB003", "北京市海淀区", [100, 200, 25, 150]),
    ]
    .into_iter()
    .map(|(code, address, [online, shared, transfers, safety])| {
        Arc::new(StoreStock {
            id: ids.fresh(),
            code: code.into(),
            address: address.into(),
            online_stock: Entry::Value(online),
            shared_stock: Entry::Value(shared),
            transfers_7d: Entry::Value(transfers),
            safety_stock: Entry::Value(safety),
        })
    })
    .collect()
}

/// Spec §6.2: silver, gold, black gold. Coupons and points as the source states them
/// (¥20 off ¥200 once a month; ¥50 off ¥500 twice; ¥1 = 1 point; 100 points = ¥1); the
/// black-gold community discount is a price, not a coupon.
pub fn demo_tiers(ids: &mut Ids) -> Rows<MemberTier> {
    [
        (
            "银卡",
            2_000,
            "生日当月到店享8.5折",
            "每月1张满200减20元券",
            "线下消费可累积线上积分(1元=1积分)",
            20,
            1,
        ),
        (
            "金卡",
            5_000,
            "专属导购服务+免费包装",
            "每月2张满500减50元券",
            "线上订单可享门店免费退换货",
            50,
            2,
        ),
        (
            "黑金卡",
            10_000,
            "新品优先体验+线下活动VIP席位",
            "私域社群专属折扣(低至7折)",
            "线上线下积分通用(100积分=1元)",
            0,
            0,
        ),
    ]
    .into_iter()
    .map(
        |(name, threshold, offline, online, linked, coupon, count)| {
            Arc::new(MemberTier {
                id: ids.fresh(),
                name: name.into(),
                threshold: yuan(threshold),
                offline_benefit: offline.into(),
                online_benefit: online.into(),
                linked_benefit: linked.into(),
                coupon_value: yuan(coupon),
                coupons_per_month: Entry::Value(count),
                points_earned_per_yuan: Entry::Value(Measure(100)),
                points_per_yuan_burned: Entry::Value(100),
            })
        },
    )
    .collect()
}

/// Illustrative members' annual spend, to show the tiers filling (the source has none).
fn demo_customers(ids: &mut Ids) -> Rows<CustomerSpend> {
    [
        ("会员0001", 1_280),
        ("会员0002", 2_350),
        ("会员0003", 3_900),
        ("会员0004", 4_999),
        ("会员0005", 5_000),
        ("会员0006", 7_600),
        ("会员0007", 12_800),
        ("会员0008", 26_000),
    ]
    .into_iter()
    .map(|(customer, spend)| {
        Arc::new(CustomerSpend {
            id: ids.fresh(),
            customer: customer.into(),
            annual_spend: yuan(spend),
        })
    })
    .collect()
}

/// Spec §6.4: three feedback items. The source's deadlines (11月30日, 10月31日) fall 90
/// and 60 days after the demo's start (2026-09-01); a plan starting elsewhere gets them
/// as far into its own campaign, so none is late on its first day.
pub fn demo_feedback(ids: &mut Ids, start: NaiveDate) -> Rows<FeedbackItem> {
    [
        (
            "服务效率",
            3,
            "线上预约后等了20分钟才轮到",
            "优化预约时段划分,增加“快速通道”",
            "运营部",
            Some(90),
        ),
        (
            "专业度",
            4,
            "顾问对产品细节不熟悉",
            "开展每周产品知识培训",
            "培训部",
            Some(60),
        ),
        (
            "环境体验",
            5,
            "门店环境干净,音乐很舒服",
            "维持现有标准",
            "门店管理部",
            None,
        ),
    ]
    .into_iter()
    .map(|(dimension, score, words, improvement, department, due)| {
        Arc::new(FeedbackItem {
            id: ids.fresh(),
            dimension: dimension.into(),
            score: Entry::Value(score),
            words: words.into(),
            improvement: improvement.into(),
            department: department.into(),
            deadline: due.map_or(Entry::Empty, |days| Entry::Value(start + Days::new(days))),
            done: false,
        })
    })
    .collect()
}

/// Spec §6.5: the traffic combo in full; the source breaks off after the second combo's
/// name, so only what it says is kept.
pub fn demo_combos(ids: &mut Ids) -> Rows<Combo> {
    vec![
        Arc::new(Combo {
            id: ids.fresh(),
            combo_type: "引流套餐".into(),
            delivery_items: "单人工作餐(主食+小菜+饮品)".into(),
            delivery_price: yuan(25),
            dine_in_items: "商务双人餐(2份主食+4份小菜+2饮品)".into(),
            dine_in_price: yuan(68),
            coupon_threshold: yuan(50),
            coupon_discount: yuan(10),
            coupon_scope: "外卖订单赠券,限堂食使用".into(),
            target: "上班族".into(),
        }),
        Arc::new(Combo {
            combo_type: "复购套餐".into(),
            delivery_items: "家庭分享装(3份主…)".into(),
            ..Combo::new(ids.fresh())
        }),
    ]
}
