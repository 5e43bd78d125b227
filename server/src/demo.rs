//! Demo data a newcomer can click through: three organisations with a small service hierarchy,
//! SLA policies on office hours, shared queues, an advisor each (the first also has a supervisor and
//! the service-point administrator), and a few requests in all three languages.

use app::db;
use app::domain::admin::Level;
use app::domain::classification::{Length, Priority, RequestType};
use app::domain::forms::Answer;
use app::domain::queues::{NewQueue, QueueFilter};
use app::domain::sla::{PolicyMatch, Targets};
use app::domain::templates::NewTemplate;
use app::domain::{Lang, Localized, NewRequest};
use chrono::{Duration, Utc};
use sqlx::PgPool;

/// The demo advisors' password, printed by the run command.
pub const DEMO_PASSWORD: &str = "luukku-demo";

/// The demo's service-point administrator.
pub const DEMO_ADMIN: &str = "paakayttaja@luukku.example";
/// The demo supervisor of the first organisation.
pub const DEMO_SUPERVISOR: &str = "esimies@luukku.example";

fn l(fi: &str, sv: &str, en: &str) -> Localized {
    Localized {
        fi: fi.into(),
        sv: sv.into(),
        en: en.into(),
    }
}

struct DemoOrg {
    slug: &'static str,
    prefix: &'static str,
    name: Localized,
    /// The department and service provider the categories sit under.
    department: Localized,
    provider: Localized,
    categories: Vec<Localized>,
    /// Problem codes of the first category.
    problem_codes: Vec<Localized>,
    advisor: (&'static str, &'static str),
}

fn orgs() -> Vec<DemoOrg> {
    vec![
        DemoOrg {
            slug: "liikennekeskus",
            prefix: "LIK",
            name: l(
                "Liikkumisen palvelukeskus",
                "Servicecentralen för mobilitet",
                "Centre for Mobility Services",
            ),
            department: l("Asiakaspalvelu", "Kundtjänst", "Customer service"),
            provider: l("Joukkoliikenne", "Kollektivtrafik", "Public transport"),
            problem_codes: vec![
                l(
                    "Lataus epäonnistui",
                    "Laddningen misslyckades",
                    "Top-up failed",
                ),
                l("Kortti kadonnut", "Kortet förlorat", "Card lost"),
            ],
            categories: vec![
                l("Matkakortit", "Resekort", "Travel cards"),
                l("Pysäköinti", "Parkering", "Parking"),
                l(
                    "Esteetön liikkuminen",
                    "Tillgänglig mobilitet",
                    "Accessible travel",
                ),
            ],
            advisor: ("neuvoja@luukku.example", "Aino Neuvoja"),
        },
        DemoOrg {
            slug: "esimerkkila",
            prefix: "ESK",
            name: l(
                "Esimerkkilän kaupunki",
                "Exempelby stad",
                "City of Esimerkkilä",
            ),
            department: l(
                "Ympäristöpalvelut",
                "Miljötjänster",
                "Environmental services",
            ),
            provider: l("Kaupunkiympäristö", "Stadsmiljö", "Urban environment"),
            problem_codes: vec![
                l(
                    "Kodinkoneen nouto",
                    "Hämtning av hushållsmaskin",
                    "Appliance pickup",
                ),
                l(
                    "Tyhjennys unohtui",
                    "Tömningen glömdes",
                    "Missed collection",
                ),
            ],
            categories: vec![
                l("Jätehuolto", "Avfallshantering", "Waste management"),
                l("Kadut ja puistot", "Gator och parker", "Streets and parks"),
                l(
                    "Varhaiskasvatus",
                    "Småbarnspedagogik",
                    "Early childhood education",
                ),
            ],
            advisor: ("radgivare@luukku.example", "Ben Rådgivare"),
        },
        DemoOrg {
            slug: "opintokonsortio",
            prefix: "OPK",
            name: l(
                "Korkeakoulujen opintokonsortio",
                "Högskolornas studiekonsortium",
                "Universities' Study Consortium",
            ),
            department: l("Opintopalvelut", "Studietjänster", "Study services"),
            provider: l("Hakijapalvelut", "Sökandeservice", "Applicant services"),
            problem_codes: vec![l("Liite puuttuu", "Bilaga saknas", "Attachment missing")],
            categories: vec![
                l("Hakeminen", "Ansökan", "Admissions"),
                l("Opintosuoritukset", "Studieprestationer", "Study records"),
            ],
            advisor: ("advisor@luukku.example", "Chris Advisor"),
        },
    ]
}

/// Loads the demo data unless it is there already.
pub async fn load(
    pool: &PgPool,
    mailer: app::requests::customer::Mailer<'_>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    if db::orgs::find_by_slug(&mut tx, "liikennekeskus")
        .await?
        .is_some()
    {
        tracing::info!("demo data already loaded");
        return Ok(());
    }
    let hash = app::security::hash_password(DEMO_PASSWORD)
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    for (i, org) in orgs().into_iter().enumerate() {
        // Every demo organisation shares one example notice.
        let privacy = "/privacy/demo.html";
        let id = db::orgs::insert(&mut tx, org.slug, org.prefix, &org.name, privacy).await?;
        let mail = app::domain::admin::MailSettings {
            from_name: org.name.fi.clone(),
            from_address: format!("{}@luukku.example", org.slug),
            signature: l(
                &format!("{}\nPalvelemme arkisin klo 9–16.", org.name.fi),
                &format!("{}\nVi betjänar vardagar kl. 9–16.", org.name.sv),
                &format!("{}\nWe serve on weekdays 9–16.", org.name.en),
            ),
            ..Default::default()
        };
        db::orgs::set_mail(&mut tx, id, &mail).await?;
        let missing = || sqlx::Error::RowNotFound;
        let dept = db::hierarchy::insert(&mut tx, id, Level::Department, None, &org.department)
            .await?
            .ok_or_else(missing)?;
        let provider =
            db::hierarchy::insert(&mut tx, id, Level::Provider, Some(dept), &org.provider)
                .await?
                .ok_or_else(missing)?;
        let mut categories = Vec::new();
        for (n, c) in org.categories.iter().enumerate() {
            categories
                .push(db::orgs::insert_category(&mut tx, id, Some(provider), c, n as i32).await?);
        }
        for code in &org.problem_codes {
            db::hierarchy::insert(&mut tx, id, Level::ProblemCode, Some(categories[0]), code)
                .await?;
        }
        let advisor =
            db::users::upsert(&mut tx, id, org.advisor.0, org.advisor.1, &hash, "advisor").await?;
        for queue in demo_queues() {
            db::queues::create(&mut tx, id, advisor, &queue).await?;
        }
        // Payment matters go to their own queue and to whoever fits with the least work.
        let payments = db::queues::create(&mut tx, id, advisor, &payments_queue()).await?;
        db::routing::insert(&mut tx, id, &payments_rule(payments)).await?;
        for template in demo_templates() {
            db::templates::insert(&mut tx, id, advisor, &template).await?;
        }
        if i == 0 {
            db::users::upsert(
                &mut tx,
                id,
                DEMO_SUPERVISOR,
                "Eero Esimies",
                &hash,
                "supervisor",
            )
            .await?;
            // The demo's service-point administrator, who can set up new organisations.
            let admin =
                db::users::upsert(&mut tx, id, DEMO_ADMIN, "Paula Pääkäyttäjä", &hash, "admin")
                    .await?;
            db::users::set_service_admin(&mut tx, admin, true).await?;
        } else {
            // The supervisor also helps out in the other organisations as an advisor, so the
            // demo shows switching between organisations.
            db::users::upsert(
                &mut tx,
                id,
                DEMO_SUPERVISOR,
                "Eero Esimies",
                &hash,
                "advisor",
            )
            .await?;
        }
        for (name, targets, matches) in demo_policies() {
            db::sla::insert_policy(&mut tx, id, name, &matches, &targets).await?;
        }
        let o = db::orgs::find_by_slug(&mut tx, org.slug)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        app::requests::customer::add_standard_forms(&mut tx, id, None).await?;
        for (lang, body) in demo_notice(&org.name) {
            db::privacy::publish(&mut tx, id, lang, &body, None).await?;
        }
        let ask = db::forms::find_published(&mut tx, id, "ask")
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        let rules = app::requests::intake::Rules::load(&mut tx, id, Utc::now()).await?;
        for (k, (lang, name, subject, message)) in
            sample_requests().into_iter().enumerate().skip(i).step_by(2)
        {
            let answers = [("subject", subject), ("message", message)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), Answer::One(v.to_string())))
                .collect();
            let req = NewRequest {
                name: name.into(),
                email: format!("asiakas{k}@example.fi"),
                language: lang,
                category_id: Some(categories[k % categories.len()]),
                subject: subject.into(),
                message: message.into(),
                customer_org: None,
                answers,
            };
            let at = Utc::now() - Duration::hours(30 - 5 * k as i64);
            let incoming = app::requests::customer::Incoming {
                org: &o,
                form: Some(&ask),
                req: &req,
                consent_notice_id: None,
                consent_language: lang,
                files: &[],
                reserved: db::intake::reserve(&mut tx, &o, at).await?,
                channel: "web",
                request_type: None,
                rules: &rules,
                at,
            };
            app::requests::customer::submit(&mut tx, mailer, incoming).await?;
        }
    }
    tx.commit().await?;
    mail_scene(pool, mailer).await?;
    tracing::info!("demo data loaded");
    Ok(())
}

/// Mail taken in as a mail server would hand it over: a Swedish customer writes in, answers the
/// acknowledgement from her mail program (threaded onto her request), her neighbour writes on
/// the same thread (held for an advisor), and an out-of-office answer is set aside.
async fn mail_scene(
    pool: &PgPool,
    mailer: app::requests::customer::Mailer<'_>,
) -> Result<(), sqlx::Error> {
    use app::requests::mail_in::{Outcome, ingest};
    let mut conn = pool.acquire().await?;
    let org = db::orgs::find_by_slug(&mut conn, "liikennekeskus")
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let now = Utc::now();
    let first = "From: Karin Lindqvist <karin.lindqvist@example.se>\r\n\
        To: liikennekeskus@luukku.example\r\nSubject: Busskort för pensionärer\r\n\
        Message-ID: <demo-karin-1@example.se>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
        Hej!\r\n\r\nJag fyller 65 i januari. Kan jag få pensionärsrabatt på mitt busskort, och \
        vilka papper behöver jag visa?\r\n\r\nMed vänliga hälsningar\r\nKarin Lindqvist\r\n";
    let Outcome::Request { id, .. } = ingest(
        &mut conn,
        mailer,
        &org,
        first.as_bytes(),
        now - Duration::hours(3),
    )
    .await?
    else {
        return Ok(());
    };
    let number: String = sqlx::query_scalar("SELECT number FROM service_requests WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let answer = format!(
        "From: Karin Lindqvist <karin.lindqvist@example.se>\r\n\
         To: liikennekeskus+{number}@luukku.example\r\nSubject: Re: [{number}] Busskort för pensionärer\r\n\
         Message-ID: <demo-karin-2@example.se>\r\nIn-Reply-To: <{number}@luukku.example>\r\n\
         References: <{number}@luukku.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Jag glömde: mitt kortnummer är 1234 5678.\r\n\r\nKarin\r\n\r\n\
         Den 7 dec. 2026 skrev Liikennekeskus <liikennekeskus@luukku.example>:\r\n\
         > Vi har tagit emot ditt ärende {number}.\r\n"
    );
    ingest(
        &mut conn,
        mailer,
        &org,
        answer.as_bytes(),
        now - Duration::hours(2),
    )
    .await?;
    let neighbour = format!(
        "From: Sven Berg <sven.berg@example.se>\r\nTo: liikennekeskus@luukku.example\r\n\
         Subject: Re: [{number}] Busskort för pensionärer\r\nMessage-ID: <demo-sven-1@example.se>\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n\
         Hej, Karin bad mig fråga samma sak för min del: jag fyller också 65 i januari.\r\n"
    );
    ingest(
        &mut conn,
        mailer,
        &org,
        neighbour.as_bytes(),
        now - Duration::hours(1),
    )
    .await?;
    let away = format!(
        "From: Karin Lindqvist <karin.lindqvist@example.se>\r\nTo: liikennekeskus@luukku.example\r\n\
         Subject: Autosvar: [{number}] Busskort för pensionärer\r\nAuto-Submitted: auto-replied\r\n\
         Message-ID: <demo-karin-3@example.se>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Jag är ledig till den 4 januari.\r\n"
    );
    ingest(&mut conn, mailer, &org, away.as_bytes(), now).await?;
    Ok(())
}

/// The queues every demo organisation shares: Swedish-speaking customers, urgent matters, and
/// what nobody has taken yet.
fn demo_queues() -> Vec<NewQueue> {
    let named = |fi: &str, sv: &str, en: &str, filter: QueueFilter| NewQueue {
        name: Localized {
            fi: fi.into(),
            sv: sv.into(),
            en: en.into(),
        },
        filter,
        personal: false,
        routed_only: false,
    };
    vec![
        named(
            "Ottamattomat",
            "Otagna",
            "Not taken",
            QueueFilter {
                unassigned_only: true,
                ..Default::default()
            },
        ),
        named(
            "Kiireelliset",
            "Brådskande",
            "Urgent",
            QueueFilter {
                priority: Some(Priority::High),
                ..Default::default()
            },
        ),
        named(
            "Ruotsinkieliset",
            "Svenskspråkiga",
            "Swedish-speaking",
            QueueFilter {
                language: Some(Lang::Sv),
                ..Default::default()
            },
        ),
        named(
            "Nopeat",
            "Snabba",
            "Quick ones",
            QueueFilter {
                length: Some(Length::Quick),
                ..Default::default()
            },
        ),
    ]
}

/// The queue the demo's routing rule fills.
fn payments_queue() -> NewQueue {
    NewQueue {
        name: Localized {
            fi: "Maksut ja laskut".into(),
            sv: "Betalningar och fakturor".into(),
            en: "Payments and invoices".into(),
        },
        filter: QueueFilter::default(),
        personal: false,
        routed_only: true,
    }
}

/// Requests about payments, in any language, go to `queue` and are assigned by skills and load.
fn payments_rule(queue: i64) -> app::domain::routing::NewRule {
    app::domain::routing::NewRule {
        name: "Maksut / Betalningar / Payments".into(),
        request_type: None,
        category_id: None,
        language: None,
        keywords: [
            "lasku",
            "maksu",
            "faktura",
            "betalning",
            "invoice",
            "payment",
        ]
        .map(String::from)
        .to_vec(),
        customer_org: None,
        queue_id: Some(queue),
        assign: true,
    }
}

/// A reply template in each language.
fn demo_templates() -> Vec<NewTemplate> {
    let t = |language, title: &str, body: &str| NewTemplate {
        language,
        title: title.into(),
        body: body.into(),
    };
    vec![
        t(
            Lang::Fi,
            "Kiitos yhteydenotosta",
            "Hei {customer_name},\n\nkiitos yhteydenotostasi (pyyntö {number}).\n\nYstävällisin terveisin\n{advisor}\n{organisation}",
        ),
        t(
            Lang::Sv,
            "Tack för ditt meddelande",
            "Hej {customer_name},\n\ntack för ditt meddelande (ärende {number}).\n\nVänliga hälsningar\n{advisor}\n{organisation}",
        ),
        t(
            Lang::En,
            "Thank you for contacting us",
            "Hello {customer_name},\n\nthank you for contacting us (request {number}).\n\nKind regards\n{advisor}\n{organisation}",
        ),
    ]
}

/// A short privacy notice in each language.
fn demo_notice(org: &Localized) -> Vec<(Lang, String)> {
    vec![
        (
            Lang::Fi,
            format!(
                "{} käsittelee yhteydenottosi tietoja vain pyyntösi hoitamiseksi.\n\n\
                 Tietoja säilytetään arkistointisääntöjen mukaan, minkä jälkeen ne poistetaan tai anonymisoidaan.\n\n\
                 Sinulla on oikeus tarkastaa tietosi ja pyytää niiden oikaisemista.",
                org.fi
            ),
        ),
        (
            Lang::Sv,
            format!(
                "{} behandlar uppgifterna i ditt ärende endast för att sköta ärendet.\n\n\
                 Uppgifterna bevaras enligt arkiveringsreglerna och raderas eller anonymiseras sedan.\n\n\
                 Du har rätt att granska dina uppgifter och begära att de rättas.",
                org.sv
            ),
        ),
        (
            Lang::En,
            format!(
                "{} processes the details of your request only to handle it.\n\n\
                 They are kept according to the retention rules and then deleted or anonymised.\n\n\
                 You have the right to see your details and to have them corrected.",
                org.en
            ),
        ),
    ]
}

/// Every demo organisation answers within a working day and resolves within three; urgent
/// matters faster, feedback more slowly.
fn demo_policies() -> Vec<(&'static str, Targets, PolicyMatch)> {
    let targets = |first: i64, resolve: i64| Targets {
        first_response_minutes: Some(first),
        resolution_minutes: Some(resolve),
        warn_percent: 75,
    };
    vec![
        (
            "Perustaso",
            targets(8 * 60, 3 * 8 * 60),
            PolicyMatch::default(),
        ),
        (
            "Kiireelliset",
            targets(60, 4 * 60),
            PolicyMatch {
                priority: Some(Priority::Critical),
                ..Default::default()
            },
        ),
        (
            "Palaute",
            targets(2 * 8 * 60, 10 * 8 * 60),
            PolicyMatch {
                request_type: Some(RequestType::Feedback),
                ..Default::default()
            },
        ),
    ]
}

fn sample_requests() -> Vec<(Lang, &'static str, &'static str, &'static str)> {
    vec![
        (
            Lang::Fi,
            "Maija Virtanen",
            "Matkakortin lataus ei onnistu",
            "Yritin ladata kautta verkossa, mutta maksu ei mennyt läpi. Mitä teen?",
        ),
        (
            Lang::Sv,
            "Erik Lindqvist",
            "Fråga om parkeringstillstånd",
            "Hur ansöker jag om boendeparkering för en ny bil?",
        ),
        (
            Lang::En,
            "Sam Taylor",
            "Accessible taxi booking",
            "How do I book an accessible taxi for a hospital visit next week?",
        ),
        (
            Lang::Fi,
            "Jussi Korhonen",
            "Jäteastian tyhjennys jäi väliin",
            "Sekajäteastiaamme ei tyhjennetty tiistaina. Voisitteko tarkistaa?",
        ),
    ]
}

/// Creates or resets an administrator of organisation `org`.
pub async fn create_admin(
    pool: &PgPool,
    email: &str,
    name: &str,
    org: &str,
    password: &str,
) -> Result<(), String> {
    if password.chars().count() < 12 {
        return Err("the password must be at least 12 characters".into());
    }
    let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
    let o = db::orgs::find_by_slug(&mut conn, org)
        .await
        .map_err(|e| e.to_string())?;
    let o = o.ok_or_else(|| format!("no organisation with slug {org:?}"))?;
    let password = password.to_string();
    let hash = tokio::task::spawn_blocking(move || app::security::hash_password(&password))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    let id = db::users::upsert(&mut conn, o.id, email, name, &hash, "admin")
        .await
        .map_err(|e| e.to_string())?;
    db::users::set_service_admin(&mut conn, id, true)
        .await
        .map_err(|e| e.to_string())?;
    println!("service-point administrator {email} (member of {org}) is ready");
    Ok(())
}
