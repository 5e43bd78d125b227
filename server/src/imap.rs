//! Incoming e-mail from the organisations' IMAP mailboxes (configured at /admin/o/:org/mail).
//!
//! One reader task per enabled mailbox, all at once, so a slow or failing mailbox never holds up
//! another. A reader connects over TLS, signs in, reads every mail in its folder (sizes first: a
//! mail over the limit is refused without being downloaded), takes each in through
//! `requests::mail_in::ingest` (several at a time) and only then moves it: to the processed folder
//! once what it became is committed, to the failed folder when it was refused. Then it waits with
//! IMAP IDLE where the server offers it, polling otherwise. A server killed between the commit and
//! the move reads the mail again, and `ingest` answers "taken in before": nothing is lost and
//! nothing doubled. Failures are recorded on the mailbox for its administrators, and the reader
//! connects again after a growing pause.

use app::db::mailboxes::Account;
use app::db::orgs::Organisation;
use app::domain::inbound::MAX_RAW;
use app::domain::mailbox::{SEALED_FOR, backoff_secs};
use app::requests::customer::Mailer;
use app::requests::mail_in::{self, Outcome};
use async_imap::types::Capabilities;
use futures::{StreamExt, TryStreamExt};
use sqlx::PgPool;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

pub(crate) type Session = async_imap::Session<TlsStream<TcpStream>>;

/// How often the list of mailboxes is read again for added, changed and removed ones (and this
/// server's leases on them renewed), and how long a lease lasts when it is not.
const RESCAN: Duration = Duration::from_secs(10);
const LEASE: chrono::Duration = chrono::Duration::seconds(60);
/// Connecting and signing in; any one command.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);
/// How long one IDLE lasts before the folder is read again anyway (servers end IDLE after 30
/// minutes; some connections are cut much sooner).
const IDLE_FOR: Duration = Duration::from_secs(9 * 60);
/// How often a server without IDLE is asked for new mail.
const POLL_EVERY: Duration = Duration::from_secs(30);
/// Mails listed per round, downloaded per fetch (and their most bytes), and taken in at once by
/// all readers together (each holds a database connection while it works; the pages need theirs).
const ROUND: usize = 500;
const FETCH_COUNT: usize = 100;
const FETCH_BYTES: u64 = 24 << 20;
const IN_FLIGHT: usize = 8;

/// What every reader shares.
pub struct Readers {
    pool: PgPool,
    /// This server, as the mailboxes' leases name it.
    name: String,
    secret: Arc<[u8]>,
    public_url: Arc<str>,
    tls: TlsConnector,
    /// [`IN_FLIGHT`] mails taken in at once, whichever mailboxes they came from.
    ingesting: tokio::sync::Semaphore,
}

impl Readers {
    /// Readers trusting the usual public certificate authorities, and those in the PEM file
    /// `extra_ca` (`LUUKKU_IMAP_CA`, for a mail server with a private certificate authority).
    pub fn new(
        pool: PgPool,
        secret: Arc<[u8]>,
        public_url: Arc<str>,
        extra_ca: Option<&str>,
    ) -> Result<Readers, String> {
        Ok(Readers {
            pool,
            name: uuid::Uuid::new_v4().to_string(),
            secret,
            public_url,
            tls: tls_connector(extra_ca)?,
            ingesting: tokio::sync::Semaphore::new(IN_FLIGHT),
        })
    }

    /// Starts the reader of every enabled mailbox no other server reads, and keeps the set up to
    /// date: a mailbox added or enabled gets a reader within [`RESCAN`], one changed gets a new
    /// one, and one removed, disabled or taken over loses its own.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        let readers = Arc::new(self);
        tokio::spawn(async move {
            let mut running: HashMap<i64, (i32, Reader)> = HashMap::new();
            loop {
                match readers.accounts().await {
                    Ok(accounts) => {
                        let wanted: HashMap<i64, i32> =
                            accounts.iter().map(|a| (a.id, a.version)).collect();
                        running.retain(|id, (version, task)| {
                            wanted.get(id) == Some(version) && !task.0.is_finished()
                        });
                        for account in accounts {
                            if !running.contains_key(&account.id) {
                                let (account_id, version) = (account.id, account.version);
                                let task = Reader(tokio::spawn(readers.clone().read(account)));
                                running.insert(account_id, (version, task));
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot list the mailboxes"),
                }
                tokio::time::sleep(RESCAN).await;
            }
        })
    }

    /// The mailboxes this server reads, its leases on them renewed.
    async fn accounts(&self) -> sqlx::Result<Vec<Account>> {
        let now = chrono::Utc::now();
        let mut conn = self.pool.acquire().await?;
        app::db::mailboxes::lease(&mut conn, &self.name, now, now + LEASE).await
    }

    /// Reads mailbox `account` until it is stopped: after a failure, records it and connects
    /// again after [`backoff_secs`].
    async fn read(self: Arc<Self>, account: Account) {
        let mut failures = 0;
        loop {
            let why = match self.session(&account, &mut failures).await {
                Ok(never) => match never {},
                Err(why) => why,
            };
            tracing::warn!(mailbox = account.id, host = account.host, error = %why, "mailbox failed");
            if let Ok(mut conn) = self.pool.acquire().await {
                let now = chrono::Utc::now();
                let _ = app::db::mailboxes::errored(&mut conn, account.id, &why, now).await;
            }
            tokio::time::sleep(Duration::from_secs(backoff_secs(failures))).await;
            failures = failures.saturating_add(1);
        }
    }

    /// One connection: signs in, then reads the folder to its end and waits for more, until
    /// something fails. A good read sets `failures` back to 0.
    async fn session(
        &self,
        account: &Account,
        failures: &mut u32,
    ) -> Result<std::convert::Infallible, String> {
        let password = app::security::open(&self.secret, SEALED_FOR, &account.password_sealed)
            .ok_or("the stored password cannot be opened: was LUUKKU_SECRET changed? Type the password again")?;
        let (mut session, capabilities) = within(
            CONNECT_TIMEOUT,
            sign_in(
                &self.tls,
                &account.host,
                account.port,
                &account.username,
                &password,
            ),
        )
        .await??;
        for folder in [&account.processed_folder, &account.failed_folder] {
            within(COMMAND_TIMEOUT, ensure_folder(&mut session, folder)).await??;
        }
        let selected = within(COMMAND_TIMEOUT, session.select(&account.folder))
            .await?
            .map_err(|e| format!("cannot open folder {:?}: {e}", account.folder))?;
        let uid_validity = selected.uid_validity.unwrap_or(0);
        let idle = capabilities.has_str("IDLE");
        loop {
            let (taken, failed) = self
                .drain(&mut session, &capabilities, account, uid_validity)
                .await?;
            *failures = 0;
            let mut conn = self.pool.acquire().await.map_err(|e| e.to_string())?;
            app::db::mailboxes::checked(&mut conn, account.id, taken, failed, chrono::Utc::now())
                .await
                .map_err(|e| e.to_string())?;
            drop(conn);
            if taken + failed > 0 {
                tracing::info!(mailbox = account.id, taken, failed, "mailbox read");
            }
            session = if idle {
                wait_idle(session).await?
            } else {
                tokio::time::sleep(POLL_EVERY).await;
                within(COMMAND_TIMEOUT, session.noop())
                    .await?
                    .map_err(imap)?;
                session
            };
        }
    }

    /// Takes in every mail in the selected folder; answers how many were taken in and how many
    /// moved to the failed folder. A mail whose taking in failed (the database could not be
    /// reached) stays where it is, and the read ends with the failure.
    async fn drain(
        &self,
        session: &mut Session,
        capabilities: &Capabilities,
        account: &Account,
        uid_validity: u32,
    ) -> Result<(i64, i64), String> {
        let (mut taken, mut failed) = (0, 0);
        loop {
            let mut uids: Vec<u32> = within(COMMAND_TIMEOUT, session.uid_search("UNDELETED"))
                .await?
                .map_err(imap)?
                .into_iter()
                .collect();
            if uids.is_empty() {
                return Ok((taken, failed));
            }
            uids.sort_unstable();
            uids.truncate(ROUND);
            let org = self.organisation(account.organisation_id).await?;
            let sizes = within(COMMAND_TIMEOUT, fetch_sizes(session, &uids)).await??;
            let (small, large): (Vec<_>, Vec<_>) = sizes
                .into_iter()
                .partition(|&(_, size)| size <= MAX_RAW as u64);
            let mut refused: Vec<u32> = Vec::new();
            for (uid, _) in &large {
                let key = format!("imap:{}:{uid_validity}:{uid}", account.id);
                let mut conn = self.pool.acquire().await.map_err(|e| e.to_string())?;
                mail_in::refuse_too_large(&mut conn, &org, &key, chrono::Utc::now())
                    .await
                    .map_err(|e| e.to_string())?;
                refused.push(*uid);
            }
            move_to(session, capabilities, &refused, &account.failed_folder).await?;
            failed += refused.len() as i64;
            for batch in batches(&small) {
                let mails = within(COMMAND_TIMEOUT, fetch_bodies(session, &batch)).await??;
                let outcomes: Vec<(u32, sqlx::Result<Outcome>)> = futures::stream::iter(mails)
                    .map(|(uid, raw)| {
                        let org = &org;
                        async move { (uid, self.ingest(org, &raw).await) }
                    })
                    .buffer_unordered(IN_FLIGHT)
                    .collect()
                    .await;
                let (mut stored, mut refused, mut error) = (Vec::new(), Vec::new(), None);
                for (uid, outcome) in outcomes {
                    match outcome {
                        Ok(o) if o.stored() => stored.push(uid),
                        Ok(o) => {
                            tracing::info!(mailbox = account.id, uid, outcome = %o, "mail refused");
                            refused.push(uid);
                        }
                        Err(e) => error = Some(e),
                    }
                }
                move_to(session, capabilities, &stored, &account.processed_folder).await?;
                move_to(session, capabilities, &refused, &account.failed_folder).await?;
                taken += stored.len() as i64;
                failed += refused.len() as i64;
                if let Some(e) = error {
                    return Err(format!("a mail could not be stored: {e}"));
                }
            }
        }
    }

    async fn organisation(&self, id: i64) -> Result<Organisation, String> {
        let mut conn = self.pool.acquire().await.map_err(|e| e.to_string())?;
        app::db::orgs::find(&mut conn, id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| "the organisation is gone".to_string())
    }

    async fn ingest(&self, org: &Organisation, raw: &[u8]) -> sqlx::Result<Outcome> {
        let _turn = self
            .ingesting
            .acquire()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let mut conn = self.pool.acquire().await?;
        let mailer = Mailer {
            secret: &self.secret,
            base_url: &self.public_url,
        };
        mail_in::ingest(&mut conn, mailer, org, raw, chrono::Utc::now()).await
    }
}

/// Connects to `host:port` over TLS and signs in; answers the session and what the server can do.
pub(crate) async fn sign_in(
    tls: &TlsConnector,
    host: &str,
    port: u16,
    username: &str,
    password: &str,
) -> Result<(Session, Capabilities), String> {
    let tcp = TcpStream::connect((host, port))
        .await
        .map_err(|e| format!("cannot connect to {host}:{port}: {e}"))?;
    let name = rustls_pki_types::ServerName::try_from(host.to_string())
        .map_err(|e| format!("{host}: {e}"))?;
    let stream = tls
        .connect(name, tcp)
        .await
        .map_err(|e| format!("TLS with {host}: {e}"))?;
    let mut client = async_imap::Client::new(stream);
    client
        .read_response()
        .await
        .map_err(|e| format!("no greeting from {host}: {e}"))?
        .ok_or_else(|| format!("{host} closed the connection"))?;
    let mut session = client
        .login(username, password)
        .await
        .map_err(|(e, _)| format!("sign-in as {username} failed: {e}"))?;
    let capabilities = session.capabilities().await.map_err(imap)?;
    Ok((session, capabilities))
}

/// A running reader, stopped when dropped: when its mailbox changes or goes, and when the
/// task that keeps them (`Readers::spawn`) is stopped.
struct Reader(tokio::task::JoinHandle<()>);

impl Drop for Reader {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Splits `sizes` into fetches of at most [`FETCH_COUNT`] mails and [`FETCH_BYTES`] bytes (a
/// mail larger than that alone).
fn batches(sizes: &[(u32, u64)]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut bytes = 0;
    for &(uid, size) in sizes {
        match out.last_mut() {
            Some(batch) if batch.len() < FETCH_COUNT && bytes + size <= FETCH_BYTES => {
                batch.push(uid);
                bytes += size;
            }
            _ => {
                out.push(vec![uid]);
                bytes = size;
            }
        }
    }
    out
}

/// `uids` as an IMAP set: `1:4,7,9:10`.
fn uid_set(uids: &[u32]) -> String {
    let mut sorted = uids.to_vec();
    sorted.sort_unstable();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        while i + 1 < sorted.len() && sorted[i + 1] == sorted[i] + 1 {
            i += 1;
        }
        parts.push(match sorted[i] {
            end if end == start => start.to_string(),
            end => format!("{start}:{end}"),
        });
        i += 1;
    }
    parts.join(",")
}

/// `query` fetched for `uids`.
async fn fetch(
    session: &mut Session,
    uids: &[u32],
    query: &str,
) -> Result<Vec<async_imap::types::Fetch>, String> {
    session
        .uid_fetch(uid_set(uids), query)
        .await
        .map_err(imap)?
        .try_collect()
        .await
        .map_err(imap)
}

async fn fetch_sizes(session: &mut Session, uids: &[u32]) -> Result<Vec<(u32, u64)>, String> {
    let fetches = fetch(session, uids, "(UID RFC822.SIZE)").await?;
    Ok(fetches
        .iter()
        .filter_map(|f| Some((f.uid?, u64::from(f.size?))))
        .collect())
}

async fn fetch_bodies(session: &mut Session, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>, String> {
    let fetches = fetch(session, uids, "(UID BODY.PEEK[])").await?;
    Ok(fetches
        .iter()
        .filter_map(|f| Some((f.uid?, f.body()?.to_vec())))
        .collect())
}

/// Moves `uids` to `folder`: with MOVE where the server has it, else by copying, marking them
/// deleted and expunging (only them, where the server has UIDPLUS).
async fn move_to(
    session: &mut Session,
    capabilities: &Capabilities,
    uids: &[u32],
    folder: &str,
) -> Result<(), String> {
    if uids.is_empty() {
        return Ok(());
    }
    let set = uid_set(uids);
    let moved = async {
        if capabilities.has_str("MOVE") {
            return session.uid_mv(&set, folder).await;
        }
        session.uid_copy(&set, folder).await?;
        let _: Vec<_> = session
            .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
            .await?
            .try_collect()
            .await?;
        if capabilities.has_str("UIDPLUS") {
            let _: Vec<_> = session.uid_expunge(&set).await?.try_collect().await?;
        } else {
            let _: Vec<_> = session.expunge().await?.try_collect().await?;
        }
        Ok(())
    };
    within(COMMAND_TIMEOUT, moved)
        .await?
        .map_err(|e| format!("cannot move mail to {folder:?}: {e}"))
}

/// Makes `folder` unless it is there.
async fn ensure_folder(session: &mut Session, folder: &str) -> Result<(), String> {
    let found: Vec<_> = session
        .list(Some(""), Some(folder))
        .await
        .map_err(imap)?
        .try_collect()
        .await
        .map_err(imap)?;
    if found.is_empty() {
        session
            .create(folder)
            .await
            .map_err(|e| format!("cannot create folder {folder:?}: {e}"))?;
    }
    Ok(())
}

/// Waits in IDLE until the server tells of a change or [`IDLE_FOR`] passes.
async fn wait_idle(session: Session) -> Result<Session, String> {
    let mut handle = session.idle();
    within(COMMAND_TIMEOUT, handle.init())
        .await?
        .map_err(imap)?;
    let (wait, _stop) = handle.wait_with_timeout(IDLE_FOR);
    wait.await.map_err(imap)?;
    within(COMMAND_TIMEOUT, handle.done()).await?.map_err(imap)
}

async fn within<T>(limit: Duration, work: impl Future<Output = T>) -> Result<T, String> {
    tokio::time::timeout(limit, work)
        .await
        .map_err(|_| format!("no answer in {} s", limit.as_secs()))
}

fn imap(e: async_imap::error::Error) -> String {
    format!("IMAP: {e}")
}

/// TLS trusting the public certificate authorities, and those in the PEM file `extra_ca`.
pub(crate) fn tls_connector(extra_ca: Option<&str>) -> Result<TlsConnector, String> {
    use rustls_pki_types::pem::PemObject;
    let mut roots = tokio_rustls::rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = extra_ca {
        let certs = rustls_pki_types::CertificateDer::pem_file_iter(path)
            .map_err(|e| format!("LUUKKU_IMAP_CA {path}: {e}"))?;
        for cert in certs {
            let cert = cert.map_err(|e| format!("LUUKKU_IMAP_CA {path}: {e}"))?;
            roots
                .add(cert)
                .map_err(|e| format!("LUUKKU_IMAP_CA {path}: {e}"))?;
        }
    }
    // ring, as the SMTP side uses; rustls marks it deprecated only for lacking post-quantum key
    // exchange, which needs aws-lc-rs (a C build) instead.
    #[expect(
        deprecated,
        reason = "ring has no post-quantum key exchange; see above"
    )]
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_are_ranges() {
        assert_eq!(uid_set(&[9, 1, 2, 3, 7, 10]), "1:3,7,9:10");
        assert_eq!(uid_set(&[5]), "5");
    }

    #[test]
    fn fetches_are_bounded_by_count_and_bytes() {
        let many: Vec<(u32, u64)> = (1..=250).map(|uid| (uid, 1000)).collect();
        let sizes: Vec<usize> = batches(&many).iter().map(Vec::len).collect();
        assert_eq!(sizes, [100, 100, 50]);
        let big = [(1, 20 << 20), (2, 10 << 20), (3, 30 << 20), (4, 1)];
        assert_eq!(batches(&big), [vec![1], vec![2], vec![3], vec![4]]);
    }
}
