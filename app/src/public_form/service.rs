//! The web-form channel: the start page and each form put together for the citizen, and taking in
//! a post — the bot checks, the form's own validation and file limits, the rate limits, then the
//! writer, which stores and acknowledges it with the posts that came with it.

use super::types::{CategoryOption, FormCard, NoticeText, OrgCard, PrivacyNotice, PublicForm};
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
    let keep = crate::domain::forms::truncated(&posted.values);
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
    let keep = crate::domain::forms::truncated(&values);
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
    stored: &crate::db::intake::Submitted,
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

/// The start page: organisations with their public forms, by name in `lang` (the database
/// orders by the Finnish name).
pub async fn start_page(
    conn: &mut sqlx::PgConnection,
    lang: crate::domain::Lang,
) -> Result<Vec<OrgCard>, AppError> {
    let orgs = crate::db::orgs::list(conn).await?;
    let links = crate::db::forms::public_links(conn).await?;
    let forms_of = |id: i64| -> Vec<FormCard> {
        let of = links.iter().filter(|l| l.organisation_id == id);
        of.map(|l| FormCard {
            slug: l.slug.clone(),
            name: l.name.clone(),
        })
        .collect()
    };
    let mut cards: Vec<OrgCard> = orgs
        .into_iter()
        .map(|o| OrgCard {
            forms: forms_of(o.id),
            slug: o.slug,
            name: o.name,
        })
        .filter(|c| !c.forms.is_empty())
        .collect();
    cards.sort_by_cached_key(|c| c.name.get(lang).to_lowercase());
    Ok(cards)
}

/// Form `form` of organisation `org` as a citizen fills it in, carrying `stamp` (see
/// [`abuse::form_stamp`]) and a fresh submission key.
pub async fn form_page(
    conn: &mut sqlx::PgConnection,
    org: &str,
    form: &str,
    stamp: String,
) -> Result<PublicForm, AppError> {
    let o = crate::db::orgs::find_by_slug(conn, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let f = crate::db::forms::find_published(conn, o.id, form)
        .await?
        .ok_or(AppError::NotFound)?;
    // A form bound to a category asks for none.
    let categories = match f.form.settings.category_id {
        Some(_) => None,
        None => Some(crate::db::orgs::categories(conn, o.id).await?),
    };
    let categories = categories.map(|cs| {
        cs.into_iter()
            .map(|c| CategoryOption {
                id: c.id,
                name: c.name,
            })
            .collect()
    });
    Ok(PublicForm {
        has_logo: crate::db::orgs::has_logo(conn, o.id).await?,
        org_slug: o.slug,
        org_name: o.name,
        brand_colour: o.brand_colour,
        slug: f.form.settings.slug,
        name: f.form.settings.name,
        intro: f.form.settings.intro,
        def: f.def,
        categories,
        limits: f.form.settings.limits,
        stamp,
        submission: abuse::new_submission_key(),
        flash: None,
    })
}

/// The current privacy notice of organisation `org` in `lang`.
pub async fn privacy_page(
    conn: &mut sqlx::PgConnection,
    org: &str,
    lang: crate::domain::Lang,
) -> Result<PrivacyNotice, AppError> {
    let o = crate::db::orgs::find_by_slug(conn, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let notice = crate::db::privacy::current(conn, o.id, lang).await?;
    Ok(PrivacyNotice {
        org_name: o.name,
        notice: notice.map(|n| NoticeText {
            version: n.version,
            body: n.body,
            published_at: n.published_at,
        }),
        more_url: o.privacy_url,
    })
}
