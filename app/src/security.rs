//! Tracking tokens, session tokens and password hashes (server only).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// How long a tracking or survey link stays valid; every message to the customer carries a fresh one.
pub const LINK_DAYS: i64 = 60;

/// What a signed link says about itself once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkCheck {
    Valid,
    /// Genuine, but past its expiry: the customer should ask for a new one.
    Expired,
    /// Forged, altered, revoked or for something else.
    Invalid,
}

/// A signed link token for `purpose` (`track`, `survey`) and record `id`: the id, the expiry (Unix
/// seconds) and an HMAC over both and the record's nonce. Rotating the nonce revokes every link
/// given out before.
pub fn link_token(secret: &[u8], purpose: &str, id: i64, nonce: i64, expires: i64) -> String {
    format!(
        "{id}-{expires}-{}",
        B64.encode(link_mac(secret, purpose, id, nonce, expires))
    )
}

/// The part of an outgoing message's Message-ID that only this installation makes: 12
/// characters of an HMAC over the outbox id, so Message-IDs are unique without being guessable.
pub fn message_tag(secret: &[u8], outbox_id: i64) -> String {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(format!("message-id:{outbox_id}").as_bytes());
    B64.encode(&mac.finalize().into_bytes()[..9])
}

/// The record id a token claims, before it is verified.
pub fn link_token_id(token: &str) -> Option<i64> {
    token.split_once('-')?.0.parse().ok()
}

/// Checks `token` against record `id` with `nonce` at `now` (Unix seconds), in constant time.
pub fn check_link_token(
    secret: &[u8],
    purpose: &str,
    token: &str,
    id: i64,
    nonce: i64,
    now: i64,
) -> LinkCheck {
    let Some((claimed, rest)) = token.split_once('-') else {
        return LinkCheck::Invalid;
    };
    let Some((expires, mac)) = rest.split_once('-') else {
        return LinkCheck::Invalid;
    };
    let (Ok(expires), Ok(mac)) = (expires.parse::<i64>(), B64.decode(mac)) else {
        return LinkCheck::Invalid;
    };
    if claimed != id.to_string() || mac.len() != 16 {
        return LinkCheck::Invalid;
    }
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(format!("{purpose}:{id}:{nonce}:{expires}").as_bytes());
    if m.verify_truncated_left(&mac).is_err() {
        LinkCheck::Invalid
    } else if now > expires {
        LinkCheck::Expired
    } else {
        LinkCheck::Valid
    }
}

fn link_mac(secret: &[u8], purpose: &str, id: i64, nonce: i64, expires: i64) -> Vec<u8> {
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(format!("{purpose}:{id}:{nonce}:{expires}").as_bytes());
    m.finalize().into_bytes()[..16].to_vec()
}

/// The tracking token of request `id`, valid for [`LINK_DAYS`] from `now` (Unix seconds).
pub fn tracking_token(secret: &[u8], id: i64, nonce: i64, now: i64) -> String {
    link_token(secret, "track", id, nonce, now + LINK_DAYS * 86_400)
}

/// The key that seals what is stored for `purpose` (a mailbox password), derived from the
/// server's secret: the database alone does not open it.
fn sealing_key(secret: &[u8], purpose: &str) -> chacha20poly1305::Key {
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(format!("luukku seal v1:{purpose}").as_bytes());
    m.finalize().into_bytes()
}

/// `plain` sealed for `purpose` (XChaCha20-Poly1305 under a key derived from the server's
/// secret): a random 24-byte nonce, then the ciphertext with its 16-byte tag.
pub fn seal(secret: &[u8], purpose: &str, plain: &str) -> Vec<u8> {
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    let cipher = chacha20poly1305::XChaCha20Poly1305::new(&sealing_key(secret, purpose));
    let nonce: [u8; 24] = rand::random();
    let sealed = cipher
        .encrypt(
            (&nonce).into(),
            Payload {
                msg: plain.as_bytes(),
                aad: purpose.as_bytes(),
            },
        )
        .expect("sealing in memory does not fail");
    [nonce.as_slice(), &sealed].concat()
}

/// What [`seal`] sealed for `purpose`; `None` when it was sealed with another secret, for
/// another purpose, or altered.
pub fn open(secret: &[u8], purpose: &str, sealed: &[u8]) -> Option<String> {
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    if sealed.len() < 24 {
        return None;
    }
    let (nonce, body) = sealed.split_at(24);
    let cipher = chacha20poly1305::XChaCha20Poly1305::new(&sealing_key(secret, purpose));
    let plain = cipher
        .decrypt(
            nonce.into(),
            Payload {
                msg: body,
                aad: purpose.as_bytes(),
            },
        )
        .ok()?;
    String::from_utf8(plain).ok()
}

/// A random one-time token for an e-mailed sign-in link.
pub fn new_link_secret() -> String {
    B64.encode(rand::random::<[u8; 24]>())
}

/// A fresh random session token for the cookie.
pub fn new_session_token() -> String {
    B64.encode(rand::random::<[u8; 32]>())
}

/// What the database keeps of a session token.
pub fn session_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The most argon2 memory a stored hash may ask for (64 MiB); a hash asking more never verifies.
const MAX_HASH_BLOCKS: usize = 64 * 1024;

thread_local! {
    /// The memory argon2id works in, kept by each thread that hashes (the few threads of
    /// `hashing`) and used again for every hash. Allocating 19 MiB for each hash instead left
    /// each freed block with the allocator, which kept growing under a flood of sign-ins.
    static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs argon2 with `params` over `password` and `salt` into `out`, in this thread's memory.
fn argon2_into(
    algorithm: argon2::Algorithm,
    version: argon2::Version,
    params: argon2::Params,
    (password, salt): (&[u8], &[u8]),
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let count = params.block_count();
    if count > MAX_HASH_BLOCKS {
        return Err(argon2::Error::MemoryTooMuch);
    }
    let ctx = argon2::Argon2::new(algorithm, version, params);
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        if blocks.len() < count {
            blocks.resize(count, argon2::Block::default());
        }
        ctx.hash_password_into_with_memory(password, salt, out, &mut blocks[..count])
    })
}

/// Hashes a password with argon2id (the crate's default parameters: 19 MiB, two passes) into a
/// PHC string. Slow on purpose: call it through `hashing`.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{Output, PasswordHash, SaltString, rand_core::OsRng};
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    let params = argon2::Params::default();
    let mut out = [0u8; argon2::Params::DEFAULT_OUTPUT_LEN];
    argon2_into(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        params.clone(),
        (password.as_bytes(), salt_bytes),
        &mut out,
    )?;
    Ok(PasswordHash {
        algorithm: argon2::Algorithm::Argon2id.ident(),
        version: Some(argon2::Version::V0x13.into()),
        params: argon2::password_hash::ParamsString::try_from(&params)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out)?),
    }
    .to_string())
}

/// Checks a password against its argon2 PHC string, comparing in constant time. Slow on purpose:
/// call it through `hashing`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{Output, PasswordHash};
    let Ok(h) = PasswordHash::new(hash) else {
        return false;
    };
    let (Ok(algorithm), Some(expected), Some(salt)) =
        (argon2::Algorithm::try_from(h.algorithm), h.hash, h.salt)
    else {
        return false;
    };
    let version = match h.version.map(argon2::Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let (Ok(params), mut salt_bytes, mut out) =
        (argon2::Params::try_from(&h), [0u8; 64], [0u8; 64])
    else {
        return false;
    };
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let out = &mut out[..expected.len()];
    argon2_into(algorithm, version, params, (password.as_bytes(), salt), out).is_ok()
        && Output::new(out).is_ok_and(|computed| computed == expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn a_sealed_password_opens_only_with_its_secret_and_purpose() {
        let sealed = seal(b"secret", "mailbox", "salainen sana");
        assert!(!String::from_utf8_lossy(&sealed).contains("salainen"));
        assert_eq!(
            open(b"secret", "mailbox", &sealed).as_deref(),
            Some("salainen sana")
        );
        assert_ne!(sealed, seal(b"secret", "mailbox", "salainen sana"));
        assert_eq!(open(b"other", "mailbox", &sealed), None);
        assert_eq!(open(b"secret", "webhook", &sealed), None);
        let mut altered = sealed.clone();
        *altered.last_mut().expect("a tag") ^= 1;
        assert_eq!(open(b"secret", "mailbox", &altered), None);
        assert_eq!(open(b"secret", "mailbox", &sealed[..20]), None);
    }

    #[test]
    fn a_token_opens_only_its_own_request() {
        let token = tracking_token(b"secret", 42, 7, NOW);
        let check = |t: &str, id, secret: &[u8]| check_link_token(secret, "track", t, id, 7, NOW);
        assert_eq!(check(&token, 42, b"secret"), LinkCheck::Valid);
        assert_eq!(check(&token, 43, b"secret"), LinkCheck::Invalid);
        assert_eq!(check(&token, 42, b"other"), LinkCheck::Invalid);
        let forged = token.replacen("42-", "43-", 1);
        assert_eq!(check(&forged, 43, b"secret"), LinkCheck::Invalid);
        assert_eq!(
            check_link_token(b"secret", "survey", &token, 42, 7, NOW),
            LinkCheck::Invalid
        );
    }

    #[test]
    fn a_token_expires_and_its_expiry_cannot_be_moved() {
        let token = tracking_token(b"secret", 42, 7, NOW);
        let later = NOW + LINK_DAYS * 86_400 + 1;
        assert_eq!(
            check_link_token(b"secret", "track", &token, 42, 7, later),
            LinkCheck::Expired
        );
        let (id, rest) = token.split_once('-').expect("id");
        let (_, mac) = rest.split_once('-').expect("expiry");
        let extended = format!("{id}-{}-{mac}", later + 1000);
        assert_eq!(
            check_link_token(b"secret", "track", &extended, 42, 7, later),
            LinkCheck::Invalid
        );
    }

    #[test]
    fn a_new_nonce_revokes_old_links() {
        let token = tracking_token(b"secret", 42, 7, NOW);
        assert_eq!(
            check_link_token(b"secret", "track", &token, 42, 8, NOW),
            LinkCheck::Invalid
        );
    }

    #[test]
    fn garbage_tokens_are_refused_without_panicking() {
        for t in [
            "",
            "-",
            "42",
            "42-",
            "42-1-",
            "42-x-AAAA",
            "42-!!!",
            "x-AAAA",
            "42-99-AAAA",
            "42-99-!!",
        ] {
            assert_eq!(
                check_link_token(b"secret", "track", t, 42, 7, NOW),
                LinkCheck::Invalid,
                "{t}"
            );
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

    #[test]
    fn hashes_made_by_the_argon2_crate_and_these_verify_each_other() {
        use argon2::password_hash::{
            PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
        };
        let salt = SaltString::generate(&mut OsRng);
        let theirs = argon2::Argon2::default()
            .hash_password(b"vanha salasana", &salt)
            .expect("hash")
            .to_string();
        assert!(verify_password("vanha salasana", &theirs));
        assert!(!verify_password("vanha salasanA", &theirs));
        let ours = hash_password("uusi salasana").expect("hash");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(
            argon2::Argon2::default()
                .verify_password(b"uusi salasana", &parsed)
                .is_ok()
        );
        // A stored hash asking for more memory than any hash here uses is refused, not run.
        let greedy = theirs.replace("m=19456", "m=4000000");
        assert!(!verify_password("vanha salasana", &greedy));
    }
}
