//! The pages as the router loads them.
//!
//! The advisor's two pages, the queue and the request view, are in the main browser bundle. The
//! other pages load in three groups the first time one of them is shown (when the bundle is built
//! with `cargo leptos --split`): the customer's pages, the rest of the staff pages, and
//! administration. A citizen filling in a form never downloads the workspace, and an advisor's
//! first page does not wait for the form builder. A few large groups rather than one chunk per
//! page: the code pages share would otherwise be cut into hundreds of small files.

use crate::*;
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// Declares a group of pages that load together: `loader` renders any of them once the group's
/// code is there, and each named route is a lazy route showing its page. `preload` names the
/// function `#[lazy]` generates in the browser to fetch the loader's code (`__preload_` + loader).
macro_rules! page_group {
    ($(#[$doc:meta])* $loader:ident, $preload:ident($group:ident) {
        $($route:ident => $($page:ident)::+,)*
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        enum $group {
            $($route,)*
        }

        #[lazy]
        fn $loader(page: $group) -> AnyView {
            match page {
                $($group::$route => view! { <$($page)::+/> }.into_any(),)*
            }
        }

        $(
            #[doc = concat!("The route of `", stringify!($($page)::+), "`.")]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                fn view(_this: Self) -> impl Future<Output = AnyView> {
                    $loader($group::$route)
                }

                // Hydration needs the page's code before it takes over the server's HTML.
                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )*
    };
}

page_group! {
    /// What citizens see: forms, tracking, the survey and the portal.
    customer_page, __preload_customer_page(CustomerPage) {
        Home => public_form::pages::HomePage,
        Form => public_form::pages::FormPage,
        EmbedForm => public_form::pages::EmbedFormPage,
        Sent => public_form::pages::SentPage,
        Retry => public_form::pages::RetryPage,
        EmbedSent => public_form::pages::EmbedSentPage,
        Privacy => public_form::pages::PrivacyPage,
        Resend => tracking::pages::ResendPage,
        Track => tracking::pages::TrackPage,
        Survey => survey::pages::SurveyPageView,
        Portal => portal::pages::PortalPageView,
        PortalLink => portal::pages::PortalLinkPage,
    }
}

page_group! {
    /// Staff pages other than the queue and the request view, and signing in.
    staff_page, __preload_staff_page(StaffPage) {
        Login => auth::pages::LoginPage,
        Forgot => people::pages::ForgotPage,
        Reset => people::pages::ResetPage,
        Templates => templates::pages::TemplatesPageView,
        Phone => phone::pages::PhonePageView,
        Board => board::pages::BoardPageView,
        Account => people::pages::AccountPageView,
        Delegated => desk::pages::DelegatedPageView,
        Outbox => dev::pages::OutboxPage,
    }
}

page_group! {
    /// Administration: organisations, forms, people, routing and service levels.
    admin_page, __preload_admin_page(AdminPage) {
        AdminHome => admin::pages::AdminHomePage,
        FormsAdmin => form_builder::pages::FormsAdminPage,
        FormEditor => form_builder::pages::FormEditorPage,
        PrivacyAdmin => form_builder::pages::PrivacyAdminPageView,
        SettingsAdmin => admin::pages::SettingsAdminPage,
        PeopleAdmin => people::pages::PeopleAdminPage,
        RoutingAdmin => routing::pages::RoutingAdminPage,
        HierarchyAdmin => admin::pages::HierarchyAdminPage,
        CalendarAdmin => admin::pages::CalendarAdminPage,
        SlaAdmin => admin::pages::SlaAdminPage,
        RetentionAdmin => admin::pages::RetentionAdminPage,
        MailAdmin => admin::pages::MailAdminPage,
    }
}
