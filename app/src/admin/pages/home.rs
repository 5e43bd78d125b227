//! `/admin`: the organisations a person configures.

use super::label;
use crate::admin::api::*;
use crate::admin::types::*;
use crate::ui::{ActionFailure, ErrorSummary, Loaded, TextField, form_errors, use_lang, use_texts};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/admin`: the organisations this person configures, and a form for a new one.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let create = Post::<CreateOrganisation>::new();
    let page = crate::ui::page_data(
        move || (query.read().get("form"), create.version().get()),
        |(form, _)| load_admin_home(form),
    );
    view! {
        <Title text=t.common.nav_admin/>
        <Loaded data=page ok=move |home| view! { <AdminHome home create/> }/>
    }
}

#[component]
fn AdminHome(home: AdminHome, create: Post<CreateOrganisation>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let errors = form_errors(
        create.value(),
        home.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = home.flash.map(|f| f.values).unwrap_or_default();
    view! {
        <h1>{t.admin.admin_orgs}</h1>
        <p class="lead">{t.admin.admin_orgs_intro}</p>
        <ul class="org-list">
            {home.orgs.into_iter().map(|o| view! {
                <li>
                    <a href=format!("/admin/o/{}/hierarchy", o.slug)>{o.name.get(lang).to_string()}</a>
                    " "<span class="muted">{o.prefix}</span>
                </li>
            }).collect_view()}
        </ul>
        {home.can_create.then(|| view! {
            <section aria-labelledby="new-org" class="answer">
                <h2 id="new-org">{t.admin.admin_new_org}</h2>
                <ErrorSummary errors labels=label/>
                <ActionFailure value=create.value()/>
                <PostForm action=create attr:class="form" attr:novalidate="">
                    <TextField errors field="name_fi" name="org[name_fi]" label=t.common.f_name_fi value=typed.name_fi required=true/>
                    <TextField errors field="name_sv" name="org[name_sv]" label=t.common.f_name_sv value=typed.name_sv required=true/>
                    <TextField errors field="name_en" name="org[name_en]" label=t.common.f_name_en value=typed.name_en required=true/>
                    <TextField errors field="slug" name="org[slug]" label=t.admin.f_slug value=typed.slug required=true hint=t.admin.f_slug_hint/>
                    <TextField errors field="prefix" name="org[prefix]" label=t.admin.f_prefix value=typed.prefix required=true hint=t.admin.f_prefix_hint/>
                    <TextField errors field="privacy_url" name="org[privacy_url]" label=t.admin.f_privacy_url value=typed.privacy_url required=true hint=t.admin.f_privacy_url_hint/>
                    <button type="submit" class="button" disabled=move || create.pending().get()>{t.admin.create_org}</button>
                </PostForm>
            </section>
        })}
    }
}
