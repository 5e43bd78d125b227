//! How password guesses are limited. Limits count failures per account and client address
//! together, so a stranger guessing at someone's account from elsewhere does not lock its owner
//! out; per client address over all accounts; and per account from every address, where past a
//! few failures each further check waits a growing delay (at most a minute) instead of a lock.
//! An address the person has signed in from before skips that delay.

use chrono::{DateTime, Duration, Utc};

/// The window failures are counted in.
pub const WINDOW_MINUTES: i64 = 15;
/// Failures per account and client address in the window.
pub const PER_PAIR: i64 = 10;
/// Failures per client address over every account in the window.
pub const PER_ADDRESS: i64 = 30;
/// Failures per account from every address before checks are spaced out.
pub const FREE_PER_ACCOUNT: i64 = 10;
/// The longest wait between two checks of one account.
pub const MAX_DELAY_SECS: i64 = 60;
/// How long an address the person signed in from stays known.
pub const KNOWN_DAYS: i64 = 30;
/// The longest password checked; a longer one fails without being hashed.
pub const MAX_PASSWORD: usize = 1024;

/// What the attempt log says around one attempt, counting the attempt itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    /// Failures (and attempts still being checked) of this account from this address.
    pub pair: i64,
    /// The same from this address over every account.
    pub address: i64,
    /// The same of this account from every address.
    pub account: i64,
    /// When this account last failed a check, from any address.
    pub last_account_failure: Option<DateTime<Utc>>,
    /// Whether the person has signed in from this address in the last [`KNOWN_DAYS`].
    pub known_pair: bool,
}

/// Whether an attempt's password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Check,
    /// Not checked: the caller may try again after this many seconds.
    Wait(u64),
}

/// Whether the attempt described by `a` is checked at `now`.
pub fn gate(a: &Attempts, now: DateTime<Utc>) -> Gate {
    if a.pair > PER_PAIR || a.address > PER_ADDRESS {
        return Gate::Wait(WINDOW_MINUTES as u64 * 60);
    }
    if a.known_pair || a.account <= FREE_PER_ACCOUNT {
        return Gate::Check;
    }
    let over = (a.account - FREE_PER_ACCOUNT).clamp(0, 6) as u32;
    let delay = Duration::seconds((1i64 << over).min(MAX_DELAY_SECS));
    match a.last_account_failure {
        Some(last) if now < last + delay => {
            Gate::Wait((last + delay - now).num_seconds().max(1) as u64)
        }
        _ => Gate::Check,
    }
}

/// The account name as typed, the way it is counted and looked up: trimmed and lower-case.
/// `None` for what cannot be an address (too long, control characters), which fails like a
/// wrong password.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    (!email.is_empty() && super::text::check(&email, super::request::MAX_EMAIL).is_ok())
        .then_some(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).expect("valid")
    }

    fn attempts(pair: i64, address: i64, account: i64) -> Attempts {
        Attempts {
            pair,
            address,
            account,
            last_account_failure: Some(at(0)),
            known_pair: false,
        }
    }

    #[test]
    fn ten_failures_from_one_address_stop_its_guesses_at_that_account() {
        assert_eq!(gate(&attempts(10, 10, 10), at(1)), Gate::Check);
        assert_eq!(gate(&attempts(11, 11, 11), at(1)), Gate::Wait(900));
        assert_eq!(gate(&attempts(1, 31, 1), at(1)), Gate::Wait(900));
    }

    #[test]
    fn guesses_from_many_addresses_slow_the_account_down_but_never_lock_it() {
        // The 11th failure from anywhere waits 2 s after the last, the 16th a minute at most.
        assert_eq!(gate(&attempts(1, 1, 11), at(1)), Gate::Wait(1));
        assert_eq!(gate(&attempts(1, 1, 11), at(2)), Gate::Check);
        assert_eq!(gate(&attempts(1, 1, 16), at(30)), Gate::Wait(30));
        assert_eq!(gate(&attempts(1, 1, 500), at(60)), Gate::Check);
    }

    #[test]
    fn the_owner_signing_in_from_a_known_address_skips_the_delay() {
        let a = Attempts {
            known_pair: true,
            ..attempts(1, 1, 500)
        };
        assert_eq!(gate(&a, at(1)), Gate::Check);
    }

    #[test]
    fn an_address_is_counted_however_it_is_spelled() {
        assert_eq!(
            normalise_email("  Neuvoja@Luukku.Example "),
            Some("neuvoja@luukku.example".into())
        );
        assert_eq!(normalise_email(" "), None);
        assert_eq!(normalise_email("a\0@b.fi"), None);
        assert_eq!(normalise_email(&"a".repeat(300)), None);
    }
}
