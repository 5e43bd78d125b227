//! How long requests stay in the working set and when their personal data goes: rules per
//! request type, and a legal hold that stops both.

use crate::domain::classification::RequestType;
use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// What the legal-hold form keeps after a failed post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HoldInput {
    pub grounds: String,
}

impl HoldInput {
    /// The grounds, trimmed: required, at most 500 characters.
    pub fn parse(&self) -> Result<&str, FieldErrors> {
        let grounds = self.grounds.trim();
        let code = match grounds.chars().count() {
            0 => "required",
            n if n > 500 => "too_long",
            _ => return Ok(grounds),
        };
        Err(FieldErrors::one("hold_reason", code))
    }
}

/// What happens to a request when its retention ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Disposal {
    /// The customer's personal data is removed; the statistics stay.
    Anonymise,
    /// The request is deleted.
    Delete,
}

impl Disposal {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Disposal::Anonymise => "anonymise",
            Disposal::Delete => "delete",
        }
    }

    /// Reads a stored name.
    pub fn parse(code: &str) -> Option<Disposal> {
        [Disposal::Anonymise, Disposal::Delete]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// The retention of one request type in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub request_type: RequestType,
    /// Days after a request is finished (resolved, closed or cancelled) before it is archived.
    pub archive_after_days: i64,
    /// Months after it is finished before `disposal`; `None` keeps it indefinitely.
    pub dispose_after_months: Option<i64>,
    pub disposal: Disposal,
}

impl Rule {
    /// The rule for a type the organisation has not set: archive after 90 days, keep.
    pub fn default_for(request_type: RequestType) -> Rule {
        Rule {
            request_type,
            archive_after_days: 90,
            dispose_after_months: None,
            disposal: Disposal::Anonymise,
        }
    }
}

/// The retention form as posted: per type (by its code) the days, months and disposal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RulesInput {
    pub archive_after_days: Vec<String>,
    pub dispose_after_months: Vec<String>,
    pub disposal: Vec<String>,
}

impl RulesInput {
    /// The form as the stored `rules` fill it.
    pub fn from_rules(rules: &[Rule]) -> RulesInput {
        RulesInput {
            archive_after_days: rules
                .iter()
                .map(|r| r.archive_after_days.to_string())
                .collect(),
            dispose_after_months: rules
                .iter()
                .map(|r| {
                    r.dispose_after_months
                        .map(|m| m.to_string())
                        .unwrap_or_default()
                })
                .collect(),
            disposal: rules
                .iter()
                .map(|r| r.disposal.code().to_string())
                .collect(),
        }
    }
}

/// Checks the rules for every type, in [`RequestType::ALL`] order: archiving after 1–3650 days,
/// disposal (if any) after 1–1200 months and not before archiving. Errors name `archive_N` /
/// `dispose_N` by the type's position.
pub fn parse_rules(input: &RulesInput) -> Result<Vec<Rule>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut rules = Vec::new();
    for (i, t) in RequestType::ALL.into_iter().enumerate() {
        let get = |v: &Vec<String>| v.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
        let days = get(&input.archive_after_days)
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=3650).contains(d));
        if days.is_none() {
            errors.add(&format!("archive_{i}"), "days_invalid");
        }
        let months_raw = get(&input.dispose_after_months);
        let months = if months_raw.is_empty() {
            None
        } else {
            let m = months_raw
                .parse::<i64>()
                .ok()
                .filter(|m| (1..=1200).contains(m));
            if m.is_none() {
                errors.add(&format!("dispose_{i}"), "months_invalid");
            }
            m
        };
        if let (Some(d), Some(m)) = (days, months)
            && m * 30 < d
        {
            errors.add(&format!("dispose_{i}"), "dispose_before_archive");
        }
        let disposal = Disposal::parse(&get(&input.disposal)).unwrap_or(Disposal::Anonymise);
        if let Some(archive_after_days) = days {
            rules.push(Rule {
                request_type: t,
                archive_after_days,
                dispose_after_months: months,
                disposal,
            });
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Who may put a request on legal hold or lift it: supervisors and administrators.
pub fn may_hold(role: &str, service_admin: bool) -> bool {
    service_admin || matches!(role, "supervisor" | "admin")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(days: &str, months: &str) -> RulesInput {
        RulesInput {
            archive_after_days: vec![days.to_string(); 6],
            dispose_after_months: vec![months.to_string(); 6],
            disposal: vec!["anonymise".into(); 6],
        }
    }

    #[test]
    fn rules_are_read_for_every_type() {
        let rules = parse_rules(&input("30", "12")).expect("valid");
        assert_eq!(rules.len(), RequestType::ALL.len());
        assert_eq!(rules[2].request_type, RequestType::Feedback);
        assert_eq!(rules[2].dispose_after_months, Some(12));
        let keep = parse_rules(&input("30", "")).expect("valid");
        assert_eq!(keep[0].dispose_after_months, None);
    }

    #[test]
    fn disposal_cannot_come_before_archiving_and_numbers_must_be_sane() {
        let e = parse_rules(&input("400", "6")).expect_err("invalid");
        assert_eq!(e.get("dispose_0"), Some("dispose_before_archive"));
        let e = parse_rules(&input("0", "x")).expect_err("invalid");
        assert_eq!(e.get("archive_5"), Some("days_invalid"));
        assert_eq!(e.get("dispose_5"), Some("months_invalid"));
    }

    #[test]
    fn only_supervisors_and_administrators_hold() {
        assert!(may_hold("supervisor", false));
        assert!(may_hold("admin", false));
        assert!(!may_hold("advisor", false));
        assert!(may_hold("advisor", true));
    }
}
