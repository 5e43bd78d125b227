//! The start page, the "Ask for advice" form and the confirmation.

use super::api::{AskForm, SubmitRequest, list_forms, load_ask_form, load_confirmation};
use crate::error::FieldErrors;
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, ErrorView, FieldMessage, described_by, form_errors, invalid,
    use_lang, use_texts,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/`: every organisation with its public forms.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let orgs = Resource::new(|| (), |_| list_forms());
    view! {
        <Title text=t.home_heading/>
        <h1>{t.home_heading}</h1>
        <p class="lead">{t.home_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match orgs.await {
                    Ok(orgs) if orgs.is_empty() => view! { <p>{t.home_empty}</p> }.into_any(),
                    Ok(orgs) => view! {
                        <ul class="cards">
                            {orgs.into_iter().map(|o| {
                                let href = format!("/o/{}/ask", o.slug);
                                view! {
                                    <li class="card">
                                        <h2>{o.name.get(lang).to_string()}</h2>
                                        <A href=href>{t.ask_for_advice}</A>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn ask_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "name" => t.f_name,
        "email" => t.f_email,
        "language" => t.f_language,
        "category" => t.f_category,
        "subject" => t.f_subject,
        "message" => t.f_message,
        "consent" => t.privacy_notice,
        _ => t.err_invalid,
    }
}

/// `/o/:org/ask`: the "Ask for advice" form.
#[component]
pub fn AskPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let form = Resource::new(
        move || {
            (
                params.read().get("org").unwrap_or_default(),
                query.read().get("form"),
            )
        },
        |(org, form)| load_ask_form(org, form),
    );
    view! {
        <Suspense fallback=move || view! { <p>{use_texts().loading}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <AskFormView form/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AskFormView(form: AskForm) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let submit = ServerAction::<SubmitRequest>::new();
    let flashed = form.flash.clone().map(|f| f.errors).unwrap_or_default();
    let errors: Signal<FieldErrors> = form_errors(submit.value(), flashed);
    let v = form.flash.map(|f| f.values).unwrap_or_default();
    let chosen_lang = if v.language.is_empty() {
        lang.code().to_string()
    } else {
        v.language.clone()
    };
    let org_name = form.org.name.get(lang).to_string();
    let title = format!("{} – {}", t.ask_for_advice, org_name);
    view! {
        <Title text=title/>
        <p class="eyebrow">{org_name}</p>
        <h1>{t.ask_for_advice}</h1>
        <p class="lead">{t.ask_intro}</p>
        <ErrorSummary errors labels=ask_label/>
        <ActionFailure value=submit.value()/>
        <ActionForm action=submit attr:class="form" attr:novalidate="">
            <input type="hidden" name="org" value=form.org.slug/>
            <div class="field">
                <label for="f-name">{t.f_name}" *"</label>
                <FieldMessage errors field="name"/>
                <input id="f-name" name="name" type="text" autocomplete="name" maxlength="200" aria-required="true"
                    value=v.name aria-invalid=invalid(errors, "name") aria-describedby=described_by(errors, "name", false)/>
            </div>
            <div class="field">
                <label for="f-email">{t.f_email}" *"</label>
                <p class="hint" id="f-email-hint">{t.f_email_hint}</p>
                <FieldMessage errors field="email"/>
                <input id="f-email" name="email" type="email" autocomplete="email" spellcheck="false" aria-required="true"
                    value=v.email aria-invalid=invalid(errors, "email") aria-describedby=described_by(errors, "email", true)/>
            </div>
            <div class="field">
                <label for="f-language">{t.f_language}" *"</label>
                <FieldMessage errors field="language"/>
                <select id="f-language" name="language" aria-invalid=invalid(errors, "language")
                    aria-describedby=described_by(errors, "language", false)>
                    {crate::domain::Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=chosen_lang == l.code() lang=l.code()>{l.native_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-category">{t.f_category}" *"</label>
                <FieldMessage errors field="category"/>
                <select id="f-category" name="category" aria-required="true" aria-invalid=invalid(errors, "category")
                    aria-describedby=described_by(errors, "category", false)>
                    <option value="">{t.choose}</option>
                    {form.categories.into_iter().map(|c| {
                        let selected = v.category == c.id.to_string();
                        view! { <option value=c.id.to_string() selected=selected>{c.name.get(lang).to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-subject">{t.f_subject}" *"</label>
                <FieldMessage errors field="subject"/>
                <input id="f-subject" name="subject" type="text" maxlength="200" aria-required="true"
                    value=v.subject aria-invalid=invalid(errors, "subject") aria-describedby=described_by(errors, "subject", false)/>
            </div>
            <div class="field">
                <label for="f-message">{t.f_message}" *"</label>
                <FieldMessage errors field="message"/>
                <textarea id="f-message" name="message" rows="8" aria-required="true"
                    aria-invalid=invalid(errors, "message") aria-describedby=described_by(errors, "message", false)>
                    {v.message}
                </textarea>
            </div>
            <div class="field field-checkbox">
                <FieldMessage errors field="consent"/>
                <input id="f-consent" name="consent" type="checkbox" value="on" checked=v.consent aria-required="true"
                    aria-invalid=invalid(errors, "consent") aria-describedby=described_by(errors, "consent", true)/>
                <label for="f-consent">{t.f_consent}" *"</label>
                <p class="hint" id="f-consent-hint">
                    <a href=form.privacy_url target="_blank" rel="noopener">{t.privacy_notice}</a>
                </p>
            </div>
            <button type="submit" class="button" disabled=move || submit.pending().get()>
                {move || if submit.pending().get() { t.sending } else { t.send }}
            </button>
        </ActionForm>
    }
}

/// `/sent/:token`: the request number and the tracking link.
#[component]
pub fn SentPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let info = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        load_confirmation,
    );
    view! {
        <Title text=t.sent_heading/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(c) => {
                        let href = format!("/track/{}", c.token);
                        view! {
                            <div class="panel panel-success">
                                <h1>{t.sent_heading}</h1>
                                <p>{t.sent_number}": "<strong class="number" data-testid="request-number">{c.number}</strong></p>
                            </div>
                            <p>{t.sent_keep}</p>
                            <p><A href=href attr:class="button">{t.sent_link}</A></p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
