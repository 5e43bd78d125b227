//! Abuse protection without third-party captchas (server only): per-key rate limits kept in memory,
//! and a signed stamp of when a form was rendered so a post sent faster than a person can type is
//! refused.

use std::collections::HashMap;
use std::sync::Mutex;

/// The least time, in seconds, between rendering a form and a person sending it, by default.
pub const MIN_FILL_SECS: i64 = 3;

/// At most `limit` hits per key in each fixed window of `window_secs`.
///
/// Memory is bounded whatever the callers send: a key is a 16-byte digest of its normalised parts
/// (see [`key`]), every count belongs to the current window and is dropped when the next one
/// starts, and at most [`MAX_KEYS`] keys are counted in a window.
pub struct RateLimiter {
    limit: u32,
    window_secs: i64,
    windows: Mutex<Window>,
}

#[derive(Default)]
struct Window {
    start: i64,
    counts: HashMap<Key, u32>,
    /// Whether this window has said it is full (once, not for every key).
    said_full: bool,
}

/// A rate-limit key: a digest, so its size never depends on what was posted.
pub type Key = [u8; 16];

/// The most keys counted in one window (about 5 MB). Past it a new key is let through uncounted
/// (logged): refusing it instead would let a flood of invented addresses lock everyone out, and
/// the limit per client address still holds.
pub const MAX_KEYS: usize = 100_000;

/// The key of `parts`, each trimmed and lower-cased, so `" A@x.fi"` and `"a@x.fi"` count together.
pub fn key(parts: &[&str]) -> Key {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for part in parts {
        h.update(part.trim().to_lowercase().as_bytes());
        h.update([0u8]);
    }
    let mut k = [0u8; 16];
    k.copy_from_slice(&h.finalize()[..16]);
    k
}

impl RateLimiter {
    pub fn new(limit: u32, window_secs: i64) -> RateLimiter {
        RateLimiter {
            limit,
            window_secs: window_secs.max(1),
            windows: Mutex::new(Window::default()),
        }
    }

    /// Counts a hit for `key` at `now` (Unix seconds): `Err(seconds)` until the window ends when
    /// the key has used its limit.
    pub fn hit(&self, key: &Key, now: i64) -> Result<(), u64> {
        let window = now - now.rem_euclid(self.window_secs);
        let mut w = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if w.start != window {
            *w = Window {
                start: window,
                ..Window::default()
            };
        }
        if w.counts.len() >= MAX_KEYS && !w.counts.contains_key(key) {
            if !w.said_full {
                w.said_full = true;
                tracing::warn!("rate limiter full for this window; new keys are not counted");
            }
            return Ok(());
        }
        let count = match w.counts.get_mut(key) {
            Some(count) => count,
            None => w.counts.entry(*key).or_insert(0),
        };
        if *count >= self.limit {
            return Err((window + self.window_secs - now).max(1) as u64);
        }
        *count += 1;
        Ok(())
    }

    /// How many keys the current window counts.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .counts
            .len()
    }
}

/// The limits every public write passes. Each action that names an e-mail address counts in its
/// own bucket, so asking for someone's tracking link never stops that person sending a form.
pub struct Limits {
    /// Public posts per client address, whatever they are.
    pub per_ip: RateLimiter,
    /// Form submissions per e-mail address of the customer.
    pub submit_per_address: RateLimiter,
    /// "Send my link again" per e-mail address.
    pub resend_per_address: RateLimiter,
    /// Portal sign-in links per e-mail address.
    pub sign_in_per_address: RateLimiter,
    /// Sign-in attempts per client address, counted in memory before any is recorded.
    pub sign_in_per_ip: RateLimiter,
    /// Forms kept for redisplay (posts that failed without JavaScript) per client address of
    /// visitors without a session: nothing is stored past it.
    pub flash_per_ip: RateLimiter,
    /// The least seconds between rendering a form and sending it.
    pub min_fill_secs: i64,
}

impl Limits {
    /// `per_ip` and `per_address` hits in each ten minutes (each address bucket on its own);
    /// forms take [`MIN_FILL_SECS`].
    pub fn new(per_ip: u32, per_address: u32) -> Limits {
        Limits {
            per_ip: RateLimiter::new(per_ip, 600),
            submit_per_address: RateLimiter::new(per_address, 600),
            resend_per_address: RateLimiter::new(per_address, 600),
            sign_in_per_address: RateLimiter::new(per_address, 600),
            // Twice the public limit: colleagues behind one office address sign in at once.
            sign_in_per_ip: RateLimiter::new(per_ip.saturating_mul(2), 600),
            flash_per_ip: RateLimiter::new(per_ip, 600),
            min_fill_secs: MIN_FILL_SECS,
        }
    }
}

/// The proxies in front of the server whose `X-Forwarded-For` is believed (`LUUKKU_TRUSTED_PROXIES`:
/// addresses or CIDR ranges, comma-separated). Without any, the connection's peer is the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(std::net::IpAddr, u8)>);

impl TrustedProxies {
    /// Parses `10.0.0.1, 10.1.0.0/16, ::1`; the error names the entry that is not an address.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (addr, bits) = entry.split_once('/').unwrap_or((entry, ""));
            let addr: std::net::IpAddr = addr
                .parse()
                .map_err(|_| format!("{entry:?} is not an IP address or CIDR range"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                "" => max,
                b => b
                    .parse::<u8>()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| format!("{entry:?} has no valid prefix length"))?,
            };
            nets.push((addr, bits));
        }
        Ok(TrustedProxies(nets))
    }

    fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr;
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        self.0.iter().any(|(net, bits)| match (net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(*bits)).unwrap_or(0);
                u32::from(*n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(*bits)).unwrap_or(0);
                u128::from(*n) & mask == u128::from(a) & mask
            }
            _ => false,
        })
    }

    /// The client's address: `peer` itself unless it is a trusted proxy; then the nearest
    /// address in `forwarded_for` (read from the right) that is not a trusted proxy. Entries a
    /// client wrote itself stand to the left of those the proxies added, so they are never
    /// reached while a proxy's entry is there.
    pub fn client(&self, peer: std::net::IpAddr, forwarded_for: Option<&str>) -> std::net::IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let mut client = peer;
        for hop in forwarded_for.unwrap_or_default().rsplit(',') {
            let Ok(addr) = hop.trim().parse::<std::net::IpAddr>() else {
                break;
            };
            client = addr;
            if !self.contains(addr) {
                break;
            }
        }
        client
    }
}

/// A fresh key for one rendering of a form, posted with it as `submission`.
pub fn new_submission_key() -> String {
    crate::security::new_link_secret()
}

/// The digest a form post is recognised by when it is sent again: of the key its form was
/// rendered with and the customer's address (so a key alone, seen by someone else, answers
/// nothing). `None` when the post carries no key, or one that is not of the shape this server
/// makes: such a post is taken as new.
pub fn submission_key(posted: &str, email: &str) -> Option<Vec<u8>> {
    use sha2::Digest;
    let shaped = (16..=64).contains(&posted.len())
        && posted
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    shaped.then(|| {
        let mut h = sha2::Sha256::new();
        h.update(b"submission\0");
        h.update(posted.as_bytes());
        h.update(b"\0");
        h.update(email.trim().to_lowercase().as_bytes());
        h.finalize().to_vec()
    })
}

/// A stamp of when a form was rendered: the time and an HMAC over it.
pub fn form_stamp(secret: &[u8], now: i64) -> String {
    format!("{now}-{}", stamp_mac(secret, now))
}

/// The longest a rendered form may be sent from: a stamp older than this is refused (with a
/// message to send the form again), so a stamp copied once cannot be used for ever.
pub const MAX_FORM_AGE_SECS: i64 = 24 * 3600;

/// Whether a post carrying `stamp` at `now` came from a form rendered by this server at least
/// `min_secs` and at most [`MAX_FORM_AGE_SECS`] ago: the field error code of the form when not
/// (`not_accepted` for a missing, forged or too quick one, `stale_form` for an old one).
pub fn check_stamp(
    secret: &[u8],
    stamp: &str,
    now: i64,
    min_secs: i64,
) -> Result<(), &'static str> {
    let Some((at, mac)) = stamp.split_once('-') else {
        return Err("not_accepted");
    };
    let Ok(at) = at.parse::<i64>() else {
        return Err("not_accepted");
    };
    let expected = stamp_mac(secret, at);
    let genuine = expected.len() == mac.len()
        && expected
            .bytes()
            .zip(mac.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !genuine || now - at < min_secs {
        Err("not_accepted")
    } else if now - at > MAX_FORM_AGE_SECS {
        Err("stale_form")
    } else {
        Ok(())
    }
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
        let (a, b) = (key(&["a"]), key(&["b"]));
        assert_eq!(l.hit(&a, 1200), Ok(()));
        assert_eq!(l.hit(&a, 1201), Ok(()));
        assert_eq!(l.hit(&a, 1300), Err(500));
        assert_eq!(l.hit(&b, 1300), Ok(()));
        assert_eq!(l.hit(&a, 1800), Ok(()));
    }

    #[test]
    fn behind_a_trusted_proxy_the_client_is_the_nearest_untrusted_forwarded_address() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().expect("ip");
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("10.0.0.1"), Some("1.2.3.4")), ip("10.0.0.1"));
        let proxies = TrustedProxies::parse("10.0.0.0/8, ::1").expect("valid");
        assert_eq!(
            proxies.client(ip("10.0.0.1"), Some("1.2.3.4")),
            ip("1.2.3.4")
        );
        // A client's own X-Forwarded-For entry stands left of the proxy's: never believed.
        assert_eq!(
            proxies.client(ip("10.0.0.1"), Some("6.6.6.6, 1.2.3.4, 10.0.0.2")),
            ip("1.2.3.4")
        );
        assert_eq!(proxies.client(ip("::1"), Some("junk")), ip("::1"));
        assert_eq!(
            proxies.client(ip("192.0.2.7"), Some("1.2.3.4")),
            ip("192.0.2.7")
        );
        assert_eq!(
            proxies.client(ip("::ffff:10.1.2.3"), Some("1.2.3.4")),
            ip("1.2.3.4")
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.example").is_err());
        assert_eq!(TrustedProxies::parse(" ").expect("empty"), none);
    }

    #[test]
    fn a_post_is_recognised_by_its_form_key_and_address_together() {
        let k = new_submission_key();
        let first = submission_key(&k, "Maija@Example.fi");
        assert!(first.is_some());
        assert_eq!(first, submission_key(&k, " maija@example.fi"));
        assert_ne!(first, submission_key(&k, "other@example.fi"));
        assert_ne!(
            first,
            submission_key(&new_submission_key(), "maija@example.fi")
        );
        for bad in [
            "",
            "short",
            "a b c d e f g h i j k l",
            &"x".repeat(65),
            "ääääääääääääääääää",
        ] {
            assert_eq!(submission_key(bad, "maija@example.fi"), None, "{bad}");
        }
    }

    #[test]
    fn spelling_an_address_differently_counts_in_the_same_key() {
        assert_eq!(key(&[" Anna@Example.FI "]), key(&["anna@example.fi"]));
        assert_ne!(key(&["a", "b"]), key(&["ab"]));
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_new_keys() {
        let l = RateLimiter::new(1, 600);
        for i in 0..MAX_KEYS + 10 {
            let _ = l.hit(&key(&[&i.to_string()]), 1200);
        }
        assert_eq!(l.len(), MAX_KEYS);
        // The next window starts empty: old counts are not kept.
        assert_eq!(l.hit(&key(&["x"]), 1800), Ok(()));
        assert_eq!(l.len(), 1);
    }

    #[test]
    fn a_form_sent_too_soon_too_late_or_with_a_forged_stamp_is_refused() {
        let stamp = form_stamp(b"secret", 1000);
        let m = MIN_FILL_SECS;
        assert_eq!(check_stamp(b"secret", &stamp, 1001, m), Err("not_accepted"));
        assert_eq!(check_stamp(b"secret", &stamp, 1000 + m, m), Ok(()));
        assert_eq!(check_stamp(b"other", &stamp, 2000, m), Err("not_accepted"));
        let forged = stamp.replacen("1000", "900", 1);
        assert_eq!(
            check_stamp(b"secret", &forged, 2000, m),
            Err("not_accepted")
        );
        for s in ["", "-", "x-y", "1000-"] {
            assert_eq!(
                check_stamp(b"secret", s, 2000, m),
                Err("not_accepted"),
                "{s}"
            );
        }
        let day_later = 1000 + MAX_FORM_AGE_SECS;
        assert_eq!(check_stamp(b"secret", &stamp, day_later, m), Ok(()));
        assert_eq!(
            check_stamp(b"secret", &stamp, day_later + 1, m),
            Err("stale_form")
        );
    }
}
