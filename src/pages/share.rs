//! Share by link (issue 28): "复制分享链接" on 我的计划 and the /share page that opens a
//! link. Both are lazily loaded (the plans page's module, the `share` page module), and
//! so is the sealing code (state/share.rs) they call: the first load does not grow.
//!
//! A link opens read-only: the plan store shows it and refuses every edit
//! (`PlanStore::show_read_only`), so no page needs to know; nothing is written to the
//! merchant's stored plans (no edit means no autosave) until "save a copy" adds it as a
//! new plan (the shell's banner, components/shell.rs).

use crate::domain::plan::share_link::LinkError;
use crate::i18n::{load_error_message, Lang, Msg};
use crate::state::share::{self, OpenError, SealError};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// What the share button did last.
#[derive(Clone, PartialEq)]
enum Shared {
    Making,
    Copied(usize),
    /// The clipboard was refused: the link, to copy by hand.
    Shown(String),
    TooLong(usize, usize),
    Failed(String),
}

fn link_chars(link: &str) -> usize {
    link.chars().count()
}

/// "复制分享链接": the open plan as a link, on the clipboard (or shown to copy by hand).
#[component]
pub fn CopyShareLink() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let shared = RwSignal::new(None::<Shared>);
    let copy = move |_| {
        let plan = store.read_untracked(|p| p.clone());
        let origin = window().location().origin().unwrap_or_default();
        shared.set(Some(Shared::Making));
        leptos::task::spawn_local(async move {
            let outcome = match share::seal_plan(&plan, &origin).await {
                Ok(link) if share::copy_to_clipboard(&link).await => {
                    Shared::Copied(link_chars(&link))
                }
                Ok(link) => Shared::Shown(link),
                Err(SealError::TooLong(t)) => Shared::TooLong(t.length, t.limit),
                Err(SealError::Browser(e)) => Shared::Failed(e),
            };
            shared.set(Some(outcome));
        });
    };
    let message = move || {
        let lang = lang.get();
        shared.get().map(|s| match s {
            Shared::Making => view! { <p role="status">{lang.t(Msg::ShareLinkMaking)}</p> }.into_any(),
            Shared::Copied(n) => view! {
                <p role="status">{lang.t(Msg::ShareLinkCopied).replace("{}", &n.to_string())}</p>
            }
            .into_any(),
            Shared::Shown(link) => {
                let n = link_chars(&link).to_string();
                view! {
                    <div class="share-link-shown" role="status">
                        <p>{lang.t(Msg::ShareLinkNotCopied).replace("{}", &n)}</p>
                        <textarea
                            class="share-link-field"
                            readonly
                            rows="3"
                            aria-label=lang.t(Msg::ShareLinkField)
                            on:focus=|ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                                    t.select();
                                }
                            }
                            prop:value=link
                        ></textarea>
                    </div>
                }
                .into_any()
            }
            Shared::TooLong(length, limit) => view! {
                <p class="field-error" role="alert">
                    {lang
                        .t(Msg::ShareLinkTooLong)
                        .replacen("{}", &length.to_string(), 1)
                        .replacen("{}", &limit.to_string(), 1)}
                </p>
            }
            .into_any(),
            Shared::Failed(e) => view! {
                <p class="field-error" role="alert">{format!("{}{e}", lang.t(Msg::ShareLinkFailed))}</p>
            }
            .into_any(),
        })
    };
    view! {
        <div class="share-link">
            <button type="button" class="btn" on:click=copy disabled=move || shared.get() == Some(Shared::Making)>
                {move || lang.get().t(Msg::CopyShareLink)}
            </button>
            <p class="hint">{move || lang.get().t(Msg::ShareLinkHint)}</p>
            {message}
        </div>
    }
}

fn open_error(e: &OpenError, lang: Lang) -> String {
    match e {
        OpenError::Link(LinkError::Empty) => lang.t(Msg::ShareErrEmpty).to_string(),
        OpenError::Link(LinkError::Malformed | LinkError::BadEncoding) => {
            lang.t(Msg::ShareErrMalformed).to_string()
        }
        OpenError::Link(LinkError::UnknownVersion(v)) => {
            lang.t(Msg::ShareErrVersion).replace("{}", v)
        }
        OpenError::Tampered => lang.t(Msg::ShareErrTampered).to_string(),
        OpenError::Browser(e) => format!("{} ({e})", lang.t(Msg::ShareErrUnsupported)),
        OpenError::Plan(e) => format!(
            "{}{}",
            lang.t(Msg::ShareErrPlan),
            load_error_message(e, lang)
        ),
    }
}

/// /share#…: opens the link's plan read-only and goes on to the overview (the address
/// no longer holds the key once it is opened); a broken link says what is wrong and
/// changes nothing.
#[component]
pub fn SharePage() -> impl IntoView {
    crate::i18n::install_texts::share();
    let lang = use_lang();
    let store = use_plan();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<OpenError>);
    let fragment = window().location().hash().unwrap_or_default();
    leptos::task::spawn_local(async move {
        match share::open(&fragment).await {
            Ok(plan) => {
                store.show_read_only(plan);
                navigate(
                    "/",
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            Err(e) => problem.set(Some(e)),
        }
    });
    view! {
        <section class="page">
            <h1>{move || lang.get().t(Msg::ShareTitle)}</h1>
            {move || problem.with(|p| match p {
                None => view! { <p role="status">{lang.get().t(Msg::ShareOpening)}</p> }.into_any(),
                Some(e) => view! {
                    <p class="banner banner-error" role="alert">{open_error(e, lang.get())}</p>
                }
                .into_any(),
            })}
        </section>
    }
}
