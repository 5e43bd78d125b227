//! Luukku: one customer-service point for several public organisations.
//! `shell` is the HTML document; `App` is the router table.

pub mod actions;
pub mod admin;
pub mod auth;
pub mod board;
pub mod desk;
pub mod dev;
pub mod domain;
pub mod error;
pub mod form_builder;
pub mod i18n;
pub mod notes;
pub mod pages;
pub mod people;
pub mod phone;
pub mod portal;
pub mod public_form;
pub mod queues;
#[cfg(feature = "ssr")]
pub mod requests;
pub mod routing;
pub mod survey;
pub mod templates;
pub mod tracking;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod abuse;
#[cfg(feature = "ssr")]
pub mod ctx;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod hashing;
#[cfg(feature = "ssr")]
pub mod inbound;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(all(test, feature = "ssr"))]
mod testing;
#[cfg(feature = "ssr")]
pub mod uploads;

use domain::Lang;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{Lazy, SsrMode, path};

/// The HTML document around the app. On the server it also fixes the page's language and sets the
/// Content-Security-Policy with this response's script nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = {
        leptos::nonce::provide_nonce();
        if let (Some(nonce), Some(res)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) {
            let csp = format!(
                "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
                 img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; \
                 form-action 'self'; object-src 'none'"
            );
            if let Ok(v) = http::HeaderValue::from_str(&csp) {
                res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
            }
        }
        ctx::lang()
    };
    #[cfg(not(feature = "ssr"))]
    let lang = Lang::default();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // No icon of our own: saying so spares the browser a request that would fail.
                <link rel="icon" href="data:,"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language the server rendered the page in: from the request on the server, from
/// `<html lang>` in the browser, so both render the same.
fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        ctx::lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
}

/// The router table.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = page_lang();
    provide_context(lang);
    let t = i18n::texts(lang);
    view! {
        <Stylesheet id="leptos" href="/pkg/luukku.css"/>
        // The empty text keeps the service's name as the title while a page's code is still loading.
        // Every page's title passes this formatter, which escapes it for the server's <title>.
        <Title text="" formatter=move |page: String| ui::raw_text(&if page.is_empty() { t.common.app_name.to_string() } else { format!("{page} – {}", t.common.app_name) })/>
        <Router>
            <a class="skip-link" href="#main">{t.common.skip_to_content}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=move || view! { <ui::ErrorView error=error::AppError::NotFound/> }>
                    <Route path=path!("/") view={Lazy::<pages::Home>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/o/:org/:form") view={Lazy::<pages::Form>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/embed/o/:org/:form") view={Lazy::<pages::EmbedForm>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sent/:token") view={Lazy::<pages::Sent>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/retry/:id") view={Lazy::<pages::Retry>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/embed/sent/:token") view={Lazy::<pages::EmbedSent>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/privacy/:org") view={Lazy::<pages::Privacy>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/track") view={Lazy::<pages::Resend>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/track/:token") view={Lazy::<pages::Track>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/survey/:token") view={Lazy::<pages::Survey>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/portal") view={Lazy::<pages::Portal>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/portal/in/:token") view={Lazy::<pages::PortalLink>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dev/outbox") view={Lazy::<pages::Outbox>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login") view={Lazy::<pages::Login>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login/forgot") view={Lazy::<pages::Forgot>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login/reset/:token") view={Lazy::<pages::Reset>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/desk") view=queues::pages::QueuePageView ssr=SsrMode::Async/>
                    <Route path=path!("/desk/r/:id") view=desk::pages::RequestPageView ssr=SsrMode::Async/>
                    <Route path=path!("/desk/templates") view={Lazy::<pages::Templates>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/desk/phone") view={Lazy::<pages::Phone>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/desk/board") view={Lazy::<pages::Board>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/desk/account") view={Lazy::<pages::Account>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/desk/d/:id") view={Lazy::<pages::Delegated>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view={Lazy::<pages::AdminHome>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/forms") view={Lazy::<pages::FormsAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/forms/:id") view={Lazy::<pages::FormEditor>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/privacy") view={Lazy::<pages::PrivacyAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/settings") view={Lazy::<pages::SettingsAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/people") view={Lazy::<pages::PeopleAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/routing") view={Lazy::<pages::RoutingAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/hierarchy") view={Lazy::<pages::HierarchyAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/calendar") view={Lazy::<pages::CalendarAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/sla") view={Lazy::<pages::SlaAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/retention") view={Lazy::<pages::RetentionAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/o/:org/mail") view={Lazy::<pages::MailAdmin>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}

/// The top bar: the service name, the desk link and the language switcher. The switcher is a plain
/// link (a full page load) so it works without JavaScript; the server remembers the choice in a cookie.
#[component]
fn Header() -> impl IntoView {
    let lang = ui::use_lang();
    let t = i18n::texts(lang);
    let location = use_location();
    // A form framed in an organisation's own site shows only the form.
    let framed = location.pathname.get_untracked().starts_with("/embed/");
    (!framed).then(|| view! {
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-name">{t.common.app_name}</a>
                <span class="brand-tagline">{t.common.tagline}</span>
            </div>
            <nav aria-label=t.common.language class="lang-switch">
                <ul>
                    {Lang::ALL.into_iter().map(|l| {
                        let href = move || {
                            let search = location.search.get();
                            let here = if search.is_empty() {
                                location.pathname.get()
                            } else {
                                format!("{}?{}", location.pathname.get(), search.trim_start_matches('?'))
                            };
                            format!("/lang/{}?next={}", l.code(), encode(&here))
                        };
                        view! {
                            <li>
                                <a href=href rel="external" hreflang=l.code() lang=l.code()
                                    aria-current=(l == lang).then_some("true")>{l.native_name()}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
            <a href="/desk" class="desk-link">{t.common.nav_desk}</a>
        </header>
    })
}

/// Percent-encodes a path for a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
