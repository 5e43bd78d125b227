//! How times are written in each language, in Finnish time.

use crate::domain::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Helsinki;

/// The calendar year in Finland at `at`: request numbers restart with it.
pub fn helsinki_year(at: DateTime<Utc>) -> i32 {
    chrono::Datelike::year(&at.with_timezone(&Helsinki))
}

/// Midnight in Helsinki of the day `at` falls on: where "today" starts for the desk.
pub fn helsinki_midnight(at: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::TimeZone;
    let day = at.with_timezone(&Helsinki).date_naive();
    Helsinki
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or(at, |t| t.with_timezone(&Utc))
}

/// A moment as a person reads it, in Europe/Helsinki time.
pub fn date_time(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Helsinki);
    match lang {
        Lang::Fi => local.format("%-d.%-m.%Y klo %-H.%M").to_string(),
        Lang::Sv => local.format("%-d.%-m.%Y kl. %-H.%M").to_string(),
        Lang::En => local.format("%-d %b %Y, %H:%M").to_string(),
    }
}

fn weekday(day: NaiveDate, lang: Lang) -> &'static str {
    let i = day.weekday().num_days_from_monday() as usize;
    lang.pick(
        ["ma", "ti", "ke", "to", "pe", "la", "su"],
        ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    )[i]
}

/// A day with its weekday, short: "ti 24.11.", "tis 24.11", "Tue 24 Nov".
pub fn short_day(day: NaiveDate, lang: Lang) -> String {
    let wd = weekday(day, lang);
    match lang {
        Lang::Fi => format!("{wd} {}", day.format("%-d.%-m.")),
        Lang::Sv => format!("{wd} {}", day.format("%-d.%-m")),
        Lang::En => format!("{wd} {}", day.format("%-d %b")),
    }
}

/// A moment with its weekday, short, in Helsinki time: "ti 24.11. klo 10.15".
pub fn short_day_time(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Helsinki);
    let day = short_day(local.date_naive(), lang);
    match lang {
        Lang::Fi => format!("{day} klo {}", local.format("%-H.%M")),
        Lang::Sv => format!("{day} kl. {}", local.format("%-H.%M")),
        Lang::En => format!("{day} {}", local.format("%H:%M")),
    }
}

/// A span of minutes as hours and minutes: "8 h", "2 h 30 min", "45 min".
pub fn hours_minutes(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
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

    #[test]
    fn short_days_carry_the_weekday_in_each_language() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 24, 8, 15, 0)
            .single()
            .expect("valid");
        assert_eq!(short_day_time(at, Lang::Fi), "ti 24.11. klo 10.15");
        assert_eq!(short_day_time(at, Lang::Sv), "tis 24.11 kl. 10.15");
        assert_eq!(short_day_time(at, Lang::En), "Tue 24 Nov 10:15");
        assert_eq!(hours_minutes(480), "8 h");
        assert_eq!(hours_minutes(150), "2 h 30 min");
        assert_eq!(hours_minutes(45), "45 min");
    }
}
