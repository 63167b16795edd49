//! 离线 · 使用本机保存的版本: the header's badge while the device has no network (the
//! app then runs from the copy its service worker saved, `state::offline`).

use crate::i18n::Msg;
use crate::state::offline::online_signal;
use crate::state::use_lang;
use leptos::prelude::*;

#[component]
pub fn OfflineIndicator() -> impl IntoView {
    let lang = use_lang();
    let online = online_signal();
    view! {
        <Show when=move || !online.get()>
            <span class="offline-state" role="status" data-testid="offline-state" title=move || lang.get().t(Msg::AppOfflineHint)>
                {move || lang.get().t(Msg::AppOffline)}
                // A phone's toolbar row has room for 离线 only (style/main.css); the rest
                // is still read out.
                <span class="offline-more">{move || lang.get().t(Msg::AppOfflineMore)}</span>
            </span>
        </Show>
    }
}
