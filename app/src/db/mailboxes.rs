//! The `mailboxes` table: the IMAP accounts organisations read their mail from, with what each
//! reader last saw. Passwords are stored sealed (`security::seal`); this module never opens them.

use crate::domain::mailbox::{Mailbox, MailboxSettings, MailboxState};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The longest failure kept for the administrators.
const MAX_ERROR: usize = 1000;

/// A mailbox as its reader connects to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub organisation_id: i64,
    /// Changes with every edit: a reader with an older version starts again.
    pub version: i32,
    pub host: String,
    pub port: u16,
    pub username: String,
    pub password_sealed: Vec<u8>,
    pub folder: String,
    pub processed_folder: String,
    pub failed_folder: String,
}

/// Every mailbox of organisation `organisation_id`, in the order they were added.
pub async fn list(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<MailboxState>> {
    let rows = sqlx::query!(
        "SELECT id, name, host, port, username, folder, processed_folder, failed_folder, enabled,
                checked_at, taken_in, failed, last_error, last_error_at
           FROM mailboxes WHERE organisation_id = $1 ORDER BY id LIMIT 100",
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MailboxState {
            mailbox: Mailbox {
                id: r.id,
                name: r.name,
                host: r.host,
                port: u16::try_from(r.port).unwrap_or(0),
                username: r.username,
                folder: r.folder,
                processed_folder: r.processed_folder,
                failed_folder: r.failed_folder,
                enabled: r.enabled,
            },
            checked_at: r.checked_at,
            taken_in: r.taken_in,
            failed: r.failed,
            last_error: r.last_error_at.zip(r.last_error),
        })
        .collect())
}

/// How many mailboxes organisation `organisation_id` has.
pub async fn count(conn: &mut PgConnection, organisation_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM mailboxes WHERE organisation_id = $1"#,
        organisation_id
    )
    .fetch_one(conn)
    .await
}

/// Adds a mailbox with its sealed password; answers its id. The same account and folder twice
/// fails on the `mailboxes_account` constraint.
pub async fn insert(
    conn: &mut PgConnection,
    organisation_id: i64,
    m: &MailboxSettings,
    password_sealed: &[u8],
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO mailboxes (organisation_id, name, host, port, username, password_sealed,
                                folder, processed_folder, failed_folder, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        organisation_id,
        m.name,
        m.host,
        i32::from(m.port),
        m.username,
        password_sealed,
        m.folder,
        m.processed_folder,
        m.failed_folder,
        m.enabled
    )
    .fetch_one(conn)
    .await
}

/// Changes mailbox `m.id` of organisation `organisation_id` (its password only when
/// `password_sealed` is given) and moves its version on, so its reader starts again; `false`
/// when the organisation has no such mailbox. A changed account starts its error afresh.
pub async fn update(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    m: &MailboxSettings,
    password_sealed: Option<&[u8]>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE mailboxes SET name = $3, host = $4, port = $5, username = $6,
                password_sealed = coalesce($7, password_sealed), folder = $8,
                processed_folder = $9, failed_folder = $10, enabled = $11,
                version = version + 1, last_error = NULL, last_error_at = NULL
          WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id,
        m.name,
        m.host,
        i32::from(m.port),
        m.username,
        password_sealed,
        m.folder,
        m.processed_folder,
        m.failed_folder,
        m.enabled
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes mailbox `id` of organisation `organisation_id`; `false` when there is none. The
/// mail already taken in stays.
pub async fn delete(conn: &mut PgConnection, organisation_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM mailboxes WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The enabled mailboxes server `reader` reads: those it holds, and those nobody holds (or whose
/// holder let its lease run out), now held by `reader` until `until`. Each server calls this every
/// few seconds, which renews its leases; a server that stops loses its mailboxes to another once
/// `until` passes.
pub async fn lease(
    conn: &mut PgConnection,
    reader: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<Account>> {
    let rows = sqlx::query!(
        "UPDATE mailboxes SET reader = $1, reader_until = $3
          WHERE enabled AND (reader = $1 OR reader IS NULL OR reader_until < $2)
         RETURNING id, organisation_id, version, host, port, username, password_sealed, folder,
                   processed_folder, failed_folder",
        reader,
        now,
        until
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Account {
            id: r.id,
            organisation_id: r.organisation_id,
            version: r.version,
            host: r.host,
            port: u16::try_from(r.port).unwrap_or(0),
            username: r.username,
            password_sealed: r.password_sealed,
            folder: r.folder,
            processed_folder: r.processed_folder,
            failed_folder: r.failed_folder,
        })
        .collect())
}

/// Records a good read of mailbox `id`: `taken_in` more mails taken in and `failed` more moved
/// to the failed folder; the last failure is cleared.
pub async fn checked(
    conn: &mut PgConnection,
    id: i64,
    taken_in: i64,
    failed: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE mailboxes SET checked_at = $2, taken_in = taken_in + $3, failed = failed + $4,
                last_error = NULL, last_error_at = NULL
          WHERE id = $1",
        id,
        now,
        taken_in,
        failed
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records why mailbox `id` could not be read.
pub async fn errored(
    conn: &mut PgConnection,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let error: String = error.chars().take(MAX_ERROR).collect();
    sqlx::query!(
        "UPDATE mailboxes SET last_error = $2, last_error_at = $3 WHERE id = $1",
        id,
        error,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}
