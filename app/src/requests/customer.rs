//! The customer's side of a request: storing a form, the messages they are sent (always through
//! the outbox, in their language, with a fresh link), hurry-ups, link resends and revocation, and
//! satisfaction surveys. Rules are `domain`'s; this loads, decides with them and stores.

use crate::db::intake::{NewRow, Origin, Submitted};
use crate::db::outbox::NewMessage;
use crate::db::requests::{Contact, Message, TrackingKey};
use crate::domain::classification::RequestType;
use crate::domain::messages::{self, MessageFacts, MessageKind};
use crate::domain::views::EventKind;
use crate::domain::{Actor, NewRequest, Status};
use crate::uploads::CheckedFile;
use chrono::{DateTime, Utc};
use sqlx::{Connection, PgConnection};

/// How links in messages are made: the signing secret and the service's public address.
#[derive(Clone, Copy)]
pub struct Mailer<'a> {
    pub secret: &'a [u8],
    pub base_url: &'a str,
}

impl Mailer<'_> {
    /// The tracking page of request `id`, valid for [`crate::security::LINK_DAYS`].
    pub fn tracking_link(&self, id: i64, nonce: i64, now: DateTime<Utc>) -> String {
        let token = crate::security::tracking_token(self.secret, id, nonce, now.timestamp());
        format!("{}/track/{token}", self.base_url)
    }

    fn survey_link(&self, survey_id: i64, nonce: i64, now: DateTime<Utc>) -> String {
        let expires = now.timestamp() + crate::security::LINK_DAYS * 86_400;
        let token = crate::security::link_token(self.secret, "survey", survey_id, nonce, expires);
        format!("{}/survey/{token}", self.base_url)
    }
}

/// A new request that passed every check: a form post with what the customer agreed to and
/// attached, or a phone call an advisor logged (no form).
pub struct Incoming<'a> {
    pub org: &'a crate::db::orgs::Organisation,
    /// The form it was sent with; `None` for a phone call.
    pub form: Option<&'a crate::db::forms::Published>,
    pub req: &'a NewRequest,
    /// The privacy notice the customer was shown, if the organisation has published one.
    pub consent_notice_id: Option<i64>,
    /// The language the customer read the notice in.
    pub consent_language: crate::domain::Lang,
    pub files: &'a [CheckedFile],
    /// Taken before it is stored with [`crate::db::intake::reserve`] or
    /// [`crate::db::intake::reserve_batch`].
    pub reserved: crate::db::intake::Reserved,
    /// Where it came from: `web`, `phone`, `desk` (split off another request).
    pub channel: &'static str,
    /// The type, when no form decides it; `None` is an information request.
    pub request_type: Option<RequestType>,
    /// The organisation's rules that classify and route it.
    pub rules: &'a super::clocks::Rules,
    /// When it came in.
    pub at: DateTime<Utc>,
}

/// Stores one new request; see [`submit_all`].
pub async fn submit(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    incoming: Incoming<'_>,
) -> sqlx::Result<Submitted> {
    submit_all(conn, mailer, std::slice::from_ref(&incoming))
        .await?
        .pop()
        .ok_or(sqlx::Error::RowNotFound)
}

/// Stores new requests, each classified and timed by its form's request type and category (a
/// call is an information request), routed by its organisation's rules, with its answers,
/// consent record and files, linked to the customer's earlier requests, and acknowledged in the
/// outbox with the tracking link when there is an address to send it to. Answers in the order
/// of `batch`.
///
/// All of it is one statement for the whole batch, and so one commit when `conn` is not in a
/// transaction, unless a request brings files or a routing rule that files it: then they are
/// written after it in a transaction (a savepoint in the caller's).
pub async fn submit_all(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    batch: &[Incoming<'_>],
) -> sqlx::Result<Vec<Submitted>> {
    let reqs: Vec<(NewRequest, RequestType)> = batch
        .iter()
        .map(|i| {
            let settings = i.form.map(|f| &f.form.settings);
            let mut req = i.req.clone();
            req.category_id = req.category_id.or(settings.and_then(|s| s.category_id));
            let request_type = settings.map_or(
                i.request_type.unwrap_or(RequestType::InformationRequest),
                |s| s.request_type,
            );
            (req, request_type)
        })
        .collect();
    let rows: Vec<NewRow<'_>> = batch
        .iter()
        .zip(&reqs)
        .map(|(i, (req, request_type))| NewRow {
            org: i.org,
            req,
            origin: Origin {
                channel: i.channel,
                form_version_id: i.form.map(|f| f.version_id),
                consent_notice_id: i.consent_notice_id,
                consent_language: i.consent_language,
            },
            class: super::clocks::classify_new(
                i.rules,
                *request_type,
                req.category_id,
                req.customer_org.as_deref(),
                i.at,
            ),
            reserved: i.reserved.clone(),
            at: i.at,
            tracking_nonce: rand::random(),
        })
        .collect();
    let acked: Vec<(&NewRow<'_>, Contact)> = rows
        .iter()
        .filter(|r| !r.req.email.is_empty())
        .map(|r| (r, contact_of(r)))
        .collect();
    let composed: Vec<(String, String)> = acked
        .iter()
        .map(|(r, c)| {
            let link = mailer.tracking_link(c.id, c.tracking_nonce, r.at);
            compose(c, MessageKind::Acknowledgement, &link, None)
        })
        .collect();
    let acknowledgements: Vec<NewMessage<'_>> = acked
        .iter()
        .zip(&composed)
        .map(|((r, c), (subject, body))| {
            new_message(c, MessageKind::Acknowledgement, subject, body, r.at)
        })
        .collect();
    let facts: Vec<crate::domain::routing::Facts<'_>> = reqs
        .iter()
        .map(|(req, request_type)| crate::domain::routing::Facts {
            request_type: *request_type,
            category_id: req.category_id,
            language: req.language,
            subject: &req.subject,
            message: &req.message,
            customer_org: req.customer_org.as_deref(),
        })
        .collect();
    let more = batch.iter().zip(&facts).any(|(i, f)| {
        !i.files.is_empty() || crate::domain::routing::first_match(&i.rules.routing, f).is_some()
    });
    if !more {
        crate::db::intake::insert_new(conn, &rows, &acknowledgements).await?;
    } else {
        let mut tx = conn.begin().await?;
        crate::db::intake::insert_new(&mut tx, &rows, &acknowledgements).await?;
        for ((i, r), f) in batch.iter().zip(&rows).zip(&facts) {
            for file in i.files {
                let file = crate::db::attachments::NewFile {
                    file_name: &file.file_name,
                    content_type: file.kind.mime(),
                    data: &file.data,
                };
                crate::db::attachments::insert(&mut tx, r.reserved.id, None, &file, i.at).await?;
            }
            // Requests an advisor makes (a call, a split) stay with them to give on; routing
            // only files them.
            let may_assign = i.channel == "web";
            crate::requests::routing::route_new(
                &mut tx,
                (i.org.id, r.reserved.id),
                &i.rules.routing,
                f,
                may_assign,
                i.at,
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(rows
        .iter()
        .map(|r| Submitted {
            id: r.reserved.id,
            number: r.reserved.number.clone(),
            tracking_nonce: r.tracking_nonce,
        })
        .collect())
}

/// Whom the acknowledgement of a request just stored goes to.
fn contact_of(r: &NewRow<'_>) -> Contact {
    Contact {
        id: r.reserved.id,
        organisation_id: r.org.id,
        organisation: r.org.name.clone(),
        number: r.reserved.number.as_str().to_string(),
        subject: r.req.subject.clone(),
        email: r.req.email.clone(),
        language: r.req.language,
        tracking_nonce: r.tracking_nonce,
    }
}

/// Queues a message of `kind` to the customer of `c`, with a fresh tracking link.
pub async fn tell(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    c: &Contact,
    kind: MessageKind,
    quoted: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let link = mailer.tracking_link(c.id, c.tracking_nonce, now);
    queue(conn, c, kind, &link, quoted, now).await
}

async fn queue(
    conn: &mut PgConnection,
    c: &Contact,
    kind: MessageKind,
    link: &str,
    quoted: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    // A caller who gave no address is told on the phone.
    if c.email.is_empty() {
        return Ok(());
    }
    let (subject, body) = compose(c, kind, link, quoted);
    let m = new_message(c, kind, &subject, &body, now);
    crate::db::outbox::put(conn, std::slice::from_ref(&m)).await
}

/// The subject and body of a message of `kind` to `c`, in their language.
fn compose(c: &Contact, kind: MessageKind, link: &str, quoted: Option<&str>) -> (String, String) {
    let facts = MessageFacts {
        number: &c.number,
        org_name: c.organisation.get(c.language),
        subject: &c.subject,
        link,
        body: quoted,
    };
    messages::compose(kind, c.language, &facts)
}

fn new_message<'a>(
    c: &'a Contact,
    kind: MessageKind,
    subject: &'a str,
    body: &'a str,
    at: DateTime<Utc>,
) -> NewMessage<'a> {
    NewMessage {
        organisation_id: Some(c.organisation_id),
        request_id: Some(c.id),
        kind,
        to_email: &c.email,
        language: c.language,
        subject,
        body,
        at,
    }
}

/// Adds a public message to request `key` and moves it to `to`, re-timing its clocks and telling
/// the customer what concerns them (a staff reply, a question, the resolution with a survey).
/// Returns the message's event id.
pub async fn add_message(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    key: &TrackingKey,
    m: &Message<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let event_id = crate::db::requests::add_message(conn, key, m, now).await?;
    if m.to != key.status {
        super::clocks::retime(conn, key.id).await?;
    }
    let staff_reply = m.kind == EventKind::Reply && m.actor_user_id.is_some();
    let reply = staff_reply.then_some(m.body);
    after_change(conn, mailer, key.id, (key.status, m.to), reply, now).await?;
    Ok(event_id)
}

/// [`add_message`] to a request read once with [`crate::db::requests::message_target`]: its row
/// is not read again to re-time it or to tell its customer.
pub async fn add_message_to(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    target: &crate::db::requests::MessageTarget,
    m: &Message<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let key = &target.key;
    let event_id = crate::db::requests::add_message(conn, key, m, now).await?;
    if m.to != key.status {
        super::clocks::retime_target(conn, target).await?;
    }
    let staff_reply = m.kind == EventKind::Reply && m.actor_user_id.is_some();
    let reply = staff_reply.then_some(m.body);
    tell_change(
        conn,
        mailer,
        &target.contact,
        (key.status, m.to),
        reply,
        now,
    )
    .await?;
    Ok(event_id)
}

/// Moves request `key` to `to` without a message (by `actor_user_id`, or the system), re-times its
/// clocks and tells the customer what concerns them.
pub async fn move_to(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    key: &TrackingKey,
    to: Status,
    actor_user_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    if to == key.status {
        return Ok(());
    }
    crate::db::requests::change_status(conn, key, to, actor_user_id, "desk", false, now).await?;
    super::clocks::retime(conn, key.id).await?;
    after_change(conn, mailer, key.id, (key.status, to), None, now).await
}

/// Tells the customer of request `id` about its move `from → to` (with staff's `reply`, if any),
/// and opens a survey when it was just resolved.
pub async fn after_change(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    id: i64,
    (from, to): (Status, Status),
    reply: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    if messages::for_change(from, to, reply.is_some()).is_none() {
        return Ok(());
    }
    let Some(c) = crate::db::requests::contact(conn, id).await? else {
        return Ok(());
    };
    tell_change(conn, mailer, &c, (from, to), reply, now).await
}

/// [`after_change`] to the customer `c` of a request already read.
pub async fn tell_change(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    c: &Contact,
    (from, to): (Status, Status),
    reply: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let Some(kind) = messages::for_change(from, to, reply.is_some()) else {
        return Ok(());
    };
    tell(conn, mailer, c, kind, reply, now).await?;
    if kind == MessageKind::Resolved {
        let nonce: i64 = rand::random();
        let survey = crate::db::surveys::open(conn, c.id, c.organisation_id, nonce, now).await?;
        let link = mailer.survey_link(survey, nonce, now);
        queue(conn, c, MessageKind::Survey, &link, None, now).await?;
    }
    Ok(())
}

/// "Send my link again": queues a fresh tracking link when `number` is a request of `email`. The
/// caller answers the same either way, so nobody learns whether a request exists.
pub async fn resend_link(
    pool: &sqlx::PgPool,
    mailer: Mailer<'_>,
    number: &str,
    email: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    let Some(id) = crate::db::requests::find_for_customer(&mut tx, number, email).await? else {
        return Ok(false);
    };
    let Some(c) = crate::db::requests::contact(&mut tx, id).await? else {
        return Ok(false);
    };
    tell(&mut tx, mailer, &c, MessageKind::TrackingLink, None, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// How long an e-mailed portal sign-in link works.
pub const SIGN_IN_MINUTES: i64 = 30;

/// Queues a single-use portal sign-in link to `email` (only its hash is stored).
pub async fn send_sign_in_link(
    pool: &sqlx::PgPool,
    mailer: Mailer<'_>,
    email: &str,
    lang: crate::domain::Lang,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let token = crate::security::new_link_secret();
    let expires = now + chrono::Duration::minutes(SIGN_IN_MINUTES);
    let hash = crate::security::session_hash(&token);
    let mut tx = pool.begin().await?;
    crate::db::portal::put_link(&mut tx, &hash, email, lang, now, expires).await?;
    let link = format!("{}/portal/in/{token}", mailer.base_url);
    let facts = MessageFacts {
        number: "",
        org_name: "",
        subject: "",
        link: &link,
        body: None,
    };
    let (subject, body) = messages::compose(MessageKind::PortalSignIn, lang, &facts);
    let m = crate::db::outbox::NewMessage {
        organisation_id: None,
        request_id: None,
        kind: MessageKind::PortalSignIn,
        to_email: email,
        language: lang,
        subject: &subject,
        body: &body,
        at: now,
    };
    crate::db::outbox::put(&mut tx, std::slice::from_ref(&m)).await?;
    tx.commit().await
}

/// Stops every tracking link of request `key` and sends the customer a new one.
pub async fn revoke_links(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    key: &TrackingKey,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    crate::db::requests::revoke_links(conn, key, rand::random(), now).await?;
    if let Some(c) = crate::db::requests::contact(conn, key.id).await? {
        tell(conn, mailer, &c, MessageKind::TrackingLink, None, now).await?;
    }
    Ok(())
}

/// Records a hurry-up on request `key` and notifies its organisation; `false` when it is not
/// allowed now (finished, or hurried in the last 24 hours).
pub async fn hurry(
    conn: &mut PgConnection,
    key: &TrackingKey,
    actor_user_id: Option<i64>,
    channel: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    if !key.status.is_active() {
        return Ok(false);
    }
    crate::db::requests::hurry(
        conn,
        key,
        actor_user_id,
        channel,
        now,
        now - crate::domain::request::HURRY_EVERY,
    )
    .await
}

/// What became of a survey answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyOutcome {
    Recorded,
    /// The score was at or below the organisation's threshold: the request is back in work.
    Reopened,
    AlreadyAnswered,
}

/// Records `score` (0–10) and `comment` on survey `s`. A score at or below the organisation's
/// threshold reopens a resolved request and notifies its organisation.
pub async fn answer_survey(
    conn: &mut PgConnection,
    s: &crate::db::surveys::Survey,
    score: i16,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<SurveyOutcome> {
    if s.answered_at.is_some() {
        return Ok(SurveyOutcome::AlreadyAnswered);
    }
    crate::db::surveys::answer(conn, s, score, comment, now).await?;
    if !crate::domain::survey::reopens(score, s.threshold) {
        return Ok(SurveyOutcome::Recorded);
    }
    crate::db::surveys::notify_low(conn, s.organisation_id, s.request_id, now).await?;
    let Some(key) = crate::db::requests::tracking_key(conn, s.request_id, true).await? else {
        return Ok(SurveyOutcome::Recorded);
    };
    if let Ok(to) = key.status.transition(Status::Open, Actor::Customer) {
        crate::db::requests::change_status(conn, &key, to, None, "web", false, now).await?;
        super::clocks::retime(conn, key.id).await?;
        return Ok(SurveyOutcome::Reopened);
    }
    Ok(SurveyOutcome::Recorded)
}

/// Gives organisation `organisation_id` the four standard forms (see
/// [`crate::domain::standard_forms`]), each with its first version.
pub async fn add_standard_forms(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: Option<i64>,
) -> sqlx::Result<()> {
    use crate::db::forms::{self, FormSettings};
    for (n, f) in crate::domain::standard_forms::standard_forms()
        .into_iter()
        .enumerate()
    {
        let settings = FormSettings {
            slug: f.slug.into(),
            request_type: f.request_type,
            category_id: None,
            name: f.name,
            intro: f.intro,
            active: true,
            sort_order: n as i32,
            limits: crate::domain::forms::FileLimits::for_messages(),
        };
        let id = forms::insert(conn, organisation_id, &settings).await?;
        forms::save_version(conn, id, 1, &f.def, user_id).await?;
    }
    Ok(())
}
