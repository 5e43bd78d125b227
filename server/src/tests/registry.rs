//! Every server function the router serves has its access tested: in a role matrix
//! (`workspace_tests`, `people_tests`), in the administration calls every non-administrator is
//! refused ([`admin_calls`]), or on the public list below, open to anyone by design. The
//! functions are read from the server-function registry, so one added without an access test
//! fails here.

use crate::tests::fixtures::admin_calls;
use crate::tests::helpers::{app, post};
use sqlx::PgPool;

/// Open without a session: the customer channel, signing in and the developer outbox.
const PUBLIC: &[&str] = &[
    // Forms, confirmation and privacy notices.
    "list_forms",
    "load_form",
    "submit_form",
    "load_confirmation",
    // A post kept in memory while the database was out of reach: the random id is the access.
    "load_unsent",
    "load_privacy",
    // Tracking links: the signed token is the access.
    "load_tracking",
    "answer_request",
    "cancel_request",
    "hurry_request",
    "revoke_links",
    "load_resend",
    "resend_link",
    // The customer portal: its own e-mailed sign-in.
    "load_portal",
    "request_sign_in",
    "check_sign_in",
    "portal_sign_in",
    "portal_sign_out",
    // Satisfaction survey: the signed link is the access.
    "load_survey",
    "answer_survey",
    // Staff sign-in and password reset.
    "load_login",
    "login",
    "logout",
    "whoami",
    "load_forgot",
    "request_password_reset",
    "load_reset",
    "reset_password",
    // Lists the outbox only where developer pages are on (as in these tests).
    "load_outbox",
];

/// Administration calls checked outside [`admin_calls`], in the same test: creating an
/// organisation (service-point administrators only) and the multipart logo upload.
const ADMIN_ELSEWHERE: &[&str] = &["create_organisation", "upload_logo"];

/// The sources of the role matrices, where every row starts with its function's path.
const MATRICES: [&str; 2] = [include_str!("workspace.rs"), include_str!("people.rs")];

fn registered() -> Vec<&'static str> {
    let mut paths: Vec<&'static str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

#[test]
fn every_server_function_is_in_a_role_matrix_the_administration_calls_or_public() {
    let paths = registered();
    assert!(
        paths.len() > 80,
        "the registry lists {} functions",
        paths.len()
    );
    let administration: Vec<String> = admin_calls("x")
        .into_iter()
        .map(|(path, _)| path.to_string())
        .chain(ADMIN_ELSEWHERE.iter().map(|name| format!("/api/{name}")))
        .collect();
    let public: Vec<String> = PUBLIC.iter().map(|name| format!("/api/{name}")).collect();
    let untested: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|path| {
            let quoted = format!("\"{path}\"");
            !public.iter().any(|p| p == path)
                && !administration.iter().any(|p| p == path)
                && !MATRICES.iter().any(|source| source.contains(&quoted))
        })
        .collect();
    assert!(untested.is_empty(), "no access test for {untested:?}");
    let stale: Vec<&String> = public
        .iter()
        .chain(&administration)
        .filter(|path| !paths.contains(&path.as_str()))
        .collect();
    assert!(stale.is_empty(), "listed but not registered: {stale:?}");
}

/// What a bot gets for posting nothing to each function without a session: a refusal or a
/// reason for every function that needs a session, never a server error from any.
#[sqlx::test(migrations = "../migrations")]
async fn an_empty_anonymous_post_to_any_function_is_answered_without_a_server_error(pool: PgPool) {
    let app = app(pool).await;
    for path in registered() {
        let r = post(&app, path, &[], false, None).await;
        assert!(
            !r.status.is_server_error(),
            "{path}: {} {}",
            r.status,
            r.body
        );
        let public = PUBLIC.iter().any(|name| path == format!("/api/{name}"));
        assert!(
            public || r.status.is_client_error(),
            "{path} answered {} without a session",
            r.status
        );
    }
}
