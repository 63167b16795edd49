//! The UI language: Chinese by default, English by a switch that is remembered.
//!
//! The English texts are their own wasm module (`english`), fetched when English is
//! chosen, or before the app starts when English is the remembered language, so the first
//! load of a Chinese visitor carries only the Chinese texts.

use super::storage::{local_storage, set_item};
use crate::i18n::{english_installed, install_english, Lang, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;

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

    /// Switches the language; English once its texts are loaded (at once if they are).
    /// If they cannot be fetched (offline), the page stays in Chinese and the next switch
    /// tries again.
    pub fn set(self, lang: Lang) {
        if lang == Lang::Zh || english_installed() {
            self.0.set(lang);
            return;
        }
        spawn_local(async move {
            if load_english().await {
                self.0.set(lang);
            }
        });
    }
}

/// The module holding the English texts.
#[leptos::wasm_split::wasm_split(english, wasm_split_path = ::leptos::wasm_split, fallible)]
fn english_module() -> Result<&'static [&'static str], SplitLoaderError> {
    Ok(crate::i18n::english_texts())
}

type EnglishLoader = fn() -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<&'static [&'static str], SplitLoaderError>>>,
>;

thread_local! {
    static ENGLISH_LOADER: std::cell::Cell<Option<EnglishLoader>> = const { std::cell::Cell::new(None) };
}

/// Names the English module's loader for `load_english`; the app's start (`app::mount`)
/// calls it. Only the start names the split function: the table, which loads English on
/// its own, is also built without the wasm split (the component tests), and a module
/// importing a split loader that nothing provides could not even be instantiated there.
pub fn enable_english_module() {
    ENGLISH_LOADER.set(Some(|| Box::pin(english_module())));
}

/// Fetches and installs the English texts; false if their module could not be fetched
/// (or no loader was enabled: a build without the split has only the Chinese texts).
pub async fn load_english() -> bool {
    if english_installed() {
        return true;
    }
    let Some(load) = ENGLISH_LOADER.get() else {
        return false;
    };
    match load().await {
        Ok(texts) => {
            install_english(texts);
            true
        }
        Err(_) => false,
    }
}

/// Loads the English texts in the background, for code that matches text in either
/// language (a pasted option label, an imported file's headers).
pub fn preload_english() {
    if !english_installed() {
        spawn_local(async {
            load_english().await;
        });
    }
}

fn stored_lang() -> Option<Lang> {
    local_storage()
        .ok()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .as_deref()
        .and_then(Lang::from_tag)
}

/// Before the app starts: the English texts when English is the remembered language, so
/// the first render is already in English.
pub async fn load_stored_language() {
    if stored_lang() == Some(Lang::En) {
        load_english().await;
    }
}

/// Reads the remembered language, provides it, and keeps `<html lang>` and storage in step.
pub fn provide_lang() -> UiLang {
    // English only if its texts arrived (`load_stored_language`); offline, Chinese.
    let lang = UiLang(RwSignal::new(
        stored_lang()
            .filter(|&l| l == Lang::Zh || english_installed())
            .unwrap_or_default(),
    ));
    Effect::new(move |first: Option<()>| {
        let tag = lang.get().tag();
        // Only a change is written: setting even the same `lang` makes the browser restyle
        // the whole document (the prerendered /channels at 4× CPU: 110–120 ms).
        if let Some(html) = document().document_element() {
            if html.get_attribute("lang").as_deref() != Some(tag) {
                let _ = html.set_attribute("lang", tag);
            }
        }
        // Only a choice is remembered: a start in Chinese because the English texts could
        // not be fetched keeps the stored preference.
        if first.is_some() {
            let _ = set_item(LANG_KEY, tag); // not being able to remember it is harmless
        }
    });
    provide_context(lang);
    lang
}

pub fn use_lang() -> UiLang {
    expect_context::<UiLang>()
}
