//! A labelled form input bound to one value of the plan, for the forms beside the tables
//! (budget, resources, assumptions). Typed text is kept as typed; an error shows under
//! the input.

use crate::domain::entry::{CellValue, Entry, InputError};
use crate::domain::plan::{Plan, RowId};
use crate::i18n::{input_error_message, Msg};
use crate::state::{use_lang, use_plan, EditKey};
use leptos::prelude::*;

/// `id` is unique on the page and also keys the undo step (keystrokes merge into one).
#[component]
pub fn PlanField(
    id: &'static str,
    label: Msg,
    /// The input's text, read from the plan.
    text: fn(&Plan) -> String,
    /// Writes typed text into the plan.
    write: fn(&mut Plan, &str),
    /// What is wrong with the value, if anything.
    #[prop(optional)]
    error: Option<fn(&Plan) -> Option<InputError>>,
    #[prop(default = "text")] input_mode: &'static str,
) -> impl IntoView {
    field_view(
        id,
        label,
        text,
        write,
        move |p| error.and_then(|e| e(p)),
        input_mode,
    )
}

/// A field holding one typed entry of the plan (a count, an amount, a percentage):
/// shown as typed, flagged when it does not parse.
#[component]
pub fn EntryField<T: CellValue + Send + Sync + 'static>(
    id: &'static str,
    label: Msg,
    get: fn(&Plan) -> &Entry<T>,
    get_mut: fn(&mut Plan) -> &mut Entry<T>,
    #[prop(default = "decimal")] input_mode: &'static str,
) -> impl IntoView {
    field_view(
        id,
        label,
        move |p| get(p).text(),
        move |p, v| *get_mut(p) = Entry::from_text(v),
        move |p| get(p).error(),
        input_mode,
    )
}

fn field_view(
    id: &'static str,
    label: Msg,
    text: impl Fn(&Plan) -> String + Copy + Send + Sync + 'static,
    write: impl Fn(&mut Plan, &str) + Copy + Send + Sync + 'static,
    error: impl Fn(&Plan) -> Option<InputError> + Copy + Send + Sync + 'static,
    input_mode: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let key = EditKey {
        table: id,
        row: RowId(0),
        column: 0,
    };
    let error = Memo::new(move |_| store.read(error));
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <label>
            <span>{lang.t(label)}</span>
            <input
                type="text"
                id=id
                inputmode=input_mode
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || store.read(text)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    store.edit(Some(key.clone()), |p| write(p, &value));
                }
                on:blur=move |_| store.seal()
            />
            // What the print style sheet shows instead of the input box.
            <span class="print-value" aria-hidden="true">{move || store.read(text)}</span>
            {move || error.get().map(|e| view! {
                <span class="field-error" id=error_id.clone()>{input_error_message(e, lang.get())}</span>
            })}
        </label>
    }
}
