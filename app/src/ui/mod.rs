//! Design-system pieces: no data access, props in, view out.

pub mod due;
pub mod multipart;
pub mod page_data;
pub mod post_form;
pub mod raw_text;
pub mod timeline;

pub use due::DueCell;
pub use page_data::{PageData, page_data};
pub use post_form::{Post, PostForm};
pub use raw_text::raw_text;
pub use timeline::Timeline;

use crate::domain::{Lang, Status};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Texts, texts};
use leptos::prelude::*;

/// The page's language, provided by `App`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The texts of the page's language.
pub fn use_texts() -> &'static Texts {
    texts(use_lang())
}

/// The errors to show for a form: the action's latest answer when there is one (JavaScript on),
/// otherwise those the server kept from a post without JavaScript.
pub fn form_errors(
    value: impl Into<Signal<Option<Result<(), AppError>>>>,
    flashed: FieldErrors,
) -> Signal<FieldErrors> {
    let value = value.into();
    Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(e)) => e.field_errors().cloned().unwrap_or_default(),
            Some(Ok(_)) => FieldErrors::default(),
            None => flashed.clone(),
        })
    })
}

/// A general failure of the last submit (not a field error), shown above the form.
#[component]
pub fn ActionFailure(#[prop(into)] value: Signal<Option<Result<(), AppError>>>) -> impl IntoView {
    let t = use_texts();
    move || {
        value
            .with(|v| match v {
                Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
                Some(Err(AppError::TooMany { .. })) => Some(t.common.err_too_many),
                Some(Err(AppError::Unavailable { .. })) => Some(t.common.err_unavailable),
                Some(Err(AppError::NotFound)) => Some(t.common.not_found),
                Some(Err(AppError::Expired)) => Some(t.common.link_expired),
                Some(Err(AppError::Unauthenticated)) => Some(t.common.sign_in_needed),
                Some(Err(AppError::Forbidden)) => Some(t.common.not_allowed),
                Some(Err(_)) => Some(t.common.something_failed),
            })
            .map(|msg| view! { <div class="notice notice-error" role="alert"><p>{msg}</p></div> })
    }
}

/// The GOV.UK-style summary at the top of a form: every error, each a link to its field.
#[component]
pub fn ErrorSummary(
    errors: Signal<FieldErrors>,
    labels: fn(&'static Texts, &str) -> &'static str,
) -> impl IntoView {
    let t = use_texts();
    let labels = std::sync::Arc::new(move |f: &str| labels(t, f).to_string());
    view! { <ErrorSummaryOf errors labels/> }
}

/// [`ErrorSummary`] for fields whose labels are data (a configurable form): `labels` names a field.
#[component]
pub fn ErrorSummaryOf(
    errors: Signal<FieldErrors>,
    labels: std::sync::Arc<dyn Fn(&str) -> String + Send + Sync>,
) -> impl IntoView {
    let t = use_texts();
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                    <h2 id="error-summary-title">{t.common.error_summary}</h2>
                    <ul>
                        {errors
                            .0
                            .into_iter()
                            .map(|e| {
                                let href = format!("#f-{}", e.field);
                                view! {
                                    <li>
                                        <a href=href>
                                            {labels(&e.field)}": "{t.field_error(&e.code)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The message under a field, announced with it through `aria-describedby`.
#[component]
pub fn FieldMessage(errors: Signal<FieldErrors>, #[prop(into)] field: String) -> impl IntoView {
    let t = use_texts();
    move || {
        let field = field.clone();
        errors
            .with(|e| e.get(&field).map(|code| t.field_error(code)))
            .map(|msg| {
                view! {
                    <p class="field-error" id=format!("f-{field}-error")>
                        <span class="visually-hidden">{t.common.err_invalid}" "</span>
                        {msg}
                    </p>
                }
            })
    }
}

/// The `aria-describedby` of a field: its hint and, when it has one, its error.
pub fn described_by(
    errors: Signal<FieldErrors>,
    field: impl Into<String>,
    hint: bool,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    let field: String = field.into();
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("f-{field}-hint"));
        }
        if errors.with(|e| e.get(&field).is_some()) {
            ids.push(format!("f-{field}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Whether a field is invalid, for `aria-invalid`.
pub fn invalid(
    errors: Signal<FieldErrors>,
    field: impl Into<String>,
) -> impl Fn() -> Option<&'static str> + Send + Sync + Clone + 'static {
    let field: String = field.into();
    move || errors.with(|e| e.get(&field).is_some()).then_some("true")
}

/// A status as a coloured label.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let t = use_texts();
    view! { <span class=format!("badge badge-{}", status.code())>{t.status(status)}</span> }
}

/// A failed page load: the message in the page's language, and the right HTTP status on the server.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
        if let AppError::TooMany { retry_after_secs } | AppError::Unavailable { retry_after_secs } =
            error
        {
            res.insert_header(http::header::RETRY_AFTER, retry_after_secs.into());
        }
    }
    let t = use_texts();
    let message = match error {
        AppError::NotFound | AppError::BadRequest(_) => t.common.not_found,
        AppError::Forbidden => t.common.not_allowed,
        AppError::Unauthenticated => t.common.sign_in_needed,
        AppError::TooMany { .. } => t.common.err_too_many,
        AppError::Expired => t.common.link_expired,
        AppError::Unavailable { .. } => t.common.err_unavailable,
        _ => t.common.something_failed,
    };
    let expired = error == AppError::Expired;
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            {expired.then(|| view! { <p><a href="/track">{t.common.resend_action}</a></p> })}
            <p><a href="/">{t.common.app_name}</a></p>
        </div>
    }
}

/// A labelled single-line input with its error message and optional hint. `field` is the name
/// errors use and the id (`f-{field}`); `name` is what the form posts.
#[component]
pub fn TextField(
    errors: Signal<FieldErrors>,
    field: &'static str,
    #[prop(into)] name: String,
    label: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(default = "text")] kind: &'static str,
    /// What browsers may fill in (`new-password` keeps them from offering the user's own).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("f-{field}")>{label}{required.then_some(" *")}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("f-{field}-hint")>{h}</p> })}
            <FieldMessage errors field/>
            <input id=format!("f-{field}") name=name type=kind value=value autocomplete=autocomplete
                aria-required=required.then_some("true") aria-invalid=invalid(errors, field)
                aria-describedby=described_by(errors, field, hint.is_some())/>
        </div>
    }
}

/// A labelled multi-line input with its error message.
#[component]
pub fn TextArea(
    errors: Signal<FieldErrors>,
    field: &'static str,
    #[prop(into)] name: String,
    label: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("f-{field}")>{label}{required.then_some(" *")}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("f-{field}-hint")>{h}</p> })}
            <FieldMessage errors field/>
            <textarea id=format!("f-{field}") name=name rows="4" aria-required=required.then_some("true")
                aria-invalid=invalid(errors, field) aria-describedby=described_by(errors, field, hint.is_some())>
                {raw_text(&value)}
            </textarea>
        </div>
    }
}

/// A labelled select with its error message. `empty` adds a first option with no value (for
/// "any" or "none"); `options` are `(value, text)`, and the one equal to `chosen` is selected.
#[component]
pub fn SelectField(
    errors: Signal<FieldErrors>,
    field: &'static str,
    #[prop(into)] name: String,
    label: &'static str,
    #[prop(optional)] empty: Option<&'static str>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] chosen: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("f-{field}")>{label}</label>
            <FieldMessage errors field/>
            <select id=format!("f-{field}") name=name aria-invalid=invalid(errors, field)
                aria-describedby=described_by(errors, field, false)>
                {empty.map(|e| view! { <option value="">{e}</option> })}
                {options.into_iter().map(|(v, text)| {
                    let selected = v == chosen;
                    view! { <option value=v selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A page's data as it arrives: "loading" until it comes, then the view `ok` makes of it, or why
/// it could not load ([`load_failure`]). The page wrapper every staff and administration page
/// uses.
#[component]
pub fn Loaded<T, F, V>(data: PageData<Result<T, AppError>>, ok: F) -> impl IntoView
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    view! {
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || {
                let ok = ok.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => ok(value).into_any(),
                        Err(e) => load_failure(e),
                    }
                })
            }}
        </Suspense>
    }
}

/// A page that could not load: a visitor who is not signed in goes to the sign-in page and comes
/// back here afterwards; anything else shows its error with its HTTP status.
pub fn load_failure(error: AppError) -> AnyView {
    if error == AppError::Unauthenticated {
        let location = leptos_router::hooks::use_location();
        let here = format!(
            "{}{}",
            location.pathname.get_untracked(),
            location.search.get_untracked()
        );
        let next: String = here
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "/_-".contains(*c))
            .collect();
        view! { <leptos_router::components::Redirect path=format!("/login?next={next}")/> }
            .into_any()
    } else {
        view! { <ErrorView error/> }.into_any()
    }
}
