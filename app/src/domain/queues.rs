//! Queues: saved filters over an organisation's active requests, the advisor's own work, quick
//! search, and who may take or assign a request.

use crate::domain::classification::{Length, Priority, RequestType};
use crate::domain::errors::FieldErrors;
use crate::domain::{Lang, Localized, RequestNumber, Status};
use serde::{Deserialize, Serialize};

/// Counts above this are shown as "99+": counting stops there, so a count never scans a queue.
pub const COUNT_CAP: i64 = 100;

/// What a queue lets through. `None` matches anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub request_type: Option<RequestType>,
    pub category_id: Option<i64>,
    /// One of the active statuses.
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub language: Option<Lang>,
    pub length: Option<Length>,
    /// Only requests nobody has taken.
    pub unassigned_only: bool,
    /// Only requests routing placed in this queue (its id).
    pub routed_to: Option<i64>,
}

/// Which requests a queue page lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// The organisation's active requests through a filter (the unfiltered one is "All").
    Queue(QueueFilter),
    /// The signed-in advisor's own active requests.
    Mine,
}

/// A queue as the queue list shows it: its name, how many requests it holds (up to
/// [`COUNT_CAP`]) and the most urgent one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueSummary {
    pub id: i64,
    pub name: Localized,
    /// An advisor's own view rather than one the administrators share.
    pub personal: bool,
    pub filter: QueueFilter,
    pub count: i64,
    /// The number and due time of the request at the head of the queue.
    pub most_urgent: Option<(String, Option<chrono::DateTime<chrono::Utc>>)>,
}

/// A count as shown: exact below the cap, "99+" at it.
pub fn shown_count(count: i64) -> String {
    if count >= COUNT_CAP {
        format!("{}+", COUNT_CAP - 1)
    } else {
        count.to_string()
    }
}

/// A new queue as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueInput {
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
    pub request_type: String,
    pub category: String,
    pub status: String,
    pub priority: String,
    pub language: String,
    pub expected_length: String,
    /// `"on"` when ticked.
    pub unassigned_only: String,
    /// `"on"` for the advisor's own view; otherwise shared (administrators only).
    pub personal: String,
    /// `"on"`: a shared queue of exactly the requests routing rules place in it.
    pub routed_only: String,
}

/// A queue, checked: its names and filter, and whether it is personal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQueue {
    pub name: Localized,
    pub filter: QueueFilter,
    pub personal: bool,
    /// Lists the requests routing places in it (shared queues only).
    pub routed_only: bool,
}

/// Reads an optional choice: empty is "any"; anything else must be known.
pub(crate) fn choice<T>(
    raw: &str,
    field: &str,
    parse: impl Fn(&str) -> Option<T>,
    errors: &mut FieldErrors,
) -> Option<T> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let v = parse(raw);
    if v.is_none() {
        errors.add(field, "choose");
    }
    v
}

/// `typed`, or `fallback` when nothing was typed.
fn or_else<'a>(typed: &'a str, fallback: &'a str) -> &'a str {
    if typed.trim().is_empty() {
        fallback
    } else {
        typed
    }
}

impl QueueInput {
    /// Checks every field at once. A name in each language is required (a single one is copied
    /// to the empty others); every filter is optional but must be a known value; the status must
    /// be an active one; `categories` are the organisation's.
    pub fn parse(&self, categories: &[i64]) -> Result<NewQueue, FieldErrors> {
        let mut errors = FieldErrors::default();
        let typed = [&self.name_fi, &self.name_sv, &self.name_en];
        let fallback = typed
            .iter()
            .map(|n| n.trim())
            .find(|n| !n.is_empty())
            .unwrap_or("");
        let name = crate::domain::admin::names(
            or_else(&self.name_fi, fallback),
            or_else(&self.name_sv, fallback),
            or_else(&self.name_en, fallback),
            &mut errors,
        );
        let filter = QueueFilter {
            request_type: choice(
                &self.request_type,
                "request_type",
                RequestType::parse,
                &mut errors,
            ),
            category_id: choice(
                &self.category,
                "category",
                |c| c.parse().ok().filter(|id| categories.contains(id)),
                &mut errors,
            ),
            status: choice(
                &self.status,
                "status",
                |s| Status::parse(s).filter(|s| s.is_active()),
                &mut errors,
            ),
            priority: choice(&self.priority, "priority", Priority::parse, &mut errors),
            language: choice(&self.language, "language", Lang::parse, &mut errors),
            length: choice(
                &self.expected_length,
                "expected_length",
                Length::parse,
                &mut errors,
            ),
            unassigned_only: self.unassigned_only == "on",
            routed_to: None,
        };
        if errors.is_empty() {
            Ok(NewQueue {
                name,
                filter,
                personal: self.personal == "on",
                routed_only: self.personal != "on" && self.routed_only == "on",
            })
        } else {
            Err(errors)
        }
    }
}

/// What the advisor typed in quick search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// A whole request number (`LK-2026-000123`), case-insensitive.
    Number(String),
    /// An e-mail address, matched whole and case-insensitively.
    Email(String),
    /// The start of the customer's name (at least two characters), case-insensitive.
    Name(String),
}

/// Longest search accepted; anything longer is no name or address anyone types.
pub const MAX_SEARCH: usize = 200;

impl Search {
    /// Reads a search: a request number, an address with `@`, or the start of a name. `None`
    /// when there is nothing to look for.
    pub fn parse(raw: &str) -> Option<Search> {
        let q = raw.trim();
        if q.chars().count() < 2 || q.chars().count() > MAX_SEARCH {
            return None;
        }
        if let Some(n) = RequestNumber::parse(&q.to_uppercase()) {
            return Some(Search::Number(n.as_str().to_string()));
        }
        if q.contains('@') {
            return Some(Search::Email(q.to_lowercase()));
        }
        Some(Search::Name(q.to_lowercase()))
    }

    /// The pattern the name search matches from the start, with `%`, `_` and `\` taken literally.
    pub fn name_prefix(name: &str) -> String {
        let mut p = String::with_capacity(name.len() + 1);
        for c in name.chars() {
            if matches!(c, '%' | '_' | '\\') {
                p.push('\\');
            }
            p.push(c);
        }
        p.push('%');
        p
    }
}

/// Whether `actor_role` may give a request to someone other than themself, or take it from a
/// colleague: supervisors and administrators may.
pub fn may_assign_others(actor_role: &str) -> bool {
    matches!(actor_role, "supervisor" | "admin")
}

/// Who a request is being given to, as chosen in the request view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignTo {
    Me,
    Nobody,
    User(i64),
}

impl AssignTo {
    /// `me`, empty (release) or a colleague's id.
    pub fn parse(raw: &str) -> Option<AssignTo> {
        match raw.trim() {
            "me" => Some(AssignTo::Me),
            "" => Some(AssignTo::Nobody),
            id => id.parse().ok().map(AssignTo::User),
        }
    }

    /// The user it resolves to for `me`.
    pub fn user(self, me: i64) -> Option<i64> {
        match self {
            AssignTo::Me => Some(me),
            AssignTo::Nobody => None,
            AssignTo::User(id) => Some(id),
        }
    }
}

/// Whether `me` (with `role`) may give a request now held by `current` as `to` says. Anyone may
/// take an unassigned request and release their own; taking from a colleague, giving to someone
/// else or releasing someone else's is for supervisors and administrators.
pub fn may_assign(role: &str, me: i64, current: Option<i64>, to: AssignTo) -> bool {
    let lead = may_assign_others(role);
    let free_or_mine = current.is_none() || current == Some(me);
    match to.user(me) {
        Some(user) if user == me => free_or_mine || lead,
        Some(_) => lead,
        None => current == Some(me) || lead,
    }
}

/// Whether `role` may define the organisation's shared queues.
pub fn may_share_queues(role: &str, service_admin: bool) -> bool {
    service_admin || matches!(role, "supervisor" | "admin")
}

/// The status a request moves to when someone takes it: a new request is being handled now;
/// everything else keeps its status.
pub fn status_when_taken(status: Status) -> Status {
    if status == Status::New {
        Status::InProgress
    } else {
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> QueueInput {
        QueueInput {
            name_fi: "Kiireelliset".into(),
            name_sv: "Brådskande".into(),
            name_en: "Urgent".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_queue_needs_a_name_and_copies_one_name_to_the_others() {
        let mut only_fi = input();
        only_fi.name_sv.clear();
        only_fi.name_en.clear();
        let q = only_fi.parse(&[]).expect("valid");
        assert_eq!(q.name.sv, "Kiireelliset");
        assert_eq!(q.name.en, "Kiireelliset");
        let none = QueueInput::default().parse(&[]).expect_err("no name");
        assert_eq!(none.get("name_fi"), Some("required"));
    }

    #[test]
    fn filters_are_optional_but_must_be_known() {
        let mut i = input();
        i.priority = "critical".into();
        i.language = "sv".into();
        i.category = "7".into();
        i.expected_length = "quick".into();
        i.unassigned_only = "on".into();
        let q = i.parse(&[7]).expect("valid");
        assert_eq!(q.filter.length, Some(Length::Quick));
        assert_eq!(q.filter.priority, Some(Priority::Critical));
        assert_eq!(q.filter.language, Some(Lang::Sv));
        assert_eq!(q.filter.category_id, Some(7));
        assert!(q.filter.unassigned_only);
        assert!(!q.personal);

        i.category = "8".into();
        i.status = "closed".into();
        i.request_type = "nonsense".into();
        i.expected_length = "endless".into();
        let e = i.parse(&[7]).expect_err("invalid");
        assert_eq!(e.get("category"), Some("choose"));
        assert_eq!(e.get("expected_length"), Some("choose"));
        assert_eq!(
            e.get("status"),
            Some("choose"),
            "a queue lists active requests only"
        );
        assert_eq!(e.get("request_type"), Some("choose"));
    }

    #[test]
    fn search_tells_numbers_addresses_and_names_apart() {
        let number = RequestNumber::new("LK", 2026, 123);
        assert_eq!(
            Search::parse(&format!(" {} ", number.as_str().to_lowercase())),
            Some(Search::Number(number.as_str().to_string()))
        );
        assert_eq!(
            Search::parse("Maija@Example.fi"),
            Some(Search::Email("maija@example.fi".into()))
        );
        assert_eq!(Search::parse("Virt"), Some(Search::Name("virt".into())));
        assert_eq!(Search::parse(" m "), None);
        assert_eq!(Search::parse(&"x".repeat(MAX_SEARCH + 1)), None);
        assert_eq!(Search::name_prefix("50%_a\\"), "50\\%\\_a\\\\%");
    }

    #[test]
    fn counts_stop_at_the_cap() {
        assert_eq!(shown_count(0), "0");
        assert_eq!(shown_count(COUNT_CAP - 1), "99");
        assert_eq!(shown_count(COUNT_CAP), "99+");
    }

    #[test]
    fn taking_starts_a_new_request_and_only_leads_assign_others() {
        assert_eq!(status_when_taken(Status::New), Status::InProgress);
        assert_eq!(
            status_when_taken(Status::WaitingForCustomer),
            Status::WaitingForCustomer
        );
        assert!(may_assign_others("supervisor"));
        assert!(may_assign_others("admin"));
        assert!(!may_assign_others("advisor"));
        assert!(may_share_queues("advisor", true));
        assert_eq!(AssignTo::parse("me"), Some(AssignTo::Me));
        assert_eq!(AssignTo::parse(""), Some(AssignTo::Nobody));
        assert_eq!(AssignTo::parse("42"), Some(AssignTo::User(42)));
        assert_eq!(AssignTo::parse("x"), None);
    }

    #[test]
    fn advisors_take_free_work_and_release_their_own_while_leads_may_move_anything() {
        let (me, other) = (1, 2);
        for (current, to, advisor, lead) in [
            (None, AssignTo::Me, true, true),
            (Some(me), AssignTo::Me, true, true),
            (Some(other), AssignTo::Me, false, true),
            (None, AssignTo::User(me), true, true),
            (None, AssignTo::User(other), false, true),
            (Some(me), AssignTo::Nobody, true, true),
            (Some(other), AssignTo::Nobody, false, true),
            (None, AssignTo::Nobody, false, true),
        ] {
            assert_eq!(
                may_assign("advisor", me, current, to),
                advisor,
                "{current:?} {to:?}"
            );
            assert_eq!(
                may_assign("supervisor", me, current, to),
                lead,
                "{current:?} {to:?}"
            );
        }
        assert!(!may_share_queues("advisor", false));
    }
}

/// Which list the queue page shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// Every active request of the organisation.
    #[default]
    All,
    /// The advisor's own active requests.
    Mine,
    /// A saved queue.
    Queue(i64),
}

impl View {
    /// Reads `?view=`: empty for all, `mine`, or a queue's id.
    pub fn parse(raw: Option<&str>) -> Option<View> {
        match raw.unwrap_or("").trim() {
            "" | "all" => Some(View::All),
            "mine" => Some(View::Mine),
            id => id.parse().ok().map(View::Queue),
        }
    }

    /// As it travels in a URL.
    pub fn code(self) -> String {
        match self {
            View::All => "all".into(),
            View::Mine => "mine".into(),
            View::Queue(id) => id.to_string(),
        }
    }
}
