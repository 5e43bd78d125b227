//! The supervisor board: how work is spread over the advisors, the SLA risk in each queue, and
//! what nobody has touched.

use serde::{Deserialize, Serialize};

/// Most requests moved in one bulk reassignment.
pub const BULK_LIMIT: i64 = 500;

/// One advisor's open work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvisorLoad {
    pub id: i64,
    pub name: String,
    pub open: i64,
    /// Past their resolution due time.
    pub breached: i64,
    /// The soonest resolution due time of their open work.
    pub next_due: Option<chrono::DateTime<chrono::Utc>>,
}

/// A queue's SLA risk: how many of its active requests are past their warning time but not yet
/// due, and how many are past due, each counted up to [`crate::domain::queues::COUNT_CAP`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRisk {
    /// `None` for all the organisation's open requests.
    pub queue: Option<crate::domain::Localized>,
    pub at_risk: i64,
    pub breached: i64,
}

/// Whether `role` sees the board and moves work between advisors.
pub fn may_supervise(role: &str) -> bool {
    matches!(role, "supervisor" | "admin")
}

/// Whether moving `from`'s work to `to` makes sense: two different advisors.
pub fn may_move(from: i64, to: i64) -> bool {
    from != to
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_leads_supervise_and_work_moves_between_two_people() {
        assert!(super::may_supervise("supervisor") && super::may_supervise("admin"));
        assert!(!super::may_supervise("advisor"));
        assert!(super::may_move(1, 2) && !super::may_move(3, 3));
    }
}
