//! Outgoing mail against a real SMTP server (aiosmtpd, `.ci/smtp-sink.py`, started per test on a
//! free port): what a customer receives, how refusals and deferrals are recorded, and that a
//! message is neither lost nor sent twice when workers die or run side by side.

use super::helpers::*;
use crate::mail::{Delivery, Pass};
use app::domain::mail::Sender;
use axum::http::StatusCode;
use sqlx::PgPool;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

/// A real SMTP server keeping what it accepts in a directory, stopped when dropped.
struct Sink {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Sink {
    fn start() -> Sink {
        let command = std::env::var("LUUKKU_SMTP_SINK").expect(
            "LUUKKU_SMTP_SINK names the SMTP test server: run .ci/test, or source .ci/lib.sh and run ensure_smtp_sink",
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = std::env::temp_dir().join(format!("luukku-sink-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut parts = command.split_whitespace();
        let mut child = Command::new(parts.next().expect("a program"))
            .args(parts)
            .args(["127.0.0.1", &port.to_string(), &dir.to_string_lossy()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the SMTP test server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the SMTP test server says it listens");
        assert!(line.contains("listening"), "{line}");
        Sink { child, dir, port }
    }

    fn delivery(&self) -> Delivery {
        Delivery::new(
            &format!("smtp://127.0.0.1:{}", self.port),
            Sender {
                name: "Luukku".into(),
                address: "luukku@palvelu.example".into(),
            },
            Arc::from(SECRET),
        )
        .expect("a valid SMTP address")
    }

    /// Every message received so far, in the order received.
    fn received(&self) -> Vec<String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("a message"))
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The value of header `name` in `message` (folded lines joined).
fn header(message: &str, name: &str) -> Option<String> {
    let head = message.split("\r\n\r\n").next()?;
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// Passes until the outbox has nothing due.
async fn drain(delivery: &Delivery, pool: &PgPool) -> Pass {
    let mut total = Pass::default();
    loop {
        let p = delivery.pass(pool).await.expect("a pass");
        if p == Pass::default() {
            return total;
        }
        total.sent += p.sent;
        total.retried += p.retried;
        total.failed += p.failed;
    }
}

/// The demo's earlier messages count as sent, so a test sees only its own.
async fn only_new_mail(pool: &PgPool) {
    sqlx::query("UPDATE outbox SET sent_at = now()")
        .execute(pool)
        .await
        .expect("old mail marked");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_customer_gets_each_message_of_a_request_threaded_signed_and_in_two_parts(pool: PgPool) {
    let app = app(pool.clone()).await;
    only_new_mail(&pool).await;
    sqlx::query(
        "UPDATE organisations SET mail_from_name = 'Neuvonta', mail_from_address = 'neuvonta@kaupunki.example',
                signature_sv = E'Kundtjänsten\\n09 123 456'",
    )
    .execute(&pool)
    .await
    .expect("sender set");
    submit(&app).await;
    let (request_id, number): (i64, String) =
        sqlx::query_as("SELECT id, number FROM service_requests ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("the request");
    let sink = Sink::start();
    let delivery = sink.delivery();
    assert_eq!(drain(&delivery, &pool).await.sent, 1);

    // A second message of the same request, as an advisor's reply puts it in the outbox.
    sqlx::query(
        "INSERT INTO outbox (organisation_id, request_id, kind, to_email, language, subject, body)
         SELECT organisation_id, id, 'reply', customer_email, 'sv', 'Svar', 'Ladda kortet så här.'
         FROM service_requests WHERE id = $1",
    )
    .bind(request_id)
    .execute(&pool)
    .await
    .expect("a reply queued");
    assert_eq!(drain(&delivery, &pool).await.sent, 1);

    let got = sink.received();
    assert_eq!(got.len(), 2);
    let (ack, reply) = (&got[0], &got[1]);
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT message_id FROM outbox WHERE request_id = $1 ORDER BY id")
            .bind(request_id)
            .fetch_all(&pool)
            .await
            .expect("message ids");
    let root = format!("<{number}@kaupunki.example>");
    assert_eq!(header(ack, "Message-ID").as_deref(), Some(ids[0].as_str()));
    assert_eq!(header(ack, "In-Reply-To"), Some(root.clone()));
    assert_eq!(
        header(reply, "Message-ID").as_deref(),
        Some(ids[1].as_str())
    );
    assert_eq!(
        header(reply, "In-Reply-To").as_deref(),
        Some(ids[0].as_str())
    );
    assert_eq!(
        header(reply, "References"),
        Some(format!("{root} {}", ids[0]))
    );
    assert!(header(ack, "Subject").expect("subject").contains(&number));
    assert!(
        header(ack, "From")
            .expect("from")
            .contains("<neuvonta@kaupunki.example>")
    );
    assert!(
        header(ack, "Reply-To")
            .expect("reply-to")
            .contains(&format!("neuvonta+{number}@kaupunki.example"))
    );
    // The acknowledgement is automatic; an advisor's reply is a person's.
    assert_eq!(
        header(ack, "Auto-Submitted").as_deref(),
        Some("auto-generated")
    );
    assert_eq!(header(reply, "Auto-Submitted"), None);
    assert_eq!(header(ack, "Content-Language").as_deref(), Some("sv"));
    assert!(
        header(ack, "Content-Type")
            .expect("content type")
            .starts_with("multipart/alternative")
    );
    assert!(ack.contains("text/plain") && ack.contains("text/html"));
    assert!(
        reply.contains("Kundtj"),
        "the Swedish signature is in the message"
    );
    // The signature line `-- ` (its space quoted-printable encoded when the part is).
    assert!(reply.contains("\r\n-- \r\n") || reply.contains("\r\n--=20\r\n"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_refused_address_fails_for_good_and_tells_staff_and_a_deferral_is_tried_again(
    pool: PgPool,
) {
    let app = app(pool.clone()).await;
    only_new_mail(&pool).await;
    submit(&app).await;
    let request_id: i64 =
        sqlx::query_scalar("SELECT id FROM service_requests ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("the request");
    sqlx::query("UPDATE outbox SET to_email = 'bounce.me@kunta.example' WHERE request_id = $1;")
        .bind(request_id)
        .execute(&pool)
        .await
        .expect("address changed");
    sqlx::query(
        "INSERT INTO outbox (organisation_id, request_id, kind, to_email, language, subject, body)
         SELECT organisation_id, id, 'reply', 'later@kunta.example', 'fi', 'Vastaus', 'Teksti'
         FROM service_requests WHERE id = $1",
    )
    .bind(request_id)
    .execute(&pool)
    .await
    .expect("a reply queued");

    let sink = Sink::start();
    let pass = drain(&sink.delivery(), &pool).await;
    assert_eq!((pass.sent, pass.retried, pass.failed), (0, 1, 1));
    assert!(sink.received().is_empty());

    let rows: Vec<(String, Option<String>, bool, i32, bool)> = sqlx::query_as(
        "SELECT to_email, last_error, failed_at IS NOT NULL, attempts, next_attempt_at > now()
         FROM outbox WHERE request_id = $1 ORDER BY id",
    )
    .bind(request_id)
    .fetch_all(&pool)
    .await
    .expect("outbox rows");
    let (_, why, failed, attempts, _) = &rows[0];
    assert!(*failed && *attempts == 1);
    assert!(
        why.as_deref().unwrap_or_default().contains("550"),
        "{why:?}"
    );
    let (_, why, failed, attempts, later) = &rows[1];
    assert!(!*failed && *attempts == 1 && *later, "deferred, not failed");
    assert!(
        why.as_deref().unwrap_or_default().contains("451"),
        "{why:?}"
    );

    // Staff see the failure on the request's timeline; the customer does not.
    let timeline =
        app::db::events::timeline(&mut pool.acquire().await.expect("conn"), request_id, false)
            .await
            .expect("timeline");
    let failure = timeline
        .iter()
        .find(|e| e.kind == app::domain::views::EventKind::MailFailed)
        .expect("a mail_failed event");
    assert!(
        failure
            .body
            .as_deref()
            .unwrap_or_default()
            .starts_with("bounce.me@kunta.example: ")
    );
    let public =
        app::db::events::timeline(&mut pool.acquire().await.expect("conn"), request_id, true)
            .await
            .expect("timeline");
    assert!(
        public
            .iter()
            .all(|e| e.kind != app::domain::views::EventKind::MailFailed)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_worker_that_dies_loses_nothing_and_workers_side_by_side_send_each_message_once(
    pool: PgPool,
) {
    let app = app(pool.clone()).await;
    only_new_mail(&pool).await;
    for _ in 0..3 {
        submit(&app).await;
    }
    sqlx::query(
        "INSERT INTO outbox (kind, to_email, language, subject, body)
         SELECT 'tracking_link', 'asiakas' || n || '@kunta.example', 'fi', 'Linkki', 'Teksti'
         FROM generate_series(1, 400) n",
    )
    .execute(&pool)
    .await
    .expect("messages queued");
    let due: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&pool)
        .await
        .expect("count");

    // A worker claims messages and dies before sending them: their lease runs out and another
    // worker sends them with the Message-IDs they were given.
    let now = chrono::Utc::now();
    let claimed = app::db::outbox::claim(
        &mut pool.acquire().await.expect("conn"),
        now,
        now,
        10,
        |id, _| format!("<dead.{id}@palvelu.example>"),
    )
    .await
    .expect("claimed");
    assert_eq!(claimed.len(), 10);

    let sink = Sink::start();
    let (a, b) = (sink.delivery(), sink.delivery());
    let (pa, pb) = tokio::join!(drain(&a, &pool), drain(&b, &pool));
    assert_eq!(pa.sent + pb.sent, due as usize);
    let got = sink.received();
    assert_eq!(got.len() as i64, due, "each message once");
    let mut ids: Vec<String> = got
        .iter()
        .map(|m| header(m, "Message-ID").expect("a Message-ID"))
        .collect();
    assert_eq!(
        ids.iter().filter(|i| i.starts_with("<dead.")).count(),
        10,
        "the dead worker's messages keep their Message-IDs"
    );
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len() as i64, due);
    let unsent: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(unsent, 0);
}

/// The demo's Swedish customer wrote in and answered by e-mail; her neighbour's mail on the same
/// thread is held on her request. An advisor sees both, and adds the held mail with a plain form
/// post (no JavaScript), once.
#[sqlx::test(migrations = "../migrations")]
async fn mail_answers_thread_onto_their_request_and_held_mail_is_decided_once(pool: PgPool) {
    let app = app(pool.clone()).await;
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    let (id, mail): (i64, i64) = sqlx::query_as(
        "SELECT request_id, id FROM inbound_mail WHERE outcome = 'held' AND handled_at IS NULL",
    )
    .fetch_one(&pool)
    .await
    .expect("the demo's held mail");
    let path = format!("/desk/r/{id}");
    let page = get_signed_in(&app, &path, &advisor).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Jag glömde: mitt kortnummer är 1234 5678."),
        "the threaded answer"
    );
    assert!(
        !page.body.contains("Vi har tagit emot ditt ärende"),
        "its quoted history is not the message"
    );
    assert!(
        page.body.contains("Sven Berg &lt;sven.berg@example.se&gt;"),
        "the held mail, escaped"
    );
    assert!(page.body.contains("Odottava sähköposti"));

    let (id_s, mail_s) = (id.to_string(), mail.to_string());
    let fields = [
        ("id", id_s.as_str()),
        ("mail", mail_s.as_str()),
        ("into", "add"),
    ];
    // Another organisation's advisor can neither see nor decide it.
    let other = sign_in(&app, "radgivare@luukku.example").await;
    let r = post(&app, "/api/decide_held_mail", &fields, false, Some(&other)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let bad = [
        ("id", id_s.as_str()),
        ("mail", mail_s.as_str()),
        ("into", "both"),
    ];
    let r = post(&app, "/api/decide_held_mail", &bad, false, Some(&advisor)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(&app, "/api/decide_held_mail", &fields, true, Some(&advisor)).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location(), path);
    let page = get_signed_in(&app, &path, &advisor).await;
    assert!(
        !page.body.contains("Odottava sähköposti"),
        "nothing is held any more"
    );
    assert!(
        page.body.contains("jag fyller också 65 i januari"),
        "the mail is on the timeline"
    );
    let again = post(
        &app,
        "/api/decide_held_mail",
        &fields,
        false,
        Some(&advisor),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "decided once");
}

/// The administrators' mail log lists every received mail with what it became, escaped; an
/// advisor may not read it.
#[sqlx::test(migrations = "../migrations")]
async fn the_mail_log_shows_what_each_mail_became(pool: PgPool) {
    let app = app(pool.clone()).await;
    let admin = sign_in(&app, crate::demo::DEMO_ADMIN).await;
    let page = get_signed_in(&app, "/admin/o/liikennekeskus/mail", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in [
        "Busskort för pensionärer",
        "Sven Berg &lt;sven.berg@example.se&gt;",
        "Odottaa neuvojaa",
        "Lisätty pyyntöön",
        "auto_reply",
    ] {
        assert!(page.body.contains(shown), "{shown}");
    }
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    let r = post(
        &app,
        "/api/load_mail_log",
        &[("org", "liikennekeskus")],
        false,
        Some(&advisor),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
