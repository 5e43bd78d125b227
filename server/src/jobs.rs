//! Background work of the server process: the SLA timer, which records warnings and breaches as
//! their times pass so queues and reports read stored facts; the archiver, which moves finished
//! requests out of the working set by their organisation's retention rules; and the reminders of
//! requests left untouched for the organisation's untouched time.

use sqlx::PgPool;
use std::time::Duration;

/// How often the SLA timer looks; a warning or breach is recorded at most this late.
const SLA_TICK: Duration = Duration::from_secs(30);
/// Reminders per organisation per tick, so a backlog is spread over ticks, not one transaction.
const REMIND_BATCH: i64 = 200;

/// Runs the SLA timer until the process ends. Errors are logged and retried on the next tick.
pub fn spawn_sla_timer(pool: PgPool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SLA_TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = sla_tick(&pool).await {
                tracing::warn!(error = %e, "SLA timer failed; retrying on the next tick");
            }
        }
    })
}

async fn sla_tick(pool: &PgPool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let now = chrono::Utc::now();
    let (warned, breached) = app::db::sla::mark_due(&mut tx, now).await?;
    let archived = app::db::retention::archive_due(&mut tx, now).await?;
    let reminded = app::db::notifications::remind_untouched(&mut tx, now, REMIND_BATCH).await?;
    app::db::users::forget_old_attempts(&mut tx, now).await?;
    app::db::submission_keys::forget_old(&mut tx, now).await?;
    tx.commit().await?;
    if warned + breached + archived + reminded > 0 {
        tracing::info!(
            warned,
            breached,
            archived,
            reminded,
            "SLA timer, archiver and reminders"
        );
    }
    Ok(())
}
