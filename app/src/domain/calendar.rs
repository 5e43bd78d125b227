//! Business calendars: weekly opening hours in a time zone, Finnish public holidays for any year
//! and an organisation's own closures. SLA clocks count only the time a calendar is open.

use crate::domain::Lang;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A Finnish public holiday (or a day offices close on, such as Midsummer Eve and Christmas Eve).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Holiday {
    NewYearsDay,
    Epiphany,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    MayDay,
    AscensionDay,
    Whitsunday,
    MidsummerEve,
    MidsummerDay,
    AllSaintsDay,
    IndependenceDay,
    ChristmasEve,
    ChristmasDay,
    StStephensDay,
}

impl Holiday {
    /// The holiday's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let [fi, sv, en] = match self {
            Holiday::NewYearsDay => ["uudenvuodenpäivä", "nyårsdagen", "New Year's Day"],
            Holiday::Epiphany => ["loppiainen", "trettondedag jul", "Epiphany"],
            Holiday::GoodFriday => ["pitkäperjantai", "långfredagen", "Good Friday"],
            Holiday::EasterSunday => ["pääsiäispäivä", "påskdagen", "Easter Sunday"],
            Holiday::EasterMonday => ["2. pääsiäispäivä", "annandag påsk", "Easter Monday"],
            Holiday::MayDay => ["vappu", "första maj", "May Day"],
            Holiday::AscensionDay => ["helatorstai", "Kristi himmelsfärdsdag", "Ascension Day"],
            Holiday::Whitsunday => ["helluntaipäivä", "pingstdagen", "Whitsunday"],
            Holiday::MidsummerEve => ["juhannusaatto", "midsommarafton", "Midsummer Eve"],
            Holiday::MidsummerDay => ["juhannuspäivä", "midsommardagen", "Midsummer Day"],
            Holiday::AllSaintsDay => ["pyhäinpäivä", "alla helgons dag", "All Saints' Day"],
            Holiday::IndependenceDay => [
                "itsenäisyyspäivä",
                "självständighetsdagen",
                "Independence Day",
            ],
            Holiday::ChristmasEve => ["jouluaatto", "julafton", "Christmas Eve"],
            Holiday::ChristmasDay => ["joulupäivä", "juldagen", "Christmas Day"],
            Holiday::StStephensDay => ["tapaninpäivä", "annandag jul", "St Stephen's Day"],
        };
        lang.pick(fi, sv, en)
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// The first `weekday` on or after `from`.
fn weekday_on_or_after(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Duration::days(i64::from(ahead))
}

/// Every Finnish public holiday of `year`, in date order, including the Easter-based days and
/// those that move to a weekday or Saturday of a given week (Midsummer, All Saints' Day).
pub fn finnish_holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let easter = easter_sunday(year);
    let midsummer_day = weekday_on_or_after(date(year, 6, 20), Weekday::Sat);
    let mut days = vec![
        (date(year, 1, 1), Holiday::NewYearsDay),
        (date(year, 1, 6), Holiday::Epiphany),
        (easter - Duration::days(2), Holiday::GoodFriday),
        (easter, Holiday::EasterSunday),
        (easter + Duration::days(1), Holiday::EasterMonday),
        (date(year, 5, 1), Holiday::MayDay),
        (easter + Duration::days(39), Holiday::AscensionDay),
        (easter + Duration::days(49), Holiday::Whitsunday),
        (midsummer_day - Duration::days(1), Holiday::MidsummerEve),
        (midsummer_day, Holiday::MidsummerDay),
        (
            weekday_on_or_after(date(year, 10, 31), Weekday::Sat),
            Holiday::AllSaintsDay,
        ),
        (date(year, 12, 6), Holiday::IndependenceDay),
        (date(year, 12, 24), Holiday::ChristmasEve),
        (date(year, 12, 25), Holiday::ChristmasDay),
        (date(year, 12, 26), Holiday::StStephensDay),
    ];
    days.sort_by_key(|(d, _)| *d);
    days
}

/// The first day whose closures can matter to a request started at `start`: the day before it,
/// so that a request started just after midnight in Finland (still the day before in UTC) sees
/// the closures of its own local day.
pub fn closures_from(start: DateTime<Utc>) -> NaiveDate {
    let day = start.date_naive();
    day.pred_opt().unwrap_or(day)
}

/// The Finnish holidays from `today` to a year later, in order.
pub fn holidays_in_the_coming_year(today: NaiveDate) -> Vec<(NaiveDate, Holiday)> {
    let year = today.year();
    [year, year + 1]
        .into_iter()
        .flat_map(finnish_holidays)
        .filter(|(d, _)| *d >= today && *d < today + chrono::Duration::days(366))
        .collect()
}

/// The holiday on `day`, if any.
pub fn finnish_holiday(day: NaiveDate) -> Option<Holiday> {
    finnish_holidays(day.year())
        .into_iter()
        .find(|(d, _)| *d == day)
        .map(|(_, h)| h)
}

/// Opening hours of one weekday, in local time; `end` after `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// Why a calendar is shut on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayOff {
    Weekend,
    Holiday(Holiday),
    /// One of the organisation's own closures, with its reason as typed by an administrator.
    Closure(String),
}

/// A day the organisation is closed, set by an administrator (e.g. a training day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub day: NaiveDate,
    pub reason: String,
}

/// When business time runs: weekly hours (index 0 = Monday) in a time zone, minus Finnish public
/// holidays (unless turned off) and closures.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub tz: Tz,
    pub week: [Option<Hours>; 7],
    pub finnish_holidays: bool,
    pub closures: Vec<Closure>,
}

/// How far ahead business time is searched for: a calendar open at least once a week finds its
/// next open hour well within this, whatever closures say.
const HORIZON_DAYS: i64 = 5 * 366;

/// Why weekly hours cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarError {
    /// A day closes before, or when, it opens.
    EndNotAfterStart(Weekday),
    /// No day of the week is open, so no deadline could ever be reached.
    NeverOpen,
}

impl Default for Calendar {
    /// Monday to Friday 8–16 in Helsinki with Finnish holidays: a typical public office.
    fn default() -> Self {
        let day = Some(Hours {
            start: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(16, 0, 0).unwrap_or(NaiveTime::MIN),
        });
        Calendar {
            tz: chrono_tz::Europe::Helsinki,
            week: [day, day, day, day, day, None, None],
            finnish_holidays: true,
            closures: Vec::new(),
        }
    }
}

impl Calendar {
    /// Checks weekly hours an administrator entered.
    pub fn validate_week(week: &[Option<Hours>; 7]) -> Result<(), CalendarError> {
        for (i, h) in week.iter().enumerate() {
            if let Some(h) = h
                && h.end <= h.start
            {
                return Err(CalendarError::EndNotAfterStart(weekday(i)));
            }
        }
        if week.iter().all(Option::is_none) {
            return Err(CalendarError::NeverOpen);
        }
        Ok(())
    }

    /// Why the calendar is shut all of `day`, or `None` when it is open some of it.
    pub fn day_off(&self, day: NaiveDate) -> Option<DayOff> {
        if let Some(c) = self.closures.iter().find(|c| c.day == day) {
            return Some(DayOff::Closure(c.reason.clone()));
        }
        if self.finnish_holidays
            && let Some(h) = finnish_holiday(day)
        {
            return Some(DayOff::Holiday(h));
        }
        let hours = self.week[day.weekday().num_days_from_monday() as usize];
        if hours.is_none() {
            return Some(DayOff::Weekend);
        }
        None
    }

    /// The open interval of `day` in UTC, if the calendar is open that day.
    fn open_interval(&self, day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if self.day_off(day).is_some() {
            return None;
        }
        let hours = self.week[day.weekday().num_days_from_monday() as usize]?;
        let start = self.to_utc(day, hours.start);
        let end = self.to_utc(day, hours.end);
        (end > start).then_some((start, end))
    }

    /// A local wall-clock time as UTC; a time skipped by a clock change counts as the hour after.
    fn to_utc(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let local = day.and_time(time);
        match self.tz.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            chrono::LocalResult::None => self
                .tz
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
                .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc)),
        }
    }

    fn local_day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The moment `business` of open time after `start` has passed. Zero business time from a
    /// closed moment is that moment itself. `None` only if the calendar never opens again within
    /// five years (it cannot when weekly hours passed [`Calendar::validate_week`]).
    pub fn add(&self, start: DateTime<Utc>, business: Duration) -> Option<DateTime<Utc>> {
        let mut left = business.max(Duration::zero());
        if left.is_zero() {
            return Some(start);
        }
        let first = self.local_day(start) - Duration::days(1);
        for offset in 0..HORIZON_DAYS {
            let day = first + Duration::days(offset);
            let Some((open, close)) = self.open_interval(day) else {
                continue;
            };
            let from = open.max(start);
            if from >= close {
                continue;
            }
            let available = close - from;
            if available >= left {
                return Some(from + left);
            }
            left -= available;
        }
        None
    }

    /// Open time between `from` and `to` (zero when `to` is not after `from`).
    pub fn business_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        let mut total = Duration::zero();
        let mut day = self.local_day(from) - Duration::days(1);
        let last = self.local_day(to) + Duration::days(1);
        while day <= last {
            if let Some((open, close)) = self.open_interval(day) {
                let a = open.max(from);
                let b = close.min(to);
                if b > a {
                    total += b - a;
                }
            }
            day += Duration::days(1);
        }
        total
    }

    /// The days the calendar is shut all day from the day of `from` to the day of `to`, with why:
    /// what a due-time explanation mentions (weekends are left to the reader).
    pub fn days_off_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(NaiveDate, DayOff)> {
        let mut out = Vec::new();
        let mut day = self.local_day(from);
        let last = self.local_day(to);
        while day <= last && out.len() < 366 {
            if let Some(off) = self.day_off(day)
                && off != DayOff::Weekend
            {
                out.push((day, off));
            }
            day += Duration::days(1);
        }
        out
    }
}

fn weekday(index: usize) -> Weekday {
    Weekday::try_from(index as u8).unwrap_or(Weekday::Mon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn helsinki(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Helsinki
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("a valid Helsinki time")
            .with_timezone(&Utc)
    }

    #[test]
    fn easter_is_computed_for_known_years() {
        assert_eq!(easter_sunday(2024), date(2024, 3, 31));
        assert_eq!(easter_sunday(2025), date(2025, 4, 20));
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2027), date(2027, 3, 28));
        assert_eq!(easter_sunday(2038), date(2038, 4, 25));
        assert_eq!(easter_sunday(1818), date(1818, 3, 22));
    }

    #[test]
    fn the_movable_finnish_holidays_of_2026_fall_where_the_almanac_says() {
        let h = finnish_holidays(2026);
        let on = |hol| h.iter().find(|(_, x)| *x == hol).map(|(d, _)| *d);
        assert_eq!(on(Holiday::GoodFriday), Some(date(2026, 4, 3)));
        assert_eq!(on(Holiday::EasterMonday), Some(date(2026, 4, 6)));
        assert_eq!(on(Holiday::AscensionDay), Some(date(2026, 5, 14)));
        assert_eq!(on(Holiday::Whitsunday), Some(date(2026, 5, 24)));
        assert_eq!(on(Holiday::MidsummerEve), Some(date(2026, 6, 19)));
        assert_eq!(on(Holiday::MidsummerDay), Some(date(2026, 6, 20)));
        assert_eq!(on(Holiday::AllSaintsDay), Some(date(2026, 10, 31)));
        assert_eq!(h.len(), 15);
    }

    #[test]
    fn all_saints_day_is_the_saturday_from_31_october_to_6_november() {
        assert_eq!(
            finnish_holiday(date(2025, 11, 1)),
            Some(Holiday::AllSaintsDay)
        );
        assert_eq!(
            finnish_holiday(date(2027, 11, 6)),
            Some(Holiday::AllSaintsDay)
        );
        assert_eq!(finnish_holiday(date(2027, 10, 30)), None);
    }

    #[test]
    fn business_time_skips_the_night_and_the_weekend() {
        let cal = Calendar::default();
        // Friday 14:15 + 8 h = Monday 14:15 (1 h 45 min on Friday, 6 h 15 min on Monday).
        let due = cal.add(helsinki(2026, 11, 20, 14, 15), Duration::hours(8));
        assert_eq!(due, Some(helsinki(2026, 11, 23, 14, 15)));
    }

    #[test]
    fn a_holiday_monday_pushes_the_deadline_to_tuesday() {
        let cal = Calendar::default();
        // Thursday before Easter 2026, 15:00 + 4 h: Good Friday and Easter Monday are closed.
        let due = cal.add(helsinki(2026, 4, 2, 15, 0), Duration::hours(4));
        assert_eq!(due, Some(helsinki(2026, 4, 7, 11, 0)));
        let off = cal.days_off_between(helsinki(2026, 4, 2, 15, 0), helsinki(2026, 4, 7, 11, 0));
        let days: Vec<_> = off.iter().map(|(d, _)| *d).collect();
        assert_eq!(
            days,
            [date(2026, 4, 3), date(2026, 4, 5), date(2026, 4, 6)],
            "Good Friday, Easter Sunday, Easter Monday; the Saturday is a plain weekend"
        );
    }

    #[test]
    fn a_request_sent_at_night_starts_counting_at_opening() {
        let cal = Calendar::default();
        let due = cal.add(helsinki(2026, 11, 24, 2, 0), Duration::minutes(30));
        assert_eq!(due, Some(helsinki(2026, 11, 24, 8, 30)));
    }

    #[test]
    fn closures_are_closed_and_say_why() {
        let mut cal = Calendar::default();
        cal.closures.push(Closure {
            day: date(2026, 11, 24),
            reason: "Koulutuspäivä".into(),
        });
        let due = cal.add(helsinki(2026, 11, 23, 15, 0), Duration::hours(2));
        assert_eq!(due, Some(helsinki(2026, 11, 25, 9, 0)));
        assert_eq!(
            cal.day_off(date(2026, 11, 24)),
            Some(DayOff::Closure("Koulutuspäivä".into()))
        );
    }

    #[test]
    fn the_clock_change_does_not_add_or_lose_an_hour_of_business() {
        let cal = Calendar::default();
        // Summer time ends on Sunday 25 October 2026; Friday 15:00 + 2 h = Monday 9:00 local.
        let due = cal.add(helsinki(2026, 10, 23, 15, 0), Duration::hours(2));
        assert_eq!(due, Some(helsinki(2026, 10, 26, 9, 0)));
    }

    #[test]
    fn weekly_hours_must_open_before_they_close_and_open_at_all() {
        let mut week = Calendar::default().week;
        assert_eq!(Calendar::validate_week(&week), Ok(()));
        week[2] = Some(Hours {
            start: NaiveTime::from_hms_opt(16, 0, 0).expect("time"),
            end: NaiveTime::from_hms_opt(8, 0, 0).expect("time"),
        });
        assert_eq!(
            Calendar::validate_week(&week),
            Err(CalendarError::EndNotAfterStart(Weekday::Wed))
        );
        assert_eq!(
            Calendar::validate_week(&[None; 7]),
            Err(CalendarError::NeverOpen)
        );
    }

    fn any_start() -> impl Strategy<Value = DateTime<Utc>> {
        // 2020–2035, at any minute.
        (0i64..16 * 365 * 24 * 60).prop_map(|m| helsinki(2020, 1, 1, 0, 0) + Duration::minutes(m))
    }

    proptest! {
        #[test]
        fn a_due_time_is_never_before_its_start(start in any_start(), mins in 0i64..20_000) {
            let due = Calendar::default().add(start, Duration::minutes(mins)).expect("due");
            prop_assert!(due >= start);
        }

        #[test]
        fn the_business_time_to_a_due_time_is_exactly_the_target(start in any_start(), mins in 1i64..20_000) {
            let cal = Calendar::default();
            let due = cal.add(start, Duration::minutes(mins)).expect("due");
            prop_assert_eq!(cal.business_between(start, due), Duration::minutes(mins));
        }

        #[test]
        fn holidays_never_count(year in 2000i32..2100) {
            let cal = Calendar::default();
            for (day, _) in finnish_holidays(year) {
                let from = cal.to_utc(day, NaiveTime::MIN);
                let to = cal.to_utc(day + Duration::days(1), NaiveTime::MIN);
                prop_assert_eq!(cal.business_between(from, to), Duration::zero());
            }
        }

        #[test]
        fn a_longer_target_is_never_due_sooner(start in any_start(), a in 0i64..10_000, b in 0i64..10_000) {
            let cal = Calendar::default();
            let (short, long) = (a.min(b), a.max(b));
            let d1 = cal.add(start, Duration::minutes(short)).expect("due");
            let d2 = cal.add(start, Duration::minutes(long)).expect("due");
            prop_assert!(d1 <= d2);
        }

        #[test]
        fn easter_sunday_is_a_sunday_between_22_march_and_25_april(year in 1583i32..4000) {
            let e = easter_sunday(year);
            prop_assert_eq!(e.weekday(), Weekday::Sun);
            prop_assert!(e >= date(year, 3, 22) && e <= date(year, 4, 25));
        }
    }
}
