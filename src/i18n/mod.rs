//! Languages, UI strings and locale-aware number formatting. Pure: no web imports.

mod format;
mod messages;
mod sync;

pub use format::{
    format_change, format_count, format_date, format_entry, format_measure, format_money,
    format_points, format_rate, format_size, input_error_message, load_error_message, NO_VALUE,
};
pub use messages::{
    english_installed, english_texts, install_english, install_texts, report_missing_texts_with,
    Msg, TextGroup,
};
pub use sync::problem_message;

/// The UI language. Simplified Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Shorthand for `msg.text(lang)`.
    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self)
    }
}
