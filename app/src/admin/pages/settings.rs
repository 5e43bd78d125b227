//! `/admin/o/:org/settings`: the organisation's names, reminders, sender and signatures.

use super::{AdminNav, label, org_and_form, saved_notice};
use crate::admin::api::*;
use crate::admin::types::*;
use crate::ui::{
    ActionFailure, ErrorSummary, Loaded, SelectField, TextArea, TextField, form_errors, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/admin/o/:org/settings`: the organisation's names, privacy notice and members.
#[component]
pub fn SettingsAdminPage() -> impl IntoView {
    let t = use_texts();
    let save = Post::<SaveOrgSettings>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), save.version().get()),
        |((org, form), _)| load_org_settings(org, form),
    );
    view! {
        <Title text=t.admin.adm_settings/>
        <Loaded data=page ok=move |p| view! { <SettingsView page=p save/> }/>
    }
}

#[component]
fn SettingsView(page: SettingsPage, save: Post<SaveOrgSettings>) -> impl IntoView {
    let t = use_texts();
    let errors = form_errors(save.value(), page.errors.clone());
    let v = page.input;
    let people = format!("/admin/o/{}/people", page.org.slug);
    let languages: Vec<(String, String)> = crate::domain::Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.native_name().to_string()))
        .collect();
    view! {
        <AdminNav org=page.org.clone() current="settings"/>
        <h1>{t.admin.adm_settings}</h1>
        {saved_notice()}
        <ErrorSummary errors labels=label/>
        <ActionFailure value=save.value()/>
        <PostForm action=save attr:class="form" attr:novalidate="">
            <input type="hidden" name="org" value=page.org.slug.clone()/>
            <TextField errors field="name_fi" name="settings[name_fi]" label=t.common.f_name_fi value=v.name_fi required=true/>
            <TextField errors field="name_sv" name="settings[name_sv]" label=t.common.f_name_sv value=v.name_sv required=true/>
            <TextField errors field="name_en" name="settings[name_en]" label=t.common.f_name_en value=v.name_en required=true/>
            <TextField errors field="privacy_url" name="settings[privacy_url]" label=t.admin.f_privacy_url value=v.privacy_url
                required=true hint=t.admin.f_privacy_url_hint/>
            <TextField errors field="untouched_hours" name="settings[untouched_hours]" label=t.admin.f_untouched_hours
                value=v.untouched_hours required=true hint=t.admin.f_untouched_hours_hint kind="number"/>
            <fieldset>
                <legend>{t.admin.mail_legend}</legend>
                <p class="hint">{t.admin.mail_hint}</p>
                <TextField errors field="mail_from_name" name="settings[mail_from_name]" label=t.admin.f_mail_from_name
                    value=v.mail_from_name/>
                <TextField errors field="mail_from_address" name="settings[mail_from_address]" label=t.admin.f_mail_from_address
                    value=v.mail_from_address kind="email" hint=t.admin.f_mail_from_address_hint/>
                <TextArea errors field="signature_fi" name="settings[signature_fi]" label=t.admin.f_signature_fi value=v.signature_fi/>
                <TextArea errors field="signature_sv" name="settings[signature_sv]" label=t.admin.f_signature_sv value=v.signature_sv/>
                <TextArea errors field="signature_en" name="settings[signature_en]" label=t.admin.f_signature_en value=v.signature_en/>
                <SelectField errors field="default_language" name="settings[default_language]" label=t.admin.f_default_language
                    options=languages chosen=v.default_language/>
                <p class="hint">{t.admin.f_default_language_hint}</p>
                <TextField errors field="reopen_days" name="settings[reopen_days]" label=t.admin.f_reopen_days
                    value=v.reopen_days required=true hint=t.admin.f_reopen_days_hint kind="number"/>
            </fieldset>
            <p class="hint">{t.admin.settings_fixed}" ("{page.org.slug.clone()}", "{page.org.prefix.clone()}")"</p>
            <button type="submit" class="button" disabled=move || save.pending().get()>{t.admin.save}</button>
        </PostForm>
        <p><A href=people>{t.admin.adm_people}</A></p>
    }
}
