//! The start page, the public form pages (also framed inside an organisation's own site) and the
//! confirmation.

use super::api::{list_forms, load_confirmation, load_form};
use super::types::PublicForm;
use crate::domain::forms::{FieldDef, FieldKind, RawValues, first};
use crate::domain::{Lang, Localized};
use crate::error::FieldErrors;
use crate::i18n::Texts;
use crate::ui::raw_text;
use crate::ui::{
    ActionFailure, ErrorSummaryOf, ErrorView, FieldMessage, described_by, form_errors, invalid,
    multipart, use_lang, use_texts,
};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// `/`: every organisation with its public forms.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let orgs = crate::ui::page_data(|| (), |_| list_forms());
    view! {
        <Title text=t.customer.home_heading/>
        <h1>{t.customer.home_heading}</h1>
        <p class="lead">{t.customer.home_intro}</p>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match orgs.await {
                    Ok(orgs) if orgs.is_empty() => view! { <p>{t.customer.home_empty}</p> }.into_any(),
                    Ok(orgs) => view! {
                        <ul class="cards">
                            {orgs.into_iter().map(|o| view! {
                                <li class="card">
                                    <h2>{o.name.get(lang).to_string()}</h2>
                                    <ul class="form-links">
                                        {o.forms.into_iter().map(|f| {
                                            let href = format!("/o/{}/{}", o.slug, f.slug);
                                            view! { <li><A href=href>{f.name.get(lang).to_string()}</A></li> }
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ul>
                        <p><a href="/track">{t.customer.resend_heading}</a>" · "<a href="/portal">{t.customer.portal_heading}</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/o/:org/:form`: a public form.
#[component]
pub fn FormPage() -> impl IntoView {
    form_page(false)
}

/// `/embed/o/:org/:form`: the same form framed in the organisation's own site (no site header).
#[component]
pub fn EmbedFormPage() -> impl IntoView {
    form_page(true)
}

fn form_page(embedded: bool) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let form = crate::ui::page_data(
        move || {
            let p = params.read();
            (
                p.get("org").unwrap_or_default(),
                p.get("form").unwrap_or_default(),
                query.read().get("form"),
            )
        },
        |(org, form, flash)| load_form(org, form, flash),
    );
    view! {
        <Suspense fallback=move || view! { <p>{use_texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <PublicFormView form embedded/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The label the error summary gives a field of this form.
fn label_of(t: &'static Texts, lang: Lang, form: &PublicForm, field: &str) -> String {
    match field {
        "name" => t.customer.f_name.into(),
        "email" => t.common.f_email.into(),
        "language" => t.customer.f_language.into(),
        "category" => t.customer.f_category.into(),
        "consent" => t.common.privacy_notice.into(),
        "form" => t.customer.form_heading_problem.into(),
        key => form.def.field(key).map_or_else(
            || t.common.err_invalid.to_string(),
            |f| f.label.get(lang).to_string(),
        ),
    }
}

#[component]
fn PublicFormView(form: PublicForm, embedded: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let submit = multipart::action(super::api::submit_form);
    let flashed = form.flash.clone().map(|f| f.errors).unwrap_or_default();
    let errors: Signal<FieldErrors> = form_errors(submit.value(), flashed);
    let v: RawValues = form.flash.clone().map(|f| f.values).unwrap_or_default();
    // Conditional fields: all are shown until the browser can hide them (without JavaScript every
    // field is visible, and the hidden ones say when they apply).
    let scripted = RwSignal::new(false);
    Effect::new(move || scripted.set(true));
    let watched = RwSignal::new(v.clone());
    let org_name = form.org_name.get(lang).to_string();
    let title = format!("{} – {}", form.name.get(lang), org_name);
    let chosen_lang = match first(&v, "language") {
        "" => lang.code().to_string(),
        l => l.to_string(),
    };
    let summary_form = form.clone();
    let labels: Arc<dyn Fn(&str) -> String + Send + Sync> =
        Arc::new(move |f: &str| label_of(t, lang, &summary_form, f));
    let def = Arc::new(form.def.clone());
    let accept = form
        .limits
        .types
        .iter()
        .map(|ty| format!(".{}", ty.code()))
        .collect::<Vec<_>>()
        .join(",");
    let file_hint = format!(
        "{} {} {} {} MB: {}",
        t.customer.files_at_most,
        form.limits.max_files,
        t.customer.files_each,
        form.limits.max_bytes / (1024 * 1024),
        form.limits
            .types
            .iter()
            .map(|ty| ty.code().to_uppercase())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let intro = form.intro.get(lang).to_string();
    let privacy_href = format!("/privacy/{}", form.org_slug);
    let theme = format!("/theme/{}", form.org_slug);
    let on_submit = multipart::on_submit(submit);
    let fields = form
        .def
        .fields
        .iter()
        .map(|f| {
            let f = f.clone();
            let def = def.clone();
            let shown = Signal::derive({
                let f = f.clone();
                move || !scripted.get() || watched.with(|w| def.is_shown(&f, w))
            });
            field_view(
                f,
                &form.def,
                FieldCtx {
                    values: &v,
                    errors,
                    lang,
                    t,
                    shown,
                    watched,
                    accept: &accept,
                    file_hint: &file_hint,
                },
            )
        })
        .collect_view();
    view! {
        <Title text=title/>
        <Link rel="stylesheet" href=theme/>
        <div class="branded">
            {form.has_logo.then(|| view! {
                <img class="org-logo" src=format!("/logo/{}", form.org_slug) alt=org_name.clone()/>
            })}
            <p class="eyebrow">{org_name.clone()}</p>
            <h1>{form.name.get(lang).to_string()}</h1>
            {(!intro.is_empty()).then(|| view! { <p class="lead">{intro}</p> })}
        </div>
        <ErrorSummaryOf errors labels/>
        <ActionFailure value=submit.value()/>
        <form method="post" action="/api/submit_form" enctype="multipart/form-data" class="form"
            novalidate="" on:submit=on_submit>
            <input type="hidden" name="org" value=form.org_slug.clone()/>
            <input type="hidden" name="form" value=form.slug.clone()/>
            <input type="hidden" name="started" value=form.stamp.clone()/>
            <input type="hidden" name="submission" value=form.submission.clone()/>
            {embedded.then(|| view! { <input type="hidden" name="embed" value="1"/> })}
            <FieldMessage errors field="form"/>
            <div class="honeypot" aria-hidden="true">
                <label for="f-website">{t.customer.honeypot_label}</label>
                <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"/>
            </div>
            <div class="field">
                <label for="f-name">{t.customer.f_name}" *"</label>
                <FieldMessage errors field="name"/>
                <input id="f-name" name="name" type="text" autocomplete="name" maxlength="200" aria-required="true"
                    value=first(&v, "name").to_string() aria-invalid=invalid(errors, "name")
                    aria-describedby=described_by(errors, "name", false)/>
            </div>
            <div class="field">
                <label for="f-email">{t.common.f_email}" *"</label>
                <p class="hint" id="f-email-hint">{t.customer.f_email_hint}</p>
                <FieldMessage errors field="email"/>
                <input id="f-email" name="email" type="email" autocomplete="email" spellcheck="false" aria-required="true"
                    value=first(&v, "email").to_string() aria-invalid=invalid(errors, "email")
                    aria-describedby=described_by(errors, "email", true)/>
            </div>
            <div class="field">
                <label for="f-language">{t.customer.f_language}" *"</label>
                <FieldMessage errors field="language"/>
                <select id="f-language" name="language" aria-invalid=invalid(errors, "language")
                    aria-describedby=described_by(errors, "language", false)>
                    {Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=chosen_lang == l.code() lang=l.code()>{l.native_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            {form.categories.clone().map(|cats| {
                let chosen = first(&v, "category").to_string();
                view! {
                    <div class="field">
                        <label for="f-category">{t.customer.f_category}" *"</label>
                        <FieldMessage errors field="category"/>
                        <select id="f-category" name="category" aria-required="true" aria-invalid=invalid(errors, "category")
                            aria-describedby=described_by(errors, "category", false)>
                            <option value="">{t.customer.choose}</option>
                            {cats.into_iter().map(|c| {
                                let selected = chosen == c.id.to_string();
                                view! { <option value=c.id.to_string() selected=selected>{c.name.get(lang).to_string()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
            {fields}
            <div class="field field-checkbox">
                <FieldMessage errors field="consent"/>
                <input id="f-consent" name="consent" type="checkbox" value="on" checked=!first(&v, "consent").is_empty()
                    aria-required="true" aria-invalid=invalid(errors, "consent")
                    aria-describedby=described_by(errors, "consent", true)/>
                <label for="f-consent">{t.customer.f_consent}" *"</label>
                <p class="hint" id="f-consent-hint">
                    <a href=privacy_href target="_blank" rel="noopener">{t.common.privacy_notice}</a>
                </p>
            </div>
            <button type="submit" class="button button-brand" disabled=move || submit.pending().get()>
                {move || if submit.pending().get() { t.customer.sending } else { t.customer.send }}
            </button>
        </form>
        {embedded.then(|| view! { <script src="/embed-frame.js" defer=""></script> })}
    }
}

/// What every field of a form is rendered with.
struct FieldCtx<'a> {
    values: &'a RawValues,
    errors: Signal<FieldErrors>,
    lang: Lang,
    t: &'static Texts,
    shown: Signal<bool>,
    watched: RwSignal<RawValues>,
    accept: &'a str,
    file_hint: &'a str,
}

/// One configurable field: label, help, error and input, hidden while its condition is unmet.
fn field_view(f: FieldDef, def: &crate::domain::forms::FormDef, c: FieldCtx<'_>) -> AnyView {
    let FieldCtx {
        values,
        errors,
        lang,
        t,
        shown,
        watched,
        accept,
        file_hint,
    } = c;
    let key = f.key.clone();
    let id = format!("f-{key}");
    let label = format!(
        "{}{}",
        f.label.get(lang),
        if f.required { " *" } else { "" }
    );
    let mut hint = f.help.get(lang).to_string();
    if let Some(cond) = &f.show_if
        && let Some(on) = def.field(&cond.field)
    {
        let value = on
            .choices
            .iter()
            .find(|ch| ch.value == cond.equals)
            .map_or_else(
                || crate::domain::forms::Answer::One(cond.equals.clone()),
                |ch| crate::domain::forms::Answer::One(ch.value.clone()),
            );
        let applies = format!(
            "{} {}: {}",
            t.customer.applies_if,
            on.label.get(lang),
            on.answer_text(&value, lang)
        );
        hint = if hint.is_empty() {
            applies
        } else {
            format!("{hint} ({applies})")
        };
    }
    if f.kind == FieldKind::File {
        hint = if hint.is_empty() {
            file_hint.to_string()
        } else {
            format!("{hint} · {file_hint}")
        };
    }
    let has_hint = !hint.is_empty();
    let hint_view = has_hint.then(|| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> });
    let posted: Vec<String> = values.get(&key).cloned().unwrap_or_default();
    let one = posted.first().cloned().unwrap_or_default();
    let required = f.required.then_some("true");
    let described = described_by(errors, key.clone(), has_hint);
    let is_invalid = invalid(errors, key.clone());
    let watch = {
        let key = key.clone();
        move |value: String, on: bool, multiple: bool| {
            watched.update(|w| {
                let vs = w.entry(key.clone()).or_default();
                if !multiple {
                    vs.clear();
                }
                vs.retain(|v| v != &value);
                if on {
                    vs.push(value);
                }
            })
        }
    };
    let input = match f.kind {
        FieldKind::LongText => view! {
            <textarea id=id.clone() name=key.clone() rows="6" aria-required=required
                aria-invalid=is_invalid aria-describedby=described>{raw_text(&one)}</textarea>
        }
        .into_any(),
        FieldKind::SingleChoice | FieldKind::MultipleChoice => {
            let multiple = f.kind == FieldKind::MultipleChoice;
            let kind = if multiple { "checkbox" } else { "radio" };
            let options = f
                .choices
                .iter()
                .enumerate()
                .map(|(i, ch)| {
                    // The first option carries the field's id, so the error summary's link lands on it.
                    let oid = if i == 0 { id.clone() } else { format!("{id}-{}", ch.value) };
                    let checked = posted.contains(&ch.value);
                    let value = ch.value.clone();
                    let watch = watch.clone();
                    view! {
                        <div class="choice">
                            <input id=oid.clone() type=kind name=key.clone() value=ch.value.clone() checked=checked
                                on:change=move |ev| watch(value.clone(), event_target_checked(&ev), multiple)/>
                            <label for=oid>{ch.label.get(lang).to_string()}</label>
                        </div>
                    }
                })
                .collect_view();
            return view! {
                <fieldset class="field" hidden=move || !shown.get()
                    role=(!multiple).then_some("radiogroup")
                    aria-invalid=move || if multiple { None } else { is_invalid() }
                    aria-required=(!multiple).then_some(required).flatten()
                    aria-describedby=described>
                    <legend>{label}</legend>
                    {hint_view}
                    <FieldMessage errors field=key.clone()/>
                    {options}
                </fieldset>
            }
            .into_any();
        }
        FieldKind::Checkbox => {
            return view! {
                <div class="field field-checkbox" hidden=move || !shown.get()>
                    <FieldMessage errors field=key.clone()/>
                    <input id=id.clone() name=key.clone() type="checkbox" value="yes" checked=!one.is_empty()
                        aria-required=required aria-invalid=is_invalid aria-describedby=described
                        on:change=move |ev| watch("yes".into(), event_target_checked(&ev), false)/>
                    <label for=id>{label}</label>
                    {hint_view}
                </div>
            }
            .into_any();
        }
        FieldKind::File => view! {
            <input id=id.clone() name=key.clone() type="file" multiple="" accept=accept.to_string()
                aria-required=required aria-invalid=is_invalid aria-describedby=described/>
        }
        .into_any(),
        kind => {
            let (ty, mode, auto) = match kind {
                FieldKind::Email => ("email", None, Some("email")),
                FieldKind::Phone => ("tel", None, Some("tel")),
                FieldKind::Number => ("text", Some("decimal"), None),
                FieldKind::Date => ("date", None, None),
                _ => ("text", None, None),
            };
            view! {
                <input id=id.clone() name=key.clone() type=ty inputmode=mode autocomplete=auto value=one
                    maxlength="200" aria-required=required aria-invalid=is_invalid aria-describedby=described/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" hidden=move || !shown.get()>
            <label for=id>{label}</label>
            {hint_view}
            <FieldMessage errors field=key/>
            {input}
        </div>
    }
    .into_any()
}

/// `/sent/:token`: the request number and the tracking link.
#[component]
pub fn SentPage() -> impl IntoView {
    sent_page(false)
}

/// `/embed/sent/:token`: the confirmation inside the organisation's site; the tracking page opens
/// outside the frame.
#[component]
pub fn EmbedSentPage() -> impl IntoView {
    sent_page(true)
}

fn sent_page(embedded: bool) -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let info = crate::ui::page_data(
        move || params.read().get("token").unwrap_or_default(),
        load_confirmation,
    );
    view! {
        <Title text=t.customer.sent_heading/>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(c) => {
                        let href = format!("/track/{}", c.token);
                        view! {
                            <div class="panel panel-success">
                                <h1>{t.customer.sent_heading}</h1>
                                <p>{t.customer.sent_number}": "<strong class="number" data-testid="request-number">{c.number}</strong></p>
                            </div>
                            <p>{t.customer.sent_keep}</p>
                            <p>
                                {if embedded {
                                    view! { <a href=href target="_blank" rel="noopener" class="button">{t.customer.sent_link}</a> }.into_any()
                                } else {
                                    view! { <A href=href attr:class="button">{t.customer.sent_link}</A> }.into_any()
                                }}
                            </p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
        {embedded.then(|| view! { <script src="/embed-frame.js" defer=""></script> })}
    }
}

/// `/privacy/:org`: the organisation's current privacy notice in the reader's language.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let notice = crate::ui::page_data(
        move || params.read().get("org").unwrap_or_default(),
        super::api::load_privacy,
    );
    view! {
        <Title text=t.common.privacy_notice/>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match notice.await {
                    Ok(n) => view! { <PrivacyView n/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PrivacyView(n: super::types::PrivacyNotice) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let name: Localized = n.org_name;
    view! {
        <p class="eyebrow">{name.get(lang).to_string()}</p>
        <h1>{t.common.privacy_notice}</h1>
        {match n.notice {
            Some(notice) => view! {
                <p class="hint" data-testid="notice-version">
                    {t.common.notice_version}" "{notice.version}" · "{crate::domain::format::date_time(notice.published_at, lang)}
                </p>
                <div class="notice-body">
                    {notice.body.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                </div>
            }.into_any(),
            None => view! { <p>{t.common.notice_missing}</p> }.into_any(),
        }}
        {(!n.more_url.is_empty()).then(|| view! {
            <p><a href=n.more_url rel="noopener">{t.customer.notice_more}</a></p>
        })}
    }
}

/// Names a form posts for itself, not typed by the citizen: posted again, not shown.
const TECHNICAL: [&str; 6] = ["org", "form", "started", "submission", "embed", "website"];

/// `/retry/:id`: a form post that found the service unavailable, kept for a while with what was
/// typed and a button to send it again (a plain form: it works without JavaScript).
#[component]
pub fn RetryPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let post = crate::ui::page_data(
        move || params.read().get("id").unwrap_or_default(),
        super::api::load_unsent,
    );
    view! {
        <Title text=t.customer.retry_heading/>
        <h1>{t.customer.retry_heading}</h1>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match post.await {
                    Ok(p) => {
                        let hidden = p.values.clone().into_iter().map(|(k, v)| {
                            view! { <input type="hidden" name=k value=v/> }
                        }).collect_view();
                        let shown = p.values.into_iter()
                            .filter(|(k, v)| !TECHNICAL.contains(&k.as_str()) && !v.is_empty())
                            .map(|(k, v)| view! { <dt>{k}</dt><dd class="kept-text">{v}</dd> })
                            .collect_view();
                        view! {
                            <div class="notice notice-error" role="alert"><p>{t.common.err_unavailable}</p></div>
                            <p>{t.customer.retry_intro}</p>
                            {p.had_files.then(|| view! { <p>{t.customer.retry_files}</p> })}
                            <form method="post" action="/api/submit_form" enctype="multipart/form-data" class="form">
                                {hidden}
                                <dl class="facts">{shown}</dl>
                                <button type="submit" class="button">{t.customer.retry_send}</button>
                            </form>
                            <p><a href=p.form_path>{t.customer.retry_back}</a></p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
