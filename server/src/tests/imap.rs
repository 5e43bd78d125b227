//! Incoming mail from a real IMAP server: Debian's Dovecot over TLS with a certificate of its
//! own, started per test on a free port by `.ci/lib.sh` (`start_imap_server`). Mail is put in its
//! mailboxes with IMAP APPEND, as a mail server delivers it, and the readers take it from there.

use super::helpers::*;
use crate::imap::{Readers, Session};
use axum::http::StatusCode;
use sqlx::PgPool;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// A private Dovecot, stopped when dropped. Any user name signs in with the password `secret`.
struct Dovecot {
    dir: PathBuf,
    port: u16,
    ca: String,
}

fn lib_sh() -> String {
    format!("{}/../.ci/lib.sh", env!("CARGO_MANIFEST_DIR"))
}

impl Dovecot {
    fn start() -> Dovecot {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = std::env::temp_dir().join(format!("luukku-imap-{}-{port}", std::process::id()));
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source '{}' && start_imap_server '{}' {port}",
                lib_sh(),
                dir.display()
            ))
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "Dovecot (dovecot-imapd) did not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let ca = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Dovecot { dir, port, ca }
    }

    async fn session(&self, user: &str) -> Session {
        let tls = crate::imap::tls_connector(Some(&self.ca)).expect("the test certificate");
        crate::imap::sign_in(&tls, "127.0.0.1", self.port, user, "secret")
            .await
            .expect("signed in")
            .0
    }

    /// Delivers `raw` to `user`'s inbox.
    async fn deliver(&self, user: &str, raw: &[u8]) {
        let mut s = self.session(user).await;
        s.append("INBOX", None, None, raw).await.expect("appended");
        s.logout().await.expect("logged out");
    }

    /// How many mails `user`'s `folder` holds (0 when it does not exist).
    async fn count(&self, user: &str, folder: &str) -> u32 {
        let mut s = self.session(user).await;
        let n = match s.examine(folder).await {
            Ok(m) => m.exists,
            Err(_) => 0,
        };
        s.logout().await.expect("logged out");
        n
    }

    /// Waits until `user`'s inbox is empty (at most 30 s).
    async fn until_read(&self, user: &str) {
        for _ in 0..300 {
            if self.count(user, "INBOX").await == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the inbox of {user} was not read in 30 s");
    }

    fn readers(&self, pool: &PgPool) -> Readers {
        Readers::new(
            pool.clone(),
            Arc::from(SECRET),
            Arc::from("http://luukku.example"),
            Some(&self.ca),
        )
        .expect("readers")
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source '{}' && stop_imap_server '{}'",
                lib_sh(),
                self.dir.display()
            ))
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/../app/tests/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Adds a mailbox to organisation `org` through the administration page's form (a plain post).
async fn add_mailbox(app: &axum::Router, admin: &str, org: &str, fields: &[(&str, &str)]) {
    let mut all = vec![
        ("org", org),
        ("mailbox[name]", "Neuvonta"),
        ("mailbox[host]", "127.0.0.1"),
        ("mailbox[password]", "secret"),
        ("mailbox[folder]", "INBOX"),
        ("mailbox[processed_folder]", "Processed"),
        ("mailbox[failed_folder]", "Failed"),
        ("mailbox[enabled]", "on"),
    ];
    for (k, v) in fields {
        all.retain(|(key, _)| key != k);
        all.push((k, v));
    }
    let r = post(app, "/api/save_mailbox", &all, true, Some(admin)).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location(), format!("/admin/o/{org}/mail?saved=1"));
}

/// What the mails received after mail `after` became, in the order they were taken in.
async fn outcomes(pool: &PgPool, after: i64) -> Vec<(String, Option<String>)> {
    sqlx::query_as("SELECT outcome, reason FROM inbound_mail WHERE id > $1 ORDER BY id")
        .bind(after)
        .fetch_all(pool)
        .await
        .expect("outcomes")
}

/// Mail waiting in a mailbox becomes requests; automatic mail is set aside and a mail without a
/// sender refused, each moved to its folder only once stored. A reply arriving later is picked
/// up at once (IDLE) and threaded, and the same mail delivered again is taken in once.
#[sqlx::test(migrations = "../migrations")]
async fn mail_in_an_imap_mailbox_becomes_requests_and_replies_and_leaves_it_once_stored(
    pool: PgPool,
) {
    let imap = Dovecot::start();
    let app = app(pool.clone()).await;
    let admin = sign_in_http(&app).await;
    let port = imap.port.to_string();
    add_mailbox(
        &app,
        &admin,
        "liikennekeskus",
        &[("mailbox[port]", &port), ("mailbox[username]", "neuvonta")],
    )
    .await;
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT password_sealed FROM mailboxes")
        .fetch_one(&pool)
        .await
        .expect("the mailbox");
    assert!(
        !sealed.windows(6).any(|w| w == b"secret"),
        "the password is sealed"
    );
    let requests_before: i64 = sqlx::query_scalar("SELECT count(*) FROM service_requests")
        .fetch_one(&pool)
        .await
        .expect("count");
    let seen: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM inbound_mail")
        .fetch_one(&pool)
        .await
        .expect("the demo's mail");
    for name in [
        "01-outlook-fi-new.eml",
        "12-auto-reply-fi.eml",
        "16-no-sender.eml",
    ] {
        imap.deliver("neuvonta", &corpus(name)).await;
    }
    let signed = "From: Matti Virtanen <matti@example.fi>\r\nSubject: Pysäköintitunnus\r\n\
                  Message-ID: <signed-1@example.fi>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
                  Hei, miten uusin asukaspysäköintitunnuksen?\r\n\r\n-- \r\nMatti Virtanen\r\n\
                  Toimitusjohtaja, Esimerkki Oy <script>x</script>\r\n";
    imap.deliver("neuvonta", signed.as_bytes()).await;
    let readers = imap.readers(&pool).spawn();
    imap.until_read("neuvonta").await;
    let got = outcomes(&pool, seen).await;
    assert_eq!(imap.count("neuvonta", "Processed").await, 3, "{got:?}");
    assert_eq!(imap.count("neuvonta", "Failed").await, 1);
    let kinds: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
    assert!(
        kinds.contains(&"request") && kinds.contains(&"ignored") && kinds.contains(&"refused"),
        "{got:?}"
    );
    let (number, email): (String, String) = sqlx::query_as(
        "SELECT number, customer_email FROM service_requests WHERE customer_email LIKE 'maija%'",
    )
    .fetch_one(&pool)
    .await
    .expect("the new request");
    assert!(!email.is_empty());

    // The reader is now waiting in IDLE: an answer is taken in as soon as it arrives.
    let reply = String::from_utf8(corpus("05-gmail-en-reply-subject.eml"))
        .expect("UTF-8")
        .replace("{{NUMBER}}", &number);
    imap.deliver("neuvonta", reply.as_bytes()).await;
    imap.until_read("neuvonta").await;
    let last: String =
        sqlx::query_scalar("SELECT outcome FROM inbound_mail ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("the reply");
    assert_eq!(last, "reply");

    // The first mail again (a second mailbox, a second fetch): stored once.
    imap.deliver("neuvonta", &corpus("01-outlook-fi-new.eml"))
        .await;
    imap.until_read("neuvonta").await;
    let requests_after: i64 = sqlx::query_scalar("SELECT count(*) FROM service_requests")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(requests_after, requests_before + 2);
    assert_eq!(imap.count("neuvonta", "Processed").await, 5);
    let (taken, failed, error): (i64, i64, Option<String>) =
        sqlx::query_as("SELECT taken_in, failed, last_error FROM mailboxes")
            .fetch_one(&pool)
            .await
            .expect("the mailbox");
    assert_eq!((taken, failed, error), (5, 1, None));
    readers.abort();

    let page = get_signed_in(&app, "/admin/o/liikennekeskus/mail", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("neuvonta@127.0.0.1:{port}")));
    assert!(!page.body.contains("secret"), "the password is never shown");

    // The signed mail's request shows the signature collapsed under the customer's words.
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM service_requests WHERE customer_email = 'matti@example.fi'",
    )
    .fetch_one(&pool)
    .await
    .expect("the signed mail's request");
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    let view = get_signed_in(&app, &format!("/desk/r/{id}"), &advisor).await;
    let own = view
        .body
        .find("miten uusin asukaspysäköintitunnuksen?")
        .expect("the customer's words");
    let fold = view
        .body
        .find("<details class=\"quoted\">")
        .expect("the signature collapsed");
    let signature = view
        .body
        .find("Toimitusjohtaja, Esimerkki Oy &lt;script&gt;")
        .expect("the signature, escaped");
    assert!(own < fold && fold < signature);
}

/// A mail stored just before a crash (committed, not yet moved) is moved when read again and not
/// taken in twice; a mail over the size limit is refused without being downloaded.
#[sqlx::test(migrations = "../migrations")]
async fn a_mail_stored_before_a_crash_is_not_taken_twice_and_a_huge_one_is_refused_unread(
    pool: PgPool,
) {
    let imap = Dovecot::start();
    let app = app(pool.clone()).await;
    let admin = sign_in_http(&app).await;
    let port = imap.port.to_string();
    add_mailbox(
        &app,
        &admin,
        "liikennekeskus",
        &[("mailbox[port]", &port), ("mailbox[username]", "kirjaamo")],
    )
    .await;
    let raw = corpus("02-gmail-sv-new.eml");
    let mut conn = pool.acquire().await.expect("a connection");
    let org = app::db::orgs::find_by_slug(&mut conn, "liikennekeskus")
        .await
        .expect("read")
        .expect("the organisation");
    let mailer = app::requests::customer::Mailer {
        secret: SECRET,
        base_url: "http://luukku.example",
    };
    let first = app::requests::mail_in::ingest(&mut conn, mailer, &org, &raw, chrono::Utc::now())
        .await
        .expect("taken in");
    assert!(matches!(
        first,
        app::requests::mail_in::Outcome::Request { .. }
    ));
    drop(conn);
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM service_requests")
            .fetch_one(&pool)
            .await
            .expect("count")
    };
    let before = count().await;

    imap.deliver("kirjaamo", &raw).await;
    let mut huge =
        b"From: Iso Liite <iso@example.fi>\r\nSubject: Iso\r\nMessage-ID: <iso@example.fi>\r\n\r\n"
            .to_vec();
    huge.resize(app::domain::inbound::MAX_RAW + 1024, b'x');
    imap.deliver("kirjaamo", &huge).await;
    let readers = imap.readers(&pool).spawn();
    imap.until_read("kirjaamo").await;
    readers.abort();
    assert_eq!(count().await, before, "nothing taken twice");
    assert_eq!(imap.count("kirjaamo", "Processed").await, 1);
    assert_eq!(imap.count("kirjaamo", "Failed").await, 1);
    let reason: Option<String> = sqlx::query_scalar(
        "SELECT reason FROM inbound_mail WHERE mail_key LIKE 'imap:%' AND outcome = 'refused'",
    )
    .fetch_one(&pool)
    .await
    .expect("the refusal");
    assert_eq!(reason.as_deref(), Some("too_large"));
}

/// A mailbox that cannot be read (a wrong password, a server whose certificate is not trusted, a
/// closed port) says why on the administration page, escaped; the others are read meanwhile.
#[sqlx::test(migrations = "../migrations")]
async fn a_mailbox_that_cannot_be_read_says_why(pool: PgPool) {
    let imap = Dovecot::start();
    let app = app(pool.clone()).await;
    let admin = sign_in_http(&app).await;
    let port = imap.port.to_string();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
        .to_string();
    add_mailbox(
        &app,
        &admin,
        "liikennekeskus",
        &[
            ("mailbox[name]", "Väärä <salasana>"),
            ("mailbox[port]", &port),
            ("mailbox[username]", "vaara"),
            ("mailbox[password]", "wrong"),
        ],
    )
    .await;
    add_mailbox(
        &app,
        &admin,
        "liikennekeskus",
        &[
            ("mailbox[port]", &closed),
            ("mailbox[username]", "suljettu"),
        ],
    )
    .await;
    add_mailbox(
        &app,
        &admin,
        "liikennekeskus",
        &[("mailbox[port]", &port), ("mailbox[username]", "toimiva")],
    )
    .await;
    imap.deliver("toimiva", &corpus("03-apple-en-new.eml"))
        .await;
    // Without the test certificate authority, Dovecot's certificate is not trusted.
    let untrusted = Readers::new(
        pool.clone(),
        Arc::from(SECRET),
        Arc::from("http://luukku.example"),
        None,
    )
    .expect("readers")
    .spawn();
    let mut errors: Vec<(String, Option<String>)> = Vec::new();
    for _ in 0..100 {
        errors = sqlx::query_as("SELECT username, last_error FROM mailboxes ORDER BY id")
            .fetch_all(&pool)
            .await
            .expect("mailboxes");
        if errors.iter().all(|(_, e)| e.is_some()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    untrusted.abort();
    for (user, error) in &errors {
        let error = error.as_deref().unwrap_or_default();
        let want = if user == "suljettu" {
            "cannot connect"
        } else {
            "TLS"
        };
        assert!(error.contains(want), "{user}: {error}");
    }
    // Trusted, the wrong password fails to sign in while the right one is read.
    sqlx::query("UPDATE mailboxes SET reader = NULL, last_error = NULL")
        .execute(&pool)
        .await
        .expect("leases dropped");
    let readers = imap.readers(&pool).spawn();
    imap.until_read("toimiva").await;
    let mut wrong = None;
    for _ in 0..100 {
        wrong = sqlx::query_scalar("SELECT last_error FROM mailboxes WHERE username = 'vaara'")
            .fetch_one(&pool)
            .await
            .expect("the mailbox");
        if wrong.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    readers.abort();
    let wrong: String = wrong.expect("the failure is recorded");
    assert!(wrong.contains("sign-in as vaara failed"), "{wrong}");
    let page = get_signed_in(&app, "/admin/o/liikennekeskus/mail", &admin).await;
    assert!(page.body.contains("sign-in as vaara failed"));
    assert!(
        page.body.contains("Väärä &lt;salasana&gt;"),
        "names are escaped"
    );
}

/// The mailbox form checks every field in place, never shows a password back, keeps the stored
/// password when left empty, and cannot touch another organisation's mailbox.
#[sqlx::test(migrations = "../migrations")]
async fn the_mailbox_form_checks_its_fields_and_keeps_the_password(pool: PgPool) {
    let app = app(pool.clone()).await;
    let admin = sign_in_http(&app).await;
    let bad = [
        ("org", "liikennekeskus"),
        ("mailbox[name]", ""),
        ("mailbox[host]", "imap.example/x"),
        ("mailbox[port]", "0"),
        ("mailbox[username]", "u"),
        ("mailbox[password]", "typed-password"),
        ("mailbox[folder]", "INBOX"),
        ("mailbox[processed_folder]", "INBOX"),
        ("mailbox[failed_folder]", "Failed"),
    ];
    let r = post(&app, "/api/save_mailbox", &bad, true, Some(&admin)).await;
    assert!(r.status.is_redirection());
    let page = get_signed_in(&app, r.location(), &admin).await;
    for shown in [
        "Anna palvelimen nimi",
        "Anna portti väliltä 1–65535.",
        "Valitse eri kansio kuin muut.",
    ] {
        assert!(page.body.contains(shown), "{shown}");
    }
    assert!(
        !page.body.contains("typed-password"),
        "the password is not shown back"
    );
    let r = post(&app, "/api/save_mailbox", &bad, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    add_mailbox(
        &app,
        &admin,
        "liikennekeskus",
        &[("mailbox[port]", "993"), ("mailbox[username]", "u")],
    )
    .await;
    let (id, sealed): (i64, Vec<u8>) = sqlx::query_as("SELECT id, password_sealed FROM mailboxes")
        .fetch_one(&pool)
        .await
        .expect("the mailbox");
    let id_s = id.to_string();
    add_mailbox(
        &app,
        &admin,
        "liikennekeskus",
        &[
            ("mailbox[id]", &id_s),
            ("mailbox[port]", "10993"),
            ("mailbox[username]", "u"),
            ("mailbox[password]", ""),
        ],
    )
    .await;
    let (port, kept, version): (i32, Vec<u8>, i32) =
        sqlx::query_as("SELECT port, password_sealed, version FROM mailboxes")
            .fetch_one(&pool)
            .await
            .expect("the mailbox");
    assert_eq!((port, version), (10993, 2));
    assert_eq!(kept, sealed, "an empty password keeps the stored one");
    let edit = get_signed_in(
        &app,
        &format!("/admin/o/liikennekeskus/mail?edit={id}"),
        &admin,
    )
    .await;
    assert!(edit.body.contains("value=\"10993\""));
    assert!(
        edit.body.contains("autocomplete=\"new-password\""),
        "browsers do not offer the administrator's own password"
    );

    // The same account twice is the form's error; another organisation's mailbox is not found.
    let twice = [
        ("org", "liikennekeskus"),
        ("mailbox[name]", "Toinen"),
        ("mailbox[host]", "127.0.0.1"),
        ("mailbox[port]", "10993"),
        ("mailbox[username]", "u"),
        ("mailbox[password]", "x"),
        ("mailbox[folder]", "INBOX"),
        ("mailbox[processed_folder]", "Processed"),
        ("mailbox[failed_folder]", "Failed"),
    ];
    let r = post(&app, "/api/save_mailbox", &twice, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("taken"), "{}", r.body);
    let other = [("org", "esimerkkila"), ("id", id_s.as_str())];
    let r = post(&app, "/api/delete_mailbox", &other, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mine = [("org", "liikennekeskus"), ("id", id_s.as_str())];
    let r = post(&app, "/api/delete_mailbox", &mine, true, Some(&admin)).await;
    assert!(r.status.is_redirection());
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM mailboxes")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(left, 0);
}

/// The demo's service-point administrator, who administers every demo organisation.
async fn sign_in_http(app: &axum::Router) -> String {
    sign_in(app, crate::demo::DEMO_ADMIN).await
}
