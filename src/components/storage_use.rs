//! Settings' storage figures: how much of the browser's per-site quick store
//! (`localStorage`: the open plan, the settings) is taken (warning before it is full), the
//! site's other data (the database holding the other plans, the offline copy of the app)
//! against its quota as the browser reports it, and whether the browser keeps the data
//! through its clean-up, with a button to ask it to.

use crate::domain::plan::storage_use::{filling_from, Fullness};
use crate::i18n::{format_rate, format_size, Msg};
use crate::state::autosave::SaveStatus;
use crate::state::storage_use::{local_use, persisted, request_persist, site_estimate};
use crate::state::use_lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Whether the browser keeps this site's data when it frees space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kept {
    /// Not asked yet, or the browser has not answered.
    Checking,
    Yes,
    No,
    /// Asked from here, and the browser said no.
    Refused,
    /// The browser has no such setting.
    NoSuchSetting,
}

impl Kept {
    fn from_answer(answer: Option<bool>, asked: bool) -> Kept {
        match answer {
            None => Kept::NoSuchSetting,
            Some(true) => Kept::Yes,
            Some(false) if asked => Kept::Refused,
            Some(false) => Kept::No,
        }
    }
}

#[component]
pub fn StorageUsePanel() -> impl IntoView {
    // Its texts are Settings'; installed here too, so the panel reads right wherever it is.
    crate::i18n::install_texts::settings();
    let lang = use_lang();
    let status = expect_context::<ReadSignal<SaveStatus>>();
    // Measured again after each save, when the figures can have moved; never per keystroke
    // (a save comes once per burst of typing).
    let saved = Memo::new(move |_| status.get() == SaveStatus::Saved);
    let local = Memo::new(move |_| {
        saved.track();
        local_use()
    });
    let site = RwSignal::new(None::<(u64, u64)>);
    Effect::new(move |_| {
        saved.track();
        spawn_local(async move { site.set(site_estimate().await) });
    });
    let kept = RwSignal::new(Kept::Checking);
    spawn_local(async move {
        let answer = persisted().await;
        // A request answered meanwhile is the newer word.
        if kept.get_untracked() == Kept::Checking {
            kept.set(Kept::from_answer(answer, false));
        }
    });
    let ask = move |_| {
        spawn_local(async move { kept.set(Kept::from_answer(request_persist().await, true)) });
    };

    let local_text = move || {
        let t = lang.get();
        match local.get() {
            Some(used) => t
                .t(Msg::StorageLocalUse)
                .replace("{used}", &format_size(used.units, t))
                .replace("{limit}", &format_size(used.limit, t))
                .replace("{share}", &format_rate(used.share(), t)),
            None => t.t(Msg::StorageLocalUnavailable).to_string(),
        }
    };
    let filling = move || {
        local
            .get()
            .is_some_and(|u| u.fullness() == Fullness::Filling)
    };
    let site_text = move || {
        let t = lang.get();
        match site.get() {
            Some((usage, quota)) => t
                .t(Msg::StorageSite)
                .replace("{usage}", &format_size(usage, t))
                .replace("{quota}", &format_size(quota, t)),
            None => t.t(Msg::StorageSiteUnknown).to_string(),
        }
    };
    let kept_text = move || {
        let msg = match kept.get() {
            Kept::Checking => return String::new(),
            Kept::Yes => Msg::StoragePersisted,
            Kept::No => Msg::StorageNotPersisted,
            Kept::Refused => Msg::StoragePersistRefused,
            Kept::NoSuchSetting => Msg::StoragePersistUnknown,
        };
        lang.get().t(msg).to_string()
    };
    let can_ask = move || matches!(kept.get(), Kept::No | Kept::Refused);

    view! {
        <div class="storage-use">
            <p id="storage-local">{local_text}</p>
            {move || local.get().map(|u| view! {
                <meter
                    class="storage-meter"
                    aria-labelledby="storage-local"
                    min="0"
                    max=u.limit.to_string()
                    low=filling_from(u.limit).to_string()
                    high=(u.limit / 20 * 19).to_string()
                    optimum="0"
                    value=u.units.to_string()
                ></meter>
            })}
            <Show when=filling>
                <p class="banner banner-warn" role="status">
                    {move || lang.get().t(Msg::StorageFilling)} " "
                    <A href="/plans">{move || lang.get().t(Msg::PlansTitle)}</A>
                </p>
            </Show>
            <p class="hint">{site_text}</p>
            <p role="status">{kept_text}</p>
            <Show when=can_ask>
                <button type="button" class="btn" on:click=ask>
                    {move || lang.get().t(Msg::StoragePersistAsk)}
                </button>
            </Show>
        </div>
    }
}
