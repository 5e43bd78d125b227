//! Tracking tokens, session tokens and password hashes (server only).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The tracking token of request `id`: its id and an HMAC over the id and the request's nonce.
/// Rotating the nonce revokes every link given out before.
pub fn tracking_token(secret: &[u8], id: i64, nonce: i64) -> String {
    format!("{id}-{}", B64.encode(tracking_mac(secret, id, nonce)))
}

/// The request id a token claims, before it is verified.
pub fn tracking_token_id(token: &str) -> Option<i64> {
    token.split_once('-')?.0.parse().ok()
}

/// Whether `token` is the valid token of request `id` with `nonce`, compared in constant time.
pub fn verify_tracking_token(secret: &[u8], token: &str, id: i64, nonce: i64) -> bool {
    let Some((claimed, mac)) = token.split_once('-') else {
        return false;
    };
    let Ok(mac) = B64.decode(mac) else {
        return false;
    };
    if claimed != id.to_string() {
        return false;
    }
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(format!("track:{id}:{nonce}").as_bytes());
    m.verify_truncated_left(&mac).is_ok() && mac.len() == 16
}

fn tracking_mac(secret: &[u8], id: i64, nonce: i64) -> Vec<u8> {
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(format!("track:{id}:{nonce}").as_bytes());
    m.finalize().into_bytes()[..16].to_vec()
}

/// A fresh random session token for the cookie.
pub fn new_session_token() -> String {
    B64.encode(rand::random::<[u8; 32]>())
}

/// What the database keeps of a session token.
pub fn session_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Hashes a password with argon2id. Slow on purpose: call it off the async runtime.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks a password against its argon2id hash. Slow on purpose: call it off the async runtime.
pub fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash).is_ok_and(|h| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_opens_only_its_own_request() {
        let token = tracking_token(b"secret", 42, 7);
        assert!(verify_tracking_token(b"secret", &token, 42, 7));
        assert!(!verify_tracking_token(b"secret", &token, 43, 7));
        assert!(!verify_tracking_token(b"other", &token, 42, 7));
        let forged = token.replacen("42-", "43-", 1);
        assert!(!verify_tracking_token(b"secret", &forged, 43, 7));
    }

    #[test]
    fn a_new_nonce_revokes_old_links() {
        let token = tracking_token(b"secret", 42, 7);
        assert!(!verify_tracking_token(b"secret", &token, 42, 8));
    }

    #[test]
    fn garbage_tokens_are_refused_without_panicking() {
        for t in ["", "-", "42", "42-", "42-!!!", "x-AAAA", "42-AAAA"] {
            assert!(!verify_tracking_token(b"secret", t, 42, 7), "{t}");
        }
    }

    #[test]
    fn passwords_verify_only_with_the_right_password() {
        let hash = hash_password("correct horse").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
    }
}
