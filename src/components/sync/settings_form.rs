//! The backend settings on the settings page: the kind (a JSON API or CouchDB), address,
//! collection, authorization, and "Test connection" with the reason in plain words when
//! it fails (for a CouchDB database that is not there, a button that creates it).

use crate::domain::sync::problem::Problem;
use crate::domain::sync::settings::{
    BackendKind, BackendSettings, SettingsError, DEFAULT_COLLECTION,
};
use crate::i18n::{problem_message, Lang, Msg};
use crate::state::backend::{create_database, test_connection, use_backend};
use crate::state::use_lang;
use leptos::prelude::*;

fn settings_error(e: SettingsError, lang: Lang) -> String {
    lang.t(match e {
        SettingsError::BadUrl => Msg::BackendBadUrl,
        SettingsError::BadCollection => Msg::BackendBadCollection,
    })
    .to_string()
}

#[component]
pub fn BackendSettingsForm() -> impl IntoView {
    let lang = use_lang();
    let backend = use_backend();
    let stored = untrack(|| backend.settings());
    let url = RwSignal::new(stored.base_url.clone());
    let collection = RwSignal::new(if stored.collection.is_empty() {
        DEFAULT_COLLECTION.to_string()
    } else {
        stored.collection.clone()
    });
    let auth = RwSignal::new(stored.authorization.clone());
    let kind = RwSignal::new(stored.kind);
    let couch = move || kind.get() == BackendKind::Couch;
    // The last test found no CouchDB database there: offer to create it.
    let missing_db = RwSignal::new(false);
    let saved = RwSignal::new(None::<Result<String, String>>);
    let tested = RwSignal::new(None::<Result<String, String>>);
    // Only the last test's answer is shown.
    let test_run = StoredValue::new(0u32);

    let draft = move || BackendSettings {
        kind: kind.get_untracked(),
        base_url: url.get_untracked().trim().to_string(),
        collection: collection.get_untracked().trim().to_string(),
        authorization: auth.get_untracked().trim().to_string(),
        timeout_ms: untrack(|| backend.settings()).timeout_ms,
    };
    let save = move |_| {
        let lang = lang.get_untracked();
        let settings = draft();
        if !settings.enabled() {
            backend.set_settings(settings);
            saved.set(Some(Ok(lang.t(Msg::BackendTurnedOff).into())));
            return;
        }
        match settings.validate() {
            Ok(()) => {
                backend.set_settings(settings);
                saved.set(Some(Ok(lang.t(Msg::BackendSaved).into())));
            }
            Err(e) => saved.set(Some(Err(settings_error(e, lang)))),
        }
    };
    let turn_off = move |_| {
        url.set(String::new());
        backend.set_settings(BackendSettings {
            base_url: String::new(),
            ..draft()
        });
        saved.set(Some(Ok(lang
            .get_untracked()
            .t(Msg::BackendTurnedOff)
            .into())));
    };
    let test = move |_| {
        let settings = draft();
        if let Err(e) = settings.validate() {
            tested.set(Some(Err(settings_error(e, lang.get_untracked()))));
            return;
        }
        test_run.update_value(|n| *n += 1);
        let run = test_run.get_value();
        missing_db.set(false);
        tested.set(Some(Ok(lang.get_untracked().t(Msg::BackendTesting).into())));
        leptos::task::spawn_local(async move {
            let result = test_connection(&settings).await;
            if test_run.get_value() != run {
                return;
            }
            let lang = lang.get_untracked();
            let ok = match settings.kind {
                BackendKind::Json => Msg::BackendTestOk,
                BackendKind::Couch => Msg::BackendCouchTestOk,
            };
            missing_db.set(result == Err(Problem::NoDatabase));
            tested.set(Some(match result {
                Ok(n) => Ok(lang.t(ok).replace("{}", &n.to_string())),
                Err(p) => Err(problem_message(p, lang)),
            }));
        });
    };
    let create = move |_| {
        let settings = draft();
        test_run.update_value(|n| *n += 1);
        let run = test_run.get_value();
        leptos::task::spawn_local(async move {
            let result = create_database(&settings).await;
            if test_run.get_value() != run {
                return;
            }
            let lang = lang.get_untracked();
            missing_db.set(false);
            tested.set(Some(match result {
                Ok(()) => Ok(lang.t(Msg::BackendDbCreated).into()),
                Err(p) => Err(problem_message(p, lang)),
            }));
        });
    };
    let line = |signal: RwSignal<Option<Result<String, String>>>, testid: &'static str| {
        move || {
            signal.get().map(|r| match r {
                Ok(text) => view! { <p role="status" data-testid=testid>{text}</p> }.into_any(),
                Err(text) => {
                    view! { <p role="alert" class="field-error" data-testid=testid>{text}</p> }
                        .into_any()
                }
            })
        }
    };
    view! {
        <fieldset class="settings-group backend-settings">
            <legend>{move || lang.get().t(Msg::BackendSection)}</legend>
            <p>{move || lang.get().t(Msg::BackendHint)}</p>
            <label class="field">
                <span>{move || lang.get().t(Msg::BackendKindLabel)}</span>
                <select on:change=move |ev| {
                    kind.set(if event_target_value(&ev) == "couch" { BackendKind::Couch } else { BackendKind::Json });
                    missing_db.set(false);
                }>
                    <option value="json" selected=move || !couch()>{move || lang.get().t(Msg::BackendKindJson)}</option>
                    <option value="couch" selected=couch>{move || lang.get().t(Msg::BackendKindCouch)}</option>
                </select>
            </label>
            <label class="field">
                <span>{move || lang.get().t(if couch() { Msg::BackendCouchUrl } else { Msg::BackendUrl })}</span>
                <input
                    type="url"
                    placeholder=move || if couch() { "http://127.0.0.1:5984/plans" } else { "https://api.example.com" }
                    prop:value=move || url.get()
                    on:input=move |ev| url.set(event_target_value(&ev))
                />
            </label>
            <Show when=couch>
                <p class="hint">{move || lang.get().t(Msg::BackendCouchHint)}</p>
            </Show>
            // The collection path belongs to the JSON API only.
            <Show when=move || !couch()>
                <label class="field">
                    <span>{move || lang.get().t(Msg::BackendCollection)}</span>
                    <input
                        type="text"
                        prop:value=move || collection.get()
                        on:input=move |ev| collection.set(event_target_value(&ev))
                    />
                </label>
            </Show>
            <label class="field">
                <span>{move || lang.get().t(Msg::BackendAuth)}</span>
                <input
                    type="password"
                    autocomplete="off"
                    placeholder="Bearer …"
                    prop:value=move || auth.get()
                    on:input=move |ev| auth.set(event_target_value(&ev))
                />
                <span class="hint">{move || lang.get().t(Msg::BackendAuthHint)}</span>
            </label>
            <div class="button-row">
                <button type="button" class="btn btn-primary" on:click=save>{move || lang.get().t(Msg::BackendSave)}</button>
                <button type="button" class="btn" on:click=test>{move || lang.get().t(Msg::BackendTest)}</button>
                <Show when=move || backend.enabled()>
                    <button type="button" class="btn" on:click=turn_off>{move || lang.get().t(Msg::BackendOff)}</button>
                </Show>
            </div>
            {line(saved, "backend-saved")}
            {line(tested, "backend-test")}
            <Show when=move || missing_db.get() && couch()>
                <button type="button" class="btn" on:click=create>{move || lang.get().t(Msg::BackendCreateDb)}</button>
            </Show>
        </fieldset>
    }
}
