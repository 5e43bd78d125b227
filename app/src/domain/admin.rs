//! What administrators type when they configure an organisation, parsed once into trusted values
//! or field errors.

use crate::domain::calendar::{Calendar, CalendarError, Hours};
use crate::domain::classification::{Priority, RequestType};
use crate::domain::errors::FieldErrors;
use crate::domain::sla::{PolicyMatch, Targets};
use crate::domain::{Lang, Localized};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

const MAX_NAME: usize = 200;

fn name(raw: &str, field: &str, errors: &mut FieldErrors) -> String {
    let v = raw.trim();
    if v.is_empty() {
        errors.add(field, "required");
    } else if v.chars().count() > MAX_NAME {
        errors.add(field, "too_long");
    }
    v.to_string()
}

pub(crate) fn names(fi: &str, sv: &str, en: &str, errors: &mut FieldErrors) -> Localized {
    Localized {
        fi: name(fi, "name_fi", errors),
        sv: name(sv, "name_sv", errors),
        en: name(en, "name_en", errors),
    }
}

/// A new organisation as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgInput {
    pub slug: String,
    pub prefix: String,
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
    pub privacy_url: String,
}

/// A new organisation, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub slug: String,
    pub prefix: String,
    pub name: Localized,
    pub privacy_url: String,
}

impl OrgInput {
    /// Checks every field at once: slug `a-z0-9-` (2–40), prefix 2–6 letters A–Z, three names, and
    /// a privacy notice address on this site (`/…`) or over https.
    pub fn parse(&self) -> Result<NewOrganisation, FieldErrors> {
        let mut errors = FieldErrors::default();
        let slug = self.slug.trim().to_lowercase();
        let slug_ok = (2..=40).contains(&slug.len())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-');
        if slug.is_empty() {
            errors.add("slug", "required");
        } else if !slug_ok {
            errors.add("slug", "slug_invalid");
        }
        let prefix = self.prefix.trim().to_uppercase();
        if prefix.is_empty() {
            errors.add("prefix", "required");
        } else if !(2..=6).contains(&prefix.len())
            || !prefix.chars().all(|c| c.is_ascii_uppercase())
        {
            errors.add("prefix", "prefix_invalid");
        }
        let name = names(&self.name_fi, &self.name_sv, &self.name_en, &mut errors);
        let privacy_url = privacy_url(&self.privacy_url, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewOrganisation {
            slug,
            prefix,
            name,
            privacy_url,
        })
    }
}

/// A privacy-notice address: a path on this service or an https address.
fn privacy_url(raw: &str, errors: &mut FieldErrors) -> String {
    let url = raw.trim().to_string();
    if url.is_empty() {
        errors.add("privacy_url", "required");
    } else if !super::text::is_link(&url, 500) {
        errors.add("privacy_url", "url_invalid");
    }
    url
}

/// An organisation's editable settings as typed (its address name and number prefix are fixed:
/// links and request numbers carry them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
    pub privacy_url: String,
    /// Hours, a whole number.
    pub untouched_hours: String,
    /// The name and address its mail is sent from; empty for the service's own.
    pub mail_from_name: String,
    pub mail_from_address: String,
    /// The signature under its messages, per language.
    pub signature_fi: String,
    pub signature_sv: String,
    pub signature_en: String,
    /// The language of mail whose own cannot be told: `fi`, `sv` or `en`.
    pub default_language: String,
    /// Days after its resolution in which a customer's answer reopens a request, a whole number.
    pub reopen_days: String,
}

/// An organisation's sender and signatures, as stored: empty values fall back to the service's
/// sender and no signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettings {
    pub from_name: String,
    pub from_address: String,
    pub signature: Localized,
    /// The language of a received mail whose own cannot be told.
    pub default_language: Lang,
    /// Days after its resolution in which a customer's answer reopens a request; later, the
    /// answer starts a new request.
    pub reopen_days: i32,
}

impl Default for MailSettings {
    fn default() -> MailSettings {
        MailSettings {
            from_name: String::new(),
            from_address: String::new(),
            signature: Localized::default(),
            default_language: Lang::Fi,
            reopen_days: super::inbound::REOPEN_DAYS,
        }
    }
}

impl SettingsInput {
    /// The form as an organisation's stored settings fill it.
    pub fn stored(
        name: &Localized,
        privacy_url: &str,
        untouched_hours: i32,
        mail: &MailSettings,
    ) -> SettingsInput {
        SettingsInput {
            name_fi: name.fi.clone(),
            name_sv: name.sv.clone(),
            name_en: name.en.clone(),
            privacy_url: privacy_url.into(),
            untouched_hours: untouched_hours.to_string(),
            mail_from_name: mail.from_name.clone(),
            mail_from_address: mail.from_address.clone(),
            signature_fi: mail.signature.fi.clone(),
            signature_sv: mail.signature.sv.clone(),
            signature_en: mail.signature.en.clone(),
            default_language: mail.default_language.code().into(),
            reopen_days: mail.reopen_days.to_string(),
        }
    }
}

/// An organisation's settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSettings {
    pub name: Localized,
    pub privacy_url: String,
    /// Hours without a move after which a request reminds whoever has it.
    pub untouched_hours: i32,
    pub mail: MailSettings,
}

/// The longest untouched time that can be set: a month.
pub const MAX_UNTOUCHED_HOURS: i32 = 720;
/// The longest reopen period that can be set: a year.
pub const MAX_REOPEN_DAYS: i32 = 365;

impl SettingsInput {
    /// Checks the names, the privacy-notice address, the untouched time (1–720 hours), the
    /// sender (a name of at most 200 characters, an address or nothing) and the signatures (at
    /// most 2000 characters each, line breaks allowed).
    pub fn parse(&self) -> Result<OrgSettings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut text = |field: &str, raw: &str, max: usize| {
            let value = raw.trim();
            if let Err(code) = super::text::check(value, max) {
                errors.add(field, code);
            }
            value.to_string()
        };
        let from_name = text(
            "mail_from_name",
            &self.mail_from_name,
            super::text::MAX_SHORT,
        );
        let from_address = text(
            "mail_from_address",
            &self.mail_from_address,
            super::text::MAX_EMAIL,
        );
        let signature = Localized {
            fi: text(
                "signature_fi",
                &self.signature_fi,
                super::mail::MAX_SIGNATURE,
            ),
            sv: text(
                "signature_sv",
                &self.signature_sv,
                super::mail::MAX_SIGNATURE,
            ),
            en: text(
                "signature_en",
                &self.signature_en,
                super::mail::MAX_SIGNATURE,
            ),
        };
        if from_name.contains(['\n', '\r']) {
            errors.add("mail_from_name", super::text::CONTROL_CHARS);
        }
        if !from_address.is_empty() && !super::mail::is_address(&from_address) {
            errors.add("mail_from_address", "email_invalid");
        }
        let name = names(&self.name_fi, &self.name_sv, &self.name_en, &mut errors);
        let privacy_url = privacy_url(&self.privacy_url, &mut errors);
        let untouched_hours = match self.untouched_hours.trim().parse::<i32>() {
            Ok(h) if (1..=MAX_UNTOUCHED_HOURS).contains(&h) => h,
            _ => {
                errors.add("untouched_hours", "untouched_invalid");
                0
            }
        };
        let reopen_days = match self.reopen_days.trim().parse::<i32>() {
            Ok(d) if (0..=MAX_REOPEN_DAYS).contains(&d) => d,
            _ => {
                errors.add("reopen_days", "reopen_invalid");
                0
            }
        };
        let default_language = Lang::parse(self.default_language.trim()).unwrap_or_else(|| {
            errors.add("default_language", "choose");
            Lang::Fi
        });
        if errors.is_empty() {
            Ok(OrgSettings {
                name,
                privacy_url,
                untouched_hours,
                mail: MailSettings {
                    from_name,
                    from_address,
                    signature,
                    default_language,
                    reopen_days,
                },
            })
        } else {
            Err(errors)
        }
    }
}

/// A node of the service hierarchy as typed: names in three languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeInput {
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
}

impl NodeInput {
    /// Checks the three names.
    pub fn parse(&self) -> Result<Localized, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = names(&self.name_fi, &self.name_sv, &self.name_en, &mut errors);
        if errors.is_empty() {
            Ok(name)
        } else {
            Err(errors)
        }
    }
}

/// The levels of the service hierarchy, top down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    Department,
    Provider,
    Category,
    ProblemCode,
}

impl Level {
    /// The name used in forms and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Level::Department => "department",
            Level::Provider => "provider",
            Level::Category => "category",
            Level::ProblemCode => "problem_code",
        }
    }

    /// Reads a level name.
    pub fn parse(code: &str) -> Option<Level> {
        [
            Level::Department,
            Level::Provider,
            Level::Category,
            Level::ProblemCode,
        ]
        .into_iter()
        .find(|l| l.code() == code)
    }
}

/// Weekly hours as typed: for each weekday (0 = Monday) whether it is open and `HH:MM` times.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WeekInput {
    pub time_zone: String,
    pub finnish_holidays: bool,
    pub open: [bool; 7],
    pub opens: [String; 7],
    pub closes: [String; 7],
}

/// The time zones an organisation may choose. Only these are compiled in (see the time-zone filter
/// in `.cargo/config.toml`): add a zone there too.
pub const TIME_ZONES: [&str; 3] = ["Europe/Helsinki", "Europe/Stockholm", "Europe/Tallinn"];

fn time(raw: &str) -> Option<NaiveTime> {
    let raw = raw.trim().replace('.', ":");
    NaiveTime::parse_from_str(&raw, "%H:%M").ok()
}

impl WeekInput {
    /// The input showing `cal` as it is.
    pub fn from_calendar(cal: &Calendar) -> WeekInput {
        let mut w = WeekInput {
            time_zone: cal.tz.name().to_string(),
            finnish_holidays: cal.finnish_holidays,
            ..Default::default()
        };
        for (i, h) in cal.week.iter().enumerate() {
            w.open[i] = h.is_some();
            let h = h.unwrap_or(Hours {
                start: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
                end: NaiveTime::from_hms_opt(16, 0, 0).unwrap_or(NaiveTime::MIN),
            });
            w.opens[i] = h.start.format("%H:%M").to_string();
            w.closes[i] = h.end.format("%H:%M").to_string();
        }
        w
    }

    /// Checks the hours: times of open days are `HH:MM` (or `HH.MM`), closing after opening, and
    /// at least one day is open. Errors name the field `opens_N` / `closes_N`.
    pub fn parse(&self) -> Result<(String, bool, [Option<Hours>; 7]), FieldErrors> {
        let mut errors = FieldErrors::default();
        if !TIME_ZONES.contains(&self.time_zone.as_str()) {
            errors.add("time_zone", "choose");
        }
        let mut week = [None; 7];
        for (i, day) in week.iter_mut().enumerate() {
            if !self.open[i] {
                continue;
            }
            let (a, b) = (time(&self.opens[i]), time(&self.closes[i]));
            if a.is_none() {
                errors.add(&format!("opens_{i}"), "time_invalid");
            }
            if b.is_none() {
                errors.add(&format!("closes_{i}"), "time_invalid");
            }
            if let (Some(start), Some(end)) = (a, b) {
                *day = Some(Hours { start, end });
            }
        }
        match Calendar::validate_week(&week) {
            Ok(()) => {}
            Err(CalendarError::EndNotAfterStart(day)) => {
                let i = day.num_days_from_monday();
                errors.add(&format!("closes_{i}"), "closes_before_opens");
            }
            Err(CalendarError::NeverOpen) if errors.is_empty() => {
                errors.add("open_0", "never_open")
            }
            Err(CalendarError::NeverOpen) => {}
        }
        if errors.is_empty() {
            Ok((self.time_zone.clone(), self.finnish_holidays, week))
        } else {
            Err(errors)
        }
    }
}

/// A closure day as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClosureInput {
    pub day: String,
    pub reason: String,
}

impl ClosureInput {
    /// Checks the day (`YYYY-MM-DD`, as a date input sends it, or `D.M.YYYY`) and the reason.
    pub fn parse(&self) -> Result<(NaiveDate, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        let raw = self.day.trim();
        let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(raw, "%d.%m.%Y"))
            .ok();
        if raw.is_empty() {
            errors.add("day", "required");
        } else if day.is_none() {
            errors.add("day", "date_invalid");
        }
        let reason = name(&self.reason, "reason", &mut errors);
        match day {
            Some(day) if errors.is_empty() => Ok((day, reason)),
            _ => Err(errors),
        }
    }
}

/// An SLA policy as typed; targets in hours (`8`, `1.5`, `1,5` or `0:30`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyInput {
    pub name: String,
    pub request_type: String,
    pub category_id: String,
    pub priority: String,
    pub customer_org: String,
    pub first_response_hours: String,
    pub resolution_hours: String,
    pub warn_percent: String,
}

/// A checked SLA policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPolicy {
    pub name: String,
    pub matches: PolicyMatch,
    pub targets: Targets,
}

/// Business hours as minutes: `8` → 480, `1.5`/`1,5` → 90, `0:30` → 30. At most a year of
/// office hours; `None` for anything else.
pub fn parse_hours(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    let minutes = if let Some((h, m)) = raw.split_once(':') {
        let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
        (0..60).contains(&m).then_some(h * 60 + m)?
    } else {
        let hours: f64 = raw.replace(',', ".").parse().ok()?;
        hours.is_finite().then_some((hours * 60.0).round() as i64)?
    };
    (1..=2_000 * 60).contains(&minutes).then_some(minutes)
}

impl PolicyInput {
    /// Checks the policy: a name, criteria that exist (`categories` are the organisation's), at
    /// least one target, a warning share from 1 to 99 %.
    pub fn parse(&self, categories: &[i64]) -> Result<NewPolicy, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = name(&self.name, "name", &mut errors);
        let request_type = match self.request_type.as_str() {
            "" => None,
            code => {
                let t = RequestType::parse(code);
                if t.is_none() {
                    errors.add("request_type", "choose");
                }
                t
            }
        };
        let category_id = match self.category_id.as_str() {
            "" => None,
            raw => {
                let id = raw.parse().ok().filter(|id| categories.contains(id));
                if id.is_none() {
                    errors.add("category_id", "choose");
                }
                id
            }
        };
        let priority = match self.priority.as_str() {
            "" => None,
            code => {
                let p = Priority::parse(code);
                if p.is_none() {
                    errors.add("priority", "choose");
                }
                p
            }
        };
        let customer_org = self.customer_org.trim();
        if customer_org.chars().count() > MAX_NAME {
            errors.add("customer_org", "too_long");
        }
        let mut target = |raw: &str, field: &str| {
            if raw.trim().is_empty() {
                return None;
            }
            let m = parse_hours(raw);
            if m.is_none() {
                errors.add(field, "hours_invalid");
            }
            m
        };
        let first = target(&self.first_response_hours, "first_response_hours");
        let resolution = target(&self.resolution_hours, "resolution_hours");
        if first.is_none() && resolution.is_none() && errors.get("resolution_hours").is_none() {
            errors.add("resolution_hours", "target_required");
        }
        let warn_percent = match self.warn_percent.trim() {
            "" => 75,
            raw => match raw.trim_end_matches('%').trim().parse::<i64>() {
                Ok(p) if (1..=99).contains(&p) => p,
                _ => {
                    errors.add("warn_percent", "percent_invalid");
                    75
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewPolicy {
            name,
            matches: PolicyMatch {
                request_type,
                category_id,
                priority,
                customer_org: (!customer_org.is_empty()).then(|| customer_org.to_string()),
            },
            targets: Targets {
                first_response_minutes: first,
                resolution_minutes: resolution,
                warn_percent,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_time_zone_on_offer_is_compiled_in() {
        for zone in TIME_ZONES {
            assert!(
                zone.parse::<chrono_tz::Tz>().is_ok(),
                "{zone} is filtered out"
            );
        }
    }

    fn org() -> OrgInput {
        OrgInput {
            slug: "Vesilaitos".into(),
            prefix: "vsl".into(),
            name_fi: "Vesilaitos".into(),
            name_sv: "Vattenverket".into(),
            name_en: "Water Utility".into(),
            privacy_url: "https://vesi.example/tietosuoja".into(),
        }
    }

    #[test]
    fn an_organisation_is_normalised_and_every_problem_reported() {
        let o = org().parse().expect("valid");
        assert_eq!((o.slug.as_str(), o.prefix.as_str()), ("vesilaitos", "VSL"));
        let bad = OrgInput {
            slug: "ääkköset".into(),
            prefix: "V1".into(),
            name_sv: " ".into(),
            privacy_url: "javascript:alert(1)".into(),
            ..org()
        };
        let e = bad.parse().expect_err("invalid");
        assert_eq!(e.get("slug"), Some("slug_invalid"));
        assert_eq!(e.get("prefix"), Some("prefix_invalid"));
        assert_eq!(e.get("name_sv"), Some("required"));
        assert_eq!(e.get("privacy_url"), Some("url_invalid"));
    }

    #[test]
    fn hours_are_read_the_ways_people_write_them() {
        assert_eq!(parse_hours("8"), Some(480));
        assert_eq!(parse_hours("1,5"), Some(90));
        assert_eq!(parse_hours("1.5"), Some(90));
        assert_eq!(parse_hours("0:30"), Some(30));
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("-2"), None);
        assert_eq!(parse_hours("NaN"), None);
        assert_eq!(parse_hours("1:75"), None);
        assert_eq!(parse_hours("1e9"), None);
    }

    #[test]
    fn a_policy_needs_a_target_and_real_criteria() {
        let p = PolicyInput {
            name: "Kiireelliset".into(),
            priority: "critical".into(),
            resolution_hours: "4".into(),
            ..Default::default()
        };
        let ok = p.parse(&[]).expect("valid");
        assert_eq!(ok.targets.resolution_minutes, Some(240));
        assert_eq!(ok.targets.warn_percent, 75);
        assert_eq!(ok.matches.priority, Some(Priority::Critical));
        let e = PolicyInput {
            category_id: "99".into(),
            warn_percent: "100".into(),
            ..Default::default()
        }
        .parse(&[1, 2])
        .expect_err("invalid");
        assert_eq!(e.get("name"), Some("required"));
        assert_eq!(e.get("category_id"), Some("choose"));
        assert_eq!(e.get("resolution_hours"), Some("target_required"));
        assert_eq!(e.get("warn_percent"), Some("percent_invalid"));
    }

    #[test]
    fn weekly_hours_report_the_day_that_is_wrong() {
        let mut w = WeekInput::from_calendar(&Calendar::default());
        assert!(w.parse().is_ok());
        w.closes[2] = "07.00".into();
        w.opens[3] = "kahdeksan".into();
        let e = w.parse().expect_err("invalid");
        assert_eq!(e.get("opens_3"), Some("time_invalid"));
        w.opens[3] = "8:00".into();
        assert_eq!(
            w.parse().expect_err("invalid").get("closes_2"),
            Some("closes_before_opens")
        );
        let closed = WeekInput {
            open: [false; 7],
            ..WeekInput::from_calendar(&Calendar::default())
        };
        assert_eq!(
            closed.parse().expect_err("never open").get("open_0"),
            Some("never_open")
        );
    }

    #[test]
    fn a_closure_takes_either_date_format() {
        let c = ClosureInput {
            day: "24.12.2026".into(),
            reason: "Joulu".into(),
        };
        assert_eq!(
            c.parse().expect("valid").0,
            NaiveDate::from_ymd_opt(2026, 12, 24).expect("date")
        );
        let bad = ClosureInput {
            day: "2026-13-01".into(),
            reason: String::new(),
        };
        let e = bad.parse().expect_err("invalid");
        assert_eq!(e.get("day"), Some("date_invalid"));
        assert_eq!(e.get("reason"), Some("required"));
    }
}
