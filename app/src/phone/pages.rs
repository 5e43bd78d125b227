//! `/desk/phone`: log a call. The caller's name has the focus on arrival and every field follows
//! in the order of the conversation, so the whole form is filled from the keyboard.

use super::api::{LogCall, load_phone};
use super::types::PhonePage;
use crate::domain::Lang;
use crate::domain::phone::Outcome;
use crate::i18n::Texts;
use crate::ui::raw_text;
use crate::ui::{
    ActionFailure, ErrorSummary, FieldMessage, Loaded, SelectField, TextField, described_by,
    form_errors, invalid, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "existing" => t.desk.phone_existing,
        "caller" => t.desk.phone_caller,
        "phone" => t.desk.phone_number,
        "email" => t.common.col_email,
        "language" => t.common.language,
        "category" => t.common.lv_category,
        "topic" => t.desk.phone_topic,
        "summary" => t.desk.phone_summary,
        "duration" => t.desk.phone_duration,
        _ => t.desk.phone_outcome,
    }
}

#[component]
pub fn PhonePageView() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let page = crate::ui::page_data(move || query.read().get("form"), load_phone);
    view! {
        <Title text=t.desk.phone_heading/>
        <p><A href="/desk">"← "{t.common.back_to_queue}</A></p>
        <h1>{t.desk.phone_heading}</h1>
        <Loaded data=page ok=move |page| view! { <CallForm page/> }/>
    }
}

#[component]
fn CallForm(page: PhonePage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let log = Post::<LogCall>::new();
    let errors = form_errors(
        log.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = page.flash.map(|f| f.values).unwrap_or_default();
    let outcome = Outcome::parse(&typed.outcome).unwrap_or(Outcome::Resolved);
    let language = if typed.language.is_empty() {
        lang.code().to_string()
    } else {
        typed.language.clone()
    };
    view! {
        <p>{t.desk.phone_intro}" "{t.desk.phone_today}" "<strong data-testid="calls-today">{page.calls_today}</strong></p>
        <ErrorSummary errors labels=label/>
        <ActionFailure value=log.value()/>
        <PostForm action=log attr:class="form" attr:novalidate="">
            <div class="field">
                <label for="f-caller">{t.desk.phone_caller}" *"</label>
                <FieldMessage errors field="caller"/>
                <input id="f-caller" name="call[caller]" type="text" autofocus value=typed.caller.clone()
                    aria-required="true" aria-invalid=invalid(errors, "caller")
                    aria-describedby=described_by(errors, "caller", false)/>
            </div>
            <TextField errors field="phone" name="call[phone]" label=t.desk.phone_number value=typed.phone.clone() kind="tel"/>
            <TextField errors field="email" name="call[email]" label=t.common.col_email value=typed.email.clone()
                kind="email" hint=t.desk.phone_email_hint/>
            <SelectField errors field="language" name="call[language]" label=t.common.language
                options=Lang::ALL.iter().map(|l| (l.code().to_string(), l.native_name().to_string())).collect()
                chosen=language/>
            <SelectField errors field="category" name="call[category]" label=t.common.lv_category empty=t.common.any_option
                options=page.categories.iter().map(|(id, n)| (id.to_string(), n.get(lang).to_string())).collect()
                chosen=typed.category.clone()/>
            <TextField errors field="topic" name="call[topic]" label=t.desk.phone_topic value=typed.topic.clone() required=true/>
            <div class="field">
                <label for="f-summary">{t.desk.phone_summary}" *"</label>
                <FieldMessage errors field="summary"/>
                <textarea id="f-summary" name="call[summary]" rows="5" aria-required="true"
                    aria-invalid=invalid(errors, "summary") aria-describedby=described_by(errors, "summary", false)>
                    {raw_text(&typed.summary)}
                </textarea>
            </div>
            <TextField errors field="duration" name="call[duration]" label=t.desk.phone_duration value=typed.duration.clone()
                hint=t.desk.phone_duration_hint required=true/>
            <fieldset class="field" aria-describedby=described_by(errors, "outcome", false)>
                <legend>{t.desk.phone_outcome}" *"</legend>
                <FieldMessage errors field="outcome"/>
                {Outcome::ALL.into_iter().map(|o| view! {
                    <div class="field-checkbox">
                        <input type="radio" id=format!("f-outcome-{}", o.code()) name="call[outcome]"
                            value=o.code() checked=o == outcome/>
                        <label for=format!("f-outcome-{}", o.code())>{t.outcome(o)}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <TextField errors field="existing" name="call[existing]" label=t.desk.phone_existing
                value=typed.existing.clone() hint=t.desk.phone_existing_hint/>
            <button type="submit" class="button" disabled=move || log.pending().get()>{t.desk.phone_save}</button>
        </PostForm>
    }
}
