//! Service requests: what a citizen may submit, how it is numbered, and how its status may move.

use crate::domain::Lang;
use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use super::text::{MAX_EMAIL, MAX_MESSAGE, MAX_SHORT};

/// A validated request from any form, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub name: String,
    pub email: String,
    pub language: Lang,
    pub category_id: Option<i64>,
    pub subject: String,
    pub message: String,
    /// The customer's organisation, when the form asks for it.
    pub customer_org: Option<String>,
    /// Every shown field's answer, by field key.
    pub answers: BTreeMap<String, Answer>,
}

/// A typed e-mail address, trimmed, or the field error code.
pub fn parse_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim();
    if email.is_empty() {
        Err("required")
    } else if email.chars().count() > MAX_EMAIL || !is_plausible_email(email) {
        Err("email_invalid")
    } else {
        Ok(email.to_string())
    }
}

/// A customer's answer to one field of a form, as stored with the request: one value, or several for a multiple choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

/// How long a customer waits between two hurry-ups.
pub const HURRY_EVERY: chrono::Duration = chrono::Duration::hours(24);

/// Whether a customer may hurry a request now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Hurry {
    Allowed,
    /// Hurried in the last 24 hours: allowed again at this time.
    NotBefore(chrono::DateTime<chrono::Utc>),
    /// Finished requests are not hurried.
    NotActive,
}

/// Whether a customer may hurry a request in `status` last hurried at `last`, at `now`, and if
/// not, until when.
pub fn hurry(
    status: crate::domain::Status,
    last: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> Hurry {
    match last {
        _ if !status.is_active() => Hurry::NotActive,
        Some(at) if now - at < HURRY_EVERY => Hurry::NotBefore(at + HURRY_EVERY),
        _ => Hurry::Allowed,
    }
}

/// Whether a customer may hurry a request in `status` last hurried at `last`, at `now`.
pub fn may_hurry(
    status: crate::domain::Status,
    last: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    hurry(status, last, now) == Hurry::Allowed
}

/// What the "send my link again" form said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResendInput {
    pub number: String,
    pub email: String,
}

impl ResendInput {
    /// A well-formed request number and the e-mail address, trimmed and lower-cased.
    pub fn parse(&self) -> Result<(RequestNumber, String), FieldErrors> {
        let number = RequestNumber::parse(&self.number);
        let email = parse_email(&self.email).map(|e| e.to_lowercase());
        let mut errors = FieldErrors::default();
        if number.is_none() {
            errors.add("number", "number_unknown");
        }
        if let Err(code) = email {
            errors.add("email", code);
        }
        match (number, email) {
            (Some(number), Ok(email)) => Ok((number, email)),
            _ => Err(errors),
        }
    }

    /// What is kept for showing the form again: at most a number's and an address's length.
    pub fn truncated(&self) -> ResendInput {
        ResendInput {
            number: self.number.chars().take(40).collect(),
            email: self.email.chars().take(MAX_EMAIL).collect(),
        }
    }
}

/// Validates a free-text message (a reply or a customer's answer).
pub fn parse_message(raw: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let message = required_text(raw, MAX_MESSAGE, "message", &mut errors);
    if errors.is_empty() {
        Ok(message)
    } else {
        Err(errors)
    }
}

pub(crate) fn required_text(
    raw: &str,
    max: usize,
    field: &str,
    errors: &mut FieldErrors,
) -> String {
    let text = raw.trim();
    if text.is_empty() {
        errors.add(field, "required");
    } else if let Err(code) = super::text::check(text, max) {
        errors.add(field, code);
    }
    text.to_string()
}

/// One `@`, a non-empty local part, a dotted domain, no spaces: what a person can mistype is caught;
/// deliverability is the mail server's to judge.
pub(crate) fn is_plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && s.chars().all(super::text::allowed_char)
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// A request's public number: organisation prefix, year, sequence and a check digit,
/// e.g. `LIK-2026-000123-0`. A mistyped digit is caught by the check digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestNumber(String);

impl RequestNumber {
    /// Builds the number for the `sequence`-th request of `prefix` in `year`.
    pub fn new(prefix: &str, year: i32, sequence: i64) -> RequestNumber {
        let digits = format!("{year:04}{sequence:06}");
        RequestNumber(format!(
            "{prefix}-{year:04}-{sequence:06}-{}",
            check_digit(&digits)
        ))
    }

    /// Parses a typed number, accepting it only when its check digit is right.
    pub fn parse(raw: &str) -> Option<RequestNumber> {
        let raw = raw.trim().to_ascii_uppercase();
        let mut parts = raw.rsplitn(4, '-');
        let (check, seq, year, prefix) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if prefix.is_empty() || !all_digits(year) || !all_digits(seq) || check.len() != 1 {
            return None;
        }
        (check_digit(&format!("{year}{seq}")).to_string() == check).then_some(RequestNumber(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Finnish reference-number check digit: weights 7, 3, 1 from the right.
fn check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .zip([7u32, 3, 1].iter().cycle())
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_hurries_an_active_request_once_a_day() {
        use crate::domain::Status;
        use chrono::Duration;
        let now = chrono::Utc::now();
        assert!(may_hurry(Status::Open, None, now));
        assert!(!may_hurry(
            Status::Open,
            Some(now - Duration::hours(23)),
            now
        ));
        assert!(may_hurry(Status::Open, Some(now - HURRY_EVERY), now));
        assert!(!may_hurry(Status::Resolved, None, now));
    }

    #[test]
    fn a_hurried_request_says_when_it_may_be_hurried_again() {
        use crate::domain::Status;
        use chrono::Duration;
        let now = chrono::Utc::now();
        let last = now - Duration::hours(23);
        assert_eq!(
            hurry(Status::Open, Some(last), now),
            Hurry::NotBefore(last + HURRY_EVERY)
        );
        assert_eq!(hurry(Status::Open, None, now), Hurry::Allowed);
        assert_eq!(hurry(Status::Resolved, None, now), Hurry::NotActive);
    }

    #[test]
    fn a_link_is_resent_only_for_a_well_formed_number_and_an_address() {
        let bad = ResendInput {
            number: "LIK-2026".into(),
            email: " ".into(),
        };
        let e = bad.parse().expect_err("invalid");
        assert_eq!(e.get("number"), Some("number_unknown"));
        assert_eq!(e.get("email"), Some("required"));
        let number = RequestNumber::new("LIK", 2026, 7);
        let ok = ResendInput {
            number: number.as_str().into(),
            email: " Maija@Example.FI ".into(),
        };
        assert_eq!(
            ok.parse().expect("valid"),
            (number, "maija@example.fi".into())
        );
    }

    #[test]
    fn a_resend_for_fifteen_megabytes_of_address_is_refused_at_parse() {
        let number = RequestNumber::new("LIK", 2026, 7);
        let huge = ResendInput {
            number: number.as_str().into(),
            email: format!("{}@example.fi", "a".repeat(15 * 1024 * 1024)),
        };
        assert_eq!(
            huge.parse().expect_err("too long").get("email"),
            Some("email_invalid")
        );
    }

    #[test]
    fn ten_megabytes_of_text_is_cut_for_redisplay() {
        let mut raw = crate::domain::forms::RawValues::new();
        raw.insert("message".into(), vec!["a".repeat(10 * 1024 * 1024)]);
        assert_eq!(
            crate::domain::forms::truncated(&raw)["message"][0].len(),
            MAX_MESSAGE
        );
        assert_eq!(
            parse_message(&raw["message"][0])
                .expect_err("invalid")
                .get("message"),
            Some("too_long")
        );
    }

    #[test]
    fn request_numbers_carry_a_check_digit_that_catches_typos() {
        let n = RequestNumber::new("LIK", 2026, 123);
        assert_eq!(n.as_str(), "LIK-2026-000123-0");
        assert!(RequestNumber::parse("lik-2026-000123-0").is_some());
        assert!(RequestNumber::parse("LIK-2026-000124-0").is_none());
        assert!(RequestNumber::parse("LIK-2026-000123").is_none());
    }

    proptest::proptest! {
        #[test]
        fn every_generated_number_parses_back(prefix in "[A-Z]{2,5}", year in 2000i32..2100, seq in 1i64..999_999) {
            let n = RequestNumber::new(&prefix, year, seq);
            proptest::prop_assert_eq!(RequestNumber::parse(n.as_str()), Some(n));
        }
    }
}
