//! Storing new requests: their numbers reserved ahead, then a whole batch with answers, consent
//! records, `submitted` events, links to the customers' earlier requests and the acknowledgements
//! in one statement. The acknowledgements are `outbox` rows shaped by `db::outbox::NewMessage`;
//! they are written here, in the same statement, because one durable commit per batch is what
//! makes the intake fast (see `.ci/bench-submit`).

use crate::db::orgs::Organisation;
use crate::db::requests::Classified;
use crate::domain::{Lang, NewRequest, RequestNumber};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Where a request came from: the form version it was sent with and the privacy notice the
/// customer agreed to, in the language they read it.
#[derive(Debug, Clone)]
pub struct Origin {
    /// `web`, `phone` or `desk`.
    pub channel: &'static str,
    pub form_version_id: Option<i64>,
    pub consent_notice_id: Option<i64>,
    pub consent_language: Lang,
}

/// A request just stored.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub id: i64,
    pub number: RequestNumber,
    pub tracking_nonce: i64,
}

/// The id and number a new request is stored with, taken before it is (see [`reserve`],
/// [`reserve_batch`]), so its tracking link and acknowledgement can be written with it.
#[derive(Debug, Clone)]
pub struct Reserved {
    pub id: i64,
    pub number: RequestNumber,
}

/// Takes the next number of `org` for the year of `now`, and an id, inside the caller's
/// transaction: the counter row stays locked until that transaction ends. Public submissions use
/// [`reserve_batch`].
pub async fn reserve(
    conn: &mut PgConnection,
    org: &Organisation,
    now: DateTime<Utc>,
) -> sqlx::Result<Reserved> {
    let year = crate::domain::format::helsinki_year(now);
    let taken = sqlx::query!(
        r#"INSERT INTO request_counters (organisation_id, year, last_value) VALUES ($1, $2, 1)
           ON CONFLICT (organisation_id, year)
           DO UPDATE SET last_value = request_counters.last_value + 1
           RETURNING last_value, nextval(pg_get_serial_sequence('service_requests', 'id')) AS "id!""#,
        org.id,
        year
    )
    .fetch_one(conn)
    .await?;
    Ok(Reserved {
        id: taken.id,
        number: RequestNumber::new(&org.prefix, year, taken.last_value),
    })
}

/// How many new requests of an organisation a batch stores in one year.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    pub org: &'a Organisation,
    pub year: i32,
    pub count: i64,
}

/// Takes `count` consecutive numbers and as many ids for each of `wanted` (each organisation and
/// year at most once), before the submissions' own write, as one statement in a transaction of
/// its own that commits without waiting for the disk. So concurrent batches lock a counter row
/// only for that statement, never across their own durable commit, and in one order (by
/// organisation and year), so they cannot deadlock. A number is durable as soon as any request
/// carrying it is (the WAL is flushed in order); submissions that fail after taking theirs leave
/// gaps. Answers in the order of `wanted`.
pub async fn reserve_batch(
    conn: &mut PgConnection,
    wanted: &[Wanted<'_>],
) -> sqlx::Result<Vec<Vec<Reserved>>> {
    let orgs: Vec<i64> = wanted.iter().map(|w| w.org.id).collect();
    let years: Vec<i32> = wanted.iter().map(|w| w.year).collect();
    let counts: Vec<i64> = wanted.iter().map(|w| w.count).collect();
    // set_config(.., true) lasts only for this statement's own implicit transaction.
    let taken = sqlx::query!(
        r#"WITH no_wait AS (SELECT set_config('synchronous_commit', 'off', true)),
             w AS (SELECT * FROM UNNEST($1::bigint[], $2::integer[], $3::bigint[]) AS w(organisation_id, year, count)),
             t AS (
               INSERT INTO request_counters (organisation_id, year, last_value)
               SELECT w.organisation_id, w.year, w.count FROM w, no_wait ORDER BY w.organisation_id, w.year
               ON CONFLICT (organisation_id, year)
               DO UPDATE SET last_value = request_counters.last_value + EXCLUDED.last_value
               RETURNING organisation_id, year, last_value)
           SELECT t.organisation_id, t.year, t.last_value,
             ARRAY(SELECT nextval(pg_get_serial_sequence('service_requests', 'id'))
                   FROM generate_series(1, w.count)) AS "ids!"
           FROM t JOIN w USING (organisation_id, year)"#,
        &orgs,
        &years,
        &counts
    )
    .fetch_all(conn)
    .await?;
    wanted
        .iter()
        .map(|w| {
            let t = taken
                .iter()
                .find(|t| (t.organisation_id, t.year) == (w.org.id, w.year))
                .ok_or(sqlx::Error::RowNotFound)?;
            let first = t.last_value - w.count + 1;
            Ok((first..=t.last_value)
                .zip(&t.ids)
                .map(|(n, &id)| Reserved {
                    id,
                    number: RequestNumber::new(&w.org.prefix, w.year, n),
                })
                .collect())
        })
        .collect()
}

/// A new request (from a form, or a phone call) ready to be stored: with its reserved id and
/// number, classified and timed.
#[derive(Debug)]
pub struct NewRow<'a> {
    pub org: &'a Organisation,
    pub req: &'a NewRequest,
    pub origin: Origin,
    pub class: Classified,
    pub reserved: Reserved,
    pub at: DateTime<Utc>,
    pub tracking_nonce: i64,
}

/// Stores new requests with their classification, SLA clocks, answers and consent records, each
/// with its `submitted` event, links to the customer's earlier requests and `acknowledgements`,
/// in one statement; outside a transaction that is one durable commit for the whole batch.
///
/// Each request is linked to the newest (at most 5 each) earlier requests of its organisation
/// with the same customer e-mail and, when given, the same customer organisation, earlier ones
/// of the same batch included: the ones an advisor most likely needs beside it. The request
/// view's customer panel lists the rest of their history, so a frequent customer's submission
/// writes a few links, not dozens.
pub async fn insert_new(
    conn: &mut PgConnection,
    rows: &[NewRow<'_>],
    acknowledgements: &[crate::db::outbox::NewMessage<'_>],
) -> sqlx::Result<()> {
    let ids = column(rows, |r| r.reserved.id);
    let org_ids = column(rows, |r| r.org.id);
    let numbers = column(rows, |r| r.reserved.number.as_str());
    let nonces = column(rows, |r| r.tracking_nonce);
    let channels = column(rows, |r| r.origin.channel);
    let languages = column(rows, |r| r.req.language.code());
    let categories = column(rows, |r| r.req.category_id);
    let names = column(rows, |r| r.req.name.as_str());
    let emails = column(rows, |r| r.req.email.as_str());
    let subjects = column(rows, |r| r.req.subject.as_str());
    let messages = column(rows, |r| r.req.message.as_str());
    let ats = column(rows, |r| r.at);
    let privacy_urls = column(rows, |r| r.org.privacy_url.as_str());
    let types = column(rows, |r| r.class.request_type.code());
    let urgencies = column(rows, |r| r.class.urgency.code());
    let impacts = column(rows, |r| r.class.impact.code());
    let priorities = column(rows, |r| r.class.priority.code());
    let ranks = column(rows, |r| r.class.priority.rank());
    let policies = column(rows, |r| r.class.sla_policy_id);
    let first_response = column(rows, |r| r.class.clocks.first_response_due);
    let resolution = column(rows, |r| r.class.clocks.resolution_due);
    let warn = column(rows, |r| r.class.clocks.warn_at);
    let customer_orgs = column(rows, |r| r.req.customer_org.as_deref());
    let form_versions = column(rows, |r| r.origin.form_version_id);
    let answers = column(rows, |r| serde_json::to_value(&r.req.answers).ok());
    let notices = column(rows, |r| r.origin.consent_notice_id);
    let consent_languages = column(rows, |r| r.origin.consent_language.code());
    let lengths = column(rows, |r| r.class.length.code());
    let ack_requests: Vec<Option<i64>> = acknowledgements.iter().map(|m| m.request_id).collect();
    let ack_orgs: Vec<Option<i64>> = acknowledgements.iter().map(|m| m.organisation_id).collect();
    let ack_kinds: Vec<&str> = acknowledgements.iter().map(|m| m.kind.code()).collect();
    let ack_to: Vec<&str> = acknowledgements.iter().map(|m| m.to_email).collect();
    let ack_languages: Vec<&str> = acknowledgements.iter().map(|m| m.language.code()).collect();
    let ack_subjects: Vec<&str> = acknowledgements.iter().map(|m| m.subject).collect();
    let ack_bodies: Vec<&str> = acknowledgements.iter().map(|m| m.body).collect();
    let ack_ats: Vec<DateTime<Utc>> = acknowledgements.iter().map(|m| m.at).collect();
    sqlx::query!(
        r#"WITH n AS MATERIALIZED (
           SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[],
             $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[],
             $12::timestamptz[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
             $18::smallint[], $19::bigint[], $20::timestamptz[], $21::timestamptz[],
             $22::timestamptz[], $23::text[], $24::bigint[], $25::jsonb[], $26::bigint[],
             $27::text[], $28::text[])
             AS n(id, organisation_id, number, tracking_nonce, channel, language, category_id,
               customer_name, customer_email, subject, message, at, privacy_url, request_type,
               urgency, impact, priority, priority_rank, sla_policy_id, first_response_due_at,
               resolution_due_at, sla_warn_at, customer_org, form_version_id, answers,
               consent_notice_id, consent_language, expected_length)),
         r AS (
           INSERT INTO service_requests (id, organisation_id, number, tracking_nonce, channel, status,
             language, category_id, customer_name, customer_email, subject, message, consent_at,
             privacy_url, created_at, updated_at, request_type, urgency, impact, priority,
             priority_rank, sla_policy_id, first_response_due_at, resolution_due_at, sla_warn_at,
             customer_org, form_version_id, answers, consent_notice_id, consent_language,
             expected_length)
           OVERRIDING SYSTEM VALUE
           SELECT id, organisation_id, number, tracking_nonce, channel, 'new', language, category_id,
             customer_name, customer_email, subject, message, at, privacy_url, at, at, request_type,
             urgency, impact, priority, priority_rank, sla_policy_id, first_response_due_at,
             resolution_due_at, sla_warn_at, customer_org, form_version_id, answers,
             consent_notice_id, consent_language, expected_length
           FROM n),
         e AS (
           INSERT INTO request_events (request_id, organisation_id, kind, public, body, to_status, channel, created_at)
           SELECT id, organisation_id, 'submitted', true, message, 'new', channel, at FROM n),
         by_email AS (
           INSERT INTO request_links (organisation_id, from_request_id, to_request_id, kind)
           SELECT n.organisation_id, n.id, l.id, 'same_customer'
           FROM n CROSS JOIN LATERAL (
             SELECT id FROM (
               (SELECT s.id FROM service_requests s
                WHERE s.organisation_id = n.organisation_id
                  AND lower(s.customer_email) = lower(n.customer_email) AND s.id < n.id
                ORDER BY s.id DESC LIMIT 5)
               UNION ALL
               SELECT b.id FROM n b
               WHERE b.organisation_id = n.organisation_id
                 AND lower(b.customer_email) = lower(n.customer_email) AND b.id < n.id) earlier
             ORDER BY id DESC LIMIT 5) l
           WHERE n.customer_email <> ''),
         by_org AS (
           INSERT INTO request_links (organisation_id, from_request_id, to_request_id, kind)
           SELECT n.organisation_id, n.id, l.id, 'same_customer_org'
           FROM n CROSS JOIN LATERAL (
             SELECT id FROM (
               (SELECT s.id FROM service_requests s
                WHERE s.organisation_id = n.organisation_id
                  AND lower(s.customer_org) = lower(n.customer_org) AND s.id < n.id
                ORDER BY s.id DESC LIMIT 5)
               UNION ALL
               SELECT b.id FROM n b
               WHERE b.organisation_id = n.organisation_id
                 AND lower(b.customer_org) = lower(n.customer_org) AND b.id < n.id) earlier
             ORDER BY id DESC LIMIT 5) l
           WHERE btrim(n.customer_org) <> '')
         INSERT INTO outbox (organisation_id, request_id, kind, to_email, language, subject, body, created_at)
         SELECT organisation_id, request_id, kind, to_email, language, subject, body, created_at
         FROM UNNEST($29::bigint[], $30::bigint[], $31::text[], $32::text[], $33::text[],
                     $34::text[], $35::text[], $36::timestamptz[])
           AS m(organisation_id, request_id, kind, to_email, language, subject, body, created_at)"#,
        &ids,
        &org_ids,
        &numbers as &[&str],
        &nonces,
        &channels as &[&str],
        &languages as &[&str],
        &categories as &[Option<i64>],
        &names as &[&str],
        &emails as &[&str],
        &subjects as &[&str],
        &messages as &[&str],
        &ats,
        &privacy_urls as &[&str],
        &types as &[&str],
        &urgencies as &[&str],
        &impacts as &[&str],
        &priorities as &[&str],
        &ranks,
        &policies as &[Option<i64>],
        &first_response as &[Option<DateTime<Utc>>],
        &resolution as &[Option<DateTime<Utc>>],
        &warn as &[Option<DateTime<Utc>>],
        &customer_orgs as &[Option<&str>],
        &form_versions as &[Option<i64>],
        &answers as &[Option<serde_json::Value>],
        &notices as &[Option<i64>],
        &consent_languages as &[&str],
        &lengths as &[&str],
        &ack_orgs as &[Option<i64>],
        &ack_requests as &[Option<i64>],
        &ack_kinds as &[&str],
        &ack_to as &[&str],
        &ack_languages as &[&str],
        &ack_subjects as &[&str],
        &ack_bodies as &[&str],
        &ack_ats
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One column of `rows`, for a statement that takes them as arrays.
fn column<'r, T>(rows: &'r [NewRow<'_>], f: impl Fn(&'r NewRow<'_>) -> T) -> Vec<T> {
    rows.iter().map(f).collect()
}
