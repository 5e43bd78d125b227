//! Fixtures for database tests: an organisation with a category, requests submitted the way the
//! public form submits them, staff, policies, moves in time, and reading plans. Each is small, so a
//! test builds only what it needs.

use crate::db::{orgs, requests, sla};
use crate::domain::classification::RequestType;
use crate::domain::sla::{PolicyMatch, Targets};
use crate::domain::views::EventKind;
use crate::domain::{Lang, Localized, NewRequest, Status};
use crate::requests::clocks as service;
use chrono::{DateTime, Duration, TimeZone, Utc};
use sqlx::{PgConnection, PgPool};

pub(crate) async fn org(pool: &PgPool) -> (orgs::Organisation, i64) {
    let mut conn = pool.acquire().await.expect("conn");
    let o = org_in(&mut conn, "testi", "TST").await;
    let cat = orgs::insert_category(&mut conn, o.id, None, &o.name, 0)
        .await
        .expect("category");
    (o, cat)
}

pub(crate) async fn org_in(
    conn: &mut PgConnection,
    slug: &str,
    prefix: &str,
) -> orgs::Organisation {
    let name = Localized {
        fi: "Testi".into(),
        sv: "Test".into(),
        en: "Test".into(),
    };
    orgs::insert(conn, slug, prefix, &name, "/privacy")
        .await
        .expect("org");
    orgs::find_by_slug(conn, slug)
        .await
        .expect("find")
        .expect("exists")
}

pub(crate) fn request(category_id: i64) -> NewRequest {
    NewRequest {
        name: "Maija".into(),
        email: "maija@example.fi".into(),
        language: Lang::Sv,
        category_id: Some(category_id),
        subject: "Aihe".into(),
        message: "Viesti".into(),
        customer_org: None,
        answers: Default::default(),
    }
}

pub(crate) const MAILER: crate::requests::customer::Mailer<'static> =
    crate::requests::customer::Mailer {
        secret: b"test-secret",
        base_url: "https://luukku.example",
    };

/// Classifies, times and stores a request the way the public form does.
pub(crate) async fn submit(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    cat: i64,
    at: DateTime<Utc>,
) -> crate::db::intake::Submitted {
    let rules = crate::requests::intake::Rules::load(conn, o.id, at)
        .await
        .expect("rules");
    let class = service::classify_new(&rules, RequestType::InformationRequest, Some(cat), None, at);
    let origin = crate::db::intake::Origin {
        channel: "web",
        form_version_id: None,
        consent_notice_id: None,
        consent_language: Lang::Fi,
    };
    let req = request(cat);
    let row = crate::db::intake::NewRow {
        org: o,
        req: &req,
        origin,
        class,
        reserved: crate::db::intake::reserve(conn, o, at)
            .await
            .expect("number"),
        at,
        tracking_nonce: 1,
    };
    crate::db::intake::insert_new(conn, std::slice::from_ref(&row), &[])
        .await
        .expect("insert");
    crate::db::intake::Submitted {
        id: row.reserved.id,
        number: row.reserved.number,
        tracking_nonce: row.tracking_nonce,
    }
}

/// Gives the organisation one policy for everything: resolve within `hours` business hours.
pub(crate) async fn policy(conn: &mut PgConnection, o: &orgs::Organisation, hours: i64) -> i64 {
    let t = Targets {
        first_response_minutes: Some(60),
        resolution_minutes: Some(hours * 60),
        warn_percent: 75,
    };
    sla::insert_policy(conn, o.id, "Perustaso", &PolicyMatch::default(), &t)
        .await
        .expect("policy")
}

pub(crate) async fn move_to(conn: &mut PgConnection, id: i64, to: Status, at: DateTime<Utc>) {
    let key = requests::tracking_key(conn, id, true)
        .await
        .expect("key")
        .expect("exists");
    let m = requests::Message {
        kind: EventKind::Reply,
        actor_user_id: None,
        body: "…",
        to,
        channel: "desk",
    };
    requests::add_message(conn, &key, &m, at)
        .await
        .expect("message");
    service::retime(conn, id).await.expect("retime");
}

pub(crate) fn helsinki(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Helsinki
        .with_ymd_and_hms(2026, 11, d, h, m, 0)
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

/// Resolution due time, policy and customer wait as stored on the request.
pub(crate) async fn clock_row(
    conn: &mut PgConnection,
    id: i64,
) -> (Option<DateTime<Utc>>, Option<i64>, i32) {
    sqlx::query_as(
        "SELECT resolution_due_at, sla_policy_id, customer_wait_minutes FROM service_requests WHERE id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await
    .expect("row")
}

/// The plan of the one cached statement (app/.sqlx) containing `needle`, run with `args`: tests
/// explain exactly the SQL the application runs.
pub(crate) async fn plan_of(conn: &mut PgConnection, needle: &str, args: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/.sqlx");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("app/.sqlx") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let json: serde_json::Value = serde_json::from_str(&text).expect("json");
        let sql = json["query"].as_str().expect("query").to_string();
        if sql.contains(needle) {
            found.push(sql);
        }
    }
    assert_eq!(found.len(), 1, "exactly one statement contains {needle:?}");
    sqlx::raw_sql(&format!("PREPARE planned AS {}", found[0]))
        .execute(&mut *conn)
        .await
        .expect("prepare");
    let plan: Vec<String> = sqlx::query_scalar(&format!("EXPLAIN EXECUTE planned({args})"))
        .fetch_all(&mut *conn)
        .await
        .expect("explain");
    sqlx::raw_sql("DEALLOCATE planned")
        .execute(&mut *conn)
        .await
        .expect("deallocate");
    plan.join("\n")
}

pub(crate) async fn staff(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    email: &str,
    name: &str,
) -> crate::db::users::StaffUser {
    let id = crate::db::users::upsert(conn, o.id, email, name, "x", "advisor")
        .await
        .expect("user");
    crate::db::users::StaffUser {
        id,
        organisation_id: o.id,
        email: email.into(),
        display_name: name.into(),
        role: "advisor".into(),
        service_admin: false,
        admin_of: vec![],
    }
}

pub(crate) async fn lead(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    email: &str,
) -> crate::db::users::StaffUser {
    let mut u = staff(conn, o, email, "Lea Lead").await;
    crate::db::users::upsert(conn, o.id, email, "Lea Lead", "x", "supervisor")
        .await
        .expect("lead");
    u.role = "supervisor".into();
    u
}

/// `n` requests submitted a minute apart from `start`, so they are due in that order.
pub(crate) async fn a_minute_apart(
    conn: &mut PgConnection,
    o: &orgs::Organisation,
    cat: i64,
    start: DateTime<Utc>,
    n: i64,
) -> Vec<crate::db::intake::Submitted> {
    let mut made = Vec::new();
    for i in 0..n {
        made.push(submit(conn, o, cat, start + Duration::minutes(i)).await);
    }
    made
}

pub(crate) async fn hits(conn: &mut PgConnection, organisation_id: i64, typed: &str) -> usize {
    let s = crate::domain::queues::Search::parse(typed).expect("search");
    crate::db::queues::search(conn, organisation_id, &s, 50)
        .await
        .expect("search")
        .len()
}

pub(crate) async fn outbox_kinds(conn: &mut PgConnection, id: i64) -> Vec<String> {
    sqlx::query_scalar!(
        "SELECT kind FROM outbox WHERE request_id = $1 ORDER BY id",
        id
    )
    .fetch_all(conn)
    .await
    .expect("outbox")
}

pub(crate) fn member(
    email: &str,
    role: &str,
    skills: crate::domain::people::Skills,
    capacity: i32,
) -> crate::domain::people::Member {
    crate::domain::people::Member {
        email: email.into(),
        display_name: "Someone New".into(),
        role: role.into(),
        skills,
        capacity,
    }
}

/// A routing rule with no conditions that files nowhere and assigns nobody.
pub(crate) fn rule_for_everything(name: &str) -> crate::domain::routing::NewRule {
    crate::domain::routing::NewRule {
        name: name.into(),
        request_type: None,
        category_id: None,
        language: None,
        keywords: vec![],
        customer_org: None,
        queue_id: None,
        assign: false,
    }
}
