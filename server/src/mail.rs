//! Outgoing e-mail: the delivery worker that hands what the outbox holds to the SMTP server named
//! by `LUUKKU_SMTP_URL`. Without one, messages stay in the outbox (listed at /dev/outbox).
//!
//! Each pass claims a batch of due messages (`db::outbox::claim`, `FOR UPDATE SKIP LOCKED` with a
//! lease, so any number of servers share the work), sends them over a pool of SMTP connections,
//! and records each outcome. A message keeps its Message-ID across retries; a server that dies
//! after the SMTP server took a message but before recording it sends it again once its lease
//! runs out, which is the one duplicate SMTP itself allows.

use app::db::outbox::{self, Outgoing};
use app::domain::mail::{self, Attempt, Next, Sender};
use chrono::Utc;
use futures::StreamExt;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;

/// Messages claimed in one pass.
const BATCH: i64 = 500;
/// Messages being handed over at once (and SMTP connections kept open). Each conversation
/// waits on the network more than on either side's work, so many go at once.
const IN_FLIGHT: usize = 64;
/// Sent messages recorded together.
const RECORD_SENT: usize = 16;
/// How long a claimed message is this worker's; after it another worker may send it.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// How often an idle worker looks for new messages.
const IDLE: Duration = Duration::from_secs(1);
/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);

/// The SMTP server and what messages are sent as.
#[derive(Clone)]
pub struct Delivery {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// The sender of messages whose organisation has not set its own.
    fallback: Sender,
    secret: Arc<[u8]>,
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

impl Pass {
    fn taken(&self) -> usize {
        self.sent + self.retried + self.failed
    }
}

impl Delivery {
    /// A worker for the server at `url` (`smtp://host:port`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://host:465`), or the reason the address cannot be used.
    pub fn new(url: &str, fallback: Sender, secret: Arc<[u8]>) -> Result<Delivery, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("LUUKKU_SMTP_URL cannot be used: {e}"))?
            .pool_config(PoolConfig::new().max_size(IN_FLIGHT as u32))
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Delivery {
            transport,
            fallback,
            secret,
        })
    }

    /// Sends what is due now, one batch.
    pub async fn pass(&self, pool: &PgPool) -> Result<Pass, sqlx::Error> {
        let now = Utc::now();
        let mut tx = pool.begin().await?;
        // Under the domain of the address `compose` sends from (the organisation's or ours).
        let taken = outbox::claim(&mut tx, now, now + LEASE, BATCH, |id, from| {
            let sender = Sender::choose("", "", from, &self.fallback);
            mail::message_id(
                id,
                &app::security::message_tag(&self.secret, id),
                sender.domain(),
            )
        })
        .await?;
        tx.commit().await?;
        let mut outcomes = futures::stream::iter(taken)
            .map(|m| async move {
                let attempt = self.send(&m).await;
                (m.id, attempt, m.attempts + 1, m.created_at)
            })
            .buffer_unordered(IN_FLIGHT);
        let mut conn = pool.acquire().await?;
        let mut pass = Pass::default();
        let mut sent = Vec::new();
        // Each outcome is recorded as it comes, sent ones a few at a time: a server that dies
        // mid-batch sends again only what was in flight or not yet recorded.
        while let Some((id, attempt, attempts, created)) = outcomes.next().await {
            let now = Utc::now();
            match mail::after(attempt, attempts, created, now) {
                Next::Sent => sent.push(id),
                Next::Retry(at, why) => {
                    tracing::info!(outbox_id = id, attempts, reason = %why, "mail deferred");
                    outbox::mark_retry(&mut conn, id, at, &why).await?;
                    pass.retried += 1;
                }
                Next::Failed(why) => {
                    tracing::warn!(outbox_id = id, attempts, reason = %why, "mail failed");
                    outbox::mark_failed(&mut conn, id, now, &why).await?;
                    pass.failed += 1;
                }
            }
            if sent.len() >= RECORD_SENT {
                outbox::mark_sent(&mut conn, &sent, now).await?;
                pass.sent += sent.len();
                sent.clear();
            }
        }
        if !sent.is_empty() {
            outbox::mark_sent(&mut conn, &sent, Utc::now()).await?;
            pass.sent += sent.len();
        }
        Ok(pass)
    }

    /// Hands one message to the SMTP server.
    async fn send(&self, m: &Outgoing) -> Attempt {
        let message = match self.compose(m) {
            Ok(message) => message,
            Err(why) => return Attempt::Permanent(mail::reason(&why)),
        };
        match self.transport.send(message).await {
            Ok(_) => Attempt::Sent,
            Err(e) if e.is_permanent() => Attempt::Permanent(mail::reason(&e.to_string())),
            Err(e) => Attempt::Temporary(mail::reason(&e.to_string())),
        }
    }

    /// The message as it goes out: multipart text and HTML in the customer's language, signed
    /// with the organisation's signature, threaded onto its request.
    fn compose(&self, m: &Outgoing) -> Result<Message, String> {
        let sender = Sender::choose(&m.org_name, &m.from_name, &m.from_address, &self.fallback);
        let address = |a: &str| {
            a.parse::<lettre::Address>()
                .map_err(|e| format!("{a}: {e}"))
        };
        let text = mail::signed(&m.body, &m.signature);
        let html = mail::html_of(&text, &m.language);
        let mut builder = Message::builder()
            .from(Mailbox::new(
                Some(sender.name.clone()),
                address(&sender.address)?,
            ))
            .to(Mailbox::new(None, address(&m.to_email)?))
            .subject(mail::tagged_subject(&m.subject, &m.number))
            .message_id(m.message_id.clone())
            .header(ContentLanguage(m.language.clone()));
        if mail::is_automatic(&m.kind) {
            builder = builder.header(AutoSubmitted);
        }
        if !m.number.is_empty() {
            let root = mail::thread_root(&m.number, sender.domain());
            let (in_reply_to, references) = mail::threading(&root, &m.earlier);
            builder = builder
                .in_reply_to(in_reply_to)
                .references(references)
                .reply_to(Mailbox::new(
                    Some(sender.name.clone()),
                    address(&sender.reply_to(&m.number))?,
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| e.to_string())
    }

    /// Runs passes until the process ends: at once while there is more to send, every second
    /// when the outbox is empty, and after a pause when the database cannot be reached.
    pub fn spawn(self, pool: PgPool) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.pass(&pool).await {
                    Ok(pass) if pass.taken() as i64 >= BATCH => {}
                    Ok(pass) => {
                        if pass.taken() > 0 {
                            tracing::info!(?pass, "mail delivered");
                        }
                        tokio::time::sleep(IDLE).await;
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "mail delivery failed; trying again shortly");
                        tokio::time::sleep(IDLE * 5).await;
                    }
                }
            }
        })
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no auto-reply should answer this message.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".into())
    }
}

/// `Content-Language`: the language the message is written in.
#[derive(Clone)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.into()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}
