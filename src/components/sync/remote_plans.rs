//! 后端中的计划 on the plan list: load the backend's list, open one of its plans here.

use crate::domain::sync::document::RemoteEntry;
use crate::i18n::{load_error_message, problem_message, Lang, Msg};
use crate::state::backend::{use_backend, OpenRemoteError};
use crate::state::plans::OpenError;
use crate::state::use_lang;
use leptos::prelude::*;

fn open_error(e: &OpenRemoteError, lang: Lang) -> String {
    let why = match e {
        OpenRemoteError::Backend(p) => problem_message(*p, lang),
        OpenRemoteError::Unreadable(e) | OpenRemoteError::Local(OpenError::Unreadable(e)) => {
            load_error_message(e, lang)
        }
        OpenRemoteError::Local(OpenError::Missing) => lang.t(Msg::PlanMissing).into(),
        OpenRemoteError::Local(OpenError::NotReady) => lang.t(Msg::PlanReaderNotReady).into(),
        OpenRemoteError::Local(OpenError::Storage(_)) => lang.t(Msg::SaveUnavailable).into(),
    };
    format!("{}{}", lang.t(Msg::OpenFailed), why)
}

#[component]
pub fn RemotePlans() -> impl IntoView {
    let lang = use_lang();
    let backend = use_backend();
    let list = RwSignal::new(None::<Vec<RemoteEntry>>);
    let message = RwSignal::new(None::<Result<String, String>>);
    let load = move |_| {
        message.set(None);
        leptos::task::spawn_local(async move {
            match backend.list().await {
                Ok(entries) => list.set(Some(entries)),
                Err(p) => message.set(Some(Err(problem_message(p, lang.get_untracked())))),
            }
        });
    };
    let row = move |entry: RemoteEntry| {
        let id = StoredValue::new(entry.id.clone());
        let name = StoredValue::new(entry.name.clone());
        let open = move |_| {
            leptos::task::spawn_local(async move {
                let lang = lang.get_untracked();
                message.set(Some(match backend.open_remote(&id.get_value()).await {
                    Ok(()) => Ok(lang.t(Msg::PlanOpened).replace("{}", &name.get_value())),
                    Err(e) => Err(open_error(&e, lang)),
                }));
            });
        };
        view! {
            <tr data-remote-id=entry.id.clone()>
                <th scope="row">{entry.name.clone()}</th>
                <td class="num">{entry.revision}</td>
                <td>
                    <button
                        type="button"
                        class="btn"
                        aria-label=move || format!("{} {}", lang.get().t(Msg::OpenFromBackend), name.get_value())
                        on:click=open
                    >
                        {move || lang.get().t(Msg::OpenPlan)}
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <Show when=move || backend.enabled()>
            <section class="remote-plans">
                <h2>{move || lang.get().t(Msg::BackendPlansTitle)}</h2>
                <p>{move || lang.get().t(Msg::BackendPlansHint)}</p>
                <button type="button" class="btn" on:click=load>{move || lang.get().t(Msg::LoadFromBackend)}</button>
                {move || message.get().map(|r| match r {
                    Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p role="alert" class="field-error">{text}</p> }.into_any(),
                })}
                {move || list.get().map(|entries| {
                    if entries.is_empty() {
                        return view! { <p>{lang.get().t(Msg::BackendPlansEmpty)}</p> }.into_any();
                    }
                    view! {
                        <div class="table-scroll">
                            <table class="plan-list remote-plan-list">
                                <caption class="visually-hidden">{lang.get().t(Msg::BackendPlansTitle)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{lang.get().t(Msg::ColPlanName)}</th>
                                        <th scope="col">{lang.get().t(Msg::ColRevision)}</th>
                                        <th scope="col">{lang.get().t(Msg::ColPlanActions)}</th>
                                    </tr>
                                </thead>
                                <tbody>{entries.into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                })}
            </section>
        </Show>
    }
}
