//! Every UI string in Finnish, Swedish and English. A struct, not a map: a string missing from
//! one language does not compile.

use crate::domain::calendar::DayOff;
use crate::domain::classification::{Priority, RequestType};
use crate::domain::format::{hours_minutes, short_day, short_day_time};
use crate::domain::sla::DueExplanation;
use crate::domain::{Lang, Status};

/// The texts of one language.
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language: &'static str,
    pub nav_desk: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub home_heading: &'static str,
    pub home_intro: &'static str,
    pub home_empty: &'static str,
    pub ask_for_advice: &'static str,
    pub ask_intro: &'static str,
    pub f_name: &'static str,
    pub f_email: &'static str,
    pub f_email_hint: &'static str,
    pub f_language: &'static str,
    pub f_category: &'static str,
    pub f_subject: &'static str,
    pub f_message: &'static str,
    pub f_consent: &'static str,
    pub privacy_notice: &'static str,
    pub choose: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub error_summary: &'static str,
    pub err_required: &'static str,
    pub err_email_invalid: &'static str,
    pub err_choose: &'static str,
    pub err_consent_required: &'static str,
    pub err_too_long: &'static str,
    pub err_invalid: &'static str,
    pub sent_heading: &'static str,
    pub sent_number: &'static str,
    pub sent_link: &'static str,
    pub sent_keep: &'static str,
    pub track_heading: &'static str,
    pub track_status: &'static str,
    pub track_timeline: &'static str,
    pub track_answer: &'static str,
    pub track_add_info: &'static str,
    pub track_closed: &'static str,
    pub track_sent: &'static str,
    pub ev_submitted: &'static str,
    pub ev_reply: &'static str,
    pub ev_customer_message: &'static str,
    pub ev_status_changed: &'static str,
    pub ev_you: &'static str,
    pub ev_service: &'static str,
    pub ev_system: &'static str,
    pub ev_classified: &'static str,
    pub ev_priority_changed: &'static str,
    pub ev_sla_warning: &'static str,
    pub ev_sla_breached: &'static str,
    pub login_heading: &'static str,
    pub f_password: &'static str,
    pub err_login_failed: &'static str,
    pub err_too_many: &'static str,
    pub queue_heading: &'static str,
    pub queue_empty: &'static str,
    pub col_number: &'static str,
    pub col_subject: &'static str,
    pub col_customer: &'static str,
    pub col_status: &'static str,
    pub col_received: &'static str,
    pub older: &'static str,
    pub back_to_queue: &'static str,
    pub customer: &'static str,
    pub category: &'static str,
    pub reply_heading: &'static str,
    pub reply_label: &'static str,
    pub reply_status: &'static str,
    pub reply_send: &'static str,
    pub reply_saved: &'static str,
    pub not_found: &'static str,
    pub not_allowed: &'static str,
    pub sign_in_needed: &'static str,
    pub something_failed: &'static str,
    pub loading: &'static str,
    pub st_new: &'static str,
    pub st_open: &'static str,
    pub st_in_progress: &'static str,
    pub st_waiting_customer: &'static str,
    pub st_waiting_supplier: &'static str,
    pub st_resolved: &'static str,
    pub st_closed: &'static str,
    pub st_cancelled: &'static str,
    pub st_archived: &'static str,
    pub col_priority: &'static str,
    pub col_due: &'static str,
    pub pr_critical: &'static str,
    pub pr_high: &'static str,
    pub pr_normal: &'static str,
    pub pr_low: &'static str,
    pub lvl_high: &'static str,
    pub lvl_medium: &'static str,
    pub lvl_low: &'static str,
    pub ty_information_request: &'static str,
    pub ty_action_request: &'static str,
    pub ty_feedback: &'static str,
    pub ty_incident: &'static str,
    pub ty_change_request: &'static str,
    pub ty_order: &'static str,
    pub f_type: &'static str,
    pub f_urgency: &'static str,
    pub f_impact: &'static str,
    pub sla_heading: &'static str,
    pub sla_policy: &'static str,
    pub sla_none: &'static str,
    pub sla_paused: &'static str,
    pub sla_overdue: &'static str,
    pub sla_first_response: &'static str,
    pub sla_answered: &'static str,
    pub sla_supplier_wait: &'static str,
}

impl Texts {
    /// The name of a priority.
    pub fn priority(&self, p: Priority) -> &'static str {
        match p {
            Priority::Critical => self.pr_critical,
            Priority::High => self.pr_high,
            Priority::Normal => self.pr_normal,
            Priority::Low => self.pr_low,
        }
    }

    /// The name of a request type.
    pub fn request_type(&self, t: RequestType) -> &'static str {
        match t {
            RequestType::InformationRequest => self.ty_information_request,
            RequestType::ActionRequest => self.ty_action_request,
            RequestType::Feedback => self.ty_feedback,
            RequestType::Incident => self.ty_incident,
            RequestType::ChangeRequest => self.ty_change_request,
            RequestType::Order => self.ty_order,
        }
    }

    /// The name of an urgency or impact level ("high", "medium", "low").
    pub fn level(&self, code: &str) -> &'static str {
        match code {
            "high" => self.lvl_high,
            "low" => self.lvl_low,
            _ => self.lvl_medium,
        }
    }

    /// The name of a status in this language.
    pub fn status(&self, s: Status) -> &'static str {
        match s {
            Status::New => self.st_new,
            Status::Open => self.st_open,
            Status::InProgress => self.st_in_progress,
            Status::WaitingForCustomer => self.st_waiting_customer,
            Status::WaitingForSupplier => self.st_waiting_supplier,
            Status::Resolved => self.st_resolved,
            Status::Closed => self.st_closed,
            Status::Cancelled => self.st_cancelled,
            Status::Archived => self.st_archived,
        }
    }

    /// The message for a field-error code.
    pub fn field_error(&self, code: &str) -> &'static str {
        match code {
            "required" => self.err_required,
            "email_invalid" => self.err_email_invalid,
            "choose" => self.err_choose,
            "consent_required" => self.err_consent_required,
            "too_long" => self.err_too_long,
            "login_failed" => self.err_login_failed,
            _ => self.err_invalid,
        }
    }
}

/// Why a request is due when it is, as one sentence: "Due Tue 24 Nov 10:15: 8 h of business time
/// from Fri 20 Nov 14:15, paused 2 h waiting for the customer; Mon 23 Nov was Independence Day."
pub fn explain_due(e: &DueExplanation, lang: Lang) -> String {
    let mut out = match lang {
        Lang::Fi => format!(
            "Määräaika {}: {} palveluaikaa alkaen {}",
            short_day_time(e.due, lang),
            hours_minutes(e.target_minutes),
            short_day_time(e.start, lang)
        ),
        Lang::Sv => format!(
            "Förfaller {}: {} servicetid från {}",
            short_day_time(e.due, lang),
            hours_minutes(e.target_minutes),
            short_day_time(e.start, lang)
        ),
        Lang::En => format!(
            "Due {}: {} of business time from {}",
            short_day_time(e.due, lang),
            hours_minutes(e.target_minutes),
            short_day_time(e.start, lang)
        ),
    };
    if e.paused_minutes > 0 {
        let paused = hours_minutes(e.paused_minutes);
        out += &match lang {
            Lang::Fi => format!(", tauolla {paused} asiakasta odottaen"),
            Lang::Sv => format!(", pausad {paused} i väntan på kunden"),
            Lang::En => format!(", paused {paused} waiting for the customer"),
        };
    }
    let days: Vec<String> = e
        .days_off
        .iter()
        .map(|(day, off)| {
            let d = short_day(*day, lang);
            match off {
                DayOff::Holiday(h) => {
                    let name = h.name(lang);
                    lang.pick(
                        format!("{d} oli {name}"),
                        format!("{d} var {name}"),
                        format!("{d} was {name}"),
                    )
                }
                DayOff::Closure(reason) => lang.pick(
                    format!("{d} suljettu ({reason})"),
                    format!("{d} stängt ({reason})"),
                    format!("{d} closed ({reason})"),
                ),
                DayOff::Weekend => d,
            }
        })
        .collect();
    if !days.is_empty() {
        out += "; ";
        out += &days.join(", ");
    }
    out.push('.');
    out
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

static FI: Texts = Texts {
    app_name: "Luukku",
    tagline: "Yhteinen asiointipiste",
    skip_to_content: "Siirry sisältöön",
    language: "Kieli",
    nav_desk: "Neuvojan työpöytä",
    sign_in: "Kirjaudu",
    sign_out: "Kirjaudu ulos",
    home_heading: "Miten voimme auttaa?",
    home_intro: "Valitse organisaatio ja lomake. Et tarvitse tunnuksia: saat seurantalinkin, jolla näet asiasi etenemisen.",
    home_empty: "Julkisia lomakkeita ei vielä ole.",
    ask_for_advice: "Kysy neuvoa",
    ask_intro: "Kerro asiasi, niin vastaamme mahdollisimman pian. Pakolliset kentät on merkitty tähdellä (*).",
    f_name: "Nimi",
    f_email: "Sähköposti",
    f_email_hint: "Lähetämme vastauksen ja seurantalinkin tähän osoitteeseen.",
    f_language: "Asiointikieli",
    f_category: "Aihe",
    f_subject: "Otsikko",
    f_message: "Viesti",
    f_consent: "Olen lukenut tietosuojaselosteen ja hyväksyn tietojeni käsittelyn asiani hoitamiseksi.",
    privacy_notice: "Tietosuojaseloste",
    choose: "Valitse",
    send: "Lähetä",
    sending: "Lähetetään…",
    error_summary: "Korjaa seuraavat kohdat",
    err_required: "Tämä tieto on pakollinen.",
    err_email_invalid: "Anna sähköpostiosoite muodossa nimi@esimerkki.fi.",
    err_choose: "Valitse jokin vaihtoehdoista.",
    err_consent_required: "Hyväksy tietojen käsittely, jotta voimme käsitellä asiasi.",
    err_too_long: "Teksti on liian pitkä.",
    err_invalid: "Tarkista tämä tieto.",
    sent_heading: "Kiitos, asiasi on vastaanotettu",
    sent_number: "Asianumero",
    sent_link: "Seuraa asiaasi",
    sent_keep: "Tallenna tämä linkki: sen avulla näet asiasi tilan ja vastaukset ilman kirjautumista.",
    track_heading: "Asiasi tilanne",
    track_status: "Tila",
    track_timeline: "Tapahtumat",
    track_answer: "Vastaa",
    track_add_info: "Lisää tietoja",
    track_closed: "Asia on suljettu. Jos tarvitset lisää apua, jätä uusi kysymys.",
    track_sent: "Viestisi on lähetetty.",
    ev_submitted: "Asia vastaanotettu",
    ev_reply: "Vastaus",
    ev_customer_message: "Viestisi",
    ev_status_changed: "Tila muuttui",
    ev_you: "Sinä",
    ev_service: "Asiakaspalvelu",
    ev_system: "Järjestelmä",
    ev_classified: "Luokittelu muuttui",
    ev_priority_changed: "Prioriteetti muuttui",
    ev_sla_warning: "Määräaika lähestyy",
    ev_sla_breached: "Määräaika ylittyi",
    login_heading: "Kirjaudu neuvojan työpöydälle",
    f_password: "Salasana",
    err_login_failed: "Sähköposti tai salasana on väärin.",
    err_too_many: "Liian monta yritystä. Yritä uudelleen hetken kuluttua.",
    queue_heading: "Avoimet asiat",
    queue_empty: "Jonossa ei ole avoimia asioita.",
    col_number: "Numero",
    col_subject: "Otsikko",
    col_customer: "Asiakas",
    col_status: "Tila",
    col_received: "Saapunut",
    older: "Seuraavat",
    back_to_queue: "Takaisin jonoon",
    customer: "Asiakas",
    category: "Aihe",
    reply_heading: "Vastaa asiakkaalle",
    reply_label: "Vastaus",
    reply_status: "Tila vastauksen jälkeen",
    reply_send: "Lähetä vastaus",
    reply_saved: "Vastaus lähetetty.",
    not_found: "Sivua tai asiaa ei löytynyt.",
    not_allowed: "Sinulla ei ole oikeutta tähän.",
    sign_in_needed: "Kirjaudu sisään jatkaaksesi.",
    something_failed: "Jokin meni vikaan. Yritä uudelleen.",
    loading: "Ladataan…",
    st_new: "Uusi",
    st_open: "Avoin",
    st_in_progress: "Käsittelyssä",
    st_waiting_customer: "Odottaa asiakasta",
    st_waiting_supplier: "Odottaa toimittajaa",
    st_resolved: "Ratkaistu",
    st_closed: "Suljettu",
    st_cancelled: "Peruttu",
    st_archived: "Arkistoitu",
    col_priority: "Prioriteetti",
    col_due: "Määräaika",
    pr_critical: "Kriittinen",
    pr_high: "Korkea",
    pr_normal: "Normaali",
    pr_low: "Matala",
    lvl_high: "Suuri",
    lvl_medium: "Keskitaso",
    lvl_low: "Pieni",
    ty_information_request: "Tietopyyntö",
    ty_action_request: "Toimenpidepyyntö",
    ty_feedback: "Palaute",
    ty_incident: "Häiriö",
    ty_change_request: "Muutospyyntö",
    ty_order: "Tilaus",
    f_type: "Tyyppi",
    f_urgency: "Kiireellisyys",
    f_impact: "Vaikutus",
    sla_heading: "Palvelutaso",
    sla_policy: "Palvelutasosääntö",
    sla_none: "Ei palvelutasoa: tähän pyyntöön ei sovellu mikään sääntö.",
    sla_paused: "Tauolla, odottaa asiakasta",
    sla_overdue: "Myöhässä",
    sla_first_response: "Ensimmäinen vastaus viimeistään",
    sla_answered: "vastattu",
    sla_supplier_wait: "Odotettu toimittajaa",
};

static SV: Texts = Texts {
    app_name: "Luukku",
    tagline: "Gemensam kundtjänst",
    skip_to_content: "Hoppa till innehållet",
    language: "Språk",
    nav_desk: "Rådgivarens skrivbord",
    sign_in: "Logga in",
    sign_out: "Logga ut",
    home_heading: "Hur kan vi hjälpa dig?",
    home_intro: "Välj organisation och formulär. Du behöver inget konto: du får en länk där du kan följa ditt ärende.",
    home_empty: "Det finns inga offentliga formulär ännu.",
    ask_for_advice: "Fråga råd",
    ask_intro: "Beskriv ditt ärende så svarar vi så snart som möjligt. Obligatoriska fält är märkta med asterisk (*).",
    f_name: "Namn",
    f_email: "E-post",
    f_email_hint: "Vi skickar svaret och uppföljningslänken till den här adressen.",
    f_language: "Ärendespråk",
    f_category: "Ämne",
    f_subject: "Rubrik",
    f_message: "Meddelande",
    f_consent: "Jag har läst dataskyddsbeskrivningen och godkänner att mina uppgifter behandlas för att sköta mitt ärende.",
    privacy_notice: "Dataskyddsbeskrivning",
    choose: "Välj",
    send: "Skicka",
    sending: "Skickar…",
    error_summary: "Rätta följande",
    err_required: "Uppgiften är obligatorisk.",
    err_email_invalid: "Ange e-postadressen i formen namn@exempel.fi.",
    err_choose: "Välj ett av alternativen.",
    err_consent_required: "Godkänn behandlingen av uppgifterna så att vi kan behandla ditt ärende.",
    err_too_long: "Texten är för lång.",
    err_invalid: "Kontrollera uppgiften.",
    sent_heading: "Tack, ditt ärende har tagits emot",
    sent_number: "Ärendenummer",
    sent_link: "Följ ditt ärende",
    sent_keep: "Spara länken: med den ser du ärendets status och svaren utan att logga in.",
    track_heading: "Ditt ärende",
    track_status: "Status",
    track_timeline: "Händelser",
    track_answer: "Svara",
    track_add_info: "Komplettera",
    track_closed: "Ärendet är stängt. Ställ en ny fråga om du behöver mer hjälp.",
    track_sent: "Ditt meddelande har skickats.",
    ev_submitted: "Ärendet mottaget",
    ev_reply: "Svar",
    ev_customer_message: "Ditt meddelande",
    ev_status_changed: "Status ändrades",
    ev_you: "Du",
    ev_service: "Kundtjänsten",
    ev_system: "Systemet",
    ev_classified: "Klassificeringen ändrades",
    ev_priority_changed: "Prioriteten ändrades",
    ev_sla_warning: "Tidsfristen närmar sig",
    ev_sla_breached: "Tidsfristen överskreds",
    login_heading: "Logga in på rådgivarens skrivbord",
    f_password: "Lösenord",
    err_login_failed: "Fel e-postadress eller lösenord.",
    err_too_many: "För många försök. Försök igen om en stund.",
    queue_heading: "Öppna ärenden",
    queue_empty: "Det finns inga öppna ärenden i kön.",
    col_number: "Nummer",
    col_subject: "Rubrik",
    col_customer: "Kund",
    col_status: "Status",
    col_received: "Inkom",
    older: "Följande",
    back_to_queue: "Tillbaka till kön",
    customer: "Kund",
    category: "Ämne",
    reply_heading: "Svara kunden",
    reply_label: "Svar",
    reply_status: "Status efter svaret",
    reply_send: "Skicka svar",
    reply_saved: "Svaret har skickats.",
    not_found: "Sidan eller ärendet hittades inte.",
    not_allowed: "Du har inte behörighet till detta.",
    sign_in_needed: "Logga in för att fortsätta.",
    something_failed: "Något gick fel. Försök igen.",
    loading: "Laddar…",
    st_new: "Ny",
    st_open: "Öppen",
    st_in_progress: "Under behandling",
    st_waiting_customer: "Väntar på kunden",
    st_waiting_supplier: "Väntar på leverantören",
    st_resolved: "Löst",
    st_closed: "Stängd",
    st_cancelled: "Återkallad",
    st_archived: "Arkiverad",
    col_priority: "Prioritet",
    col_due: "Förfaller",
    pr_critical: "Kritisk",
    pr_high: "Hög",
    pr_normal: "Normal",
    pr_low: "Låg",
    lvl_high: "Stor",
    lvl_medium: "Medel",
    lvl_low: "Liten",
    ty_information_request: "Informationsbegäran",
    ty_action_request: "Åtgärdsbegäran",
    ty_feedback: "Respons",
    ty_incident: "Störning",
    ty_change_request: "Ändringsbegäran",
    ty_order: "Beställning",
    f_type: "Typ",
    f_urgency: "Brådska",
    f_impact: "Påverkan",
    sla_heading: "Servicenivå",
    sla_policy: "Servicenivåregel",
    sla_none: "Ingen servicenivå: ingen regel gäller detta ärende.",
    sla_paused: "Pausad, väntar på kunden",
    sla_overdue: "Försenad",
    sla_first_response: "Första svar senast",
    sla_answered: "besvarat",
    sla_supplier_wait: "Väntat på leverantör",
};

static EN: Texts = Texts {
    app_name: "Luukku",
    tagline: "One service point",
    skip_to_content: "Skip to content",
    language: "Language",
    nav_desk: "Advisor desk",
    sign_in: "Sign in",
    sign_out: "Sign out",
    home_heading: "How can we help?",
    home_intro: "Choose an organisation and a form. No account is needed: you get a link to follow your request.",
    home_empty: "There are no public forms yet.",
    ask_for_advice: "Ask for advice",
    ask_intro: "Tell us what you need and we will answer as soon as we can. Required fields are marked with an asterisk (*).",
    f_name: "Name",
    f_email: "Email",
    f_email_hint: "We send the answer and your tracking link to this address.",
    f_language: "Language for replies",
    f_category: "Topic",
    f_subject: "Subject",
    f_message: "Message",
    f_consent: "I have read the privacy notice and agree that my details are processed to handle my request.",
    privacy_notice: "Privacy notice",
    choose: "Choose",
    send: "Send",
    sending: "Sending…",
    error_summary: "Please correct the following",
    err_required: "This is required.",
    err_email_invalid: "Enter an email address like name@example.com.",
    err_choose: "Choose one of the options.",
    err_consent_required: "Agree to the processing of your details so that we can handle your request.",
    err_too_long: "The text is too long.",
    err_invalid: "Check this.",
    sent_heading: "Thank you, we have received your request",
    sent_number: "Request number",
    sent_link: "Follow your request",
    sent_keep: "Keep this link: it shows the status of your request and our replies without signing in.",
    track_heading: "Your request",
    track_status: "Status",
    track_timeline: "History",
    track_answer: "Answer",
    track_add_info: "Add information",
    track_closed: "This request is closed. If you need more help, please ask a new question.",
    track_sent: "Your message has been sent.",
    ev_submitted: "Request received",
    ev_reply: "Reply",
    ev_customer_message: "Your message",
    ev_status_changed: "Status changed",
    ev_you: "You",
    ev_service: "Customer service",
    ev_system: "System",
    ev_classified: "Classification changed",
    ev_priority_changed: "Priority changed",
    ev_sla_warning: "Due time approaching",
    ev_sla_breached: "Due time exceeded",
    login_heading: "Sign in to the advisor desk",
    f_password: "Password",
    err_login_failed: "Wrong email or password.",
    err_too_many: "Too many attempts. Please try again in a while.",
    queue_heading: "Open requests",
    queue_empty: "There are no open requests in the queue.",
    col_number: "Number",
    col_subject: "Subject",
    col_customer: "Customer",
    col_status: "Status",
    col_received: "Received",
    older: "Next",
    back_to_queue: "Back to the queue",
    customer: "Customer",
    category: "Topic",
    reply_heading: "Reply to the customer",
    reply_label: "Reply",
    reply_status: "Status after the reply",
    reply_send: "Send reply",
    reply_saved: "Reply sent.",
    not_found: "The page or request was not found.",
    not_allowed: "You are not allowed to do this.",
    sign_in_needed: "Please sign in to continue.",
    something_failed: "Something went wrong. Please try again.",
    loading: "Loading…",
    st_new: "New",
    st_open: "Open",
    st_in_progress: "In progress",
    st_waiting_customer: "Waiting for customer",
    st_waiting_supplier: "Waiting for supplier",
    st_resolved: "Resolved",
    st_closed: "Closed",
    st_cancelled: "Cancelled",
    st_archived: "Archived",
    col_priority: "Priority",
    col_due: "Due",
    pr_critical: "Critical",
    pr_high: "High",
    pr_normal: "Normal",
    pr_low: "Low",
    lvl_high: "High",
    lvl_medium: "Medium",
    lvl_low: "Low",
    ty_information_request: "Information request",
    ty_action_request: "Action request",
    ty_feedback: "Feedback",
    ty_incident: "Incident",
    ty_change_request: "Change request",
    ty_order: "Order",
    f_type: "Type",
    f_urgency: "Urgency",
    f_impact: "Impact",
    sla_heading: "Service level",
    sla_policy: "SLA policy",
    sla_none: "No service level: no policy applies to this request.",
    sla_paused: "Paused, waiting for the customer",
    sla_overdue: "Overdue",
    sla_first_response: "First response by",
    sla_answered: "answered",
    sla_supplier_wait: "Waited for a supplier",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Holiday;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn a_due_time_is_explained_with_its_pause_and_holiday_in_each_language() {
        let at = |d, h, m| {
            chrono_tz::Europe::Helsinki
                .with_ymd_and_hms(2027, 1, d, h, m, 0)
                .single()
                .expect("time")
                .with_timezone(&Utc)
        };
        let e = DueExplanation {
            due: at(5, 9, 15),
            start: at(1, 14, 15) - chrono::Duration::days(1),
            target_minutes: 480,
            paused_minutes: 180,
            days_off: vec![(
                NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
                DayOff::Holiday(Holiday::NewYearsDay),
            )],
        };
        assert_eq!(
            explain_due(&e, Lang::En),
            "Due Tue 5 Jan 09:15: 8 h of business time from Thu 31 Dec 14:15, paused 3 h waiting \
             for the customer; Fri 1 Jan was New Year's Day."
        );
        assert_eq!(
            explain_due(&e, Lang::Fi),
            "Määräaika ti 5.1. klo 9.15: 8 h palveluaikaa alkaen to 31.12. klo 14.15, tauolla 3 h \
             asiakasta odottaen; pe 1.1. oli uudenvuodenpäivä."
        );
        assert!(explain_due(&e, Lang::Sv).ends_with("fre 1.1 var nyårsdagen."));
    }
}
