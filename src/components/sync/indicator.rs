//! 已保存 / 保存中 / 离线 / N 项更改待同步 / 冲突, next to the local save state.

use crate::domain::sync::queue::SyncView;
use crate::i18n::{problem_message, Msg};
use crate::state::backend::use_backend;
use crate::state::use_lang;
use leptos::prelude::*;

#[component]
pub fn SyncIndicator() -> impl IntoView {
    let lang = use_lang();
    let backend = use_backend();
    let count = move |msg: Msg, n: u32| lang.get().t(msg).replace("{}", &n.to_string());
    let text = move || match backend.view() {
        SyncView::Off => String::new(),
        SyncView::Saved => lang.get().t(Msg::SyncSaved).to_string(),
        SyncView::Saving => lang.get().t(Msg::SyncSaving).to_string(),
        SyncView::Waiting(n) => count(Msg::SyncWaiting, n),
        SyncView::Offline(n) => count(Msg::SyncOffline, n),
        SyncView::Failed(_, n) => count(Msg::SyncFailed, n),
        SyncView::Conflict => lang.get().t(Msg::SyncConflict).to_string(),
    };
    let class = move || match backend.view() {
        SyncView::Saved => "sync-state saved",
        SyncView::Saving | SyncView::Waiting(_) => "sync-state pending",
        SyncView::Offline(_) => "sync-state offline",
        SyncView::Failed(..) | SyncView::Conflict => "sync-state failed",
        SyncView::Off => "sync-state",
    };
    // Why it cannot sync, on hover and for screen readers.
    let why = move || match backend.view() {
        SyncView::Failed(p, _) => problem_message(p, lang.get()),
        SyncView::Offline(_) => lang.get().t(Msg::ProblemUnreachable).to_string(),
        _ => String::new(),
    };
    view! {
        <Show when=move || backend.view() != SyncView::Off>
            <span class=class role="status" data-testid="sync-state" title=why>{text}</span>
        </Show>
    }
}
