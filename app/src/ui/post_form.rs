//! Forms posted to a server function, with or without JavaScript.
//!
//! Without JavaScript a [`PostForm`] is a plain `<form method="post">` whose server function
//! redirects back. With it, the form's fields go to the same address as the same
//! `application/x-www-form-urlencoded` body, and the answer lands in the form's [`Post`], whose
//! signals pages read like an action's (`value`, `version`, `pending`). Leptos's `ActionForm`
//! instead parses the fields into the server function's arguments in the browser and encodes
//! them again, which builds a query-string parser and two codecs per form into the bundle; the
//! server parses the body either way, so the browser need not.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The answers of a form posted to server function `S`: the latest one, how many there were and
/// whether one is on its way.
pub struct Post<S: ServerFn> {
    action: Action<String, Result<S::Output, AppError>>,
    server_fn: PhantomData<fn() -> S>,
}

impl<S: ServerFn> Clone for Post<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for Post<S> {}

impl<S> Post<S>
where
    S: ServerFn<Error = AppError>,
    S::Output: DeserializeOwned + Send + Sync + 'static,
{
    /// A form's answers, none yet.
    #[track_caller]
    #[expect(
        clippy::new_without_default,
        reason = "a reactive owner must be there, as for an action"
    )]
    pub fn new() -> Self {
        Post {
            action: Action::new_unsync(|body: &String| send::<S::Output>(S::url(), body.clone())),
            server_fn: PhantomData,
        }
    }

    /// The latest answer; `None` before the form was first sent.
    pub fn value(&self) -> MappedSignal<Option<Result<S::Output, AppError>>> {
        self.action.value()
    }

    /// How many answers have come: pages key their data on it to read it again after a change.
    pub fn version(&self) -> RwSignal<usize> {
        self.action.version()
    }

    /// Whether the form is on its way.
    pub fn pending(&self) -> Memo<bool> {
        self.action.pending()
    }
}

/// A form that posts to `action`'s server function; attributes given as `attr:` go on the
/// `<form>`.
#[component]
pub fn PostForm<S>(action: Post<S>, children: Children) -> impl IntoView
where
    S: ServerFn<Error = AppError>,
    S::Output: DeserializeOwned + Send + Sync + 'static,
{
    let action = action.action;
    view! {
        <form action=S::url() method="post" on:submit=move |ev| {
            if let Some(body) = take_body(&ev) {
                action.dispatch(body);
            }
        }>
            {children()}
        </form>
    }
}

/// The submitted form's fields (with the button that sent it) as a url-encoded body, when the
/// browser should send them instead of loading a new page. Another handler that already
/// prevented the default keeps the form from being sent at all.
fn take_body(ev: &leptos::ev::SubmitEvent) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        if ev.default_prevented() {
            return None;
        }
        let data = leptos::form::form_data_from_event(ev).ok()?;
        let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        ev.prevent_default();
        Some(String::from(body.to_string()))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// Posts `body` to `url` and reads the answer: the output as JSON, or the error a 4xx/5xx
/// carries; a redirect the server function asked for is then followed in the app.
async fn send<T: DeserializeOwned>(url: &'static str, body: String) -> Result<T, AppError> {
    let answer = fetch(url, body).await?;
    let output = if (400..=599).contains(&answer.status) {
        Err(serde_json::from_slice(&answer.body).unwrap_or_else(|_| unreadable()))
    } else {
        serde_json::from_slice(&answer.body).map_err(|_| unreadable())
    };
    if let Some(location) = answer.redirect {
        leptos::server_fn::redirect::call_redirect_hook(&location);
    }
    output
}

fn unreadable() -> AppError {
    AppError::Internal("the answer could not be read".into())
}

/// A server function's answer as it came.
struct Answer {
    status: u16,
    body: Vec<u8>,
    /// Where the server function redirects to, if it does.
    redirect: Option<String>,
}

#[cfg(feature = "hydrate")]
async fn fetch(url: &str, body: String) -> Result<Answer, AppError> {
    use leptos::server_fn::redirect::REDIRECT_HEADER;
    let failed = |e: gloo_net::Error| AppError::Internal(e.to_string());
    let res = gloo_net::http::Request::post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body)
        .map_err(failed)?
        .send()
        .await
        .map_err(failed)?;
    let headers = res.headers();
    let redirect = headers
        .get(REDIRECT_HEADER)
        .map(|_| headers.get("Location").unwrap_or_else(|| res.url()));
    Ok(Answer {
        status: res.status(),
        body: res.binary().await.map_err(failed)?,
        redirect,
    })
}

#[cfg(not(feature = "hydrate"))]
async fn fetch(_url: &str, _body: String) -> Result<Answer, AppError> {
    // Forms are only ever sent this way by the browser.
    Err(AppError::BadRequest("forms are sent by the browser".into()))
}
