//! Taking in a received mail, whichever way it came (a mailbox, `luukku ingest-mail`): a new
//! request, a reply added to its request, a reply held for an advisor, a delivery report that
//! fails the message it names, or automatic mail set aside. Each mail is taken in exactly once,
//! in one transaction with what it became.

use crate::db;
use crate::db::inbound::Answered;
use crate::db::orgs::Organisation;
use crate::domain::NewRequest;
use crate::domain::inbound::{self, Answer, Kind, Mail, Refusal};
use crate::domain::links::LinkKind;
use crate::domain::views::EventKind;
use crate::requests::customer::{Incoming, Mailer};
use crate::uploads::{CheckedFile, Upload};
use chrono::{DateTime, Utc};
use sqlx::{Connection, PgConnection};

/// What a mail became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new request (`linked_to` the resolved one it answered too late, if any).
    Request { id: i64, linked_to: Option<i64> },
    /// Added to request `id` as the customer's message.
    Reply { id: i64 },
    /// From someone who is not request `id`'s customer: held for an advisor.
    Held { id: i64 },
    /// Automatic or mailing-list mail: recorded, never answered.
    Ignored(Kind),
    /// A delivery report; `failed` of our messages marked failed.
    Bounce { failed: u64 },
    /// Taken in before (the same Message-ID, or the same bytes).
    Duplicate,
    /// Not a mail we can take in.
    Refused(Refusal),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Request {
                id,
                linked_to: None,
            } => write!(f, "new request {id}"),
            Outcome::Request {
                id,
                linked_to: Some(old),
            } => {
                write!(f, "new request {id}, linked to the resolved request {old}")
            }
            Outcome::Reply { id } => write!(f, "added to request {id}"),
            Outcome::Held { id } => {
                write!(f, "held for an advisor: not from request {id}'s customer")
            }
            Outcome::Ignored(kind) => write!(f, "set aside: {}", kind.code()),
            Outcome::Bounce { failed } => {
                write!(f, "delivery report: {failed} message(s) marked failed")
            }
            Outcome::Duplicate => write!(f, "taken in before"),
            Outcome::Refused(r) => write!(f, "refused: {}", r.code()),
        }
    }
}

impl Outcome {
    /// Whether the mail is now safely stored (a mail server may delete its copy).
    pub fn stored(&self) -> bool {
        !matches!(self, Outcome::Refused(_))
    }
}

/// Takes in mail `raw` received by `org`. Everything it does is committed before it returns.
pub async fn ingest(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    org: &Organisation,
    raw: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Outcome> {
    let mut mail = match crate::inbound::read(raw) {
        Ok(mail) => mail,
        Err(refusal) => {
            let key = crate::inbound::key_of(raw);
            db::inbound::refused(conn, org.id, &key, refusal.code(), now).await?;
            return Ok(Outcome::Refused(refusal));
        }
    };
    // A new request's number is taken before the mail's transaction, in one of its own that
    // holds the organisation's counter only for that statement (as form submissions do), so mail
    // taken in side by side does not queue on the counter through each other's commits. A mail
    // that turns out not to need it (a copy taken in meanwhile) leaves a gap in the numbers.
    let reserved = match mail.kind {
        Kind::Personal if thread_of(conn, org.id, &mail).await?.is_none() => {
            Some(reserve_one(conn, org, now).await?)
        }
        _ => None,
    };
    let mut tx = conn.begin().await?;
    let Some(log_id) = db::inbound::claim(&mut tx, org.id, &mail, now).await? else {
        return Ok(Outcome::Duplicate);
    };
    let (files, dropped) = files(std::mem::take(&mut mail.attachments));
    let outcome = match mail.kind {
        Kind::Bounce { permanent } => {
            let failed = if permanent {
                let reason = format!("{} ({})", inbound_reason(&mail), mail.from_email);
                db::outbox::fail_reported(&mut tx, &mail.reported, now, &reason).await?
            } else {
                0
            };
            Outcome::Bounce { failed }
        }
        Kind::AutoReply | Kind::List => Outcome::Ignored(mail.kind),
        Kind::Personal => {
            let new = NewMail {
                mail: &mail,
                files: &files,
                reserved,
            };
            personal(&mut tx, mailer, org, new, now).await?
        }
    };
    let (code, request_id, reason) = record(&outcome, &dropped, !files.is_empty());
    db::inbound::finish(&mut tx, log_id, code, request_id, reason.as_deref()).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Records that a mail known only by `key` (its mailbox and place in it) was refused unread
/// because it is larger than [`inbound::MAX_RAW`]; the administrators' mail log lists it.
pub async fn refuse_too_large(
    conn: &mut PgConnection,
    org: &Organisation,
    key: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Outcome> {
    db::inbound::refused(conn, org.id, key, Refusal::TooLarge.code(), now).await?;
    Ok(Outcome::Refused(Refusal::TooLarge))
}

/// A person's mail with its kept files, and the number taken for it if it starts a request.
struct NewMail<'a> {
    mail: &'a Mail,
    files: &'a [CheckedFile],
    reserved: Option<db::intake::Reserved>,
}

/// The next number of `org`, in a transaction of its own.
async fn reserve_one(
    conn: &mut PgConnection,
    org: &Organisation,
    now: DateTime<Utc>,
) -> sqlx::Result<db::intake::Reserved> {
    let year = crate::domain::format::helsinki_year(now);
    let wanted = [db::intake::Wanted {
        org,
        year,
        count: 1,
    }];
    db::intake::reserve_batch(conn, &wanted)
        .await?
        .pop()
        .and_then(|mut numbers| numbers.pop())
        .ok_or(sqlx::Error::RowNotFound)
}

/// A person's mail: the request it answers, or a new one.
async fn personal(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    org: &Organisation,
    new: NewMail<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<Outcome> {
    let NewMail {
        mail,
        files,
        reserved,
    } = new;
    let Some(answered) = find(conn, org.id, mail).await? else {
        let made = new_request(conn, mailer, org, mail, files, reserved, now).await?;
        return Ok(Outcome::Request {
            id: made.id,
            linked_to: None,
        });
    };
    let key = &answered.key;
    if !inbound::same_sender(&mail.from_email, &answered.customer_email) {
        return Ok(Outcome::Held { id: key.id });
    }
    let settings = db::orgs::mail_settings(conn, org.id).await?;
    match inbound::answer(key.status, answered.resolved_at, settings.reopen_days, now) {
        Answer::Add(to) => {
            let body = inbound::kept_text(inbound::own_words(&mail.text));
            let event_id = add_mail(conn, mailer, key, to, &body, now).await?;
            store_files(conn, key.id, Some(event_id), files, now).await?;
            Ok(Outcome::Reply { id: key.id })
        }
        Answer::NewLinked => {
            let answers = (key.id, key.number.as_str());
            let made = new_linked(conn, mailer, org, mail, files, answers, None, now).await?;
            Ok(Outcome::Request {
                id: made.id,
                linked_to: Some(key.id),
            })
        }
    }
}

/// Adds `body` from a mail to request `key` as the customer's message, moving it to `to`.
async fn add_mail(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    key: &crate::db::requests::TrackingKey,
    to: crate::domain::Status,
    body: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let m = db::requests::Message {
        kind: EventKind::CustomerMessage,
        actor_user_id: None,
        body,
        to,
        channel: "email",
    };
    super::customer::add_message(conn, mailer, key, &m, now).await
}

/// A new request from `mail` linked as related to the request it `answers` (id and number), by
/// `user_id` or by the system.
#[allow(clippy::too_many_arguments)]
async fn new_linked(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    org: &Organisation,
    mail: &Mail,
    files: &[CheckedFile],
    answers: (i64, &str),
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<crate::db::intake::Submitted> {
    let made = new_request(conn, mailer, org, mail, files, None, now).await?;
    let here = (made.id, made.number.as_str());
    db::links::link(conn, org.id, here, answers, LinkKind::Related, user_id, now).await?;
    Ok(made)
}

/// The request `mail` answers: by the Message-IDs it refers to, then by a request number in its
/// thread, address, subject or text.
async fn find(conn: &mut PgConnection, org_id: i64, mail: &Mail) -> sqlx::Result<Option<Answered>> {
    match thread_of(conn, org_id, mail).await? {
        Some(id) => db::inbound::answered(conn, org_id, id).await,
        None => Ok(None),
    }
}

/// The id of the request `mail` answers, without locking it (see [`find`]).
async fn thread_of(conn: &mut PgConnection, org_id: i64, mail: &Mail) -> sqlx::Result<Option<i64>> {
    let mut id = db::inbound::request_by_message_ids(conn, org_id, &mail.references).await?;
    if id.is_none() {
        for number in inbound::numbers(mail) {
            id = db::links::find_by_number(conn, org_id, number.as_str()).await?;
            if id.is_some() {
                break;
            }
        }
    }
    Ok(id)
}

/// A new request from `mail`, taken in like a web request: classified, routed, acknowledged in
/// the language it was written in.
async fn new_request(
    conn: &mut PgConnection,
    mailer: Mailer<'_>,
    org: &Organisation,
    mail: &Mail,
    files: &[CheckedFile],
    reserved: Option<db::intake::Reserved>,
    now: DateTime<Utc>,
) -> sqlx::Result<crate::db::intake::Submitted> {
    let settings = db::orgs::mail_settings(conn, org.id).await?;
    let text = inbound::kept_text(&mail.text);
    let subject = inbound::request_subject(&mail.subject, &text);
    let language = crate::inbound::language(
        &format!("{subject}\n{}", inbound::split_quote(&text).0),
        settings.default_language,
    );
    let name = if mail.from_name.trim().is_empty() {
        mail.from_email.clone()
    } else {
        mail.from_name.clone()
    };
    let req = NewRequest {
        name,
        email: mail.from_email.clone(),
        language,
        category_id: None,
        subject,
        message: text,
        customer_org: None,
        answers: Default::default(),
    };
    let incoming = Incoming {
        org,
        form: None,
        req: &req,
        consent_notice_id: None,
        consent_language: language,
        files,
        channel: "email",
        request_type: None,
        reserved: match reserved {
            Some(reserved) => reserved,
            None => db::intake::reserve(conn, org, now).await?,
        },
        rules: &super::intake::Rules::load(conn, org.id, now).await?,
        at: now,
    };
    super::customer::submit(conn, mailer, incoming).await
}

/// The files that pass the content checks and limits of uploads, and why the others were not
/// kept (`file_too_large`, `too_many_files`, `file_type`…).
fn files(attachments: Vec<inbound::Attachment>) -> (Vec<CheckedFile>, Vec<String>) {
    let uploads = attachments
        .into_iter()
        .map(|a| {
            let truncated = a.data.len() > crate::uploads::MAX_FILE;
            Upload {
                field: "files".into(),
                file_name: a.name,
                truncated,
                data: if truncated { Vec::new() } else { a.data },
            }
        })
        .collect();
    let limits = crate::domain::forms::FileLimits::for_mail();
    let (checked, errors) = crate::uploads::check(uploads, |_| true, &limits);
    (checked, errors.0.into_iter().map(|e| e.code).collect())
}

async fn store_files(
    conn: &mut PgConnection,
    request_id: i64,
    event_id: Option<i64>,
    files: &[CheckedFile],
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    for f in files {
        let file = db::attachments::NewFile {
            file_name: &f.file_name,
            content_type: f.kind.mime(),
            data: &f.data,
        };
        db::attachments::insert(conn, request_id, event_id, &file, now).await?;
    }
    Ok(())
}

/// Why a delivery report failed a message, as the report's sender put it.
fn inbound_reason(mail: &Mail) -> String {
    inbound::one_line(
        &format!("{}: {}", mail.subject, inbound::split_quote(&mail.text).0),
        900,
    )
}

/// The log's outcome code, request and reason for `outcome`, with the files not kept.
fn record(
    outcome: &Outcome,
    dropped: &[String],
    had_files: bool,
) -> (&'static str, Option<i64>, Option<String>) {
    let dropped = (!dropped.is_empty()).then(|| {
        let mut codes: Vec<(&str, usize)> = Vec::new();
        for code in dropped {
            match codes.iter_mut().find(|(c, _)| c == code) {
                Some((_, n)) => *n += 1,
                None => codes.push((code, 1)),
            }
        }
        let listed: Vec<String> = codes.iter().map(|(c, n)| format!("{n} {c}")).collect();
        format!("files not kept: {}", listed.join(", "))
    });
    match outcome {
        Outcome::Request { id, .. } => ("request", Some(*id), dropped),
        Outcome::Reply { id } => ("reply", Some(*id), dropped),
        Outcome::Held { id } => (
            "held",
            Some(*id),
            had_files.then(|| "files not kept while held".into()),
        ),
        Outcome::Ignored(kind) => ("ignored", None, Some(kind.code().to_string())),
        Outcome::Bounce { failed } => ("bounce", None, Some(format!("failed {failed}"))),
        Outcome::Duplicate | Outcome::Refused(_) => ("refused", None, None),
    }
}

/// What an advisor makes of a held mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Add it to the request it answers, as a message from its sender.
    Add,
    /// Make a new request of it, its sender the customer, linked to the one it answered.
    New,
}

impl Decision {
    pub fn parse(code: &str) -> Option<Decision> {
        match code {
            "add" => Some(Decision::Add),
            "new" => Some(Decision::New),
            _ => None,
        }
    }
}

/// `user` decides on held mail `mail_id` of request `request_id`. Returns the request to show
/// next: the same one, or the new one. A mail already decided on is `NotFound`.
pub async fn decide_held(
    pool: &sqlx::PgPool,
    mailer: Mailer<'_>,
    user: &crate::db::users::StaffUser,
    request_id: i64,
    mail_id: i64,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<i64, crate::error::AppError> {
    use crate::error::AppError;
    let org_id = user.organisation_id;
    let mut tx = pool.begin().await?;
    let held = db::inbound::take_held(&mut tx, org_id, request_id, mail_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let next = match decision {
        Decision::Add => {
            let answered = db::inbound::answered(&mut tx, org_id, request_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let key = &answered.key;
            let to = key
                .status
                .after_message(crate::domain::Actor::Customer, None)
                .ok_or_else(|| AppError::Conflict("closed".into()))?;
            let from = inbound::sender_line(&held.from_name, &held.from_email);
            let written = inbound::own_words(&held.body);
            let body = inbound::kept_text(&format!("{from}:\n\n{written}"));
            add_mail(&mut tx, mailer, key, to, &body, now).await?;
            db::inbound::decide(&mut tx, mail_id, "reply", request_id, now).await?;
            request_id
        }
        Decision::New => {
            let org = db::orgs::find(&mut tx, org_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mail = Mail {
                from_email: held.from_email,
                from_name: held.from_name,
                subject: held.subject,
                text: held.body,
                ..Mail::default()
            };
            let number = db::requests::tracking_key(&mut tx, request_id, false)
                .await?
                .ok_or(AppError::NotFound)?
                .number;
            let answers = (request_id, number.as_str());
            let by = Some(user.id);
            let made = new_linked(&mut tx, mailer, &org, &mail, &[], answers, by, now).await?;
            db::inbound::decide(&mut tx, mail_id, "request", made.id, now).await?;
            made.id
        }
    };
    tx.commit().await?;
    Ok(next)
}
