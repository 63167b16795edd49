//! Which column of an imported file goes to which column of a table: matched by header
//! name in either language (so a file exported in English imports into the Chinese UI).

/// How the file's columns map onto the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    /// For each file column, the table column it fills.
    pub targets: Vec<Option<usize>>,
    /// Whether the file's first row is a header (false: no header matched, so columns
    /// are taken in the table's order and the first row is data).
    pub has_header: bool,
    /// File headers that match no column.
    pub unknown: Vec<String>,
    /// File headers of computed columns: recomputed, not imported.
    pub derived: Vec<String>,
}

/// `names[c]` are the accepted header texts of table column `c`; `editable[c]` whether it
/// takes input. Headers compare trimmed and case-insensitively; a column is filled once.
pub fn map_headers(first_row: &[String], names: &[Vec<&str>], editable: &[bool]) -> HeaderMap {
    let norm = |s: &str| s.trim().to_lowercase();
    let find = |header: &str| {
        let h = norm(header);
        names
            .iter()
            .position(|alts| alts.iter().any(|n| norm(n) == h))
    };
    let matched = first_row.iter().filter(|h| find(h).is_some()).count();
    if matched == 0 {
        // No header: take the columns in order, skipping computed ones as a paste does.
        let inputs: Vec<usize> = (0..names.len()).filter(|&c| editable[c]).collect();
        return HeaderMap {
            targets: (0..first_row.len())
                .map(|i| inputs.get(i).copied())
                .collect(),
            has_header: false,
            unknown: Vec::new(),
            derived: Vec::new(),
        };
    }
    let mut used = vec![false; names.len()];
    let mut map = HeaderMap {
        targets: Vec::with_capacity(first_row.len()),
        has_header: true,
        unknown: Vec::new(),
        derived: Vec::new(),
    };
    for header in first_row {
        let target = match find(header) {
            Some(c) if !editable[c] => {
                map.derived.push(header.trim().to_string());
                None
            }
            Some(c) if !used[c] => {
                used[c] = true;
                Some(c)
            }
            _ => {
                if !header.trim().is_empty() {
                    map.unknown.push(header.trim().to_string());
                }
                None
            }
        };
        map.targets.push(target);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<Vec<&'static str>> {
        vec![
            vec!["环节", "Stage"],
            vec!["触达人数", "Reached"],
            vec!["转化率", "Rate"],
            vec!["转化人数", "Converted"],
        ]
    }
    const EDITABLE: [bool; 4] = [true, true, false, true];

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_in_either_language_any_order() {
        let m = map_headers(
            &row(&["converted ", "环节", "备注", "转化率"]),
            &names(),
            &EDITABLE,
        );
        assert_eq!(m.targets, [Some(3), Some(0), None, None]);
        assert!(m.has_header);
        assert_eq!(
            (m.unknown, m.derived),
            (vec!["备注".to_string()], vec!["转化率".to_string()])
        );
    }

    #[test]
    fn no_header_means_table_order_skipping_computed_columns() {
        let m = map_headers(&row(&["社群入群", "3000", "1800"]), &names(), &EDITABLE);
        assert!(!m.has_header);
        assert_eq!(m.targets, [Some(0), Some(1), Some(3)]);
        // A repeated header fills its column once.
        let m = map_headers(&row(&["环节", "Stage"]), &names(), &EDITABLE);
        assert_eq!(
            (m.targets, m.unknown),
            (vec![Some(0), None], vec!["Stage".to_string()])
        );
    }
}
