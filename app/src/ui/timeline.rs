//! A request's timeline, as the customer sees it (tracking page) and as staff see it (request view).

use crate::domain::format::date_time;
use crate::domain::views::{EventDetail, EventKind, TimelineEntry};
use crate::i18n::Texts;
use crate::ui::{StatusBadge, use_lang, use_texts};
use leptos::prelude::*;

/// A request's timeline, oldest first. The customer sees "you" and "customer service"; staff see names.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>, staff_view: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <ol class="timeline">
            {entries.into_iter().map(|e| {
                let (title, who) = describe(t, &e, staff_view);
                let change = (e.kind == EventKind::StatusChanged).then(|| {
                    e.to_status.map(|to| view! { " → " <StatusBadge status=to/> })
                });
                // The facts of an event are its text, or a line above its text when it has both
                // (a phone call: caller, length and outcome above the summary).
                let facts = e.detail.as_ref().map(|d| detail_text(t, lang, d));
                let (line, body) = match (facts, e.body) {
                    (Some(facts), Some(body)) => (Some(facts), Some(body)),
                    (facts, body) => (None, body.or(facts)),
                };
                view! {
                    <li class=format!("event event-{}", e.kind.code())>
                        <p class="event-head">
                            <strong>{title}</strong>{change}
                            <span class="event-meta">{who}" · "<time datetime=e.at.to_rfc3339()>{date_time(e.at, lang)}</time></span>
                        </p>
                        {line.map(|l| view! { <p class="event-detail">{l}</p> })}
                        {body.map(|b| event_body(t, e.kind, b))}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// An event's text. What a customer wrote (on a form or by e-mail) shows their own words, with
/// the quoted history and signature under them collapsed.
fn event_body(t: &'static Texts, kind: EventKind, body: String) -> AnyView {
    let customer = matches!(kind, EventKind::Submitted | EventKind::CustomerMessage);
    let (own, quoted) = match customer {
        true => crate::domain::inbound::split_quote(&body),
        false => (body.as_str(), ""),
    };
    if quoted.is_empty() || own.is_empty() {
        return view! { <div class="event-body">{body}</div> }.into_any();
    }
    let (own, quoted) = (own.to_string(), quoted.trim_end().to_string());
    view! {
        <div class="event-body">
            {own}
            <details class="quoted">
                <summary>{t.common.quoted_show}</summary>
                <div class="quoted-text">{quoted}</div>
            </details>
        </div>
    }
    .into_any()
}

/// A structured event in the reader's language.
fn detail_text(t: &'static Texts, lang: crate::domain::Lang, d: &EventDetail) -> String {
    match d {
        EventDetail::Priority { from, to, reason } => {
            let moved = format!("{} → {}", t.priority(*from), t.priority(*to));
            match reason {
                Some(r) => format!("{moved}: {r}"),
                None => moved,
            }
        }
        EventDetail::Classified {
            request_type,
            category,
            problem_code,
            urgency,
            impact,
        } => {
            let mut parts = vec![t.request_type(*request_type).to_string()];
            parts.extend(category.iter().map(|c| c.get(lang).to_string()));
            parts.extend(problem_code.iter().map(|c| c.get(lang).to_string()));
            parts.push(format!(
                "{} {}",
                t.common.f_urgency,
                t.level(urgency.code())
            ));
            parts.push(format!("{} {}", t.common.f_impact, t.level(impact.code())));
            parts.join(" · ")
        }
        EventDetail::Linked { relation, number } => format!("{}: {number}", t.relation(*relation)),
        EventDetail::Merged { number, into: true } => {
            format!("{} {number}", t.common.rel_merged_into)
        }
        EventDetail::Merged {
            number,
            into: false,
        } => {
            format!("{}: {number}", t.common.rel_duplicate_here)
        }
        EventDetail::LegalHold { on, reason } => {
            format!(
                "{}: {reason}",
                if *on {
                    t.common.hold_set
                } else {
                    t.common.hold_lift
                }
            )
        }
        EventDetail::Assigned { to: Some(name) } => format!("{} {name}", t.customer.assigned_to),
        EventDetail::Assigned { to: None } => t.customer.assign_released.to_string(),
        EventDetail::PhoneCall {
            caller,
            seconds,
            outcome,
        } => format!(
            "{caller} · {} · {}",
            crate::domain::phone::minutes_seconds(*seconds),
            t.outcome(*outcome)
        ),
        EventDetail::Supplier {
            supplier,
            reference: Some(reference),
        } => format!("{supplier} · {} {reference}", t.common.supplier_reference),
        EventDetail::Supplier {
            supplier,
            reference: None,
        } => supplier.clone(),
        EventDetail::Routed {
            rule,
            queue,
            assignee,
            method,
        } => {
            let mut parts = vec![match rule {
                Some(r) => format!("{} {r}", t.customer.routed_by_rule),
                None => t.customer.routed_by_hand.to_string(),
            }];
            parts.push(match queue {
                Some(q) => format!("{} {}", t.customer.routed_queue, q.get(lang)),
                None => t.customer.routed_no_queue.to_string(),
            });
            if let Some(a) = assignee {
                let how = match method {
                    Some(crate::domain::routing::Method::RoundRobin) => {
                        t.customer.routed_round_robin
                    }
                    _ => t.customer.routed_skills,
                };
                parts.push(format!("{} {a} ({how})", t.customer.assigned_to));
            }
            parts.join(" · ")
        }
    }
}

fn describe(t: &'static Texts, e: &TimelineEntry, staff_view: bool) -> (&'static str, String) {
    let staff = || {
        if staff_view {
            e.staff_name
                .clone()
                .unwrap_or_else(|| t.customer.ev_service.into())
        } else {
            t.customer.ev_service.into()
        }
    };
    match e.kind {
        EventKind::Submitted => (
            t.customer.ev_submitted,
            if staff_view {
                t.common.customer.into()
            } else {
                t.customer.ev_you.into()
            },
        ),
        EventKind::Reply => (t.customer.ev_reply, staff()),
        EventKind::CustomerMessage => (
            if staff_view {
                t.common.customer
            } else {
                t.customer.ev_customer_message
            },
            if staff_view {
                t.common.customer.into()
            } else {
                t.customer.ev_you.into()
            },
        ),
        EventKind::StatusChanged => (
            t.customer.ev_status_changed,
            if e.by_system {
                t.customer.ev_system.into()
            } else if e.staff_name.is_some() {
                staff()
            } else if staff_view {
                t.common.customer.into()
            } else {
                t.customer.ev_you.into()
            },
        ),
        EventKind::Classified => (t.customer.ev_classified, staff()),
        EventKind::PriorityChanged => (t.customer.ev_priority_changed, staff()),
        EventKind::SlaWarning => (t.customer.ev_sla_warning, t.customer.ev_system.into()),
        EventKind::SlaBreached => (t.customer.ev_sla_breached, t.customer.ev_system.into()),
        EventKind::Linked => (t.customer.ev_linked, staff()),
        EventKind::Merged => (t.customer.ev_merged, staff()),
        EventKind::LegalHold => (t.customer.ev_legal_hold, staff()),
        EventKind::Delegated => (t.customer.ev_delegated, staff()),
        EventKind::HandedBack => (t.customer.ev_handed_back, staff()),
        EventKind::Note => (t.customer.ev_note, staff()),
        EventKind::Assigned => (t.customer.ev_assigned, staff()),
        EventKind::PhoneCall => (t.customer.ev_phone_call, staff()),
        EventKind::Supplier => (t.customer.ev_supplier, staff()),
        EventKind::MailFailed => (t.customer.ev_mail_failed, t.customer.ev_system.into()),
        EventKind::Mail => (t.customer.ev_mail, t.customer.ev_system.into()),
        EventKind::Routed => (
            t.customer.ev_routed,
            if e.staff_name.is_some() {
                staff()
            } else {
                t.customer.ev_system.into()
            },
        ),
        EventKind::HurryUp | EventKind::SurveyAnswered | EventKind::LinksRevoked => (
            match e.kind {
                EventKind::HurryUp => t.common.ev_hurry_up,
                EventKind::SurveyAnswered => t.customer.ev_survey_answered,
                _ => t.customer.ev_links_revoked,
            },
            if e.staff_name.is_some() {
                staff()
            } else if staff_view {
                t.common.customer.into()
            } else {
                t.customer.ev_you.into()
            },
        ),
    }
}
