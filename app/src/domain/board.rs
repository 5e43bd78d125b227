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

/// The board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub advisors: Vec<AdvisorLoad>,
    /// SLA risk of all open requests, then of each shared queue.
    pub risks: Vec<QueueRisk>,
    /// Active requests nobody has taken, counted up to the queue cap.
    pub unassigned: i64,
    /// Active requests not moved for the organisation's untouched time, oldest first, with when
    /// they last moved.
    pub untouched: Vec<(
        crate::domain::views::QueueItem,
        chrono::DateTime<chrono::Utc>,
    )>,
    /// The organisation's untouched time, in hours.
    pub untouched_hours: i32,
    pub flash: Option<crate::domain::errors::FormFlash<MoveInput>>,
}

/// The move form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoveInput {
    pub from: String,
    pub to: String,
}

impl MoveInput {
    /// The two advisors whose work moves, `from` and `to`: two different members' ids.
    pub fn parse(&self) -> Result<(i64, i64), crate::domain::errors::FieldErrors> {
        match (
            self.from.trim().parse::<i64>(),
            self.to.trim().parse::<i64>(),
        ) {
            (Ok(from), Ok(to)) if may_move(from, to) => Ok((from, to)),
            _ => Err(crate::domain::errors::FieldErrors::one("to", "same_person")),
        }
    }
}
