//! Service feedback (spec §6.4): scores 1-5 per dimension with the customer's words, the
//! improvement, who owns it and by when; averages per dimension and late items.

use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::RowId;
use crate::domain::values::ratio::Ratio;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackItem {
    pub id: RowId,
    pub dimension: String,
    pub score: Entry<u64>,
    pub words: String,
    pub improvement: String,
    pub department: String,
    /// Empty for "nothing to do" (the source's "-").
    pub deadline: Entry<NaiveDate>,
    /// Once done, an item is no longer late.
    pub done: bool,
}

impl FeedbackItem {
    pub fn new(id: RowId) -> FeedbackItem {
        FeedbackItem {
            id,
            dimension: String::new(),
            score: Entry::Empty,
            words: String::new(),
            improvement: String::new(),
            department: String::new(),
            deadline: Entry::Empty,
            done: false,
        }
    }

    /// A score is 1 to 5.
    pub fn score_error(&self) -> Option<InputError> {
        self.score.error().or_else(|| {
            self.score
                .value()
                .filter(|s| !(1..=5).contains(*s))
                .map(|_| InputError::ScoreOneToFive)
        })
    }

    fn valid_score(&self) -> Option<u64> {
        self.score.value().copied().filter(|s| (1..=5).contains(s))
    }

    /// Not done and its deadline is before today.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        !self.done && self.deadline.value().is_some_and(|d| *d < today)
    }
}

/// A dimension's average score (as an exact ratio of points to answers) and count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionScore {
    pub dimension: String,
    pub answers: u64,
    /// Sum of scores ÷ answers: a ratio whose value is the average (e.g. 7 / 2 = 3.5).
    pub average: Option<Ratio>,
}

/// Average score per dimension, in first-seen order; invalid scores are left out.
pub fn dimension_scores(items: &[impl std::borrow::Borrow<FeedbackItem>]) -> Vec<DimensionScore> {
    let mut out: Vec<(String, u64, u64)> = Vec::new();
    for item in items.iter().map(|i| i.borrow()) {
        let Some(score) = item.valid_score() else {
            continue;
        };
        let name = item.dimension.trim();
        match out.iter_mut().find(|(d, _, _)| d == name) {
            Some((_, n, sum)) => {
                *n += 1;
                *sum += score;
            }
            None => out.push((name.to_string(), 1, score)),
        }
    }
    out.into_iter()
        .map(|(dimension, answers, sum)| DimensionScore {
            dimension,
            answers,
            average: Ratio::new(sum, answers),
        })
        .collect()
}

/// An average in tenths, rounded half up: 3.5 → 35.
pub fn average_tenths(average: Ratio) -> u64 {
    (average.num() * 10 + average.den() / 2) / average.den()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn spec_rows_averages_and_late_items() {
        let plan = demo_plan();
        let scores = dimension_scores(&plan.feedback);
        let avg: Vec<(&str, u64)> = scores
            .iter()
            .map(|s| (s.dimension.as_str(), average_tenths(s.average.unwrap())))
            .collect();
        assert_eq!(avg, [("服务效率", 30), ("专业度", 40), ("环境体验", 50)]);
        let late: Vec<bool> = plan
            .feedback
            .iter()
            .map(|f| f.is_late(ymd(2026, 11, 23)))
            .collect();
        // 专业度 was due Oct 31; 服务效率 is due Nov 30; 环境体验 has no deadline.
        assert_eq!(late, [false, true, false]);
    }

    #[test]
    fn averages_over_several_answers_and_bad_scores() {
        let item = |id, dim: &str, score: &str| FeedbackItem {
            dimension: dim.into(),
            score: Entry::from_text(score),
            ..FeedbackItem::new(RowId(id))
        };
        let items = [
            item(1, "效率", "3"),
            item(2, "效率 ", "4"),
            item(3, "效率", "6"),
            item(4, "效率", "好"),
        ];
        let s = dimension_scores(&items);
        assert_eq!(
            (s.len(), s[0].answers, average_tenths(s[0].average.unwrap())),
            (1, 2, 35)
        );
        assert_eq!(items[2].score_error(), Some(InputError::ScoreOneToFive));
        assert_eq!(items[3].score_error(), Some(InputError::NotANumber));
        let mut done = item(5, "x", "2");
        done.deadline = Entry::Value(ymd(2026, 1, 1));
        assert!(done.is_late(ymd(2026, 1, 2)) && !done.is_late(ymd(2026, 1, 1)));
        done.done = true;
        assert!(!done.is_late(ymd(2026, 1, 2)));
    }
}
