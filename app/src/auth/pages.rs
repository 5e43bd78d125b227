//! The sign-in page.

use super::api::{Login, load_login};
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, ErrorView, FieldMessage, described_by, form_errors, invalid,
    use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn login_label(t: &'static Texts, field: &str) -> &'static str {
    if field == "email" {
        t.common.f_email
    } else {
        t.desk.f_password
    }
}

/// `/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let flash = crate::ui::page_data(move || query.read().get("form"), load_login);
    view! {
        <Title text=t.desk.login_heading/>
        <h1>{t.desk.login_heading}</h1>
        {move || {
            let q = query.read();
            let text = if q.get("reset").is_some() {
                Some(t.desk.reset_done)
            } else if q.get("signed_out").is_some() {
                Some(t.desk.signed_out_everywhere)
            } else {
                None
            };
            text.map(|text| view! { <div class="notice notice-success" role="status"><p>{text}</p></div> })
        }}
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match flash.await {
                    Ok(flash) => {
                        let login = Post::<Login>::new();
                        let errors = form_errors(login.value(), flash.clone().map(|f| f.errors).unwrap_or_default());
                        let email = flash.map(|f| f.values.email).unwrap_or_default();
                        let next = query.read_untracked().get("next").unwrap_or_else(|| "/desk".into());
                        view! {
                            <ErrorSummary errors labels=login_label/>
                            <ActionFailure value=login.value()/>
                            <PostForm action=login attr:class="form form-narrow" attr:novalidate="">
                                <input type="hidden" name="next" value=next/>
                                <div class="field">
                                    <label for="f-email">{t.common.f_email}</label>
                                    <input id="f-email" name="email" type="email" autocomplete="username" value=email/>
                                </div>
                                <div class="field">
                                    <label for="f-password">{t.desk.f_password}</label>
                                    <FieldMessage errors field="password"/>
                                    <input id="f-password" name="password" type="password" autocomplete="current-password"
                                        aria-invalid=invalid(errors, "password") aria-describedby=described_by(errors, "password", false)/>
                                </div>
                                <button type="submit" class="button">{t.common.sign_in}</button>
                            </PostForm>
                            <p><a href="/login/forgot">{t.desk.forgot_link}</a></p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
