//! Texts typed, pasted or imported into a choice cell that match none of its options.
//!
//! A choice cell usually stores a key (a status, a comparator, a linked figure), which
//! cannot hold arbitrary text. Rather than drop such a text, the plan keeps it here,
//! verbatim, by table, row and column; the cell shows it flagged until the merchant picks
//! a real option (which removes it). A choice stored as a name (a task's phase) keeps the
//! text in the row itself and never needs this.

use crate::domain::values::ids::RowId;
use serde::{Deserialize, Serialize};

/// One cell's text that is not one of its options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceText {
    /// The table's key ("tasks").
    pub table: String,
    pub row: RowId,
    /// The column's stable name ("ColStatus").
    pub column: String,
    /// Exactly as typed.
    pub text: String,
}

/// Every such text of the plan. Empty in almost every plan, and then left out of the
/// saved document, so older plans load and save unchanged.
///
/// Kept sorted by (row, table, column), so a cell finds its text by binary search: a
/// table of thousands of rows, each with a kept text, is read cell by cell. A document
/// listing them in another order is read in this order (the order carries no meaning).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct ChoiceTexts(Vec<ChoiceText>);

impl<'de> Deserialize<'de> for ChoiceTexts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut texts = Vec::<ChoiceText>::deserialize(d)?;
        texts.sort_by(|a, b| key(a).cmp(&key(b)));
        // Two texts for one cell (a hand-edited file): the last listed wins, as `set`
        // would have kept it.
        texts.reverse();
        texts.dedup_by(|later, earlier| key(later) == key(earlier));
        texts.reverse();
        Ok(ChoiceTexts(texts))
    }
}

fn key(t: &ChoiceText) -> (RowId, &str, &str) {
    (t.row, &t.table, &t.column)
}

impl ChoiceTexts {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where the cell's text is (or would go): by row first, a number to compare, then
    /// among that row's few texts. Every choice cell of a pasted block asks.
    fn find(&self, table: &str, row: RowId, column: &str) -> Result<usize, usize> {
        let mut at = self.0.partition_point(|t| t.row < row);
        while let Some(t) = self.0.get(at).filter(|t| t.row == row) {
            match (t.table.as_str(), t.column.as_str()).cmp(&(table, column)) {
                std::cmp::Ordering::Less => at += 1,
                std::cmp::Ordering::Equal => return Ok(at),
                std::cmp::Ordering::Greater => break,
            }
        }
        Err(at)
    }

    pub fn get(&self, table: &str, row: RowId, column: &str) -> Option<&str> {
        let at = self.find(table, row, column).ok()?;
        Some(self.0[at].text.as_str())
    }

    /// Keeps `text` for the cell, replacing an earlier one.
    pub fn set(&mut self, table: &str, row: RowId, column: &str, text: &str) {
        match self.find(table, row, column) {
            Ok(at) => self.0[at].text = text.to_string(),
            Err(at) => self.0.insert(
                at,
                ChoiceText {
                    table: table.into(),
                    row,
                    column: column.into(),
                    text: text.into(),
                },
            ),
        }
    }

    /// The cell holds one of its options again.
    pub fn remove(&mut self, table: &str, row: RowId, column: &str) {
        if let Ok(at) = self.find(table, row, column) {
            self.0.remove(at);
        }
    }

    /// A row was deleted: its texts go with it.
    pub fn remove_row(&mut self, table: &str, row: RowId) {
        self.0.retain(|t| !(t.row == row && t.table == table));
    }

    /// A row was duplicated: the copy keeps the same texts.
    pub fn copy_row(&mut self, table: &str, from: RowId, to: RowId) {
        let copies: Vec<ChoiceText> = self
            .0
            .iter()
            .filter(|t| t.row == from && t.table == table)
            .map(|t| ChoiceText {
                row: to,
                ..t.clone()
            })
            .collect();
        for c in copies {
            self.set(&c.table, c.row, &c.column, &c.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_replaces_and_removes_texts_per_cell() {
        let mut texts = ChoiceTexts::default();
        texts.set("tasks", RowId(3), "ColStatus", " 推广中 ");
        texts.set("tasks", RowId(3), "ColComparator", "约等于");
        texts.set("risks", RowId(3), "ColStatus", "处理完了");
        assert_eq!(texts.get("tasks", RowId(3), "ColStatus"), Some(" 推广中 "));
        texts.set("tasks", RowId(3), "ColStatus", "暂停");
        assert_eq!(texts.get("tasks", RowId(3), "ColStatus"), Some("暂停"));
        assert_eq!(texts.get("risks", RowId(3), "ColStatus"), Some("处理完了"));
        texts.copy_row("tasks", RowId(3), RowId(9));
        assert_eq!(
            texts.get("tasks", RowId(9), "ColComparator"),
            Some("约等于")
        );
        texts.remove("tasks", RowId(3), "ColStatus");
        assert_eq!(texts.get("tasks", RowId(3), "ColStatus"), None);
        texts.remove_row("tasks", RowId(3));
        assert_eq!(texts.get("tasks", RowId(3), "ColComparator"), None);
        assert_eq!(texts.get("risks", RowId(3), "ColStatus"), Some("处理完了"));
    }

    #[test]
    fn saved_as_a_plain_list_and_read_back() {
        let mut texts = ChoiceTexts::default();
        texts.set("tasks", RowId(1), "ColStatus", "推广中");
        let json = serde_json::to_string(&texts).unwrap();
        assert_eq!(
            json,
            r#"[{"table":"tasks","row":1,"column":"ColStatus","text":"推广中"}]"#
        );
        assert_eq!(serde_json::from_str::<ChoiceTexts>(&json).unwrap(), texts);
    }

    #[test]
    fn a_document_in_any_order_reads_every_text() {
        let json = r#"[
            {"table":"tasks","row":9,"column":"ColStatus","text":"暂停"},
            {"table":"risks","row":2,"column":"ColStatus","text":"处理完了"},
            {"table":"tasks","row":2,"column":"ColUnit","text":"件"},
            {"table":"tasks","row":9,"column":"ColStatus","text":"推广中"}
        ]"#;
        let texts: ChoiceTexts = serde_json::from_str(json).unwrap();
        assert_eq!(texts.get("tasks", RowId(9), "ColStatus"), Some("推广中"));
        assert_eq!(texts.get("risks", RowId(2), "ColStatus"), Some("处理完了"));
        assert_eq!(texts.get("tasks", RowId(2), "ColUnit"), Some("件"));
        assert_eq!(texts.get("tasks", RowId(2), "ColStatus"), None);
        let mut many = ChoiceTexts::default();
        for i in (0..500).rev() {
            many.set("tasks", RowId(i), "ColStatus", &format!("状态{i}"));
        }
        assert!(
            (0..500)
                .all(|i| many.get("tasks", RowId(i), "ColStatus")
                    == Some(format!("状态{i}").as_str()))
        );
    }

    #[test]
    fn any_order_of_edits_agrees_with_a_map_and_stays_sorted() {
        use std::collections::BTreeMap;
        let (tables, columns) = (["risks", "tasks", "goals"], ["ColStatus", "ColA", "ColZ"]);
        let mut texts = ChoiceTexts::default();
        let mut model = BTreeMap::new();
        // A scrambled walk over 50 rows × 3 tables × 3 columns, every third step a removal.
        for step in 0..2_000_u64 {
            let k = step.wrapping_mul(7_919) % 450;
            let (row, table, column) = (
                RowId(k / 9),
                tables[(k % 9 / 3) as usize],
                columns[(k % 3) as usize],
            );
            if step % 3 == 2 {
                texts.remove(table, row, column);
                model.remove(&(row, table, column));
            } else {
                texts.set(table, row, column, &step.to_string());
                model.insert((row, table, column), step.to_string());
            }
        }
        let listed: Vec<_> = texts.0.iter().map(|t| (key(t), t.text.clone())).collect();
        let expected: Vec<_> = model.into_iter().collect();
        assert_eq!(listed, expected);
    }
}
