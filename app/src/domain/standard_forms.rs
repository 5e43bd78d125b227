//! The four standard forms every new organisation starts with: Ask for advice, Order, Change
//! request and Feedback. Administrators change them like any other form.

use crate::domain::Localized;
use crate::domain::classification::RequestType;
use crate::domain::forms::{Choice, Condition, FieldDef, FieldKind, FieldRole, FormDef};

/// A form as it is first created.
pub struct StandardForm {
    pub slug: &'static str,
    pub request_type: RequestType,
    pub name: Localized,
    pub intro: Localized,
    pub def: FormDef,
}

fn l(fi: &str, sv: &str, en: &str) -> Localized {
    Localized {
        fi: fi.into(),
        sv: sv.into(),
        en: en.into(),
    }
}

fn field(key: &str, kind: FieldKind, label: Localized, required: bool) -> FieldDef {
    FieldDef {
        key: key.into(),
        kind,
        label,
        help: Localized::default(),
        required,
        choices: Vec::new(),
        show_if: None,
        role: None,
    }
}

fn with_role(mut f: FieldDef, role: FieldRole) -> FieldDef {
    f.role = Some(role);
    f
}

fn with_help(mut f: FieldDef, help: Localized) -> FieldDef {
    f.help = help;
    f
}

fn choice(value: &str, label: Localized) -> Choice {
    Choice {
        value: value.into(),
        label,
    }
}

fn attachment() -> FieldDef {
    field(
        "attachment",
        FieldKind::File,
        l("Liitteet", "Bilagor", "Attachments"),
        false,
    )
}

fn subject(label: Localized) -> FieldDef {
    with_role(
        field("subject", FieldKind::ShortText, label, true),
        FieldRole::Subject,
    )
}

/// The four standard forms, in the order they are listed.
pub fn standard_forms() -> Vec<StandardForm> {
    vec![ask(), order(), change_request(), feedback()]
}

/// The fields a new form starts with: the subject and message of "Ask for advice".
pub fn starter() -> FormDef {
    FormDef {
        fields: ask().def.fields.into_iter().take(2).collect(),
    }
}

fn ask() -> StandardForm {
    StandardForm {
        slug: "ask",
        request_type: RequestType::InformationRequest,
        name: l("Kysy neuvoa", "Fråga råd", "Ask for advice"),
        intro: l(
            "Kysy meiltä mitä tahansa palveluihimme liittyvää. Vastaamme sähköpostitse.",
            "Fråga oss vad som helst om våra tjänster. Vi svarar per e-post.",
            "Ask us anything about our services. We reply by e-mail.",
        ),
        def: FormDef {
            fields: vec![
                subject(l("Otsikko", "Rubrik", "Subject")),
                with_role(
                    field(
                        "message",
                        FieldKind::LongText,
                        l("Viesti", "Meddelande", "Message"),
                        true,
                    ),
                    FieldRole::Message,
                ),
                attachment(),
            ],
        },
    }
}

fn order() -> StandardForm {
    let mut delivery = field(
        "delivery",
        FieldKind::SingleChoice,
        l("Toimitustapa", "Leveranssätt", "Delivery"),
        true,
    );
    delivery.choices = vec![
        choice("post", l("Postitse", "Per post", "By post")),
        choice(
            "pickup",
            l("Noudan itse", "Jag hämtar själv", "I will pick it up"),
        ),
    ];
    let mut address = field(
        "address",
        FieldKind::ShortText,
        l("Postiosoite", "Postadress", "Postal address"),
        true,
    );
    address.show_if = Some(Condition {
        field: "delivery".into(),
        equals: "post".into(),
    });
    StandardForm {
        slug: "order",
        request_type: RequestType::Order,
        name: l("Tilaus", "Beställning", "Order"),
        intro: l(
            "Tilaa esitteitä, kortteja tai muita tuotteitamme.",
            "Beställ broschyrer, kort eller andra produkter.",
            "Order brochures, cards or our other products.",
        ),
        def: FormDef {
            fields: vec![
                subject(l(
                    "Mitä tilaat?",
                    "Vad beställer du?",
                    "What are you ordering?",
                )),
                field(
                    "quantity",
                    FieldKind::Number,
                    l("Määrä", "Antal", "Quantity"),
                    true,
                ),
                delivery,
                address,
                with_help(
                    field(
                        "needed_by",
                        FieldKind::Date,
                        l(
                            "Tarvitsen viimeistään",
                            "Jag behöver det senast",
                            "Needed by",
                        ),
                        false,
                    ),
                    l(
                        "Jätä tyhjäksi, jos ei ole kiire.",
                        "Lämna tomt om det inte är bråttom.",
                        "Leave empty if there is no hurry.",
                    ),
                ),
                field(
                    "phone",
                    FieldKind::Phone,
                    l("Puhelinnumero", "Telefonnummer", "Phone number"),
                    false,
                ),
                with_role(
                    field(
                        "customer_org",
                        FieldKind::ShortText,
                        l(
                            "Organisaatio, jonka puolesta tilaat",
                            "Organisation du beställer för",
                            "Organisation you order for",
                        ),
                        false,
                    ),
                    FieldRole::CustomerOrg,
                ),
                with_role(
                    field(
                        "details",
                        FieldKind::LongText,
                        l("Lisätiedot", "Mer information", "More details"),
                        false,
                    ),
                    FieldRole::Message,
                ),
            ],
        },
    }
}

fn change_request() -> StandardForm {
    let mut reason = field(
        "reason",
        FieldKind::SingleChoice,
        l(
            "Miksi muutos tarvitaan?",
            "Varför behövs ändringen?",
            "Why is the change needed?",
        ),
        true,
    );
    reason.choices = vec![
        choice(
            "error",
            l(
                "Virhe tiedoissa",
                "Fel i uppgifterna",
                "An error in the details",
            ),
        ),
        choice(
            "life_event",
            l(
                "Elämäntilanteen muutos",
                "Ändrad livssituation",
                "A change in my life",
            ),
        ),
        choice("other", l("Muu syy", "Annat skäl", "Another reason")),
    ];
    StandardForm {
        slug: "change",
        request_type: RequestType::ChangeRequest,
        name: l("Muutospyyntö", "Ändringsbegäran", "Change request"),
        intro: l(
            "Pyydä muutosta tietoihisi tai palveluusi.",
            "Begär en ändring i dina uppgifter eller din tjänst.",
            "Ask for a change to your details or your service.",
        ),
        def: FormDef {
            fields: vec![
                subject(l(
                    "Mitä muutos koskee?",
                    "Vad gäller ändringen?",
                    "What is the change about?",
                )),
                field(
                    "current",
                    FieldKind::LongText,
                    l("Nykyinen tilanne", "Nuläge", "How it is now"),
                    true,
                ),
                with_role(
                    field(
                        "wanted",
                        FieldKind::LongText,
                        l("Toivottu muutos", "Önskad ändring", "The change you want"),
                        true,
                    ),
                    FieldRole::Message,
                ),
                reason,
                attachment(),
            ],
        },
    }
}

fn feedback() -> StandardForm {
    let mut kind = field(
        "kind",
        FieldKind::SingleChoice,
        l("Palautteen laji", "Typ av respons", "Kind of feedback"),
        true,
    );
    kind.choices = vec![
        choice("praise", l("Kiitos", "Beröm", "Praise")),
        choice("complaint", l("Moite", "Klagomål", "Complaint")),
        choice("idea", l("Kehitysidea", "Utvecklingsidé", "Idea")),
    ];
    StandardForm {
        slug: "feedback",
        request_type: RequestType::Feedback,
        name: l("Palaute", "Respons", "Feedback"),
        intro: l(
            "Kerro, mikä onnistui ja mitä voisimme tehdä paremmin.",
            "Berätta vad som fungerade och vad vi kunde göra bättre.",
            "Tell us what went well and what we could do better.",
        ),
        def: FormDef {
            fields: vec![
                kind,
                with_role(
                    field(
                        "message",
                        FieldKind::LongText,
                        l("Palautteesi", "Din respons", "Your feedback"),
                        true,
                    ),
                    FieldRole::Message,
                ),
                field(
                    "wants_reply",
                    FieldKind::Checkbox,
                    l(
                        "Haluan vastauksen",
                        "Jag vill ha svar",
                        "I would like a reply",
                    ),
                    false,
                ),
            ],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_forms_are_valid_and_named_in_three_languages() {
        let forms = standard_forms();
        assert_eq!(forms.len(), 4);
        for f in forms {
            f.def.check().expect(f.slug);
            for field in &f.def.fields {
                assert!(
                    !field.label.fi.is_empty()
                        && !field.label.sv.is_empty()
                        && !field.label.en.is_empty()
                );
            }
        }
    }

    #[test]
    fn a_new_form_starts_valid_with_a_subject_and_a_message() {
        let first = starter();
        first.check().expect("valid");
        let roles: Vec<_> = first.fields.iter().map(|f| f.role).collect();
        assert_eq!(
            roles,
            vec![Some(FieldRole::Subject), Some(FieldRole::Message)]
        );
    }
}
