//! Phone contacts: what an advisor notes down about a call, a new request or an addition to an
//! existing one, and the call itself for reports.

use crate::domain::errors::FieldErrors;
use crate::domain::request::{MAX_MESSAGE, MAX_SHORT, parse_email, required_text};
use crate::domain::{Lang, RequestNumber, Status};
use serde::{Deserialize, Serialize};

/// Longest call that can be logged: a working day.
pub const MAX_SECONDS: i32 = 8 * 3600;
const MAX_PHONE: usize = 40;

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Answered on the phone: the request is resolved at once.
    Resolved,
    /// The advisor takes it further themself.
    FollowUp,
    /// Left in the queue for someone else.
    Queued,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Resolved, Outcome::FollowUp, Outcome::Queued];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::FollowUp => "follow_up",
            Outcome::Queued => "queued",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    /// Where a request made from the call goes: resolved, in progress with the advisor, or new
    /// in the queue.
    pub fn status(self) -> Status {
        match self {
            Outcome::Resolved => Status::Resolved,
            Outcome::FollowUp => Status::InProgress,
            Outcome::Queued => Status::New,
        }
    }

    /// Whether the advisor who took the call keeps the request.
    pub fn keeps(self) -> bool {
        self != Outcome::Queued
    }
}

/// The call form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallInput {
    /// The number of an existing request to add the call to; empty for a new request.
    pub existing: String,
    pub caller: String,
    pub phone: String,
    pub email: String,
    pub language: String,
    pub category: String,
    pub topic: String,
    pub summary: String,
    /// `m` or `m:ss`.
    pub duration: String,
    pub outcome: String,
}

/// A call, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub existing: Option<RequestNumber>,
    pub caller: String,
    pub phone: String,
    /// Where messages about a new request go; a caller need not give one.
    pub email: Option<String>,
    pub language: Lang,
    pub category_id: Option<i64>,
    pub topic: String,
    pub summary: String,
    pub seconds: i32,
    pub outcome: Outcome,
}

/// Reads a duration as people type it: whole minutes (`5`) or minutes and seconds (`4:30`).
pub fn parse_duration(raw: &str) -> Option<i32> {
    let raw = raw.trim();
    let (minutes, seconds) = match raw.split_once(':') {
        Some((m, s)) if s.len() == 2 => (m.parse::<i32>().ok()?, s.parse::<i32>().ok()?),
        Some(_) => return None,
        None => (raw.parse::<i32>().ok()?, 0),
    };
    let total = minutes.checked_mul(60)?.checked_add(seconds)?;
    ((0..60).contains(&seconds) && (0..=MAX_SECONDS).contains(&total)).then_some(total)
}

fn plausible_phone(p: &str) -> bool {
    p.chars().count() <= MAX_PHONE
        && p.chars().filter(char::is_ascii_digit).count() >= 5
        && p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

impl CallInput {
    /// Checks every field at once. The caller's name, a topic, a summary, the duration and the
    /// outcome are required; phone and e-mail are optional but must be plausible; the category
    /// must be one of `categories`; a number given must be a real request number.
    pub fn parse(&self, categories: &[i64]) -> Result<Call, FieldErrors> {
        let mut errors = FieldErrors::default();
        let existing = match self.existing.trim() {
            "" => None,
            typed => {
                let n = RequestNumber::parse(typed);
                if n.is_none() {
                    errors.add("existing", "number_unknown");
                }
                n
            }
        };
        let caller = required_text(&self.caller, MAX_SHORT, "caller", &mut errors);
        let phone = self.phone.trim().to_string();
        if !phone.is_empty() && !plausible_phone(&phone) {
            errors.add("phone", "phone_invalid");
        }
        let email = match self.email.trim() {
            "" => None,
            typed => parse_email(typed)
                .map_err(|code| errors.add("email", code))
                .ok(),
        };
        let language = Lang::parse(self.language.trim()).unwrap_or_default();
        let category_id = match self.category.trim() {
            "" => None,
            typed => {
                let id = typed.parse().ok().filter(|id| categories.contains(id));
                if id.is_none() {
                    errors.add("category", "choose");
                }
                id
            }
        };
        let topic = required_text(&self.topic, MAX_SHORT, "topic", &mut errors);
        let summary = required_text(&self.summary, MAX_MESSAGE, "summary", &mut errors);
        let seconds = parse_duration(&self.duration);
        if seconds.is_none() {
            errors.add(
                "duration",
                if self.duration.trim().is_empty() {
                    "required"
                } else {
                    "duration_invalid"
                },
            );
        }
        let outcome = Outcome::parse(self.outcome.trim());
        if outcome.is_none() {
            errors.add("outcome", "choose");
        }
        match (seconds, outcome, errors.is_empty()) {
            (Some(seconds), Some(outcome), true) => Ok(Call {
                existing,
                caller,
                phone,
                email,
                language,
                category_id,
                topic,
                summary,
                seconds,
                outcome,
            }),
            _ => Err(errors),
        }
    }

    /// What is kept for showing the form again after an error.
    pub fn truncated(&self) -> CallInput {
        let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
        CallInput {
            existing: cut(&self.existing, 40),
            caller: cut(&self.caller, MAX_SHORT),
            phone: cut(&self.phone, MAX_PHONE),
            email: cut(&self.email, 254),
            language: cut(&self.language, 2),
            category: cut(&self.category, 20),
            topic: cut(&self.topic, MAX_SHORT),
            summary: cut(&self.summary, MAX_MESSAGE),
            duration: cut(&self.duration, 10),
            outcome: cut(&self.outcome, 20),
        }
    }
}

/// A duration as the timeline shows it: `m:ss`.
pub fn minutes_seconds(seconds: i32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CallInput {
        CallInput {
            caller: "Maija Virtanen".into(),
            phone: "+358 40 123 4567".into(),
            language: "fi".into(),
            category: "3".into(),
            topic: "Matkakortti".into(),
            summary: "Neuvoin lataamaan verkossa.".into(),
            duration: "4:30".into(),
            outcome: "resolved".into(),
            ..Default::default()
        }
    }

    #[test]
    fn durations_are_read_as_people_type_them() {
        assert_eq!(parse_duration("5"), Some(300));
        assert_eq!(parse_duration(" 4:30 "), Some(270));
        assert_eq!(parse_duration("0:05"), Some(5));
        for bad in ["", "x", "4:3", "4:60", "-1", "481", "1:2:3"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(parse_duration("480"), Some(MAX_SECONDS));
    }

    #[test]
    fn a_call_needs_who_what_how_long_and_how_it_ended() {
        let call = input().parse(&[3]).expect("valid");
        assert_eq!(
            (call.seconds, call.outcome, call.email, call.existing),
            (270, Outcome::Resolved, None, None)
        );
        let e = CallInput::default().parse(&[]).expect_err("empty");
        for field in ["caller", "topic", "summary", "duration"] {
            assert_eq!(e.get(field), Some("required"), "{field}");
        }
        assert_eq!(e.get("outcome"), Some("choose"));
        let mut bad = input();
        bad.phone = "soita".into();
        bad.email = "maija@".into();
        bad.category = "4".into();
        bad.existing = "LIK-123".into();
        bad.duration = "4:3".into();
        let e = bad.parse(&[3]).expect_err("bad");
        assert_eq!(e.get("phone"), Some("phone_invalid"));
        assert_eq!(e.get("email"), Some("email_invalid"));
        assert_eq!(e.get("category"), Some("choose"));
        assert_eq!(e.get("existing"), Some("number_unknown"));
        assert_eq!(e.get("duration"), Some("duration_invalid"));
    }

    #[test]
    fn durations_show_as_minutes_and_seconds() {
        assert_eq!(minutes_seconds(270), "4:30");
        assert_eq!(minutes_seconds(5), "0:05");
    }

    #[test]
    fn the_outcome_decides_where_the_request_goes() {
        assert_eq!(Outcome::Resolved.status(), Status::Resolved);
        assert_eq!(Outcome::FollowUp.status(), Status::InProgress);
        assert_eq!(Outcome::Queued.status(), Status::New);
        assert!(Outcome::FollowUp.keeps() && !Outcome::Queued.keeps());
    }
}
