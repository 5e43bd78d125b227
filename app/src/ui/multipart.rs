//! Forms that carry files. Without JavaScript they post `multipart/form-data` straight to their
//! server function; with it, [`on_submit`] sends the same `FormData` through an action, so the page
//! is not reloaded and errors appear next to the fields.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::MultipartData;

/// What the action is dispatched with: the form's `FormData` in the browser, nothing on the server
/// (where it is never dispatched).
#[cfg(feature = "hydrate")]
pub type Payload = send_wrapper::SendWrapper<web_sys::FormData>;
#[cfg(not(feature = "hydrate"))]
pub type Payload = ();

/// An action that sends a form's data to `send` (a multipart server function).
pub fn action<F, Fut>(send: F) -> Action<Payload, Result<(), AppError>>
where
    F: Fn(MultipartData) -> Fut + Copy + 'static,
    Fut: std::future::Future<Output = Result<(), AppError>> + 'static,
{
    Action::new_unsync(move |data: &Payload| {
        #[cfg(feature = "hydrate")]
        let data = data.clone();
        #[cfg(not(feature = "hydrate"))]
        let _ = (data, send);
        async move {
            #[cfg(feature = "hydrate")]
            {
                send(data.take().into()).await
            }
            #[cfg(not(feature = "hydrate"))]
            {
                Err(AppError::BadRequest("forms are sent by the browser".into()))
            }
        }
    })
}

/// The form's submit handler: in the browser it sends the form through `action` instead of
/// loading a new page.
pub fn on_submit(
    action: Action<Payload, Result<(), AppError>>,
) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let form = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
            if let Some(data) = form.and_then(|f| web_sys::FormData::new_with_form(&f).ok()) {
                ev.prevent_default();
                action.dispatch(send_wrapper::SendWrapper::new(data));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, action);
    }
}
