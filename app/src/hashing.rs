//! Password hashing on a few threads of its own (server only). Each argon2id hash takes about
//! 19 MiB and tens of milliseconds of one core; run on the async runtime's blocking threads, a
//! flood of sign-ins would hash on hundreds of threads at once, each keeping its memory. Here at
//! most [`workers`] hashes run at a time, each thread in the same memory every time (see
//! `security::hash_password`), at most [`QUEUE`] wait, and past that a caller is told to come
//! back (503 with `Retry-After`) instead of waiting. Callers never hold a database connection
//! while they wait. `.ci/bench-floods` measures the process under a flood of sign-ins.

use crate::error::AppError;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, LazyLock, Mutex};

/// Hashes that may wait for a worker before callers are turned away.
pub const QUEUE: usize = 64;

/// Seconds a caller turned away is asked to wait.
pub const RETRY_AFTER_SECS: u64 = 2;

type Job = Box<dyn FnOnce() + Send>;

/// How many hashes run at once: the cores, at most four.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// A fixed set of threads taking jobs from a bounded queue.
pub struct Pool {
    jobs: SyncSender<Job>,
}

impl Pool {
    /// Starts `workers` threads behind a queue of `queue` jobs.
    pub fn new(workers: usize, queue: usize) -> Pool {
        let (jobs, rx) = sync_channel::<Job>(queue);
        let rx: Arc<Mutex<Receiver<Job>>> = Arc::new(Mutex::new(rx));
        for i in 0..workers {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{i}"))
                .spawn(move || {
                    loop {
                        let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        match job {
                            Ok(job) => job(),
                            Err(_) => break,
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password-hashing thread");
            }
        }
        Pool { jobs }
    }

    /// Runs `f` on the pool: `Unavailable` at once when the queue is full.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(f());
        });
        self.jobs.try_send(job).map_err(|e| match e {
            TrySendError::Full(_) => AppError::Unavailable {
                retry_after_secs: RETRY_AFTER_SECS,
            },
            TrySendError::Disconnected(_) => AppError::Internal("password hashing stopped".into()),
        })?;
        rx.await
            .map_err(|_| AppError::Internal("password hashing failed".into()))
    }
}

static POOL: LazyLock<Pool> = LazyLock::new(|| Pool::new(workers(), QUEUE));

/// Runs `f` (a password hash or check) on the process's pool.
pub async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    POOL.run(f).await
}

/// Hashes `password` with argon2id on the pool.
pub async fn hash(password: String) -> Result<String, AppError> {
    run(move || crate::security::hash_password(&password))
        .await?
        .map_err(|e| AppError::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_flood_beyond_the_queue_is_turned_away_not_queued() {
        let (workers, queue) = (2, 3);
        let pool = Arc::new(Pool::new(workers, queue));
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let release_rx = Arc::new(Mutex::new(release_rx));
        let hold = |pool: Arc<Pool>, r: Arc<Mutex<Receiver<()>>>| {
            tokio::spawn(async move {
                pool.run(move || {
                    let _ = r.lock().map(|r| r.recv());
                })
                .await
            })
        };
        let mut held = Vec::new();
        // Every worker busy, then the queue full.
        for _ in 0..workers {
            held.push(hold(pool.clone(), release_rx.clone()));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        for _ in 0..queue {
            held.push(hold(pool.clone(), release_rx.clone()));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_eq!(
            pool.run(|| ()).await,
            Err(AppError::Unavailable {
                retry_after_secs: RETRY_AFTER_SECS
            })
        );
        for _ in 0..workers + queue {
            let _ = release_tx.send(());
        }
        for h in held {
            assert_eq!(h.await.expect("joined"), Ok(()));
        }
        assert_eq!(pool.run(|| 7).await, Ok(7));
    }
}
