//! `/portal` (sign-in or "my requests") and `/portal/in/:token` (the e-mailed link's page).

use super::api::{PortalSignIn, PortalSignOut, RequestSignIn, check_sign_in, load_portal};
use super::types::PortalPage;
use crate::domain::format::date_time;
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, ErrorView, FieldMessage, StatusBadge, TextField, form_errors,
    use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/portal`.
#[component]
pub fn PortalPageView() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let page = crate::ui::page_data(
        move || {
            let q = query.read();
            (
                q.get("before").and_then(|b| b.parse().ok()),
                q.get("form"),
                q.get("sent"),
            )
        },
        |(before, form, _)| load_portal(before, form),
    );
    view! {
        <Title text=t.customer.portal_heading/>
        <h1>{t.customer.portal_heading}</h1>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.email.is_some() => view! { <MyRequests page/> }.into_any(),
                    Ok(page) => view! { <SignInForm page/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SignInForm(page: PortalPage) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let ask = Post::<RequestSignIn>::new();
    let errors = form_errors(
        ask.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let v = page.flash.map(|f| f.values).unwrap_or_default();
    let sent = move || {
        query.read().get("sent").is_some() || ask.value().with(|v| matches!(v, Some(Ok(()))))
    };
    let labels = |t: &'static Texts, f: &str| {
        if f == "email" {
            t.common.f_email
        } else {
            t.customer.form_heading_problem
        }
    };
    view! {
        <Show when=sent>
            <div class="notice notice-success" role="status" data-testid="sign-in-sent"><p>{t.customer.portal_sent}</p></div>
        </Show>
        <p class="lead">{t.customer.portal_intro}</p>
        <ErrorSummary errors labels/>
        <ActionFailure value=ask.value()/>
        <PostForm action=ask attr:class="form" attr:novalidate="">
            <FieldMessage errors field="form"/>
            <TextField errors field="email" name="email" label=t.common.f_email value=v.email required=true kind="email"/>
            <button type="submit" class="button" disabled=move || ask.pending().get()>{t.customer.portal_send_link}</button>
        </PostForm>
    }
}

#[component]
fn MyRequests(page: PortalPage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let sign_out = Post::<PortalSignOut>::new();
    view! {
        <p>{t.customer.portal_signed_in_as}" "<strong>{page.email.clone()}</strong></p>
        <PostForm action=sign_out attr:class="form-inline">
            <button type="submit" class="button button-secondary">{t.common.sign_out}</button>
        </PostForm>
        {if page.requests.is_empty() {
            view! { <p>{t.customer.portal_none}</p> }.into_any()
        } else {
            view! {
                <table class="queue">
                    <caption class="visually-hidden">{t.customer.portal_heading}</caption>
                    <thead><tr>
                        <th scope="col">{t.customer.f_number}</th>
                        <th scope="col">{t.customer.portal_org}</th>
                        <th scope="col">{t.common.f_subject}</th>
                        <th scope="col">{t.common.track_status}</th>
                        <th scope="col">{t.common.col_received}</th>
                    </tr></thead>
                    <tbody>
                        {page.requests.into_iter().map(|r| view! {
                            <tr>
                                <td><a href=format!("/track/{}", r.token)>{r.number.clone()}</a></td>
                                <td>{r.organisation.get(lang).to_string()}</td>
                                <td>{r.subject.clone()}</td>
                                <td><StatusBadge status=r.status/></td>
                                <td>{date_time(r.created_at, lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {page.next.map(|before| view! {
            <p><a href=format!("/portal?before={before}") rel="next">{t.common.older}</a></p>
        })}
    }
}

/// `/portal/in/:token`: the e-mailed link opens this page; the button signs in. Opening the link
/// uses nothing, so a mail scanner cannot spend it.
#[component]
pub fn PortalLinkPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let usable = crate::ui::page_data(
        move || params.read().get("token").unwrap_or_default(),
        check_sign_in,
    );
    let sign_in = Post::<PortalSignIn>::new();
    view! {
        <Title text=t.customer.portal_heading/>
        <h1>{t.customer.portal_heading}</h1>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match usable.await {
                    Ok(true) => view! {
                        <ActionFailure value=sign_in.value()/>
                        <PostForm action=sign_in attr:class="form">
                            <input type="hidden" name="token" value=move || params.read().get("token").unwrap_or_default()/>
                            <button type="submit" class="button">{t.customer.portal_sign_in}</button>
                        </PostForm>
                    }.into_any(),
                    Ok(false) => view! {
                        <div class="notice notice-error" role="alert">
                            <p>{t.common.link_expired}</p>
                            <p><a href="/portal">{t.customer.portal_send_link}</a></p>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
