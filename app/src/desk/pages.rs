//! The queue and the request view.

use super::api::{
    ClassifyRequest, CompleteWorkOrder, CreateWorkOrder, DelegateRequest, HandBackRequest,
    JoinWorkOrder, LinkRequest, ReplyRequest, SetLegalHold, load_delegated, load_request,
};
use super::components::{
    ClassifyForm, CustomerInputPanel, DelegationActions, DelegationPanel, DelegationTrail,
    HeldMailPanel, HoldPanel, LinksPanel, MailFailedNotice, ServiceLevelPanel, WorkOrderActions,
    WorkOrderPanel,
};
use crate::actions::components::{
    CustomerPanel, HurryButton, RequestActions, SplitPanel, SupplierPanel,
};
use crate::domain::Status;
use crate::domain::format::date_time;
use crate::domain::pages::RequestPage;
use crate::domain::queues::View;
use crate::error::AppError;
use crate::i18n::Texts;
use crate::notes::api::AddNote;
use crate::notes::autosave::use_drafts;
use crate::notes::components::{DraftStatus, NoteForm};
use crate::queues::api::AssignRequest;
use crate::queues::components::{AssignPanel, TakeNextForm};
use crate::queues::keys::{ShortcutHelp, use_shortcuts};
use crate::queues::live::use_live;
use crate::routing::pages::QueueMoveForm;
use crate::templates::components::TemplatePicker;
use crate::ui::DueCell;
use crate::ui::Timeline;
use crate::ui::raw_text;
use crate::ui::{
    ActionFailure, ErrorSummary, FieldMessage, StatusBadge, described_by, form_errors, invalid,
    load_failure, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The reply and note boxes' text, kept by the page across reloads of the request it belongs to.
#[derive(Clone, Copy)]
struct Boxes {
    request: RwSignal<Option<i64>>,
    reply: RwSignal<String>,
    note: RwSignal<String>,
}

fn reply_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "status" => t.desk.reply_status,
        "kb_url" => t.desk.kb_article,
        _ => t.desk.reply_label,
    }
}

/// `/desk/r/:id`: one request, its timeline and the reply form.
#[component]
pub fn RequestPageView() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let classify = Post::<ClassifyRequest>::new();
    let link = Post::<LinkRequest>::new();
    let hold = Post::<SetLegalHold>::new();
    let work_orders = WorkOrderActions {
        create: Post::<CreateWorkOrder>::new(),
        join: Post::<JoinWorkOrder>::new(),
        complete: Post::<CompleteWorkOrder>::new(),
    };
    let delegation = DelegationActions {
        delegate: Post::<DelegateRequest>::new(),
        hand_back: Post::<HandBackRequest>::new(),
    };
    let note = Post::<AddNote>::new();
    let assign = Post::<AssignRequest>::new();
    let actions = RequestActions::new();
    use_shortcuts();
    // What the advisor is typing outlives a reload of the request, so a colleague's change
    // never costs them their words.
    let texts = Boxes {
        request: RwSignal::new(None),
        reply: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
    };
    // The newest event on screen; a colleague's newer one offers to show the changes.
    let shown_event = RwSignal::new(0i64);
    let stale = RwSignal::new(false);
    let this_id = move || {
        params
            .read_untracked()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    use_live(move |changes| {
        let newer = changes.iter().any(|(id, event)| {
            *id == 0 || (Some(*id) == this_id() && *event > shown_event.get_untracked())
        });
        if newer {
            stale.set(true);
        }
    });
    // Refetch after each note saved, not after one refused: its text stays in the box.
    let notes_saved = Memo::new(move |prev: Option<&u32>| {
        let n = prev.copied().unwrap_or(0);
        if note.value().with(|v| matches!(v, Some(Ok(())))) {
            n + 1
        } else {
            n
        }
    });
    let page = crate::ui::page_data(
        move || {
            let q = query.read();
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok()),
                q.get("form"),
                (q.get("sent"), notes_saved.get()),
                classify.version().get(),
                link.version().get(),
                hold.version().get(),
                (
                    work_orders.create.version().get(),
                    work_orders.join.version().get(),
                    work_orders.complete.version().get(),
                    delegation.delegate.version().get(),
                    delegation.hand_back.version().get(),
                    assign.version().get(),
                    actions.version(),
                ),
            )
        },
        |(id, form, _sent, _, _, _, _)| async move {
            match id {
                Some(id) => load_request(id, form).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Show when=move || stale.get()>
            <div class="notice" role="status">
                <p>{t.desk.live_changed}" "
                    <button type="button" class="button button-secondary" on:click=move |_| {
                        stale.set(false);
                        page.refetch();
                    }>{t.desk.live_show}</button>
                </p>
            </div>
        </Show>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <RequestView page classify link hold work_orders delegation note assign actions texts shown_event/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestView(
    page: RequestPage,
    classify: Post<ClassifyRequest>,
    link: Post<LinkRequest>,
    hold: Post<SetLegalHold>,
    work_orders: WorkOrderActions,
    delegation: DelegationActions,
    note: Post<AddNote>,
    assign: Post<AssignRequest>,
    actions: RequestActions,
    texts: Boxes,
    shown_event: RwSignal<i64>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let reply = Post::<ReplyRequest>::new();
    let taken = move || query.read().get("taken").is_some();
    let assigned = move || query.read().get("assigned").is_some();
    let called = move || query.read().get("called").is_some();
    let notice = |key: &'static str, value: &'static str| {
        move || query.read().get(key).as_deref() == Some(value)
    };
    let supplier_errors = form_errors(
        actions.supplier.value(),
        page.supplier_flash
            .clone()
            .map(|f| f.errors)
            .unwrap_or_default(),
    );
    let split_errors = form_errors(
        actions.split.value(),
        page.split_flash
            .clone()
            .map(|f| f.errors)
            .unwrap_or_default(),
    );
    let errors = form_errors(
        reply.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = page.flash.map(|f| f.values).unwrap_or_default();
    let class_errors = form_errors(
        classify.value(),
        page.class_flash
            .clone()
            .map(|f| f.errors)
            .unwrap_or_default(),
    );
    let class_typed = page.class_flash.map(|f| f.values);
    let link_errors = form_errors(
        link.value(),
        page.link_flash
            .clone()
            .map(|f| f.errors)
            .unwrap_or_default(),
    );
    let link_typed = page.link_flash.map(|f| f.values);
    let hold_errors = form_errors(
        hold.value(),
        page.hold_flash
            .clone()
            .map(|f| f.errors)
            .unwrap_or_default(),
    );
    let hold_typed = page.hold_flash.map(|f| f.values);
    let wo_value = Signal::derive(move || {
        work_orders
            .create
            .value()
            .get()
            .or_else(|| work_orders.join.value().get())
            .or_else(|| work_orders.complete.value().get())
    });
    let wo_flashed = page
        .wo_flash
        .clone()
        .map(|f| f.errors)
        .or_else(|| page.resolution_flash.clone().map(|f| f.errors))
        .unwrap_or_default();
    let wo_errors = form_errors(wo_value, wo_flashed);
    let wo_typed = page.wo_flash.map(|f| f.values);
    let res_typed = page.resolution_flash.map(|f| f.values);
    let dlg_value = Signal::derive(move || {
        delegation
            .delegate
            .value()
            .get()
            .or_else(|| delegation.hand_back.value().get())
    });
    let dlg_flashed = page
        .delegate_flash
        .clone()
        .map(|f| f.errors)
        .or_else(|| page.return_flash.clone().map(|f| f.errors))
        .unwrap_or_default();
    let dlg_errors = form_errors(dlg_value, dlg_flashed);
    let dlg_typed = page.delegate_flash.map(|f| f.values);
    let return_typed = page.return_flash.map(|f| f.values);
    let wo_saved = move || query.read().get("wo").is_some() && wo_errors.with(|e| e.is_empty());
    let linked = move || query.read().get("linked").is_some() && link_errors.with(|e| e.is_empty());
    let classified =
        move || query.read().get("classified").is_some() && class_errors.with(|e| e.is_empty());
    let r = page.request;
    let kind = r.service_level.request_type;
    let chosen = Status::parse(&typed.status).unwrap_or(Status::WaitingForCustomer);
    let sent = move || query.read().get("sent").is_some() && errors.with(|e| e.is_empty());
    shown_event.set(r.timeline.iter().map(|e| e.id).max().unwrap_or(0));
    // What was typed in a failed post wins over the saved draft; what is in the box wins over both.
    // Another request's boxes start from its own drafts.
    let same_request = texts.request.get_untracked() == Some(r.id);
    texts.request.set(Some(r.id));
    let reply_text = texts.reply;
    if !same_request || reply_text.with_untracked(String::is_empty) {
        reply_text.set(if typed.message.is_empty() {
            page.drafts.reply.unwrap_or_default()
        } else {
            typed.message
        });
    }
    // A template asked for without JavaScript (`?template={id}`) goes into the box, once.
    let asked = query
        .read_untracked()
        .get("template")
        .filter(|_| !same_request);
    if let Some(tpl) = page
        .templates
        .iter()
        .find(|t| Some(t.id.to_string()) == asked)
    {
        let filled = crate::domain::templates::fill(&tpl.body, &page.facts);
        reply_text.update(|r| *r = crate::domain::templates::put_into(r, &filled));
    }
    let note_errors = form_errors(
        note.value(),
        page.note_flash
            .clone()
            .map(|f| f.errors)
            .unwrap_or_default(),
    );
    let note_text = texts.note;
    if !same_request || note_text.with_untracked(String::is_empty) {
        note_text.set(
            page.note_flash
                .map(|f| f.values.internal_note)
                .or(page.drafts.note)
                .unwrap_or_default(),
        );
    }
    let noted = move || query.read().get("noted").is_some() && note_errors.with(|e| e.is_empty());
    let sending = Signal::derive(move || reply.pending().get() || note.pending().get());
    // What was sent is no draft any more: a save still due must not bring it back.
    Effect::new(move |_| {
        if reply.value().with(|v| matches!(v, Some(Ok(())))) {
            reply_text.set(String::new());
        }
        if note.value().with(|v| matches!(v, Some(Ok(())))) {
            note_text.set(String::new());
        }
    });
    let drafting = use_drafts(r.id, reply_text, note_text, sending, page.writers);
    view! {
        <Title text=format!("{} {}", r.number, r.subject)/>
        <div class="toolbar">
            <A href="/desk" attr:id="back-to-queue" attr:aria-keyshortcuts="q">"← "{t.common.back_to_queue}</A>
            <TakeNextForm view=View::All/>
            <A href="/desk/phone" attr:id="phone-link" attr:aria-keyshortcuts="p">{t.desk.nav_phone}</A>
            <ShortcutHelp/>
        </div>
        <h1><span class="number">{r.number.clone()}</span>" "{r.subject.clone()}</h1>
        <MailFailedNotice undelivered=page.undelivered/>
        <HeldMailPanel id=r.id held=page.held/>
        <Show when=taken>
            <div class="notice notice-success" role="status"><p>{t.desk.taken_notice}</p></div>
        </Show>
        <Show when=assigned>
            <div class="notice notice-success" role="status"><p>{t.desk.assign_saved}</p></div>
        </Show>
        <Show when=called>
            <div class="notice notice-success" role="status"><p>{t.desk.phone_saved}</p></div>
        </Show>
        <dl class="facts">
            <dt>{t.common.track_status}</dt><dd data-testid="status"><StatusBadge status=r.status/></dd>
            <dt>{t.common.customer}</dt><dd>{r.customer_name.clone()}" <"{r.customer_email.clone()}"> · "{r.language.native_name()}</dd>
            <dt>{t.common.category}</dt><dd>{r.category.as_ref().map(|c| c.get(lang).to_string())}</dd>
            <dt>{t.common.col_received}</dt><dd>{date_time(r.created_at, lang)}" · "{r.channel.clone()}</dd>
            {r.kb_article_url.clone().map(|url| view! {
                <dt>{t.desk.kb_article_used}</dt><dd><a href=url.clone() rel="noopener noreferrer">{url.clone()}</a></dd>
            })}
        </dl>
        <Show when=notice("hurried", "1")>
            <div class="notice notice-success" role="status"><p>{t.desk.hurry_for_customer_done}</p></div>
        </Show>
        <Show when=notice("hurried", "0")>
            <div class="notice" role="status"><p>{t.desk.hurry_for_customer_wait}</p></div>
        </Show>
        <Show when=move || query.read().get("split_from").is_some()>
            <div class="notice notice-success" role="status"><p>{t.desk.split_done}</p></div>
        </Show>
        {r.status.is_active().then(|| view! { <HurryButton id=r.id action=actions.hurry/> })}
        <AssignPanel id=r.id assignee=r.assignee.clone() me=page.me lead=page.lead
            colleagues=page.colleagues action=assign/>
        <Show when=notice("queued", "1")>
            <div class="notice notice-success" role="status"><p>{t.desk.queue_moved}</p></div>
        </Show>
        {(!page.routed_queues.is_empty() || r.queue_id.is_some()).then(|| view! {
            <QueueMoveForm id=r.id current=r.queue_id queues=page.routed_queues.clone() action=actions.queue/>
        })}
        <CustomerPanel history=page.history customer_org=r.customer_org.clone()/>
        <CustomerInputPanel input=page.customer.clone()/>
        <ServiceLevelPanel sl=r.service_level.clone()/>
        <Show when=notice("supplier", "1")>
            <div class="notice notice-success" role="status"><p>{t.desk.supplier_saved}</p></div>
        </Show>
        <SupplierPanel id=r.id supplier=r.supplier.clone() waiting=r.status == Status::WaitingForSupplier
            can_wait=r.status.is_active() && Status::WaitingForSupplier.applies_to(kind)
            action=actions.supplier typed=page.supplier_flash.map(|f| f.values) errors=supplier_errors/>
        <Show when=classified>
            <div class="notice notice-success" role="status"><p>{t.desk.classified_saved}</p></div>
        </Show>
        <ClassifyForm id=r.id sl=r.service_level options=page.options action=classify typed=class_typed errors=class_errors/>
        <Show when=linked>
            <div class="notice notice-success" role="status"><p>{t.desk.linked_saved}</p></div>
        </Show>
        <LinksPanel id=r.id links=r.links action=link typed=link_typed errors=link_errors/>
        {r.status.is_active().then(|| view! {
            <SplitPanel id=r.id action=actions.split typed=page.split_flash.map(|f| f.values) errors=split_errors/>
        })}
        <Show when=wo_saved>
            <div class="notice notice-success" role="status"><p>{t.desk.wo_saved}</p></div>
        </Show>
        <WorkOrderPanel id=r.id order=page.work_order open=page.open_work_orders actions=work_orders
            wo_typed=wo_typed res_typed=res_typed errors=wo_errors/>
        <DelegationPanel id=r.id delegated=r.delegated trail=r.delegation_trail others=page.other_orgs
            actions=delegation typed=dlg_typed return_typed=return_typed errors=dlg_errors/>
        <HoldPanel id=r.id on=r.legal_hold can_hold=page.can_hold action=hold typed=hold_typed errors=hold_errors/>
        <Show when=sent>
            <div class="notice notice-success" role="status"><p>{t.desk.reply_saved}</p></div>
        </Show>
        <h2>{t.common.track_timeline}</h2>
        <Timeline entries=r.timeline staff_view=true/>
        <DraftStatus writers=drafting.writers saved=drafting.saved/>
        <section aria-labelledby="reply-heading" class="answer">
            <h2 id="reply-heading">{t.desk.reply_heading}</h2>
            <TemplatePicker id=r.id templates=page.templates facts=page.facts reply=reply_text/>
            <ErrorSummary errors labels=reply_label/>
            <ActionFailure value=reply.value()/>
            <PostForm action=reply attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=r.id.to_string()/>
                <div class="field">
                    <label for="f-message">{t.desk.reply_label}" *"</label>
                    <FieldMessage errors field="message"/>
                    <textarea id="f-message" name="message" rows="8" aria-required="true" lang=r.language.code()
                        aria-invalid=invalid(errors, "message") aria-describedby=described_by(errors, "message", false)
                        prop:value=move || reply_text.get() on:input:target=move |ev| reply_text.set(ev.target().value())>
                        {raw_text(&reply_text.get_untracked())}
                    </textarea>
                </div>
                <div class="field">
                    <label for="f-status">{t.desk.reply_status}</label>
                    <FieldMessage errors field="status"/>
                    <select id="f-status" name="status" aria-invalid=invalid(errors, "status")>
                        {Status::ADVISOR_CHOICES.into_iter().filter(|s| s.applies_to(kind)).map(|s| view! {
                            <option value=s.code() selected=s == chosen>{t.status(s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-kb_url">{t.desk.kb_article}</label>
                    <p class="hint" id="f-kb_url-hint">{t.desk.kb_article_hint}</p>
                    <FieldMessage errors field="kb_url"/>
                    <input id="f-kb_url" name="kb_url" type="text" inputmode="url" value=typed.kb_url.clone()
                        aria-invalid=invalid(errors, "kb_url") aria-describedby=described_by(errors, "kb_url", true)/>
                </div>
                <button type="submit" class="button" disabled=move || reply.pending().get()>{t.desk.reply_send}</button>
            </PostForm>
        </section>
        <Show when=noted>
            <div class="notice notice-success" role="status"><p>{t.desk.note_saved}</p></div>
        </Show>
        <NoteForm id=r.id action=note errors=note_errors text=note_text/>
    }
}

/// `/desk/d/:id`: a request another organisation delegated to this one, as far as it shared it,
/// with the form handing it back.
#[component]
pub fn DelegatedPageView() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let back = Post::<HandBackRequest>::new();
    let page = crate::ui::page_data(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok()),
                query.read().get("form"),
            )
        },
        |(id, form)| async move {
            match id {
                Some(id) => load_delegated(id, form).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((view, flash)) => view! { <DelegatedView d=view flash back/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DelegatedView(
    d: crate::domain::views::DelegatedView,
    flash: Option<crate::error::FormFlash<crate::domain::delegation::ReturnInput>>,
    back: Post<HandBackRequest>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let errors = form_errors(
        back.value(),
        flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = flash.map(|f| f.values).unwrap_or_default();
    let label = |t: &'static Texts, _: &str| t.desk.dlg_return_note;
    let shared_timeline = !d.timeline.is_empty();
    view! {
        <Title text=format!("{} {}", d.number, d.subject)/>
        <p><A href="/desk">"← "{t.common.back_to_queue}</A></p>
        <h1><span class="number">{d.number.clone()}</span>" "{d.subject.clone()}</h1>
        <dl class="facts">
            <dt>{t.desk.dlg_from}</dt><dd>{d.owner.get(lang).to_string()}</dd>
            <dt>{t.common.track_status}</dt><dd><StatusBadge status=d.status/></dd>
            <dt>{t.common.customer}</dt>
            <dd>{match d.customer {
                Some((name, email)) => format!("{name} <{email}> · {}", d.language.native_name()),
                None => t.desk.dlg_not_shared.to_string(),
            }}</dd>
            <dt>{t.desk.col_due}</dt><dd><DueCell due_at=d.due_at paused=false breached=false/></dd>
        </dl>
        <h2>{t.desk.dlg_note}</h2>
        <p class="event-body" data-testid="delegation-note">{d.note}</p>
        <h2>{t.desk.dlg_question}</h2>
        <div class="event-body" lang=d.language.code()>{d.message}</div>
        {shared_timeline.then(|| view! {
            <h2>{t.common.track_timeline}</h2>
            <Timeline entries=d.timeline staff_view=false/>
        })}
        <DelegationTrail trail=d.trail/>
        <section aria-labelledby="back-heading" class="answer">
            <h2 id="back-heading">{t.desk.dlg_hand_back}</h2>
            <ErrorSummary errors labels=label/>
            <ActionFailure value=back.value()/>
            <PostForm action=back attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=d.id.to_string()/>
                <div class="field">
                    <label for="f-return_note">{t.desk.dlg_return_note}" *"</label>
                    <FieldMessage errors field="return_note"/>
                    <textarea id="f-return_note" name="back[return_note]" rows="5" aria-required="true"
                        aria-invalid=invalid(errors, "return_note") aria-describedby=described_by(errors, "return_note", false)>
                        {raw_text(&typed.return_note)}
                    </textarea>
                </div>
                <button type="submit" class="button">{t.desk.dlg_hand_back}</button>
            </PostForm>
        </section>
    }
}
