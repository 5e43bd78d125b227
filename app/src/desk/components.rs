//! Pieces of the desk that take props and show them: the service-level panel and due cells.

use crate::domain::format::{date_time, hours_minutes};
use crate::domain::views::ServiceLevel;
use crate::i18n::explain_due;
use crate::ui::{use_lang, use_texts};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// A queue cell: the due time, or that the clock is paused, and whether it is overdue.
#[component]
pub fn DueCell(due_at: Option<DateTime<Utc>>, paused: bool, breached: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    match due_at {
        Some(due) => view! {
            <time datetime=due.to_rfc3339() class:overdue=breached>{date_time(due, lang)}</time>
            {breached.then(|| view! { " " <span class="badge badge-overdue">{t.sla_overdue}</span> })}
        }
        .into_any(),
        None if paused => view! { <span class="muted">{t.sla_paused}</span> }.into_any(),
        None => view! { <span class="muted">"–"</span> }.into_any(),
    }
}

/// What the advisor needs to know about a request's service level, with why it is due when it is.
#[component]
pub fn ServiceLevelPanel(sl: ServiceLevel) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let first_response = sl.first_response_due.map(|due| {
        let answered = sl
            .first_response_at
            .map(|at| view! { " · "{t.sla_answered}" "{date_time(at, lang)} });
        view! {
            <dt>{t.sla_first_response}</dt>
            <dd><time datetime=due.to_rfc3339()>{date_time(due, lang)}</time>{answered}</dd>
        }
    });
    let due = match (sl.due_at, sl.paused_since, &sl.policy_name) {
        (Some(due), _, _) => view! {
            <DueCell due_at=Some(due) paused=false breached=sl.breached/>
            {sl.explanation.as_ref().map(|e| view! { <p class="explain" data-testid="due-explanation">{explain_due(e, lang)}</p> })}
        }
        .into_any(),
        (None, Some(_), _) => view! { <span>{t.sla_paused}</span> }.into_any(),
        (None, None, _) => view! { <span class="muted">{t.sla_none}</span> }.into_any(),
    };
    view! {
        <section aria-labelledby="sla-heading" class="sla-panel">
            <h2 id="sla-heading">{t.sla_heading}</h2>
            <dl class="facts">
                <dt>{t.f_type}</dt><dd>{t.request_type(sl.request_type)}</dd>
                <dt>{t.col_priority}</dt>
                <dd>
                    <span class=format!("badge badge-priority-{}", sl.priority.code())>{t.priority(sl.priority)}</span>
                    " ("{t.f_urgency}": "{t.level(sl.urgency.code())}", "{t.f_impact}": "{t.level(sl.impact.code())}")"
                </dd>
                {sl.policy_name.clone().map(|name| view! { <dt>{t.sla_policy}</dt><dd>{name}</dd> })}
                {first_response}
                <dt>{t.col_due}</dt><dd data-testid="due">{due}</dd>
                {(sl.supplier_wait_minutes > 0).then(|| view! {
                    <dt>{t.sla_supplier_wait}</dt><dd>{hours_minutes(i64::from(sl.supplier_wait_minutes))}</dd>
                })}
            </dl>
        </section>
    }
}
