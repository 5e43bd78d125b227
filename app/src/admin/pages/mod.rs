//! The administration pages: organisations, service hierarchy, business hours and service levels.
//! Every form posts to a server function that redirects back here, so all of it works without
//! JavaScript; with it, the page reloads its data when an action finishes.
use crate::admin::types::*;
use crate::i18n::Texts;
use crate::ui::{use_lang, use_texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

mod calendar;
mod hierarchy;
mod home;
mod mail;
mod retention;
mod settings;
mod sla;

pub use calendar::CalendarAdminPage;
pub use hierarchy::HierarchyAdminPage;
pub use home::AdminHomePage;
pub use mail::MailAdminPage;
pub use retention::RetentionAdminPage;
pub use settings::SettingsAdminPage;
pub use sla::SlaAdminPage;

/// The label of any admin form field, for error summaries.
pub(super) fn label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "slug" => t.admin.f_slug,
        "prefix" => t.admin.f_prefix,
        "name_fi" => t.common.f_name_fi,
        "name_sv" => t.common.f_name_sv,
        "name_en" => t.common.f_name_en,
        "privacy_url" => t.admin.f_privacy_url,
        "untouched_hours" => t.admin.f_untouched_hours,
        "mail_from_name" => t.admin.f_mail_from_name,
        "mail_from_address" => t.admin.f_mail_from_address,
        "signature_fi" => t.admin.f_signature_fi,
        "signature_sv" => t.admin.f_signature_sv,
        "signature_en" => t.admin.f_signature_en,
        "default_language" => t.admin.f_default_language,
        "reopen_days" => t.admin.f_reopen_days,
        "host" => t.admin.f_mailbox_host,
        "port" => t.admin.f_mailbox_port,
        "username" => t.admin.f_mailbox_username,
        "password" => t.admin.f_mailbox_password,
        "folder" => t.admin.f_mailbox_folder,
        "processed_folder" => t.admin.f_mailbox_processed,
        "failed_folder" => t.admin.f_mailbox_failed,
        "time_zone" => t.admin.f_time_zone,
        "day" => t.admin.f_day,
        "reason" => t.admin.f_reason,
        "name" => t.admin.col_name,
        "request_type" => t.common.f_type,
        "category_id" => t.common.lv_category,
        "priority" => t.common.col_priority,
        "customer_org" => t.admin.f_customer_org,
        "first_response_hours" => t.admin.f_first_response_hours,
        "resolution_hours" => t.admin.f_resolution_hours,
        "warn_percent" => t.admin.f_warn_percent,
        f if f.starts_with("opens_") => t.admin.f_opens,
        f if f.starts_with("closes_") => t.admin.f_closes,
        _ => t.admin.f_open,
    }
}

pub(crate) fn saved_notice() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    move || {
        query.read().get("saved").map(
            |_| view! { <div class="notice notice-success" role="status"><p>{t.admin.saved}</p></div> },
        )
    }
}

/// Links between the pages of one organisation; the current one is marked for assistive tech.
#[component]
pub(crate) fn AdminNav(org: AdminOrg, current: &'static str) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let link = move |page: &'static str, text: &'static str| {
        let href = format!("/admin/o/{}/{page}", org.slug);
        view! {
            <li><a href=href aria-current=(page == current).then_some("page")>{text}</a></li>
        }
    };
    view! {
        <p><A href="/admin">"← "{t.admin.admin_orgs}</A></p>
        <p class="eyebrow">{org.name.get(lang).to_string()}" · "{org.prefix.clone()}</p>
        <nav aria-label=t.common.nav_admin class="subnav">
            <ul>
                {link("settings", t.admin.adm_settings)}
                {link("people", t.admin.adm_people)}
                {link("routing", t.admin.adm_routing)}
                {link("forms", t.admin.adm_forms)}
                {link("privacy", t.common.privacy_notice)}
                {link("hierarchy", t.admin.adm_hierarchy)}
                {link("calendar", t.admin.adm_calendar)}
                {link("sla", t.admin.adm_sla)}
                {link("retention", t.admin.adm_retention)}
                {link("mail", t.admin.adm_mail)}
            </ul>
        </nav>
    }
}

/// The organisation slug of an admin page and the `form` flash id, tracked.
pub(crate) fn org_and_form() -> impl Fn() -> (String, Option<String>) + Copy {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        (
            params.read().get("org").unwrap_or_default(),
            query.read().get("form"),
        )
    }
}
