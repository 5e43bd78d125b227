//! Storing public form posts together (group commit).
//!
//! A post that passed its checks is handed to the writer and waits for its answer. The writer
//! takes every post that is waiting (up to [`BATCH`]) and stores them with two statements: one
//! takes their ids and numbers, one stores the requests with their first events, links to their
//! customers' earlier requests and acknowledgements, and its durable commit covers them all (see
//! [`crate::requests::customer::submit_all`]). Each post is answered only after that commit, so
//! an acknowledged request is stored. A lone post is written at once; under load the posts that
//! arrive while one batch is written form the next, so the cost of statements and commits is
//! shared instead of paid by each.
//!
//! One batch is written at a time: the batch statement costs about the same for one post as for
//! several, so two writers taking turns with half the posts each stored fewer per second
//! (`.ci/bench-submit`: about 1 370/s with two, 1 580/s with one).
//!
//! When the database refuses a batch, each of its posts is stored again on its own, so one that
//! cannot be stored fails alone; their first numbers are left as gaps.

use super::Settings;
use crate::db::forms::Published;
use crate::db::intake::{Reserved, Submitted, Wanted};
use crate::domain::format::helsinki_year;
use crate::domain::{Lang, NewRequest};
use crate::error::AppError;
use crate::requests::customer::{Incoming, Mailer};
use crate::uploads::CheckedFile;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// The most posts stored in one transaction.
pub const BATCH: usize = 64;
/// Posts waiting beyond this make new posts wait before they are queued.
const QUEUE: usize = 1024;

/// A checked public form post, ready to store.
pub struct Submission {
    /// Its organisation's settings, as the post was checked against.
    pub settings: Arc<Settings>,
    pub form: Arc<Published>,
    pub req: NewRequest,
    pub files: Vec<CheckedFile>,
    /// The privacy notice the customer was shown, if the organisation has published one.
    pub consent_notice_id: Option<i64>,
    /// The language the customer read it in.
    pub consent_language: Lang,
    /// When it came in.
    pub at: DateTime<Utc>,
    /// The digest of the key its form was rendered with (see [`crate::db::submission_keys`]),
    /// recorded in the same transaction as the request.
    pub key: Option<Vec<u8>>,
}

type Job = (Submission, oneshot::Sender<Result<Submitted, AppError>>);

/// The queue of posts waiting to be stored; cloned into every request's state.
#[derive(Debug, Clone)]
pub struct Writer {
    queue: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer on the current runtime, with a connection of its own to the database of
    /// `pool`. It stops when the last `Writer` is gone and every queued post is stored.
    pub fn start(pool: &PgPool, secret: Arc<[u8]>, base_url: Arc<str>) -> Writer {
        // Its statements take arrays, so their plans do not depend on the values: a generic plan
        // is as good, and planning the batch statement anew would cost about as much as running
        // it.
        let options = (*pool.connect_options())
            .clone()
            .options([("plan_cache_mode", "force_generic_plan")]);
        let pool = crate::db::pool_options(1).connect_lazy_with(options);
        let (queue, waiting) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, secret, base_url, waiting));
        Writer { queue }
    }

    /// Stores `post` with the others waiting, and answers once it is committed.
    pub async fn submit(&self, post: Submission) -> Result<Submitted, AppError> {
        let (answer, answered) = oneshot::channel();
        let gone = || AppError::Internal("the request writer has stopped".into());
        self.queue.send((post, answer)).await.map_err(|_| gone())?;
        answered.await.map_err(|_| gone())?
    }
}

async fn run(
    pool: PgPool,
    secret: Arc<[u8]>,
    base_url: Arc<str>,
    mut waiting: mpsc::Receiver<Job>,
) {
    let mut jobs = Vec::with_capacity(BATCH);
    while waiting.recv_many(&mut jobs, BATCH).await > 0 {
        let mailer = Mailer {
            secret: &secret,
            base_url: &base_url,
        };
        let (posts, answers): (Vec<Submission>, Vec<_>) = jobs.drain(..).unzip();
        match store(&pool, mailer, &posts).await {
            Ok(stored) => {
                for (answer, s) in answers.into_iter().zip(stored) {
                    // A post whose client went away is stored all the same.
                    let _ = answer.send(Ok(s));
                }
            }
            Err(Failed::Refused(e)) if posts.len() > 1 => {
                tracing::warn!(error = %e, posts = posts.len(), "a batch failed; storing its posts one by one");
                for (post, answer) in posts.iter().zip(answers) {
                    let one = match store(&pool, mailer, std::slice::from_ref(post)).await {
                        Err(Failed::Refused(e)) if is_taken(&e) => stored_as(&pool, post).await,
                        other => other.map_err(AppError::from).and_then(first),
                    };
                    let _ = answer.send(one);
                }
            }
            // The same post stored already (sent twice at once): the first one's answer.
            Err(Failed::Refused(e)) if is_taken(&e) => {
                for (post, answer) in posts.iter().zip(answers) {
                    let _ = answer.send(stored_as(&pool, post).await);
                }
            }
            Err(e) => {
                let e = AppError::from(e);
                for answer in answers {
                    let _ = answer.send(Err(e.clone()));
                }
            }
        }
    }
}

/// Whether `e` is a submission key recorded already.
fn is_taken(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.constraint() == Some(crate::db::submission_keys::TAKEN))
}

/// The request `post`'s key made earlier.
async fn stored_as(pool: &PgPool, post: &Submission) -> Result<Submitted, AppError> {
    let key = post.key.as_deref().unwrap_or_default();
    let mut conn = pool.acquire().await?;
    crate::db::submission_keys::find(&mut conn, key)
        .await?
        .ok_or_else(|| AppError::Internal("a taken submission key without its request".into()))
}

fn first(stored: Vec<Submitted>) -> Result<Submitted, AppError> {
    stored
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal("nothing was stored".into()))
}

/// Why a batch was not stored. When the database refused it, none of it was; any other failure
/// (a lost connection) may have come after its commit, so the batch is not tried again.
enum Failed {
    Refused(sqlx::Error),
    Unknown(sqlx::Error),
}

impl From<Failed> for AppError {
    fn from(f: Failed) -> AppError {
        match f {
            Failed::Refused(e) | Failed::Unknown(e) => AppError::from(e),
        }
    }
}

impl From<sqlx::Error> for Failed {
    fn from(e: sqlx::Error) -> Failed {
        match e {
            sqlx::Error::Database(_) => Failed::Refused(e),
            e => Failed::Unknown(e),
        }
    }
}

/// Numbers `posts` and stores them in one statement; answers in their order. Posts that carry a
/// submission key have it recorded in the same transaction.
async fn store(
    pool: &PgPool,
    mailer: Mailer<'_>,
    posts: &[Submission],
) -> Result<Vec<Submitted>, Failed> {
    let (keys, keyed): (Vec<Vec<u8>>, Vec<usize>) = posts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.key.clone()?, i)))
        .unzip();
    let mut conn = pool.acquire().await?;
    // Numbers are taken in a transaction of their own that does not wait for the disk; the
    // requests' own commit below (with their keys, when any) is durable.
    let reserved = reserve(&mut conn, posts).await?;
    if keys.is_empty() {
        return store_on(&mut conn, mailer, posts, reserved).await;
    }
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let stored = store_on(&mut tx, mailer, posts, reserved).await?;
    let ids: Vec<i64> = keyed.iter().map(|i| stored[*i].id).collect();
    crate::db::submission_keys::record(&mut tx, &keys, &ids).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Stores `posts` with the numbers `reserved` for them, in one statement.
async fn store_on(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    posts: &[Submission],
    reserved: Vec<Reserved>,
) -> Result<Vec<Submitted>, Failed> {
    let batch: Vec<Incoming<'_>> = posts
        .iter()
        .zip(reserved)
        .map(|(p, reserved)| Incoming {
            org: &p.settings.org,
            form: Some(&p.form),
            req: &p.req,
            consent_notice_id: p.consent_notice_id,
            consent_language: p.consent_language,
            files: &p.files,
            reserved,
            channel: "web",
            request_type: None,
            rules: &p.settings.rules,
            at: p.at,
        })
        .collect();
    Ok(crate::requests::customer::submit_all(conn, mailer, &batch).await?)
}

/// An id and the next number of each post's organisation and year, in the order of `posts`, in
/// one statement.
async fn reserve(conn: &mut PgConnection, posts: &[Submission]) -> sqlx::Result<Vec<Reserved>> {
    let key = |p: &Submission| (p.settings.org.id, helsinki_year(p.at));
    let mut wanted: Vec<Wanted<'_>> = Vec::new();
    for p in posts {
        match wanted.iter_mut().find(|w| (w.org.id, w.year) == key(p)) {
            Some(w) => w.count += 1,
            None => wanted.push(Wanted {
                org: &p.settings.org,
                year: helsinki_year(p.at),
                count: 1,
            }),
        }
    }
    let mut taken: Vec<std::vec::IntoIter<Reserved>> =
        crate::db::intake::reserve_batch(conn, &wanted)
            .await?
            .into_iter()
            .map(Vec::into_iter)
            .collect();
    posts
        .iter()
        .map(|p| {
            let group = wanted
                .iter()
                .position(|w| (w.org.id, w.year) == key(p))
                .ok_or(sqlx::Error::RowNotFound)?;
            taken[group].next().ok_or(sqlx::Error::RowNotFound)
        })
        .collect()
}
