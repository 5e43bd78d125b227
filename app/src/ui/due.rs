//! When a request is due, as the queue, the board and the request view show it.

use crate::domain::format::date_time;
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
            {breached.then(|| view! { " " <span class="badge badge-overdue">{t.desk.sla_overdue}</span> })}
        }
        .into_any(),
        None if paused => view! { <span class="muted">{t.desk.sla_paused}</span> }.into_any(),
        None => view! { <span class="muted">"–"</span> }.into_any(),
    }
}
