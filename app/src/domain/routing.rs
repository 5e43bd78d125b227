//! Routing: which rule a new request meets, and whom it goes to. Rules are tried in order; the
//! first whose every set condition holds places the request in its queue and, when it says so,
//! gives it to the member whose skills fit with the least work, round-robin among equals and
//! among everyone with room when nobody's skills fit.

use crate::domain::classification::RequestType;
use crate::domain::errors::FieldErrors;
use crate::domain::people::Skills;
use crate::domain::queues::choice;
use crate::domain::{Lang, Localized};
use serde::{Deserialize, Serialize};

const MAX_KEYWORDS: usize = 20;
const MAX_KEYWORD: usize = 60;
const MAX_NAME: usize = 200;

/// A routing rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: i64,
    pub name: String,
    pub request_type: Option<RequestType>,
    pub category_id: Option<i64>,
    pub language: Option<Lang>,
    /// Lower-case; any of them in the subject or message.
    pub keywords: Vec<String>,
    /// Compared case-insensitively with the customer's organisation.
    pub customer_org: Option<String>,
    /// The queue it places requests in, with its name.
    pub queue: Option<(i64, Localized)>,
    pub assign: bool,
}

/// What routing reads of a new request.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub request_type: RequestType,
    pub category_id: Option<i64>,
    pub language: Lang,
    pub subject: &'a str,
    pub message: &'a str,
    pub customer_org: Option<&'a str>,
}

impl Rule {
    /// Whether every condition this rule sets holds for `f`.
    pub fn matches(&self, f: &Facts<'_>) -> bool {
        let text = || format!("{}\n{}", f.subject, f.message).to_lowercase();
        self.request_type.is_none_or(|t| t == f.request_type)
            && self.category_id.is_none_or(|c| Some(c) == f.category_id)
            && self.language.is_none_or(|l| l == f.language)
            && self.customer_org.as_deref().is_none_or(|o| {
                f.customer_org
                    .is_some_and(|c| c.trim().to_lowercase() == o.to_lowercase())
            })
            && (self.keywords.is_empty() || {
                let text = text();
                self.keywords.iter().any(|k| text.contains(k.as_str()))
            })
    }
}

/// The first of `rules` (in order) that `f` meets.
pub fn first_match<'a>(rules: &'a [Rule], f: &Facts<'_>) -> Option<&'a Rule> {
    rules.iter().find(|r| r.matches(f))
}

/// A member who could be given the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: i64,
    pub skills: Skills,
    pub capacity: i32,
    /// Active requests they hold now.
    pub open: i64,
}

/// How the assignee was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Their skills fit, and they had the least work.
    SkillsAndLoad,
    /// Nobody's skills fit: the next in turn of those with room.
    RoundRobin,
}

/// Whom a request in `language` and category `category_id` goes to: among members with room,
/// those whose skills fit, the least loaded, the first after `last` (the rule's previous pick) in
/// id order among equals; when nobody's skills fit, the next after `last` of everyone with room.
pub fn pick(
    candidates: &[Candidate],
    language: Lang,
    category_id: Option<i64>,
    last: Option<i64>,
) -> Option<(i64, Method)> {
    let with_room: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| crate::domain::people::has_room(c.open, c.capacity))
        .collect();
    let fitting: Vec<&Candidate> = with_room
        .iter()
        .copied()
        .filter(|c| c.skills.fits(language, category_id))
        .collect();
    let after_last = |pool: &[&Candidate]| -> Option<i64> {
        let mut ids: Vec<i64> = pool.iter().map(|c| c.user_id).collect();
        ids.sort_unstable();
        let next = last.and_then(|l| ids.iter().find(|id| **id > l).copied());
        next.or_else(|| ids.first().copied())
    };
    if let Some(least) = fitting.iter().map(|c| c.open).min() {
        let equals: Vec<&Candidate> = fitting.into_iter().filter(|c| c.open == least).collect();
        return after_last(&equals).map(|id| (id, Method::SkillsAndLoad));
    }
    after_last(&with_room).map(|id| (id, Method::RoundRobin))
}

/// The add-a-rule form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleInput {
    pub name: String,
    pub request_type: String,
    pub category: String,
    pub language: String,
    /// Comma-separated.
    pub keywords: String,
    pub customer_org: String,
    pub queue: String,
    /// `"on"` when ticked.
    pub assign: String,
}

/// A rule as checked, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRule {
    pub name: String,
    pub request_type: Option<RequestType>,
    pub category_id: Option<i64>,
    pub language: Option<Lang>,
    pub keywords: Vec<String>,
    pub customer_org: Option<String>,
    pub queue_id: Option<i64>,
    pub assign: bool,
}

impl RuleInput {
    /// Checks every field at once. `categories` and `queues` are the organisation's (its routed
    /// queues); a rule must do something: place the request in a queue or assign it.
    pub fn parse(&self, categories: &[i64], queues: &[i64]) -> Result<NewRule, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = crate::domain::request::required_text(&self.name, MAX_NAME, "name", &mut errors);
        let request_type = choice(
            &self.request_type,
            "request_type",
            RequestType::parse,
            &mut errors,
        );
        let category_id = choice(
            &self.category,
            "category",
            |c| c.parse().ok().filter(|id| categories.contains(id)),
            &mut errors,
        );
        let language = choice(&self.language, "language", Lang::parse, &mut errors);
        let mut keywords: Vec<String> = Vec::new();
        for k in self.keywords.split(',').map(|k| k.trim().to_lowercase()) {
            if k.is_empty() || keywords.contains(&k) {
                continue;
            }
            if k.chars().count() > MAX_KEYWORD {
                errors.add("keywords", "too_long");
            }
            keywords.push(k);
        }
        if keywords.len() > MAX_KEYWORDS {
            errors.add("keywords", "too_many_keywords");
        }
        let org = self.customer_org.trim();
        if org.chars().count() > MAX_NAME {
            errors.add("customer_org", "too_long");
        }
        let queue_id = choice(
            &self.queue,
            "queue",
            |q| q.parse().ok().filter(|id| queues.contains(id)),
            &mut errors,
        );
        let assign = self.assign == "on";
        if queue_id.is_none() && !assign && errors.get("queue").is_none() {
            errors.add("queue", "rule_does_nothing");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewRule {
            name,
            request_type,
            category_id,
            language,
            keywords,
            customer_org: (!org.is_empty()).then(|| org.to_string()),
            queue_id,
            assign,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(keywords: &[&str]) -> Rule {
        Rule {
            id: 1,
            name: "Laskut".into(),
            request_type: None,
            category_id: None,
            language: None,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            customer_org: None,
            queue: None,
            assign: true,
        }
    }

    fn facts<'a>(subject: &'a str, org: Option<&'a str>) -> Facts<'a> {
        Facts {
            request_type: RequestType::InformationRequest,
            category_id: Some(3),
            language: Lang::Fi,
            subject,
            message: "Hei",
            customer_org: org,
        }
    }

    #[test]
    fn a_rule_matches_when_every_condition_it_sets_holds() {
        assert!(rule(&[]).matches(&facts("Mitä tahansa", None)));
        assert!(rule(&["lasku"]).matches(&facts("LASKU tuli kahdesti", None)));
        assert!(!rule(&["lasku"]).matches(&facts("Kortti", None)));
        let mut swedish = rule(&[]);
        swedish.language = Some(Lang::Sv);
        assert!(!swedish.matches(&facts("Kortti", None)));
        let mut company = rule(&[]);
        company.customer_org = Some("Kuljetus Oy".into());
        assert!(company.matches(&facts("Kortti", Some(" kuljetus oy"))));
        assert!(!company.matches(&facts("Kortti", None)));
        let mut permits = rule(&[]);
        permits.category_id = Some(4);
        assert!(!permits.matches(&facts("Kortti", None)));
    }

    #[test]
    fn the_first_matching_rule_in_order_decides() {
        let rules = [rule(&["lasku"]), Rule { id: 2, ..rule(&[]) }];
        assert_eq!(
            first_match(&rules, &facts("Lasku", None)).map(|r| r.id),
            Some(1)
        );
        assert_eq!(
            first_match(&rules, &facts("Kortti", None)).map(|r| r.id),
            Some(2)
        );
    }

    fn candidate(user_id: i64, languages: Vec<Lang>, capacity: i32, open: i64) -> Candidate {
        Candidate {
            user_id,
            skills: Skills {
                languages,
                category_ids: vec![],
            },
            capacity,
            open,
        }
    }

    #[test]
    fn the_least_loaded_fitting_member_gets_it_and_equals_take_turns() {
        let team = [
            candidate(1, vec![Lang::Sv], 10, 0),
            candidate(2, vec![Lang::Fi], 10, 3),
            candidate(3, vec![], 10, 3),
            candidate(4, vec![Lang::Fi], 10, 5),
        ];
        assert_eq!(
            pick(&team, Lang::Fi, None, None),
            Some((2, Method::SkillsAndLoad))
        );
        assert_eq!(
            pick(&team, Lang::Fi, None, Some(2)),
            Some((3, Method::SkillsAndLoad)),
            "the next of the equally loaded"
        );
        assert_eq!(
            pick(&team, Lang::Fi, None, Some(3)),
            Some((2, Method::SkillsAndLoad)),
            "and round again"
        );
    }

    #[test]
    fn when_nobodys_skills_fit_everyone_with_room_takes_turns() {
        let team = [
            candidate(1, vec![Lang::Sv], 10, 0),
            candidate(2, vec![Lang::Sv], 2, 2),
            candidate(3, vec![Lang::Sv], 10, 9),
        ];
        assert_eq!(
            pick(&team, Lang::En, None, Some(1)),
            Some((3, Method::RoundRobin)),
            "the full one is passed over"
        );
        assert_eq!(pick(&team[1..2], Lang::En, None, None), None);
    }

    #[test]
    fn a_rule_needs_a_name_and_something_to_do() {
        let e = RuleInput::default().parse(&[], &[]).expect_err("invalid");
        assert_eq!(e.get("name"), Some("required"));
        assert_eq!(e.get("queue"), Some("rule_does_nothing"));
        let r = RuleInput {
            name: "Laskut".into(),
            keywords: "Lasku, faktura,, lasku ".into(),
            queue: "5".into(),
            ..Default::default()
        }
        .parse(&[], &[5])
        .expect("valid");
        assert_eq!(r.keywords, vec!["lasku", "faktura"]);
        assert_eq!(r.queue_id, Some(5));
        let e = RuleInput {
            name: "X".into(),
            queue: "6".into(),
            ..Default::default()
        }
        .parse(&[], &[5])
        .expect_err("invalid");
        assert_eq!(
            e.get("queue"),
            Some("choose"),
            "another organisation's queue"
        );
    }
}
