//! E-mail as Luukku sends it: who it is from, the Message-ID a message keeps across retries, the
//! headers that thread a request's messages together, the reply address that leads back to the
//! request, the HTML part made from the text, and when a failed delivery is tried again.

use crate::domain::Lang;
use crate::domain::format::date_time;
use crate::domain::text::{MAX_EMAIL, MAX_SHORT};
use crate::domain::views::{Delivery, EventKind, TimelineEntry};
use chrono::{DateTime, Duration, Utc};

/// How long a temporary failure is tried again before the message is given up.
pub const RETRY_FOR: Duration = Duration::hours(24);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::hours(2);
/// How many earlier messages of a request `References` names (the thread's root and the newest).
pub const MAX_REFERENCES: usize = 20;
/// The longest signature, in characters.
pub const MAX_SIGNATURE: usize = 2000;

/// Where a message comes from: an organisation's sender, or the service's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub name: String,
    pub address: String,
}

impl Sender {
    /// The organisation's sender when it has set an address, else `fallback` under the
    /// organisation's name (or `fallback`'s own name when there is no organisation).
    pub fn choose(
        org_name: &str,
        org_from_name: &str,
        org_from: &str,
        fallback: &Sender,
    ) -> Sender {
        let name = [org_from_name, org_name, &fallback.name]
            .into_iter()
            .find(|n| !n.trim().is_empty())
            .unwrap_or_default()
            .trim()
            .to_string();
        let address = if is_address(org_from) {
            org_from.trim().to_string()
        } else {
            fallback.address.clone()
        };
        Sender { name, address }
    }

    /// The domain of the address, which Message-IDs are made under.
    pub fn domain(&self) -> &str {
        self.address
            .rsplit_once('@')
            .map_or("localhost", |(_, d)| d)
    }

    /// The address replies go to: the sender's local part with the request number after a `+`
    /// (`palvelu+LIK-2026-000123-0@example.fi`), so a reply leads back to its request even when
    /// the customer's program drops the threading headers.
    pub fn reply_to(&self, number: &str) -> String {
        match self.address.split_once('@') {
            Some((local, domain)) if !number.is_empty() && !local.contains('+') => {
                format!("{local}+{number}@{domain}")
            }
            _ => self.address.clone(),
        }
    }
}

/// Whether `s` is a plausible address to send from: what a person could mistype is refused.
pub fn is_address(s: &str) -> bool {
    let s = s.trim();
    s.len() <= MAX_EMAIL && super::request::is_plausible_email(s)
}

/// Whether a message of kind `code` is written by the service rather than by a person, and so
/// carries `Auto-Submitted: auto-generated`: everything but an advisor's reply or question.
pub fn is_automatic(code: &str) -> bool {
    !matches!(code, "reply" | "waiting")
}

/// A message's Message-ID: its outbox id, a tag derived from it with the server's secret (so two
/// installations never make the same one) and the sender's domain. It is fixed the first time
/// a message is sent and kept for every retry.
pub fn message_id(outbox_id: i64, tag: &str, domain: &str) -> String {
    format!("<luukku.{outbox_id}.{tag}@{domain}>")
}

/// The Message-ID every message of request `number` refers to as its thread's root, so mail
/// programs put a request's messages together even when some of them are missing.
pub fn thread_root(number: &str, domain: &str) -> String {
    format!("<{number}@{domain}>")
}

/// `In-Reply-To` and `References` of a request's message: the root and up to
/// [`MAX_REFERENCES`] of the request's earlier messages, oldest first (`earlier` is oldest first).
pub fn threading(root: &str, earlier: &[String]) -> (String, String) {
    let skip = earlier.len().saturating_sub(MAX_REFERENCES - 1);
    let mut refs = vec![root.to_string()];
    refs.extend(earlier[skip..].iter().cloned());
    let in_reply_to = refs.last().cloned().unwrap_or_default();
    (in_reply_to, refs.join(" "))
}

/// The subject with the request number in brackets at its start, where mail programs and
/// people both look for it: `[LIK-2026-000123-0] Vastaus pyyntöösi`.
pub fn tagged_subject(subject: &str, number: &str) -> String {
    let subject: String = subject
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_SHORT * 2)
        .collect();
    if number.is_empty() || subject.contains(&format!("[{number}]")) {
        subject
    } else {
        format!("[{number}] {subject}")
    }
}

/// The text body with the organisation's signature under the usual `-- ` line.
pub fn signed(body: &str, signature: &str) -> String {
    let signature = signature.trim();
    if signature.is_empty() {
        body.to_string()
    } else {
        format!("{}\n\n-- \n{signature}\n", body.trim_end())
    }
}

/// The HTML part of a text body: every character escaped, paragraphs kept, quoted lines (`> `)
/// as a quotation, the signature set apart and https and local links clickable.
pub fn html_of(text: &str, lang: &str) -> String {
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">",
        escape(lang)
    );
    let mut quote = false;
    let mut signature = false;
    for line in text.lines() {
        if line == "-- " && !signature {
            if quote {
                out.push_str("</blockquote>");
                quote = false;
            }
            out.push_str("<div style=\"color:#555\">");
            signature = true;
            continue;
        }
        let (is_quote, line) = match line.strip_prefix('>') {
            Some(rest) if !signature => (true, rest.strip_prefix(' ').unwrap_or(rest)),
            _ => (false, line),
        };
        if is_quote != quote {
            out.push_str(if is_quote {
                "<blockquote style=\"margin:0 0 0 .5em;padding-left:1em;border-left:3px solid #999\">"
            } else {
                "</blockquote>"
            });
            quote = is_quote;
        }
        out.push_str(&linked(line));
        out.push_str("<br>\n");
    }
    if quote {
        out.push_str("</blockquote>");
    }
    if signature {
        out.push_str("</div>");
    }
    out.push_str("</body></html>");
    out
}

/// One line escaped, with its https links as anchors.
fn linked(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("https://") || word.starts_with("http://") {
            let url = escape(word);
            out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
        } else {
            out.push_str(&escape(word));
        }
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What became of one attempt to hand a message to the mail server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    Sent,
    /// A 4xx answer, a refused or broken connection, a timeout: worth trying again.
    Temporary(String),
    /// A 5xx answer: the server will never take this message.
    Permanent(String),
}

/// What to do with a message after `attempt`, its `attempts`-th, for a message made at `created`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Sent,
    /// Try again at this time, keeping the reason.
    Retry(DateTime<Utc>, String),
    /// Give up, with the reason.
    Failed(String),
}

/// Backoff after a temporary failure: a minute, doubling up to two hours, for a day from when
/// the message was made; then it has failed. A permanent failure fails at once.
pub fn after(attempt: Attempt, attempts: i32, created: DateTime<Utc>, now: DateTime<Utc>) -> Next {
    match attempt {
        Attempt::Sent => Next::Sent,
        Attempt::Permanent(why) => Next::Failed(why),
        Attempt::Temporary(why) => {
            let wait =
                Duration::minutes(1i64 << attempts.clamp(1, 8).saturating_sub(1)).min(MAX_BACKOFF);
            if now + wait > created + RETRY_FOR {
                Next::Failed(why)
            } else {
                Next::Retry(now + wait, why)
            }
        }
    }
}

/// A reason as it is stored and shown: one line, at most 1000 characters.
pub fn reason(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(1000)
        .collect::<String>()
        .trim()
        .to_string()
}

/// The words a delivery's state is told in, in the reader's language.
pub struct StateWords<'a> {
    pub queued: &'a str,
    pub sent: &'a str,
    pub retry: &'a str,
    pub failed: &'a str,
}

/// A message to the customer as a staff-only step of the request's timeline, at the time it was
/// written: to whom, its subject, and how its delivery went. Its id is the outbox id negated, so
/// it never equals an event's.
pub fn delivery_entry(d: &Delivery, words: &StateWords<'_>, lang: Lang) -> TimelineEntry {
    let reason = d.last_error.as_deref().unwrap_or("");
    let state = match (d.sent_at, d.failed_at, d.next_attempt_at) {
        (Some(at), _, _) => format!("{} {}", words.sent, date_time(at, lang)),
        (_, Some(_), _) => format!("{}: {reason}", words.failed),
        (_, _, Some(at)) if d.attempts > 0 => {
            format!("{} {} ({reason})", words.retry, date_time(at, lang))
        }
        _ => words.queued.to_string(),
    };
    TimelineEntry {
        id: -d.id,
        kind: EventKind::Mail,
        at: d.created_at,
        body: Some(format!("{} · {}\n{state}", d.to_email, d.subject)),
        from_status: None,
        to_status: None,
        staff_name: None,
        by_system: true,
        detail: None,
    }
}

/// The messages that could not be delivered, as "address: the mail server's answer".
pub fn undelivered(deliveries: &[Delivery]) -> Vec<String> {
    deliveries
        .iter()
        .filter(|d| d.failed_at.is_some())
        .map(|d| format!("{}: {}", d.to_email, d.last_error.as_deref().unwrap_or("")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0).unwrap()
    }

    #[test]
    fn a_temporary_failure_backs_off_and_gives_up_after_a_day() {
        let made = at(8, 0);
        let t = |n| after(Attempt::Temporary("451".into()), n, made, at(9, 0));
        assert_eq!(t(1), Next::Retry(at(9, 1), "451".into()));
        assert_eq!(t(2), Next::Retry(at(9, 2), "451".into()));
        assert_eq!(t(4), Next::Retry(at(9, 8), "451".into()));
        assert_eq!(t(30), Next::Retry(at(11, 0), "451".into()));
        let late = made + RETRY_FOR - Duration::minutes(30);
        assert_eq!(
            after(Attempt::Temporary("451".into()), 12, made, late),
            Next::Failed("451".into())
        );
        assert_eq!(
            after(
                Attempt::Permanent("550 no such user".into()),
                1,
                made,
                at(9, 0)
            ),
            Next::Failed("550 no such user".into())
        );
    }

    #[test]
    fn threading_names_the_root_and_the_newest_earlier_messages() {
        let root = thread_root("LIK-2026-000123-0", "example.fi");
        assert_eq!(root, "<LIK-2026-000123-0@example.fi>");
        assert_eq!(threading(&root, &[]), (root.clone(), root.clone()));
        let earlier: Vec<String> = (1..=30).map(|i| message_id(i, "t", "example.fi")).collect();
        let (reply_to, refs) = threading(&root, &earlier);
        assert_eq!(reply_to, "<luukku.30.t@example.fi>");
        let refs: Vec<&str> = refs.split(' ').collect();
        assert_eq!(refs.len(), MAX_REFERENCES);
        assert_eq!(refs[0], root);
        assert_eq!(refs[1], "<luukku.12.t@example.fi>");
    }

    #[test]
    fn the_subject_carries_the_number_once_and_no_line_breaks() {
        assert_eq!(
            tagged_subject("Vastaus\r\nBcc: x@y", "LIK-2026-000123-0"),
            "[LIK-2026-000123-0] VastausBcc: x@y"
        );
        assert_eq!(tagged_subject("[A-1] x", "A-1"), "[A-1] x");
        assert_eq!(tagged_subject("Sign in", ""), "Sign in");
    }

    #[test]
    fn the_sender_falls_back_and_replies_lead_back_to_the_request() {
        let fallback = Sender {
            name: "Luukku".into(),
            address: "luukku@palvelu.example".into(),
        };
        let s = Sender::choose("Kaupunki", "", "not an address", &fallback);
        assert_eq!(s.name, "Kaupunki");
        assert_eq!(s.address, "luukku@palvelu.example");
        let s = Sender::choose(
            "Kaupunki",
            "Neuvonta",
            "neuvonta@kaupunki.example",
            &fallback,
        );
        assert_eq!(s.domain(), "kaupunki.example");
        assert_eq!(
            s.reply_to("LIK-2026-000123-0"),
            "neuvonta+LIK-2026-000123-0@kaupunki.example"
        );
        assert_eq!(s.reply_to(""), "neuvonta@kaupunki.example");
    }

    #[test]
    fn the_html_part_escapes_everything_and_keeps_the_shape() {
        let text = signed(
            "Hei <b>\n> lainattu & <script>\n\nhttps://x.example/t?a=1&b=2",
            "Neuvonta\n09 123",
        );
        let html = html_of(&text, "fi\"");
        assert!(!html.contains("<b>") && !html.contains("<script>"));
        assert!(html.contains("&lt;b&gt;"));
        assert!(html.contains("<blockquote"));
        assert!(html.contains("<a href=\"https://x.example/t?a=1&amp;b=2\">"));
        assert!(html.contains("lang=\"fi&quot;\""));
        assert!(html.contains("<div style=\"color:#555\">Neuvonta<br>"));
    }
}
