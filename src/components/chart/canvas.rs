//! A `<canvas>` that plotters draws on, at its displayed size × devicePixelRatio, redrawn
//! whenever its data, the language, its box or the screen's pixel ratio changes, once it
//! is on screen: a change while it is scrolled away is owed and drawn when it comes into
//! view, or before the page is printed.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    HtmlCanvasElement, IntersectionObserver, IntersectionObserverEntry, MediaQueryList,
    ResizeObserver,
};

/// What a drawing function gets: the area in device pixels, and the scale from CSS pixels
/// (multiply margins, line widths and font sizes by it).
pub type Area = DrawingArea<CanvasBackend, plotters::coord::Shift>;

/// The canvas's box as laid out: its width in device pixels and the pixel ratio. Equal
/// boxes draw the same picture, so an unchanged box never redraws.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Backing {
    width: u32,
    dpr: f64,
}

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0)
}

/// The box as shown now; `None` while the canvas is not laid out (detached or hidden),
/// when there is nothing to draw at.
fn measure(canvas: &HtmlCanvasElement) -> Option<Backing> {
    let css_width = canvas.get_bounding_client_rect().width();
    let dpr = device_pixel_ratio();
    let width = (css_width * dpr).round() as u32;
    (width > 0).then_some(Backing { width, dpr })
}

/// The most device pixels a chart's backing store holds (16 MB of RGBA). The Gantt of 80
/// tasks on a 3× phone would take 2,160 × 7,400 (64 MB), which a phone's memory pays for,
/// and the browser's compositor on every frame while the chart is on the page: at 1,000
/// tasks, 45 of a keystroke's 107 ms on /tasks (`TYPING_TRACE=1`, CPU 4×).
const MAX_BACKING_PIXELS: f64 = 4_000_000.0;

/// The scale a chart of `css_width` × `css_height` is drawn at: the pixel ratio, lowered
/// for a chart so large that its backing store would pass MAX_BACKING_PIXELS, never below
/// one device pixel per CSS pixel (`dpr` is at least 1: see device_pixel_ratio).
fn backing_scale(dpr: f64, css_width: f64, css_height: f64) -> f64 {
    let area = css_width * css_height;
    if area * dpr * dpr <= MAX_BACKING_PIXELS {
        dpr
    } else {
        (MAX_BACKING_PIXELS / area).sqrt().clamp(1.0, dpr)
    }
}

/// Sizes the backing store to `size` × `css_height` and hands it to `draw`, so a line is
/// one physical pixel wide, not a blurred two (a very large chart: see backing_scale).
fn paint(canvas: &HtmlCanvasElement, size: Backing, css_height: u32, draw: &dyn Fn(&Area, f64)) {
    let css_width = size.width as f64 / size.dpr;
    let scale = backing_scale(size.dpr, css_width, css_height as f64);
    let (width, height) = if scale == size.dpr {
        (size.width, (css_height as f64 * scale).round() as u32)
    } else {
        // Rounded down, to stay within the bound.
        (
            (css_width * scale) as u32,
            (css_height as f64 * scale) as u32,
        )
    };
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
    draw(&root, scale);
    let _ = root.present();
}

/// Where the current animation frame stands: nothing drawn yet, drawn once, or drawn and
/// asked again (the second drawing waits for the next frame); or, for a change of data,
/// waiting for the next frame, and that frame come (`Ready`).
#[derive(Clone, Copy, PartialEq)]
enum Frame {
    Free,
    Drawn,
    Owed,
    Waiting,
    Ready,
}

/// Whether the canvas is in the viewport, and whether a drawing waits for it to be.
#[derive(Default)]
struct View {
    /// `None` until the observer's first report: drawn as if on screen.
    on_screen: Cell<Option<bool>>,
    /// A change came while the chart was off screen: the next time it is on screen, or
    /// before the page prints, it draws.
    owed: Cell<bool>,
    /// Drawn for print, outside the effect, which then did not follow `draw`'s signals:
    /// the next time it is on screen it draws once more, to follow them again.
    retrack: Cell<bool>,
    /// Drawn at least once: the first drawing is made wherever the chart is, so a page
    /// printed or captured whole shows every chart.
    drawn: Cell<bool>,
}

impl View {
    fn off_screen(&self) -> bool {
        self.on_screen.get() == Some(false)
    }
}

type Listener = Closure<dyn FnMut()>;

/// What watches the canvas's box, the pixel ratio, the viewport and printing; dropped
/// with the chart.
#[derive(Default)]
struct Watchers {
    resize: Option<(ResizeObserver, Listener)>,
    ratio: Option<(MediaQueryList, Listener)>,
    visible: Option<VisibleWatch>,
    /// `beforeprint` on the window, and the print media query (an emulated print medium
    /// fires no `beforeprint`).
    print: Option<PrintWatch>,
}

type PrintWatch = (Closure<dyn FnMut(web_sys::Event)>, Option<MediaQueryList>);
type VisibleWatch = (IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);
/// A chart's drawing function, shared by its effect and its print listener.
type Draw = Rc<dyn Fn(&Area, f64)>;

impl Watchers {
    fn stop_ratio(&mut self) {
        if let Some((query, listener)) = self.ratio.take() {
            let _ = query
                .remove_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        }
    }

    fn stop(&mut self) {
        if let Some((observer, _)) = self.resize.take() {
            observer.disconnect();
        }
        if let Some((observer, _)) = self.visible.take() {
            observer.disconnect();
        }
        if let Some((listener, query)) = self.print.take() {
            let listener = listener.as_ref().unchecked_ref();
            if let Some(window) = web_sys::window() {
                let _ = window.remove_event_listener_with_callback("beforeprint", listener);
            }
            if let Some(query) = query {
                let _ = query.remove_event_listener_with_callback("change", listener);
            }
        }
        self.stop_ratio();
    }
}

/// Listens for the pixel ratio leaving its current value (browser zoom, a window moved to
/// another screen), which changes the backing size without changing the CSS box.
fn watch_ratio(watchers: &Rc<RefCell<Watchers>>, remeasure: Rc<dyn Fn()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = format!("(resolution: {}dppx)", window.device_pixel_ratio());
    let Ok(Some(list)) = window.match_media(&query) else {
        return;
    };
    let weak = Rc::downgrade(watchers);
    let again = remeasure.clone();
    let listener = Closure::<dyn FnMut()>::new(move || {
        again();
        // The query named the old ratio: listen for leaving the new one, once this
        // listener has returned (it is dropped with its query).
        let (weak, again) = (weak.clone(), again.clone());
        request_animation_frame(move || {
            if let Some(watchers) = weak.upgrade() {
                watchers.borrow_mut().stop_ratio();
                watch_ratio(&watchers, again);
            }
        });
    });
    if list
        .add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
        .is_ok()
    {
        watchers.borrow_mut().ratio = Some((list, listener));
    }
}

/// Reports whether `el` is in the viewport; `None` where the browser has no
/// IntersectionObserver (the chart then draws as if always on screen).
fn watch_visible(el: &HtmlCanvasElement, report: impl Fn(bool) + 'static) -> Option<VisibleWatch> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The latest entry is the canvas's state now.
        let last = entries.at(-1);
        if !last.is_undefined() {
            report(
                last.unchecked_into::<IntersectionObserverEntry>()
                    .is_intersecting(),
            );
        }
    });
    let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some((observer, callback))
}

/// Calls `draw_owed` before the page is printed (`beforeprint`, or the print medium
/// emulated), so paper shows every chart as its data is now.
fn watch_print(draw_owed: impl Fn() + 'static) -> Option<PrintWatch> {
    let window = web_sys::window()?;
    let query = window.match_media("print").ok().flatten();
    let printing = query.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        // The media query also reports leaving print: nothing to do then.
        if ev.type_() == "beforeprint" || printing.as_ref().is_some_and(|q| q.matches()) {
            draw_owed();
        }
    });
    let _ =
        window.add_event_listener_with_callback("beforeprint", listener.as_ref().unchecked_ref());
    if let Some(query) = &query {
        let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    }
    Some((listener, query))
}

/// A chart: `draw` runs once the canvas is laid out, and again whenever a signal it reads
/// changes, its box changes width or the pixel ratio changes; at most once per animation
/// frame, and never while the canvas is hidden (width 0). A change of data is drawn in the
/// animation frame after the one that paints the change's cells, so typing never waits for
/// a chart; a new box is drawn at once (never shown stretched). After its first drawing, a
/// change while the canvas is off screen (IntersectionObserver) is owed: drawn when it
/// comes into view, or before the page prints, and not before. `label` names the chart
/// for screen readers (the figures themselves are in the table beside it).
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
    // The box is measured by a ResizeObserver, not on mount: a lazily loaded page mounts
    // before it is attached and laid out, when the canvas is 0 px wide.
    let size = RwSignal::new(None::<Backing>);
    let next_frame = Trigger::new();
    let frame = Rc::new(Cell::new(Frame::Free));
    let view = Rc::new(View::default());
    let draw: Draw = Rc::new(draw);
    let drawn_once = Rc::new(Cell::new(false));
    // The box and height of the last drawing: a drawing for the same box is a change of
    // data, which waits for the next frame; a new box draws at once.
    let painted_box = Rc::new(Cell::new(None::<(Backing, u32)>));
    let watchers = Rc::new(RefCell::new(Watchers::default()));

    canvas.on_load({
        let watchers = watchers.clone();
        let view = view.clone();
        let draw = draw.clone();
        move |el: HtmlCanvasElement| {
            let observed = el.clone();
            let measured = el.clone();
            let remeasure: Rc<dyn Fn()> = Rc::new(move || {
                let now = measure(&measured);
                // Only a new width or ratio redraws; the box's height follows `height`.
                if size.try_get_untracked() != Some(now) {
                    size.try_set(now);
                }
            });
            let on_resize = {
                let remeasure = remeasure.clone();
                Closure::<dyn FnMut()>::new(move || remeasure())
            };
            if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
                observer.observe(&observed);
                watchers.borrow_mut().resize = Some((observer, on_resize));
            }
            watch_ratio(&watchers, remeasure);
            let seen = view.clone();
            watchers.borrow_mut().visible = watch_visible(&el, move |on_screen| {
                seen.on_screen.set(Some(on_screen));
                if on_screen && (seen.owed.get() || seen.retrack.get()) {
                    next_frame.notify();
                }
            });
            let owed = view.clone();
            watchers.borrow_mut().print = watch_print(move || {
                if !owed.owed.get() {
                    return;
                }
                // Drawn now, outside the effect: the print is laid out before any effect
                // or frame runs.
                let Some(size) = size.try_get_untracked().flatten() else {
                    return;
                };
                let height = height.try_get_untracked().unwrap_or_default();
                untrack(|| paint(&el, size, height, &*draw));
                owed.owed.set(false);
                owed.retrack.set(true);
            });
        }
    });
    let stop = SendWrapper::new(watchers);
    on_cleanup(move || stop.borrow_mut().stop());

    Effect::new(move |_| {
        next_frame.track();
        let height = height.get();
        let Some(el) = canvas.get() else {
            return;
        };
        // The box follows the height even while hidden; the backing store follows it
        // when drawn.
        let _ = web_sys::HtmlElement::style(&el).set_property("height", &format!("{height}px"));
        let Some(size) = size.get() else {
            return;
        };
        if view.drawn.get() && view.off_screen() {
            // `draw` is not run, so its signals are not followed until it is: the
            // observer's report of the chart coming into view draws it.
            view.owed.set(true);
            return;
        }
        // Draws inside the effect, so `draw`'s signals are followed again.
        let draw_now = |el: &HtmlCanvasElement, size: Backing, height: u32| {
            paint(el, size, height, &*draw);
            painted_box.set(Some((size, height)));
            view.drawn.set(true);
            view.owed.set(false);
            view.retrack.set(false);
        };
        match frame.get() {
            // The first drawing is a task of its own, after the frame that shows the box:
            // a page, or the takeover of a prerendered one, that shows several charts at
            // once does not draw them all in one long task.
            Frame::Free if !drawn_once.get() => {
                drawn_once.set(true);
                frame.set(Frame::Drawn);
                let frame = frame.clone();
                set_timeout(
                    move || {
                        frame.set(Frame::Free);
                        next_frame.notify();
                    },
                    std::time::Duration::ZERO,
                );
            }
            // A change of data on a box already drawn (not a drawing owed from off screen,
            // which comes into view drawn at once): the frame that shows what was typed
            // (the cell, the figures beside it) is painted first, and the chart is drawn
            // in the next one, so a keystroke never waits for a chart. `draw` is not run
            // now, so its signals are followed again when it is.
            Frame::Free
                if painted_box.get() == Some((size, height))
                    && !view.owed.get()
                    && !view.retrack.get() =>
            {
                frame.set(Frame::Waiting);
                // Owed meanwhile: printing now draws it (`watch_print`).
                view.owed.set(true);
                let frame = frame.clone();
                request_animation_frame(move || {
                    // This frame shows the change; the chart comes with the next.
                    request_animation_frame(move || {
                        frame.set(Frame::Ready);
                        next_frame.notify();
                    });
                });
            }
            Frame::Free => {
                draw_now(&el, size, height);
                frame.set(Frame::Drawn);
                let frame = frame.clone();
                request_animation_frame(move || {
                    if frame.replace(Frame::Free) == Frame::Owed {
                        // Redraws with whatever changed meanwhile; `draw` was not run for
                        // the owed change, so this is what tracks its signals again.
                        next_frame.notify();
                    }
                });
            }
            // The frame after the change: drawn here, inside it. The wait spanned a frame,
            // so this is at most one drawing per frame; the next change waits again.
            Frame::Ready => {
                draw_now(&el, size, height);
                frame.set(Frame::Free);
            }
            Frame::Drawn | Frame::Owed => frame.set(Frame::Owed),
            Frame::Waiting => {}
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
