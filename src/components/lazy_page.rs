//! A page whose code is its own wasm module, fetched the first time the page is shown
//! (the split is made after the build by `.ci/wasm-split.mjs`; README "Size").
//!
//! The fetch can fail: a phone on a train, a merchant offline after the first load. A
//! failure is an error the page shows with a retry button, never a panic (a panic aborts
//! the whole wasm module, and with it the shell and any edit not yet saved).

use crate::components::deferred::render_all_now;
use crate::i18n::Msg;
use crate::state::use_lang;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;
use std::future::Future;

/// A page's module could not be fetched or instantiated.
#[derive(Debug)]
pub struct PageLoadError;

impl From<SplitLoaderError> for PageLoadError {
    fn from(_: SplitLoaderError) -> Self {
        PageLoadError
    }
}

/// Declares `async fn $loader() -> Result<AnyView, PageLoadError>`, which fetches the
/// module `$split` (the page's code) on its first call and returns the page's view.
macro_rules! lazy_page {
    ($split:ident, $loader:ident, $page:path) => {
        #[::leptos::wasm_split::wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $loader(
        ) -> Result<::leptos::prelude::AnyView, $crate::components::lazy_page::PageLoadError> {
            use ::leptos::prelude::IntoAny;
            // Built untracked, as the view macro builds any component: this runs inside the
            // Suspend that shows the page, which would otherwise subscribe to every signal
            // the page reads while it is set up, and rebuild the whole page (dropping what
            // is being typed) each time one changes, e.g. when another tab's save merges in.
            Ok(::leptos::prelude::untrack(|| $page().into_any()))
        }
    };
}
pub(crate) use lazy_page;

/// Shows the page `load` returns: a loading line while its module arrives, and if that
/// fails, a message with a retry button (the rest of the app keeps working).
#[component]
pub fn LazyPage<L, F>(load: L) -> impl IntoView
where
    L: Fn() -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Result<AnyView, PageLoadError>> + 'static,
{
    let lang = use_lang();
    let attempt = Trigger::new();
    let loading = move || {
        view! { <p class="page-loading" role="status">{lang.t(Msg::PageLoading)}</p> }
    };
    view! {
        <Suspense fallback=loading>
            {move || {
                attempt.track();
                // The loader's future holds browser objects; it only ever runs on this thread.
                let page = SendWrapper::new(load());
                Suspend::new(async move {
                    // At the start the page is built off screen while the prerendered one
                    // shows (app::mount): a turn of the event loop between the app's start
                    // and the page's first render makes them two tasks, not one long one
                    // (/channels at 4× CPU: 170–270 ms in one). Once live, no wait: the
                    // loading line would flash between two pages.
                    if !crate::app::is_live() {
                        SendWrapper::new(crate::state::plan_data::sleep(std::time::Duration::ZERO)).await;
                    }
                    match page.await {
                        Ok(page) => {
                            scroll_to_section_soon();
                            page
                        }
                        Err(PageLoadError) => view! {
                            <section class="page">
                                <p class="banner banner-error" role="alert">
                                    {lang.t(Msg::PageLoadFailed)}
                                    " "
                                    <button type="button" class="btn btn-small" on:click=move |_| attempt.notify()>
                                        {lang.t(Msg::Retry)}
                                    </button>
                                </p>
                            </section>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A link to a section of a lazy page (/scenario#budget from the overview): the router
/// looked for the section before the page's module arrived, so look again once the page
/// is shown, with every section of it built (the sections above the named one, built
/// later, would move it).
fn scroll_to_section_soon() {
    request_animation_frame(|| {
        let Ok(hash) = window().location().hash() else {
            return;
        };
        let id = hash.trim_start_matches('#').to_string();
        if id.is_empty() {
            return;
        }
        render_all_now();
        // On the next turn: the sections are in the page once this turn's microtasks ran.
        set_timeout(
            move || {
                if let Some(section) = document().get_element_by_id(&id) {
                    section.scroll_into_view();
                }
            },
            std::time::Duration::ZERO,
        );
    });
}
