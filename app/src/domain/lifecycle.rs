//! The life of a service request as a state machine: which status may follow which, and who may
//! make the move. Every move is stored as an append-only event by the caller.

use serde::{Deserialize, Serialize};

/// Where a request is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    New,
    Open,
    InProgress,
    WaitingForCustomer,
    WaitingForSupplier,
    Resolved,
    Closed,
    Cancelled,
    Archived,
}

/// Who is acting on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Customer,
    Advisor,
    Supervisor,
    Admin,
    /// Luukku itself: routing, SLA timers, retention, survey answers.
    System,
}

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    /// No such move exists from this status (e.g. anything out of `archived`).
    NoSuchMove { from: Status, to: Status },
    /// The move exists but this actor may not make it.
    NotAllowed {
        from: Status,
        to: Status,
        actor: Actor,
    },
}

impl Actor {
    /// The actor a member of staff with this stored role acts as.
    pub fn staff(role: &str) -> Actor {
        match role {
            "admin" => Actor::Admin,
            "supervisor" => Actor::Supervisor,
            _ => Actor::Advisor,
        }
    }
}

const STAFF: &[Actor] = &[Actor::Advisor, Actor::Supervisor, Actor::Admin];
const STAFF_OR_SYSTEM: &[Actor] = &[
    Actor::Advisor,
    Actor::Supervisor,
    Actor::Admin,
    Actor::System,
];
const LEADS: &[Actor] = &[Actor::Supervisor, Actor::Admin];

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 9] = [
        Status::New,
        Status::Open,
        Status::InProgress,
        Status::WaitingForCustomer,
        Status::WaitingForSupplier,
        Status::Resolved,
        Status::Closed,
        Status::Cancelled,
        Status::Archived,
    ];

    /// The statuses an advisor may choose when replying (see [`Status::applies_to`]).
    pub const ADVISOR_CHOICES: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::WaitingForCustomer,
        Status::WaitingForSupplier,
        Status::Resolved,
    ];

    /// Whether this status applies to requests of `kind`: only work that can involve an outside
    /// supplier waits for one.
    pub fn applies_to(self, kind: crate::domain::classification::RequestType) -> bool {
        self != Status::WaitingForSupplier || kind.may_wait_for_supplier()
    }

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Open => "open",
            Status::InProgress => "in_progress",
            Status::WaitingForCustomer => "waiting_for_customer",
            Status::WaitingForSupplier => "waiting_for_supplier",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
            Status::Archived => "archived",
        }
    }

    /// Reads a stored name.
    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the request still needs work (it is in the working set and its clocks may run).
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            Status::Resolved | Status::Closed | Status::Cancelled | Status::Archived
        )
    }

    /// Whether the customer-facing SLA clock stands still: only while we wait for the customer.
    pub fn pauses_sla(self) -> bool {
        self == Status::WaitingForCustomer
    }

    /// Who may move a request from `self` to `to`; empty when there is no such move.
    fn movers(self, to: Status) -> &'static [Actor] {
        use Status::*;
        match (self, to) {
            (New, Open) => STAFF_OR_SYSTEM,
            (New | Open | WaitingForCustomer | WaitingForSupplier, InProgress) => STAFF_OR_SYSTEM,
            (New | Open | InProgress | WaitingForSupplier, WaitingForCustomer) => STAFF,
            (New | Open | InProgress | WaitingForCustomer, WaitingForSupplier) => STAFF,
            // The customer answers, or staff put it back in the queue.
            (WaitingForCustomer, Open) => &[
                Actor::Customer,
                Actor::Advisor,
                Actor::Supervisor,
                Actor::Admin,
                Actor::System,
            ],
            (InProgress | WaitingForSupplier, Open) => STAFF,
            (New | Open | InProgress | WaitingForCustomer | WaitingForSupplier, Resolved) => {
                STAFF_OR_SYSTEM
            }
            // Reopen: the customer answers a resolution or gives a low survey score.
            (Resolved, Open) => &[
                Actor::Customer,
                Actor::Advisor,
                Actor::Supervisor,
                Actor::Admin,
                Actor::System,
            ],
            (Resolved, Closed) => &[
                Actor::Customer,
                Actor::Advisor,
                Actor::Supervisor,
                Actor::Admin,
                Actor::System,
            ],
            // A closed request is reopened only by a supervisor's decision.
            (Closed, Open) => LEADS,
            (New | Open | InProgress | WaitingForCustomer | WaitingForSupplier, Cancelled) => {
                &[Actor::Customer, Actor::Supervisor, Actor::Admin]
            }
            (Resolved | Closed | Cancelled, Archived) => &[Actor::Admin, Actor::System],
            _ => &[],
        }
    }

    /// The move from `self` to `to` by `actor`, or why it is refused. Staying put is not a move.
    pub fn transition(self, to: Status, actor: Actor) -> Result<Status, MoveError> {
        let movers = self.movers(to);
        if movers.is_empty() {
            return Err(MoveError::NoSuchMove { from: self, to });
        }
        if !movers.contains(&actor) {
            return Err(MoveError::NotAllowed {
                from: self,
                to,
                actor,
            });
        }
        Ok(to)
    }

    /// The statuses `actor` may move a request to from here, in lifecycle order.
    pub fn moves_for(self, actor: Actor) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|to| self.transition(*to, actor).is_ok())
            .collect()
    }

    /// The status after `actor` adds a message, or `None` when they may not write now.
    /// A customer's message puts a waiting or resolved request back to work; a closed, cancelled
    /// or archived one takes no more messages unless the writer legally reopens it (a supervisor).
    /// Staff may keep the status or choose a legal move.
    pub fn after_message(self, actor: Actor, chosen: Option<Status>) -> Option<Status> {
        if matches!(self, Status::Closed | Status::Cancelled | Status::Archived) {
            // Only a legal move (a supervisor reopening a closed request) opens it to messages.
            return chosen.filter(|to| self.transition(*to, actor).is_ok());
        }
        match actor {
            Actor::Customer => match self {
                Status::WaitingForCustomer | Status::Resolved => Some(Status::Open),
                other => Some(other),
            },
            _ => {
                let to = chosen.unwrap_or(self);
                (to == self || self.transition(to, actor).is_ok()).then_some(to)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ACTORS: [Actor; 5] = [
        Actor::Customer,
        Actor::Advisor,
        Actor::Supervisor,
        Actor::Admin,
        Actor::System,
    ];

    #[test]
    fn the_happy_path_runs_from_new_to_archived() {
        let path = [
            (Status::Open, Actor::System),
            (Status::InProgress, Actor::Advisor),
            (Status::WaitingForCustomer, Actor::Advisor),
            (Status::Open, Actor::Customer),
            (Status::WaitingForSupplier, Actor::Advisor),
            (Status::InProgress, Actor::Advisor),
            (Status::Resolved, Actor::Advisor),
            (Status::Closed, Actor::System),
            (Status::Archived, Actor::System),
        ];
        let mut s = Status::New;
        for (to, actor) in path {
            s = s.transition(to, actor).expect("a legal move");
        }
        assert_eq!(s, Status::Archived);
    }

    #[test]
    fn only_the_customer_and_leads_cancel_and_only_while_active() {
        assert_eq!(
            Status::Open.transition(Status::Cancelled, Actor::Customer),
            Ok(Status::Cancelled)
        );
        assert_eq!(
            Status::Open.transition(Status::Cancelled, Actor::Advisor),
            Err(MoveError::NotAllowed {
                from: Status::Open,
                to: Status::Cancelled,
                actor: Actor::Advisor
            })
        );
        assert!(matches!(
            Status::Resolved.transition(Status::Cancelled, Actor::Customer),
            Err(MoveError::NoSuchMove { .. })
        ));
    }

    #[test]
    fn a_closed_request_is_reopened_by_a_supervisor_not_by_an_advisor() {
        assert!(
            Status::Closed
                .transition(Status::Open, Actor::Supervisor)
                .is_ok()
        );
        assert!(
            Status::Closed
                .transition(Status::Open, Actor::Advisor)
                .is_err()
        );
        assert!(
            Status::Closed
                .transition(Status::Open, Actor::Customer)
                .is_err()
        );
    }

    #[test]
    fn a_customer_answer_reopens_a_waiting_request_but_not_a_closed_one() {
        assert_eq!(
            Status::WaitingForCustomer.after_message(Actor::Customer, None),
            Some(Status::Open)
        );
        assert_eq!(
            Status::InProgress.after_message(Actor::Customer, None),
            Some(Status::InProgress)
        );
        assert_eq!(Status::Closed.after_message(Actor::Customer, None), None);
        assert_eq!(Status::Cancelled.after_message(Actor::Customer, None), None);
        assert_eq!(
            Status::Closed.after_message(Actor::Advisor, Some(Status::Open)),
            None
        );
        assert_eq!(
            Status::Closed.after_message(Actor::Supervisor, Some(Status::Open)),
            Some(Status::Open),
            "a supervisor reopens a closed request with a reply"
        );
    }

    #[test]
    fn an_advisor_may_only_choose_legal_moves() {
        let to = Status::Open.after_message(Actor::Advisor, Some(Status::WaitingForCustomer));
        assert_eq!(to, Some(Status::WaitingForCustomer));
        assert_eq!(
            Status::Open.after_message(Actor::Advisor, Some(Status::New)),
            None
        );
        assert_eq!(
            Status::New.after_message(Actor::Advisor, None),
            Some(Status::New)
        );
        assert_eq!(
            Status::Open.after_message(Actor::Advisor, Some(Status::Archived)),
            None
        );
    }

    #[test]
    fn feedback_and_information_requests_never_wait_for_a_supplier() {
        use crate::domain::classification::RequestType;
        assert!(!Status::WaitingForSupplier.applies_to(RequestType::Feedback));
        assert!(!Status::WaitingForSupplier.applies_to(RequestType::InformationRequest));
        assert!(Status::WaitingForSupplier.applies_to(RequestType::Incident));
        assert!(Status::Resolved.applies_to(RequestType::Feedback));
    }

    #[test]
    fn every_status_has_a_stored_name_that_reads_back() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        assert_eq!(Status::parse("deleted"), None);
    }

    fn any_status() -> impl Strategy<Value = Status> {
        (0..Status::ALL.len()).prop_map(|i| Status::ALL[i])
    }

    fn any_actor() -> impl Strategy<Value = Actor> {
        (0..ACTORS.len()).prop_map(|i| ACTORS[i])
    }

    proptest! {
        #[test]
        fn nothing_leaves_archived(to in any_status(), actor in any_actor()) {
            prop_assert!(Status::Archived.transition(to, actor).is_err());
        }

        #[test]
        fn nothing_goes_back_to_new(from in any_status(), actor in any_actor()) {
            prop_assert!(from.transition(Status::New, actor).is_err());
        }

        #[test]
        fn a_customer_never_resolves_closes_unresolved_or_archives(from in any_status()) {
            prop_assert!(from.transition(Status::Resolved, Actor::Customer).is_err());
            prop_assert!(from.transition(Status::Archived, Actor::Customer).is_err());
            prop_assert!(from == Status::Resolved || from.transition(Status::Closed, Actor::Customer).is_err());
        }

        #[test]
        fn a_legal_move_always_changes_the_status(from in any_status(), to in any_status(), actor in any_actor()) {
            if from.transition(to, actor).is_ok() {
                prop_assert_ne!(from, to);
            }
        }

        #[test]
        fn every_active_status_can_reach_resolved_by_staff(from in any_status()) {
            if from.is_active() {
                prop_assert!(from.transition(Status::Resolved, Actor::Advisor).is_ok());
            }
        }
    }
}
