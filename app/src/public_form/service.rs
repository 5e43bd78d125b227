//! Taking in a public form post: the bot checks, the form's own validation and file limits, the
//! rate limits, then the writer, which stores and acknowledges it with the posts that came with it.

use crate::abuse;
use crate::ctx::AppState;
use crate::domain::forms::{self, FormContext, first};
use crate::error::{AppError, FieldErrors};
use crate::uploads::{CheckedFile, Posted, Upload};
use chrono::{DateTime, Utc};

/// [`submit`]; when the database is out of reach, a browser without JavaScript (whose page would
/// be lost) is sent to `/retry/{id}`, where what it typed is kept in memory to send again.
pub async fn submit_or_keep(
    state: &AppState,
    posted: Posted,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let keep = crate::domain::request::truncated(&posted.values);
    let had_files = !posted.files.is_empty();
    match submit(state, posted, now).await {
        Err(AppError::Unavailable { .. }) if crate::ctx::is_plain_form_post() => {
            let id = state.unsent.keep(&keep, had_files, now.timestamp());
            leptos_axum::redirect(&format!("/retry/{id}"));
            Ok(())
        }
        other => other,
    }
}

/// Validates and stores one posted form; see [`super::api::submit_form`].
pub async fn submit(state: &AppState, posted: Posted, now: DateTime<Utc>) -> Result<(), AppError> {
    let values = posted.values;
    // The connection goes back to the pool before anything else is written (a refusal's flash,
    // the request by the writer), so posts never hold one while waiting for another.
    let (settings, form) = {
        let mut conn = state.pool.acquire().await?;
        let settings = state
            .intake
            .by_slug(&mut conn, first(&values, "org"), now)
            .await?
            .ok_or(AppError::NotFound)?;
        let form = settings
            .form(&mut conn, first(&values, "form"))
            .await?
            .ok_or(AppError::NotFound)?;
        (settings, form)
    };
    let org = &settings.org;
    let embedded = first(&values, "embed") == "1";
    let back = format!(
        "{}/o/{}/{}",
        if embedded { "/embed" } else { "" },
        org.slug,
        form.form.settings.slug
    );
    let keep = crate::domain::request::truncated(&values);
    let refuse = |code: &str| {
        let mut errors = FieldErrors::default();
        errors.add("form", code);
        errors
    };
    let stamp = abuse::check_stamp(
        &state.secret,
        first(&values, "started"),
        now.timestamp(),
        state.limits.min_fill_secs,
    );
    let bot = if first(&values, "website").is_empty() {
        stamp.err()
    } else {
        Some("not_accepted")
    };
    if let Some(code) = bot {
        return crate::ctx::form_failed(&keep, refuse(code), &back).await;
    }
    if let Err(e) = crate::ctx::rate_limit(&state.limits.per_ip, &[&crate::ctx::client_ip()], now) {
        return crate::ctx::too_many(e, &keep, &back).await;
    }
    // A post sent again (its answer lost, a double click) gets the first answer, whatever
    // limits it would meet now. The key is made with the address as typed, as parsing keeps it.
    let key = abuse::submission_key(first(&values, "submission"), first(&values, "email"));
    let earlier = match &key {
        Some(key) => {
            let mut conn = state.pool.acquire().await?;
            crate::db::submission_keys::find(&mut conn, key).await?
        }
        None => None,
    };
    if let Some(stored) = earlier {
        tracing::info!(
            request_id = stored.id,
            "a form post sent again gets its first answer"
        );
        return sent(state, &stored, embedded, now);
    }
    let ctx = FormContext {
        form_name: &form.form.settings.name,
        // A form bound to a category asks for none.
        categories: match form.form.settings.category_id {
            Some(_) => None,
            None => Some(&settings.category_ids),
        },
    };
    let parsed = form.def.parse(&values, &ctx);
    let (files, file_errors) =
        check_files(&form.def, &form.form.settings.limits, &values, posted.files);
    let req = match parsed {
        Ok(req) if file_errors.is_empty() => req,
        Ok(_) => return crate::ctx::form_failed(&keep, file_errors, &back).await,
        Err(mut errors) => {
            errors.0.extend(file_errors.0);
            return crate::ctx::form_failed(&keep, errors, &back).await;
        }
    };
    if let Err(e) = crate::ctx::rate_limit(&state.limits.submit_per_address, &[&req.email], now) {
        return crate::ctx::too_many(e, &keep, &back).await;
    }
    let consent_language = crate::ctx::lang();
    let stored = state
        .writer
        .submit(crate::requests::intake::Submission {
            consent_notice_id: settings.notice(consent_language).map(|n| n.id),
            settings: settings.clone(),
            form,
            req,
            files,
            consent_language,
            at: now,
            key,
        })
        .await?;
    tracing::info!(
        request_id = stored.id,
        number = stored.number.as_str(),
        "request submitted"
    );
    sent(state, &stored, embedded, now)
}

/// Sends the browser to the confirmation of `stored`, with a fresh tracking link.
fn sent(
    state: &AppState,
    stored: &crate::db::requests::Submitted,
    embedded: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let token = crate::security::tracking_token(
        &state.secret,
        stored.id,
        stored.tracking_nonce,
        now.timestamp(),
    );
    let sent = if embedded { "/embed/sent" } else { "/sent" };
    leptos_axum::redirect(&format!("{sent}/{token}"));
    Ok(())
}

/// The uploads of the shown file fields, checked against the form's limits; a required file
/// field without one is an error too.
fn check_files(
    def: &forms::FormDef,
    limits: &forms::FileLimits,
    values: &forms::RawValues,
    uploads: Vec<Upload>,
) -> (Vec<CheckedFile>, FieldErrors) {
    let fields: Vec<&forms::FieldDef> = def.file_fields(values).collect();
    let mut missing = FieldErrors::default();
    for f in fields.iter().filter(|f| f.required) {
        if !uploads.iter().any(|u| u.field == f.key) {
            missing.add(&f.key, "required");
        }
    }
    let (checked, mut errors) =
        crate::uploads::check(uploads, |name| fields.iter().any(|f| f.key == name), limits);
    errors.0.extend(missing.0);
    (checked, errors)
}
