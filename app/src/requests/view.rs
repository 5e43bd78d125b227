//! Putting the request view together: the request with its timeline and panels, what the advisor
//! may do with it, their drafts and templates, and the flash of a form posted without JavaScript.

use crate::db;
use crate::db::users::StaffUser;
use crate::domain::Lang;
use crate::domain::Localized;
use crate::domain::mail;
use crate::domain::pages::RequestPage;
use crate::domain::templates::Facts;
use crate::error::{AppError, FormFlash};
use chrono::Utc;
use sqlx::PgConnection;

/// How many of the customer's, and of their organisation's, other requests the panel lists.
const HISTORY: i64 = 10;

/// The flash of a failed post if it came from the form whose values have `key`.
fn flash_of<T: serde::de::DeserializeOwned>(
    flash: &Option<FormFlash<serde_json::Value>>,
    key: &str,
) -> Option<FormFlash<T>> {
    let f = flash.as_ref()?;
    f.values.get(key)?;
    Some(FormFlash {
        values: serde_json::from_value(f.values.clone()).ok()?,
        errors: f.errors.clone(),
    })
}

/// Request `id` of `user`'s organisation as the request view shows it to them (in `lang`), with
/// the form `flash` to show again. Opening it reads the notifications it held for them.
pub async fn request_page(
    conn: &mut PgConnection,
    user: &StaffUser,
    id: i64,
    flash: Option<FormFlash<serde_json::Value>>,
    lang: Lang,
) -> Result<RequestPage, AppError> {
    let org = user.organisation_id;
    let mut request = request_detail(conn, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    request.service_level.explanation = crate::requests::clocks::explain_due(conn, id).await?;
    // The messages to the customer join the timeline with their delivery state, in order.
    let deliveries = db::outbox::for_request(conn, id).await?;
    let d = &crate::i18n::texts(lang).desk;
    let words = mail::StateWords {
        queued: d.mail_queued,
        sent: d.mail_sent,
        retry: d.mail_retry,
        failed: d.mail_failed,
    };
    let entries = deliveries
        .iter()
        .map(|m| mail::delivery_entry(m, &words, lang));
    request.timeline.extend(entries);
    request.timeline.sort_by_key(|e| e.at);
    let now = Utc::now();
    db::notifications::read_request(conn, org, user.id, id, now).await?;
    let work_order = match request.work_order_id {
        Some(w) => db::work_orders::view(conn, org, w).await?,
        None => None,
    };
    let writing_since = now - chrono::Duration::seconds(crate::domain::drafts::WRITING_SECS);
    let (drafts, writers) = db::drafts::on_request(conn, id, user.id, writing_since).await?;
    let lead = crate::domain::queues::may_assign_others(&user.role);
    let colleagues = match lead {
        true => db::queues::colleagues(conn, org).await?,
        false => Vec::new(),
    };
    let other_orgs = other_orgs(conn, org).await?;
    let facts = Facts {
        customer_name: request.customer_name.clone(),
        number: request.number.clone(),
        subject: request.subject.clone(),
        advisor: user.display_name.clone(),
        organisation: db::orgs::find(conn, org)
            .await?
            .map(|o| o.name.get(request.language).to_string())
            .unwrap_or_default(),
    };
    Ok(RequestPage {
        me: user.id,
        lead,
        colleagues,
        templates: db::templates::list(conn, org, Some(request.language)).await?,
        facts,
        flash: flash_of(&flash, "status"),
        class_flash: flash_of(&flash, "request_type"),
        link_flash: flash_of(&flash, "choice"),
        hold_flash: flash_of(&flash, "grounds"),
        wo_flash: flash_of(&flash, "title"),
        resolution_flash: flash_of(&flash, "fi"),
        delegate_flash: flash_of(&flash, "to_org"),
        return_flash: flash_of(&flash, "return_note"),
        note_flash: flash_of(&flash, "internal_note"),
        supplier_flash: flash_of(&flash, "supplier"),
        split_flash: flash_of(&flash, "split_subject"),
        history: db::requests::customer_history(conn, id, HISTORY).await?,
        routed_queues: db::routing::routed_queues(conn, org).await?,
        drafts,
        writers,
        other_orgs,
        work_order,
        open_work_orders: db::work_orders::open_list(conn, org).await?,
        can_hold: crate::domain::retention::may_hold(&user.role, user.service_admin),
        options: super::clocks::class_options(conn, org).await?,
        customer: customer_input(conn, org, id, lang).await?,
        undelivered: mail::undelivered(&deliveries),
        held: db::inbound::held_for(conn, org, id).await?,
        request,
    })
}

/// Every organisation but `organisation_id`, for delegation.
pub async fn other_orgs(
    conn: &mut sqlx::PgConnection,
    organisation_id: i64,
) -> Result<Vec<(i64, Localized)>, AppError> {
    Ok(crate::db::orgs::list(conn)
        .await?
        .into_iter()
        .filter(|o| o.id != organisation_id)
        .map(|o| (o.id, o.name))
        .collect())
}

/// Request `id` as `user`'s organisation may read it while it is delegated there, with the public
/// timeline when its owner shared it.
pub async fn delegated_view(
    conn: &mut PgConnection,
    user: &StaffUser,
    id: i64,
) -> Result<crate::domain::views::DelegatedView, AppError> {
    let (mut view, shared) = db::delegations::view_for_receiver(conn, user.organisation_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if shared {
        view.timeline = db::events::timeline(conn, id, true).await?;
    }
    Ok(view)
}

/// Request `id` of organisation `org` with its delegation trail, links and whole timeline; `None`
/// when it belongs to another organisation.
pub async fn request_detail(
    conn: &mut PgConnection,
    org: i64,
    id: i64,
) -> Result<Option<crate::domain::views::RequestDetail>, AppError> {
    let Some(mut request) = db::requests::detail(conn, org, id).await? else {
        return Ok(None);
    };
    request.delegation_trail = db::delegations::trail(conn, id).await?;
    request.links = db::links::linked(conn, org, id).await?;
    request.timeline = db::events::timeline(conn, id, false).await?;
    Ok(Some(request))
}

/// What the customer of request `id` sent besides the message, as an advisor reading in `lang`
/// sees it (see [`crate::domain::views::CustomerInput`]).
pub async fn customer_input(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    lang: crate::domain::Lang,
) -> sqlx::Result<crate::domain::views::CustomerInput> {
    use crate::domain::forms::{Answer, FormDef};
    use crate::domain::views::{CustomerInput, SurveyResult};
    let Some(f) = crate::db::requests::form_answers(conn, organisation_id, id).await? else {
        return Ok(CustomerInput::default());
    };
    let def: FormDef = f
        .fields
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let answers: std::collections::BTreeMap<String, Answer> = f
        .answers
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let answers = def
        .fields
        .iter()
        .filter_map(|field| {
            let a = answers.get(&field.key)?;
            Some((
                field.label.get(lang).to_string(),
                field.answer_text(a, lang),
            ))
        })
        .collect();
    let files = crate::db::attachments::list(conn, id)
        .await?
        .into_iter()
        .map(|a| (a.id, a.file_name, a.size_bytes))
        .collect();
    let surveys = crate::db::surveys::for_request(conn, id)
        .await?
        .into_iter()
        .map(|(score, comment, at)| SurveyResult { score, comment, at })
        .collect();
    Ok(CustomerInput {
        answers,
        files,
        surveys,
        hurry_count: f.hurry_count,
        last_hurry_at: f.last_hurry_at,
    })
}
