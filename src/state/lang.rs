//! The UI language: Chinese by default, English by a switch that is remembered.

use super::storage::{local_storage, set_item};
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

const LANG_KEY: &str = "omo-planner.lang";

#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

impl UiLang {
    pub fn get(self) -> Lang {
        self.0.get()
    }

    /// A reactive translation, for use in views: `{lang.t(Msg::X)}`.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.0.get().t(msg)
    }

    pub fn get_untracked(self) -> Lang {
        self.0.get_untracked()
    }

    pub fn set(self, lang: Lang) {
        self.0.set(lang);
    }
}

/// Reads the remembered language, provides it, and keeps `<html lang>` and storage in step.
pub fn provide_lang() -> UiLang {
    let saved = local_storage()
        .ok()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let lang = UiLang(RwSignal::new(
        saved
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or_default(),
    ));
    Effect::new(move |_| {
        let tag = lang.get().tag();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", tag);
        }
        let _ = set_item(LANG_KEY, tag); // not being able to remember it is harmless
    });
    provide_context(lang);
    lang
}

pub fn use_lang() -> UiLang {
    expect_context::<UiLang>()
}
