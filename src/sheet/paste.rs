//! Where a pasted block lands: cell for cell from the cursor, adding rows at the end
//! when needed. Values that cannot land are counted so the user is told, never dropped
//! in silence.

use super::Cursor;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PastePlan {
    /// (row, column, text) to write, in order.
    pub writes: Vec<(usize, usize, String)>,
    /// Rows to append first so that every write has a row.
    pub new_rows: usize,
    /// Values that fell on read-only (derived) columns.
    pub on_read_only: usize,
    /// Values right of the last column.
    pub beyond_last_column: usize,
}

pub fn plan_paste(block: &[Vec<String>], at: Cursor, rows: usize, editable: &[bool]) -> PastePlan {
    let mut plan = PastePlan::default();
    for (i, values) in block.iter().enumerate() {
        let row = at.row + i;
        for (j, value) in values.iter().enumerate() {
            let col = at.col + j;
            match editable.get(col) {
                None => plan.beyond_last_column += 1,
                Some(false) => plan.on_read_only += 1,
                Some(true) => plan.writes.push((row, col, value.clone())),
            }
        }
    }
    let last_row = plan
        .writes
        .iter()
        .map(|&(r, _, _)| r + 1)
        .max()
        .unwrap_or(0);
    plan.new_rows = last_row.saturating_sub(rows);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn lands_cell_for_cell_and_adds_rows() {
        let editable = [true, true, true, false, false];
        let plan = plan_paste(
            &block(&[&["a", "1", "2"], &["b", "3", "4"], &["c", "5", "6"]]),
            Cursor { row: 3, col: 0 },
            4,
            &editable,
        );
        assert_eq!(plan.writes.len(), 9);
        assert_eq!(plan.writes[0], (3, 0, "a".into()));
        assert_eq!(plan.writes[8], (5, 2, "6".into()));
        assert_eq!(plan.new_rows, 2);
        assert_eq!((plan.on_read_only, plan.beyond_last_column), (0, 0));
    }

    #[test]
    fn counts_what_cannot_land() {
        let editable = [true, true, false];
        let plan = plan_paste(
            &block(&[&["1", "2", "3", "4"]]),
            Cursor { row: 0, col: 1 },
            1,
            &editable,
        );
        assert_eq!(plan.writes, vec![(0, 1, "1".into())]);
        assert_eq!(plan.on_read_only, 1);
        assert_eq!(plan.beyond_last_column, 2);
        assert_eq!(plan.new_rows, 0);
    }
}
