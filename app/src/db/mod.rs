//! Every SQL statement of Luukku, one module per aggregate. Functions take a connection so the
//! caller decides the transaction; rows are converted into domain or wire types here.

pub mod attachments;
pub mod board;
pub mod bulk;
pub mod delegations;
pub mod drafts;
pub mod events;
pub mod flash;
pub mod forms;
pub mod hierarchy;
pub mod inbound;
pub mod intake;
pub mod links;
pub mod mailboxes;
pub mod notifications;
pub mod orgs;
pub mod outbox;
pub mod people;
pub mod phone;
pub mod portal;
pub mod privacy;
pub mod queues;
pub mod requests;
pub mod retention;
pub mod routing;
pub mod sla;
pub mod submission_keys;
pub mod surveys;
pub mod templates;
pub mod users;
pub mod work_orders;

/// The name of the constraint a statement violated, for mapping it to a field error.
pub fn constraint(e: &sqlx::Error) -> Option<&str> {
    e.as_database_error()?.constraint()
}

/// How Luukku's pools hand out connections, `max` at most. A ping before every use would be one
/// more round trip for every request: only connections that sat idle (say, across a database
/// restart) are tried first, and dropped if dead.
pub fn pool_options(max: u32) -> sqlx::postgres::PgPoolOptions {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(max)
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                Ok(meta.idle_for < std::time::Duration::from_secs(30)
                    || sqlx::Connection::ping(conn).await.is_ok())
            })
        })
        .acquire_timeout(std::time::Duration::from_secs(5))
}

/// Runs the embedded migrations.
pub async fn migrate(pool: &sqlx::PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("../migrations").run(pool).await
}

#[cfg(test)]
mod tests;
