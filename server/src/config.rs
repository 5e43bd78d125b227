//! Configuration, read from the environment once at start. Nothing else reads environment variables.

use std::fmt;

/// What the server needs to run.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub secret: Vec<u8>,
    pub secure_cookies: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &"<redacted>")
            .field("secret", &"<redacted>")
            .field("secure_cookies", &self.secure_cookies)
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
        let secure_cookies = match get("LUUKKU_SECURE_COOKIES").as_deref() {
            None | Some("") | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => {
                return Err(format!(
                    "LUUKKU_SECURE_COOKIES must be true or false, not {other:?}"
                ));
            }
        };
        Ok(Config {
            database_url,
            secret: secret.into_bytes(),
            secure_cookies,
        })
    }
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
    }
}
