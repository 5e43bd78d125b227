//! Service levels: which policy applies to a request, and its clocks on a business calendar.
//!
//! The customer-facing resolution clock runs in business time and stands still while the request
//! waits for the customer; waiting for a supplier is counted on its own clock (it does not stop the
//! customer's). Clocks are computed from the status history when it changes and stored, so queues
//! sort by a column and never compute SLA at read time.

use crate::domain::calendar::{Calendar, DayOff};
use crate::domain::classification::{Priority, RequestType};
use crate::domain::lifecycle::Status;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a policy applies to; an empty criterion matches anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyMatch {
    pub request_type: Option<RequestType>,
    pub category_id: Option<i64>,
    pub priority: Option<Priority>,
    /// The customer's organisation (e.g. a company or a school), as recorded on the request.
    pub customer_org: Option<String>,
}

/// Targets in business time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    pub first_response_minutes: Option<i64>,
    pub resolution_minutes: Option<i64>,
    /// Warn when this share of the resolution target has been used (1–99).
    pub warn_percent: i64,
}

/// One SLA policy of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub id: i64,
    pub matches: PolicyMatch,
    pub targets: Targets,
}

/// What is known about a request when choosing its policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    pub request_type: RequestType,
    pub category_id: Option<i64>,
    pub priority: Priority,
    pub customer_org: Option<&'a str>,
}

impl PolicyMatch {
    /// How many criteria this match names, or `None` if one of them does not fit.
    fn specificity(&self, f: &Facts<'_>) -> Option<u8> {
        let mut n = 0;
        if let Some(t) = self.request_type {
            (t == f.request_type).then_some(())?;
            n += 1;
        }
        if let Some(c) = self.category_id {
            (Some(c) == f.category_id).then_some(())?;
            n += 1;
        }
        if let Some(p) = self.priority {
            (p == f.priority).then_some(())?;
            n += 1;
        }
        if let Some(o) = &self.customer_org {
            f.customer_org
                .is_some_and(|c| c.eq_ignore_ascii_case(o))
                .then_some(())?;
            n += 1;
        }
        Some(n)
    }
}

/// The policy that fits the request most specifically; among equally specific ones, the first
/// in the organisation's order.
pub fn select_policy<'p>(policies: &'p [Policy], facts: &Facts<'_>) -> Option<&'p Policy> {
    let mut best: Option<(&Policy, u8)> = None;
    for p in policies {
        if let Some(n) = p.matches.specificity(facts)
            && best.is_none_or(|(_, b)| n > b)
        {
            best = Some((p, n));
        }
    }
    best.map(|(p, _)| p)
}

/// A status change in a request's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub at: DateTime<Utc>,
    pub to: Status,
}

/// The clocks of a request after its latest change: what is stored on the request row.
/// The default is a request without SLA: no clock runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clocks {
    pub first_response_due: Option<DateTime<Utc>>,
    /// `None` while paused or without a resolution target.
    pub resolution_due: Option<DateTime<Utc>>,
    pub warn_at: Option<DateTime<Utc>>,
    /// Since when the clock stands still waiting for the customer.
    pub paused_since: Option<DateTime<Utc>>,
    /// Business time spent waiting for the customer (paused) and for a supplier (own clock).
    pub customer_wait: Duration,
    pub supplier_wait: Duration,
}

/// A stretch of a request's life in one status: `[from, to)`, `to` is `None` for the current one.
type Segment = (DateTime<Utc>, Option<DateTime<Utc>>, Status);

/// Statuses in force from each change on: the request's life as segments, the last one open-ended.
fn segments(start: DateTime<Utc>, history: &[Change]) -> Vec<Segment> {
    let mut out = Vec::with_capacity(history.len() + 1);
    let mut at = start;
    let mut status = Status::New;
    for c in history {
        let next = c.at.max(at);
        out.push((at, Some(next), status));
        at = next;
        status = c.to;
    }
    out.push((at, None, status));
    out
}

/// When `target` of running business time has been used, walking the history.
fn running_deadline(cal: &Calendar, segs: &[Segment], target: Duration) -> Option<DateTime<Utc>> {
    let mut left = target;
    for (from, to, status) in segs {
        if status.pauses_sla() {
            continue;
        }
        match to {
            Some(to) => {
                let used = cal.business_between(*from, *to);
                if used >= left {
                    return cal.add(*from, left);
                }
                left -= used;
            }
            None => return cal.add(*from, left),
        }
    }
    None
}

/// The clocks of a request created at `start` with the status `history` (oldest first), under
/// `targets` on `cal`.
pub fn clocks(
    cal: &Calendar,
    targets: &Targets,
    start: DateTime<Utc>,
    history: &[Change],
) -> Clocks {
    let segs = segments(start, history);
    let mut customer_wait = Duration::zero();
    let mut supplier_wait = Duration::zero();
    for (from, to, status) in &segs {
        let Some(to) = to else { continue };
        match status {
            Status::WaitingForCustomer => customer_wait += cal.business_between(*from, *to),
            Status::WaitingForSupplier => supplier_wait += cal.business_between(*from, *to),
            _ => {}
        }
    }
    let paused_since = segs
        .last()
        .filter(|(_, _, s)| s.pauses_sla())
        .map(|(from, _, _)| *from);
    let resolution = targets.resolution_minutes.map(Duration::minutes);
    let deadline = |t: Duration| running_deadline(cal, &segs, t);
    let (resolution_due, warn_at) = match (resolution, paused_since) {
        (Some(t), None) => (
            deadline(t),
            deadline(t * targets.warn_percent.clamp(1, 99) as i32 / 100),
        ),
        _ => (None, None),
    };
    Clocks {
        first_response_due: targets
            .first_response_minutes
            .and_then(|m| cal.add(start, Duration::minutes(m))),
        resolution_due,
        warn_at,
        paused_since,
        customer_wait,
        supplier_wait,
    }
}

/// Why a request is due when it is: what the request view says next to its due time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueExplanation {
    pub due: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub target_minutes: i64,
    /// Business minutes the clock stood still waiting for the customer.
    pub paused_minutes: i64,
    /// Holidays and closures between start and due (weekends go without saying).
    pub days_off: Vec<(NaiveDate, DayOff)>,
}

/// Explains the resolution due time of a running clock; `None` while paused or without target.
pub fn explain(
    cal: &Calendar,
    targets: &Targets,
    start: DateTime<Utc>,
    history: &[Change],
) -> Option<DueExplanation> {
    let c = clocks(cal, targets, start, history);
    let due = c.resolution_due?;
    Some(DueExplanation {
        due,
        start,
        target_minutes: targets.resolution_minutes?,
        paused_minutes: c.customer_wait.num_minutes(),
        days_off: cal.days_off_between(start, due),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn helsinki(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Helsinki
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("a valid Helsinki time")
            .with_timezone(&Utc)
    }

    fn eight_hours() -> Targets {
        Targets {
            first_response_minutes: Some(120),
            resolution_minutes: Some(8 * 60),
            warn_percent: 75,
        }
    }

    fn policy(id: i64, matches: PolicyMatch) -> Policy {
        Policy {
            id,
            matches,
            targets: eight_hours(),
        }
    }

    #[test]
    fn the_most_specific_policy_wins_and_order_breaks_ties() {
        let policies = [
            policy(1, PolicyMatch::default()),
            policy(
                2,
                PolicyMatch {
                    request_type: Some(RequestType::Incident),
                    ..Default::default()
                },
            ),
            policy(
                3,
                PolicyMatch {
                    request_type: Some(RequestType::Incident),
                    priority: Some(Priority::Critical),
                    ..Default::default()
                },
            ),
            policy(
                4,
                PolicyMatch {
                    priority: Some(Priority::Critical),
                    category_id: Some(9),
                    ..Default::default()
                },
            ),
        ];
        let facts = |t, p, c| Facts {
            request_type: t,
            category_id: c,
            priority: p,
            customer_org: None,
        };
        let pick = |f: Facts<'_>| select_policy(&policies, &f).map(|p| p.id);
        assert_eq!(
            pick(facts(RequestType::Order, Priority::Normal, None)),
            Some(1)
        );
        assert_eq!(
            pick(facts(RequestType::Incident, Priority::Normal, None)),
            Some(2)
        );
        assert_eq!(
            pick(facts(RequestType::Incident, Priority::Critical, None)),
            Some(3)
        );
        assert_eq!(
            pick(facts(RequestType::Incident, Priority::Critical, Some(9))),
            Some(3),
            "3 and 4 both name two criteria; 3 comes first"
        );
        assert_eq!(
            select_policy(
                &policies[1..2],
                &facts(RequestType::Order, Priority::Low, None)
            ),
            None
        );
    }

    #[test]
    fn the_customer_organisation_matches_without_regard_to_case() {
        let p = [policy(
            7,
            PolicyMatch {
                customer_org: Some("Helsingin yliopisto".into()),
                ..Default::default()
            },
        )];
        let f = Facts {
            request_type: RequestType::Order,
            category_id: None,
            priority: Priority::Low,
            customer_org: Some("HELSINGIN YLIOPISTO"),
        };
        assert_eq!(select_policy(&p, &f).map(|p| p.id), Some(7));
    }

    #[test]
    fn waiting_for_the_customer_moves_the_deadline_by_the_business_time_waited() {
        let cal = Calendar::default();
        let start = helsinki(2026, 11, 20, 14, 15); // Friday
        let plain = clocks(&cal, &eight_hours(), start, &[]);
        assert_eq!(plain.resolution_due, Some(helsinki(2026, 11, 23, 14, 15)));
        let history = [
            Change {
                at: helsinki(2026, 11, 23, 9, 0),
                to: Status::WaitingForCustomer,
            },
            Change {
                at: helsinki(2026, 11, 23, 11, 0),
                to: Status::Open,
            },
        ];
        let waited = clocks(&cal, &eight_hours(), start, &history);
        assert_eq!(waited.resolution_due, Some(helsinki(2026, 11, 24, 8, 15)));
        assert_eq!(waited.customer_wait, Duration::hours(2));
        let paused = clocks(&cal, &eight_hours(), start, &history[..1]);
        assert_eq!(paused.resolution_due, None);
        assert_eq!(paused.paused_since, Some(helsinki(2026, 11, 23, 9, 0)));
    }

    #[test]
    fn waiting_for_a_supplier_is_its_own_clock_and_does_not_stop_the_customers() {
        let cal = Calendar::default();
        let start = helsinki(2026, 11, 23, 8, 0);
        let history = [
            Change {
                at: helsinki(2026, 11, 23, 9, 0),
                to: Status::WaitingForSupplier,
            },
            Change {
                at: helsinki(2026, 11, 23, 12, 30),
                to: Status::InProgress,
            },
        ];
        let c = clocks(&cal, &eight_hours(), start, &history);
        assert_eq!(c.resolution_due, Some(helsinki(2026, 11, 23, 16, 0)));
        assert_eq!(c.supplier_wait, Duration::minutes(210));
        assert_eq!(c.warn_at, Some(helsinki(2026, 11, 23, 14, 0)));
    }

    #[test]
    fn the_explanation_names_the_holiday_and_the_pause() {
        let cal = Calendar::default();
        // Thursday 31 December 2026 14:15 + 8 h: 45 min run, then the customer is asked until
        // Monday 10:00 (3 business hours paused: New Year's Day and the weekend do not count),
        // then 6 h on Monday and 1 h 15 min on Tuesday.
        let start = helsinki(2026, 12, 31, 14, 15);
        let history = [
            Change {
                at: helsinki(2026, 12, 31, 15, 0),
                to: Status::WaitingForCustomer,
            },
            Change {
                at: helsinki(2027, 1, 4, 10, 0),
                to: Status::Open,
            },
        ];
        let e = explain(&cal, &eight_hours(), start, &history).expect("running");
        assert_eq!(e.paused_minutes, 60 + 120);
        assert_eq!(e.due, helsinki(2027, 1, 5, 9, 15));
        assert!(e.days_off.iter().any(|(d, off)| *d
            == NaiveDate::from_ymd_opt(2027, 1, 1).expect("date")
            && *off == DayOff::Holiday(crate::domain::calendar::Holiday::NewYearsDay)));
    }

    fn any_start() -> impl Strategy<Value = DateTime<Utc>> {
        (0i64..10 * 365 * 24 * 60).prop_map(|m| helsinki(2022, 1, 1, 0, 0) + Duration::minutes(m))
    }

    fn any_history() -> impl Strategy<Value = Vec<(i64, usize)>> {
        proptest::collection::vec((0i64..5_000, 0usize..Status::ALL.len()), 0..8)
    }

    fn build(start: DateTime<Utc>, steps: &[(i64, usize)]) -> Vec<Change> {
        let mut at = start;
        steps
            .iter()
            .map(|(gap, s)| {
                at += Duration::minutes(*gap);
                Change {
                    at,
                    to: Status::ALL[*s],
                }
            })
            .collect()
    }

    proptest! {
        #[test]
        fn a_due_time_is_never_before_the_start(start in any_start(), steps in any_history(), mins in 1i64..10_000) {
            let t = Targets { first_response_minutes: Some(mins), resolution_minutes: Some(mins), warn_percent: 80 };
            let c = clocks(&Calendar::default(), &t, start, &build(start, &steps));
            if let Some(due) = c.resolution_due { prop_assert!(due >= start); }
            if let Some(warn) = c.warn_at { prop_assert!(warn >= start && Some(warn) <= c.resolution_due); }
            prop_assert!(c.first_response_due.expect("due") >= start);
        }

        #[test]
        fn pausing_never_shortens(start in any_start(), pause_at in 0i64..5_000, pause_for in 0i64..5_000, mins in 1i64..10_000) {
            let cal = Calendar::default();
            let t = Targets { first_response_minutes: None, resolution_minutes: Some(mins), warn_percent: 75 };
            let open = [Change { at: start, to: Status::Open }];
            let paused = [
                Change { at: start, to: Status::Open },
                Change { at: start + Duration::minutes(pause_at), to: Status::WaitingForCustomer },
                Change { at: start + Duration::minutes(pause_at + pause_for), to: Status::Open },
            ];
            let without = clocks(&cal, &t, start, &open).resolution_due.expect("due");
            let with = clocks(&cal, &t, start, &paused).resolution_due.expect("due");
            prop_assert!(with >= without);
        }

        #[test]
        fn the_running_business_time_to_the_due_time_is_the_target(start in any_start(), pause_at in 0i64..3_000, pause_for in 0i64..3_000, mins in 1i64..10_000) {
            let cal = Calendar::default();
            let t = Targets { first_response_minutes: None, resolution_minutes: Some(mins), warn_percent: 75 };
            let p1 = start + Duration::minutes(pause_at);
            let p2 = p1 + Duration::minutes(pause_for);
            let history = [
                Change { at: p1, to: Status::WaitingForCustomer },
                Change { at: p2, to: Status::Open },
            ];
            let c = clocks(&cal, &t, start, &history);
            let due = c.resolution_due.expect("due");
            let paused = cal.business_between(p1.min(due), p2.min(due));
            prop_assert_eq!(cal.business_between(start, due) - paused, Duration::minutes(mins));
        }
    }
}
