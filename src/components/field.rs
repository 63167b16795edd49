//! A labelled form input bound to one value of the plan, for the forms beside the tables
//! (budget, resources, assumptions). While it has the focus it holds exactly what is
//! typed (each keystroke still reaches the plan, so the figures follow); when it is left
//! it reads like the computed figures around it (¥10,000,000.00, 30%, 12天). An error
//! shows under the input.

use crate::domain::plan::Plan;
use crate::domain::values::entry::{CellValue, Entry, InputError};
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Unit;
use crate::i18n::{format_entry, input_error_message, Lang, Msg};
use crate::state::{use_lang, use_plan, EditKey, Part};
use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// `id` is unique on the page and also keys the undo step (keystrokes merge into one).
/// `part`: the part of the plan the field writes (and reads); `reads`: other parts its
/// text or check reads.
#[component]
pub fn PlanField(
    id: &'static str,
    label: Msg,
    part: Part,
    #[prop(optional)] reads: &'static [Part],
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
        Field {
            id,
            label,
            part,
            reads,
            input_mode,
        },
        text,
        move |p, _| text(p),
        write,
        move |p| error.and_then(|e| e(p)),
    )
}

/// A field holding one typed entry of the plan (a count, an amount, a percentage): typed
/// freely, shown with its unit when left, flagged when it does not parse.
#[component]
pub fn EntryField<T: CellValue + Send + Sync + 'static>(
    id: &'static str,
    label: Msg,
    /// The part of the plan the entry is in.
    part: Part,
    /// Other parts the check reads (a rule across fields).
    #[prop(optional)]
    reads: &'static [Part],
    get: fn(&Plan) -> &Entry<T>,
    get_mut: fn(&mut Plan) -> &mut Entry<T>,
    #[prop(default = "decimal")] input_mode: &'static str,
    /// The unit the value is shown with when the field is not being edited.
    #[prop(optional)]
    unit: Option<Unit>,
    /// A check beyond parsing (a rule across fields); the entry's parse error by default.
    #[prop(optional)]
    error: Option<fn(&Plan) -> Option<InputError>>,
) -> impl IntoView {
    field_view(
        Field {
            id,
            label,
            part,
            reads,
            input_mode,
        },
        move |p| get(p).edit_text(),
        move |p, lang| format_entry(get(p), unit, p.header.currency, lang),
        move |p, v| *get_mut(p) = Entry::from_text(v),
        move |p| error.map_or_else(|| get(p).error(), |e| e(p)),
    )
}

/// What a field is, besides how it reads and writes its value.
struct Field {
    id: &'static str,
    label: Msg,
    part: Part,
    reads: &'static [Part],
    input_mode: &'static str,
}

fn field_view(
    Field {
        id,
        label,
        part,
        reads,
        input_mode,
    }: Field,
    edit_text: impl Fn(&Plan) -> String + Copy + Send + Sync + 'static,
    shown: impl Fn(&Plan, Lang) -> String + Copy + Send + Sync + 'static,
    write: impl Fn(&mut Plan, &str) + Copy + Send + Sync + 'static,
    error: impl Fn(&Plan) -> Option<InputError> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let key = EditKey {
        table: id,
        row: RowId(0),
        column: 0,
    };
    // Its own part, the header (the currency of amounts) and what its check reads.
    let follows = [part, Part::Header];
    let error = Memo::new(move |_| {
        store.read_parts(reads, |_| ());
        store.read_parts(&follows, error)
    });
    // The plain text to edit and the text shown when left, from one read of the plan.
    let texts = Memo::new(move |_| {
        let lang = lang.get();
        store.read_parts(reads, |_| ());
        store.read_parts(&follows, |p| (edit_text(p), shown(p, lang)))
    });
    let edit_text = Memo::new(move |_| texts.with(|(edit, _)| edit.clone()));
    let shown = Memo::new(move |_| texts.with(|(_, shown)| shown.clone()));
    // Exactly what is typed, until the field is left: reformatting the value under the
    // caret would turn "2" into "2.00" and move the caret to the end.
    let draft = RwSignal::new(None::<String>);
    let focused = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // Undo / redo replace what the field holds, even while it is being edited.
    Effect::new(move |_| {
        store.history_jumps();
        draft.set(None);
    });
    let value = move || {
        draft.get().unwrap_or_else(|| {
            let has_focus = || input_ref.get_untracked().is_some_and(|i| has_focus(&i));
            if focused.get() || has_focus() {
                edit_text.get()
            } else {
                shown.get()
            }
        })
    };
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
                prop:value=value
                node_ref=input_ref
                on:focus=move |ev| {
                    let input: HtmlInputElement = event_target(&ev);
                    show_plain_on_focus(input, edit_text.get_untracked(), false, move || focused.set(true));
                }
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    draft.set(Some(value.clone()));
                    store.edit_part(part, Some(key.clone()), |p| write(p, &value));
                }
                on:blur=move |_| {
                    draft.set(None);
                    focused.set(false);
                    store.seal();
                }
            />
            // What the print style sheet shows instead of the input box.
            <span class="print-value" aria-hidden="true">{move || shown.get()}</span>
            {move || error.get().map(|e| view! {
                <span class="field-error" id=error_id.clone()>{input_error_message(e, lang.get())}</span>
            })}
        </label>
    }
}

/// Whether `element` has the keyboard focus (read untracked: the focus is no signal).
pub(crate) fn has_focus(element: &web_sys::Element) -> bool {
    document().active_element().as_ref() == Some(element)
}

/// Puts the plain text to edit (20000) in place of the shown one (¥20,000.00) in an input
/// that just got the focus, selects it all if `select_all`, then calls `then`. Done once
/// the focus has settled (a microtask later): a selection that comes with the focus
/// (Tab, or `select()`, which focuses first and selects after) is in place by then and
/// stays whole. Meanwhile the input's reactive value already reads plain, since it
/// checks the focus itself (see [`has_focus`]).
pub(crate) fn show_plain_on_focus(
    input: HtmlInputElement,
    plain: String,
    select_all: bool,
    then: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        if !has_focus(input.as_ref()) {
            return; // already left
        }
        let mut select = select_all;
        if input.value() != plain {
            let len = input.value().encode_utf16().count() as u32;
            select |= len > 0
                && input.selection_start().ok().flatten() == Some(0)
                && input.selection_end().ok().flatten() == Some(len);
            input.set_value(&plain);
        }
        if select {
            input.select();
        }
        then();
    });
}
