//! `/admin/o/:org/retention`: archiving and disposal per request type.

use super::{AdminNav, org_and_form, saved_notice};
use crate::admin::api::*;
use crate::admin::types::*;
use crate::domain::classification::RequestType;
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, FieldMessage, Loaded, described_by, form_errors, invalid,
    use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin/o/:org/retention`: per request type, when finished requests are archived and when
/// their personal data is anonymised or they are deleted.
#[component]
pub fn RetentionAdminPage() -> impl IntoView {
    let t = use_texts();
    let save = Post::<SaveRetention>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), save.version().get()),
        |((org, form), _)| load_retention(org, form),
    );
    view! {
        <Title text=t.admin.adm_retention/>
        <Loaded data=page ok=move |p| view! { <RetentionView page=p save/> }/>
    }
}

const ARCHIVE: [&str; 6] = [
    "archive_0",
    "archive_1",
    "archive_2",
    "archive_3",
    "archive_4",
    "archive_5",
];
const DISPOSE: [&str; 6] = [
    "dispose_0",
    "dispose_1",
    "dispose_2",
    "dispose_3",
    "dispose_4",
    "dispose_5",
];

fn retention_label(t: &'static Texts, field: &str) -> &'static str {
    if field.starts_with("archive_") {
        t.admin.col_archive_days
    } else {
        t.admin.col_dispose_months
    }
}

#[component]
fn RetentionView(page: RetentionPage, save: Post<SaveRetention>) -> impl IntoView {
    let t = use_texts();
    let errors = form_errors(save.value(), page.errors.clone());
    let input = page.input;
    let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    view! {
        <AdminNav org=page.org.clone() current="retention"/>
        <h1>{t.admin.adm_retention}</h1>
        <p class="lead">{t.admin.retention_intro}</p>
        {saved_notice()}
        <ErrorSummary errors labels=retention_label/>
        <ActionFailure value=save.value()/>
        <PostForm action=save attr:class="form" attr:novalidate="">
            <input type="hidden" name="org" value=page.org.slug.clone()/>
            <p class="hint" id="keep-hint">{t.admin.keep_hint}</p>
            <table class="hours">
                <caption class="visually-hidden">{t.admin.adm_retention}</caption>
                <thead><tr>
                    <th scope="col">{t.common.f_type}</th>
                    <th scope="col">{t.admin.col_archive_days}</th>
                    <th scope="col">{t.admin.col_dispose_months}</th>
                    <th scope="col">{t.admin.col_disposal}</th>
                </tr></thead>
                <tbody>
                    {RequestType::ALL.into_iter().enumerate().map(|(i, ty)| {
                        let name = t.request_type(ty);
                        let disposal = cell(&input.disposal, i);
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>
                                    <label class="visually-hidden" for=format!("f-{}", ARCHIVE[i])>{name}": "{t.admin.col_archive_days}</label>
                                    <input id=format!("f-{}", ARCHIVE[i]) name=format!("rules[archive_after_days][{i}]")
                                        value=cell(&input.archive_after_days, i) size="5" inputmode="numeric"
                                        aria-invalid=invalid(errors, ARCHIVE[i]) aria-describedby=described_by(errors, ARCHIVE[i], false)/>
                                    <FieldMessage errors field=ARCHIVE[i]/>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=format!("f-{}", DISPOSE[i])>{name}": "{t.admin.col_dispose_months}</label>
                                    <input id=format!("f-{}", DISPOSE[i]) name=format!("rules[dispose_after_months][{i}]")
                                        value=cell(&input.dispose_after_months, i) size="5" inputmode="numeric"
                                        aria-invalid=invalid(errors, DISPOSE[i]) aria-describedby=move || {
                                            let error = errors.with(|e| e.get(DISPOSE[i]).is_some());
                                            if error { format!("keep-hint f-{}-error", DISPOSE[i]) } else { "keep-hint".to_string() }
                                        }/>
                                    <FieldMessage errors field=DISPOSE[i]/>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=format!("f-disposal-{i}")>{name}": "{t.admin.col_disposal}</label>
                                    <select id=format!("f-disposal-{i}") name=format!("rules[disposal][{i}]")>
                                        <option value="anonymise" selected=disposal == "anonymise">{t.admin.disp_anonymise}</option>
                                        <option value="delete" selected=disposal == "delete">{t.admin.disp_delete}</option>
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <button type="submit" class="button" disabled=move || save.pending().get()>{t.admin.save}</button>
        </PostForm>
    }
}
