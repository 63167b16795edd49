//! Which key does what in a table, as in a spreadsheet.
//!
//! A focused cell is in one of three modes. *Select*: arrows, Tab and Enter move, typing
//! replaces the content. *Typing* (began by typing in Select): arrows, Tab and Enter
//! finish and move. *Edit* (Enter, F2, a click or a tap): arrows move the caret within
//! the text; Enter and Tab finish and move. Escape always restores the cell as it was.

use super::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Select,
    Typing,
    Edit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
    /// Tab: right, then on to the next row.
    Next,
    /// Shift+Tab.
    Previous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Let the browser handle it (insert text, move the caret).
    Default,
    /// Finish the edit and move the cursor; `extend` grows the selection instead.
    Move { to: Move, extend: bool },
    /// Enter Edit mode with the caret at the end.
    Edit,
    /// Typing began in Select mode: the typed character replaces the content.
    StartTyping,
    /// Restore the cell's text from before the edit, back to Select.
    Cancel,
    /// Delete: empty every cell of the selection (only the cell when one is selected).
    ClearSelection,
    /// Backspace: empty the active cell only and go on typing in it, as Excel and WPS do
    /// even when a range (a pasted block) is selected.
    ClearActive,
    /// Move the whole row up or down.
    MoveRow { up: bool },
}

/// Modifier keys held with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
}

pub fn key_action(mode: Mode, key: &str, m: Modifiers) -> KeyAction {
    use KeyAction as A;
    let arrow = match key {
        "ArrowUp" => Some(Move::Up),
        "ArrowDown" => Some(Move::Down),
        "ArrowLeft" => Some(Move::Left),
        "ArrowRight" => Some(Move::Right),
        _ => None,
    };
    if m.alt && !m.ctrl {
        return match arrow {
            Some(Move::Up) => A::MoveRow { up: true },
            Some(Move::Down) => A::MoveRow { up: false },
            _ => A::Default,
        };
    }
    if m.ctrl {
        return A::Default; // copy, paste, undo are handled as their own events
    }
    match (key, mode) {
        ("Escape", Mode::Select) => A::Default,
        ("Escape", _) => A::Cancel,
        ("Tab", _) => A::Move {
            to: if m.shift { Move::Previous } else { Move::Next },
            extend: false,
        },
        ("Enter", Mode::Select) => A::Edit,
        ("Enter", _) => A::Move {
            to: if m.shift { Move::Up } else { Move::Down },
            extend: false,
        },
        ("F2", _) => A::Edit,
        ("Delete", Mode::Select) => A::ClearSelection,
        ("Backspace", Mode::Select) => A::ClearActive,
        // An input method composing Chinese: its text replaces the cell, as typing does.
        ("Process", Mode::Select) => A::StartTyping,
        _ => match (arrow, mode) {
            (Some(to), Mode::Select) => A::Move {
                to,
                extend: m.shift,
            },
            (Some(to), Mode::Typing) => A::Move { to, extend: false },
            (Some(to @ (Move::Up | Move::Down)), Mode::Edit) => A::Move { to, extend: false },
            (Some(_), Mode::Edit) => A::Default,
            _ if mode == Mode::Select && key.chars().count() == 1 => A::StartTyping,
            _ => A::Default,
        },
    }
}

/// Where a move lands in a table of `rows` rows whose columns are `editable` or not.
/// The cursor only stops on editable columns; Tab wraps to the next row.
pub fn step(from: Cursor, to: Move, rows: usize, editable: &[bool]) -> Cursor {
    let cols: Vec<usize> = (0..editable.len()).filter(|&c| editable[c]).collect();
    if rows == 0 || cols.is_empty() {
        return from;
    }
    let row = from.row.min(rows - 1);
    let at = cols
        .iter()
        .position(|&c| c >= from.col)
        .unwrap_or(cols.len() - 1);
    let (row, at) = match to {
        Move::Up => (row.saturating_sub(1), at),
        Move::Down => ((row + 1).min(rows - 1), at),
        Move::Left => (row, at.saturating_sub(1)),
        Move::Right => (row, (at + 1).min(cols.len() - 1)),
        Move::Next if at + 1 < cols.len() => (row, at + 1),
        Move::Next if row + 1 < rows => (row + 1, 0),
        Move::Next => (row, at),
        Move::Previous if at > 0 => (row, at - 1),
        Move::Previous if row > 0 => (row - 1, cols.len() - 1),
        Move::Previous => (row, at),
    };
    Cursor { row, col: cols[at] }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Modifiers = Modifiers {
        shift: false,
        ctrl: false,
        alt: false,
    };
    const SHIFT: Modifiers = Modifiers {
        shift: true,
        ctrl: false,
        alt: false,
    };

    #[test]
    fn select_mode_moves_and_typing_replaces() {
        assert_eq!(
            key_action(Mode::Select, "ArrowDown", NONE),
            KeyAction::Move {
                to: Move::Down,
                extend: false
            }
        );
        assert_eq!(
            key_action(Mode::Select, "ArrowRight", SHIFT),
            KeyAction::Move {
                to: Move::Right,
                extend: true
            }
        );
        assert_eq!(key_action(Mode::Select, "Enter", NONE), KeyAction::Edit);
        assert_eq!(key_action(Mode::Select, "7", NONE), KeyAction::StartTyping);
        assert_eq!(key_action(Mode::Select, "关", NONE), KeyAction::StartTyping);
        assert_eq!(
            key_action(Mode::Select, "Process", NONE),
            KeyAction::StartTyping
        );
        assert_eq!(
            key_action(Mode::Select, "Delete", NONE),
            KeyAction::ClearSelection
        );
        assert_eq!(
            key_action(Mode::Select, "Backspace", NONE),
            KeyAction::ClearActive
        );
        assert_eq!(key_action(Mode::Select, "Shift", SHIFT), KeyAction::Default);
    }

    #[test]
    fn editing_finishes_with_enter_and_tab_and_cancels_with_escape() {
        for mode in [Mode::Typing, Mode::Edit] {
            assert_eq!(
                key_action(mode, "Enter", NONE),
                KeyAction::Move {
                    to: Move::Down,
                    extend: false
                }
            );
            assert_eq!(
                key_action(mode, "Tab", SHIFT),
                KeyAction::Move {
                    to: Move::Previous,
                    extend: false
                }
            );
            assert_eq!(key_action(mode, "Escape", NONE), KeyAction::Cancel);
            assert_eq!(key_action(mode, "x", NONE), KeyAction::Default);
            // While typing or editing, both keys delete characters.
            assert_eq!(key_action(mode, "Backspace", NONE), KeyAction::Default);
            assert_eq!(key_action(mode, "Delete", NONE), KeyAction::Default);
            assert_eq!(key_action(mode, "Process", NONE), KeyAction::Default);
        }
        assert_eq!(
            key_action(Mode::Typing, "ArrowLeft", NONE),
            KeyAction::Move {
                to: Move::Left,
                extend: false
            }
        );
        assert_eq!(
            key_action(Mode::Edit, "ArrowLeft", NONE),
            KeyAction::Default
        );
        assert_eq!(
            key_action(Mode::Edit, "ArrowDown", NONE),
            KeyAction::Move {
                to: Move::Down,
                extend: false
            }
        );
    }

    #[test]
    fn modifiers() {
        let alt = Modifiers { alt: true, ..NONE };
        let ctrl = Modifiers { ctrl: true, ..NONE };
        assert_eq!(
            key_action(Mode::Edit, "ArrowUp", alt),
            KeyAction::MoveRow { up: true }
        );
        assert_eq!(key_action(Mode::Select, "c", ctrl), KeyAction::Default);
        assert_eq!(key_action(Mode::Select, "z", ctrl), KeyAction::Default);
    }

    #[test]
    fn steps_skip_read_only_columns_and_tab_wraps() {
        let editable = [true, true, false, true];
        let at = |row, col| Cursor { row, col };
        assert_eq!(step(at(0, 1), Move::Right, 3, &editable), at(0, 3));
        assert_eq!(step(at(0, 3), Move::Left, 3, &editable), at(0, 1));
        assert_eq!(step(at(0, 3), Move::Right, 3, &editable), at(0, 3));
        assert_eq!(step(at(0, 3), Move::Next, 3, &editable), at(1, 0));
        assert_eq!(step(at(1, 0), Move::Previous, 3, &editable), at(0, 3));
        assert_eq!(step(at(2, 3), Move::Next, 3, &editable), at(2, 3));
        assert_eq!(step(at(0, 0), Move::Previous, 3, &editable), at(0, 0));
        assert_eq!(step(at(0, 0), Move::Up, 3, &editable), at(0, 0));
        assert_eq!(step(at(2, 0), Move::Down, 3, &editable), at(2, 0));
        assert_eq!(step(at(9, 0), Move::Down, 3, &editable), at(2, 0));
        assert_eq!(step(at(0, 0), Move::Down, 0, &editable), at(0, 0));
    }
}
