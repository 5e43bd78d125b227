//! Live updates for the workspace: Postgres tells (`NOTIFY luukku_desk`, from a trigger on every new
//! request event) which request of which organisation changed; one listener per process passes it
//! on to every open workspace of that organisation as a server-sent event naming the request and
//! its newest event, so a page can tell a colleague's change from what it already shows.

use app::ctx::AppState;
use axum::Extension;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast;

/// The channel the trigger notifies on; its payload is `{organisation id}:{request id}:{event id}`.
const CHANNEL: &str = "luukku_desk";
/// Changes arriving this close together go out as one event per request.
const GATHER: Duration = Duration::from_millis(300);

/// A change: which organisation's request, up to which event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub organisation_id: i64,
    pub request_id: i64,
    pub event_id: i64,
}

impl Change {
    fn parse(payload: &str) -> Option<Change> {
        let mut parts = payload.split(':');
        let mut next = || parts.next()?.parse().ok();
        let change = Change {
            organisation_id: next()?,
            request_id: next()?,
            event_id: next()?,
        };
        parts.next().is_none().then_some(change)
    }
}

/// Fans the database's notifications out to the open workspaces.
#[derive(Clone)]
pub struct Hub(broadcast::Sender<Change>);

impl Hub {
    /// Starts listening; reconnects after a second when the connection drops, and stops when
    /// the pool is closed.
    pub fn start(pool: sqlx::PgPool) -> Hub {
        let (tx, _) = broadcast::channel(1024);
        let out = tx.clone();
        tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect_with(&pool).await {
                    Ok(mut listener) => {
                        if let Err(e) = listener.listen(CHANNEL).await {
                            tracing::warn!(error = %e, "cannot listen for desk changes");
                        }
                        while let Ok(n) = listener.recv().await {
                            if let Some(change) = Change::parse(n.payload()) {
                                // Nobody listening is fine.
                                let _ = out.send(change);
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot connect for desk changes"),
                }
                if pool.is_closed() {
                    break;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        Hub(tx)
    }
}

/// `GET /desk/events`: the signed-in member of staff's organisation's changes as server-sent
/// events (`changed`, data = `{request id}:{event id}` pairs separated by commas; `0:0` when some
/// were missed), with keep-alives.
pub async fn events(
    Extension(state): Extension<AppState>,
    Extension(hub): Extension<Hub>,
    headers: HeaderMap,
) -> Response {
    let user = match crate::files::staff_user(&state, &headers).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let token = app::ctx::cookie_in(&headers, app::ctx::SESSION_COOKIE).unwrap_or_default();
    let ended = session_ended(
        state.pool.clone(),
        app::security::session_hash(&token),
        user.organisation_id,
        SESSION_RECHECK,
    );
    let rx = hub.0.subscribe();
    Sse::new(changes_of(rx, user.organisation_id).take_until(ended))
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// How often an open stream checks that its session still works in its organisation.
const SESSION_RECHECK: Duration = Duration::from_secs(15);

/// Resolves once the session of `hash` has ended (signed out, expired, removed from the
/// organisation) or has moved to another organisation, looking every `every`. A database that
/// does not answer ends nothing: the next look decides.
async fn session_ended(pool: sqlx::PgPool, hash: Vec<u8>, organisation_id: i64, every: Duration) {
    loop {
        tokio::time::sleep(every).await;
        let Ok(mut conn) = pool.acquire().await else {
            continue;
        };
        match app::db::users::session_user(&mut conn, &hash, chrono::Utc::now()).await {
            Ok(Some(u)) if u.organisation_id == organisation_id => {}
            Ok(_) => return,
            Err(_) => {}
        }
    }
}

/// The changes of `organisation_id`, gathered for a moment so that a burst (a bulk reassignment,
/// a work order resolving many requests) goes out once per request.
fn changes_of(
    rx: broadcast::Receiver<Change>,
    organisation_id: i64,
) -> impl Stream<Item = Result<Event, Infallible>> {
    futures::stream::unfold(rx, move |mut rx| async move {
        let mut seen = Vec::new();
        while seen.is_empty() {
            match rx.recv().await {
                Ok(c) => note(&mut seen, organisation_id, c),
                // Missed some: tell the page that something changed.
                Err(broadcast::error::RecvError::Lagged(_)) => seen.push((0, 0)),
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
        tokio::time::sleep(GATHER).await;
        while let Ok(c) = rx.try_recv() {
            note(&mut seen, organisation_id, c);
        }
        let data = seen
            .iter()
            .map(|(id, event)| format!("{id}:{event}"))
            .collect::<Vec<_>>()
            .join(",");
        Some((Ok(Event::default().event("changed").data(data)), rx))
    })
}

/// Adds change `c` to `seen` (request id, newest event id) if it is `organisation_id`'s.
fn note(seen: &mut Vec<(i64, i64)>, organisation_id: i64, c: Change) {
    if c.organisation_id != organisation_id {
        return;
    }
    match seen.iter_mut().find(|(id, _)| *id == c.request_id) {
        Some((_, event)) => *event = (*event).max(c.event_id),
        None => seen.push((c.request_id, c.event_id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test(migrations = "../migrations")]
    async fn the_stream_ends_when_its_session_is_signed_out(pool: sqlx::PgPool) {
        let app = crate::tests::helpers::app(pool.clone()).await;
        let cookie = crate::tests::helpers::sign_in(&app, "neuvoja@luukku.example").await;
        let token = cookie.trim_start_matches("luukku_session=");
        let hash = app::security::session_hash(token);
        let org: i64 =
            sqlx::query_scalar("SELECT organisation_id FROM sessions WHERE token_hash = $1")
                .bind(&hash)
                .fetch_one(&pool)
                .await
                .expect("the session");
        let every = Duration::from_millis(50);
        let ended = tokio::spawn(session_ended(pool.clone(), hash, org, every));
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(!ended.is_finished(), "ended while signed in");
        let r = crate::tests::helpers::post(&app, "/api/logout", &[], false, Some(&cookie)).await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "{}",
            r.status
        );
        tokio::time::timeout(Duration::from_secs(5), ended)
            .await
            .expect("the stream ends after sign-out")
            .expect("joined");
    }

    #[test]
    fn payloads_are_read_strictly() {
        assert_eq!(
            Change::parse("3:42:7"),
            Some(Change {
                organisation_id: 3,
                request_id: 42,
                event_id: 7
            })
        );
        for bad in ["", "3", "3:4", ":4:5", "a:1:2", "1:2:3:4"] {
            assert_eq!(Change::parse(bad), None, "{bad}");
        }
    }

    #[sqlx::test(migrations = "../migrations")]
    async fn a_delegated_requests_change_reaches_both_organisations(pool: sqlx::PgPool) {
        let app = crate::tests::helpers::app(pool.clone()).await;
        crate::tests::helpers::submit(&app).await;
        let (id, owner): (i64, i64) = sqlx::query_as(
            "SELECT id, organisation_id FROM service_requests ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .expect("request");
        let other: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE id <> $1 LIMIT 1")
            .bind(owner)
            .fetch_one(&pool)
            .await
            .expect("organisation");
        sqlx::query("UPDATE service_requests SET delegated_to_org_id = $2 WHERE id = $1")
            .bind(id)
            .bind(other)
            .execute(&pool)
            .await
            .expect("delegate");
        let mut listener = sqlx::postgres::PgListener::connect_with(&pool)
            .await
            .expect("listener");
        listener.listen(CHANNEL).await.expect("listen");
        sqlx::query(
            "INSERT INTO request_events (request_id, organisation_id, kind, public, channel)
             VALUES ($1, $2, 'note', false, 'desk')",
        )
        .bind(id)
        .bind(owner)
        .execute(&pool)
        .await
        .expect("event");
        let mut reached = Vec::new();
        for _ in 0..2 {
            let n = tokio::time::timeout(Duration::from_secs(5), listener.recv())
                .await
                .expect("in time")
                .expect("notification");
            let change = Change::parse(n.payload()).expect("payload");
            assert_eq!(change.request_id, id);
            reached.push(change.organisation_id);
        }
        reached.sort_unstable();
        let mut expected = vec![owner, other];
        expected.sort_unstable();
        assert_eq!(reached, expected);
    }
}
