//! Generated hostile values at every way in: every server function in the registry and every page
//! in the route list, anonymously and as a service-point administrator. Values are drawn
//! (deterministically) from long strings, control characters, mixed scripts and markup. Every
//! answer must be a success or a 4xx with a reason, never a server error; nothing refused may be
//! stored; and the process must not grow past a bound. A function or page added later is in the
//! lists by construction.

use crate::http_tests::{Reply, app, multipart_body, multipart_request, send, sign_in};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, header};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use sqlx::PgPool;
use std::collections::BTreeMap;

/// Hostile values: anything, control characters, long runs, mixed scripts, markup and numbers
/// at the edges.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,60}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}a-z]{1,40}",
        (1usize..120_000).prop_map(|n| "ä".repeat(n)),
        Just("</title></textarea><script>alert(1)</script>".to_string()),
        Just("\"'><img src=x onerror=alert(1)>".to_string()),
        Just("Ääkkönen Åström 漢字 עברית \u{202e}txt.exe \u{1F600}".to_string()),
        Just("a\0b".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("/\\evil.example".to_string()),
        Just(String::new()),
    ]
}

/// Every `.rs` source of the app crate.
fn app_sources() -> String {
    fn walk(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).expect("text"));
                out.push('\n');
            }
        }
    }
    let mut out = String::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"),
        &mut out,
    );
    out
}

/// The public fields of struct `name` in `src`, if it is defined there.
fn struct_fields(src: &str, name: &str) -> Option<Vec<String>> {
    let start = src.find(&format!("pub struct {name} {{"))?;
    let body = &src[start..];
    let body = &body[body.find('{')? + 1..body.find("\n}")?];
    Some(
        body.lines()
            .filter_map(|l| l.trim().strip_prefix("pub "))
            .filter_map(|l| l.split_once(':').map(|(f, _)| f.trim().to_string()))
            .collect(),
    )
}

/// The form field names each server function takes, read from its signature in the sources:
/// plain arguments by name, struct arguments as `arg[field]`.
fn parameters(src: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (at, _) in src.match_indices("endpoint = \"") {
        let rest = &src[at + 12..];
        let name = &rest[..rest.find('"').expect("quoted")];
        let Some(sig) = rest.find(&format!("fn {name}(")) else {
            continue;
        };
        let args = &rest[sig + name.len() + 4..];
        let args = &args[..args.find(") ->").unwrap_or(0)];
        let mut keys = Vec::new();
        for arg in args.split(",\n").flat_map(|a| a.split(", ")) {
            let Some((arg, ty)) = arg.split_once(':') else {
                continue;
            };
            let (arg, ty) = (arg.trim(), ty.trim().trim_end_matches(','));
            let ty_name = ty.rsplit("::").next().unwrap_or(ty);
            match struct_fields(src, ty_name) {
                Some(fields) => keys.extend(fields.iter().map(|f| format!("{arg}[{f}]"))),
                None => keys.push(arg.to_string()),
            }
        }
        out.insert(format!("/api/{name}"), keys);
    }
    out
}

/// A post from client address number `n` (so per-address limits leave room to reach the code).
async fn post_as(
    app: &Router,
    n: u32,
    path: &str,
    fields: &[(String, String)],
    multipart: bool,
    cookie: Option<&str>,
) -> Reply {
    let mut req = if multipart {
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = multipart_body(&pairs, &[("files", "x.svg", b"<svg onload=alert(1)>")]);
        multipart_request(
            path,
            &pairs,
            &[("files", "x.svg", b"<svg onload=alert(1)>")],
            false,
        )
        .body(Body::from(body))
        .expect("request")
    } else {
        let body = serde_urlencoded::to_string(fields).expect("form");
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(
                header::ACCEPT,
                if n.is_multiple_of(2) {
                    "application/json"
                } else {
                    "text/html"
                },
            )
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .body(Body::from(body))
            .expect("request")
    };
    if let Some(cookie) = cookie {
        req.headers_mut()
            .insert(header::COOKIE, cookie.parse().expect("cookie"));
    }
    let peer = std::net::SocketAddr::from(([10, 9, (n / 250) as u8, (n % 250) as u8 + 1], 40000));
    req.extensions_mut().insert(ConnectInfo(peer));
    send(app, req).await
}

fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

async fn stored(pool: &PgPool) -> (i64, i64, i64, i64) {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM service_requests), (SELECT count(*) FROM request_events),
                (SELECT count(*) FROM outbox), (SELECT count(*) FROM attachments)",
    )
    .fetch_one(pool)
    .await
    .expect("counts")
}

/// Cases per function and caller.
const CASES: usize = 6;

#[sqlx::test(migrations = "../migrations")]
async fn hostile_values_at_every_function_and_page_never_make_a_server_error(pool: PgPool) {
    let app = app(pool.clone()).await;
    let registered: Vec<&'static str> = {
        let mut p: Vec<_> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let params = parameters(&app_sources());
    let missing: Vec<_> = registered
        .iter()
        .filter(|p| !params.contains_key(**p))
        .collect();
    assert!(missing.is_empty(), "no signature found for {missing:?}");
    let multipart = [
        "/api/submit_form",
        "/api/answer_request",
        "/api/upload_logo",
    ];
    // Functions that end the session go last, so the rest run signed in.
    let mut order: Vec<&str> = registered.clone();
    order.sort_by_key(|p| matches!(*p, "/api/logout" | "/api/sign_out_everywhere"));

    let mut runner = TestRunner::deterministic();
    let strategy = hostile();
    let mut draw = move || strategy.new_tree(&mut runner).expect("a value").current();
    let rss_before = resident_bytes();
    let before = stored(&pool).await;
    let mut failures = Vec::new();
    let mut sent = 0u32;

    // Anonymous: nothing may be stored.
    for path in &order {
        for _ in 0..CASES {
            let fields: Vec<(String, String)> =
                params[*path].iter().map(|k| (k.clone(), draw())).collect();
            let r = post_as(&app, sent, path, &fields, multipart.contains(path), None).await;
            sent += 1;
            if r.status.is_server_error() {
                failures.push(format!(
                    "anonymous {path}: {} {}",
                    r.status,
                    &r.body[..r.body.len().min(200)]
                ));
            }
        }
    }
    assert_eq!(
        stored(&pool).await,
        before,
        "an anonymous hostile post stored something"
    );

    // Pages, anonymous and signed in, with hostile path parameters and queries.
    let admin = sign_in(&app, "paakayttaja@luukku.example").await;
    let routes = leptos_axum::generate_route_list(app::App);
    let mut pages = 0;
    for route in routes.iter().map(|r| r.path().to_string()) {
        for cookie in [None, Some(admin.as_str())] {
            for _ in 0..2 {
                let path: String = route
                    .split('/')
                    .map(|seg| {
                        if seg.starts_with([':', '*', '{']) {
                            percent_encoding::utf8_percent_encode(
                                &draw().chars().take(300).collect::<String>(),
                                percent_encoding::NON_ALPHANUMERIC,
                            )
                            .to_string()
                        } else {
                            seg.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                let query = serde_urlencoded::to_string([
                    ("form", draw().chars().take(300).collect::<String>()),
                    ("next", draw().chars().take(300).collect::<String>()),
                ])
                .expect("query");
                let mut req = Request::get(format!("{path}?{query}"))
                    .header(header::ACCEPT, "text/html")
                    .body(Body::empty())
                    .expect("request");
                if let Some(c) = cookie {
                    req.headers_mut()
                        .insert(header::COOKIE, c.parse().expect("cookie"));
                }
                let r = send(&app, req).await;
                pages += 1;
                if r.status.is_server_error() {
                    failures.push(format!("GET {path}: {}", r.status));
                }
                if r.body.contains("<script>alert") || r.body.contains("<img src=x") {
                    failures.push(format!("GET {path}: hostile markup came out raw"));
                }
            }
        }
    }

    // Every function again, signed in as a service-point administrator.
    for path in &order {
        for _ in 0..CASES {
            let fields: Vec<(String, String)> =
                params[*path].iter().map(|k| (k.clone(), draw())).collect();
            let r = post_as(
                &app,
                sent,
                path,
                &fields,
                multipart.contains(path),
                Some(&admin),
            )
            .await;
            sent += 1;
            if r.status.is_server_error() {
                failures.push(format!(
                    "administrator {path}: {} {}",
                    r.status,
                    &r.body[..r.body.len().min(200)]
                ));
            }
        }
    }
    let grown = resident_bytes().saturating_sub(rss_before);
    println!(
        "robustness: {} functions, {} pages, {sent} posts and {pages} page loads; resident memory grew {} MB",
        registered.len(),
        routes.len(),
        grown / 1_000_000
    );
    assert!(
        failures.is_empty(),
        "{} server errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Other tests share this process, so the bound is loose; a leak per request would pass it.
    assert!(grown < 300_000_000, "the process grew {grown} bytes");
}

#[test]
fn every_registered_function_has_its_parameters_read() {
    let params = parameters(&app_sources());
    assert!(params.len() > 80, "{}", params.len());
    assert_eq!(
        params["/api/add_node"],
        [
            "org",
            "level",
            "parent",
            "node[name_fi]",
            "node[name_sv]",
            "node[name_en]"
        ]
    );
    assert_eq!(params["/api/resend_link"], ["number", "email"]);
}
