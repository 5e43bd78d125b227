//! How times are written in each language, in Finnish time.

use crate::domain::Lang;
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Helsinki;

/// A moment as a person reads it, in Europe/Helsinki time.
pub fn date_time(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Helsinki);
    match lang {
        Lang::Fi => local.format("%-d.%-m.%Y klo %-H.%M").to_string(),
        Lang::Sv => local.format("%-d.%-m.%Y kl. %-H.%M").to_string(),
        Lang::En => local.format("%-d %b %Y, %H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_shown_in_helsinki_time_in_each_languages_own_style() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 22, 18, 5, 0)
            .single()
            .expect("valid");
        assert_eq!(date_time(at, Lang::Fi), "22.11.2026 klo 20.05");
        assert_eq!(date_time(at, Lang::Sv), "22.11.2026 kl. 20.05");
        assert_eq!(date_time(at, Lang::En), "22 Nov 2026, 20:05");
    }

    #[test]
    fn summer_time_is_three_hours_ahead() {
        let at = Utc
            .with_ymd_and_hms(2026, 6, 19, 9, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(date_time(at, Lang::Fi), "19.6.2026 klo 12.00");
    }
}
