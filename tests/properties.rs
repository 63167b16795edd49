//! Properties of every calculation of the core, over arbitrary input: nothing panics,
//! rates stay rates, text round-trips, and no float is NaN or infinite. Native only
//! (proptest is a native dev-dependency; the wasm clippy run compiles all targets).
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use omo_planner::domain::channels::ab_test::{evaluate, next_version, AbTest, SopEntry};
use omo_planner::domain::channels::alerts::{crossed_alerts, AlertCondition, AlertRule};
use omo_planner::domain::channels::compare::{revenue_share, side_totals, ChannelRow, Side};
use omo_planner::domain::channels::history::{CustomFormula, CustomMetric, KpiMonth, MetricRef};
use omo_planner::domain::channels::kpi_system::{KpiInputs, Metric};
use omo_planner::domain::channels::month::YearMonth;
use omo_planner::domain::channels::KpiBook;
use omo_planner::domain::formats::csv::{
    detect_delimiter, detect_encoding, neutralize, parse, restore, write_csv,
};
use omo_planner::domain::formats::ics::{ics_calendar, CalendarEvent};
use omo_planner::domain::funnel::analysis::{
    chain_breaks, compare, furthest_below_target, largest_loss, project,
};
use omo_planner::domain::funnel::{overall_conversion, FunnelStage};
use omo_planner::domain::plan::demo::demo_plan;
use omo_planner::domain::plan::list::{copy_name, new_id, parse_index};
use omo_planner::domain::plan::schema::{load_plan, save_plan};
use omo_planner::domain::plan::Plan;
use omo_planner::domain::scenario::budget::allocate;
use omo_planner::domain::tasks::schedule::{
    due_dates, is_overdue, next_due, within, DeadlineRule, TaskStatus,
};
use omo_planner::domain::tasks::PhaseDates;
use omo_planner::domain::values::entry::{CellValue, Entry};
use omo_planner::domain::values::ids::RowId;
use omo_planner::domain::values::measure::Measure;
use omo_planner::domain::values::measure::Unit;
use omo_planner::domain::values::money::Fen;
use omo_planner::domain::values::ratio::Ratio;
use omo_planner::domain::values::stats::{
    normal_cdf, two_proportion_z_test, wilson_interval, Z_95,
};
use omo_planner::sheet::tsv::{parse_tsv, to_tsv};
use proptest::prelude::*;
use std::sync::Arc;

// ---------- strategies ----------

/// Counts people type, plus the edges: zero, one, u64::MAX.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => 0u64..20_000,
        1 => Just(0u64),
        1 => Just(u64::MAX),
        1 => any::<u64>(),
    ]
}

/// A cell as it may be in a plan: empty, a value, or text that failed to parse.
fn entry<T: std::fmt::Debug + Clone + 'static>(
    value: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Entry<T>> {
    prop_oneof![
        1 => Just(Entry::Empty),
        4 => value.prop_map(Entry::Value),
        1 => "[a-z]{1,4}".prop_map(Entry::Invalid),
    ]
    .boxed()
}

fn fen() -> impl Strategy<Value = Fen> {
    prop_oneof![
        3 => (-1_000_000i64..100_000_000).prop_map(Fen),
        1 => any::<i64>().prop_map(Fen),
        1 => prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0)].prop_map(Fen),
    ]
}

fn measure() -> impl Strategy<Value = Measure> {
    prop_oneof![
        3 => (-100_000i64..1_000_000).prop_map(Measure),
        1 => any::<i64>().prop_map(Measure),
    ]
}

fn stage() -> impl Strategy<Value = FunnelStage> {
    (
        entry(count()),
        entry(count()),
        entry(count()),
        entry(count()),
        entry(measure()),
        entry(measure()),
        any::<bool>(),
    )
        .prop_map(|(reached, converted, pr, pc, target, what_if, side)| {
            let mut s = FunnelStage::new(RowId(1));
            s.reached = reached;
            s.converted = converted;
            s.previous_reached = pr;
            s.previous_converted = pc;
            s.target_rate = target;
            s.what_if_rate = what_if;
            s.side_entry = side;
            s
        })
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => (1900i32..=2200, 1u32..=12, 1u32..=31)
            .prop_filter_map("a calendar date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        1 => prop_oneof![
            Just(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()),
            Just(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()),
            Just(NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()),
            Just(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
        ],
        1 => prop_oneof![Just(NaiveDate::MIN), Just(NaiveDate::MAX)],
    ]
}

fn rule() -> impl Strategy<Value = DeadlineRule> {
    prop_oneof![
        any::<u32>().prop_map(|week| DeadlineRule::EndOfWeek { week }),
        (0u32..60).prop_map(|week| DeadlineRule::EndOfWeek { week }),
        (0u32..8).prop_map(|week| DeadlineRule::WeekOfEveryMonth { week }),
        Just(DeadlineRule::EndOfEveryMonth),
        date().prop_map(|date| DeadlineRule::Fixed { date }),
    ]
}

fn year_month() -> impl Strategy<Value = YearMonth> {
    (1900i32..=9999, 1u32..=12).prop_map(|(y, m)| YearMonth::new(y, m).unwrap())
}

fn kpi_inputs() -> BoxedStrategy<KpiInputs> {
    let c = || entry(count());
    let f = || entry(fen());
    (
        (c(), c(), c(), c(), c(), c(), c(), c(), c()),
        (
            f(),
            f(),
            entry(measure()),
            entry(measure()),
            f(),
            c(),
            f(),
            c(),
        ),
        (c(), c(), f(), c(), c(), c(), c()),
        proptest::array::uniform11(c()),
    )
        .prop_map(|(a, b, d, nps)| KpiInputs {
            event_attendees: a.0,
            event_qr_follows: a.1,
            online_impressions: a.2,
            online_booked_visits: a.3,
            new_users_online: a.4,
            new_users_offline: a.5,
            new_users_overlap: a.6,
            reached_users: a.7,
            linked_orders: a.8,
            aov_omo: b.0,
            aov_single_channel: b.1,
            repurchase_days_before: b.2,
            repurchase_days_after: b.3,
            marketing_spend: b.4,
            new_paying_customers: b.5,
            sales: b.6,
            orders: b.7,
            headcount_online: d.0,
            headcount_offline: d.1,
            average_inventory_value: d.2,
            private_domain_users: d.3,
            private_domain_active: d.4,
            customers: d.5,
            high_value_customers: d.6,
            nps_answers: nps,
        })
        .boxed()
}

fn finite(x: f64) -> bool {
    x.is_finite()
}

// ---------- funnel ----------

proptest! {
    /// A stage's rate, loss and loss rate exist only for consistent counts, and then
    /// rate + loss rate is exactly one and both lie in [0, 1].
    #[test]
    fn stage_rates_are_rates(reached in count(), converted in count()) {
        let mut s = FunnelStage::new(RowId(1));
        s.reached = Entry::Value(reached);
        s.converted = Entry::Value(converted);
        let consistent = reached > 0 && converted <= reached;
        prop_assert_eq!(s.rate().is_some(), consistent);
        prop_assert_eq!(s.loss_rate().is_some(), consistent);
        prop_assert_eq!(s.converted_error().is_some(), converted > reached);
        if let (Some(rate), Some(loss_rate), Some(loss)) = (s.rate(), s.loss_rate(), s.loss()) {
            prop_assert!(rate.basis_points() <= 10_000);
            prop_assert!(loss_rate.basis_points() <= 10_000);
            prop_assert_eq!(rate.num() + loss_rate.num(), rate.den());
            prop_assert_eq!(loss, reached - converted);
            prop_assert_eq!(loss_rate.num(), loss);
        }
    }

    /// Any stage (empty, invalid, inconsistent) is handled without a panic, and a rate
    /// never exceeds 100%.
    #[test]
    fn any_stage_is_safe(s in stage()) {
        if let Some(r) = s.rate() { prop_assert!(r.basis_points() <= 10_000); }
        if let Some(r) = s.loss_rate() { prop_assert!(r.basis_points() <= 10_000); }
        let _ = (s.reached_error(), s.converted_error(), s.previous_converted_error());
        if let Some(bp) = s.target_bp() { prop_assert!(bp <= 10_000); }
        if let Some(bp) = s.what_if_bp() { prop_assert!(bp <= 10_000); }
    }

    /// Exact ratio of num ≤ den is at most 100%, and basis points are monotone in num.
    #[test]
    fn ratio_basis_points_bounded(a in count(), b in count(), den in 1u64..) {
        let (lo, hi) = (a.min(b), a.max(b));
        if hi <= den {
            prop_assert!(Ratio::new(hi, den).unwrap().basis_points() <= 10_000);
        }
        prop_assert!(Ratio::new(lo, den).unwrap().basis_points() <= Ratio::new(hi, den).unwrap().basis_points());
        prop_assert!(Ratio::new(a, 0).is_none());
    }

    /// Overall conversion is last converted / first reached, ≤ 100% whenever the chain
    /// never grows, and absent when any stage is flagged.
    #[test]
    fn overall_conversion_is_a_rate(stages in proptest::collection::vec(stage(), 0..6)) {
        let overall = overall_conversion(&stages);
        if let Some(r) = overall {
            prop_assert!(stages.iter().all(|s| s.converted_error().is_none()));
            prop_assert_eq!(Some(r.den()), stages.first().and_then(|s| s.reached.value().copied()));
            prop_assert_eq!(Some(r.num()), stages.last().and_then(|s| s.converted.value().copied()));
        }
        if stages.is_empty() { prop_assert!(overall.is_none()); }
    }

    /// Analysis of any funnel never panics; indexes point at stages; the projection never
    /// creates people out of nowhere (each stage converts at most what it reached) and the
    /// comparison's statistics are proper probabilities.
    #[test]
    fn funnel_analysis_never_panics(
        a in proptest::collection::vec(stage(), 0..6),
        b in proptest::collection::vec(stage(), 0..6),
        overrides in proptest::collection::vec(proptest::option::of(prop_oneof![0u32..=10_000, any::<u32>()]), 0..7),
        targets in proptest::collection::vec(proptest::option::of(any::<u32>()), 0..7),
        aov in proptest::option::of(any::<i64>()),
    ) {
        for i in chain_breaks(&a) { prop_assert!(i > 0 && i < a.len()); }
        if let Some(i) = largest_loss(&a) { prop_assert!(i < a.len()); }
        if let Some((i, _gap)) = furthest_below_target(&a, &targets) { prop_assert!(i < a.len()); }
        if let Some(p) = project(&a, &overrides, aov) {
            prop_assert_eq!(p.stages.len(), a.len());
            for s in &p.stages { prop_assert!(s.converted <= s.reached); }
            for w in p.stages.windows(2) { prop_assert_eq!(w[1].reached, w[0].converted); }
        }
        let cmp = compare(&a, &b);
        prop_assert_eq!(cmp.len(), a.len().max(b.len()));
        for c in cmp {
            for (lo, hi) in [c.ci_a, c.ci_b].into_iter().flatten() {
                prop_assert!(finite(lo) && finite(hi) && 0.0 <= lo && lo <= hi && hi <= 1.0);
            }
            if let Some(z) = c.test {
                prop_assert!(z.z.is_finite());
                prop_assert!((0.0..=1.0).contains(&z.p_value));
            }
        }
    }
}

// ---------- event-log funnel modes ----------

/// A small event log: users u0..u5, events a..d and x (no step), channels s / w / none,
/// times 0..40 s so ties and window edges are common.
fn event_log_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((0u8..6, 0i64..40, 0usize..5, 0usize..3), 0..60).prop_map(|rows| {
        let mut text = String::from("user,time,event,channel\n");
        for (u, t, e, c) in rows {
            let e = ["a", "b", "c", "d", "x"][e];
            let c = ["s", "w", ""][c];
            text.push_str(&format!("u{u},{t},{e},{c}\n"));
        }
        text
    })
}

proptest! {
    /// Every mode, window, per-step window and exclusion: counts never grow down the
    /// funnel, no mode counts more than the default (each only adds a condition or a
    /// stop), the default equals the quick count, and each counted path has one time per
    /// step reached, in order, within the window.
    #[test]
    fn funnel_modes_are_consistent(
        text in event_log_text(),
        window in -1i64..50,
        step_window in proptest::option::of(0i64..20),
        exclude in any::<bool>(),
        channel in proptest::option::of(prop_oneof![Just("s"), Just("w"), Just("z")]),
    ) {
        use omo_planner::domain::formats::stepped_read::SteppedRead;
        use omo_planner::domain::funnel::event_log::{count_funnel, EventLogReader};
        use omo_planner::domain::funnel::modes::{analyze_funnel, Exclusion, FunnelMode, FunnelQuery};
        use omo_planner::domain::funnel::timing::{step_timings, trends, Period};
        let log = EventLogReader::new(text).unwrap().finish();
        let steps = ["a", "b", "c", "d"];
        let base = FunnelQuery {
            steps: steps.iter().map(|s| s.to_string()).collect(),
            window_secs: window,
            channel: channel.map(String::from),
            ..FunnelQuery::default()
        };
        let default = analyze_funnel(&log, &base);
        prop_assert_eq!(&default.counts, &count_funnel(&log, &steps, window, channel));
        for mode in FunnelMode::ALL {
            let q = FunnelQuery {
                mode,
                step_windows: vec![None, step_window, None, step_window],
                exclusions: if exclude {
                    vec![Exclusion { event: "x".into(), from: 0, to: 2 }]
                } else {
                    Vec::new()
                },
                ..base.clone()
            };
            let r = analyze_funnel(&log, &q);
            for k in 0..steps.len() {
                prop_assert!(r.counts[k] <= default.counts[k], "{:?} {:?}", mode, r.counts);
                if k > 0 { prop_assert!(r.counts[k] <= r.counts[k - 1]); }
            }
            prop_assert_eq!(r.paths() as u64, r.counts[0]);
            for (_, times) in r.iter_paths() {
                prop_assert!(!times.is_empty() && times.len() <= steps.len());
                prop_assert!(times.windows(2).all(|w| w[0] <= w[1]));
                prop_assert!(times.iter().all(|t| t - times[0] <= window.max(0)));
            }
            let timings = step_timings(&r, steps.len());
            for t in &timings {
                prop_assert_eq!(t.users as u64, r.counts[t.step]);
                prop_assert_eq!(t.histogram.iter().sum::<u64>(), t.users as u64);
            }
            let weeks = trends(&r, steps.len(), Period::Week);
            prop_assert_eq!(weeks.iter().map(|w| w.reached[0]).sum::<u64>(), r.counts[0]);
        }
    }
}

// ---------- cell values ----------

fn round_trips<T: CellValue + std::fmt::Debug>(x: T) -> Result<(), TestCaseError> {
    prop_assert_eq!(Entry::<T>::from_text(&x.to_text()), Entry::Value(x));
    Ok(())
}

/// Any text is Empty (only when blank), a value, or kept verbatim as Invalid.
fn keeps_text<T: CellValue + std::fmt::Debug>(text: &str) -> Result<(), TestCaseError> {
    match Entry::<T>::from_text(text) {
        Entry::Empty => prop_assert!(text.trim().is_empty()),
        Entry::Value(v) => {
            // The value reads back as itself.
            prop_assert_eq!(T::parse(&v.to_text()), Ok(v));
        }
        Entry::Invalid(raw) => {
            prop_assert_eq!(&raw, text);
            prop_assert!(Entry::<T>::Invalid(raw).error().is_some());
        }
    }
    Ok(())
}

/// Text near what cells receive: digits, separators, signs, symbols, full-width forms,
/// Chinese, plus arbitrary unicode.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9０-９.,，+\\-−¥$%元年月/ ]{0,30}",
        "[0-9]{1,40}(\\.[0-9]{0,4})?",
        "第[0-9一二三四五六七八九十两]{0,3}周末?|每月第[0-9一二三]{0,2}周|每月底",
        "[0-9]{4}[-/.年][0-9]{1,3}([-/][0-9]{1,3})?月?",
        ".{0,40}",
    ]
}

proptest! {
    #[test]
    fn counts_round_trip(x in any::<u64>()) { round_trips(x)?; }

    #[test]
    fn money_round_trips(x in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX), Just(-1)]) { round_trips(Fen(x))?; }

    #[test]
    fn measures_round_trip(x in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX), Just(-1)]) { round_trips(Measure(x))?; }

    #[test]
    fn dates_round_trip(d in (0i32..=9999, 1u32..=366).prop_filter_map("day", |(y, o)| NaiveDate::from_yo_opt(y, o))) {
        round_trips(d)?;
    }

    #[test]
    fn months_round_trip(m in year_month()) { round_trips(m)?; }

    #[test]
    fn deadline_rules_round_trip(r in rule()) {
        let r = match r.check() { Ok(r) => r, Err(_) => return Ok(()) };
        if let DeadlineRule::Fixed { date } = r {
            if !(0..=9999).contains(&date.year()) { return Ok(()); }
        }
        round_trips(r)?;
        prop_assert_eq!(DeadlineRule::parse(&r.text_en()), Ok(r));
    }

    /// Money written with its symbol and thousands separators reads back.
    #[test]
    fn money_reads_as_merchants_write_it(yuan in 0i64..10_000_000_000, fen in 0i64..100) {
        let grouped = {
            let digits = yuan.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 { out.push(','); }
                out.push(c);
            }
            out
        };
        let want = Entry::Value(Fen(yuan * 100 + fen));
        prop_assert_eq!(Entry::<Fen>::from_text(&format!("¥{grouped}.{fen:02}")), want.clone());
        prop_assert_eq!(Entry::<Fen>::from_text(&format!(" {yuan}.{fen:02}元 ")), want);
    }

    /// Any text never panics and is never lost, whatever the cell type.
    #[test]
    fn any_text_is_kept(text in cell_text()) {
        keeps_text::<u64>(&text)?;
        keeps_text::<Fen>(&text)?;
        keeps_text::<Measure>(&text)?;
        keeps_text::<NaiveDate>(&text)?;
        keeps_text::<YearMonth>(&text)?;
        keeps_text::<DeadlineRule>(&text)?;
        keeps_text::<omo_planner::domain::scenario::goals::GoalDeadline>(&text)?;
    }
}

// ---------- budget (extends the properties in budget.rs) ----------

proptest! {
    /// Totals and shares anywhere in i64, including more than 100% of i64::MAX: no
    /// panic, never a negative amount, never more than the share of the total asks.
    #[test]
    fn allocation_of_extreme_values_is_safe(
        total in prop_oneof![any::<i64>(), Just(i64::MAX)],
        shares in proptest::collection::vec(proptest::option::of(prop_oneof![any::<i64>(), Just(i64::MAX), 0i64..=10_000]), 0..8),
    ) {
        let a = allocate(Fen(total), &shares);
        prop_assert_eq!(a.amounts.len(), shares.len());
        prop_assert!(a.share_sum >= 0);
        for (amount, share) in a.amounts.iter().zip(&shares) {
            prop_assert_eq!(amount.is_some(), share.is_some_and(|s| s >= 0));
            if let Some(f) = amount { prop_assert!(f.0 >= 0); }
        }
    }
}

// ---------- schedule ----------

proptest! {
    /// Due dates of any rule in any phase: never a panic, ascending, recurring dates
    /// inside the phase (and horizon), a single-date rule exactly one date; next_due is
    /// one of them and overdue agrees with it.
    #[test]
    fn schedules_stay_in_their_phase(
        r in rule(), from in date(), len in proptest::option::of(0i64..800), horizon in 0i64..800,
        today in date(), status in proptest::sample::select(TaskStatus::ALL.to_vec()),
    ) {
        let to = len.and_then(|n| from.checked_add_signed(chrono::Duration::days(n)));
        let phase = PhaseDates { from, to };
        let horizon_end = from.checked_add_signed(chrono::Duration::days(horizon)).unwrap_or(NaiveDate::MAX);
        let dates = due_dates(&r, phase, horizon_end);
        prop_assert!(dates.windows(2).all(|w| w[0] < w[1]));
        match r {
            DeadlineRule::Fixed { date } => prop_assert_eq!(&dates, &vec![date]),
            DeadlineRule::EndOfWeek { week } => {
                prop_assert!(dates.len() <= 1);
                if week == 0 { prop_assert!(dates.is_empty()); }
                if let Some(d) = dates.first() {
                    prop_assert_eq!((*d - from).num_days(), 7 * i64::from(week) - 1);
                }
            }
            DeadlineRule::WeekOfEveryMonth { .. } | DeadlineRule::EndOfEveryMonth => {
                let end = to.unwrap_or(horizon_end);
                for d in &dates {
                    prop_assert!(within(*d, phase) && *d <= end, "{d} outside {from}..{end}");
                }
                if let DeadlineRule::WeekOfEveryMonth { week } = r {
                    if !(1..=5).contains(&week) { prop_assert!(dates.is_empty()); }
                    for d in &dates {
                        prop_assert!(d.day() == 7 * week || (week == 5 && d.succ_opt().is_none_or(|n| n.month() != d.month())));
                    }
                } else {
                    for d in &dates { prop_assert!(d.succ_opt().is_none_or(|n| n.day() == 1)); }
                }
            }
        }
        let next = next_due(&dates, today);
        prop_assert_eq!(next.is_some(), !dates.is_empty());
        if let Some(n) = next { prop_assert!(dates.contains(&n)); }
        prop_assert_eq!(
            is_overdue(status, &dates, today),
            status != TaskStatus::Done && next.is_some_and(|n| n < today)
        );
    }
}

// ---------- KPI metrics and monitoring ----------

proptest! {
    /// Every metric on any inputs: no panic; percent metrics of a part over its whole are
    /// within 0-100%; NPS is within −100..100.
    #[test]
    fn kpi_metrics_never_panic(m in kpi_inputs()) {
        for metric in Metric::ALL {
            let v = metric.compute(&m);
            let _ = (metric.unit(), metric.dimension(), metric.direction());
            let Some(v) = v else { continue };
            match metric {
                Metric::OfflineToOnline | Metric::OnlineToOffline | Metric::LinkedConversion
                | Metric::PrivateDomainActive | Metric::HighValueShare => {
                    // A part over its whole, when the part is not more than the whole.
                    prop_assert!(v.0 >= 0);
                }
                Metric::Nps => prop_assert!((-10_000..=10_000).contains(&v.0), "nps {v:?}"),
                Metric::NewUsers => prop_assert!(v.0 >= 0),
                _ => {}
            }
            // A part of its whole is at most 100% (10000 bp).
            let part_of_whole = match metric {
                Metric::OfflineToOnline => Some((&m.event_qr_follows, &m.event_attendees)),
                Metric::OnlineToOffline => Some((&m.online_booked_visits, &m.online_impressions)),
                Metric::LinkedConversion => Some((&m.linked_orders, &m.reached_users)),
                Metric::PrivateDomainActive => Some((&m.private_domain_active, &m.private_domain_users)),
                Metric::HighValueShare => Some((&m.high_value_customers, &m.customers)),
                _ => None,
            };
            if let Some((part, whole)) = part_of_whole {
                prop_assert_eq!(metric.unit(), Unit::Percent);
                if let (Some(p), Some(w)) = (part.value(), whole.value()) {
                    if p <= w { prop_assert!(v.0 <= 10_000, "{metric:?} {v:?}"); }
                }
            }
        }
    }

    /// The history, alerts and reading of a book of random months never panic, and a
    /// reading's this-month value is the metric computed on that month's first row.
    #[test]
    fn kpi_history_never_panics(
        months in proptest::collection::vec((entry(year_month()), kpi_inputs()), 0..4),
        thresholds in proptest::collection::vec((entry(measure()), any::<bool>(), 0usize..15), 0..4),
        report in entry(year_month()),
    ) {
        let mut book = KpiBook { report_month: report, ..KpiBook::default() };
        for (i, (month, inputs)) in months.into_iter().enumerate() {
            book.months.push(Arc::new(KpiMonth { id: RowId(i as u64), month, inputs }));
        }
        for (i, (threshold, above, metric)) in thresholds.into_iter().enumerate() {
            book.alerts.push(Arc::new(AlertRule {
                id: RowId(100 + i as u64),
                metric: MetricRef::Builtin(Metric::ALL[metric]),
                condition: if above { AlertCondition::Above } else { AlertCondition::Below },
                threshold,
            }));
        }
        let month = book.report_month();
        for metric in Metric::ALL {
            let r = book.reading(MetricRef::Builtin(metric), month).unwrap();
            if let Some(m) = month {
                let first = book.months.iter().find(|r| r.month.value() == Some(&m));
                prop_assert_eq!(r.this_month, first.and_then(|row| metric.compute(&row.inputs)));
            }
            let series = book.series(MetricRef::Builtin(metric));
            prop_assert!(series.windows(2).all(|w| w[0].0 < w[1].0));
        }
        for alert in crossed_alerts(&book) {
            prop_assert_eq!(Some(alert.month), month);
            match alert.condition {
                AlertCondition::Below => prop_assert!(alert.value < alert.threshold),
                AlertCondition::Above => prop_assert!(alert.value > alert.threshold),
            }
        }
    }

    /// Custom metrics over any two measures never panic.
    #[test]
    fn custom_metrics_never_panic(num in entry(measure()), den in entry(measure()), f in 0usize..4) {
        let mut c = CustomMetric::new(RowId(1));
        c.formula = [CustomFormula::Percent, CustomFormula::Ratio, CustomFormula::Difference, CustomFormula::Value][f];
        let _ = c.compute(&num, &den);
    }

    /// Month arithmetic stays in the accepted years and is invertible.
    #[test]
    fn month_arithmetic(m in year_month(), n in -200_000i64..200_000) {
        if let Some(later) = m.add_months(n) {
            prop_assert_eq!(later.add_months(-n), Some(m));
            prop_assert!((1900..=9999).contains(&later.year) && (1..=12).contains(&later.month));
        }
        prop_assert_eq!(m.add_months(i64::MAX / 2), None);
    }

    /// Channel ratios on any figures never panic; the revenue shares of channels with a
    /// revenue add up to about 100%.
    #[test]
    fn channel_ratios_never_panic(
        rows in proptest::collection::vec((entry(fen()), entry(count()), entry(count()), entry(count()), entry(fen()), any::<bool>()), 0..6),
    ) {
        let rows: Vec<ChannelRow> = rows.into_iter().enumerate().map(|(i, (spend, reach, new_customers, orders, revenue, online))| {
            let mut r = ChannelRow::new(RowId(i as u64));
            r.spend = spend; r.reach = reach; r.new_customers = new_customers; r.orders = orders; r.revenue = revenue;
            r.side = if online { Side::Online } else { Side::Offline };
            r
        }).collect();
        for r in &rows {
            let _ = (r.conversion_rate(), r.cac(), r.roi(), r.roas(), r.spend(), r.revenue());
            if let Some(share) = revenue_share(&rows, r) { prop_assert!((0..=10_000).contains(&share.0)); }
        }
        for side in [Side::Online, Side::Offline] {
            let t = side_totals(&rows, side);
            prop_assert!(t.spend.0 >= 0 && t.revenue.0 >= 0);
            let _ = (t.cac(), t.roas());
        }
    }

    /// A/B evaluation on any counts: no panic; rates in 0-100%; the p-value a probability.
    #[test]
    fn ab_tests_evaluate_safely(
        nc in entry(count()), xc in entry(count()), nt in entry(count()), xt in entry(count()),
        target in entry(measure()),
    ) {
        let mut t = AbTest::new(RowId(1));
        t.control_size = nc; t.control_conversions = xc; t.test_size = nt; t.test_conversions = xt;
        t.target_rate = target;
        if let Ok(r) = evaluate(&t) {
            prop_assert!((0..=10_000).contains(&r.control_rate.0));
            prop_assert!((0..=10_000).contains(&r.test_rate.0));
            if let Some(p) = r.p_value { prop_assert!(finite(p) && (0.0..=1.0).contains(&p)); }
            prop_assert!(!r.significant || r.p_value.is_some_and(|p| p < 0.05));
        }
    }

    /// The next SOP version is one above the highest, for any version text.
    #[test]
    fn next_version_never_panics(versions in proptest::collection::vec(prop_oneof![".{0,12}", "[Vv]?[0-9]{1,12}(\\.[0-9])?", Just("V4294967295.0".to_string()), Just(u64::MAX.to_string())], 0..5), name in ".{0,8}") {
        let entries: Vec<SopEntry> = versions.into_iter().map(|v| {
            let mut e = SopEntry::new(RowId(1));
            e.name = name.clone();
            e.version = v;
            e
        }).collect();
        let next = next_version(&entries, &name);
        prop_assert!(next.starts_with('V') && next.ends_with(".0"));
    }
}

// ---------- statistics ----------

proptest! {
    #[test]
    fn z_test_p_values_are_probabilities(x1 in count(), n1 in count(), x2 in count(), n2 in count()) {
        if let Some(z) = two_proportion_z_test(x1, n1, x2, n2) {
            prop_assert!(z.z.is_finite());
            prop_assert!(finite(z.p_value) && (0.0..=1.0).contains(&z.p_value));
            prop_assert_eq!(z.significant_at_95, z.p_value < 0.05);
        }
    }

    #[test]
    fn wilson_interval_inside_unit(x in count(), n in count(), z in prop_oneof![Just(Z_95), 0.0f64..10.0, any::<f64>()]) {
        match wilson_interval(x, n, z) {
            Some((lo, hi)) => {
                prop_assert!(finite(lo) && finite(hi));
                prop_assert!(0.0 <= lo && lo <= hi && hi <= 1.0, "({lo}, {hi})");
                let p = x as f64 / n as f64;
                prop_assert!(lo <= p + 1e-9 && p <= hi + 1e-9);
            }
            None => prop_assert!(n == 0 || x > n || !z.is_finite() || z < 0.0),
        }
    }

    #[test]
    fn normal_cdf_is_a_probability(x in any::<f64>().prop_filter("not NaN", |x| !x.is_nan())) {
        let p = normal_cdf(x);
        prop_assert!(finite(p) && (0.0..=1.0).contains(&p));
    }
}

// ---------- CSV and TSV ----------

/// Cells with everything that makes CSV hard.
fn hard_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[=+\\-@\t\r']{0,3}[a-z0-9 ,;\"\r\n\t'，=]{0,8}",
        ".{0,10}",
        "[0-9.]{0,6}",
    ]
}

proptest! {
    /// Our own CSV reads back cell for cell, with the delimiter guessed as an import
    /// does, formula neutralising undone by `restore`. (A row of one blank cell is a
    /// blank line, which readers skip, so rows have two cells or more.)
    #[test]
    fn csv_round_trips(rows in proptest::collection::vec(proptest::collection::vec(hard_cell(), 2..5), 0..6)) {
        let text = write_csv(&rows);
        prop_assert_eq!(detect_encoding(text.as_bytes()), omo_planner::domain::formats::csv::TextEncoding::Utf8);
        let delimiter = detect_delimiter(&text);
        let back: Vec<Vec<String>> = parse(&text, delimiter)
            .into_iter()
            .map(|r| r.fields.iter().map(|f| restore(f).to_string()).collect())
            .collect();
        prop_assert_eq!(back, rows);
    }

    /// Neutralised cells never start a formula, and restore undoes neutralize exactly.
    #[test]
    fn neutralize_restores(cell in hard_cell()) {
        let n = neutralize(&cell);
        prop_assert!(!n.starts_with(['=', '+', '-', '@', '\t', '\r']));
        prop_assert_eq!(restore(&n), cell.as_str());
    }

    /// Any text or bytes: no panic; records carry increasing line numbers.
    #[test]
    fn csv_reading_never_panics(text in ".{0,200}", bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let d = detect_delimiter(&text);
        prop_assert!([',', '\t', ';', '，'].contains(&d));
        let records = parse(&text, d);
        prop_assert!(records.windows(2).all(|w| w[0].line < w[1].line));
        let _ = detect_encoding(&bytes);
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = parse(&lossy, detect_delimiter(&lossy));
    }

    /// Clipboard TSV reads back cell for cell (a row needs a non-empty cell, since an
    /// empty line is no row).
    #[test]
    fn tsv_round_trips(rows in proptest::collection::vec(proptest::collection::vec(hard_cell(), 1..5), 0..6)) {
        let rows: Vec<Vec<String>> = rows.into_iter().filter(|r| !(r.len() == 1 && r[0].is_empty())).collect();
        prop_assert_eq!(parse_tsv(&to_tsv(&rows)), rows);
    }

    #[test]
    fn tsv_reading_never_panics(text in ".{0,200}") {
        let _ = parse_tsv(&text);
    }
}

// ---------- calendar export ----------

proptest! {
    /// Every physical line of an .ics file is at most 75 octets (CRLF excluded), the file
    /// stays valid UTF-8 line by line (no character split), and unfolding restores one
    /// logical line per property.
    #[test]
    fn ics_lines_fold_at_75_octets(
        events in proptest::collection::vec((".{0,10}", date(), ".{0,120}", ".{0,200}"), 0..4),
        product in ".{0,100}",
    ) {
        let events: Vec<CalendarEvent> = events.into_iter().map(|(uid, date, summary, description)| CalendarEvent { uid, date, summary, description }).collect();
        let stamp = NaiveDateTime::new(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), chrono::NaiveTime::MIN);
        let ics = ics_calendar(&events, stamp, &product);
        prop_assert!(ics.ends_with("\r\n"));
        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            prop_assert!(!line.contains(['\r', '\n']));
        }
        let unfolded = ics.replace("\r\n ", "");
        let n_summaries = unfolded.split("\r\n").filter(|l| l.starts_with("SUMMARY:")).count();
        prop_assert_eq!(n_summaries, events.len());
    }
}

// ---------- plan documents ----------

/// Random edits to the demo plan: names, cells valid and invalid, rows removed or
/// duplicated.
#[derive(Debug, Clone)]
enum Edit {
    Name(String),
    StageName(usize, String),
    Reached(usize, Entry<u64>),
    Converted(usize, Entry<u64>),
    Aov(Entry<Fen>),
    RemoveStage(usize),
    DuplicateStage(usize),
    RemoveTask(usize),
    DuplicateTask(usize),
    TaskDeadline(usize, String),
    Horizon(Entry<u64>),
    BudgetLineName(usize, String),
    KpiMonth(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let any_text = || {
        prop_oneof![
            ".{0,30}",
            "\\PC{0,30}",
            Just("\u{0}\u{feff}\u{202e}\"\\".to_string())
        ]
    };
    let i = || 0usize..20;
    prop_oneof![
        any_text().prop_map(Edit::Name),
        (i(), any_text()).prop_map(|(i, s)| Edit::StageName(i, s)),
        (i(), entry(count())).prop_map(|(i, e)| Edit::Reached(i, e)),
        (
            i(),
            prop_oneof![entry(count()), any_text().prop_map(Entry::Invalid)]
        )
            .prop_map(|(i, e)| Edit::Converted(i, e)),
        entry(fen()).prop_map(Edit::Aov),
        i().prop_map(Edit::RemoveStage),
        i().prop_map(Edit::DuplicateStage),
        i().prop_map(Edit::RemoveTask),
        i().prop_map(Edit::DuplicateTask),
        (i(), cell_text()).prop_map(|(i, s)| Edit::TaskDeadline(i, s)),
        entry(count()).prop_map(Edit::Horizon),
        (i(), any_text()).prop_map(|(i, s)| Edit::BudgetLineName(i, s)),
        (i(), cell_text()).prop_map(|(i, s)| Edit::KpiMonth(i, s)),
    ]
}

fn apply(plan: &mut Plan, edit: Edit) {
    fn at<T: Clone>(rows: &mut [Arc<T>], i: usize) -> Option<&mut T> {
        let n = rows.len();
        (n > 0).then(|| Arc::make_mut(&mut rows[i % n]))
    }
    match edit {
        Edit::Name(s) => plan.header.name = s,
        Edit::StageName(i, s) => {
            if let Some(st) = at(&mut plan.funnel.stages, i) {
                st.name = s
            }
        }
        Edit::Reached(i, e) => {
            if let Some(st) = at(&mut plan.funnel.stages, i) {
                st.reached = e
            }
        }
        Edit::Converted(i, e) => {
            if let Some(st) = at(&mut plan.funnel.stages, i) {
                st.converted = e
            }
        }
        Edit::Aov(e) => plan.funnel.avg_order_value = e,
        Edit::RemoveStage(i) => {
            let n = plan.funnel.stages.len();
            if n > 0 {
                plan.funnel.stages.remove(i % n);
            }
        }
        Edit::DuplicateStage(i) => {
            let n = plan.funnel.stages.len();
            if n > 0 {
                let r = plan.funnel.stages[i % n].clone();
                plan.funnel.stages.push(r);
            }
        }
        Edit::RemoveTask(i) => {
            let n = plan.tasks.len();
            if n > 0 {
                plan.tasks.remove(i % n);
            }
        }
        Edit::DuplicateTask(i) => {
            let n = plan.tasks.len();
            if n > 0 {
                let r = plan.tasks[i % n].clone();
                plan.tasks.insert(0, r);
            }
        }
        Edit::TaskDeadline(i, s) => {
            if let Some(t) = at(&mut plan.tasks, i) {
                t.deadline = Entry::from_text(&s)
            }
        }
        Edit::Horizon(e) => plan.horizon_months = e,
        Edit::BudgetLineName(i, s) => {
            if let Some(l) = at(&mut plan.budget_lines, i) {
                l.category = s
            }
        }
        Edit::KpiMonth(i, s) => {
            if let Some(m) = at(&mut plan.kpi.months, i) {
                m.month = Entry::from_text(&s)
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Whatever the edits, a saved plan loads back equal.
    #[test]
    fn plan_json_round_trips(edits in proptest::collection::vec(edit(), 0..12)) {
        let mut plan = demo_plan();
        for e in edits { apply(&mut plan, e); }
        prop_assert_eq!(load_plan(&save_plan(&plan)), Ok(plan));
    }
}

// ---------- plan list ----------

proptest! {
    /// Copy names and ids are fresh whatever is taken; the index reader never panics.
    #[test]
    fn plan_list_helpers_never_panic(
        name in ".{0,20}", suffix in ".{0,6}", taken in proptest::collection::vec(".{0,24}", 0..6),
        now in any::<i64>(), json in ".{0,100}",
    ) {
        let mut existing: Vec<String> = taken;
        let first = copy_name(&name, &suffix, &existing.iter().map(String::as_str).collect::<Vec<_>>());
        existing.push(first.clone());
        let second = copy_name(&name, &suffix, &existing.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_ne!(&first, &second);
        let ids: Vec<String> = existing.clone();
        let id = new_id(now, &ids.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert!(!ids.contains(&id));
        prop_assert!(omo_planner::domain::plan::list::is_plan_id(&id));
        let _ = parse_index(&json);
    }
}

// ---------- customer value (BG/NBD, Gamma-Gamma) ----------

fn bg_params() -> impl Strategy<Value = omo_planner::domain::customers::value::bg_nbd::BgNbd> {
    (0.05f64..5.0, 0.5f64..200.0, 0.05f64..5.0, 0.05f64..20.0).prop_map(|(r, alpha, a, b)| {
        omo_planner::domain::customers::value::bg_nbd::BgNbd { r, alpha, a, b }
    })
}

/// A concave response curve (β, κ in fen) as the optimiser sees it.
fn response_curve() -> impl Strategy<Value = omo_planner::domain::channels::response::curve::Curve>
{
    (1e3f64..1e9, 1e3f64..1e8).prop_map(|(beta, kappa)| {
        omo_planner::domain::channels::response::curve::Curve { beta, kappa }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// P(alive) is a probability; expected purchases are finite, non-negative and grow
    /// with the horizon; the summary of any orders keeps recency within age.
    #[test]
    fn customer_value_predictions_are_sane(
        m in bg_params(),
        x in 0u32..60, rec in 0u32..700, extra in 0u32..700,
        orders in proptest::collection::vec((0u32..8, 0i32..400, -5_000i64..50_000), 0..60),
    ) {
        use omo_planner::domain::customers::value::bg_nbd::History;
        let t_x = if x == 0 { 0.0 } else { f64::from(rec) };
        let h = History { x: f64::from(x), t_x, age: t_x + f64::from(extra) };
        let p = m.p_alive(h);
        prop_assert!((0.0..=1.0).contains(&p), "{}", p);
        let mut before = 0.0;
        for t in [30.0, 90.0, 365.0] {
            let e = m.expected_purchases(t, h);
            prop_assert!(e.is_finite() && e >= before - 1e-9, "{:?} {:?} t={} e={} before={}", m, h, t, e, before);
            before = e;
        }
        let orders: Vec<omo_planner::domain::customers::orders::Order> = orders
            .into_iter()
            .map(|(customer, day, fen)| omo_planner::domain::customers::orders::Order {
                customer, day, amount: omo_planner::domain::values::money::Fen(fen), channel: None, store: None,
            })
            .collect();
        let sums = omo_planner::domain::customers::value::summary::summarize(&orders, 300);
        for s in &sums.customers {
            prop_assert!(s.recency <= s.age && s.recency >= 0.0);
            prop_assert!(s.frequency > 0 || (s.recency == 0.0 && s.monetary == 0.0));
        }
    }
}

proptest! {
    /// The optimiser's allocation: whole fen summing exactly to the total, never
    /// negative, inside every limit, and never a worse predicted outcome than today's
    /// split when that split fits the same total and limits.
    #[test]
    fn optimal_allocations_are_feasible_and_never_worse_than_today(
        channels in proptest::collection::vec((response_curve(), 0i64..5_000_000, 0i64..3, 0i64..3), 1..9),
        scale in 0.2f64..3.0,
    ) {
        use omo_planner::domain::channels::response::optimiser::{optimise, outcome, Limits};
        use omo_planner::domain::values::money::Fen;
        let curves: Vec<_> = channels.iter().map(|c| c.0).collect();
        let today: Vec<i64> = channels.iter().map(|c| c.1).collect();
        let total = ((today.iter().sum::<i64>() as f64) * scale).round() as i64;
        // Limits around today's spend: none, a minimum, or a maximum.
        let limits: Vec<Limits> = channels
            .iter()
            .map(|&(_, t, lo, hi)| Limits {
                lo: if lo == 1 { t / 3 } else { 0 },
                hi: (hi == 1).then_some(t * 2),
            })
            .collect();
        match optimise(&curves, &limits, Fen(total)) {
            Ok(o) => {
                prop_assert_eq!(o.spend.iter().map(|f| f.0).sum::<i64>(), total);
                for (s, l) in o.spend.iter().zip(&limits) {
                    prop_assert!(s.0 >= 0 && s.0 >= l.lo);
                    prop_assert!(l.hi.is_none_or(|h| s.0 <= h));
                }
                prop_assert!(o.outcome.is_finite());
                if (scale - 1.0).abs() < f64::EPSILON || today.iter().sum::<i64>() == total {
                    let fits = today.iter().zip(&limits).all(|(&t, l)| t >= l.lo && l.hi.is_none_or(|h| t <= h));
                    if fits {
                        let today_fen: Vec<Fen> = today.iter().map(|&t| Fen(t)).collect();
                        let base = outcome(&curves, &today_fen);
                        prop_assert!(o.outcome >= base * (1.0 - 1e-9) - 1e-6, "{} < {}", o.outcome, base);
                    }
                }
            }
            Err(_) => {
                let lo: i64 = limits.iter().map(|l| l.lo).sum();
                let hi: Option<i64> = limits.iter().map(|l| l.hi).sum();
                prop_assert!(total < lo || hi.is_some_and(|h| total > h));
            }
        }
    }

    /// Today's split rescaled to the total is never better than the optimum.
    #[test]
    fn the_optimum_beats_today_at_the_same_total(
        channels in proptest::collection::vec((response_curve(), 1i64..5_000_000), 1..9),
    ) {
        use omo_planner::domain::channels::response::optimiser::{optimise, outcome, Limits};
        use omo_planner::domain::values::money::Fen;
        let curves: Vec<_> = channels.iter().map(|c| c.0).collect();
        let today: Vec<Fen> = channels.iter().map(|c| Fen(c.1)).collect();
        let total = today.iter().map(|f| f.0).sum::<i64>();
        let free = vec![Limits { lo: 0, hi: None }; curves.len()];
        let o = optimise(&curves, &free, Fen(total)).unwrap();
        let base = outcome(&curves, &today);
        prop_assert!(o.outcome >= base * (1.0 - 1e-9) - 1e-6, "{} < {}", o.outcome, base);
        prop_assert!(o.spend.iter().all(|f| f.0 >= 0));
    }

    /// The fit never panics and never returns a curve that is not rising and saturating;
    /// fewer than 8 months or flat spend give no curve.
    #[test]
    fn the_response_fit_is_total(
        rows in proptest::collection::vec((0u32..2_000_000, 0u32..9_000_000, any::<bool>()), 0..30),
    ) {
        use omo_planner::domain::channels::response::fit::{fit, NoCurve, MIN_MONTHS};
        let spend: Vec<f64> = rows.iter().map(|r| f64::from(r.0)).collect();
        let revenue: Vec<Option<f64>> = rows.iter().map(|r| r.2.then_some(f64::from(r.1))).collect();
        match fit(&spend, &revenue) {
            Ok(f) => {
                prop_assert!(f.curve.is_valid() && (0.0..1.0).contains(&f.theta) && f.sse.is_finite());
            }
            Err(NoCurve::TooFewMonths(n)) => prop_assert!(n < MIN_MONTHS),
            Err(_) => {}
        }
    }
}
