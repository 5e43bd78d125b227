//! Every UI string in Finnish, Swedish and English. Structs, not maps: a string missing from one
//! language does not compile. The strings are kept per area (`common`, `customer`, `desk`,
//! `admin`), each area's struct in its `mod.rs` and its values in `fi.rs`, `sv.rs` and `en.rs`;
//! a page reads `t.desk.reply_heading`. Everything is a `static`, so the browser bundle carries
//! the strings and nothing else.

use crate::domain::calendar::DayOff;
use crate::domain::classification::{Length, Priority, RequestType};
use crate::domain::format::{hours_minutes, short_day, short_day_time};
use crate::domain::sla::DueExplanation;
use crate::domain::{Lang, Status};

mod admin;
mod common;
mod customer;
mod desk;

pub use admin::Admin;
pub use common::Common;
pub use customer::Customer;
pub use desk::Desk;

/// The texts of one language, by area.
pub struct Texts {
    pub common: Common,
    pub customer: Customer,
    pub desk: Desk,
    pub admin: Admin,
}

impl Texts {
    /// The name of an expected length.
    pub fn length(&self, l: Length) -> &'static str {
        match l {
            Length::Quick => self.common.len_quick,
            Length::Normal => self.common.len_normal,
            Length::Long => self.common.len_long,
        }
    }

    /// The name of a priority.
    pub fn priority(&self, p: Priority) -> &'static str {
        match p {
            Priority::Critical => self.common.pr_critical,
            Priority::High => self.common.pr_high,
            Priority::Normal => self.common.pr_normal,
            Priority::Low => self.common.pr_low,
        }
    }

    /// The name of a request type.
    pub fn request_type(&self, t: RequestType) -> &'static str {
        match t {
            RequestType::InformationRequest => self.common.ty_information_request,
            RequestType::ActionRequest => self.common.ty_action_request,
            RequestType::Feedback => self.common.ty_feedback,
            RequestType::Incident => self.common.ty_incident,
            RequestType::ChangeRequest => self.common.ty_change_request,
            RequestType::Order => self.common.ty_order,
        }
    }

    /// The name of an urgency or impact level ("high", "medium", "low").
    pub fn level(&self, code: &str) -> &'static str {
        match code {
            "high" => self.common.lvl_high,
            "low" => self.common.lvl_low,
            _ => self.common.lvl_medium,
        }
    }

    /// The name of a weekday, 0 = Monday.
    pub fn weekday(&self, i: usize) -> &'static str {
        self.common.weekdays.split('|').nth(i).unwrap_or("")
    }

    /// How a linked request stands to the one viewed.
    pub fn relation(&self, r: crate::domain::links::Relation) -> &'static str {
        use crate::domain::links::Relation;
        match r {
            Relation::SameCustomer => self.common.rel_same_customer,
            Relation::SameCustomerOrg => self.common.rel_same_customer_org,
            Relation::Related => self.common.rel_related,
            Relation::Parent => self.common.rel_parent,
            Relation::Child => self.common.rel_child,
            Relation::DuplicateHere => self.common.rel_duplicate_here,
            Relation::MergedInto => self.common.rel_merged_into,
        }
    }

    /// The name of a level of the service hierarchy.
    pub fn level_name(&self, l: crate::domain::admin::Level) -> &'static str {
        use crate::domain::admin::Level;
        match l {
            Level::Department => self.common.lv_department,
            Level::Provider => self.common.lv_provider,
            Level::Category => self.common.lv_category,
            Level::ProblemCode => self.common.lv_problem_code,
        }
    }

    /// The name of a status in this language.
    pub fn status(&self, s: Status) -> &'static str {
        match s {
            Status::New => self.common.st_new,
            Status::Open => self.common.st_open,
            Status::InProgress => self.common.st_in_progress,
            Status::WaitingForCustomer => self.common.st_waiting_customer,
            Status::WaitingForSupplier => self.common.st_waiting_supplier,
            Status::Resolved => self.common.st_resolved,
            Status::Closed => self.common.st_closed,
            Status::Cancelled => self.common.st_cancelled,
            Status::Archived => self.common.st_archived,
        }
    }

    /// How a phone call ended.
    pub fn outcome(&self, o: crate::domain::phone::Outcome) -> &'static str {
        use crate::domain::phone::Outcome;
        match o {
            Outcome::Resolved => self.common.outcome_resolved,
            Outcome::FollowUp => self.common.outcome_follow_up,
            Outcome::Queued => self.common.outcome_queued,
        }
    }

    /// The message for a field-error code.
    pub fn field_error(&self, code: &str) -> &'static str {
        match code {
            "required" => self.common.err_required,
            "unknown_variable" => self.common.err_unknown_variable,
            "duration_invalid" => self.common.err_duration_invalid,
            "same_person" => self.common.err_same_person,
            "email_invalid" => self.common.err_email_invalid,
            "choose" => self.common.err_choose,
            "consent_required" => self.common.err_consent_required,
            "too_long" => self.common.err_too_long,
            "control_chars" => self.common.err_control_chars,
            "stale_form" => self.common.err_form_stale,
            "unavailable" => self.common.err_unavailable,
            "login_failed" => self.common.err_login_failed,
            "slug_invalid" => self.common.err_slug_invalid,
            "prefix_invalid" => self.common.err_prefix_invalid,
            "url_invalid" => self.common.err_url_invalid,
            "time_invalid" => self.common.err_time_invalid,
            "closes_before_opens" => self.common.err_closes_before_opens,
            "never_open" => self.common.err_never_open,
            "date_invalid" => self.common.err_date_invalid,
            "hours_invalid" => self.common.err_hours_invalid,
            "target_required" => self.common.err_target_required,
            "percent_invalid" => self.common.err_percent_invalid,
            "taken" => self.common.err_taken,
            "reason_required" => self.common.err_reason_required,
            "number_unknown" => self.common.err_number_unknown,
            "same_request" => self.common.err_same_request,
            "not_mergeable" => self.common.err_not_mergeable,
            "days_invalid" => self.common.err_days_invalid,
            "months_invalid" => self.common.err_months_invalid,
            "dispose_before_archive" => self.common.err_dispose_before_archive,
            "not_accepted" => self.common.err_not_accepted,
            "phone_invalid" => self.common.err_phone_invalid,
            "number_invalid" => self.common.err_number_invalid,
            "must_check" => self.common.err_must_check,
            "file_too_large" => self.common.err_file_too_large,
            "file_type" => self.common.err_file_type,
            "too_many_files" => self.common.err_too_many_files,
            "unknown_field" => self.common.err_unknown_field,
            "too_many_fields" => self.common.err_too_many_fields,
            "duplicate_key" => self.common.err_duplicate_key,
            "duplicate_role" => self.common.err_duplicate_role,
            "condition_invalid" => self.common.err_condition_invalid,
            "key_invalid" => self.common.err_key_invalid,
            "key_reserved" => self.common.err_key_reserved,
            "role_invalid" => self.common.err_role_invalid,
            "choices_invalid" => self.common.err_choices_invalid,
            "colour_invalid" => self.common.err_colour_invalid,
            "colour_contrast" => self.common.err_colour_contrast,
            "origin_invalid" => self.common.err_origin_invalid,
            "too_many" => self.common.err_too_many,
            "own_membership" => self.common.err_own_membership,
            "capacity_invalid" => self.common.err_capacity_invalid,
            "untouched_invalid" => self.common.err_untouched_invalid,
            "reopen_invalid" => self.common.err_reopen_invalid,
            "host_invalid" => self.common.err_host_invalid,
            "port_invalid" => self.common.err_port_invalid,
            "folder_same" => self.common.err_folder_same,
            "password_short" => self.common.err_password_short,
            "password_mismatch" => self.common.err_password_mismatch,
            "link_expired" => self.common.err_link_expired,
            "no_membership" => self.common.err_no_membership,
            "rule_does_nothing" => self.common.err_rule_does_nothing,
            "too_many_keywords" => self.common.err_too_many_keywords,
            _ => self.common.err_invalid,
        }
    }
}

/// Why a request is due when it is, as one sentence: "Due Tue 24 Nov 10:15: 8 h of business time
/// from Fri 20 Nov 14:15, paused 2 h waiting for the customer; Mon 23 Nov was Independence Day."
pub fn explain_due(e: &DueExplanation, lang: Lang) -> String {
    let mut out = match lang {
        Lang::Fi => format!(
            "Määräaika {}: {} palveluaikaa alkaen {}",
            short_day_time(e.due, lang),
            hours_minutes(e.target_minutes),
            short_day_time(e.start, lang)
        ),
        Lang::Sv => format!(
            "Förfaller {}: {} servicetid från {}",
            short_day_time(e.due, lang),
            hours_minutes(e.target_minutes),
            short_day_time(e.start, lang)
        ),
        Lang::En => format!(
            "Due {}: {} of business time from {}",
            short_day_time(e.due, lang),
            hours_minutes(e.target_minutes),
            short_day_time(e.start, lang)
        ),
    };
    if e.paused_minutes > 0 {
        let paused = hours_minutes(e.paused_minutes);
        out += &match lang {
            Lang::Fi => format!(", tauolla {paused} asiakasta odottaen"),
            Lang::Sv => format!(", pausad {paused} i väntan på kunden"),
            Lang::En => format!(", paused {paused} waiting for the customer"),
        };
    }
    let days: Vec<String> = e
        .days_off
        .iter()
        .map(|(day, off)| {
            let d = short_day(*day, lang);
            match off {
                DayOff::Holiday(h) => {
                    let name = h.name(lang);
                    lang.pick(
                        format!("{d} oli {name}"),
                        format!("{d} var {name}"),
                        format!("{d} was {name}"),
                    )
                }
                DayOff::Closure(reason) => lang.pick(
                    format!("{d} suljettu ({reason})"),
                    format!("{d} stängt ({reason})"),
                    format!("{d} closed ({reason})"),
                ),
                DayOff::Weekend => d,
            }
        })
        .collect();
    if !days.is_empty() {
        out += "; ";
        out += &days.join(", ");
    }
    out.push('.');
    out
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

static FI: Texts = Texts {
    common: common::FI,
    customer: customer::FI,
    desk: desk::FI,
    admin: admin::FI,
};

static SV: Texts = Texts {
    common: common::SV,
    customer: customer::SV,
    desk: desk::SV,
    admin: admin::SV,
};

static EN: Texts = Texts {
    common: common::EN,
    customer: customer::EN,
    desk: desk::EN,
    admin: admin::EN,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Holiday;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn a_due_time_is_explained_with_its_pause_and_holiday_in_each_language() {
        let at = |d, h, m| {
            chrono_tz::Europe::Helsinki
                .with_ymd_and_hms(2027, 1, d, h, m, 0)
                .single()
                .expect("time")
                .with_timezone(&Utc)
        };
        let e = DueExplanation {
            due: at(5, 9, 15),
            start: at(1, 14, 15) - chrono::Duration::days(1),
            target_minutes: 480,
            paused_minutes: 180,
            days_off: vec![(
                NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
                DayOff::Holiday(Holiday::NewYearsDay),
            )],
        };
        assert_eq!(
            explain_due(&e, Lang::En),
            "Due Tue 5 Jan 09:15: 8 h of business time from Thu 31 Dec 14:15, paused 3 h waiting \
             for the customer; Fri 1 Jan was New Year's Day."
        );
        assert_eq!(
            explain_due(&e, Lang::Fi),
            "Määräaika ti 5.1. klo 9.15: 8 h palveluaikaa alkaen to 31.12. klo 14.15, tauolla 3 h \
             asiakasta odottaen; pe 1.1. oli uudenvuodenpäivä."
        );
        assert!(explain_due(&e, Lang::Sv).ends_with("fre 1.1 var nyårsdagen."));
    }
}
