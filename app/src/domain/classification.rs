//! What a request is: its type, and its priority from urgency × impact.

use serde::{Deserialize, Serialize};

/// The kinds of service request; the type decides which fields a form needs and which statuses
/// apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestType {
    InformationRequest,
    ActionRequest,
    Feedback,
    Incident,
    ChangeRequest,
    Order,
}

impl RequestType {
    /// Every type, in the order forms and filters list them.
    pub const ALL: [RequestType; 6] = [
        RequestType::InformationRequest,
        RequestType::ActionRequest,
        RequestType::Feedback,
        RequestType::Incident,
        RequestType::ChangeRequest,
        RequestType::Order,
    ];

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            RequestType::InformationRequest => "information_request",
            RequestType::ActionRequest => "action_request",
            RequestType::Feedback => "feedback",
            RequestType::Incident => "incident",
            RequestType::ChangeRequest => "change_request",
            RequestType::Order => "order",
        }
    }

    /// Reads a stored name.
    pub fn parse(code: &str) -> Option<RequestType> {
        RequestType::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Whether work on this type may wait for an outside supplier (feedback and information
    /// requests are answered by us alone).
    pub fn may_wait_for_supplier(self) -> bool {
        !matches!(
            self,
            RequestType::InformationRequest | RequestType::Feedback
        )
    }
}

/// How soon the customer needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Urgency {
    High,
    Medium,
    Low,
}

/// How many it affects, or how badly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Impact {
    High,
    Medium,
    Low,
}

/// The order requests are worked in, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    Critical,
    High,
    Normal,
    Low,
}

macro_rules! coded {
    ($t:ty, $($v:ident => $c:literal),+) => {
        impl $t {
            /// Every value, highest first.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            /// The stored name.
            pub fn code(self) -> &'static str {
                match self { $(<$t>::$v => $c),+ }
            }
            /// Reads a stored name.
            pub fn parse(code: &str) -> Option<$t> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}
coded!(Urgency, High => "high", Medium => "medium", Low => "low");
coded!(Impact, High => "high", Medium => "medium", Low => "low");
coded!(Priority, Critical => "critical", High => "high", Normal => "normal", Low => "low");

impl Priority {
    /// A number that sorts the most urgent first (1 = critical).
    pub fn rank(self) -> i16 {
        match self {
            Priority::Critical => 1,
            Priority::High => 2,
            Priority::Normal => 3,
            Priority::Low => 4,
        }
    }
}

/// Priority by urgency (rows: high, medium, low) and impact (columns: high, medium, low), set per
/// organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityMatrix(pub [[Priority; 3]; 3]);

impl Default for PriorityMatrix {
    /// The usual service-desk table: both high is critical, both low is low.
    fn default() -> Self {
        use Priority::*;
        PriorityMatrix([
            [Critical, High, Normal],
            [High, Normal, Low],
            [Normal, Low, Low],
        ])
    }
}

fn index3<T: PartialEq + Copy>(all: &[T], v: T) -> usize {
    all.iter().position(|x| *x == v).unwrap_or(1)
}

impl PriorityMatrix {
    /// The priority of a request with this urgency and impact.
    pub fn priority(&self, urgency: Urgency, impact: Impact) -> Priority {
        self.0[index3(Urgency::ALL, urgency)][index3(Impact::ALL, impact)]
    }

    /// Sets one cell.
    pub fn set(&mut self, urgency: Urgency, impact: Impact, priority: Priority) {
        self.0[index3(Urgency::ALL, urgency)][index3(Impact::ALL, impact)] = priority;
    }
}

/// Why a priority was set by hand; a reason is required so the override can be explained later.
pub fn parse_override_reason(raw: &str) -> Option<String> {
    let reason = raw.trim();
    (!reason.is_empty() && reason.chars().count() <= 500).then(|| reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_matrix_rises_with_urgency_and_impact() {
        let m = PriorityMatrix::default();
        assert_eq!(m.priority(Urgency::High, Impact::High), Priority::Critical);
        assert_eq!(
            m.priority(Urgency::Medium, Impact::Medium),
            Priority::Normal
        );
        assert_eq!(m.priority(Urgency::Low, Impact::Low), Priority::Low);
        for u in Urgency::ALL {
            for pair in Impact::ALL.windows(2) {
                assert!(m.priority(*u, pair[0]) <= m.priority(*u, pair[1]));
            }
        }
    }

    #[test]
    fn an_organisation_can_change_one_cell() {
        let mut m = PriorityMatrix::default();
        m.set(Urgency::Low, Impact::High, Priority::High);
        assert_eq!(m.priority(Urgency::Low, Impact::High), Priority::High);
        assert_eq!(m.priority(Urgency::High, Impact::High), Priority::Critical);
    }

    #[test]
    fn an_override_needs_a_reason() {
        assert_eq!(parse_override_reason("   "), None);
        assert_eq!(
            parse_override_reason(" Kansanedustajan kysely "),
            Some("Kansanedustajan kysely".into())
        );
        assert_eq!(parse_override_reason(&"x".repeat(501)), None);
    }

    #[test]
    fn codes_read_back() {
        for t in RequestType::ALL {
            assert_eq!(RequestType::parse(t.code()), Some(t));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.code()), Some(*p));
        }
        assert!(!RequestType::Feedback.may_wait_for_supplier());
        assert!(RequestType::Order.may_wait_for_supplier());
    }
}
