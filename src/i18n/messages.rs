//! Every UI string, in both languages. One enum variant per string, so a missing
//! translation is a compile error rather than an English word in the Chinese UI.
//!
//! The Chinese texts come in groups. The `core` group (the shell, the overview, what every
//! page shares) is a table in the main module. Each lazily loaded page has a group of its
//! own, a table that only its module references (`install_texts::<group>()`, called when
//! the page is built), so the split moves those texts into the page's module and the first
//! load does not carry them. `tests/text_groups.rs` checks that a group's messages are used
//! only where its texts are installed.

use super::Lang;
use std::sync::OnceLock;

macro_rules! messages {
    (
        core { $($ckey:ident => $czh:literal, $cen:literal;)* }
        $(
            $(#[doc = $doc:literal])*
            $group:ident ($install:ident) { $($key:ident => $zh:literal, $en:literal;)* }
        )*
    ) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($ckey,)* $($($key,)*)* }

        /// The groups of texts a page module brings, in the enum's order after the core.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TextGroup { $($group),* }

        impl TextGroup {
            pub const ALL: &'static [TextGroup] = &[$(TextGroup::$group),*];
        }

        /// The core group's Chinese texts, in the enum's order. A table lookup is a few
        /// instructions; a match over both languages of every message compiled to 30 KB of
        /// wasm, all of it in the first load.
        const CORE_ZH: &[&str] = &[$($czh),*];

        /// How many messages each group after the core holds.
        const GROUP_LENS: &[usize] = &[$([$(stringify!($key)),*].len()),*];

        /// Every message's English text, in the enum's order. In the browser only the
        /// lazily loaded language module calls this (state/lang.rs), so the English
        /// strings arrive when English is chosen, not with the first load.
        pub fn english_texts() -> &'static [&'static str] {
            &[$($cen,)* $($($en,)*)*]
        }

        /// Makes a group's Chinese texts readable. Each is called by the modules that show
        /// the group's messages (the page itself, the print view, the workbook export), so
        /// its table travels with them.
        pub mod install_texts {
            $(
                $(#[doc = $doc])*
                pub fn $install() {
                    super::install_group(super::TextGroup::$group, &[$($zh),*]);
                }
            )*

            /// Every group: the print view (every page on one sheet) and the tests.
            pub fn all() {
                $($install();)*
            }
        }

        /// Natively nothing is split: every group's table is at hand.
        #[cfg(not(target_arch = "wasm32"))]
        fn native_group(group: usize) -> &'static [&'static str] {
            const TABLES: &[&[&str]] = &[$(&[$($zh),*]),*];
            TABLES[group]
        }
    };
}

/// Each group's Chinese texts once its module installed them (`install_texts`).
static GROUPS: [OnceLock<&'static [&'static str]>; GROUP_LENS.len()] =
    [const { OnceLock::new() }; GROUP_LENS.len()];

fn install_group(group: TextGroup, texts: &'static [&'static str]) {
    // A second call brings the same table: nothing to do.
    let _ = GROUPS[group as usize].set(texts);
}

/// Told of a message read before its group was installed (a bug: the text shows empty).
/// The app reports it on the console, where the end-to-end tests look for it.
static ON_MISSING: OnceLock<fn(TextGroup)> = OnceLock::new();

pub fn report_missing_texts_with(report: fn(TextGroup)) {
    let _ = ON_MISSING.set(report);
}

/// The English texts once loaded (`install_english`).
static EN: OnceLock<&'static [&'static str]> = OnceLock::new();

/// Makes English texts available; called with `english_texts()` once its module arrived.
pub fn install_english(texts: &'static [&'static str]) {
    // A second call brings the same table: nothing to do.
    let _ = EN.set(texts);
}

/// Whether `Lang::En` reads English yet (always natively, where nothing is split).
pub fn english_installed() -> bool {
    cfg!(not(target_arch = "wasm32")) || EN.get().is_some()
}

impl Msg {
    /// The text in `lang`. Before the English texts are installed, English reads the
    /// Chinese text: the language switch waits for them, so only a background use
    /// (matching a pasted label in either language) could see it, and it finds the
    /// Chinese label there anyway.
    pub fn text(self, lang: Lang) -> &'static str {
        let i = self as usize;
        match (lang, EN.get()) {
            (Lang::En, Some(texts)) => texts[i],
            (Lang::En, None) => english_fallback(i),
            (Lang::Zh, _) => chinese(i),
        }
    }
}

/// The Chinese text of message `i`: the core's table, or the table of its group.
fn chinese(i: usize) -> &'static str {
    if let Some(text) = CORE_ZH.get(i) {
        return text;
    }
    let mut start = CORE_ZH.len();
    for (group, &len) in GROUP_LENS.iter().enumerate() {
        if i < start + len {
            return group_text(group, i - start);
        }
        start += len;
    }
    unreachable!("every message is in the core or a group")
}

#[cfg(target_arch = "wasm32")]
fn group_text(group: usize, i: usize) -> &'static str {
    match GROUPS[group].get() {
        Some(texts) => texts[i],
        None => {
            if let Some(report) = ON_MISSING.get() {
                report(TextGroup::ALL[group]);
            }
            ""
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn group_text(group: usize, i: usize) -> &'static str {
    match GROUPS[group].get() {
        Some(texts) => texts[i],
        None => native_group(group)[i],
    }
}

/// Natively (tests, tools) nothing is split: English is always there.
#[cfg(not(target_arch = "wasm32"))]
fn english_fallback(i: usize) -> &'static str {
    english_texts()[i]
}

#[cfg(target_arch = "wasm32")]
fn english_fallback(i: usize) -> &'static str {
    chinese(i)
}

messages! {
    // Texts of the shell, the overview and everything shared: always in the main module.
    core {
        AppTitle => "全渠道拓展规划", "OMO Expansion Planner";
        MainNav => "主导航", "Main navigation";
        NavOverview => "概览", "Overview";
        NavScenario => "场景规划", "Scenarios";
        NavTasks => "任务拆解", "Tasks";
        NavFunnel => "转化漏斗", "Funnel";
        NavChannels => "渠道分析", "Channels";
        NavToolkits => "行业工具", "Toolkits";
        NavSettings => "设置", "Settings";
        NavPlans => "我的计划", "My plans";
        NavOverviewShort => "概览", "Home";
        NavScenarioShort => "场景", "Scenario";
        NavTasksShort => "任务", "Tasks";
        NavFunnelShort => "漏斗", "Funnel";
        NavChannelsShort => "渠道", "Channels";
        NavToolkitsShort => "工具", "Tools";
        NavCustomersShort => "客户", "Clients";
        NavPlansShort => "计划", "Plans";
        NavSettingsShort => "设置", "Settings";
        NotFound => "找不到这个页面。", "This page does not exist.";
        BackToFunnel => "返回转化漏斗", "Back to the funnel";
        PageLoading => "正在打开页面…", "Opening the page…";
        PageLoadFailed => "这个页面没能打开:网络连接中断了。计划和已做的修改都还在。",
            "This page could not be opened: the network connection dropped. The plan and your edits are all still here.";
        Retry => "重试", "Try again";
        FunnelTitle => "客户行为转化漏斗分析表", "Customer conversion funnel";
        OverallConversion => "整体转化率", "Overall conversion";
        RowActions => "操作", "Actions";
        DeleteRow => "删除", "Delete";
        DeletedRow => "已删除一行。", "Row deleted.";
        RowMenu => "行操作", "Row actions";
        InsertAbove => "在上方插入行", "Insert row above";
        InsertBelow => "在下方插入行", "Insert row below";
        DuplicateRow => "复制此行", "Duplicate row";
        MoveUp => "上移", "Move up";
        MoveDown => "下移", "Move down";
        DragRow => "拖动以调整顺序", "Drag to reorder";
        PastedValues => "已粘贴 {0} 个值到 {1} 行({2})", "Pasted {0} values into {1} rows ({2})";
        PasteKept => "第 {0} 行的{1}保留了原来的值", "{1} kept their earlier values in rows {0}";
        PasteNeedFixing => "{} 个需要修正(已标红)", "{} need fixing (marked red)";
        PasteReadOnly => "{} 个落在自动计算列,未粘贴", "{} fell on calculated columns and were not pasted";
        PasteBeyond => "{} 个超出最后一列,未粘贴", "{} were beyond the last column and not pasted";
        PasteUnknownChoice => "{} 个不是可选项,已原样保留并标红", "{} are not one of the options: kept as pasted and marked red";
        ListSeparator => ";", "; ";
        NameSeparator => "、", ", ";
        TableKeysHint => "方向键移动 · Enter 编辑/确认 · Esc 取消 · 可直接粘贴 Excel/WPS 表格 · Alt+↑/↓ 移动行 · Alt+Enter 插入行 · Alt+D 复制行 · Alt+Delete 删除行",
            "Arrows move · Enter edits / confirms · Esc cancels · paste blocks from Excel or WPS · Alt+↑/↓ moves a row · Alt+Enter inserts · Alt+D duplicates · Alt+Delete deletes";
        Undo => "撤销", "Undo";
        Redo => "重做", "Redo";
        DerivedColumn => "自动计算,不可编辑", "calculated, read-only";
        RowNumber => "第 {} 行", "row {}";
        ErrNotANumber => "请输入数字", "Enter a number";
        ErrNegative => "不能为负数", "Cannot be negative";
        ErrNotWhole => "人数必须是整数", "Must be a whole number";
        ErrTooLarge => "数值太大", "Number too large";
        ErrTooManyDecimals => "金额最多两位小数", "At most two decimals";
        ErrNotADate => "请输入日期,格式为 2026-09-01", "Enter a date as 2026-09-01";
        ErrMonthFromOne => "月份从 1 开始", "Months start at 1";
        ErrEndBeforeStart => "结束月份不能早于开始月份", "The last month cannot be before the first";
        ErrNotAnOption => "不是可选项,请从列表中选择", "Not one of the options: pick one from the list";
        ErrNotADeadline => "请输入月数(如“3个月内”)或日期(2026-12-31)", "Enter a number of months (\"within 3 months\") or a date (2026-12-31)";
        ErrConvertedExceedsReached => "转化人数不能大于触达人数", "Converted cannot exceed reached";
        SaveSaved => "已保存在本机", "Saved on this device";
        SavePending => "正在保存…", "Saving…";
        SaveFailedShort => "未保存", "Not saved";
        AppOffline => "离线", "Offline";
        AppOfflineMore => " · 使用本机保存的版本", " — using the copy saved on this device";
        AppOfflineHint => "这台设备现在没有网络。应用来自本机保存的副本,修改照常保存在本机。", "This device has no network. The app runs from the copy saved on this device; your edits are still saved here.";
        SaveUnavailable => "无法保存:浏览器存储不可用(可能处于无痕模式或被禁用)。修改仍在页面上,关闭页面前请导出计划。",
            "Cannot save: browser storage is unavailable (private mode or disabled). Your edits stay on screen; export the plan before closing the page.";
        SaveFull => "无法保存:浏览器存储空间已满。修改仍在页面上,请清理空间或导出计划。",
            "Cannot save: browser storage is full. Your edits stay on screen; free some space or export the plan.";
        LoadFailed => "本机保存的计划无法读取,原数据已原样保留,现打开的是示范计划。", "The plan saved on this device could not be read; it was kept untouched and the demo plan opened instead.";
        LoadNewer => "它由更新版本的应用保存(数据版本 {}),请刷新或更新应用后再打开。", "It was saved by a newer version of the app (data version {}); reload or update the app to open it.";
        LoadDamaged => "数据已损坏或不完整。", "The data is damaged or incomplete.";
        LoadNotAPlan => "内容不是本应用的计划数据(JSON)。", "The content is not plan data (JSON) of this app.";
        ExportPlan => "导出计划", "Export plan";
        ImportPlan => "导入计划", "Import plan";
        Imported => "已导入计划。如需恢复原计划,请点击撤销。", "Plan imported. Undo brings the previous plan back.";
        ImportFailed => "无法导入:", "Could not import: ";
        IndustryRetail => "零售", "Retail";
        IndustryServices => "服务", "Services";
        IndustryFoodService => "餐饮", "Food service";
        PlanDataUnavailable => "没能取到这份计划:网络连接中断了。当前计划没有改变,请稍后重试。",
            "This plan could not be fetched: the network connection dropped. The open plan is unchanged; please try again.";
        OverviewTitle => "计划概览", "Plan overview";
        OverviewIntro => "这份计划的关键数字和现在需要处理的事;点任一项打开它所在的页面。",
            "This plan's headline figures and what needs attention now; tap an item to open its page.";
        OverviewBudget => "预算", "Budget";
        OverviewOverCategories => "超支:{}", "Over budget: {}";
        OverviewNoOver => "没有超支的类别", "No category over budget";
        OverviewTasks => "本周任务", "Tasks this week";
        OverviewWeek => "今天 {0},本周到 {1}", "Today {0}, the week runs to {1}";
        OverviewDueThisWeek => "本周到期", "Due this week";
        OverviewOverdue => "已逾期", "Overdue";
        OverviewDueList => "本周到期:{}", "Due this week: {}";
        OverviewOverdueList => "已逾期:{}", "Overdue: {}";
        OverviewNoDueThisWeek => "本周没有到期任务", "Nothing due this week";
        OverviewNoOverdue => "无逾期任务", "No overdue tasks";
        OverviewAlerts => "KPI预警", "KPI alerts";
        OverviewAlertsCrossed => "已触发", "Crossed";
        OverviewNoAlerts => "没有触发的预警", "No alert crossed";
        OverviewGoals => "目标进度", "Goals";
        OverviewGoalsOff => "偏离目标", "Off track";
        OverviewGoalsOnTrack => "没有偏离的目标", "No goal off track";
        OverviewGoalBehind => "{0}:{1} 项指标未达标", "{0}: {1} indicators short of target";
        TasksTitle => "分阶段执行任务拆解表", "Phased task breakdown";
        PhasesTitle => "阶段", "Phases";
        ColOwner => "负责人", "Owner";
        ChannelsTitle => "全渠道效果分析表", "Omnichannel effectiveness";
        ColUnit => "单位", "Unit";
        ColTarget => "目标值", "Target";
        ColGap => "与目标差异", "vs target";
        ColStatus => "状态", "Status";
        DimTraffic => "流量维度", "Traffic";
        DimConversion => "转化维度", "Conversion";
        DimEfficiency => "效率维度", "Efficiency";
        DimValue => "价值维度", "Value";
        UnitPercent => "百分比 %", "Percent %";
        UnitMoney => "金额", "Amount";
        UnitCount => "数量", "Count";
        UnitDays => "天数", "Days";
        HigherBetter => "越高越好", "Higher is better";
        LowerBetter => "越低越好", "Lower is better";
        ToolkitsTitle => "服务业线上线下预约协同表", "Service appointments, online and offline";

        // Scenario planner (spec §1, §7).
        OnThisPage => "本页目录", "On this page";
        Cancel => "取消", "Cancel";
        ScenarioTableTitle => "线上线下联动场景规划表", "Online-offline scenario plan";
        GoalsTitle => "SMART目标", "SMART goals";
        GoalNumber => "目标 {}", "Goal {}";
        IndicatorsTitle => "目标拆解:获客 → 转化 → 留存 → 裂变", "Goal breakdown: acquisition → conversion → retention → referral";
        NotLinked => "未关联", "Not linked";
        FigureStageRate => "转化率", "Rate";
        FigureStageConverted => "转化人数", "Converted";
        FigureKpi => "KPI", "KPI";
        LoopAcquisition => "获客", "Acquisition";
        LoopConversion => "转化", "Conversion";
        LoopRetention => "留存", "Retention";
        LoopReferral => "裂变", "Referral";
        BudgetSplitTitle => "预算类别与占比", "Budget categories and shares";
        ColAllocated => "分配金额", "Allocated";
        ColCommitted => "已承诺", "Committed";
        ColRemaining => "剩余", "Remaining";
        Uncategorized => "未分类", "Uncategorized";
        CostLinesTitle => "场景资源费用", "Scenario cost lines";
        ResourcesTitle => "资源盘点", "Resource inventory";
        StoreCount => "门店数量", "Stores";
        RegionsCovered => "覆盖区域", "Regions covered";
        TeamSize => "团队人数", "Team size";
        ToolsOnHand => "已有工具(会员系统、CRM、内容平台账号等)", "Tools on hand (member system, CRM, content accounts…)";
        RisksTitle => "关键风险与应对", "Risks and mitigations";
        RiskOpen => "未处理", "Open";
        RiskWatching => "观察中", "Watching";
        RiskMitigated => "已解除", "Mitigated";

        // Task breakdown: deadlines, deliverables, status, roll-ups, timeline, calendar.
        ErrNotADeadlineRule => "请输入“第1周末”“每月第3周”“每月底”或日期(2026-10-15)", "Enter \"end of week 1\", \"week 3 of every month\", \"end of every month\" or a date (2026-10-15)";
        ErrWeekOutOfRange => "周数从1开始,每月第几周最多为5", "Weeks count from 1; a week of the month is at most 5";
        StatusNotStarted => "未开始", "Not started";
        StatusInProgress => "进行中", "In progress";
        StatusDone => "已完成", "Done";
        StatusBlocked => "受阻", "Blocked";
        IsOverdue => "已逾期", "Overdue";
        ComparatorAtLeast => "≥ 不低于", "≥ at least";
        ComparatorAtMost => "≤ 不高于", "≤ at most";
        ComparatorEqual => "= 等于", "= equal to";

        // Industry toolkits.
        ErrScoreOneToFive => "评分为1到5分的整数", "A score is a whole number from 1 to 5";
        StockTitle => "零售业OMO库存同步表", "Retail omnichannel stock";
        TiersTitle => "零售业会员权益分层表", "Retail member tiers";
        CustomersTitle => "会员年消费", "Members' annual spend";
        OrdersCancel => "取消", "Cancel";
        FeedbackTitle => "服务业服务过程反馈表", "Service feedback";
        CombosTitle => "餐饮业OMO套餐组合表", "Food-service combos";

        // Tables as CSV files.
        ExportCsv => "导出CSV", "Export CSV";
        ImportCsv => "导入CSV", "Import CSV";
        CsvPreviewTitle => "导入预览:{}", "Import preview: {}";
        CsvPreviewRows => "将添加 {0} 行(编码 {1},{2})。", "{0} rows will be added (encoding {1}, {2}).";
        CsvWithHeader => "按表头对应列", "columns matched by header";
        CsvNoHeader => "未识别表头,按表格列顺序读取", "no header recognised, columns read in table order";
        CsvUnknownColumns => "未识别的列(不导入):{}", "Columns not recognised (not imported): {}";
        CsvDerivedColumns => "计算列(自动重算,不导入):{}", "Computed columns (recomputed, not imported): {}";
        CsvBadCells => "{} 个单元格需要修正:导入后保留原文并在表格中标出。", "{} cells need fixing: they are kept as written and flagged in the table.";
        CsvBadCell => "第{0}行 · {1}:“{2}” — {3}", "Line {0} · {1}: “{2}” — {3}";
        CsvMoreBad => "…另有 {} 个", "…and {} more";
        CsvAllGood => "所有单元格都可读取。", "Every cell reads cleanly.";
        CsvApply => "添加这些行", "Add these rows";
        CsvEmpty => "文件里没有可导入的行。", "The file has no rows to import.";
        CsvImported => "已导入 {} 行", "{} rows imported";

        // Tables as Excel workbooks (.xlsx out; .xlsx / .xls / .ods in).
        ExportXlsx => "导出Excel", "Export Excel";
        ImportXlsx => "导入Excel", "Import Excel";
        XlsxSheet => "工作表", "Sheet";
        XlsxPreviewRows => "将添加 {0} 行(工作表“{1}”,{2})。", "{0} rows will be added (sheet “{1}”, {2}).";
        XlsxBadCell => "工作表“{0}” 第{1}行 {2}列 · {3}:“{4}” — {5}", "Sheet “{0}” row {1} column {2} · {3}: “{4}” — {5}";
        XlsxMerged => "{} 处合并单元格:取左上角单元格的值,其余单元格按空白读取。", "{} merged ranges: the value is read from the top-left cell, the other cells as empty.";
        XlsxFormulas => "{} 个公式单元格没有保存计算结果,按空白读取。", "{} formula cells hold no calculated value and read as empty.";
        XlsxComputedNote => "计算得出,导入时不读取", "Computed: not read on import";
        XlsxWorkbook => "整个计划(Excel 工作簿)", "Whole plan (Excel workbook)";
        XlsxReport => "报告数据(Excel 工作簿)", "Report figures (Excel workbook)";
        ReportFileSuffix => "报告", "report";
        ReportItem => "项目", "Item";
        ReportFigure => "数值", "Figure";
        ReportNote => "说明", "Note";
        XlsxImportWorkbook => "导入整个计划(Excel 工作簿)", "Import whole plan (Excel workbook)";
        XlsxWorkbookApplied => "已从工作簿写入 {0} 个表格、{1} 行;{2} 个单元格需要修正(已保留原文并标出)。可撤销。", "{0} tables and {1} rows written from the workbook; {2} cells need fixing (kept as written and flagged). Undo is one step.";
        XlsxWorkbookSkipped => "未导入的工作表(不是本计划的表格):{}", "Sheets not imported (no table of this plan): {}";
        XlsxErrTooLarge => "文件太大({0} MB,上限 {1} MB),未读取。", "The file is too large ({0} MB, at most {1} MB): not read.";
        XlsxErrUnpacks => "文件解压后超过 {} MB(可能是压缩炸弹),未读取。", "The file unpacks to more than {} MB (a zip bomb?): not read.";
        XlsxErrRows => "工作表“{0}”超过 {1} 行,未读取。请拆分后再导入。", "Sheet “{0}” has more than {1} rows: not read. Split it and import the parts.";
        XlsxErrCells => "工作表“{0}”超过 {1} 个单元格,未读取。", "Sheet “{0}” has more than {1} cells: not read.";
        XlsxErrProtected => "工作簿有密码保护。请在 Excel / WPS 中取消密码后再导入。", "The workbook is password-protected. Remove the password in Excel or WPS, then import it.";
        XlsxErrNotBook => "这不是 Excel / WPS / LibreOffice 工作簿(.xlsx / .xls / .ods)。", "This is not an Excel, WPS or LibreOffice workbook (.xlsx / .xls / .ods).";
        XlsxErrDamaged => "工作簿已损坏或不完整,无法读取({})。", "The workbook is damaged or incomplete and cannot be read ({}).";
        XlsxErrNoSheet => "工作簿里没有工作表。", "The workbook has no sheets.";
        XlsxErrModule => "Excel 模块未能加载(离线?),请稍后重试。", "The Excel module could not be loaded (offline?). Try again later.";
        XlsxErrWrite => "无法生成工作簿:{}", "The workbook could not be written: {}";

        // Sample files beside the file buttons (funnel events, orders, touchpoints).
        SampleTry => "用示例数据试一试", "Try with sample data";
        SampleLabel => "示例数据", "Sample data";
        SampleDownload => "下载示例文件", "Download the sample file";
        SampleFormat => "文件格式示例(表头和前两行)", "File format (header and first two rows)";

        // Channel & KPI analysis (spec §4): history, custom metrics, alerts, channels, A/B tests.
        ErrNotAMonth => "请输入月份,如 2026-10", "Type a month such as 2026-10";
        MetricDeleted => "(已删除的指标)", "(deleted metric)";
        MetOfflineToOnline => "线下引流线上率", "Offline-to-online rate";
        MetOnlineToOffline => "线上导流线下率", "Online-to-offline rate";
        MetNewUsers => "全域新增用户数", "Omnichannel new users";
        MetLinkedConversion => "线上线下联动转化率", "OMO linked conversion rate";
        MetAovUplift => "客单价提升率", "AOV uplift";
        MetRepurchaseCycleCut => "复购周期缩短天数", "Repurchase cycle cut";
        MetCac => "单客获客成本", "Customer acquisition cost";
        MetSalesPerStaff => "全渠道人效比", "Sales per staff";
        MetInventoryTurnover => "库存周转率", "Inventory turnover";
        MetPrivateDomainActive => "私域用户活跃率", "Private-domain active rate";
        MetHighValueShare => "高价值客户占比", "High-value customer share";
        MetNps => "品牌NPS", "Net promoter score";
        MetGmv => "GMV", "GMV";
        MetRoi => "ROI", "ROI";
        MetAov => "客单价", "Average order value";
        KpiTrafficTitle => "流量维度原始数据", "Traffic inputs";
        KpiConversionTitle => "转化维度原始数据", "Conversion inputs";
        KpiEfficiencyTitle => "效率维度原始数据", "Efficiency inputs";
        KpiValueTitle => "价值维度原始数据", "Value inputs";
        ChannelCompareTitle => "渠道对比", "Channel comparison";
        AbTestsTitle => "A/B测试与SOP", "A/B tests and SOPs";
        SopTitle => "SOP版本记录", "SOP versions";

        // The print view (issue: files, print, offline).
        PrintIndustry => "行业", "Industry";
        PrintStart => "开始日期", "Start date";
        PrintDate => "报告日期", "Report date";
        PrintHint => "以下是整个计划的全部页面。打印时导航、按钮和原始月度数据会隐藏,表格按A4宽度排版。", "Below is every page of the plan. In print, navigation, buttons and the raw monthly inputs are hidden and tables fit the A4 width.";
        PrintNow => "打印 / 存为PDF", "Print / save as PDF";
        PrintHeaderLink => "打印 / 导出 PDF", "Print / PDF";
        PlansTitle => "我的计划", "My plans";
        PlansTopbarHint => "切换计划", "Switch plans";
        ColPlanName => "计划名称", "Plan name";
        ColPlanActions => "操作", "Actions";
        OpenPlan => "打开", "Open";
        CopySuffix => "副本", "copy";
        PlanOpened => "已打开计划“{}”。", "Opened the plan “{}”.";
        OpenFailed => "无法打开这个计划(数据仍保留在本机):", "Could not open this plan (its data stays on this device): ";
        PlanMissing => "计划数据不存在。", "The plan's data is missing.";
        PlanReaderNotReady => "读取计划的模块还在加载,请稍后再试。",
            "The part of the app that reads plans is still loading; try again in a moment.";
        LoadFailedOpened => "本机保存的一个计划无法读取,原数据已原样保留;现打开的是“{}”。", "A plan saved on this device could not be read; it was kept untouched and “{}” opened instead.";

        // Share by link (issue 28): the link, its limit, the read-only shared plan.
        ShareTitle => "分享的计划", "Shared plan";
        ShareReadOnly => "只读的分享计划:“{}”。你的计划没有改动;保存副本后才能修改。", "Shared plan, read only: “{}”. Your own plans are unchanged; save a copy to edit it.";
        ShareEditRefused => "这是只读的分享计划,修改未生效。请先保存副本。", "This shared plan is read only; the change was not made. Save a copy first.";
        ShareSaveCopy => "保存副本到我的计划", "Save a copy to my plans";
        ShareClose => "关闭分享计划", "Close the shared plan";
        ShareSaved => "已保存为“{}”,现在可以修改。", "Saved as “{}”; you can edit it now.";

        // JSON backend (sync): settings, connection test, sync state, conflicts, backend plans.
        BackendSection => "后端(可选)", "Backend (optional)";
        BackendKindLabel => "后端类型", "Backend kind";
        BackendKindJson => "JSON 接口(REST)", "JSON API (REST)";
        BackendKindCouch => "CouchDB", "CouchDB";
        BackendCouchUrl => "数据库地址", "Database URL";
        BackendCouchHint => "CouchDB 数据库的完整地址,例如 http://主机:5984/plans;每个计划是其中的一个文档。", "The CouchDB database's full URL, e.g. http://host:5984/plans; each plan is one document in it.";
        BackendCouchTestOk => "连接成功:CouchDB 数据库中现有 {} 个文档。", "Connected: the CouchDB database has {} documents.";
        BackendCreateDb => "创建数据库", "Create the database";
        BackendDbCreated => "数据库已创建。", "The database was created.";
        BackendHint => "填写后,计划除了保存在本机,还会上传到这个后端,另一台电脑或浏览器可以打开同一个计划。这些设置只保存在这个浏览器中,不会写进计划文件。不填则只保存在本机。", "When set, plans are also uploaded to this backend, so another computer or browser can open the same plan. These settings stay in this browser only and are never written into the plan. Leave empty to keep plans on this device only.";
        BackendUrl => "后端地址", "Backend URL";
        BackendCollection => "集合路径", "Collection path";
        BackendAuth => "Authorization 请求头(可选)", "Authorization header (optional)";
        BackendAuthHint => "只发送给上面这个后端地址。", "Sent to the backend above only.";
        BackendSave => "保存后端设置", "Save backend settings";
        BackendSaved => "后端设置已保存。", "Backend settings saved.";
        BackendTurnedOff => "已关闭后端:计划只保存在本机。", "Backend turned off: plans are kept on this device only.";
        BackendOff => "关闭后端", "Turn the backend off";
        BackendTest => "测试连接", "Test connection";
        BackendTesting => "正在测试连接…", "Testing the connection…";
        BackendTestOk => "连接成功:后端现有 {} 个计划。", "Connected: the backend has {} plans.";
        BackendBadUrl => "后端地址必须是以 http:// 或 https:// 开头的完整地址。", "The backend URL must be a full address starting with http:// or https://.";
        BackendBadCollection => "集合路径只能包含字母、数字和 - _ . /。", "The collection path may contain only letters, digits and - _ . /.";
        ProblemOffline => "这台设备现在没有网络连接。恢复联网后会自动重试。", "This device is offline. It retries by itself once the network is back.";
        ProblemUnreachable => "连不上后端:地址可能有误,服务器没有运行,或网络不通。", "Cannot reach the backend: the address may be wrong, the server may not be running, or the network is down.";
        ProblemCors => "服务器有响应,但拒绝了来自本页面的跨域请求(CORS)。请让后端允许本页面的来源。", "The server answers but refuses requests from this page (CORS). Ask for this page's origin to be allowed on the backend.";
        ProblemMixedContent => "本页面使用 https,浏览器不允许它访问 http 地址。请使用 https 的后端地址。", "This page uses https, and the browser blocks calls to an http address. Use an https backend URL.";
        ProblemUnauthorized => "后端拒绝访问(状态码 {}):Authorization 请求头缺失或不正确。", "The backend refused access (status {}): the Authorization header is missing or wrong.";
        ProblemNotFound => "后端返回 404(找不到):请检查后端地址和集合路径。", "The backend answered 404 (not found): check the backend URL and the collection path.";
        ProblemServer => "后端内部出错(状态码 {}),请稍后再试或联系后端的管理员。", "The backend had an internal error (status {}); try later or ask its administrator.";
        ProblemUnexpected => "后端返回了意外的状态码 {}。", "The backend answered with an unexpected status {}.";
        ProblemTimeout => "后端在规定时间内没有响应(超时)。", "The backend did not answer in time (timeout).";
        ProblemNotJson => "后端返回的内容不是 JSON:这个地址可能不是 JSON 后端。", "The backend's answer is not JSON: this address may not be a JSON backend.";
        ProblemWrongShape => "后端返回的 JSON 格式不对:计划列表应是一个对象数组。", "The backend's JSON has the wrong shape: the plan list should be an array of objects.";
        ProblemNoDatabase => "CouchDB 服务器有响应,但这个数据库不存在(404)。可以点“创建数据库”,或由管理员用 PUT 请求创建它(例如 curl -X PUT 加上数据库地址)。", "The CouchDB server answers, but this database does not exist (404). Choose “Create the database”, or have an administrator create it with a PUT request (e.g. curl -X PUT followed by the database URL).";
        ProblemNotCouch => "这个地址有响应,但不像 CouchDB 数据库:请填写数据库的完整地址,例如 http://主机:5984/plans。", "This address answers, but not as a CouchDB database does: give the database's full URL, e.g. http://host:5984/plans.";
        SyncSaved => "已保存到后端", "Saved to the backend";
        SyncSaving => "正在保存到后端…", "Saving to the backend…";
        SyncWaiting => "{} 项更改待同步", "Changes waiting: {}";
        SyncOffline => "离线:{} 项更改待同步", "Offline, changes waiting: {}";
        SyncFailed => "无法同步:{} 项更改待同步", "Cannot sync, changes waiting: {}";
        SyncConflict => "冲突:后端的版本已被修改", "Conflict: changed on the backend";
        ConflictTitle => "这个计划在后端已被别人修改", "This plan was changed on the backend by someone else";
        ConflictIntro => "后端的版本没有被覆盖。请比较两边的差异,然后选择保留哪个版本。", "The backend copy was not overwritten. Compare the two versions, then choose which one to keep.";
        ConflictPlace => "位置", "Where";
        ConflictMine => "我的版本", "Mine";
        ConflictTheirs => "后端的版本", "Theirs";
        ConflictMore => "另有 {} 处差异未列出。", "{} more differences not listed.";
        ConflictSame => "两个版本的内容相同,只是版本号不同。", "Both versions have the same content; only their revision differs.";
        KeepTheirs => "保留后端的版本", "Keep theirs";
        KeepMine => "保留我的版本(覆盖后端)", "Keep mine (overwrite the backend)";
        SaveMineAsCopy => "把我的版本另存为新计划", "Save mine as a new plan";
        BackendPlansTitle => "后端中的计划", "Plans on the backend";
        BackendPlansHint => "从后端加载计划列表,打开其中一个即可在这台设备上继续编辑。", "Load the list from the backend and open a plan to keep working on it here.";
        LoadFromBackend => "从后端加载", "Load from the backend";
        BackendPlansEmpty => "后端还没有计划。", "The backend has no plans yet.";
        ColRevision => "版本号", "Revision";
        OpenFromBackend => "打开后端的", "Open from the backend";

        // Customer segmentation and attribution (issue 10).
        NavCustomers => "客户分层", "Customers";
    }

    /// The scenario planner (场景规划).
    Scenario (scenario) {
        CampaignSection => "活动信息", "Campaign";
        CampaignName => "计划名称", "Plan name";
        Industry => "行业", "Industry";
        StartDate => "开始日期", "Start date";
        Currency => "币种", "Currency";
        ScenarioTitle => "线上线下联动场景规划", "Online-offline scenario planning";
        ScenarioIntro => "先确定计划的基本信息;所有相对日期(如“3个月内”)都从开始日期算起。",
            "Set the plan's basics first; every relative date (such as \"within 3 months\") counts from the start date.";
        DateRequired => "请选择开始日期", "Choose a start date";
        KeyFigures => "关键数字", "Key figures";
        PlaybooksTitle => "阶段场景:哪种打法适合现在", "Stage playbooks: which fits the business now";
        WhenItFits => "适用情况", "When it fits";
        CoreStrategy => "核心策略", "Core strategy";
        PlaybookNewBrand => "新品牌快速启动", "New brand, fast start";
        PlaybookNewBrandWhen => "品牌认知度低,需要快速建立信任,同时控制早期获客成本。",
            "Low awareness: trust must be built fast while keeping early acquisition cost down.";
        PlaybookNewBrandHow => "以线下场景做信任背书(快闪店体验+定制服务,扫码注册,添加门店企业微信/社群),再沉淀到线上私域社群(每日秒杀、好友拼团、教程与买家秀、敏感肌/性价比偏好等标签)。",
            "Offline scenes as trust endorsement (pop-up trial and custom service, scan to register, add the store's WeCom or community), then an online private community (daily flash sales, friend group-buys, tutorials and testimonials, preference tags).";
        PlaybookStockOps => "存量客户深度运营", "Deepen existing customers";
        PlaybookStockOpsWhen => "已有用户基础,但复购率低、客单价难以提升。",
            "A customer base exists, but repurchase is low and the average order value is hard to raise.";
        PlaybookStockOpsHow => "用线上数据找出高潜客户(如“90天未复购但历史客单价>500元”),推送线下专属服务券;门店员工可看到顾客的线上偏好;积分可兑换线下礼品。",
            "Online data picks high-potential customers (e.g. no repurchase in 90 days but historical AOV over ¥500) and sends an offline-only service voucher; store staff see online preferences; points redeem for in-store gifts.";
        PlaybookCrossRegion => "跨区域市场渗透", "Enter a new region";
        PlaybookCrossRegionWhen => "进入新区域,需要快速建立认知和本地销售渠道。",
            "Entering a new region: awareness and a local sales channel are needed fast.";
        PlaybookCrossRegionHow => "线上做本地化内容(区域KOL探店、本地生活平台“新店套餐”团购、“到店报暗号再享折扣”),承接到线下本地经销商/门店:线上客流专属通道、到店核销、关注公众号、“3公里内门店”导航。",
            "Localized online content (regional KOL store visits, a \"new store package\" group-buy on local-life platforms, a code to say in store for extra discount) leading to local distributors and stores: a lane for online traffic, redeem at checkout, follow the official account, stores-within-3-km navigation.";

        // Scenario planner (spec §1, §7).
        PlaybooksShort => "阶段打法", "Playbooks";
        ScenarioTableShort => "场景规划表", "Scenarios";
        GoalsShort => "目标拆解", "Goals";
        BudgetShort => "预算分配", "Budget";
        ResourcesShort => "资源盘点", "Resources";
        RisksShort => "风险与应对", "Risks";
        PlaybooksHint => "选择行业后,可用任一打法新建一份完整计划:场景、目标、预算分配、任务、漏斗环节和KPI都会按打法填好。",
            "Pick an industry, then start a complete plan from a playbook: scenarios, goals, budget split, tasks, funnel stages and KPIs are filled in to fit it.";
        PlaybookIndustry => "新计划的行业", "Industry of the new plan";
        StartFromPlaybook => "用此打法新建计划", "Start a plan from this playbook";
        CurrentPlaybook => "当前计划采用此打法", "This plan follows it";
        ConfirmNewPlan => "确认新建计划", "Confirm the new plan";
        NewPlanStartDate => "新计划开始日期", "Start date of the new plan";
        NewPlanStartHint => "阶段、任务截止日和目标期限都从这一天算起。", "Phases, task deadlines and goal deadlines count from this day.";
        CreatePlan => "新建计划", "Create the plan";
        PlanCreated => "已新建计划“{}”。", "Created the plan “{}”.";
        DismissNotice => "知道了", "Dismiss";
        ColScenarioType => "场景类型", "Scenario type";
        ColOfflineAction => "线下动作", "Offline action";
        ColOnlineFollowUp => "线上承接方式", "Online follow-up";
        ColCoreGoal => "核心目标", "Core goal";
        ColResources => "资源投入需求", "Resources needed";
        AddScenario => "添加场景", "Add scenario";
        NewScenario => "新场景", "New scenario";
        GoalsHint => "每个核心目标写成:指标、基线、目标值、单位和期限;“3个月内”按计划开始日期换算成截止日期。",
            "Each core goal has a metric, baseline, target, unit and deadline; “within 3 months” becomes a date from the campaign start.";
        ColGoalMetric => "目标指标", "Goal metric";
        ColBaseline => "基线", "Baseline";
        ColChange => "提升", "Change";
        ColDeadlineWithin => "期限", "Deadline";
        ColDueDate => "截止日期", "Due date";
        AddGoal => "添加目标", "Add goal";
        NewGoal => "新目标", "New goal";
        IndicatorsHint => "把每个目标拆成四个环节的关键指标;关联漏斗环节或KPI后,当前值会随数据实时更新。",
            "Break each goal into key indicators along the loop; link one to a funnel stage or KPI and its current value follows the data live.";
        ColIndicator => "关键指标", "Indicator";
        ColGoal => "所属目标", "Goal";
        ColLoopStage => "环节", "Loop stage";
        ColSource => "数据来源", "Source";
        ColCurrent => "当前值", "Current";
        AddIndicator => "添加指标", "Add indicator";
        NewIndicator => "新指标", "New indicator";
        NotChosen => "未选择", "Not chosen";
        UnitMismatch => "单位不一致", "Units differ";
        TargetMet => "已达成", "Met";
        TargetNotMet => "未达成", "Not met";
        BudgetTitle => "预算分配", "Budget allocation";
        BudgetHint => "预算总额可直接输入,或按年营收的比例(通常3%-5%)计算;各类别金额以分为单位精确分配,合计始终等于总额。",
            "Type the total, or derive it from yearly revenue × a rate (usually 3-5%); category amounts are split to the fen and always add up to the total.";
        BudgetTotal => "预算总额", "Budget total";
        BudgetTotalSource => "总额来源", "Where the total comes from";
        TotalTyped => "直接输入", "Typed in";
        TotalFromRevenue => "按营收比例", "From revenue";
        BudgetTotalAmount => "预算总额(元)", "Budget total";
        AnnualRevenue => "年营收(元)", "Yearly revenue";
        BudgetRate => "预算比例(%)", "Budget rate (%)";
        BudgetTotalIs => "预算总额:", "Budget total: ";
        ColCategory => "预算类别", "Category";
        ColShare => "占比", "Share";
        OverBy => "超支", "Over by";
        AddCategory => "添加类别", "Add category";
        NewCategory => "新类别", "New category";
        SharesShort => "占比合计不足100%:还有{}未分配", "Shares do not make 100%: {} left unallocated";
        SharesOver => "占比合计超过100%:多出{}", "Shares add up to more than 100%: {} too much";
        CategoryOver => "“{0}”已承诺费用超出分配{1}", "“{0}” is committed {1} over its allocation";
        CategoryUnbudgeted => "“{0}”不在预算类别中,{1}未纳入分配", "“{0}” is not a budget category: {1} outside the allocation";
        BudgetChartTitle => "分配与已承诺对比", "Allocated vs committed";
        ColCostItem => "费用项目", "Cost item";
        ColAmount => "金额", "Amount";
        AddCostLine => "添加费用", "Add cost line";
        NewCostItem => "新费用", "New cost";
        ResourcesHint => "团队人数会用于全渠道人效比等效率指标。", "Team size feeds efficiency KPIs such as sales per staff.";
        ResourcesOffline => "线下资源", "Offline";
        ResourcesOnline => "线上资源", "Online";
        OpenRisks => "未解除风险:{} 项", "Open risks: {}";
        ColRisk => "风险", "Risk";
        ColSymptoms => "表现", "How it shows";
        ColMitigation => "应对措施", "Mitigation";
        AddRisk => "添加风险", "Add risk";
        NewRisk => "新风险", "New risk";

        // The print view (issue: files, print, offline).
        NewPlanWarning => "将新建计划“{}”并打开它;当前计划会保留在“我的计划”中。", "This creates the plan “{}” and opens it; the current plan stays in My plans.";
        BackToPrevious => "返回原计划", "Back to the previous plan";
    }

    /// The task breakdown (任务拆解).
    Tasks (tasks) {
        TasksIntro => "阶段按活动月份划分,日期随计划开始日期自动换算;最后一个阶段可不填结束月份。",
            "Phases are campaign months; their dates follow the plan's start date. Leave the last phase's end empty to keep it open.";
        ColPhase => "阶段", "Phase";
        ColFirstMonth => "开始月份", "First month";
        ColLastMonth => "结束月份", "Last month";
        ColFromDate => "开始日期", "From";
        ColToDate => "结束日期", "To";
        OpenEnded => "持续", "ongoing";
        AddPhase => "添加阶段", "Add phase";
        NewPhase => "新阶段", "New phase";
        ColMonthlyTask => "月度任务", "Monthly task";
        ColWeeklyAction => "周度关键动作", "Weekly key action";
        ColDeadline => "时间节点", "Deadline";
        ColDeliverable => "交付成果", "Deliverable";
        AddTask => "添加任务", "Add task";
        NewTask => "新任务", "New task";

        // Task breakdown: deadlines, deliverables, status, roll-ups, timeline, calendar.
        ColNextDue => "下次截止", "Next due";
        ColOverdue => "逾期", "Overdue";
        DueOfMany => "{0}(共{1}次)", "{0} ({1} dates)";
        OutsidePhase => "{0}(不在所属阶段内)", "{0} (outside its phase)";
        NoPhaseDates => "先选择有效的阶段", "Choose a phase with valid months";
        ColDeliverableMetric => "交付指标", "Deliverable metric";
        ColComparator => "比较", "Comparator";
        ColThreshold => "目标值", "Threshold";
        ColActual => "实际值", "Actual";
        ColActualFrom => "实际值来源", "Actual from";
        ColOutcome => "达成情况", "Outcome";
        OutcomeMet => "达成", "Met";
        OutcomeNotMet => "未达成", "Not met";
        OutcomePending => "待定", "Pending";
        OutcomeWithActual => "{0}(实际 {1})", "{0} (actual {1})";
        HorizonMonths => "计划覆盖月数", "Months the plan covers";
        HorizonHint => "开放式阶段的循环节点计算到第{0}个月末({1})。", "Recurring deadlines of an open-ended phase run to the end of month {0} ({1}).";
        FilterTitle => "筛选任务", "Filter tasks";
        FilterAll => "全部", "All";
        Unassigned => "(未指定)", "(unassigned)";
        FilterClear => "清除筛选", "Clear filters";
        FilterShowing => "显示 {0} / {1} 项任务", "Showing {0} of {1} tasks";
        TodayIs => "今天:{}", "Today: {}";
        RollupTitle => "进度汇总", "Progress";
        RollupHint => "按当前筛选统计;逾期指未完成且显示的截止日期已过。", "Counts follow the filters; overdue means not done and the shown due date has passed.";
        RollupByPhase => "按阶段进度", "Progress by phase";
        RollupByOwner => "按负责人进度", "Progress by owner";
        RollupAll => "全部", "All";
        ColDoneOfTotal => "已完成 / 总数", "Done / total";
        ColDoneRate => "完成率", "Share done";
        TimelineTitle => "时间轴", "Timeline";
        LegendToday => "今天", "Today";
        TimelineTruncated => "时间轴显示前 {0} 项任务(共 {1} 项),用筛选查看其余任务。", "The timeline shows the first {0} of {1} tasks; filter to see the others.";
        TimelineHint => "阶段为色带,菱形为截止节点,竖线为今天;逾期标为橙色。在手机上可左右滑动。", "Phases are bands, diamonds are due dates, the line is today; overdue in orange. Swipe sideways on a phone.";
        TimelineLabel => "任务时间轴:{0} 项任务,{1} 个截止节点,{2} 项逾期", "Task timeline: {0} tasks, {1} due dates, {2} overdue";
        CalendarTitle => "导出日历", "Calendar export";
        CalendarExport => "下载日历文件(.ics)", "Download calendar (.ics)";
        CalendarHint => "每个截止节点一个全天事件,负责人和交付成果写在说明里;可导入手机日历、Outlook 和 Google 日历。按当前筛选导出。", "One all-day event per due date, with the owner and deliverable in its description; imports into phone calendars, Outlook and Google Calendar. Follows the filters.";
        CalendarNothing => "没有可导出的截止日期。", "No due dates to export.";
        CalendarDone => "已导出 {} 个日历事件。", "{} calendar events exported.";
    }

    /// The funnel (转化漏斗): the table, its analysis, the event-log import and funnel definitions.
    Funnel (funnel) {
        FunnelIntro => "输入每个环节的触达人数和转化人数,转化率、流失人数和整体转化率会随输入实时计算。",
            "Type each stage's reached and converted counts; rates, losses and the overall conversion update as you type.";
        ColStage => "转化环节", "Stage";
        ColReached => "触达人数", "Reached";
        ColConverted => "转化人数", "Converted";
        ColRate => "转化率", "Rate";
        ColLoss => "流失人数", "Lost";
        ColLossReason => "环节流失原因", "Loss reason";
        ColMeasure => "优化措施", "Measure";
        OverallHint => "最后一个环节的转化人数 ÷ 第一个环节的触达人数", "last stage converted ÷ first stage reached";
        FirstReached => "首环节触达", "Reached at the top";
        LastConverted => "末环节转化", "Converted at the end";
        AddStage => "添加环节", "Add stage";
        NewStage => "新环节", "New stage";

        // Funnel analysis (issue 6): chain check, bottleneck, what-if, comparison, chart,
        // event-log import, CSV export.
        FaOnThisPage => "本页内容", "On this page";
        FaChainShort => "链路检查", "Chain";
        FaChartShort => "漏斗图", "Chart";
        FaBottleneckShort => "瓶颈", "Bottleneck";
        FaWhatIfShort => "假设分析", "What-if";
        FaCompareShort => "对比", "Compare";
        FaImportShort => "导入事件", "Import events";
        FaChainTitle => "链路检查", "Chain check";
        FaChainHint => "正常情况下,每个环节的触达人数应等于上一环节的转化人数;不一致时请核对数字,或在确有其他来源的客户从该环节进入时标记为“侧入口”。",
            "Normally a stage's reached equals the previous stage's converted; when they differ, check the figures, or mark the stage as a side entry if customers really join there from elsewhere.";
        FaChainOk => "链路连贯:每个环节的触达人数都等于上一环节的转化人数。", "The chain holds: every stage's reached equals the previous stage's converted.";
        FaChainBreak => "“{0}”的触达人数 {1} 与上一环节“{2}”的转化人数 {3} 不一致(相差 {4})。",
            "“{0}” reached {1}, but the previous stage “{2}” converted {3} (a difference of {4}).";
        FaSideEntryMarked => "“{0}”已标记为侧入口,不检查链路。", "“{0}” is marked as a side entry: its chain is not checked.";
        FaSideEntryLabel => "有意的侧入口(有其他来源的客户从这里进入):{0}", "Intended side entry (customers also join here from elsewhere): {0}";
        FaChartTitle => "漏斗图", "Funnel chart";
        FaChartHint => "浅色条为触达人数,深色条为转化人数;红色为瓶颈环节。对比时,灰色框为对比期的人数。",
            "Light bars are reached, dark bars converted; red marks a bottleneck. When comparing, grey outlines are the comparison period.";
        FaChartLabel => "漏斗图", "Funnel chart";
        FaChartFirst => "图中为前 {0} 个环节(共 {1} 个),全部环节见上表。", "The chart shows the first {0} of {1} stages; the table above holds them all.";
        FaChartLost => "流失", "lost";
        FaBottleneckTitle => "瓶颈诊断", "Bottleneck";
        FaBottleneckHint => "流失人数最多的环节,以及离目标转化率最远的环节。", "The stage losing the most people, and the stage furthest below its target rate.";
        FaLargestLoss => "流失人数最多", "Largest loss";
        FaLargestLossText => "流失 {0} 人,占触达人数的 {1}。", "{0} people lost, {1} of those reached.";
        FaNoLoss => "还没有可计算流失的环节。", "No stage has counts to compute a loss from yet.";
        FaBelowTarget => "离目标最远", "Furthest below target";
        FaBelowTargetText => "转化率 {0},目标 {1},差 {2} 个百分点。", "Rate {0} against a target of {1}: {2} points short.";
        FaNoTargets => "尚未设置目标转化率:在“假设分析”中逐环节设置。", "No target rates yet: set them per stage under “What-if”.";
        FaAllTargetsMet => "所有设置了目标的环节都已达标。", "Every stage with a target meets it.";
        FaLossReason => "流失原因", "Loss reason";
        FaMeasure => "优化措施", "Measure";
        FaNotGiven => "(未填写)", "(not given)";
        FaWhatIfTitle => "假设分析:转化率提高后会怎样", "What-if: what better rates would yield";
        FaWhatIfHint => "为任意环节填入假设转化率(或一键设为目标),预测按链路逐环节推算,每个环节的触达人数取上一环节的预测转化人数,人数向下取整。",
            "Give any stage a what-if rate (or set all to target); the projection runs down the chain, each stage reaching the previous stage's projected converted, rounded down to whole people.";
        FaAov => "平均客单价(元)", "Average order value";
        FaSetAllToTarget => "全部设为目标", "Set all to target";
        FaClearWhatIf => "恢复为当前转化率", "Back to today's rates";
        FaTodayFinal => "当前最终转化", "Final conversions today";
        FaProjectedFinal => "假设最终转化", "Projected final conversions";
        FaTodayRevenue => "当前营收", "Revenue today";
        FaProjectedRevenue => "假设营收", "Projected revenue";
        FaNoProjection => "无法推算:需要第一个环节的触达人数,以及每个环节的转化率(或假设转化率)。",
            "No projection: it needs the first stage's reached and a rate (or a what-if rate) for every stage.";
        FaNeedAov => "填入平均客单价即可看到营收。", "Type an average order value to see revenue.";
        FaEditRates => "逐环节设置目标与假设转化率", "Set target and what-if rates per stage";
        FaRatesTable => "目标与假设转化率", "Target and what-if rates";
        FaColStage => "环节", "Stage";
        FaColTarget => "目标转化率", "Target rate";
        FaColWhatIf => "假设转化率", "What-if rate";
        FaColProjReached => "预测触达", "Projected reached";
        FaColProjConverted => "预测转化", "Projected converted";
        FaCompareTitle => "时期对比与显著性", "Period comparison and significance";
        FaCompareHint => "填入同一漏斗在对比期(上个月,或 A/B 测试中的 A 方案)的人数,逐环节比较转化率,并判断差异是真实的还是偶然波动。",
            "Type the same funnel's counts for a comparison period (last month, or variant A of an A/B test) to compare each stage's rate and tell a real difference from chance.";
        FaCompareKind => "对比方式", "Compare";
        FaKindPeriods => "本月 vs 上月", "This month vs last month";
        FaKindVariants => "B 方案 vs A 方案(A/B 测试)", "Variant B vs variant A (A/B test)";
        FaLabelThisMonth => "本月", "this month";
        FaLabelLastMonth => "上月", "last month";
        FaLabelVariantA => "A 方案", "variant A";
        FaLabelVariantB => "B 方案", "variant B";
        FaEditComparison => "填写对比期人数", "Type the comparison counts";
        FaCompareTable => "对比期人数与结论", "Comparison counts and verdicts";
        FaColPrevReached => "对比期触达人数", "Comparison reached";
        FaColPrevConverted => "对比期转化人数", "Comparison converted";
        FaColPrevRate => "对比期转化率", "Comparison rate";
        FaColCurRate => "当前转化率", "Current rate";
        FaColChange => "变化", "Change";
        FaColPrevCi => "对比期95%区间", "Comparison 95% range";
        FaColCurCi => "当前95%区间", "Current 95% range";
        FaColVerdict => "结论", "Verdict";
        FaVerdictHigher => "显著提升", "Significantly higher";
        FaVerdictLower => "显著下降", "Significantly lower";
        FaVerdictSame => "无明显差异", "No clear difference";
        FaVerdictNoData => "数据不足", "Not enough data";
        FaSentenceHigher => "{0}:{1}转化率 {2},{3} {4},高出 {5} 个百分点。差距明显大于随机波动,可以认为确实提升了(95% 把握)。",
            "{0}: {1} converts at {2} against {4} for {3}, {5} points higher. The gap is larger than chance explains: a real improvement (95% confidence).";
        FaSentenceLower => "{0}:{1}转化率 {2},{3} {4},低了 {5} 个百分点。差距明显大于随机波动,可以认为确实下降了(95% 把握),值得查找原因。",
            "{0}: {1} converts at {2} against {4} for {3}, {5} points lower. The gap is larger than chance explains: a real drop (95% confidence), worth finding out why.";
        FaSentenceSame => "{0}:{1}转化率 {2},{3} {4},相差 {5} 个百分点,在正常波动范围内,还不能说明有真实差别。",
            "{0}: {1} converts at {2} against {4} for {3}, {5} points apart: within normal ups and downs, no real difference shown yet.";
        FaSentenceNoData => "{0}:人数缺失或太少(转化和流失都至少需要 5 人),暂时无法判断。",
            "{0}: counts missing or too small (at least 5 converted and 5 lost in each), so no verdict yet.";
        FaCiHint => "95% 区间:真实转化率大概率落在这个范围内;人数越多,范围越窄。两期区间重叠越多,差异越可能只是偶然。",
            "95% range: the true rate very likely lies in it, and it narrows as counts grow. The more two ranges overlap, the likelier a difference is chance.";
        FaNoComparison => "还没有对比期人数。", "No comparison counts yet.";
        FaImportTitle => "从原始事件日志计算漏斗", "Count the funnel from a raw event log";
        FaImportHint => "导入 CSV 事件日志(列:用户ID、时间、事件,可选渠道;中英文表头均可),选择按顺序的步骤和转化时间窗口,在本机浏览器中计算每一步的人数,填入漏斗表。",
            "Import a CSV event log (columns: user id, time, event, optional channel; English or Chinese headers), pick the steps in order and a conversion window; each step's people are counted here in the browser and fill the funnel table.";
        FaChooseLog => "选择事件日志(CSV)", "Choose an event log (CSV)";

        // Sample files beside the file buttons (funnel events, orders, touchpoints).
        FaReading => "正在读取:已读 {0} 行({1}%)", "Reading: {0} rows read ({1}%)";
        FaReadProgress => "读取进度", "Reading progress";
        FaRead => "已读取 {0} 行:{1} 个有效事件,{2} 位用户,{3} 种事件。", "Read {0} rows: {1} valid events, {2} users, {3} event names.";
        FaFileEmpty => "文件是空的,没有表头行。", "The file is empty: there is no header row.";
        FaMissingColumns => "表头缺少必需的列:{0}。", "The header lacks required columns: {0}.";
        FaColUser => "用户ID", "user id";
        FaColTime => "时间", "time";
        FaColEvent => "事件", "event";
        FaFileUnreadable => "无法读取这个文件。", "This file could not be read.";
        FaBadRowsTitle => "未导入的行", "Rows not imported";
        FaBadRowsCount => "共 {0} 行未导入(有问题的行不会被悄悄丢弃)。", "{0} rows were not imported (rows with problems are never silently dropped).";
        FaBadRowsFirst => "下面列出前 {0} 行。", "The first {0} are listed below.";
        FaColLine => "行号", "Line";
        FaColReason => "原因", "Reason";
        FaRowColumns => "列数不对:应为 {0} 列,实际 {1} 列", "Wrong number of columns: {0} expected, {1} found";
        FaRowUnclosedQuote => "引号没有闭合,文件其余部分都被读进了这一格", "A quote is never closed: the rest of the file was read into this field";
        FaRowTextAfterQuote => "引号后面还有文字", "Text after a closing quote";
        FaRowNotUtf8 => "不是 UTF-8 编码(可能是 GBK 导出,请另存为 UTF-8)", "Not UTF-8 (maybe a GBK export: save it as UTF-8)";
        FaRowEmptyUser => "用户ID为空", "Empty user id";
        FaRowEmptyEvent => "事件为空", "Empty event";
        FaRowEmptyTime => "时间为空", "Empty time";
        FaRowBadTime => "时间格式无法识别(例:2026-10-15 09:30:00、2026-10-15T09:30:00+08:00 或 Unix 时间戳)", "Unrecognised time (e.g. 2026-10-15 09:30:00, 2026-10-15T09:30:00+08:00 or a Unix timestamp)";
        FaSteps => "漏斗步骤(按顺序)", "Funnel steps (in order)";
        FaStepN => "步骤 {0}", "Step {0}";
        FaAddStep => "添加步骤", "Add step";
        FaRemoveStep => "删除最后一步", "Remove last step";
        FaWindow => "转化窗口", "Conversion window";
        FaWindowLength => "窗口长度", "Window length";
        FaWindowUnit => "窗口单位", "Window unit";
        FaMinutes => "分钟", "minutes";
        FaHours => "小时", "hours";
        FaDays => "天", "days";
        FaWindowHint => "从第一步开始,在这段时间内完成的后续步骤才计入。", "Later steps count only when done within this time of the first step.";
        FaChannel => "起始渠道", "Starting channel";
        FaAllChannels => "全部渠道", "All channels";
        FaFillInto => "填入", "Fill";
        FaFillCurrent => "漏斗表的触达/转化人数", "the funnel's reached / converted";
        FaFillPrevious => "对比期人数", "the comparison counts";
        FaPreview => "每一步的人数:{0}", "People at each step: {0}";
        FaApply => "填入漏斗表", "Fill the funnel table";
        FaApplied => "已填入 {0} 个环节(可撤销)。", "{0} stages filled (undo reverts).";
        FaAppliedAdded => "新增 {0} 个环节。", "{0} stages added.";
        FaAppliedRemoved => "多出的 {0} 个环节已移除。", "{0} extra stages removed.";
        FaAppliedCleared => "其余 {0} 个环节的对比期人数已清空。", "The comparison counts of the other {0} stages were cleared.";
        FaNeedTwoSteps => "至少选择两个步骤。", "Choose at least two steps.";
        FaManyNames => "事件种类太多,只列出前 {0} 种。", "Too many event names: the first {0} are listed.";

        // Funnel definitions (issue 25): modes, per-step windows, exclusions, time to convert,
        // trends, channels side by side, warehouse SQL.
        FaMode => "步骤顺序规则", "Step order";
        FaModeHint => "四种规则与 ClickHouse windowFunnel 的模式一一对应。", "The four rules are ClickHouse windowFunnel's modes.";
        FaModeDefault => "默认", "Default";
        FaModeDefaultText => "按顺序完成即可,中间可以有其他事件;同一秒发生的步骤算作按顺序。", "Steps in order; other events may happen in between; steps in the same second count as in order.";
        FaModeIncrease => "严格递增(strict_increase)", "Strictly later (strict_increase)";
        FaModeIncreaseText => "与上一步同一时间发生的步骤不算。", "A step at the same time as the previous step does not count.";
        FaModeOrder => "严格顺序(strict_order)", "Nothing in between (strict_order)";
        FaModeOrderText => "开始后中间夹杂任何其他事件(或提前做了后面的步骤),就停在这一步。", "Any other event after the start (or a later step done too early) stops the path where it is.";
        FaModeDedup => "重复即停(strict_deduplication)", "A repeat stops (strict_deduplication)";
        FaModeDedupText => "在进入下一步之前又做了一遍已完成的步骤,就停在这一步。", "Doing a reached step again before the next one stops the path where it is.";
        FaPresets => "常用窗口", "Presets";
        FaPreset1h => "1 小时", "1 h";
        FaPreset24h => "24 小时", "24 h";
        FaPreset7d => "7 天", "7 d";
        FaPreset30d => "30 天", "30 d";
        FaStepWindows => "每步窗口(可选)", "Per-step windows (optional)";
        FaStepWindowN => "第 {0} 步距上一步最长", "Step {0}: longest after the previous";
        FaStepWindowHint => "单位与转化窗口相同;留空则只受转化窗口限制。", "Same unit as the conversion window; empty: only the conversion window applies.";
        FaExclusions => "排除步骤", "Exclusion steps";
        FaExclusionHint => "按 PostHog 的规则:用户在所选两步之间做了该事件(还没到后一步时,指转化窗口内),就从整个漏斗中移除,每一步都不再计入。", "PostHog's rule: a user who did the event between the two chosen steps (short of the later step: within the conversion window) is removed from the whole funnel, every step included.";
        FaExclusionEvent => "排除事件", "Event to exclude";
        FaExclusionFrom => "在步骤之后", "After step";
        FaExclusionTo => "在步骤之前", "Before step";
        FaAddExclusion => "添加排除步骤", "Add an exclusion step";
        FaRemoveExclusion => "删除这条排除", "Remove this exclusion";
        FaExcluded => "已排除 {0} 位用户。", "{0} users excluded.";
        FaTimeTitle => "转化用时", "Time to convert";
        FaTimeHint => "每一步距上一步的用时,取每位用户走得最远的那条路径:分布、中位数和 P90。", "Time from the previous step, on the path that took each user deepest: distribution, median and p90.";
        FaColStep => "步骤", "Step";
        FaColUsers => "人数", "Users";
        FaColMedian => "中位数", "Median";
        FaColP90 => "P90", "p90";
        FaSlowest => "最慢的一步:{0}(中位数 {1})。", "Slowest step: {0} (median {1}).";
        FaTimeChartLabel => "转化用时分布", "Time to convert, distribution";
        FaBucket1m => "≤1 分钟", "≤1 min";
        FaBucket10m => "1–10 分钟", "1–10 min";
        FaBucket1h => "10–60 分钟", "10–60 min";
        FaBucket6h => "1–6 小时", "1–6 h";
        FaBucket1d => "6–24 小时", "6–24 h";
        FaBucket3d => "1–3 天", "1–3 d";
        FaBucket7d => "3–7 天", "3–7 d";
        FaBucketMore => ">7 天", ">7 d";
        FaSeconds => "{0} 秒", "{0} s";
        FaMinutesN => "{0} 分钟", "{0} min";
        FaHoursN => "{0} 小时", "{0} h";
        FaDaysN => "{0} 天", "{0} d";
        FaTrendTitle => "按开始时间的转化趋势", "Conversion by start period";
        FaTrendHint => "每周(或每月)开始漏斗的用户到达每一步的比例,每一步一条线。", "Of the users starting in each week (or month), the share reaching each step: a line per step.";
        FaByWeek => "按周", "By week";
        FaByMonth => "按月", "By month";
        FaColStarted => "开始于", "Started";
        FaTrendChartLabel => "转化趋势", "Conversion trend";
        FaBreakdownTitle => "各渠道开始的用户对比", "Funnel per channel of the first step";
        FaBreakdownHint => "按第一步所在渠道分别计算;同一用户在两个渠道开始过,两边都计入。", "Counted per channel of the first step; a user who started in two channels counts in both.";
        FaSqlTitle => "在数据仓库中计算", "Count in your data warehouse";
        FaSqlHint => "日志太大(例如超过 500 万条事件)时,在数据所在处计算:填入表名和列名,把 SQL 复制到 ClickHouse 或 DuckDB 运行,再把结果(每层人数的 CSV)导入这里。", "When the log is too large for a browser (say above 5 million events), count it where it lives: fill in the table and column names, run the SQL in ClickHouse or DuckDB, and import the result (level counts as CSV) here.";
        FaSqlTable => "表名", "Table";
        FaSqlUser => "用户列", "User column";
        FaSqlTime => "时间列", "Time column";
        FaSqlEvent => "事件列", "Event column";
        FaSqlChannel => "渠道列(可留空)", "Channel column (may be empty)";
        FaSqlClickhouse => "ClickHouse SQL(windowFunnel)", "ClickHouse SQL (windowFunnel)";
        FaSqlDuckdb => "DuckDB SQL", "DuckDB SQL";
        FaSqlCopy => "复制", "Copy";
        FaSqlCopied => "已复制。", "Copied.";
        FaSqlChNote => "windowFunnel 没有每步窗口和排除步骤的参数,这两项只在 DuckDB SQL 中。", "windowFunnel has no parameter for per-step windows or exclusion steps: those are in the DuckDB SQL only.";
        FaSqlRepeated => "有重复的步骤名:DuckDB SQL 中一个事件只算作其中第一步,结果会与本页和 ClickHouse 不同。", "A step name is repeated: in the DuckDB SQL one event stands for the first of them only, so its result differs from this page and ClickHouse.";
        FaSqlResult => "导入查询结果(CSV)", "Import the query's result (CSV)";
        FaSqlResultRead => "查询结果,每一步的人数:", "The query's result, people at each step:";
        FaSqlResultMissing => "结果缺少 level 或 users 列。", "The result lacks a level or users column.";
        FaSqlBadLevel => "level 不是 1 到步骤数之间的整数", "level is not a whole number from 1 to the number of steps";
        FaSqlBadUsers => "users 不是整数", "users is not a whole number";
        FaSqlMissingField => "缺少字段", "Missing field";
        FaSqlWithoutFile => "日志太大?不读取文件,直接生成数据仓库 SQL", "Log too large? Write the warehouse SQL without reading a file";
        FaLogTooLarge => "这个文件有 {0} MB(约五百万条事件以上),在浏览器里读取会很慢、占用大量内存,所以没有读取。请在数据仓库中运行下方的 SQL,再导入它的结果。", "This file is {0} MB (some five million events or more): reading it in the browser would be slow and take a lot of memory, so it was not read. Run the SQL below in your warehouse, then import its result.";
        FaReadAnyway => "仍在浏览器中读取", "Read it in the browser anyway";
        FaSqlNoCounts => "没有读取文件:在数据仓库中运行下方的 SQL,再导入它的结果。", "No file read: run the SQL below in your warehouse, then import its result.";
        FaSqlApply => "把全部用户的人数填入漏斗表", "Fill the funnel table with all users' counts";
        FaExportCsv => "导出漏斗 CSV", "Export funnel CSV";
        FaExportHint => "每个环节的人数、转化率、流失与原因,以及目标、假设和对比期;UTF-8 编码,Excel/WPS 可直接打开。", "Every stage with its counts, rate, loss and reasons, plus targets, what-if and the comparison period; UTF-8, opens in Excel or WPS.";
        FaCsvSideEntry => "侧入口", "Side entry";
        FaYes => "是", "yes";
        FaNo => "否", "no";
    }

    /// Channels and KPIs (渠道分析): history, metrics, alerts, comparison, A/B tests, response curves.
    Channels (channels) {
        ChannelsIntro => "计划是否奏效、钱该投向哪里:按月记录流量、转化、效率、价值四个维度的原始数据,指标、环比同比、与目标差异、预警、渠道回报和A/B测试结论都在浏览器中计算。",
            "Does the plan work, and where should the money go? Record the raw figures of the four dimensions (traffic, conversion, efficiency, value) month by month; the metrics, their changes, the gap to target, the alerts, channel returns and A/B test verdicts are all computed in the browser.";
        ColDimension => "指标类型", "Dimension";
        ColMetric => "指标名称", "Metric";
        ColDirection => "方向", "Direction";
        ColThisMonth => "本月值", "This month";
        ColLastMonth2 => "上月值", "Last month";
        ColLastYear => "去年同月", "Same month last year";
        ColMoM => "环比增长", "vs last month";
        ColYoY => "同比增长", "vs last year";
        ColGapAnalysis => "差异分析", "Gap analysis";
        ColAction => "优化动作", "Action";
        OnTrack => "达标", "On track";
        OffTrack => "未达标", "Off track";
        AddMetric => "添加指标", "Add metric";
        NewMetric => "新指标", "New metric";
        MetricsOffTrack => "未达标指标", "Metrics off track";
        MetricsOnTrack => "达标指标", "Metrics on track";

        // Channel & KPI analysis (spec §4): history, custom metrics, alerts, channels, A/B tests.
        ChannelsPageTitle => "渠道与KPI分析", "Channels and KPIs";
        ColMetricSource => "数据来源指标", "Follows metric";
        EffectivenessHint => "每行跟随一个指标:本月值、上月值、去年同月值由下方月度数据计算,环比、同比、与目标差异和是否达标随之更新。百分比指标的变化以百分点表示。", "Each row follows a metric: this month, last month and the same month last year are computed from the monthly figures below, and the changes, the gap and the status follow. Changes of a percentage are in points (pp).";
        ReportMonth => "报告月份(留空为最新月份)", "Report month (empty: the latest)";
        ReportMonthShown => "当前报告月份:", "Reporting on:";
        KpiMonthsTitle => "月度KPI数据", "Monthly KPI figures";
        KpiMonthsHint => "每月一行,填写原始数据;四张表按流量、转化、效率、价值维度分列同一批月份,表尾是计算出的指标。", "One row per month of raw figures; the four tables show the same months by dimension (traffic, conversion, efficiency, value), with the derived metrics at the end.";
        RepeatedMonths => "月份重复:{}。计算使用第一行。", "Months entered twice: {}. The first row counts.";
        AddMonth => "添加月份", "Add a month";
        FromOrdersTitle => "用导入的订单填写", "Fill from the imported orders";
        FromOrdersHint => "写入所选月份的客户数、高价值客户数(月末前 365 天消费超过高价值线)、当月订单数与销售额、截至月末的平均复购间隔;其余输入保持不变,可撤销。", "Writes the chosen month's customers, high-value customers (spend in the 365 days to the month's end over the high-value line), the month's orders and sales, and the repurchase interval to the month's end; every other input stays as typed, and undo takes it back.";
        FillFromOrders => "填写所选月份", "Fill the chosen month";
        FromOrdersNone => "在“客户分层”页导入订单后,可用订单数据填写某个月的客户数、高价值客户数、订单数、销售额和复购间隔:", "Import orders on the Customers page to fill a month's customers, high-value customers, orders, sales and repurchase interval from them:";
        FilledFromOrders => "已用订单填写 {}:客户 {},高价值客户 {},订单 {},销售额 {}。", "Filled {} from the orders: {} customers, {} high-value, {} orders, sales {}.";
        ShowMonths => "显示月度原始数据({} 个月)", "Show the monthly inputs ({} months)";
        HideMonths => "隐藏月度原始数据", "Hide the monthly inputs";
        ColMonth => "月份", "Month";
        InEventAttendees => "线下活动人数", "Event attendees";
        InEventQrFollows => "活动扫码关注数", "Event QR follows";
        InOnlineImpressions => "线上活动曝光数", "Online impressions";
        InOnlineBookedVisits => "线上预约到店数", "Booked store visits";
        InNewUsersOnline => "线上新增用户", "New users online";
        InNewUsersOffline => "线下新增用户", "New users offline";
        InNewUsersOverlap => "重叠用户(同手机号)", "Overlap (same phone)";
        InReachedUsers => "触达用户数", "Users reached";
        InLinkedOrders => "联动订单数", "Linked orders";
        InAovOmo => "OMO客单价", "OMO AOV";
        InAovSingle => "单渠道客单价", "Single-channel AOV";
        InRepurchaseBefore => "复购间隔(前,天)", "Repurchase interval before (days)";
        InRepurchaseAfter => "复购间隔(后,天)", "Repurchase interval after (days)";
        InMarketingSpend => "营销总投入", "Marketing spend";
        InNewPayingCustomers => "新增付费客户", "New paying customers";
        InSales => "总销售额", "Sales";
        InOrders => "订单数", "Orders";
        InHeadcountOnline => "线上人员数", "Online staff";
        InHeadcountOffline => "线下人员数", "Offline staff";
        InAverageInventory => "平均库存金额", "Average inventory value";
        InPrivateDomainUsers => "私域用户数", "Private-domain users";
        InPrivateDomainActive => "活跃用户(周均≥3次互动)", "Active users (≥3 interactions a week)";
        InCustomers => "客户总数", "Customers";
        InHighValueCustomers => "高价值客户数", "High-value customers";
        InNps0 => "NPS 0分人数", "NPS answers 0";
        InNps1 => "NPS 1分人数", "NPS answers 1";
        InNps2 => "NPS 2分人数", "NPS answers 2";
        InNps3 => "NPS 3分人数", "NPS answers 3";
        InNps4 => "NPS 4分人数", "NPS answers 4";
        InNps5 => "NPS 5分人数", "NPS answers 5";
        InNps6 => "NPS 6分人数", "NPS answers 6";
        InNps7 => "NPS 7分人数", "NPS answers 7";
        InNps8 => "NPS 8分人数", "NPS answers 8";
        InNps9 => "NPS 9分人数", "NPS answers 9";
        InNps10 => "NPS 10分人数", "NPS answers 10";
        FormulaPercent => "分子÷分母×100%", "numerator ÷ denominator × 100%";
        FormulaRatio => "分子÷分母", "numerator ÷ denominator";
        FormulaDifference => "分子−分母", "numerator − denominator";
        FormulaValue => "直接取分子", "numerator as is";
        ColFormula => "计算公式", "Formula";
        ColNumerator => "分子", "Numerator";
        ColDenominator => "分母", "Denominator";
        ColCustomMetric => "自定义指标", "Custom metric";
        ColValue => "指标值", "Value";
        CustomMetricsTitle => "自定义指标", "Custom metrics";
        CustomMetricsHint => "定义自己的指标:名称、单位、方向和由两个输入组成的公式,再按月填写输入。自定义指标可在效果分析表、趋势图和预警中使用。", "Define your own metric: a name, a unit, a direction and a formula over two inputs, then type the inputs month by month. Custom metrics can be used in the effectiveness table, the trend chart and the alerts.";
        CustomValuesTitle => "自定义指标月度数据", "Custom metrics by month";
        AddCustomMetric => "添加自定义指标", "Add a custom metric";
        TrendTitle => "指标趋势", "Metric trend";
        TrendMetric => "指标", "Metric";
        AlertThreshold => "预警阈值", "Alert threshold";
        AlertBelow => "低于阈值时预警", "Alert below";
        AlertAbove => "高于阈值时预警", "Alert above";
        ColCondition => "预警条件", "Condition";
        ColAlertState => "预警状态", "Alert";
        AlertCrossed => "已触发", "Crossed";
        AlertClear => "正常", "Clear";
        AlertFellBelow => "{metric} {month} 为 {value},低于预警阈值 {threshold}", "{metric} in {month} is {value}, below the threshold {threshold}";
        AlertRoseAbove => "{metric} {month} 为 {value},高于预警阈值 {threshold}", "{metric} in {month} is {value}, above the threshold {threshold}";
        AlertsCrossedTitle => "预警:", "Alerts:";
        AlertsEdit => "调整预警阈值", "Edit the thresholds";
        AlertsTitle => "预警阈值", "Alert thresholds";
        AlertsHint => "报告月份的指标越过阈值时,在页面顶部列出(恰好等于阈值不预警)。", "A metric past its threshold in the report month is listed at the top of the page (a value right on it is not).";
        AddAlert => "添加预警", "Add an alert";
        SideOnline => "线上", "Online";
        SideOffline => "线下", "Offline";
        ColChannel => "渠道", "Channel";
        ColSide => "线上/线下", "Online / offline";
        ColBudgetCategory => "预算类别", "Budget category";
        ColSpend => "投入", "Spend";
        ColReach => "触达人数", "Reach";
        ColNewCustomers => "新客数", "New customers";
        ColOrders => "订单数", "Orders";
        ColRevenue => "收入", "Revenue";
        ColConversionRate => "转化率", "Conversion rate";
        ColCac => "获客成本", "CAC";
        ColRoi => "ROI", "ROI";
        ColRoas => "ROAS(倍)", "ROAS (×)";
        ColRevenueShare => "收入占比", "Revenue share";
        NewChannel => "新渠道", "New channel";
        ChannelCompareHint => "活动至今每个渠道的投入与产出:转化率=订单数÷触达人数,获客成本=投入÷新客数,ROI=(收入−投入)÷投入,ROAS=收入÷投入。", "Each channel's spend and return, campaign to date: conversion rate = orders ÷ reach, CAC = spend ÷ new customers, ROI = (revenue − spend) ÷ spend, ROAS = revenue ÷ spend.";
        AddChannel => "添加渠道", "Add a channel";
        SideTotalsTitle => "线上与线下对比", "Online against offline";
        ChannelChartLabel => "各渠道投入与收入柱状图(亏损渠道的收入以红色显示)", "Spend and revenue per channel (revenue of a losing channel in red)";
        SuggestionTitle => "预算调整建议", "Budget suggestion";
        SuggestionHint => "在预算分配的每个类别内:超支部分先从回报最低的渠道削减;回报低于类别平均的渠道让出20%投入;让出的和未用完的预算按收入比例分给回报高于平均的渠道。类别合计从不超过其预算,任何渠道都不会为负。平均回报只是边际回报的近似,请结合实际判断。", "Within each category of the budget split: overspend is cut from the lowest-return channels first; channels returning less than the category's average give up 20% of their spend; what is freed, plus budget left unused, goes to the channels above the average in proportion to their revenue. A category never exceeds its budget and no channel goes below zero. Average return only approximates marginal return: use judgement.";
        SuggestCategory => "{category}:预算 {budget}({note}),当前投入 {current},建议投入 {suggested},平均ROAS {average}", "{category}: budget {budget} ({note}), spent {current}, suggested {suggested}, average ROAS {average}";
        SuggestBudgetFromSplit => "来自预算分配", "from the budget split";
        SuggestBudgetIsSpend => "预算分配中无此类别,按当前投入计", "not in the budget split: current spend";
        SuggestOverBudget => "{channel}:{from} → {to}({delta}),类别超出预算,先削减回报最低的渠道(ROAS {roas})", "{channel}: {from} → {to} ({delta}): the category is over budget, cut from the lowest return first (ROAS {roas})";
        SuggestBelowAverage => "{channel}:{from} → {to}({delta}),ROAS {roas} 低于类别平均 {average}", "{channel}: {from} → {to} ({delta}): ROAS {roas} is below the category's average {average}";
        SuggestAboveAverage => "{channel}:{from} → {to}({delta}),ROAS {roas} 高于类别平均 {average}", "{channel}: {from} → {to} ({delta}): ROAS {roas} is above the category's average {average}";
        SuggestUnchanged => "{channel}:{from} → {to}", "{channel}: {from} → {to}";
        SuggestNothing => "各渠道回报相当,暂不调整。", "The channels return alike: no change suggested.";
        SuggestFolded => "以上为调整金额最大的{shown}个渠道,另有{n}个渠道的调整较小。", "Above, the {shown} channels with the largest moves; {n} smaller moves are not listed.";
        SuggestShowAll => "全部列出", "List them all";
        ResponseTitle => "投放响应曲线", "Response curves";
        ResponseHint => "按渠道×月份的投入与收入(线上线下一起)为每个渠道拟合收益递减曲线:月收入=β·(1−e^(−投入/κ)),投入含跨月结转(几何衰减θ,曲线按持续的月投入读)。少于8个月或投入几乎不变(变异系数<10%)时不拟合。阴影为P10–P90:残差自助法重抽200次(固定种子)。", "A diminishing-returns curve per channel from its monthly spend and revenue (online and offline together): revenue = β·(1 − e^(−spend/κ)), spend carried over between months (geometric decay θ; the curve reads in spend kept up monthly). Fewer than 8 months, or spend that hardly varies (coefficient of variation under 10%), is not fitted. The band is P10–P90: a residual bootstrap of 200 resamples (fixed seed).";
        MixChannelsTitle => "渠道与月预算", "Channels and monthly budgets";
        ColMonthlyBudget => "月预算", "Monthly budget";
        ColMinSpend => "最低月投入", "Minimum";
        ColMaxSpend => "最高月投入", "Maximum";
        MixHistoryTitle => "渠道×月份历史", "Channel × month history";
        AddMixMonth => "添加一行", "Add a row";
        CurveFitted => "{months}个月,结转θ={theta}。月投入 {today} 时预计收入 {outcome}(P10–P90 {p10}–{p90}),边际ROI {marginal}:再投1元约多 {marginal} 元收入。", "{months} months, carry-over θ = {theta}. At {today} a month: predicted revenue {outcome} (P10–P90 {p10}–{p90}); marginal ROI {marginal}: one more yuan brings about {marginal} yuan of revenue.";
        CurveTooFewMonths => "数据不足:只有{n}个月同时有投入和收入,至少需要8个月,暂不拟合。", "Too little data: only {n} months have both spend and revenue; at least 8 are needed, so no curve is fitted.";
        CurveFlatSpend => "数据不足:各月投入几乎不变(变异系数{cv},需≥10%),看不出曲线形状,暂不拟合。", "Too little data: the monthly spend hardly varies (coefficient of variation {cv}, 10% needed), so the curve's shape cannot be told; no curve is fitted.";
        CurveNoFit => "拟合不出收益递减曲线:收入没有随投入上升。", "No diminishing-returns curve fits: revenue does not rise with spend.";
        CurveChartLabel => "{channel}的响应曲线:预计收入、P10–P90区间、各月数据点与当前月投入", "{channel}'s response curve: predicted revenue, the P10–P90 band, the months' points and today's spend";
        LegendCurve => "预计收入", "Predicted revenue";
        LegendBand => "P10–P90", "P10–P90";
        LegendMonths => "各月(结转后投入)", "Months (carried-over spend)";
        LegendTodaySpend => "当前月投入", "Today's spend";
        OptimiserTitle => "预算优化", "Budget optimiser";
        OptimiserHint => "在总额和各渠道最低/最高投入之内使预计收入最大:曲线都是凹的,各渠道边际回报相等时即为最优;结果精确到分,合计等于总额。没有曲线的渠道保持当前投入。", "Maximises predicted revenue within the total and each channel's minimum and maximum: the curves are concave, so the optimum equalises marginal returns. Amounts are whole fen summing exactly to the total. Channels without a curve keep today's spend.";
        FieldMixTotal => "每月总预算", "Monthly total";
        MixTotalDefault => "留空时:计划预算中{categories}的金额 ÷ {months}个月 = {total}", "Empty: the plan's {categories} budget ÷ {months} months = {total}";
        FieldTargetRevenue => "目标月收入", "Target monthly revenue";
        FieldTargetRoas => "目标ROAS(倍)", "Target ROAS (×)";
        OptimiserSummary => "最优分配合计 {total}:预计月收入 {outcome}(P10–P90 {p10}–{p90}),当前分配预计 {today};均衡边际回报 {lambda}。", "Optimal allocation of {total}: predicted monthly revenue {outcome} (P10–P90 {p10}–{p90}), today's allocation {today}; equalised marginal return {lambda}.";
        OptimalSplitTitle => "最优分配(逐渠道说明)", "Optimal allocation, channel by channel";
        ColToday => "当前", "Today";
        ColOptimal => "最优", "Optimal";
        ColSpendChange => "变化", "Change";
        ColMarginalToday => "当前边际回报", "Marginal return today";
        ColWhy => "原因", "Why";
        WhyGains => "增加:当前边际回报 {m} 高于均衡值 {lambda}", "Gains: its marginal return today, {m}, is above the equalised {lambda}";
        WhyLoses => "减少:当前边际回报 {m} 低于均衡值 {lambda}", "Loses: its marginal return today, {m}, is below the equalised {lambda}";
        WhyAtLimit => "受最低/最高投入限制", "Held by its minimum or maximum";
        WhySame => "基本不变:已接近均衡", "About the same: already near the balance";
        WhyNoCurve => "没有曲线,保持当前投入", "No curve: keeps today's spend";
        InfeasibleBelow => "各渠道最低投入合计 {amount},超过了总预算。", "The channels' minimums add up to {amount}, more than the total.";
        InfeasibleAbove => "各渠道最高投入合计只有 {amount},放不下总预算。", "The channels' maximums add up to only {amount}, less than the total.";
        InfeasibleCross => "{channel}的最低投入高于最高投入。", "{channel}'s minimum is above its maximum.";
        NoCurvesYet => "还没有可用的响应曲线。", "No response curve yet.";
        TargetRevenueResult => "达到目标月收入 {target} 最少需要月预算 {total}(预计收入 {outcome})。", "Reaching {target} a month needs at least {total} a month (predicted revenue {outcome}).";
        TargetRevenueUnreachable => "在各渠道限额内达不到目标月收入 {target}。", "{target} a month cannot be reached within the channels' limits.";
        TargetRoasResult => "ROAS不低于 {target} 的最大月预算:{total}(预计收入 {outcome},ROAS {roas})。", "The largest monthly budget keeping ROAS at least {target}: {total} (predicted revenue {outcome}, ROAS {roas}).";
        TargetRoasUnreachable => "任何月预算都达不到ROAS {target}。", "No monthly budget reaches a ROAS of {target}.";
        MixScenariosTitle => "方案对比", "Scenarios side by side";
        MixScenariosHint => "当前方案=各渠道月预算,最优方案=上面的结果,其余方案在下表按“方案、渠道、月投入”填写。括号内为P10–P90。", "Today = the channels' monthly budgets, optimised = the result above; type other scenarios below as scenario, channel and monthly spend. Ranges in brackets are P10–P90.";
        ColMixScenario => "方案", "Scenario";
        ScenarioToday => "当前方案", "Today";
        ScenarioOptimal => "最优方案", "Optimised";
        RowMonthlyTotal => "月投入合计", "Monthly spend";
        RowPredicted => "预计月收入", "Predicted revenue";
        WriteToBudget => "写入月预算", "Write into the budgets";
        ScenarioUnknownChannels => "{scenario}:不认识的渠道 {names},未计入", "{scenario}: unknown channels {names}, not counted";
        NewMixScenario => "新方案", "New scenario";
        DecisionRollOut => "推广", "Roll out";
        DecisionAdjust => "调整", "Adjust";
        WhyMeetsTarget => "测试组显著优于对照组并达到目标", "the test group is significantly better and meets the target";
        WhyNotSignificant => "差异可能来自偶然(p≥0.05),扩大样本或延长测试", "the difference may be chance (p ≥ 0.05): test longer or with more people";
        WhyBelowTarget => "显著提升但未达目标值", "significantly better but under the target";
        WhyNoBetter => "测试组未优于对照组", "the test group did no better";
        AbMissing => "请填写两组的人数和转化数", "Type both groups' sizes and conversions";
        AbEmptyGroup => "一组人数为0", "A group has no one in it";
        AbExceeds => "转化数不能大于人数", "Conversions cannot exceed the group size";
        ColTestName => "测试名称", "Test";
        ColTestChange => "测试组改动", "Change tested";
        ColControlSize => "对照组人数", "Control size";
        ColControlConversions => "对照组转化", "Control conversions";
        ColTestSize => "测试组人数", "Test size";
        ColTestConversions => "测试组转化", "Test conversions";
        ColControlRate => "对照组转化率", "Control rate";
        ColTestRate => "测试组转化率", "Test rate";
        ColUplift => "提升", "Uplift";
        ColPValue => "显著性(p值)", "Significance (p)";
        Significant => "显著", "significant";
        NotSignificant => "不显著", "not significant";
        ColTargetRate => "目标转化率", "Target rate";
        ColDecision => "SOP决策", "SOP decision";
        ColSopName => "SOP名称", "SOP";
        ColSopVersion => "版本", "Version";
        ColSopAction => "标准动作", "Standard action";
        ColSopSource => "来源测试", "From test";
        ColSopRecorded => "记录日期", "Recorded";
        NewAbTest => "新测试", "New test";
        AbTestsHint => "测试3-5天:测试组显著优于对照组(双比例z检验,p<0.05)且达到目标转化率即推广,否则调整;推广的动作记录为新版本SOP。", "Test for 3-5 days: roll out when the test group is significantly better than the control (two-proportion z-test, p < 0.05) and meets the target rate, otherwise adjust; a rolled-out action is recorded as a new SOP version.";
        AddAbTest => "添加测试", "Add a test";
        RecordSop => "记录为SOP“{sop}{version}”", "Record as SOP “{sop} {version}”";
        AddSop => "添加SOP", "Add an SOP";
    }

    /// The industry toolkits (行业工具).
    Toolkits (toolkits) {
        ToolkitsIntro => "空置率 =(线下预留名额 − 实际到店)÷ 线下预留名额;爽约率 =(预约人数 − 实际到店)÷ 预约人数,到店多于预约(现场客)时记为 0。",
            "Vacancy = (reserved − arrived) ÷ reserved; no-show = (booked − arrived) ÷ booked, 0 when walk-ins make arrivals exceed bookings.";
        ColDate => "预约日期", "Date";
        ColSlot => "线上预约时段", "Online slot";
        ColBooked => "预约人数", "Booked";
        ColReserved => "线下预留名额", "Reserved";
        ColArrived => "实际到店人数", "Arrived";
        ColVacancy => "空置率", "Vacancy";
        ColNoShow => "预约爽约率", "No-show";
        ColResponse => "应对措施", "Action";
        AddSlot => "添加时段", "Add slot";
        TotalBooked => "预约合计", "Booked in all";
        TotalArrived => "到店合计", "Arrived in all";
        OverallNoShow => "整体爽约率", "Overall no-show";
        ToolkitForIndustry => "当前计划行业:", "This plan's industry: ";

        // Industry toolkits.
        ToolkitsPageTitle => "行业定制化落地工具包", "Industry toolkits";
        ToolkitsPageIntro => "计划所属行业的工具排在最前,其他行业的工具同样可用。", "Your plan's industry comes first; every toolkit stays available.";
        ForThisIndustry => "本计划行业", "This plan's industry";
        ColStoreCode => "门店编码", "Store code";
        ColAddress => "门店地址", "Address";
        ColOnlineStock => "可售库存(线上专供)", "Online-only stock";
        ColSharedStock => "可调配库存(线下门店共享)", "Shared stock";
        ColTransfers7d => "近7天线上调货频次", "Online transfers, last 7 days";
        ColSafetyStock => "安全库存阈值", "Safety stock";
        ColProjectedStock => "预计库存", "Projected stock";
        ColAdvice => "补货建议", "Replenishment advice";
        AdviceNormal => "正常无需补货", "Normal, no replenishment";
        AdviceFromStore => "从{0}门店调货{1}件", "Transfer {1} from {0}";
        AdviceFromWarehouse => "需向仓申请补货{}件", "Request {} from the warehouse";
        StockRuleTitle => "补货规则", "Replenishment rule";
        StockRuleText => "① 下周预计线上调货消耗 = 近7天调货频次 × 每次调货件数;② 预计库存 = 可调配库存 − 预计消耗,低于安全库存即缺货,缺口 = 安全库存 − 预计库存;③ 先由同城且自身不缺货的门店按富余量(预计库存 − 其安全库存)从多到少调出,富余相同按门店编码;④ 不足部分向仓库申请,按仓库整箱件数向上取整。", "1. Next week's online draw = transfers in the last 7 days × units per transfer. 2. Projected stock = shared stock − that draw; below safety stock the store is short by the difference. 3. Same-city stores that are not short give from their surplus (projected − their safety stock), largest first, ties by store code. 4. The warehouse supplies the rest, rounded up to its pack size.";
        UnitsPerTransfer => "每次调货件数", "Units per transfer";
        WarehousePack => "仓库整箱件数", "Warehouse pack size";
        LowStock => "低库存预警:{}", "Low stock: {}";
        LowStockFolded => "以上为缺口最大的{shown}家门店,另有{n}家门店低于安全库存。", "Above, the {shown} stores furthest below safety stock; {n} more are below it.";
        LowStockShowAll => "全部列出", "List them all";
        NoLowStock => "暂无低库存门店", "No store is low on stock";
        AddStore => "添加门店", "Add store";
        NewStore => "新门店", "New store";
        ColTier => "会员等级", "Tier";
        ColTierThreshold => "升级条件(年消费)", "Upgrade at (annual spend)";
        ColOfflineBenefit => "线下权益", "Offline benefits";
        ColOnlineBenefit => "线上权益", "Online benefits";
        ColLinkedBenefit => "联动权益", "Linked benefits";
        ColCouponValue => "每张券面额", "Coupon value";
        ColCouponsPerMonth => "每月张数", "Coupons a month";
        ColPointsEarned => "每1元积分", "Points per ¥1 spent";
        ColPointsBurned => "多少积分抵1元", "Points per ¥1 off";
        ColMembers => "会员数", "Members";
        ColCouponCost => "月券成本", "Coupons, a month";
        ColPointsLiability => "月积分负债", "Points liability, a month";
        ColMonthlyCost => "月权益成本", "Benefits cost, a month";
        AddTier => "添加等级", "Add tier";
        NewTier => "新等级", "New tier";
        CouponRedemption => "券核销率(%)", "Coupon redemption (%)";
        TierCostRule => "月券成本 = 会员数 × 每月张数 × 面额 × 核销率;月积分负债 = 该等级会员年消费合计 ÷ 12 × 每1元积分 ÷ 多少积分抵1元。会员按年消费落入不超过它的最高门槛。", "Coupons a month = members × coupons a month × value × redemption rate; points liability a month = the tier's annual spend ÷ 12 × points per ¥1 ÷ points per ¥1 off. A member is in the highest tier whose threshold their annual spend reaches.";
        ColCustomer => "会员", "Member";
        ColAnnualSpend => "年消费", "Annual spend";
        ColTierOf => "所属等级", "Tier";
        AddCustomer => "添加会员", "Add member";
        NewCustomer => "新会员", "New member";
        BelowEveryTier => "未达任何等级", "Below every tier";
        Untiered => "未达任何等级:{} 人", "Below every tier: {}";
        AllTiersCost => "全部等级月权益成本", "All tiers, cost a month";
        ImportOrders => "从订单CSV汇总年消费", "Sum annual spend from an orders CSV";
        ImportOrdersHint => "需要会员(或客户、手机号)列和金额列,其他列忽略;文件视为一年的订单。", "Needs a member (or customer, phone) column and an amount column; other columns are ignored; the file is taken as one year of orders.";
        OrdersPreview => "{0} 笔订单,{1} 位会员;{2} 行无法计入:", "{0} orders, {1} members; {2} lines could not be counted:";
        OrdersAllGood => "{0} 笔订单,{1} 位会员,全部可计入。", "{0} orders, {1} members, all counted.";
        OrderLineMissingCustomer => "第{}行:缺少会员", "Line {}: no member";
        OrderLineBadAmount => "第{}行:金额不是数字", "Line {}: the amount is not a number";
        OrdersMoreLines => "…另有 {} 行", "…and {} more lines";
        OrdersNoCustomerColumn => "找不到会员列(表头需含“会员”“客户”“手机”或 customer)", "No member column (a header with 会员, 客户, 手机 or customer)";
        OrdersNoAmountColumn => "找不到金额列(表头需含“金额”“实付”或 amount)", "No amount column (a header with 金额, 实付 or amount)";
        OrdersApply => "用这些会员替换年消费表", "Replace the annual-spend table with these members";
        AlertVacancy => "空置率预警线(%)", "Vacancy alert above (%)";
        AlertNoShow => "爽约率预警线(%)", "No-show alert above (%)";
        ColSuggestion => "系统建议", "Suggestion";
        SuggestNormal => "正常运营", "Normal";
        SuggestFillSeats => "空置偏高:开放候补转预约,推送该时段优惠", "Seats left empty: open the wait-list, promote the slot";
        SuggestCutNoShows => "爽约偏高:提前一天提醒,收取小额预约金", "Bookings missed: remind a day ahead, take a small deposit";
        SuggestBoth => "空置、爽约均偏高:提醒到店并开放候补", "Both high: remind bookers and open the wait-list";
        DayTotalsTitle => "按日汇总", "Per day";
        ColFeedbackDimension => "反馈维度", "Dimension";
        ColScore => "评分(1-5分)", "Score (1-5)";
        ColWords => "用户原话", "Customer's words";
        ColImprovement => "改进方向", "Improvement";
        ColDepartment => "责任部门", "Department";
        ColDueBy => "完成时限", "Due by";
        ColProgress => "进展", "Progress";
        FeedbackOpen => "处理中", "Open";
        ColLate => "逾期", "Late";
        AvgScoresTitle => "各维度平均分", "Average score per dimension";
        ColAnswers => "反馈数", "Answers";
        ColAverage => "平均分", "Average";
        LateItems => "逾期未完成:{} 项", "Late and open: {}";
        AddFeedback => "添加反馈", "Add feedback";
        NewFeedback => "新反馈", "New feedback";
        ColComboType => "套餐类型", "Combo type";
        ColDeliveryCombo => "线上外卖套餐", "Delivery combo";
        ColDeliveryPrice => "外卖套餐价", "Delivery price";
        ColDineInCombo => "线下到店套餐", "Dine-in combo";
        ColDineInPrice => "到店套餐价", "Dine-in price";
        ColCouponThreshold => "联动券门槛(满)", "Coupon: spend at least";
        ColCouponDiscount => "联动券减免", "Coupon: off";
        ColCouponScope => "使用范围", "Where usable";
        ColTargetCustomers => "目标客群", "Target customers";
        ColCouponRate => "优惠力度", "Discount rate";
        ColCouponCostPerOrder => "每单券成本占到店价", "Coupon cost per dine-in order";
        CombosRule => "优惠力度 = 减免 ÷ 门槛;每单券成本 = 减免 ÷ 到店套餐价(到店套餐价未达门槛时券用不上,显示“—”)。", "Discount rate = discount ÷ threshold; cost per dine-in order = discount ÷ the dine-in price (\"—\" when the dine-in combo does not reach the threshold).";
        AddCombo => "添加套餐", "Add combo";
        NewCombo => "新套餐", "New combo";
    }

    /// Customers (客户分层): segments, value, cohorts, migration, attribution.
    Customers (customers) {
        // Customer segmentation and attribution (issue 10).
        CsTitle => "客户分层与归因分析", "Customer segments and attribution";
        CsIntro => "导入 POS、小程序或电商的订单导出,在浏览器内计算 RFM 分层、生命周期触发名单和客户指标;导入触点数据,比较五种归因模型。", "Import order exports from your POS, mini-program or shop to get RFM segments, lifecycle lists and customer KPIs computed in this browser; import touchpoints to compare five attribution models.";
        CsOnThisPage => "本页内容", "On this page";
        CsImportTitle => "导入订单", "Import orders";
        CsImportHint => "CSV 列:客户ID或手机号、下单日期、金额、渠道(线上/线下,可选)、门店(可选)。支持 UTF-8、GB18030(Excel 中文版)等编码及逗号、制表符、分号分隔。", "CSV columns: customer id or phone, order date, amount, channel (online / offline, optional), store (optional). UTF-8, GB18030 (Chinese Excel) and other encodings; comma, tab or semicolon separated.";
        CsPrivacy => "数据只保留在这个浏览器标签页的内存中,不会上传,也不会写入计划或任何保存;手机号在屏幕上显示为 138****1234。", "The data stays in this browser tab's memory only: it is never uploaded nor written to the plan or any save. Phone numbers show as 138****1234.";
        CsRefundRule => "退款行(金额为负数)不算一次购买:不计入订单数、消费次数(F)、复购和首末次购买日期,只从消费金额中扣减(按净消费计)。", "A refund row (a negative amount) is not a purchase: it counts in no order count, frequency (F), repurchase or first / last purchase date; it only reduces the spend (net spend).";
        CsChooseOrders => "选择订单 CSV", "Choose an orders CSV";
        CsReadProgress => "读取进度", "Reading progress";
        CsReading => "正在读取:已读 {0} 行({1}%)", "Reading: {0} rows ({1}%)";
        CsFileUnreadable => "无法读取这个文件。", "This file cannot be read.";
        CsFileEmpty => "文件是空的。", "The file is empty.";
        CsMissingColumns => "找不到必需的列:{0}", "Required columns not found: {0}";
        CsOrdersRead => "已读取 {0} 行:{1} 笔订单,{2} 位客户", "Read {0} rows: {1} orders, {2} customers";
        CsOrdersRefunds => ",另有 {0} 笔退款(不计为购买,从消费金额中扣减)", "; and {0} refunds (not purchases, subtracted from spend)";
        CsBadRowsCount => "{0} 行无法读取,未计入:", "{0} rows could not be read and are left out:";
        CsBadRowsFirst => "(列出前 {0} 行)", "(the first {0} are listed)";
        CsBadRowsTitle => "无法读取的行", "Rows not read";
        CsColLine => "行号", "Line";
        CsColReason => "原因", "Reason";
        CsRowNoCustomer => "客户ID/手机号为空", "Empty customer id / phone";
        CsRowBadDate => "日期无法识别:{0}(例:2026-03-05、2026/3/5)", "Unrecognised date: {0} (e.g. 2026-03-05, 2026/3/5)";
        CsRowBadChannel => "渠道应为线上或线下:{0}", "Channel must be online or offline: {0}";
        CsColCustomer => "客户", "Customer";
        CsColDate => "日期", "Date";
        CsColAmount => "金额", "Amount";
        CsColChannel => "渠道", "Channel";
        CsColStore => "门店", "Store";
        CsSettingsTitle => "分析设置", "Analysis settings";
        CsSettingsRfm => "RFM 分层", "RFM segments";
        CsSettingsLifecycle => "生命周期触发", "Lifecycle triggers";
        CsAsOf => "分析日期", "Analysis date";
        CsAsOfHint => "最近消费天数计算到分析日期;留空则取订单中最晚的日期。分析日期之后的订单不计入。", "Recency counts to the analysis date; empty means the latest order date. Orders after it are left out.";
        CsAsOfInUse => "当前分析日期:{0}(留空或无法识别时默认取订单中最晚的日期)", "Analysis date in use: {0} (when empty or unreadable: the latest order date)";
        CsAsOfInUseTyped => "当前分析日期:{0}(按填写)", "Analysis date in use: {0} (as typed)";
        CsRecentFrom => "四层:R 分 ≥ 此值为“近期”", "Four layers: recent from R score";
        CsValuableFrom => "四层:FM 分 ≥ 此值为“高价值”", "Four layers: valuable from FM score";
        CsHighValueLine => "高价值客户年消费线(元)", "High-value annual spend line";
        CsCouponDays => "未购天数 → 发券", "Days without purchase → coupon";
        CsCallDays => "未购天数 → 电话回访", "Days without purchase → phone call";
        CsVoucherDays => "未购天数 → 线下服务券", "Days without purchase → service voucher";
        CsVoucherAov => "服务券:历史客单价高于(元)", "Service voucher: historical AOV above";
        CsLifecycleHint => "每位客户只进入最强的一张名单:服务券 > 电话回访 > 发券。", "Each customer is on one list only, the strongest: voucher > phone call > coupon.";
        CsKpisTitle => "客户指标", "Customer KPIs";
        CsKpisHint => "复购率 = 下单 2 次及以上的客户 ÷ 客户数;平均复购间隔 = 复购客户首末单相隔天数之和 ÷ 复购次数;高价值占比按分析日期前 365 天消费计算;线上线下重合率 = 线上线下都买过的客户 ÷ 有渠道信息的客户。", "Repurchase rate = customers with 2+ orders ÷ customers; average repurchase interval = days from first to last order of repeat customers ÷ repeat orders; high-value share uses spend in the 365 days to the analysis date; overlap = customers who bought both online and offline ÷ customers with a known channel.";
        CsNoOrders => "导入订单后显示。", "Shown once orders are imported.";
        CsKpiCustomers => "客户数", "Customers";
        CsKpiRepurchase => "复购率", "Repurchase rate";
        CsKpiInterval => "平均复购间隔", "Average repurchase interval";
        CsKpiAovOnline => "线上客单价", "Online AOV";
        CsKpiAovOffline => "线下客单价", "Offline AOV";
        CsKpiHighValue => "高价值客户占比", "High-value share";
        CsKpiOverlap => "线上线下重合率", "Online-offline overlap";
        CsDays => "天", "days";
        CsRfmTitle => "RFM 分层", "RFM segments";
        CsRfmRule => "R(最近消费)、F(消费次数)、M(消费金额)按五分位打 1-5 分,R 越近分越高;FM = (F + M) ÷ 2 向上取整。", "R (recency), F (frequency) and M (monetary) are scored 1-5 by quintiles, more recent scoring higher; FM = (F + M) ÷ 2 rounded up.";
        CsTieRule => "并列规则:相同的数值总是同一分数,即该数值在升序排列中第一次出现的名次 k(从 0 起)对应的分数 1 + ⌊5k ÷ 客户数⌋;因此某一档可能多于或少于五分之一。", "Ties: equal values always get the same score, the one of the value's first rank k (from 0) in ascending order, 1 + ⌊5k ÷ customers⌋; a quintile may therefore hold more or fewer than a fifth.";
        CsLayersCaption => "四层客户(随分界线实时更新)", "Four layers (live with the cut-offs)";
        CsLayersRule => "高价值:近期且高价值;潜力:近期、价值未高;沉默:高价值但不再近期;流失:两者都不是。", "High-value: recent and valuable; potential: recent, not yet valuable; silent: valuable, no longer recent; lost: neither.";
        CsSegmentsCaption => "十类细分", "Ten segments";
        CsSegmentsRule => "按 R 与 FM 的通用对照表:{0}。", "By the common R × FM grid: {0}.";
        CsColLayer => "客户层", "Layer";
        CsColSegment => "细分", "Segment";
        CsColCustomers => "客户数", "Customers";
        CsColShare => "占比", "Share";
        CsColSpend => "消费金额", "Spend";
        CsColAction => "建议动作", "Suggested action";
        CsLayerHigh => "高价值客户", "High-value";
        CsLayerPotential => "潜力客户", "Potential";
        CsLayerSilent => "沉默客户", "Silent";
        CsLayerLost => "流失客户", "Lost";
        CsSegChampions => "冠军客户", "Champions";
        CsSegLoyal => "忠诚客户", "Loyal";
        CsSegPotential => "潜在忠诚客户", "Potential Loyalist";
        CsSegNew => "新客户", "New Customers";
        CsSegPromising => "有望培养客户", "Promising";
        CsSegAttention => "需关注客户", "Need Attention";
        CsSegSleep => "即将沉睡客户", "About to Sleep";
        CsSegRisk => "流失风险客户", "At Risk";
        CsSegCantLose => "不能失去的客户", "Can't Lose Them";
        CsSegHibernating => "休眠客户", "Hibernating / Lost";
        CsActCoupon => "发优惠券", "Coupon";
        CsActVoucher => "线下服务券", "Offline service voucher";
        CsActCall => "电话回访", "Phone call";
        CsActUpgrade => "会员升级引导", "Tier upgrade nudge";
        CsLifecycleTitle => "生命周期触发名单", "Lifecycle trigger lists";
        CsLifecycleRule => "按设置的天数与客单价生成名单,未购天数最长的排在最前;导出为 Excel/WPS 可打开的 CSV。", "Lists follow the thresholds above, longest without purchase first; export as CSV for Excel or WPS.";
        CsUnmaskExport => "导出时包含完整手机号(仅用于回访,请妥善保管)", "Include full phone numbers in exports (for calls; keep the file safe)";
        CsNCustomers => "{0} 位客户", "{0} customers";
        CsListFirst => "显示前 {0} 位,导出包含全部。", "The first {0} are shown; the export has them all.";
        CsColLastOrder => "最近下单", "Last order";
        CsColDaysSince => "未购天数", "Days without purchase";
        CsColOrders => "订单数", "Orders";
        CsColAov => "客单价", "AOV";
        CsExportList => "导出名单 CSV", "Export the list as CSV";
        CvTitle => "预测客户价值与流失风险", "Predicted customer value and churn risk";
        CvIntro => "用 BG/NBD 与 Gamma-Gamma 模型(与 Python 的 lifetimes 包相同的公式)在浏览器内按最大似然拟合,算到分析日期:每位客户仍活跃的概率 P(alive)、未来 30 / 90 / 365 天的预计购买次数、预计客单价和未来 12 个月的预测价值(按月贴现)。同一天的多笔订单算一次购买;退款不算购买。", "BG/NBD and Gamma-Gamma models (the formulas of Python's lifetimes package) fitted by maximum likelihood in the browser, as of the analysis date: each customer's probability of still being active, P(alive), expected purchases in the next 30 / 90 / 365 days, expected order value and predicted value over the next 12 months (discounted monthly). Several orders on one day count as one purchase; refunds are not purchases.";
        CvSettings => "价值模型设置", "Value model settings";
        CvDiscount => "月贴现率(%)", "Monthly discount rate (%)";
        CvRiskHighBelow => "高流失风险:P(alive) 低于(%)", "High churn risk: P(alive) below (%)";
        CvRiskMediumBelow => "中流失风险:P(alive) 低于(%)", "Medium churn risk: P(alive) below (%)";
        CvTopShare => "高价值:预测价值排名前(%)", "High value: top by predicted value (%)";
        CvHoldoutFrom => "模型检验:校准期截止日期", "Model check: calibration ends on";
        CvHoldoutHint => "留空则把首单至分析日期的最后三分之一留作检验期。", "Empty: the last third of the days from the first order to the analysis date is held out.";
        CvFitCaption => "模型拟合", "Model fit";
        CvColItem => "项目", "Item";
        CvColValue => "数值", "Value";
        CvFitCustomers => "参与拟合的客户", "Customers fitted";
        CvFitRepeaters => "有复购的客户", "Repeat customers";
        CvFitPurchase => "购买模型 BG/NBD(r, α, a, b)", "Purchase model BG/NBD (r, α, a, b)";
        CvFitSpend => "客单价模型 Gamma-Gamma(p, q, v)", "Spend model Gamma-Gamma (p, q, v)";
        CvFitConverged => "已收敛", "converged";
        CvFitNotConverged => "未收敛", "did not converge";
        CvNoFit => "无法拟合:至少需要一位有复购的客户。", "No fit: at least one repeat customer is needed.";
        CvWarnFewCustomers => "只有 {0} 位客户(建议至少 {1} 位):估计很不稳定,仅供参考。", "Only {0} customers (at least {1} advised): the estimates are unstable; treat them as indicative only.";
        CvWarnFewRepeaters => "只有 {0} 位客户有复购(建议至少 {1} 位):流失与复购难以估计。", "Only {0} repeat customers (at least {1} advised): churn and repurchase are hard to estimate.";
        CvWarnShortSpan => "订单只覆盖 {0} 天(建议至少 {1} 天):时间太短,预测不可靠。", "The orders span only {0} days (at least {1} advised): too short for reliable predictions.";
        CvWarnPurchaseNotConverged => "购买模型的拟合没有收敛:参数与预测不可信。", "The purchase model's fit did not converge: its parameters and predictions cannot be trusted.";
        CvWarnSpendNotConverged => "客单价模型的拟合没有收敛:不显示预计客单价与预测价值。", "The spend model's fit did not converge: no expected order value or predicted value is shown.";
        CvWarnNoSpendMean => "客单价模型的 q ≤ 1,总体平均客单价不存在:不显示预计客单价与预测价值。", "The spend model's q ≤ 1 has no population mean: no expected order value or predicted value is shown.";
        CvWarnZeroSpend => "{0} 位复购客户的复购金额为 0,未参与客单价模型。", "{0} repeat customers spent ¥0 on their repeat purchases and are left out of the spend model.";
        CvWarnRefunds => "{0} 行退款(负金额)不算购买,未进入模型。", "{0} refund rows (negative amounts) are not purchases and are left out of the models.";
        CvWarnAfter => "{0} 行订单在分析日期之后,未进入模型。", "{0} orders after the analysis date are left out of the models.";
        CvBandsCaption => "流失风险分层", "Churn-risk bands";
        CvColBand => "流失风险", "Churn risk";
        CvColRule => "规则", "Rule";
        CvColClvTotal => "预测价值合计", "Predicted value, total";
        CvRiskHigh => "高", "High";
        CvRiskMedium => "中", "Medium";
        CvRiskLow => "低", "Low";
        CvTopCaption => "预测价值最高的 {0} 位客户(共 {1} 位)", "The {0} customers with the highest predicted value (of {1})";
        CvColPAlive => "P(alive)", "P(alive)";
        CvColE30 => "30 天预计购买", "Expected purchases, 30 days";
        CvColE90 => "90 天预计购买", "Expected purchases, 90 days";
        CvColE365 => "365 天预计购买", "Expected purchases, 365 days";
        CvColSpend => "预计客单价", "Expected order value";
        CvColClv => "12 个月预测价值", "12-month predicted value";
        CvListTitle => "高价值 × 高流失风险名单", "High value × high churn risk";
        CvListRule => "预测价值排名前 {0} 且 P(alive) 低于 {1} 的客户,预测价值最高的在前。", "Customers in the top {0} by predicted value whose P(alive) is below {1}, highest value first.";
        CvUnmaskExport => "导出此名单时包含完整手机号(仅用于回访,请妥善保管)", "Include full phone numbers when exporting this list (for calls; keep the file safe)";
        CvTriggerName => "高价值流失预警", "High-value churn alert";
        CvTriggerRule => "另一张名单:来自上方“预测客户价值”,高价值且高流失风险的客户(可能同时在按天数的名单上)。", "One more list: from “Predicted customer value” above, the high-value customers at high churn risk (they may also be on a day-based list).";
        CvHoldoutTitle => "模型检验:检验期内的预测与实际复购", "Model check: predicted vs actual repeat purchases in the holdout";
        CvHoldoutRule => "只用 {0} 及之前的订单拟合模型,预测其后 {1} 天每位客户的购买天数,与实际对比(按校准期内的复购次数分组,{2} 位客户)。", "The model is fitted on the orders up to {0} only, then predicts each customer's purchase days in the {1} days after, compared with what happened (grouped by repeat purchases in the calibration period; {2} customers).";
        CvHoldoutShort => "校准期只有 {0} 天(建议至少 {1} 天):检验不可靠。", "The calibration period is only {0} days (at least {1} advised): the check is unreliable.";
        CvHoldoutOutOfRange => "校准期截止日期须在首单日期与分析日期之间。", "The calibration end must fall between the first order date and the analysis date.";
        CvHoldoutNoCustomers => "校准期内没有客户,无法检验。", "No customer bought in the calibration period: nothing to check.";
        CvColCalFreq => "校准期复购次数", "Repeat purchases in calibration";
        CvColActual => "实际(平均)", "Actual (mean)";
        CvColPredicted => "预测(平均)", "Predicted (mean)";
        CvHoldoutChartLabel => "检验期每位客户的平均购买天数,按校准期复购次数:实际(蓝)与预测(绿)", "Mean purchase days per customer in the holdout by calibration repeat purchases: actual (blue) and predicted (green)";
        CsSampleAllTry => "用示例数据试一试(订单 + 触点)", "Try with sample data (orders + touchpoints)";
        CsSampleAllHint => "在浏览器里按固定种子生成两年的示例订单和一个月的示例触点,经与选择文件相同的导入读取:分层、归因、客户价值与同期群都可直接演示。", "Generates two years of sample orders and a month of sample touchpoints in the browser from a fixed seed and reads them through the same imports as a chosen file: segments, attribution, customer value and cohorts show without a file.";
        CsCohortsTitle => "同期群留存", "Cohort retention";
        CsCohortsRule => "按首次购买月份分组(退款不算购买);第 N 月 = 首购月之后第 N 个自然月,第 0 月即首购月。活跃客户 = 当月有购买的客户;留存率 = 活跃客户 ÷ 同期群客户数;收入为当月净额(退款冲减,首购前的退款计入第 0 月);最后一月截至分析日期。", "Customers grouped by the month of their first purchase (a refund is no purchase); month N = the Nth calendar month after it, month 0 being the first. Active = bought that month; retention = active ÷ cohort customers; revenue is net (refunds subtract; a refund before the first purchase counts in month 0); the last month runs to the analysis date.";
        CsCohortsShow => "显示", "Show";
        CsCohortsActive => "活跃客户数", "Active customers";
        CsCohortsShare => "留存率", "Retention";
        CsCohortsRevenue => "收入", "Revenue";
        CsCohortsLtv => "累计人均收入", "Cumulative revenue per customer";
        CsCohortsCaption => "同期群热力表:{0}(颜色越深数值越高)", "Cohort heat map: {0} (darker is higher)";
        CsColCohort => "首购月份", "First purchase month";
        CsColCohortSize => "同期群客户数", "Cohort customers";
        CsMonthN => "第 {0} 月", "Month {0}";
        CsLtvTitle => "各同期群累计人均收入(LTV 曲线)", "Cumulative revenue per customer by cohort (LTV curves)";
        CsLtvChartLabel => "各同期群累计人均收入折线图,每个同期群一条线,颜色由浅到深为由早到晚(数值见上表“累计人均收入”)", "Line chart of cumulative revenue per customer, one line per cohort, light to dark from oldest to newest (figures in the table above under “Cumulative revenue per customer”)";
        CsLtvOldest => "最早 {0}", "Oldest {0}";
        CsLtvNewest => "最新 {0}", "Newest {0}";
        CsMigrationTitle => "客户层迁移", "Segment migration";
        CsMigrationRule => "分别按两个日期计算四层 RFM(各自当日的五分位与上方分界线),统计每位客户从哪一层移到哪一层;两个日期之间首次购买的客户单列为“新客户”。升级 / 降级按满足的条件数(近期、高价值)增减:高价值 2 个,潜力和沉默各 1 个,流失 0 个;潜力与沉默互换为平移。", "The four RFM layers are computed as of each date (each day's own quintiles and the cut-offs above); the matrix counts who moved from which layer to which. Customers whose first purchase falls between the dates are a row of their own, “new”. Upgrades and downgrades count the conditions met (recent, valuable): high-value 2, potential and silent 1 each, lost 0; potential ↔ silent is sideways.";
        CsMigrationFrom => "起始日期", "From date";
        CsMigrationTo => "结束日期", "To date";
        CsMigrationDateHint => "留空时:结束日期为分析日期,起始日期为其前 90 天。", "When empty: the to date is the analysis date, the from date 90 days before it.";
        CsMigrationBadDate => "无法识别的日期:{0}(已保留原文,按默认日期计算)", "Unrecognised date: {0} (kept as typed; the default date is used)";
        CsMigrationReversed => "起始日期 {0} 晚于结束日期 {1}:请调整。", "The from date {0} is after the to date {1}: please change one.";
        CsMigrationInUse => "从 {0} 到 {1}", "From {0} to {1}";
        CsMigrationCaption => "客户层迁移矩阵(行:起始日期所在层;列:结束日期所在层)", "Migration matrix (rows: layer on the from date; columns: layer on the to date)";
        CsMigrationCorner => "起始层 → 结束层", "From layer → to layer";
        CsMigrationNew => "新客户(期间首购)", "New (first purchase between the dates)";
        CsMigrationTotal => "合计", "Total";
        CsMigrationTotals => "升级 {0} 位,降级 {1} 位,保持 {2} 位,平移 {3} 位,新客户 {4} 位", "{0} upgraded, {1} downgraded, {2} stayed, {3} sideways, {4} new";
        AtTitle => "归因分析", "Attribution";
        AtImportHint => "CSV 列:旅程/客户ID、时间、渠道、类型(线上/线下,转化行写“转化”)、转化金额(可选)。也可以把转化行的渠道写成“转化”。", "CSV columns: journey / customer id, time, channel, type (online / offline; conversion rows say “conversion”), conversion value (optional). A conversion row may also name its channel “conversion”.";
        AtChooseJourneys => "选择触点 CSV", "Choose a touchpoints CSV";
        AtRead => "已读取 {0} 行:{1} 条路径,{2} 次转化,转化金额 {3},{4} 个渠道", "Read {0} rows: {1} paths, {2} conversions worth {3}, {4} channels";
        AtUnattributed => "{0} 次转化之前没有任何触点,未参与归因。", "{0} conversions had no touch before them and are not attributed.";
        AtTooFew => "路径少于 {0} 条或转化少于 {1} 次:结果受个别旅程影响很大,仅供参考。", "Fewer than {0} paths or {1} conversions: single journeys move these results a lot; treat them as indicative only.";
        AtRowNoJourney => "旅程/客户ID为空", "Empty journey / customer id";
        AtRowBadTime => "时间无法识别:{0}", "Unrecognised time: {0}";
        AtRowNoChannel => "渠道为空", "Empty channel";
        AtRowBadKind => "类型应为线上、线下或转化:{0}", "Type must be online, offline or conversion: {0}";
        AtColJourney => "旅程ID", "Journey id";
        AtColTime => "时间", "Time";
        AtColChannel => "渠道", "Channel";
        AtModelsHint => "首次触点、末次触点、线性(每个触点平分)、马尔可夫(一阶吸收链,移除效应按总转化归一)、Shapley(渠道数 ≤ 16 时精确枚举,更多时用 Zhao 等 2018 的等价简化式)。", "First touch, last touch, linear (an equal share per touch), Markov (first-order absorbing chain, removal effects normalised to the total) and Shapley (exact over all coalitions up to 16 channels, the equivalent simplified form of Zhao et al. 2018 beyond).";
        AtShow => "显示", "Show";
        AtShowConversions => "转化次数", "Conversions";
        AtShowValue => "转化金额", "Conversion value";
        AtCreditsCaption => "各模型的渠道贡献", "Credit per channel by model";
        AtFirstTouch => "首次触点", "First touch";
        AtLastTouch => "末次触点", "Last touch";
        AtLinear => "线性", "Linear";
        AtMarkov => "马尔可夫", "Markov";
        AtShapley => "Shapley", "Shapley";
        AtOnline => "线上", "online";
        AtOffline => "线下", "offline";
        AtChartLabel => "各渠道在五种归因模型下的贡献柱状图(数值见上表)", "Bar chart of each channel's credit under the five models (figures in the table above)";
        AtBudgetTitle => "预算提示", "Budget hint";
        AtBudgetHint => "各渠道花费取自“渠道分析”页的渠道对比表(按渠道名称匹配);在此输入可覆盖(仅保留在本页)。投入产出比 = 归因金额 ÷ 花费;高于全部渠道平均 20% 及以上建议加预算,低 20% 及以上建议减预算。", "Each channel's spend comes from the channel comparison table on the Channels page (matched by name); type here to override it (kept on this page only). Return = attributed revenue ÷ spend; 20% or more above the average of all channels suggests more budget, 20% or more below suggests less.";
        AtSpendCaption => "渠道花费", "Channel spend";
        AtHintModel => "按哪个模型", "Model for the hint";
        AtHintsCaption => "预算提示", "Budget hints";
        AtColSpend => "花费", "Spend";
        AtColRevenue => "归因金额", "Attributed revenue";
        AtColRoas => "投入产出比", "Return on spend";
        AtColCpa => "单次转化成本", "Cost per conversion";
        AtColAdvice => "建议", "Advice";
        AtIncrease => "加预算", "Increase";
        AtKeep => "维持", "Keep";
        AtDecrease => "减预算", "Decrease";
    }

    /// Settings (设置).
    Settings (settings) {
        PlanFileSection => "计划文件", "Plan file";
        PlanFileHint => "把整个计划导出为 JSON 文件备份或转给同事;导入会替换当前计划(可撤销)。",
            "Export the whole plan as a JSON file to back it up or share it; importing replaces the current plan (can be undone).";
        SettingsTitle => "设置", "Settings";
        LanguageLabel => "界面语言", "Language";
        StorageSection => "本机存储", "Storage on this device";
        ResetDemo => "恢复示范计划", "Restore the demo plan";
        ResetDemoHint => "用示范计划替换当前计划(可撤销)。", "Replace the current plan with the demo plan (can be undone).";
        ResetDone => "已恢复示范计划。", "Demo plan restored.";
        LanguageZh => "简体中文", "Simplified Chinese";
        LanguageEn => "English", "English";
        StorageHint => "计划在每次修改后一秒内自动保存在这个浏览器中,不会上传到任何服务器。",
            "The plan is saved in this browser within a second of every edit; nothing is uploaded anywhere.";
        StorageStatus => "保存状态", "Save state";
        // How much storage the plans take, and whether the browser keeps it (issue 28).
        StorageLocalUse => "正在编辑的计划和设置所在的快速存储占用 {used},是浏览器为每个网站保留的约 {limit} 的 {share}。",
            "The quick store, where the plan being edited and the settings are kept, takes {used}, {share} of the roughly {limit} the browser keeps for each site.";
        StorageLocalUnavailable => "这个浏览器不允许本网站保存数据。", "This browser does not let this site keep data.";
        StorageFilling => "快速存储快满了,新的修改可能存不下:把计划导出为文件备份,再在“我的计划”中删除不再需要的计划。",
            "The quick store is nearly full and new edits may not fit: export plans to files as a backup, then delete the ones you no longer need in My plans.";
        StorageSite => "其他计划所在的数据库和离线使用的应用副本等网站数据已用 {usage},浏览器给的配额是 {quota}。",
            "Site data such as the database holding the other plans and the offline copy of the app: {usage} used of a {quota} quota.";
        StorageSiteUnknown => "这个浏览器不提供网站的存储用量。", "This browser does not report the site's storage use.";
        StoragePersisted => "已受保护:浏览器清理空间时不会删除这里的计划。", "Protected: the browser will not delete these plans when it frees space.";
        StorageNotPersisted => "未受保护:浏览器空间不足时可能清除这里的数据。请定期导出计划文件备份。",
            "Not protected: the browser may clear this data when it runs short of space. Export plan files now and then as a backup.";
        StoragePersistAsk => "请浏览器保护本机数据", "Ask the browser to protect this data";
        StoragePersistRefused => "浏览器没有同意保护(很少打开的网站和无痕模式常被拒绝)。请定期导出计划文件备份。",
            "The browser declined (usual for sites opened rarely, and in private mode). Export plan files now and then as a backup.";
        StoragePersistUnknown => "这个浏览器没有保护网站数据的设置。请定期导出计划文件备份。",
            "This browser has no setting to protect site data. Export plan files now and then as a backup.";

        // The print view (issue: files, print, offline).
        PrintSection => "打印与PDF", "Print and PDF";
        PrintSectionHint => "把整个计划排成A4页面(含图表),用浏览器的“打印”另存为PDF,作为每周复盘报告。", "Lays the whole plan out on A4 pages, charts included; use the browser's Print to save it as a PDF for the weekly review.";
        PrintOpen => "打开打印视图", "Open the print view";
        SettingsPlansHint => "在“我的计划”中新建、打开、复制、重命名或删除计划。", "Create, open, copy, rename or delete plans in My plans.";
    }

    /// My plans (我的计划).
    Plans (plans) {
        // The print view (issue: files, print, offline).
        PlansIntro => "每个计划单独保存在这个浏览器中,最近修改的排在最前。打开的计划用于所有页面。", "Each plan is kept separately in this browser, the most recently changed first. The open plan is the one every page shows.";
        ColPlanIndustry => "行业", "Industry";
        ColPlanUpdated => "更新时间", "Updated";
        PlanOpenNow => "当前计划", "Open now";
        DuplicatePlan => "复制", "Duplicate";
        RenamePlan => "重命名", "Rename";
        DeletePlan => "删除", "Delete";
        NewPlanName => "新名称", "New name";
        SaveName => "保存名称", "Save the name";
        PlanDeleted => "已删除计划“{}”。", "Deleted the plan “{}”.";
        UndoDelete => "撤销删除", "Undo deleting";
        PlanDuplicated => "已复制为“{}”。", "Copied as “{}”.";
        NewDemoPlan => "新建示范计划", "New demo plan";
        NewFromPlaybook => "用阶段打法新建计划", "New plan from a playbook";
    }

    /// Share by link: the button on 我的计划 and the /share page.
    Share (share) {
        // Share by link (issue 28): the link, its limit, the read-only shared plan.
        CopyShareLink => "复制分享链接", "Copy share link";
        ShareLinkHint => "链接里是压缩并加密的整个计划,密钥在“#”之后,浏览器不会把它发给服务器。收到链接的人只能查看,保存副本后才能修改。",
            "The link holds the whole plan, compressed and encrypted; the key is after the “#”, which a browser never sends to a server. Whoever opens it can only view it until they save a copy.";
        ShareLinkMaking => "正在生成分享链接…", "Making the share link…";
        ShareLinkCopied => "分享链接已复制({} 个字符)。", "Share link copied ({} characters).";
        ShareLinkNotCopied => "浏览器不允许写入剪贴板,请手动复制下面的链接({} 个字符):", "The browser did not allow copying; copy the link below by hand ({} characters):";
        ShareLinkField => "分享链接", "Share link";
        ShareLinkTooLong => "计划太大,分享链接会有 {} 个字符,超过聊天软件能完整发送的 {} 个字符;未复制任何内容。请用“导出计划”把计划存为文件再发送。",
            "The plan is too large: its share link would be {} characters, over the {} characters chat apps carry whole; nothing was copied. Use “Export plan” to save it as a file and send that.";
        ShareLinkFailed => "无法生成分享链接:", "Could not make the share link: ";
        ShareOpening => "正在打开分享的计划…", "Opening the shared plan…";
        ShareErrEmpty => "链接不完整:“#”后面没有内容,可能复制时被截断了。没有任何改动。", "The link is incomplete: nothing follows the “#”; it may have been cut when copied. Nothing was changed.";
        ShareErrMalformed => "链接格式不对或不完整(可能被截断或改动)。没有任何改动。", "The link is malformed or incomplete (cut or changed). Nothing was changed.";
        ShareErrVersion => "链接由更新版本的应用生成(格式 {}),请刷新或更新应用后再打开。没有任何改动。", "The link was made by a newer version of the app (format {}); reload or update the app to open it. Nothing was changed.";
        ShareErrTampered => "链接已被改动或截断:解密校验(AES-GCM)失败,内容不可信。没有任何改动。", "The link was changed or cut: decryption (AES-GCM) authentication failed, so its content cannot be trusted. Nothing was changed.";
        ShareErrUnsupported => "这个浏览器不支持打开分享链接所需的加密或解压功能。", "This browser lacks the encryption or decompression needed for share links.";
        ShareErrPlan => "链接解密成功,但内容不是可读取的计划:", "The link decrypted, but its content is not a plan this app can read: ";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The text table is indexed by the enum's discriminant: an entry out of step would
    // give every later message its neighbour's words.
    #[test]
    fn each_message_reads_its_own_text() {
        assert_eq!(Msg::AppTitle.text(Lang::Zh), "全渠道拓展规划");
        assert_eq!(Msg::AppTitle.text(Lang::En), "OMO Expansion Planner");
        assert_eq!(Msg::ColReached.text(Lang::Zh), "触达人数");
        assert_eq!(Msg::ColReached.text(Lang::En), "Reached");
        assert_eq!(Msg::AtDecrease.text(Lang::Zh), "减预算");
        assert_eq!(Msg::AtDecrease.text(Lang::En), "Decrease");
        let count = CORE_ZH.len() + GROUP_LENS.iter().sum::<usize>();
        assert_eq!(count, Msg::ShareErrPlan as usize + 1);
        assert_eq!(Msg::ShareErrPlan.text(Lang::En), english_texts()[count - 1]);
        assert!(Msg::ShareErrPlan.text(Lang::Zh).starts_with("链接解密成功"));
        assert_eq!(english_texts().len(), count);
    }
}
