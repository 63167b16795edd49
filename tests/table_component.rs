//! The generic editable table, mounted on its own in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test table_component`).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use omo_planner::components::table::{cell_renders, EditableTable, RowSelection};
use omo_planner::domain::funnel::FunnelStage;
use omo_planner::domain::plan::demo::demo_plan;
use omo_planner::domain::plan::Plan;
use omo_planner::domain::scenario::budget::BudgetLine;
use omo_planner::domain::values::entry::Entry;
use omo_planner::domain::values::ids::RowId;
use omo_planner::i18n::Msg;
use omo_planner::pages::funnel::{funnel_columns, funnel_source};
use omo_planner::pages::scenario::budget::{
    budget_uses, category_options, cost_columns, cost_source, line_columns, line_source,
};
use omo_planner::state::{provide_lang, Part, PlanStore};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Leptos flush its scheduled updates to the DOM.
async fn settle() {
    after_timer(20).await;
}

/// Waits for a timer of `ms`: a later task of the event loop.
async fn after_timer(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn mount_table() -> (HtmlElement, PlanStore) {
    mount_plan(demo_plan())
}

/// Mounts the funnel table of `plan` into a fresh container; returns it and the store.
fn mount_plan(plan: Plan) -> (HtmlElement, PlanStore) {
    mount_selected(plan, Signal::stored(RowSelection::All))
}

/// An empty element in the page to mount into, with nothing left in storage. The pages'
/// texts are installed as their modules install them in the app (nothing is split here).
fn fresh_host() -> HtmlElement {
    omo_planner::i18n::install_texts::all();
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// The same, showing only the rows `selection` lets through (a page's filter).
fn mount_selected(plan: Plan, selection: Signal<RowSelection>) -> (HtmlElement, PlanStore) {
    let host = fresh_host();
    let store = PlanStore::new(plan);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_lang();
        provide_context(store);
        view! { <EditableTable caption=Msg::FunnelTitle source=funnel_source() columns=funnel_columns() add_label=Msg::AddStage selection /> }
    });
    handle.forget();
    (host, store)
}

fn input(host: &HtmlElement, name: &str) -> HtmlInputElement {
    host.query_selector(&format!("input[aria-label=\"{name}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no input named {name}"))
        .unchecked_into()
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.focus().unwrap();
    input.set_value(text);
    // Bubbles, as a real one does: the table handles its cells' events in one place.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn derived_texts(host: &HtmlElement, row_id: u64) -> Vec<String> {
    let cells = host
        .query_selector_all(&format!("tr[data-row-id=\"{row_id}\"] td.col-derived"))
        .unwrap();
    (0..cells.length())
        .map(|i| cells.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn renders_a_real_table_with_header_cells_and_named_inputs() {
    let (host, _) = mount_table();
    settle().await;
    let table = host.query_selector("table").unwrap().expect("a <table>");
    assert!(table.query_selector("caption").unwrap().is_some());
    assert_eq!(
        table
            .query_selector_all("thead th[scope=col]")
            .unwrap()
            .length(),
        8
    );
    // One row header per stage, holding the stage name.
    assert_eq!(
        table
            .query_selector_all("tbody th[scope=row]")
            .unwrap()
            .length(),
        4
    );
    // Every input is named by its column and its row.
    let inputs = table.query_selector_all("tbody input").unwrap();
    assert_eq!(inputs.length(), 4 * 5);
    for i in 0..inputs.length() {
        let name = inputs
            .item(i)
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .get_attribute("aria-label")
            .unwrap();
        assert!(name.contains(' '), "{name} should be column + row");
    }
    assert_eq!(input(&host, "触达人数 门店扫码关注").value(), "10000");
    assert_eq!(input(&host, "转化环节 第 1 行").value(), "门店扫码关注");
    // Counts bring up the numeric keypad; derived cells are not inputs.
    assert_eq!(
        input(&host, "转化人数 社群入群")
            .get_attribute("inputmode")
            .as_deref(),
        Some("numeric")
    );
    assert_eq!(derived_texts(&host, 1), ["30%", "7,000"]);
}

/// Presses `key` in `target`, as the keyboard does (the event bubbles to the table).
fn press(target: &HtmlElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// The columns of row `row_id` whose cells are marked selected.
fn selected_cols(host: &HtmlElement, row_id: u64) -> Vec<String> {
    let cells = host
        .query_selector_all(&format!("tr[data-row-id=\"{row_id}\"] .selected"))
        .unwrap();
    (0..cells.length())
        .map(|i| {
            let cell: web_sys::Element = cells.item(i).unwrap().unchecked_into();
            cell.get_attribute("data-label").unwrap_or_default()
        })
        .collect()
}

// A row sets its cells' names and selection marks itself (one effect per row for each,
// not one per cell): they must still follow a rename, a move and a selection.
#[wasm_bindgen_test]
async fn a_row_names_and_marks_its_cells_as_it_changes() {
    let (host, _) = mount_table();
    settle().await;
    // A renamed stage names its other cells by the new name; its name cell keeps its number.
    type_into(&input(&host, "转化环节 第 2 行"), "社群拉新");
    settle().await;
    assert_eq!(input(&host, "触达人数 社群拉新").value(), "3000");
    assert!(host
        .query_selector("input[aria-label=\"触达人数 社群入群\"]")
        .unwrap()
        .is_none());
    assert_eq!(input(&host, "转化环节 第 2 行").value(), "社群拉新");
    // Moved up, it is row 1, and the stage it passed is row 2.
    drag(&host, 1, 0);
    settle().await;
    assert_eq!(input(&host, "转化环节 第 1 行").value(), "社群拉新");
    assert_eq!(input(&host, "转化环节 第 2 行").value(), "门店扫码关注");
    // Shift+→ from a cell selects it and the next one; a plain → leaves one cell again.
    let reached = input(&host, "触达人数 门店扫码关注");
    reached.focus().unwrap();
    settle().await;
    press(&reached, "Escape", false); // from editing the cell to moving between cells
    settle().await;
    press(&reached, "ArrowRight", true);
    settle().await;
    let first = row_id_of(&host, "门店扫码关注");
    assert_eq!(selected_cols(&host, first), ["触达人数", "转化人数"]);
    assert!(selected_cols(&host, row_id_of(&host, "社群拉新")).is_empty());
    let focused: HtmlElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap()
        .unchecked_into();
    press(&focused, "ArrowRight", false);
    settle().await;
    assert!(selected_cols(&host, first).is_empty());
}

#[wasm_bindgen_test]
async fn typing_updates_the_plan_and_the_derived_cells() {
    let (host, store) = mount_table();
    settle().await;
    type_into(&input(&host, "转化人数 门店扫码关注"), "2500");
    settle().await;
    assert_eq!(derived_texts(&host, 1), ["25%", "7,500"]);
    assert_eq!(
        store.read_untracked(|p| p.funnel.stages[0].converted.clone()),
        Entry::Value(2500)
    );
}

#[wasm_bindgen_test]
async fn bad_input_is_flagged_and_stored_verbatim() {
    let (host, store) = mount_table();
    settle().await;
    let reached = input(&host, "触达人数 社群入群");
    type_into(&reached, "3.5");
    settle().await;
    assert_eq!(
        reached.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let error_id = reached
        .get_attribute("aria-describedby")
        .expect("described by its message");
    let message = host
        .query_selector(&format!("#{error_id}"))
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(message, "人数必须是整数");
    assert_eq!(derived_texts(&host, 2), ["—", "—"]);
    assert_eq!(
        store.read_untracked(|p| p.funnel.stages[1].reached.clone()),
        Entry::Invalid("3.5".into())
    );
    // While typing, the input keeps exactly what was typed.
    assert_eq!(reached.value(), "3.5");
}

#[wasm_bindgen_test]
async fn escape_restores_the_value_before_the_edit_and_undo_reverts_it() {
    let (host, store) = mount_table();
    settle().await;
    let cell = input(&host, "触达人数 到店消费");
    type_into(&cell, "5");
    type_into(&cell, "54");
    settle().await;
    let escape = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Escape");
        init.set_bubbles(true);
        init
    })
    .unwrap();
    cell.dispatch_event(&escape).unwrap();
    settle().await;
    assert_eq!(cell.value(), "540");
    assert_eq!(
        store.read_untracked(|p| p.funnel.stages[3].reached.clone()),
        Entry::Value(540)
    );

    type_into(&cell, "600");
    settle().await;
    cell.blur().unwrap();
    store.undo();
    settle().await;
    assert_eq!(cell.value(), "540");
}

#[wasm_bindgen_test]
async fn a_big_table_renders_only_the_rows_in_view_and_edits_them() {
    let mut plan = demo_plan();
    plan.funnel.stages = (1..=10_000)
        .map(|i| {
            Arc::new(FunnelStage {
                name: format!("环节{i}"),
                reached: Entry::Value(1000),
                converted: Entry::Value(i % 1000),
                ..FunnelStage::new(RowId(i))
            })
        })
        .collect();
    let (host, store) = mount_plan(plan);
    settle().await;
    let table = host.query_selector("table").unwrap().unwrap();
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("10001")
    );
    let rendered = host
        .query_selector_all("tbody tr[data-row-id]")
        .unwrap()
        .length();
    assert!(rendered > 0 && rendered < 100, "{rendered} rows in the DOM");
    type_into(&input(&host, "转化人数 环节1"), "500");
    settle().await;
    assert_eq!(derived_texts(&host, 1), ["50%", "500"]);
    assert_eq!(
        store.read_untracked(|p| p.funnel.stages[0].converted.clone()),
        Entry::Value(500)
    );
}

#[wasm_bindgen_test]
async fn a_filtered_table_edits_and_deletes_the_right_rows_of_the_plan() {
    // Show stages 2 and 4 of the four; 1 and 3 are hidden, untouched.
    let only = RowSelection::Only(Arc::new([RowId(2), RowId(4)].into_iter().collect()));
    let selection = RwSignal::new(only);
    let (host, store) = mount_selected(demo_plan(), selection.into());
    settle().await;
    let rows = |host: &HtmlElement| {
        host.query_selector_all("tbody tr[data-row-id]")
            .unwrap()
            .length()
    };
    assert_eq!(rows(&host), 2);
    // The second shown row is the plan's fourth stage: its row number says 2.
    type_into(&input(&host, "转化人数 到店消费"), "300");
    settle().await;
    let converted = |store: PlanStore| {
        store.read_untracked(|p| {
            p.funnel
                .stages
                .iter()
                .map(|s| s.converted.text())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(converted(store), ["3000", "1800", "540", "300"]);
    // Alt+Delete on the first shown row removes stage 2, not stage 1.
    let first = input(&host, "转化人数 社群入群");
    first.focus().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Delete");
    init.set_alt_key(true);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    first.dispatch_event(&key).unwrap();
    settle().await;
    assert_eq!(rows(&host), 1);
    // Lifting the filter shows every remaining row, in plan order.
    selection.set(RowSelection::All);
    settle().await;
    assert_eq!(rows(&host), 3);
    assert_eq!(converted(store), ["3000", "540", "300"]);
}

/// The demo funnel with `extra` more stages after it (still below the virtual-table size,
/// so every row is in the DOM).
fn long_funnel(extra: u64) -> Plan {
    let mut plan = demo_plan();
    let first = plan.next_row_id().0;
    for i in 0..extra {
        let mut stage = FunnelStage::new(RowId(first + i));
        stage.name = format!("环节{i}");
        stage.reached = Entry::Value(1000 + i);
        stage.converted = Entry::Value(100 + i);
        plan.funnel.stages.push(Arc::new(stage));
    }
    plan
}

#[wasm_bindgen_test]
async fn typing_into_a_cell_re_renders_only_its_row() {
    let rows = 40;
    let (host, _) = mount_plan(long_funnel(rows - 4));
    settle().await;
    let cell = input(&host, "转化人数 环节7");
    cell.focus().unwrap();
    settle().await;
    let before = cell_renders();
    for text in ["1", "12", "123"] {
        type_into(&cell, text);
        settle().await;
    }
    let renders = cell_renders() - before;
    // The figure beside it follows, and no other row's does anything.
    assert_eq!(
        derived_texts(&host, row_id_of(&host, "环节7")),
        ["12.21%", "884"]
    );
    // Each keystroke re-renders at most the row's own cells (8 columns; an input counts
    // its shown and its edited text): 3 × 16. The coarse store re-ran every cell of all
    // 40 rows on each keystroke (3 × 40 × 8 or more).
    assert!(renders > 0, "the row's own cells re-render");
    assert!(
        renders <= 3 * 16,
        "{renders} cell renders for 3 keystrokes in one row of {rows}"
    );
}

/// Built out of sight (the page the app builds to take over a prerendered one), a long
/// table comes in parts, each in a task of its own: a few rows with the table, then a few
/// more per task, in order, busy until the last is in; then it is the same table.
#[wasm_bindgen_test]
async fn a_long_table_built_out_of_sight_comes_in_parts_and_is_busy_until_whole() {
    use omo_planner::components::deferred::set_out_of_sight;
    set_out_of_sight(true);
    let (host, _) = mount_plan(long_funnel(20));
    set_out_of_sight(false);
    let busy = || {
        host.query_selector("table[aria-busy=\"true\"]")
            .unwrap()
            .is_some()
    };
    let mut seen = vec![row_names(&host).len()];
    assert!(busy(), "busy while rows are left to build");
    assert!(seen[0] > 0 && seen[0] < 24, "{seen:?}");
    for _ in 0..200 {
        if !busy() {
            break;
        }
        after_timer(0).await;
        let now = row_names(&host).len();
        if now != *seen.last().unwrap() {
            seen.push(now);
        }
    }
    assert!(!busy(), "every part built: {seen:?}");
    assert!(seen.len() > 2, "built in several parts: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    let mut names = demo_plan()
        .funnel
        .stages
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>();
    names.extend((0..20).map(|i| format!("环节{i}")));
    assert_eq!(row_names(&host), names);
    // No spacer is left for rows still to come, and the last row's cells are named.
    assert!(host.query_selector("tr.spacer").unwrap().is_none());
    input(&host, "转化人数 环节19");
}

/// Drags row `from`'s handle onto row `to` (positions in the page), as a pointer does.
fn drag(host: &HtmlElement, from: u32, to: u32) {
    let rows = host.query_selector_all("tbody tr[data-row-id]").unwrap();
    let row = |i| rows.item(i).unwrap().unchecked_into::<HtmlElement>();
    let event = |kind: &str| {
        let init = js_sys::Object::new();
        for (key, value) in [
            ("bubbles", JsValue::TRUE),
            ("cancelable", JsValue::TRUE),
            ("dataTransfer", web_sys::DataTransfer::new().unwrap().into()),
        ] {
            js_sys::Reflect::set(&init, &key.into(), &value).unwrap();
        }
        let drag_event: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"DragEvent".into())
                .unwrap()
                .unchecked_into();
        js_sys::Reflect::construct(&drag_event, &js_sys::Array::of2(&kind.into(), &init))
            .unwrap()
            .unchecked_into::<web_sys::Event>()
    };
    let handle = row(from).query_selector(".drag-handle").unwrap().unwrap();
    handle.dispatch_event(&event("dragstart")).unwrap();
    let target = row(to).query_selector("td").unwrap().unwrap();
    target.dispatch_event(&event("drop")).unwrap();
}

/// The rows' names in the page's order.
fn row_names(host: &HtmlElement) -> Vec<String> {
    let names = host
        .query_selector_all("tbody tr[data-row-id] th input")
        .unwrap();
    (0..names.length())
        .map(|i| {
            names
                .item(i)
                .unwrap()
                .unchecked_into::<HtmlInputElement>()
                .value()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_dragged_row_moves_without_re_rendering_the_rows_it_passes() {
    let (host, store) = mount_plan(long_funnel(36));
    settle().await;
    let stage_names = || {
        store.read_untracked(|p| {
            p.funnel
                .stages
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let before_move = stage_names();
    let before = cell_renders();
    drag(&host, 2, 30);
    settle().await;
    let renders = cell_renders() - before;
    let moved = stage_names();
    assert_eq!(moved[30], before_move[2], "the dragged stage is now 31st");
    assert_eq!(
        moved[2], before_move[3],
        "the stages it passed moved up one place"
    );
    assert_eq!(row_names(&host), moved, "the page shows the plan's order");
    let rows = host.query_selector_all("tbody tr[data-row-id]").unwrap();
    let index = |i| {
        rows.item(i)
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .get_attribute("aria-rowindex")
    };
    assert_eq!(index(2).as_deref(), Some("4"));
    assert_eq!(index(30).as_deref(), Some("32"));
    // The dragged row is built again at its new place (8 columns; an input counts its
    // shown text): at most 16. The 28 rows it passed keep their values, so none of their
    // cells re-runs; when cells read their row's position, they did (203 renders).
    assert!(renders > 0, "the dragged row is rendered at its new place");
    assert!(
        renders <= 16,
        "{renders} cell renders for moving one row of 40"
    );
    store.undo();
    settle().await;
    assert_eq!(row_names(&host), before_move, "undo puts it back");
}

#[wasm_bindgen_test]
async fn an_edit_recomputes_only_the_figures_that_read_it() {
    let (host, store) = mount_table();
    settle().await;
    // Two page-wide figures as the pages write them: the funnel's overall conversion and
    // the budget total, each a memo over its own part of the plan.
    let (funnel_runs, budget_runs) = (StoredValue::new(0), StoredValue::new(0));
    let owner = Owner::new();
    let (overall, total) = owner.with(|| {
        let overall = Memo::new(move |_| {
            funnel_runs.update_value(|n| *n += 1);
            store.read_parts(&[Part::FunnelStages], |p| {
                omo_planner::domain::funnel::overall_conversion(&p.funnel.stages)
            })
        });
        let total = Memo::new(move |_| {
            budget_runs.update_value(|n| *n += 1);
            store.read_parts(&[Part::Budget], |p| p.budget.total())
        });
        (overall, total)
    });
    let read_both = || (overall.get_untracked(), total.get_untracked());
    let first = read_both();
    let runs = || (funnel_runs.get_value(), budget_runs.get_value());
    assert_eq!(runs(), (1, 1));

    type_into(&input(&host, "转化人数 到店消费"), "60");
    settle().await;
    let after_funnel_edit = read_both();
    assert_ne!(
        after_funnel_edit.0, first.0,
        "the overall conversion follows the funnel"
    );
    assert_eq!(
        runs(),
        (2, 1),
        "the budget total is not recomputed for a funnel edit"
    );

    store.edit_part(Part::Budget, None, |p| {
        p.budget.total = Entry::from_text("100000");
    });
    read_both();
    assert_eq!(
        runs(),
        (2, 2),
        "a budget edit does not recompute the funnel"
    );

    // Undo puts back the budget only, then the funnel row only.
    store.undo();
    read_both();
    assert_eq!(runs(), (2, 3));
    store.undo();
    settle().await;
    assert_eq!(read_both(), first);
    assert_eq!(runs(), (3, 3));
    assert_eq!(input(&host, "转化人数 到店消费").value(), "324");
}

/// The demo plan with `extra` more budget lines (1% each) after its own.
fn long_budget(extra: u64) -> Plan {
    let mut plan = demo_plan();
    let first = plan.next_row_id().0;
    for i in 0..extra {
        let mut line = BudgetLine::new(RowId(first + i));
        line.category = format!("类别{i}");
        line.share = Entry::from_text("1");
        plan.budget_lines.push(Arc::new(line));
    }
    plan
}

#[wasm_bindgen_test]
async fn a_share_typed_re_renders_only_its_budget_lines_figures() {
    let lines = 40;
    let plan = long_budget(lines - 4);
    let host = fresh_host();
    let store = PlanStore::new(plan);
    // The budget lines' table as the budget section builds it: every line's allocated,
    // committed and remaining figures come from one roll-up of the whole table.
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_lang();
        provide_context(store);
        let (_, by_line) = budget_uses(store);
        view! { <EditableTable caption=Msg::BudgetSplitTitle source=line_source() columns=line_columns(by_line) add_label=Msg::AddCategory /> }
    });
    handle.forget();
    settle().await;
    let other = row_id_of(&host, "类别20");
    let other_figures = derived_texts(&host, other);
    let own = row_id_of(&host, "线下活动");
    let own_figures = derived_texts(&host, own);
    let cell = input(&host, "占比 线下活动");
    cell.focus().unwrap();
    settle().await;
    let before = cell_renders();
    for text in ["3", "30", "3"] {
        type_into(&cell, text);
        settle().await;
    }
    let renders = cell_renders() - before;
    // The roll-up changed (its line's allocation), and only that line's figures follow.
    let now = derived_texts(&host, own);
    assert!(now[0].starts_with('¥'), "the allocation is shown: {now:?}");
    assert_ne!(
        now[0], own_figures[0],
        "the line's allocation follows its share"
    );
    assert_eq!(derived_texts(&host, other), other_figures);
    // Each keystroke re-renders at most the line's own cells (5 columns; an input counts
    // its shown and its edited text): 3 × 10. Reading the whole roll-up, every line's
    // three figures re-ran on each keystroke (3 × 40 × 3 or more).
    assert!(renders > 0, "the line's own cells re-render");
    assert!(
        renders <= 3 * 10,
        "{renders} cell renders for 3 keystrokes in one line of {lines}"
    );
}

/// How many times the cost table's category options were listed (see below).
static CATEGORY_LISTINGS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The budget categories as the cost table lists them, counted.
fn counted_categories(plan: &Plan, lang: omo_planner::i18n::Lang) -> Vec<(String, String)> {
    CATEGORY_LISTINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    category_options(plan, lang)
}

/// The cost table of `plan`, its category a choice among the budget lines' categories
/// (listed through `counted_categories`).
fn mount_cost_table(plan: Plan) -> (HtmlElement, PlanStore) {
    use omo_planner::components::table::Column;
    use omo_planner::domain::scenario::budget::CostLine;
    let host = fresh_host();
    let store = PlanStore::new(plan);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_lang();
        provide_context(store);
        let mut columns = cost_columns();
        let at = columns
            .iter()
            .position(|c| c.header == Msg::ColCategory)
            .expect("a category column");
        columns[at] = Column::<CostLine>::choice_from_plan(
            Msg::ColCategory,
            &[Part::BudgetLines],
            counted_categories,
            |c| c.category.clone(),
            |c, key| c.category = key.to_string(),
        );
        view! { <EditableTable caption=Msg::CostLinesTitle source=cost_source() columns=columns add_label=Msg::AddCostLine /> }
    });
    handle.forget();
    (host, store)
}

fn category_listings() -> usize {
    CATEGORY_LISTINGS.load(std::sync::atomic::Ordering::Relaxed)
}

#[wasm_bindgen_test]
async fn a_choice_column_lists_its_options_once_per_change_not_once_per_cell() {
    let (host, store) = mount_cost_table(long_budget(36));
    settle().await;
    let selects = || host.query_selector_all("tbody select").unwrap();
    assert_eq!(selects().length(), 7, "a category per cost line");
    let line = store.read_untracked(|p| {
        p.budget_lines
            .iter()
            .find(|l| l.category == "线下活动")
            .map(|l| l.id)
    });
    let line = line.expect("the demo's 线下活动 line");
    // Three shares typed into a budget line: the categories are read again once per
    // keystroke (they could have changed), not once per cost line's cell.
    let before = category_listings();
    for share in ["3", "30", "3"] {
        store.edit_row(Part::BudgetLines, line, None, |p| {
            if let Some(l) = p.budget_lines.iter_mut().find(|l| l.id == line) {
                Arc::make_mut(l).share = Entry::from_text(share);
            }
        });
        settle().await;
    }
    let listings = category_listings() - before;
    assert!(
        (1..=3).contains(&listings),
        "{listings} listings of the categories for 3 edits, 7 cost lines in view"
    );
    // Renamed, the category is offered under its new name, and the cost lines that chose
    // the old one keep it, flagged.
    store.edit_row(Part::BudgetLines, line, None, |p| {
        if let Some(l) = p.budget_lines.iter_mut().find(|l| l.id == line) {
            Arc::make_mut(l).category = "门店活动".into();
        }
    });
    settle().await;
    let first: web_sys::HtmlSelectElement = selects().item(0).unwrap().unchecked_into();
    let options = first.query_selector_all("option").unwrap();
    let offered: Vec<String> = (0..options.length())
        .filter_map(|i| options.item(i))
        .filter_map(|o| {
            o.unchecked_into::<web_sys::Element>()
                .get_attribute("value")
        })
        .collect();
    assert!(offered.iter().any(|o| o == "门店活动"), "{offered:?}");
    assert_eq!(
        first.value(),
        "线下活动",
        "the chosen category is kept as it was"
    );
    assert_eq!(first.get_attribute("aria-invalid").as_deref(), Some("true"));
}

/// Pastes `text` (tab-separated) at `target`, as a spreadsheet's copy would arrive.
fn paste(target: &web_sys::Element, text: &str) {
    let dispatch = js_sys::Function::new_with_args(
        "target, text",
        "const data = new DataTransfer(); data.setData('text/plain', text); \
         target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));",
    );
    dispatch
        .call2(&JsValue::NULL, target, &JsValue::from_str(text))
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_pasted_block_lists_a_choice_columns_options_once_not_once_per_cell() {
    let (host, store) = mount_cost_table(long_budget(36));
    settle().await;
    let selects = || host.query_selector_all("tbody select").unwrap();
    // A category per cost line: six of the plan, one that is none of them.
    let mut block: Vec<String> = store.read_untracked(|p| {
        p.budget_lines
            .iter()
            .take(6)
            .map(|l| l.category.clone())
            .collect()
    });
    block.push("无此类别".into());
    let before = category_listings();
    paste(
        &selects().item(0).unwrap().unchecked_into(),
        &(block.join("\n") + "\n"),
    );
    settle().await;
    let listings = category_listings() - before;
    // Two lists (Chinese and English) for the seven writes, one for their errors, one or
    // two for the cells' re-render: 21 or more when each cell listed them.
    assert!(
        listings <= 5,
        "{listings} listings of the categories for 7 pasted cells"
    );
    let chosen: Vec<String> =
        store.read_untracked(|p| p.cost_lines.iter().map(|c| c.category.clone()).collect());
    assert_eq!(chosen, block, "each cell holds what was pasted");
    let last: web_sys::HtmlSelectElement = selects().item(6).unwrap().unchecked_into();
    assert_eq!(last.value(), "无此类别", "a text that is no option is kept");
    assert_eq!(last.get_attribute("aria-invalid").as_deref(), Some("true"));
    let first: web_sys::HtmlSelectElement = selects().item(0).unwrap().unchecked_into();
    assert_eq!(
        first.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}

/// The id of the row whose label is `name`.
fn row_id_of(host: &HtmlElement, name: &str) -> u64 {
    let rows = host.query_selector_all("tbody tr[data-row-id]").unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|row| {
            row.query_selector("th input")
                .unwrap()
                .is_some_and(|i| i.unchecked_into::<HtmlInputElement>().value() == name)
        })
        .and_then(|row| row.get_attribute("data-row-id")?.parse().ok())
        .unwrap_or_else(|| panic!("no row {name}"))
}

/// A pasted choice is looked up in place in a fixed list: the same answers as the listed
/// options give, for its key and a label in either language.
#[wasm_bindgen_test]
fn a_fixed_choice_takes_its_key_or_a_label_in_either_language() {
    use omo_planner::components::table::Options;
    use omo_planner::i18n::Lang;
    use omo_planner::pages::options::UNITS;
    let plan = demo_plan();
    let units = Options::Fixed(UNITS);
    for lang in [Lang::Zh, Lang::En] {
        for (key, label) in units.list(&plan, lang) {
            assert_eq!(units.label_for(&plan, &key, lang), label);
            assert_eq!(
                units.key_for(&plan, &format!(" {label} ")),
                Some(key.clone())
            );
            assert_eq!(units.key_for(&plan, &key), Some(key));
        }
    }
    assert_eq!(
        units
            .key_for(&plan, Msg::UnitMoney.text(Lang::En))
            .as_deref(),
        Some("money")
    );
    assert_eq!(units.key_for(&plan, "no such unit"), None);
    assert_eq!(
        units.label_for(&plan, "no such unit", Lang::En),
        "no such unit"
    );
}
