//! The tracking page.

use super::api::{
    CancelRequest, HurryRequest, ResendLink, RevokeLinks, load_resend, load_tracking,
};
use crate::domain::format::date_time;
use crate::domain::forms::first;
use crate::domain::pages::TrackingPage;
use crate::domain::request::{Hurry, ResendInput};
use crate::error::FormFlash;
use crate::i18n::Texts;
use crate::ui::Timeline;
use crate::ui::raw_text;
use crate::ui::{
    ActionFailure, ErrorSummary, ErrorView, FieldMessage, StatusBadge, TextField, described_by,
    form_errors, invalid, multipart, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/track/:token`: status, public timeline and the customer's actions.
#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = crate::ui::page_data(
        move || {
            let q = query.read();
            (
                params.read().get("token").unwrap_or_default(),
                q.get("form"),
                q.get("sent"),
                q.get("cancelled"),
                q.get("hurried"),
            )
        },
        |(token, form, ..)| load_tracking(token, form),
    );
    view! {
        <Suspense fallback=move || view! { <p>{use_texts().common.loading}</p> }>
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
    let token = move || params.read().get("token").unwrap_or_default();
    let answer = multipart::action(super::api::answer_request);
    let cancel = Post::<CancelRequest>::new();
    let hurry = Post::<HurryRequest>::new();
    let revoke = Post::<RevokeLinks>::new();
    let cancel_errors = form_errors(cancel.value(), page.cancel_errors.clone());
    let flashed = page.flash.clone().map(|f| f.errors).unwrap_or_default();
    let errors = form_errors(answer.value(), flashed);
    let typed = page
        .flash
        .as_ref()
        .map(|f| first(&f.values, "message").to_string())
        .unwrap_or_default();
    let r = page.request;
    let sent = move || query.read().get("sent").is_some() && errors.with(|e| e.is_empty());
    let cancelled = move || query.read().get("cancelled").is_some();
    let hurried = move || query.read().get("hurried").is_some();
    let heading = if r.status == crate::domain::Status::WaitingForCustomer {
        t.customer.track_answer
    } else {
        t.customer.track_add_info
    };
    let token_value = token();
    let (tok_hurry, tok_files, tok_answer, tok_cancel) = (
        token_value.clone(),
        token_value.clone(),
        token_value.clone(),
        token_value.clone(),
    );
    let file_hint = format!(
        "{} {} {} {} MB: {}",
        t.customer.files_at_most,
        page.limits.max_files,
        t.customer.files_each,
        page.limits.max_bytes / (1024 * 1024),
        page.limits
            .types
            .iter()
            .map(|ty| ty.code().to_uppercase())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let labels = |t: &'static Texts, f: &str| match f {
        "files" => t.common.f_files,
        "form" => t.customer.form_heading_problem,
        _ => t.common.f_message,
    };
    view! {
        <Title text=format!("{} {}", t.customer.track_heading, r.number)/>
        <p class="eyebrow">{r.organisation.get(lang).to_string()}</p>
        <h1>{t.customer.track_heading}": "<span class="number">{r.number.clone()}</span></h1>
        <dl class="facts">
            <dt>{t.common.f_subject}</dt><dd>{r.subject.clone()}</dd>
            <dt>{t.common.track_status}</dt><dd data-testid="status"><StatusBadge status=r.status/></dd>
            <dt>{t.common.col_received}</dt><dd>{date_time(r.created_at, lang)}</dd>
            {r.expected_by.map(|at| view! {
                <dt>{t.customer.track_expected}</dt>
                <dd data-testid="expected"><time datetime=at.to_rfc3339()>{date_time(at, lang)}</time></dd>
            })}
        </dl>
        <Show when=sent>
            <div class="notice notice-success" role="status"><p>{t.customer.track_sent}</p></div>
        </Show>
        <Show when=cancelled>
            <div class="notice notice-success" role="status"><p>{t.customer.track_cancelled}</p></div>
        </Show>
        <Show when=hurried>
            <div class="notice notice-success" role="status"><p>{t.customer.hurry_done}</p></div>
        </Show>
        {match page.hurry {
            Hurry::Allowed => view! {
                <section aria-labelledby="hurry-heading" class="answer">
                    <h2 id="hurry-heading">{t.customer.hurry_heading}</h2>
                    <p class="hint">{t.customer.hurry_hint}</p>
                    <ActionFailure value=hurry.value()/>
                    <PostForm action=hurry attr:class="form-inline">
                        <input type="hidden" name="token" value=tok_hurry/>
                        <button type="submit" class="button button-secondary" disabled=move || hurry.pending().get()>{t.customer.hurry_button}</button>
                    </PostForm>
                </section>
            }.into_any(),
            Hurry::NotBefore(at) => view! {
                <p class="hint" data-testid="hurry-later">{t.customer.hurry_again}" "{date_time(at, lang)}</p>
            }.into_any(),
            Hurry::NotActive => ().into_any(),
        }}
        <h2>{t.common.track_timeline}</h2>
        <Timeline entries=r.timeline staff_view=false/>
        {(!page.files.is_empty()).then(|| view! {
            <h2>{t.common.f_files}</h2>
            <ul class="files">
                {page.files.iter().map(|f| {
                    let href = format!("/files/t/{}/{}", tok_files, f.id);
                    view! { <li><a href=href download="">{f.name.clone()}</a>" ("{kilobytes(f.size_bytes)}")"</li> }
                }).collect_view()}
            </ul>
        })}
        {if page.can_write {
            view! {
                <section aria-labelledby="answer-heading" class="answer">
                    <h2 id="answer-heading">{heading}</h2>
                    <ErrorSummary errors labels/>
                    <ActionFailure value=answer.value()/>
                    <form method="post" action="/api/answer_request" enctype="multipart/form-data" class="form"
                        novalidate="" on:submit=multipart::on_submit(answer)>
                        <input type="hidden" name="token" value=tok_answer/>
                        <FieldMessage errors field="form"/>
                        <div class="field">
                            <label for="f-message">{t.common.f_message}" *"</label>
                            <FieldMessage errors field="message"/>
                            <textarea id="f-message" name="message" rows="6" aria-required="true"
                                aria-invalid=invalid(errors, "message") aria-describedby=described_by(errors, "message", false)>
                                {raw_text(&typed)}
                            </textarea>
                        </div>
                        <div class="field">
                            <label for="f-files">{t.common.f_files}</label>
                            <p class="hint" id="f-files-hint">{file_hint}</p>
                            <FieldMessage errors field="files"/>
                            <input id="f-files" name="files" type="file" multiple=""
                                aria-invalid=invalid(errors, "files") aria-describedby=described_by(errors, "files", true)/>
                        </div>
                        <button type="submit" class="button" disabled=move || answer.pending().get()>{t.customer.send}</button>
                    </form>
                </section>
            }.into_any()
        } else {
            view! { <p class="notice">{t.customer.track_closed}</p> }.into_any()
        }}
        {page.can_cancel.then(|| view! {
            <section aria-labelledby="cancel-heading" class="answer">
                <h2 id="cancel-heading">{t.customer.track_cancel_heading}</h2>
                <ActionFailure value=cancel.value()/>
                <PostForm action=cancel attr:class="form" attr:novalidate="">
                    <input type="hidden" name="token" value=tok_cancel/>
                    <div class="field checkbox">
                        <input type="checkbox" id="f-confirm" name="confirm" value="on"
                            aria-invalid=invalid(cancel_errors, "confirm") aria-describedby=described_by(cancel_errors, "confirm", false)/>
                        <label for="f-confirm">{t.customer.track_cancel_confirm}</label>
                    </div>
                    <FieldMessage errors=cancel_errors field="confirm"/>
                    <button type="submit" class="button button-secondary" disabled=move || cancel.pending().get()>{t.customer.track_cancel}</button>
                </PostForm>
            </section>
        })}
        <section aria-labelledby="revoke-heading" class="answer">
            <h2 id="revoke-heading">{t.customer.revoke_heading}</h2>
            <p class="hint">{t.customer.revoke_hint}</p>
            <ActionFailure value=revoke.value()/>
            <PostForm action=revoke attr:class="form-inline">
                <input type="hidden" name="token" value=token_value/>
                <button type="submit" class="button button-secondary">{t.customer.revoke_button}</button>
            </PostForm>
        </section>
    }
}

/// A size in whole kilobytes, at least 1.
fn kilobytes(bytes: i32) -> String {
    format!("{} kB", ((i64::from(bytes.max(0)) + 1023) / 1024).max(1))
}

/// `/track`: "send my link again" by request number and e-mail address.
#[component]
pub fn ResendPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let flash = crate::ui::page_data(move || query.read().get("form"), load_resend);
    view! {
        <Title text=t.customer.resend_heading/>
        <h1>{t.customer.resend_heading}</h1>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match flash.await {
                    Ok(flash) => view! { <ResendForm flash/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResendForm(flash: Option<FormFlash<ResendInput>>) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let resend = Post::<ResendLink>::new();
    let errors = form_errors(
        resend.value(),
        flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let v = flash.map(|f| f.values).unwrap_or_default();
    let asked = move || {
        query.read().get("asked").is_some() || resend.value().with(|v| matches!(v, Some(Ok(()))))
    };
    let revoked = move || query.read().get("revoked").is_some();
    let labels = |t: &'static Texts, f: &str| match f {
        "number" => t.customer.f_number,
        "email" => t.common.f_email,
        _ => t.customer.form_heading_problem,
    };
    view! {
        <Show when=revoked>
            <div class="notice notice-success" role="status"><p>{t.customer.revoke_done}</p></div>
        </Show>
        <Show when=asked>
            <div class="notice notice-success" role="status" data-testid="resend-done"><p>{t.customer.resend_done}</p></div>
        </Show>
        <p class="lead">{t.customer.resend_intro}</p>
        <ErrorSummary errors labels/>
        <ActionFailure value=resend.value()/>
        <PostForm action=resend attr:class="form" attr:novalidate="">
            <FieldMessage errors field="form"/>
            <TextField errors field="number" name="number" label=t.customer.f_number value=v.number required=true
                hint=t.customer.f_number_hint/>
            <TextField errors field="email" name="email" label=t.common.f_email value=v.email required=true kind="email"/>
            <button type="submit" class="button" disabled=move || resend.pending().get()>{t.common.resend_action}</button>
        </PostForm>
    }
}
