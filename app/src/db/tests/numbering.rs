//! Request numbers: consecutive per organisation and year under concurrency, durable commits.

use crate::domain::RequestNumber;
use crate::testing::*;
use chrono::Utc;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_submissions_get_distinct_consecutive_numbers(pool: PgPool) {
    let (o, cat) = org(&pool).await;
    let tasks = (0..20).map(|_| {
        let (pool, o) = (pool.clone(), o.clone());
        tokio::spawn(async move {
            let mut tx = pool.begin().await.expect("tx");
            let s = submit(&mut tx, &o, cat, Utc::now()).await;
            tx.commit().await.expect("commit");
            s.number
        })
    });
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.expect("task"));
    }
    numbers.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    let expected: Vec<RequestNumber> = (1..=20)
        .map(|n| RequestNumber::new("TST", crate::domain::format::helsinki_year(Utc::now()), n))
        .collect();
    assert_eq!(numbers, expected);
}

#[sqlx::test(migrations = "../migrations")]
async fn numbers_taken_before_the_submission_are_consecutive_and_leave_commits_durable(
    pool: PgPool,
) {
    let (o, _) = org(&pool).await;
    let year = crate::domain::format::helsinki_year(Utc::now());
    let tasks = (0..20).map(|_| {
        let (pool, o) = (pool.clone(), o.clone());
        tokio::spawn(async move {
            let mut conn = pool.acquire().await?;
            let wanted = crate::db::intake::Wanted {
                org: &o,
                year,
                count: 2,
            };
            crate::db::intake::reserve_batch(&mut conn, &[wanted])
                .await
                .map(|mut n| n.remove(0))
        })
    });
    let mut taken = Vec::new();
    for t in tasks {
        let batch = t.await.expect("task").expect("numbers");
        assert_eq!(batch.len(), 2, "as many as asked for");
        taken.extend(batch);
    }
    let mut ids: Vec<i64> = taken.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 40, "every request gets an id of its own");
    let mut numbers: Vec<RequestNumber> = taken.into_iter().map(|r| r.number).collect();
    numbers.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    let expected: Vec<RequestNumber> = (1..=40)
        .map(|n| RequestNumber::new("TST", year, n))
        .collect();
    assert_eq!(numbers, expected);
    // The asynchronous commit was the statement's own: every pooled connection keeps its setting.
    let mut conns = Vec::new();
    for _ in 0..pool.size() {
        let mut c = pool.acquire().await.expect("conn");
        let unchanged = sqlx::query_scalar!(
            "SELECT setting = reset_val AS \"unchanged!\" FROM pg_settings WHERE name = 'synchronous_commit'"
        )
        .fetch_one(&mut *c)
        .await
        .expect("setting");
        assert!(unchanged, "synchronous_commit leaked into the session");
        conns.push(c);
    }
}
