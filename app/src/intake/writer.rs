//! Storing public form posts together (group commit).
//!
//! A post that passed its checks is handed to the writer and waits for its answer. A few writer
//! tasks each take every post that is waiting (up to [`BATCH`]) and store them in one
//! transaction: one statement numbers them, one inserts the requests with their first events,
//! one links them to their customers' earlier requests, one queues the acknowledgements, and one
//! durable commit covers them all. Each post is answered only after that commit, so an
//! acknowledged request is stored. A lone post is written at once, as before; under load the
//! posts that arrive while one batch commits form the next, so the cost of statements and
//! commits is shared instead of paid by each.
//!
//! When a batch fails before its commit, each of its posts is stored again on its own, so one
//! that cannot be stored fails alone; their first numbers are left as gaps.

use super::Settings;
use crate::db::forms::Published;
use crate::db::requests::Submitted;
use crate::domain::{Lang, NewRequest, RequestNumber};
use crate::error::AppError;
use crate::requests::customer::{Incoming, Mailer};
use crate::uploads::CheckedFile;
use chrono::{DateTime, Utc};
use sqlx::{Connection, PgConnection, PgPool};
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// The most posts stored in one transaction.
pub const BATCH: usize = 64;
/// How many batches may be written at the same time: one commits while the next is written.
const TASKS: usize = 2;
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
}

type Job = (Submission, oneshot::Sender<Result<Submitted, AppError>>);

/// The queue of posts waiting to be stored; cloned into every request's state.
#[derive(Debug, Clone)]
pub struct Writer {
    queue: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer tasks on the current runtime. They stop when the last `Writer` is gone
    /// and every queued post is stored.
    pub fn start(pool: PgPool, secret: Arc<[u8]>, base_url: Arc<str>) -> Writer {
        let (queue, waiting) = mpsc::channel(QUEUE);
        let waiting = Arc::new(Mutex::new(waiting));
        for _ in 0..TASKS {
            tokio::spawn(run(
                pool.clone(),
                secret.clone(),
                base_url.clone(),
                waiting.clone(),
            ));
        }
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
    waiting: Arc<Mutex<mpsc::Receiver<Job>>>,
) {
    let mut jobs = Vec::with_capacity(BATCH);
    loop {
        // The lock is held only while waiting for posts, so another task takes the next ones
        // while this one writes.
        if waiting.lock().await.recv_many(&mut jobs, BATCH).await == 0 {
            return;
        }
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
            Err(Failed::BeforeCommit(e)) if posts.len() > 1 => {
                tracing::warn!(error = %e, posts = posts.len(), "a batch failed; storing its posts one by one");
                for (post, answer) in posts.iter().zip(answers) {
                    let one = store(&pool, mailer, std::slice::from_ref(post)).await;
                    let _ = answer.send(one.map_err(AppError::from).and_then(first));
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

fn first(stored: Vec<Submitted>) -> Result<Submitted, AppError> {
    stored
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal("nothing was stored".into()))
}

/// Why a batch was not stored: before its commit nothing of it is, but a failed commit may or may
/// not have been, so it is not tried again.
enum Failed {
    BeforeCommit(sqlx::Error),
    Commit(sqlx::Error),
}

impl From<Failed> for AppError {
    fn from(f: Failed) -> AppError {
        match f {
            Failed::BeforeCommit(e) | Failed::Commit(e) => AppError::from(e),
        }
    }
}

impl From<sqlx::Error> for Failed {
    fn from(e: sqlx::Error) -> Failed {
        Failed::BeforeCommit(e)
    }
}

/// Numbers `posts` and stores them in one transaction; answers in their order.
async fn store(
    pool: &PgPool,
    mailer: Mailer<'_>,
    posts: &[Submission],
) -> Result<Vec<Submitted>, Failed> {
    let mut conn = pool.acquire().await?;
    let numbers = take_numbers(&mut conn, posts).await?;
    let mut tx = conn.begin().await?;
    let batch: Vec<Incoming<'_>> = posts
        .iter()
        .zip(numbers)
        .map(|(p, number)| Incoming {
            org: &p.settings.org,
            form: Some(&p.form),
            req: &p.req,
            consent_notice_id: p.consent_notice_id,
            consent_language: p.consent_language,
            files: &p.files,
            number,
            channel: "web",
            request_type: None,
            rules: &p.settings.rules,
            at: p.at,
        })
        .collect();
    let stored = crate::requests::customer::submit_all(&mut tx, mailer, &batch).await?;
    tx.commit().await.map_err(Failed::Commit)?;
    Ok(stored)
}

/// The next number of each post's organisation and year, in the order of `posts`: one statement
/// for each organisation and year among them.
async fn take_numbers(
    conn: &mut PgConnection,
    posts: &[Submission],
) -> sqlx::Result<Vec<RequestNumber>> {
    let key = |p: &Submission| {
        (
            p.settings.org.id,
            crate::domain::format::helsinki_year(p.at),
        )
    };
    let mut numbers: Vec<Option<RequestNumber>> = vec![None; posts.len()];
    for (i, p) in posts.iter().enumerate() {
        if numbers[i].is_some() {
            continue;
        }
        let same: Vec<usize> = (i..posts.len())
            .filter(|&j| key(&posts[j]) == key(p))
            .collect();
        let count = i64::try_from(same.len()).unwrap_or(i64::MAX);
        let taken = crate::db::requests::take_numbers(conn, &p.settings.org, p.at, count).await?;
        for (j, n) in same.into_iter().zip(taken) {
            numbers[j] = Some(n);
        }
    }
    numbers
        .into_iter()
        .map(|n| n.ok_or(sqlx::Error::RowNotFound))
        .collect()
}
