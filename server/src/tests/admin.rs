//! Administration over HTTP: who may call it, and an organisation set up from nothing whose
//! requests are then timed as configured.

use crate::demo;
use crate::tests::fixtures::admin_calls;
use crate::tests::helpers::*;
use axum::http::StatusCode;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn administration_is_only_for_administrators_of_the_organisation(pool: PgPool) {
    let app = app(pool).await;
    let advisor = sign_in(&app, "neuvoja@luukku.example").await;
    for (path, fields) in admin_calls("liikennekeskus") {
        let anonymous = call(&app, path, &fields, None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{path}");
        let r = call(&app, path, &fields, Some(&advisor)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}: {}", r.body);
    }
    let create = [
        ("org[slug]", "vesilaitos"),
        ("org[prefix]", "VSL"),
        ("org[name_fi]", "Vesilaitos"),
        ("org[name_sv]", "Vattenverket"),
        ("org[name_en]", "Water Utility"),
        ("org[privacy_url]", "/privacy/demo.html"),
    ];
    let r = post(
        &app,
        "/api/create_organisation",
        &create,
        false,
        Some(&advisor),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let admin = sign_in(&app, demo::DEMO_ADMIN).await;
    for (path, fields) in admin_calls("esimerkkila") {
        let r = call(&app, path, &fields, Some(&admin)).await;
        assert!(
            r.status == StatusCode::OK || r.status == StatusCode::NOT_FOUND,
            "{path}: {} {}",
            r.status,
            r.body
        );
    }
    let r = call(
        &app,
        "/api/load_sla",
        &admin_calls("ei-ole")[2].1,
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The logo comes as a multipart post, so it is checked here rather than in the calls.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let (fields, files) = ([("org", "esimerkkila")], [("logo", "logo.png", png)]);
    for (cookie, want) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(advisor.as_str()), StatusCode::FORBIDDEN),
        (Some(admin.as_str()), StatusCode::OK),
    ] {
        let r = post_multipart(&app, "/api/upload_logo", &fields, &files, false, cookie).await;
        assert_eq!(r.status, want, "{}", r.body);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn an_administrator_sets_up_an_organisation_whose_requests_are_timed_as_configured(
    pool: PgPool,
) {
    let app = app(pool.clone()).await;
    let admin = sign_in(&app, demo::DEMO_ADMIN).await;
    let create = [
        ("org[slug]", "vesilaitos"),
        ("org[prefix]", "vsl"),
        ("org[name_fi]", "Vesilaitos"),
        ("org[name_sv]", "Vattenverket"),
        ("org[name_en]", "Water Utility"),
        ("org[privacy_url]", "/privacy/demo.html"),
    ];
    let r = post(
        &app,
        "/api/create_organisation",
        &create,
        false,
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let again = post(
        &app,
        "/api/create_organisation",
        &create,
        false,
        Some(&admin),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("taken"), "{}", again.body);

    let node = |level: &'static str, parent: String, name: &'static str| {
        vec![
            ("org".to_string(), "vesilaitos".to_string()),
            ("level".to_string(), level.to_string()),
            ("parent".to_string(), parent),
            ("node[name_fi]".to_string(), name.to_string()),
            ("node[name_sv]".to_string(), format!("{name} sv")),
            ("node[name_en]".to_string(), format!("{name} en")),
        ]
    };
    let id = |table: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT max(id) FROM {table}"))
                .fetch_one(&pool)
                .await
                .expect("id")
                .to_string()
        }
    };
    for (level, parent_table, name) in [
        ("department", None, "Vesihuolto"),
        ("provider", Some("departments"), "Verkosto"),
        ("category", Some("service_providers"), "Vesikatko"),
    ] {
        let parent = match parent_table {
            Some(t) => id(t).await,
            None => String::new(),
        };
        let r = call(
            &app,
            "/api/add_node",
            &node(level, parent, name),
            Some(&admin),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{level}: {}", r.body);
    }
    let category = id("service_categories").await;
    // Open around the clock without holidays, so the due time is exactly two hours away.
    let mut week = vec![
        ("org".to_string(), "vesilaitos".to_string()),
        ("week[time_zone]".to_string(), "Europe/Helsinki".to_string()),
    ];
    for d in 0..7 {
        week.push((format!("week[open_{d}]"), "on".into()));
        week.push((format!("week[opens_{d}]"), "00:00".into()));
        week.push((format!("week[closes_{d}]"), "23:59".into()));
    }
    let r = call(&app, "/api/save_week", &week, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let policy = [
        ("org", "vesilaitos"),
        ("policy[name]", "Vesikatkot"),
        ("policy[category_id]", category.as_str()),
        ("policy[resolution_hours]", "2"),
        ("policy[first_response_hours]", "0:30"),
    ];
    let r = post(&app, "/api/add_policy", &policy, false, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let before = chrono::Utc::now();
    let mut q = question("Vesi on poikki Kalliossa.", true);
    q[0] = ("org", "vesilaitos");
    q[4] = ("category", category.as_str());
    let r = ask(&app, &q, true).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let (number, policy_name, priority, due): (
        String,
        String,
        String,
        chrono::DateTime<chrono::Utc>,
    ) = sqlx::query_as(
        "SELECT r.number, p.name, r.priority, r.resolution_due_at
             FROM service_requests r JOIN sla_policies p ON p.id = r.sla_policy_id
             ORDER BY r.id DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("the request, timed");
    assert!(number.starts_with("VSL-"), "{number}");
    assert_eq!(
        (policy_name.as_str(), priority.as_str()),
        ("Vesikatkot", "normal")
    );
    let two_hours = chrono::Duration::hours(2);
    assert!(
        due >= before + two_hours
            && due <= chrono::Utc::now() + two_hours + chrono::Duration::minutes(2),
        "{due}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_organisation_sets_its_sender_and_signatures_and_a_bad_address_is_refused_in_place(
    pool: PgPool,
) {
    let app = app(pool.clone()).await;
    let admin = sign_in(&app, demo::DEMO_ADMIN).await;
    let mut fields = vec![
        ("org", "esimerkkila"),
        ("settings[name_fi]", "Esimerkkilän kaupunki"),
        ("settings[name_sv]", "Exempelby stad"),
        ("settings[name_en]", "City of Esimerkkilä"),
        ("settings[privacy_url]", "/privacy/demo.html"),
        ("settings[untouched_hours]", "24"),
        ("settings[mail_from_name]", "Neuvonta"),
        ("settings[mail_from_address]", "neuvonta.example"),
        (
            "settings[signature_fi]",
            "Neuvonta </textarea><script>alert(1)</script>",
        ),
        ("settings[signature_sv]", "Rådgivningen\n09 123"),
        ("settings[signature_en]", ""),
        ("settings[default_language]", "sv"),
        ("settings[reopen_days]", "400"),
    ];
    let r = post(&app, "/api/save_org_settings", &fields, true, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let page = get_signed_in(&app, r.location(), &admin).await;
    assert!(
        page.body.contains("aria-invalid=\"true\""),
        "the address is marked"
    );
    assert!(
        page.body.contains("id=\"f-reopen_days-error\""),
        "the reopen period over a year is marked"
    );
    assert!(
        !page.body.contains("<script>alert(1)"),
        "the typed signature comes back escaped"
    );
    let stored: String = sqlx::query_scalar(
        "SELECT mail_from_address FROM organisations WHERE slug = 'esimerkkila'",
    )
    .fetch_one(&pool)
    .await
    .expect("org");
    assert_eq!(stored, "esimerkkila@luukku.example", "nothing was saved");

    fields[7] = (
        "settings[mail_from_address]",
        "neuvonta@esimerkkila.example",
    );
    fields[12] = ("settings[reopen_days]", "30");
    let r = post(&app, "/api/save_org_settings", &fields, true, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert!(r.location().contains("saved=1"), "{}", r.location());
    let (address, sv): (String, String) = sqlx::query_as(
        "SELECT mail_from_address, signature_sv FROM organisations WHERE slug = 'esimerkkila'",
    )
    .fetch_one(&pool)
    .await
    .expect("org");
    assert_eq!(address, "neuvonta@esimerkkila.example");
    assert_eq!(sv, "Rådgivningen\n09 123");
    let (language, reopen): (String, i32) = sqlx::query_as(
        "SELECT default_language, reopen_days FROM organisations WHERE slug = 'esimerkkila'",
    )
    .fetch_one(&pool)
    .await
    .expect("org");
    assert_eq!((language.as_str(), reopen), ("sv", 30));
    let page = get_signed_in(&app, "/admin/o/esimerkkila/settings", &admin).await;
    assert!(page.body.contains("neuvonta@esimerkkila.example"));
    assert!(page.body.contains("Neuvonta &lt;/textarea"));
    assert!(!page.body.contains("<script>alert(1)"));
}
