//! People and access (server only): saving a member, and password links. A reset asked for at
//! the sign-in page and the invitation of a newly added member are the same single-use link,
//! stored as a hash, sent through the outbox.

use crate::db;
use crate::domain::Lang;
use crate::domain::messages::{self, MessageFacts, MessageKind};
use crate::domain::people::{INVITE_HOURS, MemberInput, RESET_MINUTES, RESETS_PER_HOUR};
use crate::error::{AppError, FieldErrors};
use crate::requests::customer::Mailer;
use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

/// Sends the account of `email` a link to choose a password: a reset (valid an hour) or, with
/// `invited_to` naming the organisation, an invitation (valid three days). Does nothing when there
/// is no such account, or when it was sent [`RESETS_PER_HOUR`] links in the last hour; the caller
/// answers the same either way, so nobody learns which addresses have accounts.
pub async fn send_password_link(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    email: &str,
    lang: Lang,
    invited_to: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    if db::users::recent_resets(conn, email, now - Duration::hours(1)).await? >= RESETS_PER_HOUR {
        tracing::warn!("password links to one account limited");
        return Ok(());
    }
    let (kind, lifetime) = match invited_to {
        Some(_) => (MessageKind::StaffInvite, Duration::hours(INVITE_HOURS)),
        None => (MessageKind::PasswordReset, Duration::minutes(RESET_MINUTES)),
    };
    let token = crate::security::new_link_secret();
    let hash = crate::security::session_hash(&token);
    if db::users::create_reset(conn, email, &hash, now + lifetime)
        .await?
        .is_none()
    {
        return Ok(());
    }
    let link = format!("{}/login/reset/{token}", mailer.base_url);
    let facts = MessageFacts {
        number: "",
        org_name: invited_to.unwrap_or(""),
        subject: "",
        link: &link,
        body: None,
    };
    let (subject, body) = messages::compose(kind, lang, &facts);
    let m = db::outbox::NewMessage {
        organisation_id: None,
        request_id: None,
        kind,
        to_email: email,
        language: lang,
        subject: &subject,
        body: &body,
        at: now,
    };
    db::outbox::put(conn, std::slice::from_ref(&m)).await
}

/// Saves `input` as a member of organisation `org`, as the administrator with `admin_email`
/// (whose own membership is not theirs to change here). A new account is invited in `lang`.
/// Returns what was saved, or the field errors.
pub async fn save_member(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    (org, admin_email): (&db::orgs::Organisation, &str),
    input: &MemberInput,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Result<db::people::Saved, FieldErrors>, AppError> {
    let known = db::orgs::category_ids(conn, org.id).await?;
    let member = match input.parse(&known) {
        Ok(m) if !m.email.eq_ignore_ascii_case(admin_email) => m,
        Ok(_) => {
            let mut errors = FieldErrors::default();
            errors.add("email", "own_membership");
            return Ok(Err(errors));
        }
        Err(errors) => return Ok(Err(errors)),
    };
    let saved = db::people::save_member(conn, org.id, &member).await?;
    if let db::people::Saved::NewAccount(_) = saved {
        let name = org.name.get(lang);
        send_password_link(conn, mailer, &member.email, lang, Some(name), now).await?;
    }
    Ok(Ok(saved))
}

/// Sets the password typed twice in `typed` with reset link `token`, hashing it off the async
/// runtime: every session of the account ends and its other links are spent. Returns the
/// account, or the field errors (a short or mismatched password, a used or expired link).
pub async fn reset_password(
    pool: &sqlx::PgPool,
    token: &str,
    (password, confirm): (&str, &str),
    now: DateTime<Utc>,
) -> Result<Result<i64, FieldErrors>, AppError> {
    let password = match crate::domain::people::parse_new_password(password, confirm) {
        Ok(p) => p,
        Err(errors) => return Ok(Err(errors)),
    };
    let hash = crate::hashing::hash(password).await?;
    let mut tx = pool.begin().await?;
    let token_hash = crate::security::session_hash(token);
    let Some(user_id) = db::users::use_reset(&mut tx, &token_hash, &hash, now).await? else {
        let mut errors = FieldErrors::default();
        errors.add("password", "link_expired");
        return Ok(Err(errors));
    };
    tx.commit().await?;
    Ok(Ok(user_id))
}
