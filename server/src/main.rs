//! `luukku`: the server and its maintenance commands.
// The workspace's views are deep nested types; computing their layout needs more than 128 levels.
#![recursion_limit = "256"]

mod config;
mod demo;
mod files;
mod imap;
mod jobs;
mod live;
mod mail;
mod routes;
mod seed;
mod serve;
#[cfg(test)]
mod tests;

use app::ctx::AppState;
use config::Config;
use leptos::config::get_configuration;
use std::sync::Arc;

const USAGE: &str = "\
usage: luukku <command>

commands:
  serve                       migrate, then serve the web app (address from LEPTOS_SITE_ADDR)
  migrate                     run database migrations
  demo                        load the demo organisations, forms and advisors (once)
  create-admin EMAIL NAME ORG create or reset a service-point administrator (who sets up
                              organisations), a member of organisation ORG (slug); the
                              password is read from LUUKKU_ADMIN_PASSWORD
  seed --requests N           add N realistic requests for benchmarks
  ingest-mail ORG             take in one mail for organisation ORG (slug) from standard input,
                              as a mail server's delivery pipe: exit status 0 once it is stored
                              (a request, a reply, held, set aside or already taken in), 1 with
                              the reason when it is refused
  add-mailbox ORG HOST:PORT USER
                              read organisation ORG's mail from this IMAP mailbox (over TLS,
                              folders INBOX, Processed and Failed); the password is read from
                              LUUKKU_MAILBOX_PASSWORD. Administrators can do the same at
                              /admin/o/ORG/mail

environment: DATABASE_URL, LUUKKU_SECRET (32+ chars), LUUKKU_SECURE_COOKIES, LUUKKU_PUBLIC_URL
(links in messages), LUUKKU_RATE_PER_IP and LUUKKU_RATE_PER_ADDRESS (public posts per ten
minutes, default 60 and 10), LUUKKU_MIN_FILL_SECS (least seconds to fill a form, default 3),
LUUKKU_DEV_PAGES (serve /dev/outbox), LUUKKU_TRUSTED_PROXIES (addresses or CIDR ranges whose
X-Forwarded-For names the client), LUUKKU_MAX_CONNECTIONS (default 512), LUUKKU_SMTP_URL (the
SMTP server mail is sent through: smtp://host:port, smtp://user:pass@host:587?tls=required or
smtps://host:465; without it messages stay in the outbox), LUUKKU_MAIL_FROM (the sender when an
organisation has set none: Name <address>), LUUKKU_IMAP_CA (a PEM file of certificate authorities
trusted for IMAP mailboxes besides the public ones), RUST_LOG";

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = run(&args).await {
        eprintln!("luukku: {message}");
        std::process::exit(1);
    }
}

async fn run(args: &[String]) -> Result<(), String> {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "help" | "--help" | "-h") {
        println!("{USAGE}");
        return Ok(());
    }
    let config = Config::from_env()?;
    let pool = app::db::pool_options(16)
        .connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot connect to the database: {e}"))?;
    match (command, &args[1..]) {
        ("serve", []) => serve(config, pool).await,
        ("migrate", []) => migrate(&pool).await,
        ("demo", []) => {
            let base = public_url(&config)?;
            let mailer = app::requests::customer::Mailer {
                secret: &config.secret,
                base_url: &base,
            };
            demo::load(&pool, mailer)
                .await
                .map_err(|e| format!("demo data: {e}"))
        }
        ("create-admin", [email, name, org]) => {
            let password = std::env::var("LUUKKU_ADMIN_PASSWORD")
                .map_err(|_| "set LUUKKU_ADMIN_PASSWORD to the new password".to_string())?;
            demo::create_admin(&pool, email, name, org, &password).await
        }
        ("seed", [flag, n]) if flag == "--requests" => {
            let n: u64 = n
                .parse()
                .map_err(|_| format!("--requests takes a whole number, not {n:?}"))?;
            seed::requests(&pool, n)
                .await
                .map_err(|e| format!("seed: {e}"))
        }
        ("ingest-mail", [org]) => ingest_mail(&config, &pool, org).await,
        ("add-mailbox", [org, address, user]) => {
            add_mailbox(&config, &pool, org, address, user).await
        }
        _ => Err(format!("unknown command {:?}\n\n{USAGE}", args.join(" "))),
    }
}

/// `luukku ingest-mail ORG < message.eml`: reads at most one mail's bytes (a larger input is
/// refused before it is kept), takes it in and says what it became.
async fn ingest_mail(config: &Config, pool: &sqlx::PgPool, slug: &str) -> Result<(), String> {
    use std::io::Read;
    let limit = app::domain::inbound::MAX_RAW;
    let mut raw = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot read the mail from standard input: {e}"))?;
    if raw.len() > limit {
        return Err(format!(
            "the mail is larger than {} MB; it was not taken in",
            limit >> 20
        ));
    }
    let mut conn = pool.acquire().await.map_err(|e| format!("database: {e}"))?;
    let org = app::db::orgs::find_by_slug(&mut conn, slug)
        .await
        .map_err(|e| format!("database: {e}"))?
        .ok_or_else(|| format!("no organisation {slug:?}"))?;
    let base = public_url(config)?;
    let mailer = app::requests::customer::Mailer {
        secret: &config.secret,
        base_url: &base,
    };
    let outcome = app::requests::mail_in::ingest(&mut conn, mailer, &org, &raw, chrono::Utc::now())
        .await
        .map_err(|e| format!("database: {e}"))?;
    if outcome.stored() {
        println!("{outcome}");
        Ok(())
    } else {
        Err(format!("the mail was not taken in: {outcome}"))
    }
}

/// `luukku add-mailbox ORG HOST:PORT USER`: adds a mailbox as the administration page does.
async fn add_mailbox(
    config: &Config,
    pool: &sqlx::PgPool,
    slug: &str,
    address: &str,
    user: &str,
) -> Result<(), String> {
    let (host, port) = address
        .rsplit_once(':')
        .ok_or_else(|| format!("{address:?} is not HOST:PORT"))?;
    let password = std::env::var("LUUKKU_MAILBOX_PASSWORD")
        .map_err(|_| "set LUUKKU_MAILBOX_PASSWORD to the mailbox's password".to_string())?;
    let mut conn = pool.acquire().await.map_err(|e| format!("database: {e}"))?;
    let org = app::db::orgs::find_by_slug(&mut conn, slug)
        .await
        .map_err(|e| format!("database: {e}"))?
        .ok_or_else(|| format!("no organisation {slug:?}"))?;
    drop(conn);
    let input = app::domain::mailbox::MailboxInput {
        name: format!("{user}@{host}"),
        host: host.into(),
        port: port.into(),
        username: user.into(),
        password,
        ..Default::default()
    };
    match app::admin::service::save_mailbox(pool, &config.secret, &org, &input).await {
        Ok(Ok(())) => {
            println!("organisation {slug} reads mail from {user}@{host}:{port}");
            Ok(())
        }
        Ok(Err(errors)) => {
            let why: Vec<String> = errors
                .0
                .iter()
                .map(|e| format!("{}: {}", e.field, e.code))
                .collect();
            Err(format!("the mailbox was not added: {}", why.join(", ")))
        }
        Err(e) => Err(format!("the mailbox was not added: {e}")),
    }
}

async fn migrate(pool: &sqlx::PgPool) -> Result<(), String> {
    app::db::migrate(pool)
        .await
        .map_err(|e| format!("migrations failed: {e}"))
}

async fn serve(config: Config, pool: sqlx::PgPool) -> Result<(), String> {
    migrate(&pool).await?;
    let conf = get_configuration(None).map_err(|e| format!("leptos configuration: {e}"))?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let timer = jobs::spawn_sla_timer(pool.clone());
    let public_url: Arc<str> = Arc::from(public_url(&config)?);
    let secret: Arc<[u8]> = Arc::from(config.secret);
    let delivery = match &config.smtp_url {
        Some(url) => {
            let delivery = mail::Delivery::new(url, config.mail_from.clone(), secret.clone())?;
            tracing::info!("sending mail through LUUKKU_SMTP_URL");
            Some(delivery.spawn(pool.clone()))
        }
        None => {
            tracing::info!("LUUKKU_SMTP_URL is not set: messages stay in the outbox");
            None
        }
    };
    let readers = imap::Readers::new(
        pool.clone(),
        secret.clone(),
        public_url.clone(),
        config.imap_ca.as_deref(),
    )?
    .spawn();
    let state = AppState {
        writer: app::requests::intake::Writer::start(&pool, secret.clone(), public_url.clone()),
        pool,
        public_url,
        secret,
        secure_cookies: config.secure_cookies,
        limits: Arc::new(app::abuse::Limits {
            min_fill_secs: i64::from(config.min_fill_secs),
            ..app::abuse::Limits::new(config.rate_per_ip, config.rate_per_address)
        }),
        dev_pages: config.dev_pages,
        intake: Arc::default(),
        unsent: Arc::default(),
        trusted_proxies: Arc::new(config.trusted_proxies),
    };
    let app = routes::router(state, options);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("Luukku is listening on http://{addr}");
    let limits = serve::Limits::new(config.max_connections as usize);
    serve::serve(listener, app, limits, shutdown()).await;
    timer.abort();
    readers.abort();
    if let Some(delivery) = delivery {
        delivery.abort();
    }
    Ok(())
}

/// The address customers reach the service at: `LUUKKU_PUBLIC_URL`, else the listen address.
fn public_url(config: &Config) -> Result<String, String> {
    match &config.public_url {
        Some(url) => Ok(url.clone()),
        None => {
            let conf = get_configuration(None).map_err(|e| format!("leptos configuration: {e}"))?;
            Ok(format!("http://{}", conf.leptos_options.site_addr))
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before the server exits.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
