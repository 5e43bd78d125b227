//! Generated hostile values at every way in: every server function in the registry and every page
//! in the route list, anonymously and as a service-point administrator. Values are drawn
//! (deterministically) from long strings, control characters, mixed scripts and markup, and one
//! case per function puts markup in every field. Every answer must be a success or a 4xx with a
//! reason, never a server error; a page a post sends the browser to (a failed form shown again)
//! and every page loaded with hostile parameters must show markup as text; nothing an anonymous
//! post sent may be stored; and the process must not grow past a bound. A function or page added
//! later is in the lists by construction.

use crate::tests::helpers::{Reply, app, multipart_body, multipart_request, send, sign_in};
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

/// Cases per function and caller; the first sets every field to [`MARKUP`].
const CASES: usize = 6;

/// Markup in every field at once: whatever page shows the values again must show it as text.
const MARKUP: &str = "</title></textarea><script>alert(1)</script>";

/// What the multipart functions read from their body (their signature names only the body).
const MULTIPART_FIELDS: [(&str, &[&str]); 3] = [
    (
        "/api/submit_form",
        &[
            "org",
            "form",
            "started",
            "submission",
            "embed",
            "website",
            "name",
            "email",
            "language",
            "category",
            "consent",
            "subject",
            "message",
        ],
    ),
    ("/api/answer_request", &["token", "message"]),
    ("/api/upload_logo", &["org"]),
];

/// Whether `page` shows markup of [`MARKUP`] or [`hostile`] as markup.
fn raw_markup(page: &Reply) -> bool {
    page.body.contains("<script>alert") || page.body.contains("<img src=x")
}

/// A GET of `path` as a browser, with the session `cookie` if given.
async fn page(app: &Router, path: &str, cookie: Option<&str>) -> Reply {
    let mut req = Request::get(path)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .expect("request");
    if let Some(c) = cookie {
        req.headers_mut()
            .insert(header::COOKIE, c.parse().expect("cookie"));
    }
    send(app, req).await
}

/// Where the run stands: the values drawn, posts sent and what failed.
struct Run {
    draw: Box<dyn FnMut() -> String>,
    sent: u32,
    failures: Vec<String>,
}

impl Run {
    /// [`CASES`] posts to every function of `order` as `who` (`cookie`), each followed, when it
    /// is answered by a redirect within the service (a failed form shown again), by that page.
    async fn post_all(
        &mut self,
        app: &Router,
        order: &[&str],
        params: &BTreeMap<String, Vec<String>>,
        who: &str,
        cookie: Option<&str>,
    ) {
        for path in order {
            let multipart = MULTIPART_FIELDS.iter().any(|(p, _)| p == path);
            for case in 0..CASES {
                let fields: Vec<(String, String)> = params[*path]
                    .iter()
                    .map(|k| {
                        let v = if case == 0 {
                            MARKUP.to_string()
                        } else {
                            (self.draw)()
                        };
                        (k.clone(), v)
                    })
                    .collect();
                let r = post_as(app, self.sent, path, &fields, multipart, cookie).await;
                self.sent += 1;
                if r.status.is_server_error() {
                    let body = &r.body[..r.body.len().min(200)];
                    self.failures
                        .push(format!("{who} {path}: {} {body}", r.status));
                }
                let to = r.location();
                if r.status.is_redirection() && to.starts_with('/') && !to.starts_with("//") {
                    if to.parse::<axum::http::Uri>().is_err() {
                        let to: String = to.chars().take(120).collect();
                        self.failures
                            .push(format!("{who} {path}: redirected to {to:?}…, not a URI"));
                        continue;
                    }
                    let shown = page(app, to, cookie).await;
                    if shown.status.is_server_error() || raw_markup(&shown) {
                        let to: String = to.chars().take(120).collect();
                        self.failures
                            .push(format!("{who} {path}, then GET {to}: {}", shown.status));
                    }
                }
            }
        }
    }
}

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
    let mut params = parameters(&app_sources());
    for (path, fields) in MULTIPART_FIELDS {
        params.insert(
            path.to_string(),
            fields.iter().map(|f| f.to_string()).collect(),
        );
    }
    let missing: Vec<_> = registered
        .iter()
        .filter(|p| !params.contains_key(**p))
        .collect();
    assert!(missing.is_empty(), "no signature found for {missing:?}");
    // Functions that end the session go last, so the rest run signed in.
    let mut order: Vec<&str> = registered.clone();
    order.sort_by_key(|p| matches!(*p, "/api/logout" | "/api/sign_out_everywhere"));

    let mut runner = TestRunner::deterministic();
    let strategy = hostile();
    let mut run = Run {
        draw: Box::new(move || strategy.new_tree(&mut runner).expect("a value").current()),
        sent: 0,
        failures: Vec::new(),
    };
    let rss_before = resident_bytes();
    let before = stored(&pool).await;

    // Anonymous: nothing may be stored.
    run.post_all(&app, &order, &params, "anonymous", None).await;
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
            for case in 0..2 {
                let mut value = || {
                    let v = if case == 0 {
                        MARKUP.to_string()
                    } else {
                        (run.draw)()
                    };
                    v.chars().take(300).collect::<String>()
                };
                let path: String = route
                    .split('/')
                    .map(|seg| {
                        if seg.starts_with([':', '*', '{']) {
                            percent_encoding::utf8_percent_encode(
                                &value(),
                                percent_encoding::NON_ALPHANUMERIC,
                            )
                            .to_string()
                        } else {
                            seg.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                let query = serde_urlencoded::to_string([("form", value()), ("next", value())])
                    .expect("query");
                let r = page(&app, &format!("{path}?{query}"), cookie).await;
                pages += 1;
                if r.status.is_server_error() || raw_markup(&r) {
                    let path: String = path.chars().take(120).collect();
                    run.failures.push(format!("GET {path}: {}", r.status));
                }
            }
        }
    }

    // Every function again, signed in as a service-point administrator.
    run.post_all(&app, &order, &params, "administrator", Some(&admin))
        .await;
    let grown = resident_bytes().saturating_sub(rss_before);
    println!(
        "robustness: {} functions, {} pages, {} posts and {pages} page loads; resident memory grew {} MB",
        registered.len(),
        routes.len(),
        run.sent,
        grown / 1_000_000
    );
    assert!(
        run.failures.is_empty(),
        "{} failures:\n{}",
        run.failures.len(),
        run.failures.join("\n")
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
