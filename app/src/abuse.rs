//! Abuse protection without third-party captchas (server only): per-key rate limits kept in memory,
//! and a signed stamp of when a form was rendered so a post sent faster than a person can type is
//! refused.

use std::collections::HashMap;
use std::sync::Mutex;

/// The least time, in seconds, between rendering a form and a person sending it, by default.
pub const MIN_FILL_SECS: i64 = 3;

/// At most `limit` hits per key in each fixed window of `window_secs`.
pub struct RateLimiter {
    limit: u32,
    window_secs: i64,
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

/// Keys kept before old windows are swept.
const SWEEP_AT: usize = 100_000;

impl RateLimiter {
    pub fn new(limit: u32, window_secs: i64) -> RateLimiter {
        RateLimiter {
            limit,
            window_secs: window_secs.max(1),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a hit for `key` at `now` (Unix seconds): `Err(seconds)` until the window ends when
    /// the key has used its limit.
    pub fn hit(&self, key: &str, now: i64) -> Result<(), u64> {
        let window = now - now.rem_euclid(self.window_secs);
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= SWEEP_AT {
            map.retain(|_, (start, _)| *start == window);
        }
        let entry = map.entry(key.to_string()).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= self.limit {
            return Err((window + self.window_secs - now).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The limits every public write passes.
pub struct Limits {
    /// Submissions and other public posts per client address.
    pub per_ip: RateLimiter,
    /// Submissions, link resends and sign-in links per e-mail address.
    pub per_address: RateLimiter,
    /// The least seconds between rendering a form and sending it.
    pub min_fill_secs: i64,
}

impl Limits {
    /// `per_ip` and `per_address` hits in each ten minutes; forms take [`MIN_FILL_SECS`].
    pub fn new(per_ip: u32, per_address: u32) -> Limits {
        Limits {
            per_ip: RateLimiter::new(per_ip, 600),
            per_address: RateLimiter::new(per_address, 600),
            min_fill_secs: MIN_FILL_SECS,
        }
    }
}

/// A stamp of when a form was rendered: the time and an HMAC over it.
pub fn form_stamp(secret: &[u8], now: i64) -> String {
    format!("{now}-{}", stamp_mac(secret, now))
}

/// Whether a post carrying `stamp` at `now` came from a form rendered at least `min_secs` ago by
/// this server. A missing or forged stamp fails too.
pub fn filled_by_a_person(secret: &[u8], stamp: &str, now: i64, min_secs: i64) -> bool {
    let Some((at, mac)) = stamp.split_once('-') else {
        return false;
    };
    let Ok(at) = at.parse::<i64>() else {
        return false;
    };
    let expected = stamp_mac(secret, at);
    expected.len() == mac.len()
        && expected
            .bytes()
            .zip(mac.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
        && now - at >= min_secs
}

fn stamp_mac(secret: &[u8], at: i64) -> String {
    use hmac::{Hmac, Mac};
    let mut m = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(format!("form:{at}").as_bytes());
    m.finalize().into_bytes()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_limit_per_window_then_waits_for_the_next() {
        let l = RateLimiter::new(2, 600);
        assert_eq!(l.hit("a", 1200), Ok(()));
        assert_eq!(l.hit("a", 1201), Ok(()));
        assert_eq!(l.hit("a", 1300), Err(500));
        assert_eq!(l.hit("b", 1300), Ok(()));
        assert_eq!(l.hit("a", 1800), Ok(()));
    }

    #[test]
    fn a_form_sent_too_soon_or_with_a_forged_stamp_is_refused() {
        let stamp = form_stamp(b"secret", 1000);
        let m = MIN_FILL_SECS;
        assert!(!filled_by_a_person(b"secret", &stamp, 1001, m));
        assert!(filled_by_a_person(b"secret", &stamp, 1000 + m, m));
        assert!(!filled_by_a_person(b"other", &stamp, 2000, m));
        let forged = stamp.replacen("1000", "900", 1);
        assert!(!filled_by_a_person(b"secret", &forged, 2000, m));
        for s in ["", "-", "x-y", "1000-"] {
            assert!(!filled_by_a_person(b"secret", s, 2000, m), "{s}");
        }
    }
}
