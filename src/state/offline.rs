//! The app that opens offline (issue 28). `.ci/service-worker.mjs` writes `/sw.js` at build
//! time and stamps its build into every page (`<meta name="omo-build">`); this registers it
//! once the app is live, where the browser has working service workers
//! (`domain::sync::offline_app`), and answers the worker's question "which build are you?"
//! so it deletes an older build's cache only when no open page still runs that build.
//! Also the device's network state, for the header's offline badge.

use crate::domain::sync::offline_app::service_worker_suits;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// `navigator.serviceWorker` and the bits of it used here, bound by hand: web-sys' bindings
// are not among the crate's features, and these few calls need no more.
#[wasm_bindgen]
extern "C" {
    type ServiceWorkerContainer;
    #[wasm_bindgen(method)]
    fn register(this: &ServiceWorkerContainer, url: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &ServiceWorkerContainer) -> JsValue;

    /// A service worker, or a message port: both take `postMessage`.
    type MessageTarget;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &MessageTarget, message: &JsValue);

    type WorkerMessage;
    #[wasm_bindgen(method, getter)]
    fn data(this: &WorkerMessage) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn ports(this: &WorkerMessage) -> js_sys::Array;
}

/// The build this page belongs to, as `.ci/service-worker.mjs` stamped it. None in a
/// development build and while the pages are prerendered: no worker then.
fn page_build() -> Option<String> {
    document()
        .query_selector("meta[name=\"omo-build\"]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|build| !build.is_empty())
}

/// Registers `/sw.js` when the browser is idle after the app went live, so that neither
/// the worker's script nor its precache (which it fetches at low priority) competes with
/// the page's own start. Nothing happens where service workers are missing, need a
/// secure context the page is not in, or misbehave (chat-app webviews).
pub fn register_service_worker() {
    let Some(build) = page_build() else { return };
    let window = window();
    if !window.is_secure_context() {
        return;
    }
    let navigator = window.navigator();
    if !navigator
        .user_agent()
        .is_ok_and(|ua| service_worker_suits(&ua))
    {
        return;
    }
    let container = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|c| c.is_object());
    let Some(container) = container else { return };
    let container: ServiceWorkerContainer = container.unchecked_into();

    // "omo-build?" on a port: this page's build.
    let answer = Closure::<dyn Fn(WorkerMessage)>::new(move |message: WorkerMessage| {
        if message.data().as_string().as_deref() == Some("omo-build?") {
            if let Ok(port) = message.ports().get(0).dyn_into::<js_sys::Object>() {
                port.unchecked_into::<MessageTarget>()
                    .post_message(&JsValue::from_str(&build));
            }
        }
    });
    let _ = container
        .unchecked_ref::<web_sys::EventTarget>()
        .add_event_listener_with_callback("message", answer.as_ref().unchecked_ref());
    answer.forget();

    let register = Closure::once_into_js(move || {
        let registered = container.register("/sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(registered)
                .await
                .is_err()
            {
                return;
            }
            // A worker already in charge may now delete the caches of builds no page runs.
            let controller = container.controller();
            if controller.is_object() {
                controller
                    .unchecked_into::<MessageTarget>()
                    .post_message(&JsValue::from_str("omo-prune"));
            }
        });
    });
    // requestIdleCallback where there is one (not in Safari), else a second later.
    let idle = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &5000.into());
    let scheduled = idle.is_some_and(|f| f.call2(&window, &register, &options).is_ok());
    if !scheduled {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(register.unchecked_ref(), 1000);
    }
}

/// Whether the device has a network, as the browser says (`navigator.onLine`, the
/// `online` / `offline` events). For the header only: the app itself works either way.
pub fn online_signal() -> ReadSignal<bool> {
    let (online, set_online) = signal(window().navigator().on_line());
    let off = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
    let on = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
    on_cleanup(move || {
        off.remove();
        on.remove();
    });
    online
}
