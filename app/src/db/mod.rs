//! Every SQL statement of Luukku, one module per aggregate. Functions take a connection so the
//! caller decides the transaction; rows are converted into domain or wire types here.

pub mod attachments;
pub mod board;
pub mod bulk;
pub mod delegations;
pub mod drafts;
pub mod flash;
pub mod forms;
pub mod hierarchy;
pub mod links;
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
pub mod surveys;
pub mod templates;
pub mod users;
pub mod work_orders;

/// The name of the constraint a statement violated, for mapping it to a field error.
pub fn constraint(e: &sqlx::Error) -> Option<&str> {
    e.as_database_error()?.constraint()
}

/// Runs the embedded migrations.
pub async fn migrate(pool: &sqlx::PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("../migrations").run(pool).await
}

#[cfg(test)]
mod tests;
