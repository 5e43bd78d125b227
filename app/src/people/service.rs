//! Password links (server only): a reset asked for at the sign-in page and the invitation of a
//! newly added member are the same single-use link, stored as a hash, sent through the outbox.

use crate::db;
use crate::domain::Lang;
use crate::domain::messages::{self, MessageFacts, MessageKind};
use crate::domain::people::{INVITE_HOURS, RESET_MINUTES, RESETS_PER_HOUR};
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
    };
    db::outbox::put(conn, &m, now).await
}
