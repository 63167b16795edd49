//! Sample files for a first visit or a demo: an event log shaped like the demo plan's
//! funnel, an orders export (with refunds) and a touchpoint export, generated from fixed
//! seeds so they are the same every time. Each is the CSV text a merchant's export would
//! be (UTF-8 with a BOM and CRLF line ends, as Excel writes it), read by the pages through
//! the same importers as a chosen file, and offered as a download so the merchant sees
//! the format. A few thousand rows each: generated in a few milliseconds. The orders
//! follow the BG/NBD and Gamma-Gamma story over two years (see [`truth`]), so cohorts
//! and CLV models have something real to find.

use crate::domain::plan::demo::demo_plan;
use chrono::NaiveDate;

/// The three sample files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleFile {
    /// 转化漏斗 → 导入事件.
    Events,
    /// 客户分层 → 导入订单.
    Orders,
    /// 客户分层 → 归因分析.
    Touchpoints,
}

impl SampleFile {
    /// The file's text.
    pub fn csv(self) -> String {
        match self {
            SampleFile::Events => events_csv(),
            SampleFile::Orders => orders_csv(),
            SampleFile::Touchpoints => touchpoints_csv(),
        }
    }

    /// The name the download is given.
    pub fn file_name(self) -> &'static str {
        match self {
            SampleFile::Events => "示例-事件日志.csv",
            SampleFile::Orders => "示例-订单.csv",
            SampleFile::Touchpoints => "示例-触点.csv",
        }
    }
}

/// The header and the first `rows` data rows of a CSV text (BOM dropped), for the
/// example shown beside a file button.
pub fn head(csv: &str, rows: usize) -> Vec<&str> {
    csv.trim_start_matches('\u{feff}')
        .lines()
        .take(rows + 1)
        .collect()
}

// xorshift64*: tiny, deterministic, good enough for sample data.
use crate::domain::values::random::XorShift64Star as Rng;

/// The draws the sample files make beyond the generator's own.
trait Draws {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str;
    fn normal(&mut self) -> f64;
    fn gamma(&mut self, shape: f64) -> f64;
    fn exponential(&mut self, rate: f64) -> f64;
}

const BOM: &str = "\u{feff}";

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    d + chrono::Duration::days(days)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid sample date")
}

/// Seconds since 1970 of a day at midnight, and back to "YYYY-MM-DD HH:MM:SS".
fn epoch(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp()
}

fn time_text(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------- event log

/// The event before the demo funnel's first stage: the people its first stage reaches.
pub const ENTRY_EVENT: &str = "进店";
/// The demo funnel's counts divided by this (10,000 → 2,500 people).
pub const EVENTS_SCALE: u64 = 4;
/// Events that are not funnel steps, as real logs are full of.
const NOISE_EVENTS: [&str; 3] = ["浏览小程序", "分享好友", "查看优惠券"];
const STORES: [&str; 3] = ["南京西路店", "徐家汇店", "五角场店"];

/// The steps of the sample log and the people reaching each: the entry event, then the
/// demo funnel's stage names (each stage's converted count is the next step's people),
/// all divided by [`EVENTS_SCALE`].
pub fn event_steps() -> Vec<(String, u64)> {
    let plan = demo_plan();
    let stages = &plan.funnel.stages;
    let first = stages
        .first()
        .and_then(|s| s.reached.value().copied())
        .unwrap_or(0);
    std::iter::once((ENTRY_EVENT.to_string(), first))
        .chain(
            stages
                .iter()
                .map(|s| (s.name.clone(), s.converted.value().copied().unwrap_or(0))),
        )
        .map(|(name, n)| (name, n / EVENTS_SCALE))
        .collect()
}

/// The channel of a step: in-store steps carry the shopper's store, the community step
/// WeChat Work, the coupon step the mini-program.
fn step_channel(step: usize, store: &'static str) -> &'static str {
    match step {
        2 => "企业微信",
        3 => "小程序",
        _ => store,
    }
}

/// The event log: columns 用户ID, 时间, 事件, 渠道, rows in time order as an export
/// writes them, over four weeks of March 2026. Each person goes as deep into the funnel
/// as [`event_steps`] says (the deepest first), every step within the 7-day conversion
/// window of their first, so the page counts exactly the demo funnel's people ÷ 4.
/// Some people visit twice or do things that are not steps. The first person in the file
/// goes through every step before anyone else, so the steps are the first event names.
pub fn events_csv() -> String {
    let steps = event_steps();
    let people = steps.first().map_or(0, |s| s.1) as usize;
    let mut rng = Rng(0x5eed_0001_f0e1_d2c3);
    // depth[i]: how many steps person i reaches, deepest first (person 0 completes).
    let mut depth = vec![0usize; people];
    for (k, (_, n)) in steps.iter().enumerate() {
        for d in depth.iter_mut().take(*n as usize) {
            *d = k + 1;
        }
    }
    let start = epoch(date(2026, 3, 2));
    let mut rows: Vec<(i64, usize, &str, &str)> = Vec::with_capacity(people * 3);
    for (person, &reached) in depth.iter().enumerate() {
        let store = rng.pick(&STORES);
        // Person 0 walks through the funnel in the first hour; everyone else starts later,
        // in shop hours (10:00-21:00) of the 26 days that follow.
        let mut t = if person == 0 {
            start + 10 * 3_600
        } else {
            start + 86_400 * (1 + rng.below(26) as i64) + 36_000 + rng.below(11 * 3_600) as i64
        };
        let first = t;
        for (k, (name, _)) in steps.iter().enumerate().take(reached) {
            // Gaps: minutes to scan, hours to join, days to redeem and come back; the
            // whole path stays well inside 7 days.
            t += match k {
                0 => 0,
                // Person 0 does it all in one visit.
                _ if person == 0 => 300,
                1 => 60 + rng.below(9 * 60) as i64,
                2 => 60 + rng.below(2 * 3_600) as i64,
                3 => 86_400 + rng.below(2 * 86_400) as i64,
                _ => 3_600 + rng.below(2 * 86_400) as i64,
            };
            rows.push((t, person, name, step_channel(k, store)));
        }
        if person == 0 {
            continue;
        }
        // A second visit for some, and events that are no step for others.
        if rng.chance(10) {
            rows.push((
                first + 86_400 * (1 + rng.below(3) as i64),
                person,
                ENTRY_EVENT,
                store,
            ));
        }
        for _ in 0..rng.below(3) {
            let at = first + rng.below(3 * 86_400) as i64;
            rows.push((at, person, rng.pick(&NOISE_EVENTS), "小程序"));
        }
    }
    rows.sort_by_key(|r| (r.0, r.1));
    let mut csv = String::with_capacity(rows.len() * 48);
    csv.push_str(BOM);
    csv.push_str("用户ID,时间,事件,渠道\r\n");
    for (t, person, event, channel) in rows {
        csv.push_str(&format!(
            "U{:05},{},{event},{channel}\r\n",
            person + 1,
            time_text(t)
        ));
    }
    csv
}

// ---------------------------------------------------------------- orders

/// Customers in the orders file (above the 500 that CLV models want).
pub const ORDER_CUSTOMERS: usize = 600;
/// Days of history: two years to the last day.
pub const ORDER_DAYS: i64 = 730;
/// The orders run to this day (the default analysis date: the last order).
pub fn orders_last_day() -> NaiveDate {
    date(2026, 3, 31)
}

/// The story behind the orders, as the BG/NBD and Gamma-Gamma models tell it (Fader,
/// Hardie & Lee 2005; Fader & Hardie 2013), in days and yuan: while alive, a customer
/// buys as a Poisson process of rate λ ~ Gamma(shape `R`, rate `ALPHA`); after each
/// purchase they drop out with probability p ~ Beta(`A`, `B`); each order's value is
/// Gamma(shape `P`, rate ν) with ν ~ Gamma(shape `Q`, rate `GAMMA`) per customer.
pub mod truth {
    pub const R: f64 = 0.8;
    pub const ALPHA: f64 = 40.0;
    pub const A: f64 = 0.7;
    pub const B: f64 = 3.0;
    pub const P: f64 = 6.0;
    pub const Q: f64 = 4.0;
    pub const GAMMA: f64 = 100.0;
}

/// Natural log and exponential from + − × ÷ only (correctly rounded everywhere), so the
/// sample is the same bytes natively and in wasm, whose libm may differ from the system's
/// in the last bit.
fn ln(x: f64) -> f64 {
    if x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if e == -1023 {
        // Subnormal: never drawn here, but exact enough.
        return ln(x * 4_503_599_627_370_496.0) - 52.0 * std::f64::consts::LN_2;
    }
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    // ln m = 2 atanh s, s = (m − 1) / (m + 1), |s| < 0.172.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let (mut term, mut sum) = (s, 0.0);
    for k in 0..16 {
        sum += term / f64::from(2 * k + 1);
        term *= s2;
    }
    2.0 * sum + e as f64 * std::f64::consts::LN_2
}

fn exp(x: f64) -> f64 {
    if x < -700.0 {
        return 0.0;
    }
    let n = (x / std::f64::consts::LN_2).round();
    let r = x - n * std::f64::consts::LN_2;
    let (mut term, mut sum) = (1.0, 1.0);
    for k in 1..24 {
        term *= r / f64::from(k);
        sum += term;
    }
    sum * f64::from_bits(((n as i64 + 1023) as u64) << 52)
}

impl Draws for Rng {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// Standard normal (Marsaglia's polar method: no trigonometry).
    fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * ln(s) / s).sqrt();
            }
        }
    }

    /// Gamma(shape, rate 1) (Marsaglia & Tsang 2000; shape < 1 boosted by U^(1/shape)).
    fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let u = self.uniform();
            return self.gamma(shape + 1.0) * exp(ln(u) / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            if ln(u) < 0.5 * x * x + d - d * v + d * ln(v) {
                return d * v;
            }
        }
    }

    /// Exponential with rate `rate`.
    fn exponential(&mut self, rate: f64) -> f64 {
        -ln(self.uniform()) / rate
    }
}

/// One sample customer: the day they arrive and their purchase days, by the model of
/// [`truth`]; and their mean order value in yuan (the Gamma-Gamma ν gives p / ν).
struct SampleCustomer {
    days: Vec<i64>,
    value_rate: f64,
}

fn sample_customer(rng: &mut Rng, c: usize) -> SampleCustomer {
    use truth::*;
    // Arrivals grow over the two years (more customers in later months); customer 0
    // arrives on the first day and buys on the last (the default analysis date).
    let first = if c == 0 {
        0
    } else {
        (ORDER_DAYS as f64 * exp(ln(rng.uniform()) * 0.8)) as i64
    }
    .min(ORDER_DAYS - 1);
    let lambda = rng.gamma(R) / ALPHA;
    let (ga, gb) = (rng.gamma(A), rng.gamma(B));
    let dropout = ga / (ga + gb);
    let value_rate = rng.gamma(Q) / GAMMA;
    let mut days = vec![first];
    let mut t = first as f64;
    // Alive until the coin after a purchase says otherwise.
    while rng.uniform() >= dropout {
        t += rng.exponential(lambda.max(1e-9));
        if t >= ORDER_DAYS as f64 {
            break;
        }
        days.push(t as i64);
    }
    if c == 0 && days.last() != Some(&(ORDER_DAYS - 1)) {
        days.push(ORDER_DAYS - 1);
    }
    SampleCustomer { days, value_rate }
}

/// The orders: columns 手机号, 下单日期, 实付金额, 渠道, 门店 (empty online), dated
/// over the two years to 2026-03-31, in date order. Customers arrive over time and buy
/// by the model of [`truth`] (Poisson purchases at a customer's own rate until they drop
/// out; order values gamma around a customer's own mean). Customers are phone numbers
/// (shown masked). About one purchase in thirty is followed by a refund row: the same
/// customer, a negative amount a few days later.
pub fn orders_csv() -> String {
    let mut rng = Rng(0x5eed_0002_a1b2_c3d4);
    let first_day = add_days(orders_last_day(), -(ORDER_DAYS - 1));
    let last = ORDER_DAYS - 1;
    let mut rows: Vec<(i64, usize, i64, bool, &str)> = Vec::new();
    let mut phones = Vec::with_capacity(ORDER_CUSTOMERS);
    for c in 0..ORDER_CUSTOMERS {
        phones.push(format!(
            "1{}{:09}",
            [3, 5, 8][rng.below(3) as usize],
            rng.below(1_000_000_000)
        ));
        let h = sample_customer(&mut rng, c);
        let online_percent = [20, 50, 80][rng.below(3) as usize];
        for day in h.days {
            // Gamma(P, ν) yuan, to the half yuan, at least ¥5.
            let yuan = rng.gamma(truth::P) / h.value_rate;
            let fen = ((yuan * 2.0).round() as i64 * 50).clamp(500, 5_000_000);
            let online = rng.chance(online_percent);
            let store = if online { "" } else { rng.pick(&STORES) };
            rows.push((day, c, fen, online, store));
            if rng.chance(3) && day < last {
                let back = (day + 1 + rng.below(7) as i64).min(last);
                let part = if rng.chance(50) { fen } else { fen / 100 * 50 };
                rows.push((back, c, -part.max(500), online, store));
            }
        }
    }
    rows.sort_by_key(|r| (r.0, r.1, r.2 < 0));
    let mut csv = String::with_capacity(rows.len() * 48);
    csv.push_str(BOM);
    csv.push_str("手机号,下单日期,实付金额,渠道,门店\r\n");
    for (day, c, fen, online, store) in rows {
        let d = add_days(first_day, day);
        let sign = if fen < 0 { "-" } else { "" };
        let abs = fen.abs();
        csv.push_str(&format!(
            "{},{},{sign}{}.{:02},{},{store}\r\n",
            phones[c],
            crate::domain::values::entry::iso_date(d),
            abs / 100,
            abs % 100,
            if online { "线上" } else { "线下" },
        ));
    }
    csv
}

// ---------------------------------------------------------------- touchpoints

/// Journeys in the touchpoint file (above the page's 1,000 for trusted credits).
pub const JOURNEYS: usize = 1_500;
/// Channels, whether they are online, and how much they move a journey toward buying.
const TOUCH_CHANNELS: [(&str, bool, u64); 6] = [
    ("小红书种草", true, 3),
    ("抖音直播", true, 5),
    ("微信社群", true, 7),
    ("美团", true, 4),
    ("门店地推", false, 2),
    ("门店体验", false, 12),
];

/// The touchpoints: columns 客户ID, 时间, 渠道, 类型 (线上 / 线下, 转化 on conversion
/// rows), 转化金额, over March 2026. Each journey has 1-5 touches; the channels push it
/// toward a purchase by different amounts (a store visit most, the last touch most of
/// all), so the models credit them differently.
pub fn touchpoints_csv() -> String {
    let mut rng = Rng(0x5eed_0003_0bad_cafe);
    let start = epoch(date(2026, 3, 1));
    let mut csv = String::with_capacity(JOURNEYS * 120);
    csv.push_str(BOM);
    csv.push_str("客户ID,时间,渠道,类型,转化金额\r\n");
    for j in 0..JOURNEYS {
        let id = format!("M{:05}", j + 1);
        let touches = 1 + rng.below(5);
        let mut t = start + rng.below(25 * 86_400) as i64;
        let (mut push, mut last) = (0, 0);
        for _ in 0..touches {
            let (name, online, weight) = TOUCH_CHANNELS[rng.below(6) as usize];
            push += weight;
            last = weight;
            t += 600 + rng.below(86_400) as i64;
            let kind = if online { "线上" } else { "线下" };
            csv.push_str(&format!("{id},{},{name},{kind},\r\n", time_text(t)));
        }
        // The last touch weighs most, as people buy right after the touch that decides.
        if rng.chance((3 * last + push).min(85)) {
            t += 300 + rng.below(3_600) as i64;
            let yuan = 60 + rng.below(540);
            csv.push_str(&format!("{id},{},,转化,{yuan}.00\r\n", time_text(t)));
        }
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attribution::journeys::read_journeys;
    use crate::domain::customers::orders::read_orders;
    use crate::domain::customers::rfm::{customer_stats, group_sizes, score, LayerCuts};
    use crate::domain::formats::stepped_read::SteppedRead;
    use crate::domain::funnel::event_log::{count_funnel, EventLogReader};

    #[test]
    fn the_event_log_counts_the_demo_funnel_divided_by_four() {
        let steps = event_steps();
        let names: Vec<&str> = steps.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "进店",
                "门店扫码关注",
                "社群入群",
                "线上优惠券核销",
                "到店消费"
            ]
        );
        let want: Vec<u64> = steps.iter().map(|s| s.1).collect();
        assert_eq!(want, [2_500, 750, 450, 135, 81]);

        let csv = events_csv();
        assert_eq!(csv, events_csv(), "the same every time");
        let log = EventLogReader::new(csv.into_bytes()).unwrap().finish();
        assert!(log.errors().is_empty(), "{:?}", log.errors());
        assert_eq!(log.users().len(), 2_500);
        // The steps are the first event names, in order, as the page picks its defaults.
        let first: Vec<&str> = log.event_names().iter().take(5).collect();
        assert_eq!(first, names);
        assert!(log.event_names().len() > 5, "events that are no step");
        assert_eq!(count_funnel(&log, &names, 7 * 86_400, None), want);
        // Per store, the counts add up to the whole.
        let by_store: Vec<Vec<u64>> = STORES
            .iter()
            .map(|s| count_funnel(&log, &names, 7 * 86_400, Some(s)))
            .collect();
        assert!(by_store.iter().all(|c| c[0] > 0 && c[4] > 0));
        assert_eq!(by_store.iter().map(|c| c[0]).sum::<u64>(), 2_500);
        assert!(log.channels().len() >= 5);
    }

    #[test]
    fn the_orders_read_cleanly_and_fill_every_layer_and_segment() {
        let csv = orders_csv();
        assert_eq!(csv, orders_csv());
        let o = read_orders(&csv).unwrap();
        assert_eq!(o.bad_total, 0, "{:?}", o.bad);
        assert_eq!(o.customers.len(), ORDER_CUSTOMERS);
        assert!(o.has_channel);
        let refunds = o.orders.iter().filter(|x| x.is_refund()).count();
        assert!((10..=80).contains(&refunds), "{refunds} refunds");
        assert!(o.orders.len() > 1_000, "{} orders", o.orders.len());
        // The default analysis date is the last order day.
        use chrono::Datelike;
        let as_of = o.orders.iter().map(|x| x.day).max().unwrap();
        assert_eq!(as_of, orders_last_day().num_days_from_ce());
        let stats = customer_stats(&o.orders, o.customers.len(), as_of);
        let scored = score(&stats, as_of);
        let (layers, segments) = group_sizes(&scored, &stats, LayerCuts::default());
        assert!(layers.iter().all(|l| l.customers > 0), "{layers:?}");
        assert!(segments.iter().all(|s| s.customers > 0), "{segments:?}");
        // Phones, shown masked.
        assert_eq!(
            crate::domain::customers::mask::mask_id(&o.customers[0]).len(),
            11
        );
    }

    #[test]
    fn the_portable_log_and_exp_match_the_system_ones() {
        for &x in &[1e-12, 0.001, 0.37, 0.5, 0.999_999, 1.0, 1.5, 2.0, 7.3, 1e6] {
            assert!(
                (ln(x) - x.ln()).abs() < 1e-14 * x.ln().abs().max(1.0),
                "ln {x}"
            );
        }
        for &x in &[-30.0, -1.0, -0.01, 0.0, 0.3, 1.0, 5.5, 40.0] {
            assert!((exp(x) - x.exp()).abs() < 1e-14 * x.exp(), "exp {x}");
        }
    }

    #[test]
    fn gamma_draws_have_the_gamma_mean_and_variance() {
        let mut rng = Rng(42);
        for shape in [0.7, 3.0, 6.0] {
            let n = 20_000;
            let v: Vec<f64> = (0..n).map(|_| rng.gamma(shape)).collect();
            let mean = v.iter().sum::<f64>() / n as f64;
            let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            assert!((mean - shape).abs() < 0.05 * shape, "{shape}: mean {mean}");
            assert!((var - shape).abs() < 0.1 * shape, "{shape}: var {var}");
        }
    }

    #[test]
    fn the_orders_tell_a_story_of_arrivals_repeat_purchases_and_dropout() {
        use crate::domain::customers::cohorts::cohort_table;
        use chrono::Datelike;
        let o = read_orders(&orders_csv()).unwrap();
        let as_of = orders_last_day().num_days_from_ce();
        let first = o.orders.iter().map(|x| x.day).min().unwrap();
        assert!(as_of - first >= 540, "at least 18 months of history");
        let t = cohort_table(&o.orders, o.customers.len(), as_of);
        // A cohort in (nearly) every month, later ones larger than the first ones.
        assert!(t.cohorts.len() >= 22, "{} cohorts", t.cohorts.len());
        let size = |r: std::ops::Range<usize>| -> u64 { t.cohorts[r].iter().map(|c| c.size).sum() };
        let n = t.cohorts.len();
        assert!(size(n - 6..n) > size(0..6));
        // Retention falls away from month 0 yet some come back a year on.
        let old = &t.cohorts[0..6];
        let share = |k: usize| -> f64 {
            let (a, s) = old
                .iter()
                .fold((0, 0), |(a, s), c| (a + c.active[k], s + c.size));
            a as f64 / s as f64
        };
        assert!(
            share(1) < 0.6 && share(12) > 0.0,
            "{} {}",
            share(1),
            share(12)
        );
        // Repeat buyers and one-off buyers both.
        let stats = customer_stats(&o.orders, o.customers.len(), as_of);
        let repeat = stats.iter().filter(|s| s.frequency > 1).count();
        assert!((150..=500).contains(&repeat), "{repeat} repeat customers");
        // Order values around ¥200 (p γ / (q − 1)).
        let buys: Vec<i64> = o
            .orders
            .iter()
            .filter(|x| !x.is_refund())
            .map(|x| x.amount.0)
            .collect();
        let mean = buys.iter().sum::<i64>() / buys.len() as i64;
        assert!((12_000..=32_000).contains(&mean), "mean order {mean} fen");
        assert!(o.orders.len() < 20_000, "quick to generate and read");
    }

    #[test]
    fn the_touchpoints_give_enough_journeys_over_six_channels() {
        let csv = touchpoints_csv();
        let j = read_journeys(&csv).unwrap();
        assert_eq!(j.bad_total, 0, "{:?}", j.bad);
        assert_eq!(j.channels.len(), 6);
        assert!(
            !j.too_few(),
            "{} journeys, {} conversions",
            j.journeys,
            j.conversions
        );
        assert_eq!(j.unattributed, 0);
        let credits = crate::domain::attribution::attribute_all(&j);
        // Every model credits every channel something, the store visit more than a
        // street flyer.
        for c in &credits {
            assert!(c.conversions.iter().all(|&x| x > 0.0));
        }
        let at = |name: &str| j.channels.iter().position(|c| c == name).unwrap();
        let markov = &credits[3].conversions;
        assert!(
            markov[at("门店体验")] > markov[at("门店地推")],
            "{:?} {markov:?}",
            j.channels
        );
    }

    #[test]
    fn examples_are_the_header_and_two_rows_of_each_file() {
        for f in [
            SampleFile::Events,
            SampleFile::Orders,
            SampleFile::Touchpoints,
        ] {
            let csv = f.csv();
            assert!(csv.starts_with(BOM));
            let lines = head(&csv, 2);
            assert_eq!(lines.len(), 3);
            assert!(!lines[0].starts_with(BOM));
            assert!(f.file_name().ends_with(".csv"));
        }
        assert_eq!(
            head(&SampleFile::Orders.csv(), 2)[0],
            "手机号,下单日期,实付金额,渠道,门店"
        );
    }

    #[test]
    fn generating_is_quick() {
        let t = std::time::Instant::now();
        for f in [
            SampleFile::Events,
            SampleFile::Orders,
            SampleFile::Touchpoints,
        ] {
            let _ = f.csv();
        }
        // Generous for a debug build on a busy machine; release is a few ms.
        assert!(t.elapsed().as_millis() < 2_000, "{:?}", t.elapsed());
    }
}
