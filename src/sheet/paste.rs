//! Where a pasted block lands: cell for cell from the cursor, adding rows at the end
//! when needed. Values that cannot land are counted so the user is told, never dropped
//! in silence.

use super::{Cursor, Range};

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

impl PastePlan {
    /// The rows and columns the writes cover; `None` when nothing lands.
    pub fn area(&self) -> Option<Range> {
        let (first, rest) = self.writes.split_first()?;
        let at = |&(row, col, _): &(usize, usize, String)| Cursor { row, col };
        Some(
            rest.iter()
                .fold(Range::between(at(first), at(first)), |r, w| {
                    let c = at(w);
                    Range {
                        rows: (r.rows.0.min(c.row), r.rows.1.max(c.row)),
                        cols: (r.cols.0.min(c.col), r.cols.1.max(c.col)),
                    }
                }),
        )
    }

    /// What the paste left as it was in rows it gave new names: the editable columns
    /// outside the pasted ones, and those rows (the ones that existed before, `rows`).
    /// Only when the block covers the first column (the row's name): records pasted over
    /// records, whose old values beside the new ones would read as one row. A block of
    /// figures pasted into named rows updates them, and the rest of each row is theirs.
    /// Rows the paste added have no earlier values. `None` when nothing was kept.
    pub fn kept(&self, rows: usize, editable: &[bool]) -> Option<(Vec<usize>, (usize, usize))> {
        let area = self.area()?;
        if area.rows.0 >= rows || area.cols.0 != 0 {
            return None;
        }
        let cols: Vec<usize> = (0..editable.len())
            .filter(|&c| editable[c] && !(area.cols.0..=area.cols.1).contains(&c))
            .collect();
        (!cols.is_empty()).then_some((cols, (area.rows.0, area.rows.1.min(rows - 1))))
    }
}

/// The block's values move into the plan's writes (a block of 10,000 rows is not copied).
pub fn plan_paste(
    block: Vec<Vec<String>>,
    at: Cursor,
    rows: usize,
    editable: &[bool],
) -> PastePlan {
    let mut plan = PastePlan {
        writes: Vec::with_capacity(block.iter().map(Vec::len).sum()),
        ..PastePlan::default()
    };
    for (i, values) in block.into_iter().enumerate() {
        let row = at.row + i;
        for (j, value) in values.into_iter().enumerate() {
            let col = at.col + j;
            match editable.get(col) {
                None => plan.beyond_last_column += 1,
                Some(false) => plan.on_read_only += 1,
                Some(true) => plan.writes.push((row, col, value)),
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
            block(&[&["a", "1", "2"], &["b", "3", "4"], &["c", "5", "6"]]),
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
    fn names_the_area_and_what_kept_its_values() {
        // A table like the tasks: label, phase, action, owner, rule, next due (computed),
        // status, overdue (computed), metric. Five columns pasted over 5 rows, 20 rows long.
        let editable = [true, true, true, true, true, false, true, false, true];
        let rows: Vec<Vec<String>> = (0..20)
            .map(|i| (0..5).map(|j| format!("{i}-{j}")).collect())
            .collect();
        let plan = plan_paste(rows.clone(), Cursor { row: 0, col: 0 }, 5, &editable);
        assert_eq!(plan.new_rows, 15);
        assert_eq!(
            plan.area(),
            Some(Range {
                rows: (0, 19),
                cols: (0, 4)
            })
        );
        assert_eq!(plan.kept(5, &editable), Some((vec![6, 8], (0, 4))));
        // Pasted below the existing rows: nothing had values before.
        let below = plan_paste(rows.clone(), Cursor { row: 5, col: 0 }, 5, &editable);
        assert_eq!(below.kept(5, &editable), None);
        // Every editable column covered: nothing kept.
        let wide = plan_paste(block(&[&["a"; 9]]), Cursor { row: 1, col: 0 }, 5, &editable);
        assert_eq!(wide.kept(5, &editable), None);
        // Names and phases pasted over rows 3-6 of 5: the rows written over that existed.
        let row: &[&str] = &["x", "p"];
        let names = plan_paste(block(&[row; 4]), Cursor { row: 2, col: 0 }, 5, &editable);
        assert_eq!(
            names.kept(5, &editable),
            Some((vec![2, 3, 4, 6, 8], (2, 4)))
        );
        // Figures pasted into named rows: those rows are still theirs, nothing to report.
        let middle = plan_paste(
            block(&[&["x"], &["y"]]),
            Cursor { row: 2, col: 2 },
            5,
            &editable,
        );
        assert_eq!(middle.kept(5, &editable), None);
        assert_eq!(PastePlan::default().area(), None);
    }

    #[test]
    fn counts_what_cannot_land() {
        let editable = [true, true, false];
        let plan = plan_paste(
            block(&[&["1", "2", "3", "4"]]),
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
