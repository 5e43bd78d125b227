//! How requests relate: made automatically for the same customer or customer organisation, or by
//! an advisor (related, parent and child, duplicate).

use serde::{Deserialize, Serialize};

/// The link form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkInput {
    pub number: String,
    pub choice: String,
}

/// The kind of a link between two requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    SameCustomer,
    SameCustomerOrg,
    Related,
    /// From the parent to its subtask.
    Child,
    /// From the duplicate to the request kept.
    Duplicate,
}

impl LinkKind {
    const ALL: [LinkKind; 5] = [
        LinkKind::SameCustomer,
        LinkKind::SameCustomerOrg,
        LinkKind::Related,
        LinkKind::Child,
        LinkKind::Duplicate,
    ];

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            LinkKind::SameCustomer => "same_customer",
            LinkKind::SameCustomerOrg => "same_customer_org",
            LinkKind::Related => "related",
            LinkKind::Child => "child",
            LinkKind::Duplicate => "duplicate",
        }
    }

    /// Reads a stored name.
    pub fn parse(code: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// How a linked request stands to the one being viewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    SameCustomer,
    SameCustomerOrg,
    Related,
    /// The viewed request is a subtask of this one.
    Parent,
    /// This one is a subtask of the viewed request.
    Child,
    /// This one was merged into the viewed request.
    DuplicateHere,
    /// The viewed request was merged into this one.
    MergedInto,
}

impl Relation {
    /// The relation seen from `viewed`, for a link `from → to` of `kind` that touches it.
    pub fn seen_from(kind: LinkKind, viewed_is_from: bool) -> Relation {
        match (kind, viewed_is_from) {
            (LinkKind::SameCustomer, _) => Relation::SameCustomer,
            (LinkKind::SameCustomerOrg, _) => Relation::SameCustomerOrg,
            (LinkKind::Related, _) => Relation::Related,
            (LinkKind::Child, true) => Relation::Child,
            (LinkKind::Child, false) => Relation::Parent,
            (LinkKind::Duplicate, true) => Relation::MergedInto,
            (LinkKind::Duplicate, false) => Relation::DuplicateHere,
        }
    }
}

/// What an advisor may link a request to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkChoice {
    Related,
    /// The other request becomes a subtask of this one.
    Child,
    /// This request is a duplicate: merge it into the other.
    MergeInto,
}

impl LinkChoice {
    /// Reads the form's value.
    pub fn parse(code: &str) -> Option<LinkChoice> {
        match code {
            "related" => Some(LinkChoice::Related),
            "child" => Some(LinkChoice::Child),
            "merge_into" => Some(LinkChoice::MergeInto),
            _ => None,
        }
    }
}

/// Whether a request in status `dup` may be merged into one in status `keep`: the duplicate must
/// still be worked on, and the one kept must not be cancelled or archived.
pub fn can_merge(dup: crate::domain::Status, keep: crate::domain::Status) -> bool {
    use crate::domain::Status;
    dup.is_active() && !matches!(keep, Status::Cancelled | Status::Archived)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_the_right_way_round_from_each_end() {
        assert_eq!(Relation::seen_from(LinkKind::Child, true), Relation::Child);
        assert_eq!(
            Relation::seen_from(LinkKind::Child, false),
            Relation::Parent
        );
        assert_eq!(
            Relation::seen_from(LinkKind::Duplicate, true),
            Relation::MergedInto
        );
        assert_eq!(
            Relation::seen_from(LinkKind::Duplicate, false),
            Relation::DuplicateHere
        );
        use crate::domain::Status;
        assert!(can_merge(Status::Open, Status::Resolved));
        assert!(!can_merge(Status::Closed, Status::Open));
        assert!(!can_merge(Status::Open, Status::Archived));
        for k in LinkKind::ALL {
            assert_eq!(LinkKind::parse(k.code()), Some(k));
        }
    }
}
