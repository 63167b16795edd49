//! A read-only table of figures computed from the plan (roll-ups, totals per day,
//! averages): a real `<table>` with a caption, column headers and a row header per row.

use crate::i18n::Msg;
use crate::state::use_lang;
use leptos::prelude::*;

/// One row: its name (the row header), its figures, and whether it needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SummaryRow {
    pub name: String,
    pub figures: Vec<String>,
    pub warn: bool,
}

fn row_view(row: SummaryRow) -> impl IntoView {
    view! {
        <tr class:warn-row=row.warn>
            <th scope="row">{row.name}</th>
            {row.figures.into_iter().map(|f| view! { <td class="num">{f}</td> }).collect_view()}
        </tr>
    }
}

/// `first` heads the row names; `columns` head the figures (right-aligned). A `total`
/// row, when given, sits in the footer.
#[component]
pub fn SummaryTable(
    caption: Msg,
    first: Msg,
    columns: &'static [Msg],
    #[prop(into)] rows: Signal<Vec<SummaryRow>>,
    #[prop(optional, into)] total: Option<Signal<SummaryRow>>,
    test_id: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        // Focusable and named: on a phone the table may scroll sideways, and a keyboard
        // must be able to scroll it too.
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t(caption)>
            <table class="summary" data-testid=test_id>
                <caption>{lang.t(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.t(first)}</th>
                        {columns.iter().map(|c| view! { <th scope="col" class="num">{lang.t(*c)}</th> }).collect_view()}
                    </tr>
                </thead>
                // Keyed by position and content: a keystroke that changes one figure
                // replaces that row, and leaves the others' elements alone (a table of a
                // thousand months would otherwise be rewritten whole).
                <tbody>
                    <For
                        each=move || rows.get().into_iter().enumerate()
                        key=|(i, row)| (*i, row.clone())
                        children=|(_, row)| row_view(row)
                    />
                </tbody>
                {total.map(|t| view! { <tfoot>{move || row_view(t.get())}</tfoot> })}
            </table>
        </div>
    }
}
