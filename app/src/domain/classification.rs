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

/// How long handling a request is expected to take, for queues by length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Length {
    /// Answered in one go, in minutes.
    Quick,
    Normal,
    /// Needs investigation or someone else's work.
    Long,
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
coded!(Length, Quick => "quick", Normal => "normal", Long => "long");

impl Length {
    /// What a new request of type `t` usually takes, until an advisor says otherwise: questions
    /// and feedback are answered in one go, changes need someone else's work.
    pub fn usual_for(t: RequestType) -> Length {
        match t {
            RequestType::InformationRequest | RequestType::Feedback => Length::Quick,
            RequestType::ChangeRequest => Length::Long,
            RequestType::ActionRequest | RequestType::Incident | RequestType::Order => {
                Length::Normal
            }
        }
    }
}

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

/// An advisor's reclassification as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassifyInput {
    pub request_type: String,
    pub category_id: String,
    pub problem_code_id: String,
    pub urgency: String,
    pub impact: String,
    /// Empty: the priority follows the matrix; otherwise an override that needs a reason.
    pub priority: String,
    pub reason: String,
    /// Empty: the usual length of the chosen type.
    pub expected_length: String,
}

/// A checked reclassification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub request_type: RequestType,
    pub category_id: Option<i64>,
    pub problem_code_id: Option<i64>,
    pub urgency: Urgency,
    pub impact: Impact,
    pub priority: Priority,
    /// Set when the priority was overridden by hand.
    pub override_reason: Option<String>,
    pub length: Length,
}

impl ClassifyInput {
    /// Checks a reclassification against the organisation's `categories` and `problem_codes`
    /// (`(id, category_id)`): a problem code must belong to the chosen category, and a priority
    /// that differs from the matrix's needs a reason.
    pub fn parse(
        &self,
        matrix: &PriorityMatrix,
        categories: &[i64],
        problem_codes: &[(i64, i64)],
    ) -> Result<Classification, crate::domain::errors::FieldErrors> {
        let mut errors = crate::domain::errors::FieldErrors::default();
        let request_type = RequestType::parse(&self.request_type);
        if request_type.is_none() {
            errors.add("request_type", "choose");
        }
        let id = |raw: &str| raw.trim().parse::<i64>().ok();
        let category_id = match self.category_id.trim() {
            "" => None,
            raw => {
                let c = id(raw).filter(|c| categories.contains(c));
                if c.is_none() {
                    errors.add("category_id", "choose");
                }
                c
            }
        };
        let problem_code_id = match self.problem_code_id.trim() {
            "" => None,
            raw => {
                let p = id(raw).filter(|p| {
                    problem_codes
                        .iter()
                        .any(|(code, cat)| code == p && Some(*cat) == category_id)
                });
                if p.is_none() {
                    errors.add("problem_code_id", "choose");
                }
                p
            }
        };
        let urgency = Urgency::parse(&self.urgency);
        if urgency.is_none() {
            errors.add("urgency", "choose");
        }
        let impact = Impact::parse(&self.impact);
        if impact.is_none() {
            errors.add("impact", "choose");
        }
        let computed = match (urgency, impact) {
            (Some(u), Some(i)) => Some(matrix.priority(u, i)),
            _ => None,
        };
        let chosen = match self.priority.trim() {
            "" => computed,
            code => {
                let p = Priority::parse(code);
                if p.is_none() {
                    errors.add("priority", "choose");
                }
                p
            }
        };
        let override_reason = if chosen.is_some() && chosen != computed {
            let reason = parse_override_reason(&self.reason);
            if reason.is_none() {
                errors.add("reason", "reason_required");
            }
            reason
        } else {
            None
        };
        let length = match self.expected_length.trim() {
            "" => request_type.map(Length::usual_for),
            code => {
                let l = Length::parse(code);
                if l.is_none() {
                    errors.add("expected_length", "choose");
                }
                l
            }
        };
        match (request_type, urgency, impact, chosen, length) {
            (Some(request_type), Some(urgency), Some(impact), Some(priority), Some(length))
                if errors.is_empty() =>
            {
                Ok(Classification {
                    request_type,
                    category_id,
                    problem_code_id,
                    urgency,
                    impact,
                    priority,
                    override_reason,
                    length,
                })
            }
            _ => Err(errors),
        }
    }
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

    fn input() -> ClassifyInput {
        ClassifyInput {
            request_type: "incident".into(),
            category_id: "3".into(),
            problem_code_id: "30".into(),
            urgency: "high".into(),
            impact: "medium".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_reclassification_follows_the_matrix_unless_overridden_with_a_reason() {
        let m = PriorityMatrix::default();
        let c = input().parse(&m, &[3], &[(30, 3)]).expect("valid");
        assert_eq!((c.priority, c.override_reason), (Priority::High, None));
        let no_reason = ClassifyInput {
            priority: "critical".into(),
            ..input()
        };
        let e = no_reason.parse(&m, &[3], &[(30, 3)]).expect_err("reason");
        assert_eq!(e.get("reason"), Some("reason_required"));
        let with_reason = ClassifyInput {
            reason: "Koskee koko kaupunginosaa".into(),
            ..no_reason
        };
        let c = with_reason.parse(&m, &[3], &[(30, 3)]).expect("valid");
        assert_eq!(c.priority, Priority::Critical);
        assert_eq!(
            c.override_reason.as_deref(),
            Some("Koskee koko kaupunginosaa")
        );
    }

    #[test]
    fn a_problem_code_must_belong_to_the_chosen_category() {
        let m = PriorityMatrix::default();
        let e = input()
            .parse(&m, &[3, 4], &[(30, 4)])
            .expect_err("mismatch");
        assert_eq!(e.get("problem_code_id"), Some("choose"));
        let e = ClassifyInput {
            category_id: "99".into(),
            request_type: "nonsense".into(),
            ..input()
        }
        .parse(&m, &[3], &[(30, 3)])
        .expect_err("invalid");
        assert_eq!(e.get("category_id"), Some("choose"));
        assert_eq!(e.get("request_type"), Some("choose"));
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
        for l in Length::ALL {
            assert_eq!(Length::parse(l.code()), Some(*l));
        }
    }

    #[test]
    fn the_expected_length_is_the_types_usual_one_unless_chosen() {
        let m = PriorityMatrix::default();
        let c = input().parse(&m, &[3], &[(30, 3)]).expect("valid");
        assert_eq!(c.length, Length::Normal);
        let question = ClassifyInput {
            request_type: "information_request".into(),
            ..input()
        };
        assert_eq!(
            question.parse(&m, &[3], &[(30, 3)]).expect("valid").length,
            Length::Quick
        );
        let long = ClassifyInput {
            expected_length: "long".into(),
            ..question
        };
        assert_eq!(
            long.parse(&m, &[3], &[(30, 3)]).expect("valid").length,
            Length::Long
        );
        let bad = ClassifyInput {
            expected_length: "forever".into(),
            ..input()
        };
        let e = bad.parse(&m, &[3], &[(30, 3)]).expect_err("unknown length");
        assert_eq!(e.get("expected_length"), Some("choose"));
    }
}
