//! Configuration, read from the environment once at start. Nothing else reads environment variables.

use std::fmt;

/// What the server needs to run.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub secret: Vec<u8>,
    pub secure_cookies: bool,
    /// Where customers reach the service, for links in messages; `None` means the listen address.
    pub public_url: Option<String>,
    /// Public posts per client address, and per e-mail address, in ten minutes.
    pub rate_per_ip: u32,
    pub rate_per_address: u32,
    /// The least seconds between rendering a public form and sending it.
    pub min_fill_secs: u32,
    /// Whether the developer pages (the outbox) are served.
    pub dev_pages: bool,
    /// Proxies whose `X-Forwarded-For` names the client (`LUUKKU_TRUSTED_PROXIES`).
    pub trusted_proxies: app::abuse::TrustedProxies,
    /// Connections open at once (`LUUKKU_MAX_CONNECTIONS`, default 512).
    pub max_connections: u32,
    /// The SMTP server outgoing mail is handed to (`LUUKKU_SMTP_URL`); `None` keeps messages in
    /// the outbox.
    pub smtp_url: Option<String>,
    /// The sender of mail whose organisation has set none (`LUUKKU_MAIL_FROM`, `Name <address>`).
    pub mail_from: app::domain::mail::Sender,
    /// A PEM file of certificate authorities trusted besides the public ones when connecting to
    /// IMAP mailboxes (`LUUKKU_IMAP_CA`).
    pub imap_ca: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &"<redacted>")
            .field("secret", &"<redacted>")
            .field("secure_cookies", &self.secure_cookies)
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<redacted>"))
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

impl Config {
    /// Reads `DATABASE_URL`, `LUUKKU_SECRET` (32 characters or more) and `LUUKKU_SECURE_COOKIES`
    /// (`true`/`false`, default `false`), with a message naming the variable when one is wrong.
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let database_url = get("DATABASE_URL")
            .filter(|v| v.starts_with("postgres://") || v.starts_with("postgresql://"))
            .ok_or("DATABASE_URL must be set to a postgres:// URL")?;
        let secret = get("LUUKKU_SECRET").filter(|s| s.len() >= 32).ok_or(
            "LUUKKU_SECRET must be set to at least 32 random characters (it signs tracking links)",
        )?;
        let flag = |name: &str| match get(name).as_deref() {
            None | Some("") | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(other) => Err(format!("{name} must be true or false, not {other:?}")),
        };
        let count = |name: &str, default: u32| match get(name).as_deref() {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{name} must be a whole number above 0, not {v:?}")),
        };
        let public_url = match get("LUUKKU_PUBLIC_URL").filter(|v| !v.is_empty()) {
            None => None,
            Some(v) if v.starts_with("http://") || v.starts_with("https://") => {
                Some(v.trim_end_matches('/').to_string())
            }
            Some(v) => {
                return Err(format!(
                    "LUUKKU_PUBLIC_URL must start with http:// or https://, not {v:?}"
                ));
            }
        };
        Ok(Config {
            database_url,
            secret: secret.into_bytes(),
            secure_cookies: flag("LUUKKU_SECURE_COOKIES")?,
            public_url,
            rate_per_ip: count("LUUKKU_RATE_PER_IP", 60)?,
            rate_per_address: count("LUUKKU_RATE_PER_ADDRESS", 10)?,
            min_fill_secs: match get("LUUKKU_MIN_FILL_SECS").as_deref() {
                None | Some("") => 3,
                Some(v) => v.parse().map_err(|_| {
                    format!("LUUKKU_MIN_FILL_SECS must be a whole number of seconds, not {v:?}")
                })?,
            },
            dev_pages: flag("LUUKKU_DEV_PAGES")?,
            trusted_proxies: app::abuse::TrustedProxies::parse(
                &get("LUUKKU_TRUSTED_PROXIES").unwrap_or_default(),
            )
            .map_err(|e| format!("LUUKKU_TRUSTED_PROXIES: {e}"))?,
            max_connections: count("LUUKKU_MAX_CONNECTIONS", 512)?,
            smtp_url: match get("LUUKKU_SMTP_URL").filter(|v| !v.is_empty()) {
                None => None,
                Some(v) if v.starts_with("smtp://") || v.starts_with("smtps://") => Some(v),
                Some(_) => {
                    return Err(
                        "LUUKKU_SMTP_URL must start with smtp:// or smtps:// (for example smtp://127.0.0.1:2525)"
                            .into(),
                    );
                }
            },
            mail_from: mail_from(get("LUUKKU_MAIL_FROM").as_deref().unwrap_or(""))?,
            imap_ca: get("LUUKKU_IMAP_CA").filter(|v| !v.is_empty()),
        })
    }
}

/// `Name <address>` or a bare address; empty for `Luukku <luukku@localhost>`.
fn mail_from(raw: &str) -> Result<app::domain::mail::Sender, String> {
    let raw = raw.trim();
    let (name, address) = match raw.strip_suffix('>').and_then(|r| r.rsplit_once('<')) {
        Some((name, address)) => (name.trim().trim_matches('"'), address.trim()),
        None if raw.is_empty() => ("Luukku", "luukku@localhost"),
        None => ("Luukku", raw),
    };
    if address != "luukku@localhost" && !app::domain::mail::is_address(address) {
        return Err(format!(
            "LUUKKU_MAIL_FROM must be an address or Name <address>, not {raw:?}"
        ));
    }
    Ok(app::domain::mail::Sender {
        name: if name.is_empty() { "Luukku" } else { name }.to_string(),
        address: address.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn a_complete_environment_is_accepted_and_secrets_never_print() {
        let c = Config::from_lookup(env(&[
            ("DATABASE_URL", "postgres://x/y"),
            ("LUUKKU_SECRET", &"s".repeat(32)),
        ]))
        .expect("valid");
        assert!(!c.secure_cookies);
        assert!(!format!("{c:?}").contains("sss"));
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let e = Config::from_lookup(env(&[])).expect_err("invalid");
        assert!(e.contains("DATABASE_URL"));
        let e = Config::from_lookup(env(&[
            ("DATABASE_URL", "postgres://x"),
            ("LUUKKU_SECRET", "short"),
        ]))
        .expect_err("invalid");
        assert!(e.contains("LUUKKU_SECRET"));
        let e = Config::from_lookup(env(&[
            ("DATABASE_URL", "postgres://x"),
            ("LUUKKU_SECRET", &"s".repeat(40)),
            ("LUUKKU_SECURE_COOKIES", "yes"),
        ]))
        .expect_err("invalid");
        assert!(e.contains("LUUKKU_SECURE_COOKIES"));
        for (name, value) in [
            ("LUUKKU_RATE_PER_IP", "0"),
            ("LUUKKU_RATE_PER_ADDRESS", "many"),
            ("LUUKKU_PUBLIC_URL", "luukku.example"),
            ("LUUKKU_DEV_PAGES", "maybe"),
            ("LUUKKU_SMTP_URL", "mail.example:25"),
            ("LUUKKU_MAIL_FROM", "Neuvonta <neuvonta>"),
        ] {
            let e = Config::from_lookup(env(&[
                ("DATABASE_URL", "postgres://x"),
                ("LUUKKU_SECRET", &"s".repeat(40)),
                (name, value),
            ]))
            .expect_err("invalid");
            assert!(e.contains(name), "{e}");
        }
    }

    #[test]
    fn limits_and_the_public_address_have_defaults() {
        let c = Config::from_lookup(env(&[
            ("DATABASE_URL", "postgres://x"),
            ("LUUKKU_SECRET", &"s".repeat(40)),
            ("LUUKKU_PUBLIC_URL", "https://luukku.example/"),
        ]))
        .expect("valid");
        assert_eq!((c.rate_per_ip, c.rate_per_address), (60, 10));
        assert_eq!(c.public_url.as_deref(), Some("https://luukku.example"));
        assert!(!c.dev_pages);
        assert_eq!(c.smtp_url, None);
        assert_eq!(c.mail_from.address, "luukku@localhost");
        let c = Config::from_lookup(env(&[
            ("DATABASE_URL", "postgres://x"),
            ("LUUKKU_SECRET", &"s".repeat(40)),
            (
                "LUUKKU_SMTP_URL",
                "smtp://user:pass@mail.example:587?tls=required",
            ),
            (
                "LUUKKU_MAIL_FROM",
                "\"Neuvonta\" <neuvonta@kaupunki.example>",
            ),
        ]))
        .expect("valid");
        assert_eq!(c.mail_from.name, "Neuvonta");
        assert_eq!(c.mail_from.address, "neuvonta@kaupunki.example");
        assert!(!format!("{c:?}").contains("pass"));
    }
}
