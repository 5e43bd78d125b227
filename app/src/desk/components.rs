//! Pieces of the desk that take props and show them: due cells, the service-level panel, the
//! classification form, the linked requests, the work order and the legal hold.

use super::api::{
    ClassifyRequest, CompleteWorkOrder, CreateWorkOrder, DelegateRequest, HandBackRequest,
    JoinWorkOrder, LinkRequest, SetLegalHold,
};
use crate::domain::Localized;
use crate::domain::classification::{ClassifyInput, Length, Priority, RequestType};
use crate::domain::delegation::DelegateInput;
use crate::domain::delegation::ReturnInput;
use crate::domain::format::{date_time, hours_minutes};
use crate::domain::links::LinkInput;
use crate::domain::pages::ClassOptions;
use crate::domain::retention::HoldInput;
use crate::domain::views::{DelegationStep, LinkedRequest, ServiceLevel, WorkOrderView};
use crate::domain::work_order::ResolutionInput;
use crate::domain::work_order::WorkOrderInput;
use crate::error::FieldErrors;
use crate::i18n::{Texts, explain_due};
use crate::ui::DueCell;
use crate::ui::{
    ErrorSummary, FieldMessage, SelectField, StatusBadge, TextField, invalid, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;

/// What the advisor needs to know about a request's service level, with why it is due when it is.
#[component]
pub fn ServiceLevelPanel(sl: ServiceLevel) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let first_response = sl.first_response_due.map(|due| {
        let answered = sl
            .first_response_at
            .map(|at| view! { " · "{t.desk.sla_answered}" "{date_time(at, lang)} });
        view! {
            <dt>{t.common.sla_first_response}</dt>
            <dd><time datetime=due.to_rfc3339()>{date_time(due, lang)}</time>{answered}</dd>
        }
    });
    let due = match (sl.due_at, sl.paused_since, &sl.policy_name) {
        (Some(due), _, _) => view! {
            <DueCell due_at=Some(due) paused=false breached=sl.breached/>
            {sl.explanation.as_ref().map(|e| view! { <p class="explain" data-testid="due-explanation">{explain_due(e, lang)}</p> })}
        }
        .into_any(),
        (None, Some(_), _) => view! { <span>{t.desk.sla_paused}</span> }.into_any(),
        (None, None, _) => view! { <span class="muted">{t.desk.sla_none}</span> }.into_any(),
    };
    view! {
        <section aria-labelledby="sla-heading" class="sla-panel">
            <h2 id="sla-heading">{t.desk.sla_heading}</h2>
            <dl class="facts">
                <dt>{t.common.f_type}</dt><dd>{t.request_type(sl.request_type)}</dd>
                <dt>{t.common.col_priority}</dt>
                <dd>
                    <span class=format!("badge badge-priority-{}", sl.priority.code())>{t.priority(sl.priority)}</span>
                    " ("{t.common.f_urgency}": "{t.level(sl.urgency.code())}", "{t.common.f_impact}": "{t.level(sl.impact.code())}")"
                </dd>
                <dt>{t.desk.f_expected_length}</dt><dd data-testid="expected-length">{t.length(sl.length)}</dd>
                {sl.policy_name.clone().map(|name| view! { <dt>{t.desk.sla_policy}</dt><dd>{name}</dd> })}
                {first_response}
                <dt>{t.desk.col_due}</dt><dd data-testid="due">{due}</dd>
                {(sl.supplier_wait_minutes > 0).then(|| view! {
                    <dt>{t.desk.sla_supplier_wait}</dt><dd>{hours_minutes(i64::from(sl.supplier_wait_minutes))}</dd>
                })}
                {(sl.delegated_minutes > 0).then(|| view! {
                    <dt>{t.desk.sla_delegated}</dt><dd>{hours_minutes(i64::from(sl.delegated_minutes))}</dd>
                })}
            </dl>
        </section>
    }
}

/// The labels of the classification form's fields, for its error summary.
pub fn class_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "request_type" => t.common.f_type,
        "category_id" => t.common.lv_category,
        "problem_code_id" => t.common.lv_problem_code,
        "urgency" => t.common.f_urgency,
        "impact" => t.common.f_impact,
        "priority" => t.common.col_priority,
        "expected_length" => t.desk.f_expected_length,
        _ => t.desk.f_override_reason,
    }
}

/// Reclassifying a request: type, category, problem code, urgency and impact, and a priority that
/// follows the matrix unless overridden with a reason. Collapsed unless it has errors.
#[component]
pub fn ClassifyForm(
    id: i64,
    sl: ServiceLevel,
    options: ClassOptions,
    action: Post<ClassifyRequest>,
    typed: Option<ClassifyInput>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let typed = typed.unwrap_or_else(|| ClassifyInput {
        request_type: sl.request_type.code().into(),
        category_id: sl.category_id.map(|c| c.to_string()).unwrap_or_default(),
        problem_code_id: sl
            .problem_code_id
            .map(|c| c.to_string())
            .unwrap_or_default(),
        urgency: sl.urgency.code().into(),
        impact: sl.impact.code().into(),
        expected_length: sl.length.code().into(),
        ..Default::default()
    });
    let open = move || !errors.with(FieldErrors::is_empty);
    let categories: Vec<(String, String)> = options
        .categories
        .iter()
        .map(|(id, n)| (id.to_string(), n.get(lang).to_string()))
        .collect();
    let codes: Vec<(String, String)> = options
        .problem_codes
        .iter()
        .map(|(id, cat, n)| {
            let category = options
                .categories
                .iter()
                .find(|(c, _)| c == cat)
                .map(|(_, name)| name.get(lang).to_string())
                .unwrap_or_default();
            (id.to_string(), format!("{category}: {}", n.get(lang)))
        })
        .collect();
    let levels = || {
        [
            ("high", t.common.lvl_high),
            ("medium", t.common.lvl_medium),
            ("low", t.common.lvl_low),
        ]
        .into_iter()
        .map(|(c, n)| (c.to_string(), n.to_string()))
        .collect::<Vec<_>>()
    };
    view! {
        <details class="classify" id="classify" open=open>
            <summary aria-keyshortcuts="c">{t.desk.classify_open}</summary>
            <ErrorSummary errors labels=class_label/>
            <PostForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string()/>
                <SelectField errors field="request_type" name="class[request_type]" label=t.common.f_type
                    options=RequestType::ALL.iter().map(|ty| (ty.code().to_string(), t.request_type(*ty).to_string())).collect()
                    chosen=typed.request_type.clone()/>
                <SelectField errors field="category_id" name="class[category_id]" label=t.common.lv_category empty=t.desk.none_option
                    options=categories chosen=typed.category_id.clone()/>
                <SelectField errors field="problem_code_id" name="class[problem_code_id]" label=t.common.lv_problem_code
                    empty=t.desk.none_option options=codes chosen=typed.problem_code_id.clone()/>
                <SelectField errors field="urgency" name="class[urgency]" label=t.common.f_urgency options=levels()
                    chosen=typed.urgency.clone()/>
                <SelectField errors field="impact" name="class[impact]" label=t.common.f_impact options=levels()
                    chosen=typed.impact.clone()/>
                <SelectField errors field="priority" name="class[priority]" label=t.common.col_priority empty=t.desk.priority_from_matrix
                    options=Priority::ALL.iter().map(|p| (p.code().to_string(), t.priority(*p).to_string())).collect()
                    chosen=typed.priority.clone()/>
                <TextField errors field="reason" name="class[reason]" label=t.desk.f_override_reason value=typed.reason.clone()/>
                <SelectField errors field="expected_length" name="class[expected_length]" label=t.desk.f_expected_length
                    options=Length::ALL.iter().map(|l| (l.code().to_string(), t.length(*l).to_string())).collect()
                    chosen=typed.expected_length.clone()/>
                <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>{t.desk.classify_save}</button>
            </PostForm>
        </details>
    }
}

/// The requests linked to this one, and the form to link another by its number.
#[component]
pub fn LinksPanel(
    id: i64,
    links: Vec<LinkedRequest>,
    action: Post<LinkRequest>,
    typed: Option<LinkInput>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let t = use_texts();
    let typed = typed.unwrap_or_default();
    let label = |t: &'static Texts, field: &str| {
        if field == "choice" {
            t.desk.f_link_choice
        } else {
            t.desk.f_link_number
        }
    };
    let choices = [
        ("related", t.desk.choice_related),
        ("child", t.desk.choice_child),
        ("merge_into", t.desk.choice_merge),
    ];
    view! {
        <section aria-labelledby="links-heading" class="links">
            <h2 id="links-heading">{t.desk.links_heading}</h2>
            {if links.is_empty() {
                view! { <p class="muted">{t.desk.links_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="link-list">
                        {links.into_iter().map(|l| view! {
                            <li>
                                <span class="muted">{t.relation(l.relation)}": "</span>
                                <a href=format!("/desk/r/{}", l.id)><span class="number">{l.number}</span>" "{l.subject}</a>
                                " "<StatusBadge status=l.status/>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ErrorSummary errors labels=label/>
            <PostForm action attr:class="form inline-fields" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string()/>
                <TextField errors field="number" name="link[number]" label=t.desk.f_link_number value=typed.number/>
                <div class="field">
                    <label for="f-choice">{t.desk.f_link_choice}</label>
                    <FieldMessage errors field="choice"/>
                    <select id="f-choice" name="link[choice]">
                        {choices.into_iter().map(|(v, text)| view! {
                            <option value=v selected=typed.choice == v>{text}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>{t.desk.link_save}</button>
            </PostForm>
        </section>
    }
}

/// Whether the request is on legal hold and, for supervisors and administrators, the form that
/// puts it on hold or lifts it (grounds required).
#[component]
pub fn HoldPanel(
    id: i64,
    on: bool,
    can_hold: bool,
    action: Post<SetLegalHold>,
    typed: Option<HoldInput>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let t = use_texts();
    let typed = typed.unwrap_or_default();
    let label = |t: &'static Texts, _: &str| t.desk.f_hold_reason;
    view! {
        <section aria-labelledby="hold-heading" class="hold">
            <h2 id="hold-heading">{t.desk.hold_heading}</h2>
            <p data-testid="hold">{if on { t.desk.hold_on } else { t.desk.hold_off }}</p>
            {can_hold.then(|| view! {
                <ErrorSummary errors labels=label/>
                <PostForm action attr:class="form" attr:novalidate="">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="on" value=(!on).to_string()/>
                    <TextField errors field="hold_reason" name="hold[grounds]" label=t.desk.f_hold_reason value=typed.grounds required=true/>
                    <button type="submit" class="button button-secondary">{if on { t.common.hold_lift } else { t.common.hold_set }}</button>
                </PostForm>
            })}
        </section>
    }
}

/// The actions of the work-order panel.
#[derive(Clone, Copy)]
pub struct WorkOrderActions {
    pub create: Post<CreateWorkOrder>,
    pub join: Post<JoinWorkOrder>,
    pub complete: Post<CompleteWorkOrder>,
}

/// The request's work order with the requests in it and the form completing it, or the forms to
/// create one or join an open one.
#[component]
pub fn WorkOrderPanel(
    id: i64,
    order: Option<WorkOrderView>,
    open: Vec<(i64, String)>,
    actions: WorkOrderActions,
    wo_typed: Option<WorkOrderInput>,
    res_typed: Option<ResolutionInput>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let t = use_texts();
    let label = |t: &'static Texts, field: &str| match field {
        "res_fi" => t.desk.f_res_fi,
        "res_sv" => t.desk.f_res_sv,
        "res_en" => t.desk.f_res_en,
        _ => t.desk.f_wo_title,
    };
    let body = match order {
        Some(w) => {
            let res = res_typed.unwrap_or_default();
            let complete = (!w.done).then(|| view! {
                <h3>{t.desk.wo_complete_heading}</h3>
                <p class="hint">{t.desk.wo_complete_hint}</p>
                <PostForm action=actions.complete attr:class="form" attr:novalidate="">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="work_order_id" value=w.id.to_string()/>
                    <TextField errors field="res_fi" name="res[fi]" label=t.desk.f_res_fi value=res.fi required=true/>
                    <TextField errors field="res_sv" name="res[sv]" label=t.desk.f_res_sv value=res.sv required=true/>
                    <TextField errors field="res_en" name="res[en]" label=t.desk.f_res_en value=res.en required=true/>
                    <button type="submit" class="button button-secondary">{t.desk.wo_complete}</button>
                </PostForm>
            });
            view! {
                <p data-testid="work-order"><strong>{w.title}</strong>
                    {w.done.then(|| view! { " " <span class="badge badge-resolved">{t.desk.wo_done}</span> })}
                </p>
                <h3>{t.desk.wo_members}</h3>
                <ul class="link-list">
                    {w.members.into_iter().map(|m| view! {
                        <li>
                            <a href=format!("/desk/r/{}", m.id)><span class="number">{m.number}</span>" "{m.subject}</a>
                            " "<span class="lang-tag">{m.language.code()}</span>" "<StatusBadge status=m.status/>
                        </li>
                    }).collect_view()}
                </ul>
                {complete}
            }
            .into_any()
        }
        None => {
            let typed = wo_typed.unwrap_or_default();
            let join = (!open.is_empty()).then(|| view! {
                <PostForm action=actions.join attr:class="form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="f-work_order_id">{t.desk.f_wo_join}</label>
                        <select id="f-work_order_id" name="work_order_id">
                            {open.into_iter().map(|(w, title)| view! { <option value=w.to_string()>{title}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button-secondary">{t.desk.wo_join}</button>
                </PostForm>
            });
            view! {
                <p class="muted">{t.desk.wo_none}</p>
                {join}
                <PostForm action=actions.create attr:class="form" attr:novalidate="">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <TextField errors field="wo_title" name="wo[title]" label=t.desk.f_wo_title value=typed.title/>
                    <button type="submit" class="button button-secondary">{t.desk.wo_create}</button>
                </PostForm>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="wo-heading" class="work-order">
            <h2 id="wo-heading">{t.desk.wo_heading}</h2>
            <ErrorSummary errors labels=label/>
            {body}
        </section>
    }
}

/// The delegation trail, oldest first: who handed it to whom, with what instructions, and the
/// hand-back.
#[component]
pub fn DelegationTrail(trail: Vec<DelegationStep>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    (!trail.is_empty()).then(|| {
        view! {
            <h3>{t.desk.dlg_trail}</h3>
            <ol class="trail">
                {trail.into_iter().map(|s| view! {
                    <li>
                        <p>{s.from.get(lang).to_string()}" → "<strong>{s.to.get(lang).to_string()}</strong>
                            " · "{date_time(s.at, lang)}</p>
                        <p class="event-body">{s.note}</p>
                        {s.returned_at.map(|at| view! {
                            <p>{t.desk.dlg_returned}" · "{date_time(at, lang)}</p>
                            <p class="event-body">{s.return_note.clone().unwrap_or_default()}</p>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        }
    })
}

/// The actions of the delegation panel.
#[derive(Clone, Copy)]
pub struct DelegationActions {
    pub delegate: Post<DelegateRequest>,
    pub hand_back: Post<HandBackRequest>,
}

/// For the owner: the form handing the request to another organisation, or while delegated the
/// form taking it back; and the trail.
#[component]
pub fn DelegationPanel(
    id: i64,
    delegated: bool,
    trail: Vec<DelegationStep>,
    others: Vec<(i64, Localized)>,
    actions: DelegationActions,
    typed: Option<DelegateInput>,
    return_typed: Option<ReturnInput>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let label = |t: &'static Texts, field: &str| match field {
        "to_org" => t.desk.dlg_to,
        "return_note" => t.desk.dlg_return_note,
        _ => t.desk.dlg_note,
    };
    let current = trail
        .iter()
        .rev()
        .find(|s| s.returned_at.is_none())
        .map(|s| s.to.get(lang).to_string());
    let form = if delegated {
        let back = return_typed.unwrap_or_default();
        view! {
            <p data-testid="delegated">{t.desk.dlg_now}" "<strong>{current}</strong></p>
            <PostForm action=actions.hand_back attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string()/>
                <TextField errors field="return_note" name="back[return_note]" label=t.desk.dlg_return_note value=back.return_note required=true/>
                <button type="submit" class="button button-secondary">{t.desk.dlg_take_back}</button>
            </PostForm>
        }
        .into_any()
    } else {
        let typed = typed.unwrap_or_default();
        view! {
            <PostForm action=actions.delegate attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="f-to_org">{t.desk.dlg_to}</label>
                    <FieldMessage errors field="to_org"/>
                    <select id="f-to_org" name="delegation[to_org]" aria-invalid=invalid(errors, "to_org")>
                        {others.into_iter().map(|(o, name)| {
                            let v = o.to_string();
                            let selected = v == typed.to_org;
                            view! { <option value=v selected=selected>{name.get(lang).to_string()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox">
                    <input type="checkbox" id="f-share_timeline" name="delegation[share_timeline]" value="on"
                        checked=typed.share_timeline.is_some()/>
                    <label for="f-share_timeline">{t.desk.dlg_share_timeline}</label>
                </div>
                <div class="field checkbox">
                    <input type="checkbox" id="f-share_contact" name="delegation[share_contact]" value="on"
                        checked=typed.share_contact.is_some()/>
                    <label for="f-share_contact">{t.desk.dlg_share_contact}</label>
                </div>
                <TextField errors field="note" name="delegation[note]" label=t.desk.dlg_note value=typed.note required=true/>
                <button type="submit" class="button button-secondary">{t.desk.dlg_send}</button>
            </PostForm>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="dlg-heading" class="delegation">
            <h2 id="dlg-heading">{t.desk.dlg_heading}</h2>
            <ErrorSummary errors labels=label/>
            {form}
            <DelegationTrail trail/>
        </section>
    }
}

/// What the customer sent besides the message: the form's answers, files (downloads), survey
/// answers and hurry-ups.
#[component]
pub fn CustomerInputPanel(input: crate::domain::views::CustomerInput) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let empty = input.answers.is_empty()
        && input.files.is_empty()
        && input.surveys.is_empty()
        && input.hurry_count == 0;
    (!empty).then(|| {
        view! {
            <section class="panel" aria-labelledby="customer-input">
                <h2 id="customer-input">{t.desk.desk_customer_input}</h2>
                {input.last_hurry_at.map(|at| view! {
                    <p class="notice" data-testid="hurried">
                        {t.common.ev_hurry_up}": "{input.hurry_count}" · "{crate::domain::format::date_time(at, lang)}
                    </p>
                })}
                {(!input.answers.is_empty()).then(|| view! {
                    <dl class="facts" data-testid="answers">
                        {input.answers.into_iter().map(|(label, answer)| view! {
                            <dt>{label}</dt><dd>{answer}</dd>
                        }).collect_view()}
                    </dl>
                })}
                {(!input.files.is_empty()).then(|| view! {
                    <h3>{t.common.f_files}</h3>
                    <ul class="files">
                        {input.files.into_iter().map(|(id, name, size)| view! {
                            <li><a href=format!("/files/s/{id}") download="">{name}</a>" ("{size.max(0) / 1024 + 1}" kB)"</li>
                        }).collect_view()}
                    </ul>
                })}
                {(!input.surveys.is_empty()).then(|| view! {
                    <h3>{t.common.survey_heading}</h3>
                    <ul>
                        {input.surveys.into_iter().map(|s| view! {
                            <li data-testid="survey-score">{s.score}"/10 · "{crate::domain::format::date_time(s.at, lang)}
                                {s.comment.map(|c| view! { <br/>{c} })}</li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        }
    })
}

/// Mail that answers the request from someone other than its customer, each with the choice to
/// add it here or make a new request of it (a plain form post: no script needed).
#[component]
pub fn HeldMailPanel(id: i64, held: Vec<crate::domain::views::HeldMail>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    (!held.is_empty()).then(|| {
        let mails = held
            .into_iter()
            .map(|m| {
                view! {
                    <article class="held-mail">
                        <p><strong>{m.from}</strong>" · "{date_time(m.at, lang)}<br/>{m.subject}</p>
                        <p class="message-body">{m.body}</p>
                        <form method="post" action="/api/decide_held_mail">
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="mail" value=m.id/>
                            <button type="submit" name="into" value="add" class="button">{t.desk.held_add}</button>
                            " "
                            <button type="submit" name="into" value="new" class="button button-secondary">{t.desk.held_new}</button>
                        </form>
                    </article>
                }
            })
            .collect_view();
        view! {
            <section class="panel panel-held" aria-labelledby="held-heading">
                <h2 id="held-heading">{t.desk.held_heading}</h2>
                <p class="hint">{t.desk.held_hint}</p>
                {mails}
            </section>
        }
    })
}

/// The warning at the top of the request view when a message to the customer could not be
/// delivered, with the address and the mail server's answer, so the advisor phones instead.
#[component]
pub fn MailFailedNotice(undelivered: Vec<String>) -> impl IntoView {
    let t = use_texts();
    (!undelivered.is_empty()).then(|| {
        view! {
            <div class="notice notice-error" role="alert">
                <p>{t.desk.mail_failed_notice}</p>
                <ul>{undelivered.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            </div>
        }
    })
}
