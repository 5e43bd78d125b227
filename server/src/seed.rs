//! `luukku seed --requests N`: realistic bulk data for benchmarks. Mixed Finnish, Swedish and English
//! text over every organisation and category, created over the past year, mostly resolved like a
//! real desk, with priorities and resolution due times on office hours. Run it while nothing else submits requests: it numbers requests itself.

use app::db::bulk::{self, RequestBatch};
use app::domain::RequestNumber;
use app::domain::calendar::Calendar;
use app::domain::classification::{Length, Priority, RequestType};
use chrono::{Datelike, Duration, Utc};
use rand::Rng;
use std::collections::HashMap;

const BATCH: u64 = 5_000;

const SUBJECTS: [(&str, &str); 9] = [
    ("fi", "Matkakortin lataus"),
    ("fi", "Laskun eräpäivä"),
    ("fi", "Jäteastian tyhjennys"),
    ("sv", "Fråga om parkeringstillstånd"),
    ("sv", "Ändring av adress"),
    ("sv", "Ansökan om studieplats"),
    ("en", "Question about my application"),
    ("en", "Accessible taxi booking"),
    ("en", "Change of contact details"),
];
const NAMES: [&str; 8] = [
    "Maija Virtanen",
    "Erik Lindqvist",
    "Sam Taylor",
    "Jussi Korhonen",
    "Anna Nieminen",
    "Lars Holm",
    "Priya Shah",
    "Aino Mäkinen",
];

/// Adds `n` requests.
pub async fn requests(pool: &sqlx::PgPool, n: u64) -> Result<(), sqlx::Error> {
    let started = std::time::Instant::now();
    let mut conn = pool.acquire().await?;
    let orgs = bulk::organisations_with_categories(&mut conn).await?;
    if orgs.is_empty() {
        return Err(sqlx::Error::Protocol(
            "no organisations: run `luukku demo` first".into(),
        ));
    }
    let now = Utc::now();
    let calendar = Calendar::default();
    let mut counters: HashMap<(i64, i32), i64> = HashMap::new();
    let mut rng = rand::thread_rng();
    let mut done = 0;
    while done < n {
        let size = BATCH.min(n - done);
        let mut b = RequestBatch::default();
        for _ in 0..size {
            let org = &orgs[rng.gen_range(0..orgs.len())];
            let at = now - Duration::seconds(rng.gen_range(0..365 * 24 * 3600));
            let year = at.year();
            let last = match counters.get(&(org.id, year)) {
                Some(v) => *v,
                None => bulk::counter(&mut conn, org.id, year).await?,
            };
            counters.insert((org.id, year), last + 1);
            let (lang, subject) = SUBJECTS[rng.gen_range(0..SUBJECTS.len())];
            let name = NAMES[rng.gen_range(0..NAMES.len())];
            // Older requests are mostly finished; the last weeks carry the open work.
            let status = if at < now - Duration::days(21) && rng.gen_bool(0.97) {
                if rng.gen_bool(0.8) {
                    "closed"
                } else {
                    "resolved"
                }
            } else {
                ["new", "open", "in_progress", "waiting_for_customer"][rng.gen_range(0..4)]
            };
            b.organisation_id.push(org.id);
            // Most work in progress has someone on it; new requests wait to be taken.
            let assigned = status != "new" && status != "closed" && rng.gen_bool(0.7);
            b.assignee_id.push(
                assigned
                    .then(|| {
                        org.staff
                            .get(rng.gen_range(0..org.staff.len().max(1)))
                            .copied()
                    })
                    .flatten(),
            );
            b.number.push(
                RequestNumber::new(&org.prefix, year, last + 1)
                    .as_str()
                    .to_string(),
            );
            b.status.push(status.into());
            b.language.push(lang.into());
            b.category_id
                .push(org.categories[rng.gen_range(0..org.categories.len())]);
            b.customer_email.push(format!(
                "{}.{}@example.fi",
                name.split(' ').next().unwrap_or("x").to_lowercase(),
                done
            ));
            b.customer_name.push(name.into());
            b.subject.push(subject.into());
            b.message.push(format!(
                "{subject}. {}",
                "Lisätietoja / Mer information / More details. ".repeat(3)
            ));
            b.created_at.push(at);
            let priority = match rng.gen_range(0..100) {
                0..3 => Priority::Critical,
                3..20 => Priority::High,
                20..80 => Priority::Normal,
                _ => Priority::Low,
            };
            let hours = [4, 8, 24, 40][priority.rank() as usize - 1];
            b.priority.push(priority.code().into());
            let kind = RequestType::ALL[rng.gen_range(0..RequestType::ALL.len())];
            b.request_type.push(kind.code().into());
            b.expected_length
                .push(Length::usual_for(kind).code().into());
            b.due_at.push(if status == "waiting_for_customer" {
                None
            } else {
                calendar.add(at, Duration::hours(hours))
            });
        }
        let mut tx = pool.begin().await?;
        bulk::insert_requests(&mut tx, &b).await?;
        tx.commit().await?;
        done += size;
        if done % 100_000 < BATCH {
            tracing::info!(done, "seeding");
        }
    }
    for ((org, year), last) in counters {
        bulk::set_counter(&mut conn, org, year, last).await?;
    }
    println!(
        "seeded {n} requests in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
