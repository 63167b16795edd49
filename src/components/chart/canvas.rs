//! A `<canvas>` that plotters draws on, sharp on high-DPI screens and redrawn whenever
//! its data, the language or the width changes.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// What a drawing function gets: the area in device pixels, and the scale from CSS pixels
/// (multiply margins, line widths and font sizes by it).
pub type Area = DrawingArea<CanvasBackend, plotters::coord::Shift>;

/// Sizes the canvas for the screen and hands it to `draw`. The backing store is the CSS
/// size × devicePixelRatio, so a line is one physical pixel wide, not a blurred two.
fn paint(canvas: &HtmlCanvasElement, css_height: u32, draw: &dyn Fn(&Area, f64)) {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let css_width = canvas.client_width().max(240) as f64;
    let (width, height) = (
        (css_width * dpr).round() as u32,
        (css_height as f64 * dpr).round() as u32,
    );
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    draw(&root, dpr);
    let _ = root.present();
}

/// A chart: `draw` runs on mount and again whenever a signal it reads changes, or the
/// window is resized. `label` names the chart for screen readers (the figures themselves
/// are in the table beside it).
///
/// A chart with a `min_width` keeps that width on a narrow screen and scrolls sideways
/// in its frame (focusable, so the keyboard can scroll it too).
#[component]
pub fn ChartCanvas(
    #[prop(into)] label: Signal<String>,
    /// CSS pixels; may follow the data (a row per task).
    #[prop(into)]
    height: Signal<u32>,
    draw: impl Fn(&Area, f64) + Send + Sync + 'static,
    #[prop(optional)] test_id: &'static str,
    #[prop(optional)] min_width: Option<u32>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        resized.track();
        let height = height.get();
        if let Some(el) = canvas.get() {
            // The new height must be laid out before the canvas is sized from it.
            let _ = web_sys::HtmlElement::style(&el).set_property("height", &format!("{height}px"));
            paint(&el, height, &draw);
        }
    });
    let min_width = min_width.map(|w| format!("min-width:{w}px;"));
    let scrolls = min_width.is_some();
    view! {
        <div
            class="chart"
            class:scroll-x=scrolls
            tabindex=scrolls.then_some("0")
            role=scrolls.then_some("region")
            aria-label=move || scrolls.then(|| label.get())
        >
            <canvas
                node_ref=canvas
                role="img"
                aria-label=move || label.get()
                data-testid=test_id
                style=format!("width:100%;{}height:{}px", min_width.clone().unwrap_or_default(), height.get_untracked())
            ></canvas>
        </div>
    }
}
