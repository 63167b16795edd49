//! Measurable deliverables (spec §2 交付成果): a metric, a comparator, a threshold and a
//! unit, judged against the actual value once it is known.
//!
//! Plans written before deliverables were structured hold free text such as
//! "社群用户数≥2000"; [`Deliverable::parse_text`] reads it. Parse rules:
//! - With a comparator (≥ >= ≧ 不低于 不少于 达到 / ≤ <= ≦ 不高于 不超过 / = == ＝): the text
//!   before it is the metric, the number after it the threshold, the rest the unit.
//! - Without one, a trailing number and short unit ("物料到店率100%", "整体ROI提升15%") is
//!   read as "at least": reaching 100% of stores, improving ROI by 15% or more.
//! - "万" and "亿" after the number multiply it (10万 → 100000) and are not part of the unit.
//! - Anything else keeps its whole text as the metric with no threshold: nothing is lost.

use crate::domain::plan::Plan;
use crate::domain::scenario::goals::FigureRef;
use crate::domain::values::entry::{normalize_number, parse_hundredths, Entry};
use crate::domain::values::measure::{Measure, Unit};
use serde::{Deserialize, Serialize};

/// Longest unit kept after a threshold ("%", "人", "元", "次/月"); a longer tail means the
/// number was part of a sentence, not a target.
const MAX_UNIT_CHARS: usize = 4;

/// How the actual value is judged against the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// ≥
    #[default]
    AtLeast,
    /// ≤
    AtMost,
    /// = (exactly, to the hundredth)
    Equal,
}

/// Words and symbols that name a comparator in text; at one position the first match
/// wins, so ">=" is listed before "=" would be reached.
const COMPARATOR_TOKENS: [(&str, Comparator); 16] = [
    ("≥", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    ("≧", Comparator::AtLeast),
    ("＞＝", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    ("<=", Comparator::AtMost),
    ("≦", Comparator::AtMost),
    ("＜＝", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("==", Comparator::Equal),
    ("=", Comparator::Equal),
    ("＝", Comparator::Equal),
];

impl Comparator {
    /// Every comparator, in the order a picker lists them.
    pub const ALL: [Comparator; 3] = [Comparator::AtLeast, Comparator::AtMost, Comparator::Equal];

    /// Stable key for choice cells (same as the JSON form).
    pub fn key(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::AtMost => "at_most",
            Comparator::Equal => "equal",
        }
    }

    /// The comparator with this key.
    pub fn from_key(key: &str) -> Option<Comparator> {
        Comparator::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The symbol shown in tables: ≥ ≤ =.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::Equal => "=",
        }
    }

    /// A typed symbol or word: "≥", ">=", "≤", "<=", "=", "不低于"…
    pub fn parse_symbol(text: &str) -> Option<Comparator> {
        let text = text.trim();
        COMPARATOR_TOKENS
            .iter()
            .find(|(token, _)| *token == text)
            .map(|(_, c)| *c)
    }

    /// Whether `actual` satisfies `actual <comparator> threshold`.
    pub fn holds(self, actual: Measure, threshold: Measure) -> bool {
        match self {
            Comparator::AtLeast => actual >= threshold,
            Comparator::AtMost => actual <= threshold,
            Comparator::Equal => actual == threshold,
        }
    }
}

/// A deliverable judged: met, not met, or not yet known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Met,
    NotMet,
    /// The actual value or the threshold is missing or invalid.
    Pending,
}

/// A measurable deliverable. Threshold and actual are exact decimals in hundredths of
/// the unit ([`Measure`]), kept as typed when invalid.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Deliverable {
    pub metric: String,
    pub comparator: Comparator,
    pub threshold: Entry<Measure>,
    /// Free text shown after numbers: "%", "人", "元"; may be empty.
    pub unit: String,
    pub actual: Entry<Measure>,
    /// A KPI or funnel figure of the plan that supplies the actual value live; the typed
    /// `actual` is kept, unused, while a source is set.
    #[serde(default)]
    pub source: Option<FigureRef>,
}

impl Deliverable {
    /// The unit of its numbers when the app shows that unit itself ("%" → 30%, "元" →
    /// ¥75.00, "天" → 3天); other units ("人", "次/月") stay in their own column.
    pub fn known_unit(&self) -> Option<Unit> {
        match self.unit.trim() {
            "%" | "％" => Some(Unit::Percent),
            "元" | "¥" | "￥" => Some(Unit::Money),
            "天" | "days" => Some(Unit::Days),
            _ => None,
        }
    }

    /// Met / not met once both typed numbers are valid, else pending.
    pub fn outcome(&self) -> Outcome {
        self.judge(self.actual.value().copied())
    }

    /// The actual value in `plan`: the linked figure's current value when a source is
    /// set (missing while that figure is), else the value typed.
    pub fn actual_in(&self, plan: &Plan) -> Option<Measure> {
        match self.source {
            Some(figure) => figure.current(plan).map(|(value, _, _)| value),
            None => self.actual.value().copied(),
        }
    }

    /// The outcome with the actual value read from `plan` (see [`Deliverable::actual_in`]).
    pub fn outcome_in(&self, plan: &Plan) -> Outcome {
        self.judge(self.actual_in(plan))
    }

    fn judge(&self, actual: Option<Measure>) -> Outcome {
        match (actual, self.threshold.value()) {
            (Some(actual), Some(&threshold)) if self.comparator.holds(actual, threshold) => {
                Outcome::Met
            }
            (Some(_), Some(_)) => Outcome::NotMet,
            _ => Outcome::Pending,
        }
    }

    /// Reads a deliverable written as free text (see the module docs for the rules).
    /// Never fails: unreadable text becomes the metric, with no threshold.
    pub fn parse_text(text: &str) -> Deliverable {
        let text = text.trim();
        structured(text).unwrap_or_else(|| Deliverable {
            metric: text.to_string(),
            ..Deliverable::default()
        })
    }

    /// The deliverable as one line, "社群用户数≥2000", "活动GMV≥100000"; just the metric
    /// while there is no threshold. `parse_text` reads it back to the same deliverable.
    pub fn text(&self) -> String {
        if self.threshold == Entry::Empty {
            return self.metric.clone();
        }
        format!(
            "{}{}{}{}",
            self.metric,
            self.comparator.symbol(),
            self.threshold.text(),
            self.unit
        )
    }
}

fn structured(text: &str) -> Option<Deliverable> {
    let (metric, comparator, rest) = match find_comparator(text) {
        Some((at, token, comparator)) => (&text[..at], comparator, &text[at + token.len()..]),
        None => {
            // A lone > or < cannot be represented; keep such text whole.
            if text.contains(['>', '<', '＞', '＜']) {
                return None;
            }
            let start = trailing_number_start(text)?;
            let metric = &text[..start];
            if metric.trim().is_empty() {
                return None;
            }
            (metric, Comparator::AtLeast, &text[start..])
        }
    };
    let (threshold, unit) = amount(rest)?;
    Some(Deliverable {
        metric: metric.trim().to_string(),
        comparator,
        threshold: Entry::Value(threshold),
        unit,
        actual: Entry::Empty,
        source: None,
    })
}

/// Byte position, token and comparator of the first comparator in `text`.
fn find_comparator(text: &str) -> Option<(usize, &'static str, Comparator)> {
    text.char_indices().find_map(|(at, _)| {
        COMPARATOR_TOKENS
            .iter()
            .find(|(token, _)| text[at..].starts_with(token))
            .map(|&(token, c)| (at, token, c))
    })
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_number_char(c: char) -> bool {
    is_digit(c) || matches!(c, '.' | '．' | ',')
}

/// Where the last number of `text` starts, when only a short unit follows it.
fn trailing_number_start(text: &str) -> Option<usize> {
    let (last_digit, c) = text.char_indices().rev().find(|(_, c)| is_digit(*c))?;
    let tail = &text[last_digit + c.len_utf8()..];
    if tail.trim().chars().count() > MAX_UNIT_CHARS + 1 {
        return None;
    }
    let start = text[..last_digit]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_number_char(*c))
        .last()
        .map_or(last_digit, |(i, _)| i);
    Some(start)
}

/// "2000", "10万", "90%", "1,500 元" → the value and the unit.
fn amount(text: &str) -> Option<(Measure, String)> {
    let text = text.trim();
    let signed = text.starts_with(['-', '+', '－', '＋']);
    let body = if signed {
        &text[text.chars().next()?.len_utf8()..]
    } else {
        text
    };
    let end = body
        .char_indices()
        .find(|(_, c)| !is_number_char(*c))
        .map_or(body.len(), |(i, _)| i);
    let (number, rest) = body.split_at(end);
    if !number.chars().any(is_digit) {
        return None;
    }
    let rest = rest.trim_start();
    let (exponent, rest) = match rest.chars().next() {
        Some('万') => (4, &rest['万'.len_utf8()..]),
        Some('亿') => (8, &rest['亿'.len_utf8()..]),
        _ => (0, rest),
    };
    let unit = rest.trim();
    if unit.chars().count() > MAX_UNIT_CHARS || unit.chars().any(is_digit) {
        return None;
    }
    let number = normalize_number(&text[..text.len() - body.len() + end]);
    let value = parse_hundredths(&shift_decimal(&number, exponent)).ok()?;
    Some((Measure(value), unit.to_string()))
}

/// Multiplies a decimal text by 10^`exponent` by moving its point: "1.25", 4 → "12500".
fn shift_decimal(number: &str, exponent: usize) -> String {
    if exponent == 0 {
        return number.to_string();
    }
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    let frac = format!("{frac:0<exponent$}");
    let (moved, rest) = frac.split_at(exponent);
    if rest.is_empty() {
        format!("{whole}{moved}")
    } else {
        format!("{whole}{moved}.{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (String, Comparator, Option<i64>, String) {
        let d = Deliverable::parse_text(text);
        assert_eq!(d.actual, Entry::Empty);
        assert_eq!(d.source, None);
        (
            d.metric,
            d.comparator,
            d.threshold.value().map(|m| m.0),
            d.unit,
        )
    }

    fn row(
        metric: &str,
        c: Comparator,
        hundredths: i64,
        unit: &str,
    ) -> (String, Comparator, Option<i64>, String) {
        (metric.to_string(), c, Some(hundredths), unit.to_string())
    }

    /// The five deliverables of spec §2.
    #[test]
    fn known_units_are_the_ones_the_app_formats() {
        let with = |unit: &str| Deliverable {
            unit: unit.into(),
            ..Deliverable::parse_text("")
        };
        assert_eq!(with("%").known_unit(), Some(Unit::Percent));
        assert_eq!(with(" ％ ").known_unit(), Some(Unit::Percent));
        assert_eq!(with("元").known_unit(), Some(Unit::Money));
        assert_eq!(with("天").known_unit(), Some(Unit::Days));
        assert_eq!(with("人").known_unit(), None);
        assert_eq!(with("").known_unit(), None);
    }

    #[test]
    fn spec_deliverables() {
        use Comparator::*;
        assert_eq!(
            parsed("社群用户数≥2000"),
            row("社群用户数", AtLeast, 200_000, "")
        );
        assert_eq!(
            parsed("物料到店率100%"),
            row("物料到店率", AtLeast, 10_000, "%")
        );
        assert_eq!(
            parsed("活动GMV≥10万"),
            row("活动GMV", AtLeast, 10_000_000, "")
        );
        assert_eq!(
            parsed("标签准确率≥90%"),
            row("标签准确率", AtLeast, 9_000, "%")
        );
        assert_eq!(
            parsed("整体ROI提升15%"),
            row("整体ROI提升", AtLeast, 1_500, "%")
        );
    }

    #[test]
    fn comparators_in_their_written_forms() {
        use Comparator::*;
        for (text, c) in [
            ("客诉率≤2%", AtMost),
            ("客诉率<=2%", AtMost),
            ("客诉率 ≦ 2 %", AtMost),
            ("客诉率不超过2%", AtMost),
            ("客诉率>=2%", AtLeast),
            ("客诉率＞＝2%", AtLeast),
            ("客诉率不低于2%", AtLeast),
            ("客诉率达到2%", AtLeast),
            ("客诉率=2%", Equal),
            ("客诉率＝2%", Equal),
            ("客诉率==2%", Equal),
        ] {
            assert_eq!(parsed(text), row("客诉率", c, 200, "%"), "{text}");
        }
        for c in Comparator::ALL {
            assert_eq!(Comparator::parse_symbol(c.symbol()), Some(c));
            assert_eq!(Comparator::from_key(c.key()), Some(c));
        }
        assert_eq!(Comparator::parse_symbol(" >= "), Some(AtLeast));
        assert_eq!(Comparator::parse_symbol("<="), Some(AtMost));
        assert_eq!(Comparator::parse_symbol(">"), None);
    }

    #[test]
    fn numbers_multipliers_and_units() {
        use Comparator::*;
        assert_eq!(parsed("GMV≥1.5万元"), row("GMV", AtLeast, 1_500_000, "元"));
        assert_eq!(parsed("GMV≥1.2345万"), row("GMV", AtLeast, 1_234_500, ""));
        assert_eq!(parsed("GMV≥2亿"), row("GMV", AtLeast, 20_000_000_000, ""));
        assert_eq!(
            parsed("到店人数 ≥ 1,500 人"),
            row("到店人数", AtLeast, 150_000, "人")
        );
        assert_eq!(
            parsed("到店人数≥１５００"),
            row("到店人数", AtLeast, 150_000, "")
        );
        assert_eq!(parsed("退货率≤-0.5%"), row("退货率", AtMost, -50, "%"));
        assert_eq!(
            parsed("复购间隔≤30天"),
            row("复购间隔", AtMost, 3_000, "天")
        );
        assert_eq!(parsed("≥2000"), row("", AtLeast, 200_000, ""));
    }

    #[test]
    fn unreadable_text_is_kept_whole() {
        for text in [
            "完成5个核心门店社群搭建",
            "3场直播+2期社群秒杀",
            "社群用户数>2000",
            "GMV≥很多",
            "GMV≥1.234",
            "准确率≥90%以上且持续三个月",
            "100%",
            "上线新版小程序",
            "",
        ] {
            let d = Deliverable::parse_text(text);
            assert_eq!(d.metric, text, "{text}");
            assert_eq!(d.threshold, Entry::Empty, "{text}");
            assert_eq!(d.unit, "", "{text}");
            assert_eq!(d.outcome(), Outcome::Pending);
            assert_eq!(d.text(), text);
        }
    }

    #[test]
    fn text_reads_back_to_the_same_deliverable() {
        for text in [
            "社群用户数≥2000",
            "物料到店率100%",
            "活动GMV≥10万",
            "标签准确率≥90%",
            "整体ROI提升15%",
            "客诉率≤2.5%",
            "库存=0件",
        ] {
            let d = Deliverable::parse_text(text);
            assert_eq!(Deliverable::parse_text(&d.text()), d, "{text}");
        }
        assert_eq!(
            Deliverable::parse_text("活动GMV≥10万").text(),
            "活动GMV≥100000"
        );
        assert_eq!(
            Deliverable::parse_text("物料到店率100%").text(),
            "物料到店率≥100%"
        );
    }

    #[test]
    fn outcome_follows_the_comparator() {
        let mut d = Deliverable::parse_text("标签准确率≥90%");
        assert_eq!(d.outcome(), Outcome::Pending);
        d.actual = Entry::from_text("90%");
        assert_eq!(d.outcome(), Outcome::Met);
        d.actual = Entry::from_text("89.99");
        assert_eq!(d.outcome(), Outcome::NotMet);
        d.comparator = Comparator::AtMost;
        assert_eq!(d.outcome(), Outcome::Met);
        d.comparator = Comparator::Equal;
        assert_eq!(d.outcome(), Outcome::NotMet);
        d.actual = Entry::from_text("90.00");
        assert_eq!(d.outcome(), Outcome::Met);
        d.actual = Entry::from_text("九十");
        assert_eq!(d.outcome(), Outcome::Pending);
        d.actual = Entry::from_text("90");
        d.threshold = Entry::Empty;
        assert_eq!(d.outcome(), Outcome::Pending);
        d.threshold = Entry::from_text("abc");
        assert_eq!(d.outcome(), Outcome::Pending);
    }

    #[test]
    fn json_form() {
        let mut d = Deliverable::parse_text("活动GMV≥10万");
        d.actual = Entry::Invalid("12万".into());
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"metric":"活动GMV","comparator":"at_least","threshold":10000000,"unit":"","actual":{"invalid":"12万"},"source":null}"#
        );
        assert_eq!(serde_json::from_str::<Deliverable>(&json).unwrap(), d);
        // Older files without `source` still load.
        let old =
            r#"{"metric":"GMV","comparator":"at_most","threshold":null,"unit":"元","actual":5}"#;
        let d: Deliverable = serde_json::from_str(old).unwrap();
        assert_eq!(
            (d.comparator, d.source, d.actual),
            (Comparator::AtMost, None, Entry::Value(Measure(5)))
        );
    }
}
