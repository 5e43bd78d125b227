//! Incoming mail: the corpus under `app/tests/mail` taken in one mail after another, as a
//! mailbox would deliver them, and the limits, late answers and duplicates around it.

use crate::domain::inbound::{Kind, Refusal};
use crate::requests::mail_in::{Outcome, ingest};
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::{PgConnection, PgPool};

const ACK_ID: &str = "<luukku.ack.test@luukku.example>";

/// Corpus mail `name` with `{{NUMBER}}` standing for `number`.
fn corpus(name: &str, number: &str) -> Vec<u8> {
    let path = format!("{}/tests/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = &raw[..];
    while let Some(at) = rest.windows(10).position(|w| w == b"{{NUMBER}}") {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(number.as_bytes());
        rest = &rest[at + 10..];
    }
    out.extend_from_slice(rest);
    out
}

async fn row(conn: &mut PgConnection, id: i64) -> (String, String, String, String, String) {
    sqlx::query_as(
        "SELECT channel, language, subject, customer_email, status FROM service_requests WHERE id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await
    .expect("request")
}

async fn number_of(conn: &mut PgConnection, id: i64) -> String {
    sqlx::query_scalar("SELECT number FROM service_requests WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await
        .expect("number")
}

async fn messages(conn: &mut PgConnection, id: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT body FROM request_events WHERE request_id = $1 AND kind = 'customer_message' ORDER BY id",
    )
    .bind(id)
    .fetch_all(conn)
    .await
    .expect("messages")
}

async fn count(conn: &mut PgConnection, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(conn)
        .await
        .expect("count")
}

fn request_id(outcome: &Outcome) -> i64 {
    match outcome {
        Outcome::Request { id, .. } => *id,
        other => panic!("expected a new request, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_corpus_gives_requests_replies_held_mail_and_refusals(pool: PgPool) {
    let (o, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let now = Utc::now();
    let mut table = Vec::new();
    macro_rules! take {
        ($name:expr, $number:expr) => {{
            let outcome = ingest(&mut conn, MAILER, &o, &corpus($name, $number), now)
                .await
                .expect("ingest");
            table.push(format!("| `{}` | {} |", $name, outcome));
            outcome
        }};
    }

    // New mail in three languages and three programs: requests in the language written.
    let a = request_id(&take!("01-outlook-fi-new.eml", ""));
    let (channel, lang, subject, email, status) = row(&mut conn, a).await;
    assert_eq!(
        (
            channel.as_str(),
            lang.as_str(),
            subject.as_str(),
            email.as_str(),
            status.as_str()
        ),
        (
            "email",
            "fi",
            "Katuvalo Pyörätiellä",
            "maija.meikalainen@example.fi",
            "new"
        )
    );
    assert_eq!(
        outbox_kinds(&mut conn, a).await,
        ["acknowledgement"],
        "acknowledged"
    );
    let number = number_of(&mut conn, a).await;
    sqlx::query("UPDATE outbox SET message_id = $2 WHERE request_id = $1")
        .bind(a)
        .bind(ACK_ID)
        .execute(&mut *conn)
        .await
        .expect("ack id");
    let b = request_id(&take!("02-gmail-sv-new.eml", ""));
    assert_eq!(row(&mut conn, b).await.1, "sv");
    assert_eq!(row(&mut conn, b).await.2, "Simhallens öppetider");
    let c = request_id(&take!("03-apple-en-new.eml", ""));
    assert_eq!(row(&mut conn, c).await.1, "en");

    // Replies: by In-Reply-To, by the number in the subject, by the number in the quoted text;
    // only what the customer wrote above the quote is the message.
    assert_eq!(
        take!("04-thunderbird-fi-reply.eml", &number),
        Outcome::Reply { id: a }
    );
    assert_eq!(
        take!("05-gmail-en-reply-subject.eml", &number),
        Outcome::Reply { id: a }
    );
    assert_eq!(
        take!("06-outlook-sv-reply-quoted.eml", &number),
        Outcome::Reply { id: a }
    );
    let said = messages(&mut conn, a).await;
    assert_eq!(
        said,
        [
            "Kiitos! Lisätieto: valo on pylväässä numero 17.\n\nMaija",
            "One more thing: the light flickers before it goes dark.",
            "Hej, har ni hunnit titta på saken?",
        ]
    );
    let channels: Vec<String> = sqlx::query_scalar(
        "SELECT channel FROM request_events WHERE request_id = $1 AND kind = 'customer_message'",
    )
    .bind(a)
    .fetch_all(&mut *conn)
    .await
    .expect("channels");
    assert!(channels.iter().all(|c| c == "email"));

    // Someone else answering the thread is held, never added.
    assert_eq!(
        take!("07-stranger-reply.eml", &number),
        Outcome::Held { id: a }
    );
    assert_eq!(messages(&mut conn, a).await.len(), 3);

    // Files: a PDF in nested multiparts is kept; a forwarded mail is kept as text, named by its
    // subject.
    let d = request_id(&take!("08-iso-8859-1-pdf.eml", ""));
    let files = "SELECT count(*) FROM attachments WHERE request_id = $1";
    assert_eq!(count(&mut conn, files, d).await, 1);
    assert_eq!(row(&mut conn, d).await.2, "Hakemus pysäköintiluvasta");
    let e = request_id(&take!("09-forwarded.eml", ""));
    let names: Vec<String> =
        sqlx::query_scalar("SELECT file_name FROM attachments WHERE request_id = $1")
            .bind(e)
            .fetch_all(&mut *conn)
            .await
            .expect("files");
    assert_eq!(names, ["Lasku 12345.txt"]);

    // A delivery report fails the message it names, with a staff step on its request; a delay
    // warning fails nothing.
    for (request, id) in [
        (b, "<luukku.bounced.test@luukku.example>"),
        (c, "<luukku.delayed.test@luukku.example>"),
    ] {
        sqlx::query("UPDATE outbox SET message_id = $2 WHERE request_id = $1")
            .bind(request)
            .bind(id)
            .execute(&mut *conn)
            .await
            .expect("id");
    }
    assert_eq!(
        take!("10-dsn-bounce.eml", &number),
        Outcome::Bounce { failed: 1 }
    );
    let failed = "SELECT count(*) FROM outbox WHERE request_id = $1 AND failed_at IS NOT NULL";
    assert_eq!(count(&mut conn, failed, b).await, 1);
    let steps =
        "SELECT count(*) FROM request_events WHERE request_id = $1 AND kind = 'mail_failed'";
    assert_eq!(count(&mut conn, steps, b).await, 1);
    assert_eq!(take!("11-dsn-delay.eml", ""), Outcome::Bounce { failed: 0 });
    assert_eq!(count(&mut conn, failed, c).await, 0);

    // Automatic and list mail: set aside, nothing reopened or answered.
    let before = outbox_kinds(&mut conn, a).await.len();
    assert_eq!(
        take!("12-auto-reply-fi.eml", &number),
        Outcome::Ignored(Kind::AutoReply)
    );
    assert_eq!(
        take!("13-auto-reply-outlook-sv.eml", ""),
        Outcome::Ignored(Kind::AutoReply)
    );
    assert_eq!(
        take!("14-mailing-list.eml", ""),
        Outcome::Ignored(Kind::List)
    );
    assert_eq!(messages(&mut conn, a).await.len(), 3);
    assert_eq!(
        outbox_kinds(&mut conn, a).await.len(),
        before,
        "never answered"
    );

    // Broken mail: read as far as it goes, or refused with the reason; never a panic.
    request_id(&take!("15-broken-headers.eml", ""));
    assert_eq!(
        take!("16-no-sender.eml", ""),
        Outcome::Refused(Refusal::NoSender)
    );
    let refused: Option<String> = sqlx::query_scalar(
        "SELECT reason FROM inbound_mail WHERE organisation_id = $1 AND outcome = 'refused'",
    )
    .bind(o.id)
    .fetch_one(&mut *conn)
    .await
    .expect("refusal logged");
    assert_eq!(refused.as_deref(), Some("no_sender"));

    // HTML only: the text without the script or the remote image.
    let h = request_id(&take!("17-html-only.eml", ""));
    let body: String = sqlx::query_scalar("SELECT message FROM service_requests WHERE id = $1")
        .bind(h)
        .fetch_one(&mut *conn)
        .await
        .expect("body");
    assert!(body.contains("kadotin kirjastokorttini"), "{body}");
    assert!(
        !body.contains("alert") && !body.contains("tracker"),
        "{body}"
    );

    // The same mail again (fetched twice, or sent to two of our mailboxes): nothing new.
    let requests = "SELECT count(*) FROM service_requests WHERE organisation_id = $1";
    let n = count(&mut conn, requests, o.id).await;
    assert_eq!(take!("01-outlook-fi-new.eml", ""), Outcome::Duplicate);
    assert_eq!(
        take!("04-thunderbird-fi-reply.eml", &number),
        Outcome::Duplicate
    );
    assert_eq!(count(&mut conn, requests, o.id).await, n);
    assert_eq!(messages(&mut conn, a).await.len(), 3);
    println!("{}", table.join("\n"));
}

/// A mail of `n` attachments of `size` bytes each, PNG by their content.
fn with_attachments(n: usize, size: usize) -> Vec<u8> {
    use base64::Engine;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(size, 7);
    let encoded = base64::engine::general_purpose::STANDARD.encode(&png);
    let mut raw = format!(
        "From: Kalle <kalle.{n}@example.fi>\r\nTo: neuvonta@luukku.example\r\nSubject: Kuvia\r\n\
         Message-ID: <many-{n}-{size}@example.fi>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nKuvat liitteenä.\r\n"
    );
    for i in 0..n {
        raw.push_str(&format!(
            "--b\r\nContent-Type: image/png; name=\"kuva{i}.png\"\r\n\
             Content-Disposition: attachment; filename=\"kuva{i}.png\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n"
        ));
        for line in encoded.as_bytes().chunks(76) {
            raw.push_str(std::str::from_utf8(line).expect("base64"));
            raw.push_str("\r\n");
        }
    }
    raw.push_str("--b--\r\n");
    raw.into_bytes()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_huge_attachment_or_a_hundred_of_them_never_stop_a_mail(pool: PgPool) {
    let (o, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let now = Utc::now();
    let files = "SELECT count(*) FROM attachments WHERE request_id = $1";
    let reason = "SELECT reason FROM inbound_mail WHERE request_id = $1";

    let big = ingest(
        &mut conn,
        MAILER,
        &o,
        &with_attachments(1, 20 * 1024 * 1024),
        now,
    )
    .await
    .expect("ingest");
    let id = request_id(&big);
    assert_eq!(
        count(&mut conn, files, id).await,
        0,
        "over the 10 MB a file may have"
    );
    let why: Option<String> = sqlx::query_scalar(reason)
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .expect("reason");
    assert_eq!(why.as_deref(), Some("files not kept: 1 file_too_large"));

    let many = ingest(&mut conn, MAILER, &o, &with_attachments(100, 2000), now)
        .await
        .expect("ingest");
    let id = request_id(&many);
    assert_eq!(
        count(&mut conn, files, id).await,
        10,
        "the first ten are kept"
    );
    let why: Option<String> = sqlx::query_scalar(reason)
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .expect("reason");
    assert_eq!(why.as_deref(), Some("files not kept: 90 too_many_files"));

    let mut too_big = with_attachments(1, 10);
    too_big.resize(crate::domain::inbound::MAX_RAW + 1, b'a');
    let refused = ingest(&mut conn, MAILER, &o, &too_big, now)
        .await
        .expect("ingest");
    assert_eq!(refused, Outcome::Refused(Refusal::TooLarge));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_answer_reopens_within_the_period_and_starts_a_linked_request_after_it(pool: PgPool) {
    let (o, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let now = Utc::now();
    let a = request_id(
        &ingest(
            &mut conn,
            MAILER,
            &o,
            &corpus("01-outlook-fi-new.eml", ""),
            now,
        )
        .await
        .expect("ingest"),
    );
    let number = number_of(&mut conn, a).await;
    let resolve = |days: i64| {
        sqlx::query(
            "UPDATE service_requests SET status = 'resolved', resolved_at = $2 WHERE id = $1",
        )
        .bind(a)
        .bind(now - Duration::days(days))
    };
    resolve(3).execute(&mut *conn).await.expect("resolve");
    let soon = corpus("05-gmail-en-reply-subject.eml", &number);
    assert_eq!(
        ingest(&mut conn, MAILER, &o, &soon, now)
            .await
            .expect("ingest"),
        Outcome::Reply { id: a }
    );
    assert_eq!(row(&mut conn, a).await.4, "open", "reopened");

    resolve(20).execute(&mut *conn).await.expect("resolve");
    let late = corpus("04-thunderbird-fi-reply.eml", &number);
    let outcome = ingest(&mut conn, MAILER, &o, &late, now)
        .await
        .expect("ingest");
    let Outcome::Request { id, linked_to } = outcome else {
        panic!("expected a new request, got {outcome:?}");
    };
    assert_eq!(linked_to, Some(a));
    assert_eq!(row(&mut conn, a).await.4, "resolved", "left as it was");
    let links =
        "SELECT count(*) FROM request_links WHERE from_request_id = $1 AND kind = 'related'";
    assert_eq!(count(&mut conn, links, id).await, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_same_mail_arriving_twice_at_once_is_taken_in_once(pool: PgPool) {
    let (o, _) = org(&pool).await;
    let raw = corpus("02-gmail-sv-new.eml", "");
    let now = Utc::now();
    let run = || {
        let (pool, o, raw) = (pool.clone(), o.clone(), raw.clone());
        tokio::spawn(async move {
            let mut conn = pool.acquire().await.expect("conn");
            ingest(&mut conn, MAILER, &o, &raw, now)
                .await
                .expect("ingest")
        })
    };
    let (x, y) = (run(), run());
    let mut outcomes = vec![x.await.expect("task"), y.await.expect("task")];
    outcomes.sort_by_key(|o| matches!(o, Outcome::Duplicate));
    assert!(
        matches!(outcomes[0], Outcome::Request { .. }),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[1], Outcome::Duplicate);
    let mut conn = pool.acquire().await.expect("conn");
    let n = count(
        &mut conn,
        "SELECT count(*) FROM service_requests WHERE organisation_id = $1",
        o.id,
    )
    .await;
    assert_eq!(n, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_advisor_adds_held_mail_or_makes_a_new_request_of_it(pool: PgPool) {
    use crate::requests::mail_in::{Decision, decide_held};
    let (o, _) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let a = request_id(
        &ingest(
            &mut conn,
            MAILER,
            &o,
            &corpus("01-outlook-fi-new.eml", ""),
            now,
        )
        .await
        .expect("ingest"),
    );
    let number = number_of(&mut conn, a).await;
    let stranger = corpus("07-stranger-reply.eml", &number);
    assert_eq!(
        ingest(&mut conn, MAILER, &o, &stranger, now)
            .await
            .expect("ingest"),
        Outcome::Held { id: a }
    );
    let held = crate::db::inbound::held_for(&mut conn, o.id, a)
        .await
        .expect("held");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].from, "Pekka Puolisonen <pekka@example.fi>");

    let next = decide_held(&pool, MAILER, &aino, a, held[0].id, Decision::Add, now)
        .await
        .expect("add");
    assert_eq!(next, a);
    let said = messages(&mut conn, a).await;
    assert_eq!(
        said,
        ["Pekka Puolisonen <pekka@example.fi>:\n\nHei, olen Maijan naapuri ja sama valo on rikki."]
    );
    assert!(
        crate::db::inbound::held_for(&mut conn, o.id, a)
            .await
            .expect("held")
            .is_empty()
    );
    let again = decide_held(&pool, MAILER, &aino, a, held[0].id, Decision::New, now).await;
    assert!(
        matches!(again, Err(crate::error::AppError::NotFound)),
        "decided once"
    );

    // A second stranger's mail becomes their own request, linked to the one it answered.
    let other = String::from_utf8(stranger)
        .expect("utf-8")
        .replace("stranger-1@", "stranger-2@");
    ingest(&mut conn, MAILER, &o, other.as_bytes(), now)
        .await
        .expect("ingest");
    let held = crate::db::inbound::held_for(&mut conn, o.id, a)
        .await
        .expect("held");
    let made = decide_held(&pool, MAILER, &aino, a, held[0].id, Decision::New, now)
        .await
        .expect("new");
    assert_ne!(made, a);
    let (channel, _, subject, email, _) = row(&mut conn, made).await;
    assert_eq!(
        (channel.as_str(), subject.as_str(), email.as_str()),
        ("email", "Katuvalo", "pekka@example.fi")
    );
    let links =
        "SELECT count(*) FROM request_links WHERE from_request_id = $1 AND kind = 'related'";
    assert_eq!(count(&mut conn, links, made).await, 1);
    assert_eq!(
        outbox_kinds(&mut conn, made).await,
        ["acknowledgement"],
        "the new customer is told"
    );
}
