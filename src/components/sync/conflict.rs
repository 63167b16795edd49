//! A save found the backend copy changed by someone else: both versions' differences,
//! and the three ways forward. Nothing is written to the backend until one is chosen.

use crate::i18n::{load_error_message, Msg};
use crate::state::backend::use_backend;
use crate::state::use_lang;
use leptos::prelude::*;

/// The most differences listed; the rest are counted.
const SHOWN: usize = 50;

#[component]
pub fn ConflictPanel() -> impl IntoView {
    let lang = use_lang();
    let backend = use_backend();
    let error = RwSignal::new(None::<String>);
    let report = move |r: Result<(), crate::domain::plan::schema::LoadError>| match r {
        Ok(()) => error.set(None),
        Err(e) => error.set(Some(load_error_message(&e, lang.get_untracked()))),
    };
    let keep_theirs = move |_| report(backend.keep_theirs());
    let keep_mine = move |_| {
        error.set(None);
        backend.keep_mine();
    };
    let save_copy = move |_| {
        report(backend.save_mine_as_copy(lang.get_untracked().t(Msg::CopySuffix)));
    };
    move || {
        backend.conflict().map(|c| {
            let more = c.differences.len().saturating_sub(SHOWN);
            let rows = c
                .differences
                .iter()
                .take(SHOWN)
                .map(|d| {
                    view! {
                        <tr>
                            <th scope="row">{d.place.clone()}</th>
                            <td>{d.mine.clone()}</td>
                            <td>{d.theirs.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let empty = c.differences.is_empty();
            view! {
                <section class="banner banner-warn conflict" role="alert" data-testid="conflict">
                    <h2>{move || lang.get().t(Msg::ConflictTitle)}</h2>
                    <p>{move || lang.get().t(Msg::ConflictIntro)}</p>
                    <Show when=move || empty>
                        <p>{move || lang.get().t(Msg::ConflictSame)}</p>
                    </Show>
                    <div class="table-scroll">
                        <table class="conflict-diff">
                            <caption class="visually-hidden">{move || lang.get().t(Msg::ConflictTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{move || lang.get().t(Msg::ConflictPlace)}</th>
                                    <th scope="col">{move || lang.get().t(Msg::ConflictMine)}</th>
                                    <th scope="col">{move || lang.get().t(Msg::ConflictTheirs)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <Show when=move || { more > 0 }>
                        <p>{move || lang.get().t(Msg::ConflictMore).replace("{}", &more.to_string())}</p>
                    </Show>
                    <div class="button-row">
                        <button type="button" class="btn" on:click=keep_theirs>{move || lang.get().t(Msg::KeepTheirs)}</button>
                        <button type="button" class="btn" on:click=keep_mine>{move || lang.get().t(Msg::KeepMine)}</button>
                        <button type="button" class="btn" on:click=save_copy>{move || lang.get().t(Msg::SaveMineAsCopy)}</button>
                    </div>
                    {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                </section>
            }
        })
    }
}
