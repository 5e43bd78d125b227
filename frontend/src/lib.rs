//! The browser entry point: hydrates the server-rendered page.
// The request view's type is deeply nested; laying it out for the release bundle needs more than
// the default 128 levels (the server binary sets the same).
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Most pages are lazy routes: hydration first loads the code of the page the server rendered.
    leptos::mount::hydrate_lazy(app::App);
}
