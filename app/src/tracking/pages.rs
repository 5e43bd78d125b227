//! The tracking page.

use super::api::{AnswerRequest, CancelRequest, TrackingPage, load_tracking};
use crate::domain::format::date_time;
use crate::domain::views::{EventDetail, EventKind, TimelineEntry};
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, ErrorView, FieldMessage, StatusBadge, described_by, form_errors,
    invalid, use_lang, use_texts,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/track/:token`: status, public timeline and the answer box.
#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("token").unwrap_or_default(),
                q.get("form"),
                q.get("sent"),
                q.get("cancelled"),
            )
        },
        |(token, form, _sent, _cancelled)| load_tracking(token, form),
    );
    view! {
        <Suspense fallback=move || view! { <p>{use_texts().loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <TrackingView page/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrackingView(page: TrackingPage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let params = use_params_map();
    let answer = ServerAction::<AnswerRequest>::new();
    let cancel = ServerAction::<CancelRequest>::new();
    let cancel_errors = form_errors(cancel.value(), page.cancel_errors.clone());
    let flashed = page.flash.clone().map(|f| f.errors).unwrap_or_default();
    let errors = form_errors(answer.value(), flashed);
    let typed = page.flash.map(|f| f.values.message).unwrap_or_default();
    let r = page.request;
    let sent = move || query.read().get("sent").is_some() && errors.with(|e| e.is_empty());
    let cancelled = move || query.read().get("cancelled").is_some();
    let heading = if r.status == crate::domain::Status::WaitingForCustomer {
        t.track_answer
    } else {
        t.track_add_info
    };
    view! {
        <Title text=format!("{} {}", t.track_heading, r.number)/>
        <p class="eyebrow">{r.organisation.get(lang).to_string()}</p>
        <h1>{t.track_heading}": "<span class="number">{r.number.clone()}</span></h1>
        <dl class="facts">
            <dt>{t.f_subject}</dt><dd>{r.subject.clone()}</dd>
            <dt>{t.track_status}</dt><dd data-testid="status"><StatusBadge status=r.status/></dd>
            <dt>{t.col_received}</dt><dd>{date_time(r.created_at, lang)}</dd>
            {r.expected_by.map(|at| view! {
                <dt>{t.track_expected}</dt>
                <dd data-testid="expected"><time datetime=at.to_rfc3339()>{date_time(at, lang)}</time></dd>
            })}
        </dl>
        <Show when=sent>
            <div class="notice notice-success" role="status"><p>{t.track_sent}</p></div>
        </Show>
        <Show when=cancelled>
            <div class="notice notice-success" role="status"><p>{t.track_cancelled}</p></div>
        </Show>
        <h2>{t.track_timeline}</h2>
        <Timeline entries=r.timeline staff_view=false/>
        {if page.can_write {
            view! {
                <section aria-labelledby="answer-heading" class="answer">
                    <h2 id="answer-heading">{heading}</h2>
                    <ErrorSummary errors labels=|t: &'static Texts, _: &str| t.f_message/>
                    <ActionFailure value=answer.value()/>
                    <ActionForm action=answer attr:class="form" attr:novalidate="">
                        <input type="hidden" name="token" value=move || params.read().get("token").unwrap_or_default()/>
                        <div class="field">
                            <label for="f-message">{t.f_message}" *"</label>
                            <FieldMessage errors field="message"/>
                            <textarea id="f-message" name="message" rows="6" aria-required="true"
                                aria-invalid=invalid(errors, "message") aria-describedby=described_by(errors, "message", false)>
                                {typed}
                            </textarea>
                        </div>
                        <button type="submit" class="button" disabled=move || answer.pending().get()>{t.send}</button>
                    </ActionForm>
                </section>
            }.into_any()
        } else {
            view! { <p class="notice">{t.track_closed}</p> }.into_any()
        }}
        {page.can_cancel.then(|| view! {
            <section aria-labelledby="cancel-heading" class="answer">
                <h2 id="cancel-heading">{t.track_cancel_heading}</h2>
                <ActionFailure value=cancel.value()/>
                <ActionForm action=cancel attr:class="form" attr:novalidate="">
                    <input type="hidden" name="token" value=move || params.read().get("token").unwrap_or_default()/>
                    <div class="field checkbox">
                        <input type="checkbox" id="f-confirm" name="confirm" value="on"
                            aria-invalid=invalid(cancel_errors, "confirm") aria-describedby=described_by(cancel_errors, "confirm", false)/>
                        <label for="f-confirm">{t.track_cancel_confirm}</label>
                    </div>
                    <FieldMessage errors=cancel_errors field="confirm"/>
                    <button type="submit" class="button button-secondary" disabled=move || cancel.pending().get()>{t.track_cancel}</button>
                </ActionForm>
            </section>
        })}
    }
}

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
                view! {
                    <li class=format!("event event-{}", e.kind.code())>
                        <p class="event-head">
                            <strong>{title}</strong>{change}
                            <span class="event-meta">{who}" · "<time datetime=e.at.to_rfc3339()>{date_time(e.at, lang)}</time></span>
                        </p>
                        {e.body.or_else(|| e.detail.as_ref().map(|d| detail_text(t, lang, d)))
                            .map(|b| view! { <div class="event-body">{b}</div> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
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
            parts.push(format!("{} {}", t.f_urgency, t.level(urgency.code())));
            parts.push(format!("{} {}", t.f_impact, t.level(impact.code())));
            parts.join(" · ")
        }
        EventDetail::Linked { relation, number } => format!("{}: {number}", t.relation(*relation)),
        EventDetail::Merged { number, into: true } => format!("{} {number}", t.rel_merged_into),
        EventDetail::Merged {
            number,
            into: false,
        } => {
            format!("{}: {number}", t.rel_duplicate_here)
        }
        EventDetail::LegalHold { on, reason } => {
            format!("{}: {reason}", if *on { t.hold_set } else { t.hold_lift })
        }
    }
}

fn describe(t: &'static Texts, e: &TimelineEntry, staff_view: bool) -> (&'static str, String) {
    let staff = || {
        if staff_view {
            e.staff_name.clone().unwrap_or_else(|| t.ev_service.into())
        } else {
            t.ev_service.into()
        }
    };
    match e.kind {
        EventKind::Submitted => (
            t.ev_submitted,
            if staff_view {
                t.customer.into()
            } else {
                t.ev_you.into()
            },
        ),
        EventKind::Reply => (t.ev_reply, staff()),
        EventKind::CustomerMessage => (
            if staff_view {
                t.customer
            } else {
                t.ev_customer_message
            },
            if staff_view {
                t.customer.into()
            } else {
                t.ev_you.into()
            },
        ),
        EventKind::StatusChanged => (
            t.ev_status_changed,
            if e.by_system {
                t.ev_system.into()
            } else if e.staff_name.is_some() {
                staff()
            } else if staff_view {
                t.customer.into()
            } else {
                t.ev_you.into()
            },
        ),
        EventKind::Classified => (t.ev_classified, staff()),
        EventKind::PriorityChanged => (t.ev_priority_changed, staff()),
        EventKind::SlaWarning => (t.ev_sla_warning, t.ev_system.into()),
        EventKind::SlaBreached => (t.ev_sla_breached, t.ev_system.into()),
        EventKind::Linked => (t.ev_linked, staff()),
        EventKind::Merged => (t.ev_merged, staff()),
        EventKind::LegalHold => (t.ev_legal_hold, staff()),
        EventKind::Delegated => (t.ev_delegated, staff()),
        EventKind::HandedBack => (t.ev_handed_back, staff()),
    }
}
