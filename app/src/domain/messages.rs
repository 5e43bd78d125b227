//! The messages Luukku sends to customers, in the customer's language. Each carries a link: the
//! request's tracking page, a survey or a portal sign-in.

use crate::domain::{Lang, Status};

/// Why a customer is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// The request was received.
    Acknowledgement,
    /// Someone started working on it.
    Taken,
    /// An advisor replied.
    Reply,
    /// The request waits for the customer's answer.
    Waiting,
    Resolved,
    Survey,
    /// "Send my link again".
    TrackingLink,
    PortalSignIn,
    /// A member of staff asked to choose a new password.
    PasswordReset,
    /// A member of staff was added and chooses their first password.
    StaffInvite,
}

impl MessageKind {
    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Acknowledgement => "acknowledgement",
            MessageKind::Taken => "taken",
            MessageKind::Reply => "reply",
            MessageKind::Waiting => "waiting",
            MessageKind::Resolved => "resolved",
            MessageKind::Survey => "survey",
            MessageKind::TrackingLink => "tracking_link",
            MessageKind::PortalSignIn => "portal_sign_in",
            MessageKind::PasswordReset => "password_reset",
            MessageKind::StaffInvite => "staff_invite",
        }
    }
}

/// What the customer is told when a request moves from `from` to `to`, `reply` saying whether
/// staff wrote to them with it: a question when it now waits for them, the resolution, a reply,
/// or that work has started. Nothing for moves the customer made or that change nothing for them.
pub fn for_change(from: Status, to: Status, reply: bool) -> Option<MessageKind> {
    match (from, to) {
        (_, Status::WaitingForCustomer) if reply => Some(MessageKind::Waiting),
        (f, Status::Resolved) if f != Status::Resolved => Some(MessageKind::Resolved),
        _ if reply => Some(MessageKind::Reply),
        (Status::New, Status::Open | Status::InProgress) => Some(MessageKind::Taken),
        _ => None,
    }
}

/// What a message says besides its kind.
pub struct MessageFacts<'a> {
    /// The request number ("" for a portal sign-in).
    pub number: &'a str,
    /// The organisation's name in the customer's language.
    pub org_name: &'a str,
    /// The request's subject.
    pub subject: &'a str,
    /// The absolute link the message carries.
    pub link: &'a str,
    /// An advisor's reply or question, quoted in full.
    pub body: Option<&'a str>,
}

/// The subject and plain-text body of a message of `kind` in `lang`.
pub fn compose(kind: MessageKind, lang: Lang, f: &MessageFacts<'_>) -> (String, String) {
    use Lang::*;
    use MessageKind::*;
    let n = f.number;
    let subject = match (kind, lang) {
        (Acknowledgement, Fi) => format!("[{n}] Pyyntösi on vastaanotettu"),
        (Acknowledgement, Sv) => format!("[{n}] Ditt ärende har tagits emot"),
        (Acknowledgement, En) => format!("[{n}] We have received your request"),
        (Taken, Fi) => format!("[{n}] Pyyntösi on otettu käsittelyyn"),
        (Taken, Sv) => format!("[{n}] Ditt ärende behandlas nu"),
        (Taken, En) => format!("[{n}] Your request is being handled"),
        (Reply, Fi) => format!("[{n}] Vastaus pyyntöösi"),
        (Reply, Sv) => format!("[{n}] Svar på ditt ärende"),
        (Reply, En) => format!("[{n}] A reply to your request"),
        (Waiting, Fi) => format!("[{n}] Tarvitsemme tietoja pyyntöösi"),
        (Waiting, Sv) => format!("[{n}] Vi behöver uppgifter om ditt ärende"),
        (Waiting, En) => format!("[{n}] We need information about your request"),
        (Resolved, Fi) => format!("[{n}] Pyyntösi on ratkaistu"),
        (Resolved, Sv) => format!("[{n}] Ditt ärende är löst"),
        (Resolved, En) => format!("[{n}] Your request has been resolved"),
        (Survey, Fi) => format!("[{n}] Miten onnistuimme?"),
        (Survey, Sv) => format!("[{n}] Hur lyckades vi?"),
        (Survey, En) => format!("[{n}] How did we do?"),
        (TrackingLink, Fi) => format!("[{n}] Pyyntösi seurantalinkki"),
        (TrackingLink, Sv) => format!("[{n}] Uppföljningslänk till ditt ärende"),
        (TrackingLink, En) => format!("[{n}] The tracking link of your request"),
        (PortalSignIn, Fi) => "Kirjautumislinkki asiointiin".to_string(),
        (PortalSignIn, Sv) => "Inloggningslänk till e-tjänsten".to_string(),
        (PortalSignIn, En) => "Your sign-in link".to_string(),
        (PasswordReset, Fi) => "Luukku: uusi salasana".to_string(),
        (PasswordReset, Sv) => "Luukku: nytt lösenord".to_string(),
        (PasswordReset, En) => "Luukku: choose a new password".to_string(),
        (StaffInvite, Fi) => format!("Sinut on lisätty palveluun Luukku ({})", f.org_name),
        (StaffInvite, Sv) => format!("Du har lagts till i Luukku ({})", f.org_name),
        (StaffInvite, En) => format!("You have been added to Luukku ({})", f.org_name),
    };
    let lead = match (kind, lang) {
        (Acknowledgement, Fi) => "Kiitos yhteydenotostasi. Olemme vastaanottaneet pyyntösi.",
        (Acknowledgement, Sv) => "Tack för att du kontaktade oss. Vi har tagit emot ditt ärende.",
        (Acknowledgement, En) => "Thank you for contacting us. We have received your request.",
        (Taken, Fi) => "Asiakasneuvoja on ottanut pyyntösi käsittelyyn.",
        (Taken, Sv) => "En kundrådgivare har börjat behandla ditt ärende.",
        (Taken, En) => "An advisor has started working on your request.",
        (Reply, Fi) => "Olemme vastanneet pyyntöösi:",
        (Reply, Sv) => "Vi har svarat på ditt ärende:",
        (Reply, En) => "We have replied to your request:",
        (Waiting, Fi) => "Tarvitsemme sinulta lisätietoja ennen kuin voimme jatkaa:",
        (Waiting, Sv) => "Vi behöver mer information av dig innan vi kan fortsätta:",
        (Waiting, En) => "We need more information from you before we can continue:",
        (Resolved, Fi) => "Pyyntösi on ratkaistu.",
        (Resolved, Sv) => "Ditt ärende är löst.",
        (Resolved, En) => "Your request has been resolved.",
        (Survey, Fi) => "Kerro asteikolla 0–10, miten onnistuimme. Vastaaminen vie alle minuutin.",
        (Survey, Sv) => "Berätta på en skala 0–10 hur vi lyckades. Det tar under en minut.",
        (Survey, En) => "Tell us on a scale of 0 to 10 how we did. It takes less than a minute.",
        (TrackingLink, Fi) => "Pyysit pyyntösi seurantalinkkiä uudelleen.",
        (TrackingLink, Sv) => "Du bad om uppföljningslänken till ditt ärende på nytt.",
        (TrackingLink, En) => "You asked for the tracking link of your request again.",
        (PortalSignIn, Fi) => {
            "Kirjaudu sisään ja näe kaikki pyyntösi tällä linkillä. Se on voimassa 30 minuuttia ja toimii kerran."
        }
        (PortalSignIn, Sv) => {
            "Logga in och se alla dina ärenden med den här länken. Den gäller i 30 minuter och fungerar en gång."
        }
        (PortalSignIn, En) => {
            "Sign in and see all your requests with this link. It is valid for 30 minutes and works once."
        }
        (PasswordReset, Fi) => {
            "Valitse uusi salasana tällä linkillä. Se on voimassa tunnin ja toimii kerran. Kaikki istuntosi päättyvät."
        }
        (PasswordReset, Sv) => {
            "Välj ett nytt lösenord med den här länken. Den gäller i en timme och fungerar en gång. Alla dina sessioner avslutas."
        }
        (PasswordReset, En) => {
            "Choose a new password with this link. It is valid for an hour and works once. All your sessions will end."
        }
        (StaffInvite, Fi) => {
            "Sinut on lisätty asiakaspalvelun työtilaan. Valitse salasana tällä linkillä; se on voimassa kolme vuorokautta."
        }
        (StaffInvite, Sv) => {
            "Du har lagts till i kundtjänstens arbetsyta. Välj ett lösenord med den här länken; den gäller i tre dygn."
        }
        (StaffInvite, En) => {
            "You have been added to the customer-service workspace. Choose a password with this link; it is valid for three days."
        }
    };
    let link_line = match (kind, lang) {
        (Survey, Fi) => "Vastaa kyselyyn:",
        (Survey, Sv) => "Svara på enkäten:",
        (Survey, En) => "Answer the survey:",
        (PortalSignIn, Fi) => "Kirjaudu:",
        (PortalSignIn, Sv) => "Logga in:",
        (PortalSignIn, En) => "Sign in:",
        (PasswordReset | StaffInvite, Fi) => "Valitse salasana:",
        (PasswordReset | StaffInvite, Sv) => "Välj lösenord:",
        (PasswordReset | StaffInvite, En) => "Choose a password:",
        (_, Fi) => "Seuraa pyyntöäsi, lisää tietoja tai vastaa:",
        (_, Sv) => "Följ ditt ärende, lägg till uppgifter eller svara:",
        (_, En) => "Follow your request, add information or answer:",
    };
    let ignore = match lang {
        Fi => "Jos et tehnyt tätä pyyntöä, voit jättää viestin huomiotta.",
        Sv => "Om du inte gjorde den här begäran kan du bortse från meddelandet.",
        En => "If you did not ask for this, you can ignore this message.",
    };
    let mut body = String::new();
    if !f.org_name.is_empty() && kind != StaffInvite {
        body.push_str(f.org_name);
        body.push_str("\n\n");
    }
    body.push_str(lead);
    body.push('\n');
    if let Some(quoted) = f.body {
        body.push('\n');
        for line in quoted.lines() {
            body.push_str("> ");
            body.push_str(line);
            body.push('\n');
        }
    }
    if !f.number.is_empty() {
        body.push_str(&format!("\n{n} – {}\n", f.subject));
    }
    body.push_str(&format!("\n{link_line}\n{}\n", f.link));
    if matches!(kind, TrackingLink | PortalSignIn | PasswordReset) {
        body.push_str(&format!("\n{ignore}\n"));
    }
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customer_hears_of_what_concerns_them() {
        use Status::*;
        assert_eq!(
            for_change(Open, WaitingForCustomer, true),
            Some(MessageKind::Waiting)
        );
        assert_eq!(
            for_change(Open, Resolved, true),
            Some(MessageKind::Resolved)
        );
        assert_eq!(for_change(Open, Open, true), Some(MessageKind::Reply));
        assert_eq!(for_change(New, InProgress, false), Some(MessageKind::Taken));
        assert_eq!(for_change(WaitingForCustomer, Open, false), None);
        assert_eq!(for_change(Open, Cancelled, false), None);
    }

    #[test]
    fn every_message_exists_in_every_language_with_its_link() {
        let kinds = [
            MessageKind::Acknowledgement,
            MessageKind::Taken,
            MessageKind::Reply,
            MessageKind::Waiting,
            MessageKind::Resolved,
            MessageKind::Survey,
            MessageKind::TrackingLink,
            MessageKind::PortalSignIn,
            MessageKind::PasswordReset,
            MessageKind::StaffInvite,
        ];
        let facts = MessageFacts {
            number: "LIK-2026-000001-5",
            org_name: "Liikennekeskus",
            subject: "Bussikortti",
            link: "https://luukku.example/track/1-2-abc",
            body: Some("Mikä on korttisi numero?\nKiitos."),
        };
        for kind in kinds {
            let mut subjects = std::collections::HashSet::new();
            for lang in Lang::ALL {
                let (subject, body) = compose(kind, lang, &facts);
                assert!(body.contains(facts.link), "{kind:?} {lang:?}");
                assert!(body.contains("> Kiitos."));
                assert!(
                    subjects.insert(subject),
                    "{kind:?} has one subject in two languages"
                );
            }
        }
    }
}
