use super::*;
use crate::domain::{Lang, Localized};

fn loc(s: &str) -> Localized {
    Localized {
        fi: format!("{s} fi"),
        sv: format!("{s} sv"),
        en: format!("{s} en"),
    }
}

fn field(key: &str, kind: FieldKind, required: bool) -> FieldDef {
    FieldDef {
        key: key.into(),
        kind,
        label: loc(key),
        help: Localized::default(),
        required,
        choices: Vec::new(),
        show_if: None,
        role: None,
    }
}

fn order_form() -> FormDef {
    let mut delivery = field("delivery", FieldKind::SingleChoice, true);
    delivery.choices = vec![
        Choice {
            value: "post".into(),
            label: loc("Post"),
        },
        Choice {
            value: "pickup".into(),
            label: loc("Pickup"),
        },
    ];
    let mut address = field("address", FieldKind::ShortText, true);
    address.show_if = Some(Condition {
        field: "delivery".into(),
        equals: "post".into(),
    });
    let mut what = field("what", FieldKind::ShortText, true);
    what.role = Some(FieldRole::Subject);
    FormDef {
        fields: vec![
            what,
            field("count", FieldKind::Number, false),
            delivery,
            address,
        ],
    }
}

fn raw(pairs: &[(&str, &str)]) -> RawValues {
    let mut r = RawValues::new();
    for (k, v) in pairs {
        r.entry(k.to_string()).or_default().push(v.to_string());
    }
    r
}

fn base() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "Maija"),
        ("email", "maija@example.fi"),
        ("language", "sv"),
        ("consent", "on"),
    ]
}

fn ctx(name: &Localized) -> FormContext<'_> {
    FormContext {
        form_name: name,
        categories: None,
    }
}

#[test]
fn a_hidden_field_is_neither_required_nor_kept() {
    let name = loc("Order");
    let mut pairs = base();
    pairs.extend([
        ("what", "Bin"),
        ("delivery", "pickup"),
        ("address", "ignored"),
    ]);
    let s = order_form()
        .parse(&raw(&pairs), &ctx(&name))
        .expect("valid");
    assert_eq!(s.subject, "Bin");
    assert!(!s.answers.contains_key("address"));
    assert_eq!(s.language, Lang::Sv);
    assert_eq!(s.message, "what sv: Bin\ndelivery sv: Pickup sv");
}

#[test]
fn a_shown_required_field_must_be_answered() {
    let name = loc("Order");
    let mut pairs = base();
    pairs.extend([("what", "Bin"), ("delivery", "post"), ("count", "many")]);
    let e = order_form()
        .parse(&raw(&pairs), &ctx(&name))
        .expect_err("invalid");
    assert_eq!(e.get("address"), Some("required"));
    assert_eq!(e.get("count"), Some("number_invalid"));
}

#[test]
fn choices_must_be_offered_ones_and_contact_fields_are_checked() {
    let name = loc("Order");
    let e = order_form()
        .parse(&raw(&[("delivery", "drone"), ("email", "x")]), &ctx(&name))
        .expect_err("invalid");
    for (f, code) in [
        ("name", "required"),
        ("email", "email_invalid"),
        ("language", "choose"),
        ("what", "required"),
        ("delivery", "choose"),
        ("consent", "consent_required"),
    ] {
        assert_eq!(e.get(f), Some(code), "{f}");
    }
}

#[test]
fn files_are_recognised_by_content_not_name() {
    let limits = FileLimits {
        max_files: 2,
        max_bytes: 100,
        types: vec![FileType::Pdf, FileType::Png],
    };
    assert_eq!(check_file(b"%PDF-1.7 ...", &limits), Ok(FileType::Pdf));
    assert_eq!(check_file(b"MZ\x90\x00 an exe", &limits), Err("file_type"));
    assert_eq!(check_file(b"plain text", &limits), Err("file_type"));
    assert_eq!(check_file(&[b'%'; 101], &limits), Err("file_too_large"));
    assert_eq!(safe_file_name("../../etc/\"passwd\".pdf"), "passwd.pdf");
    assert_eq!(safe_file_name("C:\\x\\..."), "file");
    assert_eq!(stored_file_name("kuva.svg", FileType::Txt), "kuva.svg.txt");
    assert_eq!(stored_file_name("liite.PDF", FileType::Pdf), "liite.PDF");
    assert_eq!(
        stored_file_name("valokuva.jpeg", FileType::Jpeg),
        "valokuva.jpeg"
    );
    assert_eq!(
        stored_file_name("sivu.html", FileType::Png),
        "sivu.html.png"
    );
    assert_eq!(stored_file_name("noext", FileType::Webp), "noext.webp");
}

#[test]
fn the_editor_refuses_what_would_break_a_form() {
    let form = order_form();
    let mut input = FieldInput::from_def(&form.fields[1]);
    input.key = "what".into();
    assert_eq!(
        form.apply(FormEdit::Put {
            replacing: None,
            field: Box::new(input.clone())
        })
        .expect_err("invalid")
        .get("key"),
        Some("duplicate_key")
    );
    input.key = "email".into();
    assert!(
        form.apply(FormEdit::Put {
            replacing: None,
            field: Box::new(input.clone())
        })
        .is_err()
    );
    input.key = "later".into();
    input.show_if_field = "address".into();
    input.show_if_value = "x".into();
    assert_eq!(
        form.apply(FormEdit::Put {
            replacing: None,
            field: Box::new(input.clone())
        })
        .expect_err("invalid")
        .get("show_if_field"),
        Some("condition_invalid")
    );
    // A condition must come after its field: moving the address above delivery is refused.
    assert!(form.apply(FormEdit::MoveUp("address".into())).is_err());
    let moved = form
        .apply(FormEdit::MoveDown("what".into()))
        .expect("valid");
    assert_eq!(moved.fields[1].key, "what");
}

#[test]
fn brand_colours_keep_white_text_readable_and_origins_are_plain_sites() {
    let ok = |c: &str, o: &str| {
        EmbeddingInput {
            brand_colour: c.into(),
            origins: o.into(),
        }
        .parse()
    };
    assert_eq!(
        ok(
            "#1D4E89",
            "https://www.example.fi/\n\nhttp://localhost:8080"
        )
        .expect("valid"),
        (
            "#1d4e89".to_string(),
            vec![
                "https://www.example.fi".to_string(),
                "http://localhost:8080".to_string()
            ]
        )
    );
    assert_eq!(
        ok("#ffff00", "").expect_err("invalid").get("brand_colour"),
        Some("colour_contrast")
    );
    assert_eq!(
        ok("blue", "").expect_err("invalid").get("brand_colour"),
        Some("colour_invalid")
    );
    for bad in [
        "http://example.fi",
        "https://example.fi/path",
        "javascript:alert(1)",
        "https://a b",
        "*",
    ] {
        assert_eq!(
            ok("#000000", bad).expect_err("invalid").get("origins"),
            Some("origin_invalid"),
            "{bad}"
        );
    }
    assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 0.01);
}

#[test]
fn form_settings_are_checked_whole() {
    let input = SettingsInput {
        slug: "water-cut".into(),
        request_type: "incident".into(),
        category: "7".into(),
        name_fi: "Vesikatko".into(),
        name_sv: "Vattenavbrott".into(),
        name_en: "Water cut".into(),
        active: Some("on".into()),
        sort_order: "4".into(),
        max_files: "2".into(),
        max_megabytes: "3".into(),
        file_types: "pdf, png".into(),
        ..Default::default()
    };
    let s = input.parse(&[7]).expect("valid");
    assert_eq!(
        s.limits,
        FileLimits {
            max_files: 2,
            max_bytes: 3 * 1024 * 1024,
            types: vec![FileType::Pdf, FileType::Png]
        }
    );
    assert_eq!(
        SettingsInput::from_settings(&s)
            .parse(&[7])
            .expect("round trip"),
        s
    );
    let bad = SettingsInput {
        slug: "Vesi katko".into(),
        category: "8".into(),
        file_types: "exe".into(),
        name_sv: " ".into(),
        ..input
    };
    let e = bad.parse(&[7]).expect_err("invalid");
    for (f, code) in [
        ("slug", "slug_invalid"),
        ("category", "choose"),
        ("file_types", "choose"),
        ("name_sv", "required"),
    ] {
        assert_eq!(e.get(f), Some(code), "{f}");
    }
}

#[test]
fn choices_round_trip_through_the_editor() {
    let form = order_form();
    let input = FieldInput::from_def(&form.fields[2]);
    assert_eq!(
        input.choices,
        "post: Post fi | Post sv | Post en\npickup: Pickup fi | Pickup sv | Pickup en"
    );
    let again = form
        .apply(FormEdit::Put {
            replacing: Some("delivery".into()),
            field: Box::new(input),
        })
        .expect("valid");
    assert_eq!(again, form);
    let mut bad = FieldInput::from_def(&form.fields[2]);
    bad.choices = "post: only finnish".into();
    assert_eq!(
        form.apply(FormEdit::Put {
            replacing: Some("delivery".into()),
            field: Box::new(bad)
        })
        .expect_err("invalid")
        .get("choices"),
        Some("choices_invalid")
    );
}
