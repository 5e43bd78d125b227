//! People and access: who belongs to an organisation with which role, the skills and capacity
//! that decide what work they are given, and what a new password must be.

use crate::domain::Lang;
use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// The roles a member of staff can have in an organisation, least to most.
pub const ROLES: [&str; 3] = ["advisor", "supervisor", "admin"];
/// Active requests a member is given at most when the administrator does not say.
pub const DEFAULT_CAPACITY: i32 = 25;
/// The most active requests anyone can be set to hold.
pub const MAX_CAPACITY: i32 = 500;
/// How long a password-reset link works.
pub const RESET_MINUTES: i64 = 60;
/// How long the link that lets a newly added member choose a password works.
pub const INVITE_HOURS: i64 = 72;
/// Reset links sent to one account per hour at most, so nobody floods a mailbox.
pub const RESETS_PER_HOUR: i64 = 3;
const MIN_PASSWORD: usize = 12;
const MAX_PASSWORD: usize = 256;
const MAX_NAME: usize = 200;

/// What a member takes work in; an empty list means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skills {
    pub languages: Vec<Lang>,
    pub category_ids: Vec<i64>,
}

impl Skills {
    /// Whether a request in `language` and category `category_id` fits these skills.
    pub fn fits(&self, language: Lang, category_id: Option<i64>) -> bool {
        let language_fits = self.languages.is_empty() || self.languages.contains(&language);
        let category_fits = self.category_ids.is_empty()
            || category_id.is_some_and(|c| self.category_ids.contains(&c));
        language_fits && category_fits
    }

    /// The language codes, as stored.
    pub fn language_codes(&self) -> Vec<String> {
        self.languages
            .iter()
            .map(|l| l.code().to_string())
            .collect()
    }
}

/// A member of an organisation as the people page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub skills: Skills,
    pub capacity: i32,
    /// Active requests assigned to them in this organisation now.
    pub open: i64,
}

/// The add-or-change-a-member form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberInput {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub languages: Vec<String>,
    pub categories: Vec<String>,
    pub capacity: String,
}

/// A member, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub skills: Skills,
    pub capacity: i32,
}

impl MemberInput {
    /// Checks every field at once. Categories must be among `known_categories` (the
    /// organisation's own); an empty capacity means [`DEFAULT_CAPACITY`].
    pub fn parse(&self, known_categories: &[i64]) -> Result<Member, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = crate::domain::request::parse_email(&self.email)
            .map_err(|code| errors.add("email", code))
            .unwrap_or_default();
        let display_name = self.display_name.trim().to_string();
        if display_name.is_empty() {
            errors.add("display_name", "required");
        } else if display_name.chars().count() > MAX_NAME {
            errors.add("display_name", "too_long");
        }
        let role = self.role.trim().to_string();
        if !ROLES.contains(&role.as_str()) {
            errors.add("role", "choose");
        }
        let mut languages = Vec::new();
        for code in &self.languages {
            match Lang::parse(code) {
                Some(l) if !languages.contains(&l) => languages.push(l),
                Some(_) => {}
                None => errors.add("languages", "choose"),
            }
        }
        let mut category_ids = Vec::new();
        for raw in &self.categories {
            match raw.trim().parse::<i64>() {
                Ok(id) if known_categories.contains(&id) => {
                    if !category_ids.contains(&id) {
                        category_ids.push(id);
                    }
                }
                _ => errors.add("categories", "choose"),
            }
        }
        let capacity = match self.capacity.trim() {
            "" => DEFAULT_CAPACITY,
            raw => match raw.parse::<i32>() {
                Ok(n) if (1..=MAX_CAPACITY).contains(&n) => n,
                _ => {
                    errors.add("capacity", "capacity_invalid");
                    0
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Member {
            email,
            display_name,
            role,
            skills: Skills {
                languages,
                category_ids,
            },
            capacity,
        })
    }
}

/// Whether `actor_id` may change or remove the membership of `member_id`: administrators never
/// their own, so nobody locks themself out of their organisation by a slip.
pub fn may_change_member(actor_id: i64, member_id: i64) -> bool {
    actor_id != member_id
}

/// Whether a member of staff may configure organisation `org`: service-point administrators any,
/// everyone else those they are an administrator of.
pub fn may_administer(service_admin: bool, admin_of: &[i64], org: i64) -> bool {
    service_admin || admin_of.contains(&org)
}

/// Whether someone holding `open` active requests may be given another under `capacity`.
pub fn has_room(open: i64, capacity: i32) -> bool {
    open < i64::from(capacity)
}

/// Checks a new password and its repetition: at least 12 characters (no other rules, as current
/// guidance advises), at most 256, the same twice.
pub fn parse_new_password(password: &str, confirm: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let length = password.chars().count();
    if length < MIN_PASSWORD {
        errors.add("password", "password_short");
    } else if length > MAX_PASSWORD {
        errors.add("password", "too_long");
    } else if password != confirm {
        errors.add("confirm", "password_mismatch");
    }
    if errors.is_empty() {
        Ok(password.to_string())
    } else {
        Err(errors)
    }
}

/// The reset page of link `token`, for sending a failed form back: only a token's own
/// characters (URL-safe base64) go into the address; anything else is no token anyway.
pub fn reset_path(token: &str) -> String {
    let safe: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(200)
        .collect();
    format!("/login/reset/{safe}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MemberInput {
        MemberInput {
            email: " aino@kunta.fi ".into(),
            display_name: "Aino Neuvoja".into(),
            role: "advisor".into(),
            languages: vec!["fi".into(), "sv".into(), "fi".into()],
            categories: vec!["7".into()],
            capacity: "".into(),
        }
    }

    #[test]
    fn a_member_is_read_with_default_capacity_and_each_skill_once() {
        let m = input().parse(&[7, 8]).expect("valid");
        assert_eq!(m.email, "aino@kunta.fi");
        assert_eq!(m.capacity, DEFAULT_CAPACITY);
        assert_eq!(m.skills.languages, vec![Lang::Fi, Lang::Sv]);
        assert_eq!(m.skills.category_ids, vec![7]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = MemberInput {
            email: "no".into(),
            display_name: " ".into(),
            role: "owner".into(),
            languages: vec!["de".into()],
            categories: vec!["9".into()],
            capacity: "0".into(),
        };
        let errors = bad.parse(&[7]).expect_err("invalid");
        for (field, code) in [
            ("email", "email_invalid"),
            ("display_name", "required"),
            ("role", "choose"),
            ("languages", "choose"),
            ("categories", "choose"),
            ("capacity", "capacity_invalid"),
        ] {
            assert_eq!(errors.get(field), Some(code), "{field}");
        }
    }

    #[test]
    fn another_organisations_category_is_not_a_skill_here() {
        let errors = input().parse(&[8]).expect_err("invalid");
        assert_eq!(errors.get("categories"), Some("choose"));
    }

    #[test]
    fn empty_skills_fit_everything_and_set_skills_only_their_work() {
        assert!(Skills::default().fits(Lang::En, None));
        let swedish_permits = Skills {
            languages: vec![Lang::Sv],
            category_ids: vec![3],
        };
        assert!(swedish_permits.fits(Lang::Sv, Some(3)));
        assert!(!swedish_permits.fits(Lang::Fi, Some(3)));
        assert!(!swedish_permits.fits(Lang::Sv, Some(4)));
        assert!(!swedish_permits.fits(Lang::Sv, None));
    }

    #[test]
    fn administrators_never_change_their_own_membership() {
        assert!(may_change_member(1, 2));
        assert!(!may_change_member(1, 1));
    }

    #[test]
    fn administering_is_per_organisation_unless_service_wide() {
        assert!(may_administer(false, &[1, 3], 3));
        assert!(!may_administer(false, &[1, 3], 2));
        assert!(may_administer(true, &[], 2));
    }

    #[test]
    fn capacity_is_a_ceiling() {
        assert!(has_room(24, 25));
        assert!(!has_room(25, 25));
    }

    #[test]
    fn a_reset_address_carries_only_a_tokens_characters() {
        assert_eq!(reset_path("aB3-_x"), "/login/reset/aB3-_x");
        assert_eq!(reset_path("a\r\nLocation: x"), "/login/reset/aLocationx");
    }

    #[test]
    fn a_password_is_long_enough_and_typed_the_same_twice() {
        assert_eq!(
            parse_new_password("short", "short")
                .expect_err("invalid")
                .get("password"),
            Some("password_short")
        );
        assert_eq!(
            parse_new_password("correct horse battery", "correct horse")
                .expect_err("invalid")
                .get("confirm"),
            Some("password_mismatch")
        );
        assert!(parse_new_password("correct horse battery", "correct horse battery").is_ok());
    }
}
