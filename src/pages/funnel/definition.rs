//! The funnel's definition beside its steps and window (issue 25): the step-order mode
//! with its meaning in plain words, window presets, a window per step and exclusion steps.
//! The rules themselves are in `domain::funnel::modes`.

use super::fill;
use crate::domain::funnel::modes::{Exclusion, FunnelMode};
use crate::domain::funnel::step_defaults::WINDOW_PRESETS;
use crate::domain::values::entry::{CellValue, InputError};
use crate::i18n::{input_error_message, Msg};
use crate::state::use_lang;
use leptos::prelude::*;

/// What the page's definition controls hold.
#[derive(Clone, Copy)]
pub struct Definition {
    pub mode: RwSignal<FunnelMode>,
    /// `step_windows[k]`: the text typed for step k (k ≥ 1; empty = no limit).
    pub step_windows: RwSignal<Vec<String>>,
    pub exclusions: RwSignal<Vec<Exclusion>>,
}

impl Definition {
    pub fn new() -> Definition {
        Definition {
            mode: RwSignal::new(FunnelMode::Default),
            step_windows: RwSignal::new(Vec::new()),
            exclusions: RwSignal::new(Vec::new()),
        }
    }

    /// The per-step windows in seconds (`unit` seconds per typed unit), or the first
    /// field's error.
    pub fn step_window_secs(&self, unit: u64) -> Result<Vec<Option<i64>>, InputError> {
        self.step_windows.with(|texts| {
            texts
                .iter()
                .map(|t| {
                    if t.trim().is_empty() {
                        return Ok(None);
                    }
                    let n = u64::parse(t)?;
                    Ok(Some(
                        i64::try_from(n.saturating_mul(unit)).unwrap_or(i64::MAX),
                    ))
                })
                .collect()
        })
    }
}

const MODES: [(FunnelMode, Msg, Msg); 4] = [
    (
        FunnelMode::Default,
        Msg::FaModeDefault,
        Msg::FaModeDefaultText,
    ),
    (
        FunnelMode::StrictIncrease,
        Msg::FaModeIncrease,
        Msg::FaModeIncreaseText,
    ),
    (
        FunnelMode::StrictOrder,
        Msg::FaModeOrder,
        Msg::FaModeOrderText,
    ),
    (
        FunnelMode::StrictDeduplication,
        Msg::FaModeDedup,
        Msg::FaModeDedupText,
    ),
];

const PRESETS: [Msg; 4] = [
    Msg::FaPreset1h,
    Msg::FaPreset24h,
    Msg::FaPreset7d,
    Msg::FaPreset30d,
];

/// The mode picker: a radio per mode, each with its meaning.
#[component]
pub fn ModePicker(mode: RwSignal<FunnelMode>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <fieldset class="funnel-modes">
            <legend>{lang.t(Msg::FaMode)}</legend>
            <p class="hint wide">{lang.t(Msg::FaModeHint)}</p>
            <div class="mode-list wide" role="radiogroup" aria-label=lang.t(Msg::FaMode)>
                {MODES.iter().map(|&(value, name, text)| view! {
                    <label class="radio mode-option">
                        <input type="radio" name="funnel-mode" prop:checked=move || mode.get() == value on:change=move |_| mode.set(value) />
                        <span><strong>{lang.t(name)}</strong>" "<span class="hint">{lang.t(text)}</span></span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// Buttons setting the window's length and unit to 1 h, 24 h, 7 d or 30 d.
#[component]
pub fn WindowPresets(window_text: RwSignal<String>, unit: RwSignal<u64>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="button-row wide" role="group" aria-label=lang.t(Msg::FaPresets)>
            <span class="hint">{lang.t(Msg::FaPresets)}</span>
            {WINDOW_PRESETS.iter().zip(PRESETS).map(|(&(n, secs), label)| view! {
                <button type="button" class="btn"
                    aria-pressed=move || if window_text.with(|t| t.trim() == n.to_string()) && unit.get() == secs { "true" } else { "false" }
                    on:click=move |_| { window_text.set(n.to_string()); unit.set(secs); }>
                    {lang.t(label)}
                </button>
            }).collect_view()}
        </div>
    }
}

/// A field per step after the first: the longest time from the previous step.
#[component]
pub fn StepWindows(definition: Definition, steps: RwSignal<Vec<String>>) -> impl IntoView {
    let lang = use_lang();
    let texts = definition.step_windows;
    let field = move |k: usize| {
        let error = move || {
            texts.with(|t| {
                let text = t.get(k).cloned().unwrap_or_default();
                (!text.trim().is_empty())
                    .then(|| u64::parse(&text).err())
                    .flatten()
            })
        };
        view! {
            <label>
                <span>{move || fill(lang.get().t(Msg::FaStepWindowN), &[&(k + 1).to_string()])}</span>
                <input type="text" inputmode="numeric"
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    prop:value=move || texts.with(|t| t.get(k).cloned().unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        texts.update(|t| {
                            if t.len() <= k { t.resize(k + 1, String::new()); }
                            t[k] = v;
                        });
                    } />
                {move || error().map(|e: InputError| view! { <span class="field-error">{input_error_message(e, lang.get())}</span> })}
            </label>
        }
    };
    view! {
        <fieldset>
            <legend>{lang.t(Msg::FaStepWindows)}</legend>
            <p class="hint wide">{lang.t(Msg::FaStepWindowHint)}</p>
            <For each=move || 1..steps.with(Vec::len) key=|k| *k children=field />
        </fieldset>
    }
}

/// Exclusion steps: an event and the two steps it must not fall between.
#[component]
pub fn Exclusions(
    definition: Definition,
    steps: RwSignal<Vec<String>>,
    names: Memo<Vec<String>>,
    excluded: Signal<Option<u64>>,
) -> impl IntoView {
    let lang = use_lang();
    let list = definition.exclusions;
    let step_options = move |selected: Box<dyn Fn() -> usize + Send + Sync>| {
        let selected = std::sync::Arc::new(selected);
        move || {
            (0..steps.with(Vec::len))
                .map(|k| {
                    let selected = selected.clone();
                    let name = steps.with(|s| s.get(k).cloned().unwrap_or_default());
                    view! { <option value=k.to_string() prop:selected=move || selected() == k>{format!("{}. {name}", k + 1)}</option> }
                })
                .collect_view()
        }
    };
    let row = move |i: usize| {
        let get = move || list.with(|l| l.get(i).cloned());
        let set = move |f: &dyn Fn(&mut Exclusion)| {
            list.update(|l| {
                if let Some(x) = l.get_mut(i) {
                    f(x)
                }
            })
        };
        view! {
            <div class="exclusion-row wide" role="group" aria-label=move || fill("{0} {1}", &[lang.get().t(Msg::FaExclusions), &(i + 1).to_string()])>
                <label>
                    <span>{lang.t(Msg::FaExclusionEvent)}</span>
                    <select on:change=move |ev| { let v = event_target_value(&ev); set(&|x| x.event = v.clone()); }>
                        {move || names.get().into_iter().map(|name| {
                            let (value, compare) = (name.clone(), name.clone());
                            view! { <option value=value prop:selected=move || get().is_some_and(|x| x.event == compare)>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{lang.t(Msg::FaExclusionFrom)}</span>
                    <select on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(0); set(&|x| x.from = v); }>
                        {step_options(Box::new(move || get().map_or(0, |x| x.from)))}
                    </select>
                </label>
                <label>
                    <span>{lang.t(Msg::FaExclusionTo)}</span>
                    <select on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(1); set(&|x| x.to = v); }>
                        {step_options(Box::new(move || get().map_or(1, |x| x.to)))}
                    </select>
                </label>
                <button type="button" class="btn" on:click=move |_| list.update(|l| { if i < l.len() { l.remove(i); } })>
                    {lang.t(Msg::FaRemoveExclusion)}
                </button>
            </div>
        }
    };
    view! {
        <fieldset>
            <legend>{lang.t(Msg::FaExclusions)}</legend>
            <p class="hint wide">{lang.t(Msg::FaExclusionHint)}</p>
            <For each=move || 0..list.with(Vec::len) key=|i| *i children=row />
            <div class="button-row wide">
                <button type="button" class="btn" disabled=move || names.with(Vec::is_empty) on:click=move |_| {
                    // The first event that is no step, else the first event.
                    let taken = steps.get_untracked();
                    let event = names.with_untracked(|n| {
                        n.iter().find(|e| !taken.contains(e)).or(n.first()).cloned().unwrap_or_default()
                    });
                    let to = taken.len().saturating_sub(1).max(1);
                    list.update(|l| l.push(Exclusion { event, from: 0, to }));
                }>{lang.t(Msg::FaAddExclusion)}</button>
            </div>
            <p class="wide" role="status" data-testid="import-excluded">
                {move || excluded.get().filter(|n| *n > 0).map(|n| fill(lang.get().t(Msg::FaExcluded), &[&n.to_string()]))}
            </p>
        </fieldset>
    }
}
