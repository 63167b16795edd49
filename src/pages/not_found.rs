use crate::i18n::Msg;
use crate::state::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="page">
            <h1>{lang.t(Msg::NotFound)}</h1>
            <p><A href="/funnel">{lang.t(Msg::BackToFunnel)}</A></p>
        </section>
    }
}
