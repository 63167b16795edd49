//! Starting a plan from a stage playbook and an industry (spec §1.1): every section is
//! filled with rows written from the spec's examples, so a merchant edits a plan that
//! already fits instead of starting from empty tables.

use crate::domain::channels::effectiveness::EffectivenessRow;
use crate::domain::channels::history::{CustomFormula, CustomMetric, MetricRef};
use crate::domain::channels::kpi_system::Metric;
use crate::domain::channels::KpiBook;
use crate::domain::funnel::Funnel;
use crate::domain::funnel::FunnelStage;
use crate::domain::plan::demo::{
    demo_appointments, demo_combos, demo_feedback, demo_stores, demo_tiers,
};
use crate::domain::plan::schema::CURRENT_VERSION;
use crate::domain::plan::{CampaignHeader, Industry, Plan};
use crate::domain::scenario::budget::{Budget, BudgetLine, CostLine, TotalSource, DEFAULT_SPLIT};
use crate::domain::scenario::goals::{FigureRef, Goal, GoalDeadline, Indicator, LoopStage};
use crate::domain::scenario::{Playbook, ResourceInventory, Risk, RiskStatus, ScenarioRow};
use crate::domain::tasks::deliverable::Deliverable;
use crate::domain::tasks::schedule::TaskStatus;
use crate::domain::tasks::{Task, DEFAULT_HORIZON_MONTHS};
use crate::domain::toolkits::appointments::AppointmentAlerts;
use crate::domain::toolkits::stock::StockRule;
use crate::domain::toolkits::tiers::TierAssumptions;
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::{RowId, Rows};
use crate::domain::values::measure::{Dimension, Direction, Measure, Unit};
use crate::domain::values::money::{Currency, Fen};
use chrono::NaiveDate;
use std::sync::Arc;

/// Hands out row ids in order, so every row of a generated plan has its own.
pub struct Ids(u64);

impl Ids {
    pub fn from(first: u64) -> Ids {
        Ids(first)
    }

    pub fn fresh(&mut self) -> RowId {
        self.0 += 1;
        RowId(self.0 - 1)
    }

    /// The first of `n` consecutive ids, for builders that number their own rows.
    pub fn block(&mut self, n: u64) -> u64 {
        self.0 += n;
        self.0 - n
    }
}

fn rows<T>(items: impl IntoIterator<Item = T>) -> Rows<T> {
    items.into_iter().map(Arc::new).collect()
}

/// A scenario row from the five columns of spec §1.2.
pub fn scenario(ids: &mut Ids, cells: [&str; 5]) -> ScenarioRow {
    let [kind, offline, online, goal, resources] = cells;
    ScenarioRow {
        id: ids.fresh(),
        kind: kind.into(),
        offline_action: offline.into(),
        online_follow_up: online.into(),
        core_goal: goal.into(),
        resources: resources.into(),
    }
}

/// A SMART goal; values in whole units of `unit`.
pub fn goal(
    ids: &mut Ids,
    metric: &str,
    unit: Unit,
    baseline: i64,
    target: i64,
    months: u32,
) -> Goal {
    Goal {
        id: ids.fresh(),
        metric: metric.into(),
        unit,
        baseline: Entry::Value(Measure(baseline * 100)),
        target: Entry::Value(Measure(target * 100)),
        deadline: Entry::Value(GoalDeadline::WithinMonths(months)),
    }
}

pub fn indicator(
    ids: &mut Ids,
    goal: RowId,
    stage: LoopStage,
    name: &str,
    unit: Unit,
    target: i64,
    source: Option<FigureRef>,
) -> Indicator {
    Indicator {
        id: ids.fresh(),
        goal: Some(goal),
        stage,
        name: name.into(),
        unit,
        target: Entry::Value(Measure(target * 100)),
        source,
    }
}

/// Budget lines with their shares in whole percent.
pub fn budget_lines(ids: &mut Ids, split: &[(&str, i64)]) -> Rows<BudgetLine> {
    rows(split.iter().map(|&(category, share)| BudgetLine {
        id: ids.fresh(),
        category: category.into(),
        share: Entry::Value(Measure(share * 100)),
    }))
}

/// A cost line in whole yuan.
pub fn cost(ids: &mut Ids, scenario: &str, item: &str, category: &str, yuan: i64) -> CostLine {
    CostLine {
        id: ids.fresh(),
        scenario: scenario.into(),
        item: item.into(),
        category: category.into(),
        amount: Entry::Value(Fen(yuan * 100)),
    }
}

/// The four risks of spec §7 with their mitigations; owners from seed 001.
pub fn spec_risks(ids: &mut Ids) -> Rows<Risk> {
    rows(
        [
            (
                "线上线下数据不通",
                "会员在门店与小程序各有一套记录,月度对账差异大",
                "以手机号统一用户ID,选用可API对接的工具,每月对账",
                "明",
                RiskStatus::Watching,
            ),
            (
                "渠道冲突",
                "门店抵触线上订单,线上价格冲击门店",
                "线上负责触达、线下负责体验,权益差异化,线上订单到店自提给门店分佣",
                "华",
                RiskStatus::Open,
            ),
            (
                "体验不一致",
                "线上承诺与门店服务不符,投诉增多",
                "统一服务SOP,线上线下交叉培训,设置反馈节点并在24小时内回复",
                "雪",
                RiskStatus::Open,
            ),
            (
                "隐私合规",
                "收集信息超出必要范围,用户拒绝授权",
                "最小必要采集,取得用户同意,手机号与地址加密存储",
                "磊",
                RiskStatus::Open,
            ),
        ]
        .map(|(risk, symptoms, mitigation, owner, status)| Risk {
            id: ids.fresh(),
            risk: risk.into(),
            symptoms: symptoms.into(),
            mitigation: mitigation.into(),
            owner: owner.into(),
            status,
        }),
    )
}

/// A task of the breakdown in the planner's words.
pub fn task(ids: &mut Ids, cells: [&str; 6]) -> Task {
    let [phase, monthly, weekly, owner, deadline, deliverable] = cells;
    Task {
        id: ids.fresh(),
        phase: phase.into(),
        monthly_task: monthly.into(),
        weekly_action: weekly.into(),
        owner: owner.into(),
        deadline: Entry::from_text(deadline),
        deliverable: Deliverable::parse_text(deliverable),
        status: TaskStatus::NotStarted,
    }
}

/// A KPI to watch, with its target and no figures yet (they come month by month).
fn kpi(ids: &mut Ids, source: MetricRef, metric: &str, target: i64) -> EffectivenessRow {
    EffectivenessRow {
        metric: metric.into(),
        target: Entry::Value(Measure(target * 100)),
        ..EffectivenessRow::new(ids.fresh(), source)
    }
}

/// The funnel stages an industry's customers go through, with a first month's counts as
/// the merchant's starting point (replaced by their own as they come in). Each stage's
/// reached is the previous stage's converted, so the chain check holds. Retail is spec §3
/// (10000 → 324, 3.24%); services keep the no-show at the 10% their KPI aims for;
/// food service hands a dine-in coupon to the orders over ¥50 (spec §6.5).
fn industry_funnel(ids: &mut Ids, industry: Industry) -> Rows<FunnelStage> {
    type Stage = (&'static str, &'static str, u64, u64);
    let stages: [Stage; 4] = match industry {
        Industry::Retail => [
            (
                "门店扫码关注",
                "简化扫码步骤,增加“关注即送小礼品”",
                10_000,
                3_000,
            ),
            (
                "社群入群",
                "优化地推话术,强调“专属福利+定期互动”",
                3_000,
                1_800,
            ),
            (
                "线上优惠券核销",
                "延长有效期至15天,降低使用门槛",
                1_800,
                540,
            ),
            ("到店消费", "推送“附近门店导航”,加强门店人员培训", 540, 324),
        ],
        Industry::Services => [
            (
                "到店体验扫码",
                "体验结束当场邀请扫码,赠送下次服务券",
                2_000,
                1_200,
            ),
            ("线上预约", "预约入口置顶,开放候补转预约", 1_200, 480),
            ("按时到店", "提前一天提醒,爽约释放名额", 480, 432),
            ("购买套餐", "顾问按线上偏好推荐,到店即可办理", 432, 108),
        ],
        Industry::FoodService => [
            ("外卖下单", "“单人工作餐”引流,袋内附堂食券", 20_000, 1_600),
            ("领取堂食券", "外卖满50元减10元券限堂食使用", 1_600, 800),
            ("到店核销", "券面标注最近门店与营业时间", 800, 240),
            ("二次到店", "到店即入会员群,推送会员日套餐", 240, 96),
        ],
    };
    rows(
        stages.map(|(name, measure, reached, converted)| FunnelStage {
            name: name.into(),
            measure: measure.into(),
            reached: Entry::Value(reached),
            converted: Entry::Value(converted),
            ..FunnelStage::new(ids.fresh())
        }),
    )
}

/// What a final conversion is worth, for the funnel's what-if revenue: the demo's ¥88
/// in-store purchase (retail), a ¥500 service package (seed 000's high-value customers
/// spend over ¥500 a visit), the ¥68 two-person dine-in set (spec §6.5).
fn industry_order_value(industry: Industry) -> Fen {
    match industry {
        Industry::Retail => Fen(8_800),
        Industry::Services => Fen(50_000),
        Industry::FoodService => Fen(6_800),
    }
}

/// The budget's total, derived from a year's revenue × a rate within seed 001's 3-5%:
/// retail is the demo's ¥10,000,000 × 4%; services spend a larger share on marketing
/// (¥8,000,000 × 5%), food service a smaller one on a larger turnover
/// (¥12,000,000 × 3%). Each covers every playbook's cost lines within its split.
fn industry_budget(industry: Industry) -> Budget {
    let (revenue_yuan, rate_percent) = match industry {
        Industry::Retail => (10_000_000, 4),
        Industry::Services => (8_000_000, 5),
        Industry::FoodService => (12_000_000, 3),
    };
    Budget {
        source: TotalSource::FromRevenue,
        total: Entry::Empty,
        revenue: Entry::Value(Fen(revenue_yuan * 100)),
        rate: Entry::Value(Measure(rate_percent * 100)),
    }
}

/// The KPI of the industry's own toolkit (spec §4.1 and §6).
fn industry_kpi(ids: &mut Ids, industry: Industry) -> (EffectivenessRow, Option<CustomMetric>) {
    let row = match industry {
        Industry::Retail => kpi(
            ids,
            MetricRef::Builtin(Metric::InventoryTurnover),
            "库存周转率",
            6,
        ),
        Industry::Services => {
            // No built-in metric counts no-shows: the playbook brings its own.
            let no_show = CustomMetric {
                name: "预约爽约率".into(),
                dimension: Dimension::Conversion,
                unit: Unit::Percent,
                direction: Direction::LowerIsBetter,
                formula: CustomFormula::Percent,
                numerator: "爽约人数".into(),
                denominator: "预约人数".into(),
                ..CustomMetric::new(ids.fresh())
            };
            let row = kpi(ids, MetricRef::Custom(no_show.id), "预约爽约率", 10);
            return (row, Some(no_show));
        }
        Industry::FoodService => kpi(ids, MetricRef::Builtin(Metric::Aov), "客单价", 68),
    };
    (row, None)
}

/// The industry's own line of work in the launch phase.
fn industry_task(ids: &mut Ids, industry: Industry) -> Task {
    match industry {
        Industry::Retail => task(
            ids,
            [
                "启动期",
                "全渠道库存同步",
                "上线门店库存同步表,设置安全库存阈值",
                "强",
                "第2周末",
                "库存同步覆盖率100%",
            ],
        ),
        Industry::Services => task(
            ids,
            [
                "启动期",
                "线上线下预约协同",
                "线上预约时段与线下预留名额打通",
                "静",
                "第2周末",
                "预约爽约率≤10%",
            ],
        ),
        Industry::FoodService => task(
            ids,
            [
                "启动期",
                "外卖堂食套餐组合",
                "上线引流套餐与复购套餐",
                "强",
                "第2周末",
                "套餐上线门店100%",
            ],
        ),
    }
}

/// What a playbook brings besides its goals and KPIs.
struct PlaybookRows {
    scenarios: Vec<ScenarioRow>,
    costs: Vec<CostLine>,
    tasks: Vec<Task>,
    split: [(&'static str, i64); 4],
}

/// A whole plan for `playbook` in `industry`, starting on `start`.
pub fn playbook_plan(
    playbook: Playbook,
    industry: Industry,
    start: NaiveDate,
    name: String,
) -> Plan {
    let mut ids = Ids::from(1);
    let ids = &mut ids;
    let funnel = industry_funnel(ids, industry);
    let first_stage = funnel[0].id;
    let second_stage = funnel[1].id;
    let last_stage = funnel[3].id;
    let phases = crate::domain::plan::demo::standard_phases(ids.block(3));
    let mut effectiveness: Vec<EffectivenessRow> = Vec::new();
    let mut goals = Vec::new();
    let mut indicators = Vec::new();
    let PlaybookRows {
        scenarios,
        costs,
        tasks,
        split,
    } = match playbook {
        Playbook::NewBrand => {
            let active = kpi(
                ids,
                MetricRef::Builtin(Metric::PrivateDomainActive),
                "私域用户活跃率",
                45,
            );
            let o2o = kpi(
                ids,
                MetricRef::Builtin(Metric::OfflineToOnline),
                "线下引流线上率",
                30,
            );
            let cac = kpi(
                ids,
                MetricRef::Builtin(Metric::Cac),
                "单客获客成本(CAC)",
                75,
            );
            let g = goal(ids, "私域用户数", Unit::Count, 0, 10_000, 3);
            indicators.extend([
                indicator(
                    ids,
                    g.id,
                    LoopStage::Acquisition,
                    "扫码关注人数",
                    Unit::Count,
                    10_000,
                    Some(FigureRef::StageConverted(first_stage)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Conversion,
                    "入群率",
                    Unit::Percent,
                    60,
                    Some(FigureRef::StageRate(second_stage)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Retention,
                    "私域用户活跃率",
                    Unit::Percent,
                    45,
                    Some(FigureRef::Kpi(active.id)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Referral,
                    "好友拼团成团数",
                    Unit::Count,
                    300,
                    None,
                ),
            ]);
            goals.push(g);
            effectiveness.extend([o2o, active, cac]);
            PlaybookRows {
                scenarios: vec![scenario(
                    ids,
                    [
                        "新客引流",
                        "快闪店体验活动+定制服务",
                        "扫码注册、添加门店企业微信,进入私域社群",
                        "3个月新增私域用户1万人",
                        "场地费+物料费+人员费",
                    ],
                )],
                costs: vec![
                    cost(ids, "新客引流", "快闪店场地费", "线下活动", 60_000),
                    cost(ids, "新客引流", "物料费", "线下活动", 20_000),
                    cost(ids, "新客引流", "人员费", "线下活动", 40_000),
                    cost(ids, "新客引流", "社群秒杀与拼团推广", "线上广告", 50_000),
                    cost(ids, "新客引流", "企业微信SCRM", "工具采购", 30_000),
                ],
                tasks: vec![
                    task(
                        ids,
                        [
                            "启动期",
                            "私域社群搭建",
                            "完成5个核心门店社群搭建",
                            "明",
                            "第1周末",
                            "社群用户数≥2000",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "启动期",
                            "快闪店体验活动",
                            "确认选址、海报与扫码福利",
                            "华",
                            "第2周末",
                            "物料到店率100%",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "增长期",
                            "社群日常运营",
                            "每日限时秒杀+好友拼团+使用教程",
                            "雪",
                            "每月第1周",
                            "活动GMV≥10万",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "增长期",
                            "用户偏好标签",
                            "按敏感肌、性价比偏好等打标签",
                            "磊",
                            "每月第3周",
                            "标签准确率≥90%",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "稳定期",
                            "获客成本优化",
                            "分析各渠道转化率,调整预算",
                            "明",
                            "每月底",
                            "整体ROI提升15%",
                        ],
                    ),
                ],
                split: DEFAULT_SPLIT,
            }
        }
        Playbook::StockOps => {
            let omo = kpi(
                ids,
                MetricRef::Builtin(Metric::LinkedConversion),
                "OMO联动转化率",
                15,
            );
            let high_value = kpi(
                ids,
                MetricRef::Builtin(Metric::HighValueShare),
                "高价值客户占比",
                20,
            );
            let g = goal(ids, "季度复购率", Unit::Percent, 25, 45, 3);
            indicators.extend([
                indicator(
                    ids,
                    g.id,
                    LoopStage::Acquisition,
                    "高潜客户圈选人数",
                    Unit::Count,
                    2_000,
                    Some(FigureRef::StageConverted(first_stage)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Conversion,
                    "到店核销率",
                    Unit::Percent,
                    30,
                    Some(FigureRef::StageRate(last_stage)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Retention,
                    "OMO联动转化率",
                    Unit::Percent,
                    15,
                    Some(FigureRef::Kpi(omo.id)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Referral,
                    "积分兑换到店人数",
                    Unit::Count,
                    500,
                    None,
                ),
            ]);
            goals.push(g);
            let g2 = goal(ids, "高价值客户占比", Unit::Percent, 12, 20, 12);
            indicators.push(indicator(
                ids,
                g2.id,
                LoopStage::Retention,
                "高价值客户占比",
                Unit::Percent,
                20,
                Some(FigureRef::Kpi(high_value.id)),
            ));
            goals.push(g2);
            effectiveness.extend([omo, high_value]);
            PlaybookRows {
                scenarios: vec![scenario(
                    ids,
                    [
                        "老客复购",
                        "会员日专属折扣、积分兑换线下礼品",
                        "会员系统圈选“90天未复购且历史客单价>500元”客户,推送线下专享服务券",
                        "季度复购率提升20%",
                        "优惠成本+营销工具费",
                    ],
                )],
                costs: vec![
                    cost(ids, "老客复购", "会员日优惠成本", "线下活动", 60_000),
                    cost(ids, "老客复购", "积分兑换礼品", "线下活动", 20_000),
                    cost(ids, "老客复购", "定向推送投放", "线上广告", 30_000),
                    cost(ids, "老客复购", "CRM与会员系统", "工具采购", 60_000),
                ],
                tasks: vec![
                    task(
                        ids,
                        [
                            "启动期",
                            "高潜客户圈选",
                            "完成90天未复购高客单客户名单",
                            "明",
                            "第1周末",
                            "圈选客户数≥2000",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "启动期",
                            "门店导购培训",
                            "导购可查看顾客线上偏好",
                            "雪",
                            "第2周末",
                            "培训覆盖率100%",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "增长期",
                            "会员日活动",
                            "每月会员日专属折扣+线下专享券推送",
                            "华",
                            "每月第1周",
                            "券核销率≥30%",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "增长期",
                            "积分通兑",
                            "线上积分可兑换线下礼品",
                            "磊",
                            "每月第3周",
                            "兑换人数≥500",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "稳定期",
                            "复购复盘",
                            "按月复盘复购率与客单价,调整权益",
                            "明",
                            "每月底",
                            "复购率提升20%",
                        ],
                    ),
                ],
                split: [
                    ("线下活动", 30),
                    ("线上广告", 20),
                    ("工具采购", 35),
                    ("备用金", 15),
                ],
            }
        }
        Playbook::CrossRegion => {
            let online_offline = kpi(
                ids,
                MetricRef::Builtin(Metric::OnlineToOffline),
                "线上导流线下率",
                10,
            );
            let cac = kpi(
                ids,
                MetricRef::Builtin(Metric::Cac),
                "单客获客成本(CAC)",
                75,
            );
            let g = goal(ids, "新区域月销售额", Unit::Money, 0, 500_000, 6);
            indicators.extend([
                indicator(
                    ids,
                    g.id,
                    LoopStage::Acquisition,
                    "本地内容曝光触达",
                    Unit::Count,
                    100_000,
                    Some(FigureRef::StageConverted(first_stage)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Conversion,
                    "线上导流线下率",
                    Unit::Percent,
                    10,
                    Some(FigureRef::Kpi(online_offline.id)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Retention,
                    "到店转化率",
                    Unit::Percent,
                    60,
                    Some(FigureRef::StageRate(last_stage)),
                ),
                indicator(
                    ids,
                    g.id,
                    LoopStage::Referral,
                    "“到店报暗号”核销数",
                    Unit::Count,
                    1_000,
                    None,
                ),
            ]);
            goals.push(g);
            effectiveness.extend([online_offline, cac]);
            PlaybookRows {
                scenarios: vec![scenario(
                    ids,
                    [
                        "跨区域渗透",
                        "本地经销商合作签约会",
                        "区域KOL探店直播+本地生活平台“新店套餐”团购上线",
                        "新区域月销售额破50万",
                        "KOL费用+平台推广费",
                    ],
                )],
                costs: vec![
                    cost(ids, "跨区域渗透", "经销商签约会", "线下活动", 50_000),
                    cost(ids, "跨区域渗透", "区域KOL探店", "线上广告", 80_000),
                    cost(ids, "跨区域渗透", "本地生活平台推广", "线上广告", 60_000),
                    cost(ids, "跨区域渗透", "“附近门店”导航工具", "工具采购", 10_000),
                ],
                tasks: vec![
                    task(
                        ids,
                        [
                            "启动期",
                            "经销商签约",
                            "完成本地经销商/门店签约",
                            "华",
                            "第1周末",
                            "签约门店数≥10",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "启动期",
                            "本地化内容",
                            "KOL探店与“新店套餐”上线",
                            "雪",
                            "第2周末",
                            "团购套餐上线率100%",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "增长期",
                            "线上流量承接",
                            "门店设线上客流专属通道,结账核销并关注公众号",
                            "强",
                            "每月第1周",
                            "核销数≥1000",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "增长期",
                            "区域直播",
                            "每月2场区域KOL直播",
                            "静",
                            "每月第3周",
                            "直播GMV≥10万",
                        ],
                    ),
                    task(
                        ids,
                        [
                            "稳定期",
                            "区域销售复盘",
                            "按门店复盘月销售额,调整投放",
                            "华",
                            "每月底",
                            "月销售额≥50万",
                        ],
                    ),
                ],
                split: [
                    ("线下活动", 35),
                    ("线上广告", 45),
                    ("工具采购", 10),
                    ("备用金", 10),
                ],
            }
        }
    };
    let (industry_row, industry_metric) = industry_kpi(ids, industry);
    effectiveness.push(industry_row);
    let mut tasks = tasks;
    tasks.insert(2, industry_task(ids, industry));
    let budget_lines = budget_lines(ids, &split);
    let risks = spec_risks(ids);
    // The industry's toolkit starts from the spec's examples; the others start empty.
    let retail = industry == Industry::Retail;
    let services = industry == Industry::Services;
    let stores = if retail {
        demo_stores(ids)
    } else {
        Rows::new()
    };
    let tiers = if retail { demo_tiers(ids) } else { Rows::new() };
    let appointments = if services {
        let first = ids.block(3);
        demo_appointments(&mut (first..).map(RowId), start)
    } else {
        Rows::new()
    };
    let feedback = if services {
        demo_feedback(ids, start)
    } else {
        Rows::new()
    };
    let combos = if industry == Industry::FoodService {
        demo_combos(ids)
    } else {
        Rows::new()
    };
    Plan {
        schema_version: CURRENT_VERSION,
        header: CampaignHeader {
            name,
            industry,
            start_date: start,
            currency: Currency::CNY,
        },
        funnel: Funnel {
            stages: funnel,
            avg_order_value: Entry::Value(industry_order_value(industry)),
            ..Funnel::default()
        },
        phases,
        tasks: rows(tasks),
        effectiveness: rows(effectiveness),
        appointments,
        playbook: Some(playbook),
        scenarios: rows(scenarios),
        goals: rows(goals),
        indicators: rows(indicators),
        budget: industry_budget(industry),
        budget_lines,
        cost_lines: rows(costs),
        resources: ResourceInventory::default(),
        risks,
        horizon_months: Entry::Value(DEFAULT_HORIZON_MONTHS),
        stores,
        stock_rule: StockRule::default(),
        tiers,
        customers: Rows::new(),
        tier_assumptions: TierAssumptions::default(),
        appointment_alerts: AppointmentAlerts::default(),
        feedback,
        combos,
        kpi: KpiBook {
            custom_metrics: industry_metric.into_iter().map(Arc::new).collect(),
            ..KpiBook::default()
        },
        mix: Default::default(),
        segments: Default::default(),
        choice_texts: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::schema::{load_plan, save_plan};
    use std::collections::HashSet;

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
    }

    #[test]
    fn every_playbook_and_industry_fills_every_section() {
        for playbook in Playbook::ALL {
            for industry in Industry::ALL {
                let plan = playbook_plan(playbook, industry, start(), "计划".into());
                assert!(!plan.scenarios.is_empty() && !plan.goals.is_empty());
                assert_eq!(plan.funnel.stages.len(), 4);
                assert!(plan.tasks.len() >= 5 && plan.effectiveness.len() >= 3);
                assert_eq!(plan.risks.len(), 4);
                assert_eq!(plan.budget_lines.len(), 4);
                let shares: i64 = plan.budget_lines.iter().filter_map(|l| l.share()).sum();
                assert_eq!(shares, 10_000, "{playbook:?}: shares make 100%");
                // Every indicator belongs to a goal, and every link points at a row that exists.
                let goal_ids: HashSet<RowId> = plan.goals.iter().map(|g| g.id).collect();
                for i in plan.indicators.iter() {
                    assert!(goal_ids.contains(&i.goal.unwrap()));
                    if let Some(FigureRef::Kpi(id)) = i.source {
                        assert!(plan.effectiveness.iter().any(|r| r.id == id));
                    }
                }
                // Loop stages all covered by the first goal.
                let stages: HashSet<LoopStage> = plan.indicators.iter().map(|i| i.stage).collect();
                assert_eq!(stages.len(), 4);
                // Ids are unique across the whole plan.
                let mut seen = HashSet::new();
                let all = plan
                    .funnel
                    .stages
                    .iter()
                    .map(|r| r.id)
                    .chain(plan.phases.iter().map(|r| r.id))
                    .chain(plan.tasks.iter().map(|r| r.id))
                    .chain(plan.effectiveness.iter().map(|r| r.id))
                    .chain(plan.goals.iter().map(|r| r.id))
                    .chain(plan.indicators.iter().map(|r| r.id))
                    .chain(plan.scenarios.iter().map(|r| r.id))
                    .chain(plan.budget_lines.iter().map(|r| r.id))
                    .chain(plan.cost_lines.iter().map(|r| r.id))
                    .chain(plan.risks.iter().map(|r| r.id));
                for id in all {
                    assert!(
                        seen.insert(id),
                        "{playbook:?}/{industry:?}: id {id:?} twice"
                    );
                }
                assert_eq!(load_plan(&save_plan(&plan)), Ok(plan));
            }
        }
    }

    /// Every JSON path holding bad input kept as typed (`{"invalid": "…"}`).
    fn invalid_entries(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if map.len() == 1 && map.contains_key("invalid") {
                    found.push(format!("{path}: {value}"));
                }
                for (key, v) in map {
                    invalid_entries(v, &format!("{path}.{key}"), found);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    invalid_entries(v, &format!("{path}[{i}]"), found);
                }
            }
            _ => {}
        }
    }

    /// What the pages would flag on `plan` opened on `today`, through the same checks
    /// they call: cell errors, cross-field rules, the budget's roll-up, the funnel's
    /// chain, the tasks' schedule, and what a first day should not show (overdue, late).
    fn problems(plan: &Plan, today: NaiveDate) -> Vec<String> {
        use crate::domain::funnel::overall_conversion;
        use crate::domain::funnel::tools::{avg_order_value_error, open_chain_breaks};
        use crate::domain::scenario::budget::{allocate, category_use};
        let mut found = Vec::new();
        let json = serde_json::from_str(&save_plan(plan)).unwrap();
        invalid_entries(&json, "plan", &mut found);
        let mut flag = |bad: bool, what: String| {
            if bad {
                found.push(what);
            }
        };

        // Budget (spec §1.4): a total, shares making 100%, every category covering its costs.
        let b = &plan.budget;
        flag(
            b.total_error()
                .or(b.revenue_error())
                .or(b.rate_error())
                .is_some(),
            "budget input".into(),
        );
        let total = b.total();
        flag(
            total.is_none_or(|t| t.0 <= 0),
            format!("budget total {total:?}"),
        );
        let shares: Vec<Option<i64>> = plan.budget_lines.iter().map(|l| l.share()).collect();
        let allocation = allocate(total.unwrap_or_default(), &shares);
        flag(!allocation.is_complete(), "shares do not make 100%".into());
        for line in plan.budget_lines.iter() {
            flag(
                line.share_error().is_some(),
                format!("share of {}", line.category),
            );
        }
        for cost in plan.cost_lines.iter() {
            flag(cost.amount_error().is_some(), format!("cost {}", cost.item));
            flag(
                cost.amount.value().is_none(),
                format!("cost {} has no amount", cost.item),
            );
        }
        for u in category_use(&plan.budget_lines, &allocation, &plan.cost_lines) {
            flag(u.is_over(), format!("{} over its allocation", u.category));
            flag(
                u.is_unbudgeted(),
                format!("{} not a budget category", u.category),
            );
            flag(
                u.allocated.is_none_or(|a| a.0 <= 0),
                format!("{} has no amount", u.category),
            );
        }
        flag(
            allocation.amounts.iter().any(Option::is_none),
            "a line without amount".into(),
        );

        // Funnel (spec §3): counts on every stage, converted ≤ reached, an unbroken chain.
        let stages = &plan.funnel.stages;
        flag(stages.is_empty(), "no funnel stage".into());
        for s in stages.iter() {
            flag(
                s.reached_error()
                    .or(s.converted_error())
                    .or(s.previous_converted_error())
                    .or(FunnelStage::rate_entry_error(&s.target_rate))
                    .or(FunnelStage::rate_entry_error(&s.what_if_rate))
                    .is_some(),
                format!("stage {} flagged", s.name),
            );
            flag(s.rate().is_none(), format!("stage {} has no rate", s.name));
        }
        flag(
            !open_chain_breaks(stages).is_empty(),
            "funnel chain breaks".into(),
        );
        flag(
            overall_conversion(stages).is_none(),
            "no overall conversion".into(),
        );
        flag(
            avg_order_value_error(&plan.funnel).is_some(),
            "order value".into(),
        );

        // Tasks (spec §2): dated inside their phase from the start, none overdue.
        flag(plan.horizon_end().is_none(), "horizon".into());
        for phase in plan.phases.iter() {
            flag(
                phase
                    .first_month_error()
                    .or(phase.last_month_error())
                    .is_some()
                    || phase.dates(plan.header.start_date).is_none(),
                format!("phase {}", phase.name),
            );
        }
        for task in plan.tasks.iter() {
            let timing = plan.task_timing(task, today);
            let name = &task.monthly_task;
            flag(task.deadline.error().is_some(), format!("{name}: deadline"));
            flag(
                plan.phase_dates(&task.phase).is_none(),
                format!("{name}: phase"),
            );
            flag(timing.dates.is_empty(), format!("{name}: no due date"));
            flag(timing.overdue, format!("{name}: overdue"));
            flag(timing.outside_phase, format!("{name}: outside its phase"));
            flag(
                timing.dates.iter().any(|d| *d < today),
                format!("{name}: due in the past"),
            );
        }

        // Goals (spec §1.2, §1.3): due after the start, every indicator following a real row.
        for g in plan.goals.iter() {
            flag(
                g.due(plan.header.start_date).is_none_or(|d| d <= today) || g.change().is_none(),
                format!("goal {}", g.metric),
            );
        }
        // KPIs are read month by month: one with no month yet is pending, not wrong; a
        // funnel stage has its counts from the start.
        for i in plan.indicators.iter() {
            let on_funnel = matches!(
                i.source,
                Some(FigureRef::StageRate(_) | FigureRef::StageConverted(_))
            );
            flag(
                i.goal.is_none() || on_funnel && i.progress(plan).is_none(),
                format!("indicator {}", i.name),
            );
        }

        // Toolkits and resources: the pages' own checks, nothing late on day one.
        flag(
            plan.resources
                .stores_error()
                .or(plan.resources.team_size_error())
                .is_some(),
            "resources".into(),
        );
        for f in plan.feedback.iter() {
            flag(
                f.score_error().is_some(),
                format!("feedback {}", f.dimension),
            );
            flag(f.is_late(today), format!("feedback {} late", f.dimension));
        }
        for slot in plan.appointments.iter() {
            flag(
                slot.date.value().is_none_or(|d| *d < today),
                format!("slot {}", slot.slot),
            );
        }
        found
    }

    /// Issue 29: a plan from any playbook × industry opens complete on its start date, with
    /// a budget, a funnel, consistent categories, and nothing flagged on any page.
    #[test]
    fn every_playbook_and_industry_opens_complete_on_its_start_date() {
        // A start on the last day of a month and one in a leap February, besides the 1st.
        for start in [
            start(),
            NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
        ] {
            let mut combinations = 0;
            for playbook in Playbook::ALL {
                for industry in Industry::ALL {
                    let plan = playbook_plan(playbook, industry, start, "计划".into());
                    assert_eq!(plan.header.start_date, start);
                    assert!(plan.budget.total().is_some_and(|t| t.0 > 0));
                    assert!(!plan.funnel.stages.is_empty());
                    let problems = problems(&plan, start);
                    assert!(
                        problems.is_empty(),
                        "{playbook:?} × {industry:?} from {start}: {problems:#?}"
                    );
                    combinations += 1;
                }
            }
            assert_eq!(combinations, 9);
        }
    }

    #[test]
    fn the_check_sees_what_the_issue_saw() {
        // The plan as it opened before: no total, a blank funnel, the demo's old start.
        let mut plan = playbook_plan(
            Playbook::NewBrand,
            Industry::Retail,
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            "计划".into(),
        );
        plan.budget = Budget::default();
        let blank: Vec<FunnelStage> = plan
            .funnel
            .stages
            .iter()
            .map(|s| FunnelStage {
                reached: Entry::Empty,
                converted: Entry::Empty,
                ..(**s).clone()
            })
            .collect();
        plan.funnel.stages = rows(blank);
        let found = problems(&plan, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        for expected in ["budget total None", "门店扫码关注 has no rate", "overdue"] {
            assert!(
                found.iter().any(|p| p.contains(expected)),
                "{expected} in {found:#?}"
            );
        }
        // Categories listed in the budget are never "not a budget category".
        assert!(!found.iter().any(|p| p.contains("not a budget category")));
    }
}
