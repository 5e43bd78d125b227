//! A mailbox an organisation reads its mail from: an IMAP account over TLS, the folder new mail
//! arrives in, and the folders each mail is moved to once what it became is committed (or once it
//! is refused). Checked here, so what is stored can be connected to as it is.

use super::errors::FieldErrors;
use super::text;
use serde::{Deserialize, Serialize};

/// The IMAP-over-TLS port.
pub const IMAPS_PORT: u16 = 993;
/// Longest password kept (sealed, it grows by 40 bytes).
pub const MAX_PASSWORD: usize = 1000;
/// Longest folder name.
pub const MAX_FOLDER: usize = 200;
/// Longest host name (RFC 1035).
pub const MAX_HOST: usize = 253;
/// Mailboxes one organisation may have.
pub const MAX_PER_ORG: i64 = 20;
/// What a mailbox password is sealed for (`security::seal`).
pub const SEALED_FOR: &str = "mailbox password";

/// The mailbox form as typed. `id` is empty for a new mailbox; `password` is empty to keep the
/// stored one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MailboxInput {
    pub id: String,
    pub name: String,
    pub host: String,
    pub port: String,
    pub username: String,
    pub password: String,
    pub folder: String,
    pub processed_folder: String,
    pub failed_folder: String,
    pub enabled: Option<String>,
}

impl Default for MailboxInput {
    /// A new mailbox: the usual port and folders, read from the start.
    fn default() -> MailboxInput {
        MailboxInput {
            id: String::new(),
            name: String::new(),
            host: String::new(),
            port: IMAPS_PORT.to_string(),
            username: String::new(),
            password: String::new(),
            folder: "INBOX".into(),
            processed_folder: "Processed".into(),
            failed_folder: "Failed".into(),
            enabled: Some("on".into()),
        }
    }
}

/// A mailbox's settings, checked. `password` is `None` when an edit keeps the stored one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailboxSettings {
    pub id: Option<i64>,
    pub name: String,
    pub host: String,
    pub port: u16,
    pub username: String,
    pub password: Option<String>,
    pub folder: String,
    pub processed_folder: String,
    pub failed_folder: String,
    pub enabled: bool,
}

/// A stored mailbox as its form shows it (never with its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    pub id: i64,
    pub name: String,
    pub host: String,
    pub port: u16,
    pub username: String,
    pub folder: String,
    pub processed_folder: String,
    pub failed_folder: String,
    pub enabled: bool,
}

impl Mailbox {
    /// The form as this mailbox fills it, the password left empty (kept unless retyped).
    pub fn input(&self) -> MailboxInput {
        MailboxInput {
            id: self.id.to_string(),
            name: self.name.clone(),
            host: self.host.clone(),
            port: self.port.to_string(),
            username: self.username.clone(),
            password: String::new(),
            folder: self.folder.clone(),
            processed_folder: self.processed_folder.clone(),
            failed_folder: self.failed_folder.clone(),
            enabled: self.enabled.then(|| "on".into()),
        }
    }
}

/// A mailbox as the administrators' list shows it: its settings and what its reader last saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxState {
    pub mailbox: Mailbox,
    /// When the reader last read the folder to its end.
    pub checked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Mails taken in, and mails moved to the failed folder, since the mailbox was added.
    pub taken_in: i64,
    pub failed: i64,
    /// The last failure to connect, sign in or read, until the next good read.
    pub last_error: Option<(chrono::DateTime<chrono::Utc>, String)>,
}

/// Whether `host` is a host name (letters, digits, hyphens and dots, labels of 1–63 characters
/// not starting or ending in a hyphen) or an IP address.
pub fn is_host(host: &str) -> bool {
    if host.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    !host.is_empty()
        && host.len() <= MAX_HOST
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

impl MailboxInput {
    /// Checks every field: a name (at most 200 characters), a host name or address, a port
    /// (1–65535), a user name (at most 254 characters), a password (required for a new mailbox,
    /// at most 1000 characters) and three different folders without control characters.
    pub fn parse(&self) -> Result<MailboxSettings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let id = match self.id.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    errors.add("id", "invalid");
                    None
                }
            },
        };
        let mut line = |field: &str, raw: &str, max: usize| {
            let value = raw.trim().to_string();
            if value.is_empty() {
                errors.add(field, "required");
            } else if let Err(code) = text::check(&value, max) {
                errors.add(field, code);
            } else if value.contains(['\n', '\r', '\t']) {
                errors.add(field, text::CONTROL_CHARS);
            }
            value
        };
        let name = line("name", &self.name, text::MAX_SHORT);
        let host = line("host", &self.host, MAX_HOST).to_ascii_lowercase();
        let username = line("username", &self.username, text::MAX_EMAIL);
        let folder = line("folder", &self.folder, MAX_FOLDER);
        let processed_folder = line("processed_folder", &self.processed_folder, MAX_FOLDER);
        let failed_folder = line("failed_folder", &self.failed_folder, MAX_FOLDER);
        if !host.is_empty() && errors.get("host").is_none() && !is_host(&host) {
            errors.add("host", "host_invalid");
        }
        let port = match self.port.trim().parse::<u16>() {
            Ok(port) if port > 0 => port,
            _ => {
                errors.add("port", "port_invalid");
                0
            }
        };
        // A password is kept as typed: spaces may be part of it.
        let password = match self.password.as_str() {
            "" if id.is_none() => {
                errors.add("password", "required");
                None
            }
            "" => None,
            p if p.chars().count() > MAX_PASSWORD => {
                errors.add("password", "too_long");
                None
            }
            p if p.chars().any(char::is_control) => {
                errors.add("password", text::CONTROL_CHARS);
                None
            }
            p => Some(p.to_string()),
        };
        let same = |a: &str, b: &str| !a.is_empty() && a.eq_ignore_ascii_case(b);
        if same(&processed_folder, &folder) {
            errors.add("processed_folder", "folder_same");
        }
        if same(&failed_folder, &folder) || same(&failed_folder, &processed_folder) {
            errors.add("failed_folder", "folder_same");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(MailboxSettings {
            id,
            name,
            host,
            port,
            username,
            password,
            folder,
            processed_folder,
            failed_folder,
            enabled: self.enabled.is_some(),
        })
    }
}

/// How long a reader waits before connecting again after its `failures`-th failure in a row:
/// 5 s, doubling, at most 5 minutes.
pub fn backoff_secs(failures: u32) -> u64 {
    5u64.saturating_mul(1 << failures.min(6)).min(300)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MailboxInput {
        MailboxInput {
            name: "Asiakaspalvelu".into(),
            host: "Imap.Kunta.example".into(),
            username: "neuvonta@kunta.example".into(),
            password: " salainen sana ".into(),
            ..MailboxInput::default()
        }
    }

    #[test]
    fn a_new_mailbox_is_read_as_typed() {
        let m = input().parse().expect("valid");
        assert_eq!(m.id, None);
        assert_eq!(m.host, "imap.kunta.example");
        assert_eq!(m.port, 993);
        assert_eq!(m.password.as_deref(), Some(" salainen sana "));
        assert_eq!(
            (
                m.folder.as_str(),
                m.processed_folder.as_str(),
                m.failed_folder.as_str()
            ),
            ("INBOX", "Processed", "Failed")
        );
        assert!(m.enabled);
    }

    #[test]
    fn a_new_mailbox_needs_a_password_and_an_edit_keeps_the_stored_one() {
        let new = MailboxInput {
            password: String::new(),
            ..input()
        };
        assert_eq!(
            new.parse().expect_err("no password").get("password"),
            Some("required")
        );
        let edit = MailboxInput {
            id: "7".into(),
            password: String::new(),
            enabled: None,
            ..input()
        };
        let m = edit.parse().expect("valid");
        assert_eq!((m.id, m.password, m.enabled), (Some(7), None, false));
    }

    #[test]
    fn bad_values_are_the_fields_errors() {
        let bad = MailboxInput {
            id: "x".into(),
            name: "a\u{7}b".into(),
            host: "imap.kunta.example/evil".into(),
            port: "99999".into(),
            username: String::new(),
            password: "p\u{0}".into(),
            folder: "INBOX".into(),
            processed_folder: "inbox".into(),
            failed_folder: "Processed\nx".into(),
            enabled: None,
        };
        let e = bad.parse().expect_err("invalid");
        assert_eq!(e.get("id"), Some("invalid"));
        assert_eq!(e.get("name"), Some("control_chars"));
        assert_eq!(e.get("host"), Some("host_invalid"));
        assert_eq!(e.get("port"), Some("port_invalid"));
        assert_eq!(e.get("username"), Some("required"));
        assert_eq!(e.get("password"), Some("control_chars"));
        assert_eq!(e.get("processed_folder"), Some("folder_same"));
        assert_eq!(e.get("failed_folder"), Some("control_chars"));
        let long = MailboxInput {
            password: "x".repeat(MAX_PASSWORD + 1),
            host: format!("{}.example", "a".repeat(64)),
            ..input()
        };
        let e = long.parse().expect_err("too long");
        assert_eq!(e.get("password"), Some("too_long"));
        assert_eq!(e.get("host"), Some("host_invalid"));
    }

    #[test]
    fn hosts() {
        for good in [
            "imap.kunta.example",
            "127.0.0.1",
            "::1",
            "localhost",
            "mx-1.a.fi",
        ] {
            assert!(is_host(good), "{good}");
        }
        for bad in ["", "-a.fi", "a..fi", "a_b.fi", "a.fi:993", "ä.fi", "a b"] {
            assert!(!is_host(bad), "{bad}");
        }
    }

    #[test]
    fn backoff_doubles_to_five_minutes() {
        let waits: Vec<u64> = (0..9).map(backoff_secs).collect();
        assert_eq!(waits, [5, 10, 20, 40, 80, 160, 300, 300, 300]);
    }
}
