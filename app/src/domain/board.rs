//! The supervisor board: how work is spread over the advisors, and what nobody has touched.

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
