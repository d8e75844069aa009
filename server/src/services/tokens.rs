//! Signed access tokens (HS256, pinned), WeChat bind tickets, opaque refresh tokens and
//! the signing secret.

use std::io::Write;
use std::path::{Path, PathBuf};

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use sha2::{Digest, Sha256};
use shared::account::claims::{
    ACCESS_AUDIENCE, ACCESS_TOKEN_SECONDS, BIND_AUDIENCE, BindClaims, ISSUER,
};
use shared::account::{AccessClaims, Role, TokenKind};

use crate::config::{MIN_SECRET_BYTES, Secret};
use crate::services::{AccountError, Error};

/// The one algorithm tokens are signed and accepted with.
const ALGORITHM: Algorithm = Algorithm::HS256;
/// How long a WeChat bind ticket is valid.
pub const BIND_TICKET_SECONDS: u64 = 10 * 60;
/// The file in the data directory holding a generated secret.
pub const SECRET_FILE: &str = "jwt-secret";

/// Signs and checks tokens with one secret.
pub struct Tokens {
    /// Keys the refresh tokens' successors (apart from the signing key).
    successor_key: [u8; 32],
    encoding: EncodingKey,
    decoding: DecodingKey,
    access: Validation,
    bind: Validation,
}

fn validation(audience: &str) -> Validation {
    let mut v = Validation::new(ALGORITHM);
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[audience]);
    v.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
    v.leeway = 0;
    v
}

fn now() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

impl Tokens {
    pub fn new(secret: &Secret) -> Tokens {
        let mut key = Sha256::new();
        key.update(b"shukun refresh-token successor\0");
        key.update(secret.expose());
        Tokens {
            successor_key: key.finalize().into(),
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
            access: validation(ACCESS_AUDIENCE),
            bind: validation(BIND_AUDIENCE),
        }
    }

    /// The refresh token that replaces `presented` when it is exchanged: derived from it with
    /// a key only the server holds, so every process, and every call presenting the same
    /// token within the grace period, hands out the same successor (only its hash is stored).
    pub fn successor(&self, presented: &str) -> Result<String, Error> {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.successor_key)
            .map_err(|e| Error::Internal(format!("refresh successor key: {e}")))?;
        mac.update(presented.as_bytes());
        Ok(hex(&mac.finalize().into_bytes()))
    }

    /// A 15-minute access token for a session.
    pub fn access(&self, user_id: i32, role: Role, session_id: &str) -> Result<String, Error> {
        let iat = now();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: ACCESS_AUDIENCE.into(),
            sub: user_id.to_string(),
            exp: iat + ACCESS_TOKEN_SECONDS,
            iat,
            typ: TokenKind::Access,
            role,
            sid: session_id.into(),
        };
        encode(&Header::new(ALGORITHM), &claims, &self.encoding).map_err(|e| Error::internal(&e))
    }

    /// Checks signature, algorithm, `iss`, `aud`, `exp`, `iat`, `sub` and `typ`.
    pub fn verify_access(&self, token: &str) -> Result<AccessClaims, AccountError> {
        let claims = decode::<AccessClaims>(token, &self.decoding, &self.access)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => {
                    AccountError::TokenExpired("the access token has expired; refresh it")
                }
                _ => Error::Unauthorized("the access token is not valid").into(),
            })?
            .claims;
        if claims.typ != TokenKind::Access || claims.iat > now() + 60 {
            return Err(Error::Unauthorized("the access token is not valid").into());
        }
        Ok(claims)
    }

    /// A ticket allowing whoever signs in next to bind this WeChat openid.
    pub fn bind_ticket(&self, openid: &str) -> Result<String, Error> {
        let iat = now();
        let claims = BindClaims {
            iss: ISSUER.into(),
            aud: BIND_AUDIENCE.into(),
            sub: openid.into(),
            exp: iat + BIND_TICKET_SECONDS,
            iat,
            typ: TokenKind::WechatBind,
        };
        encode(&Header::new(ALGORITHM), &claims, &self.encoding).map_err(|e| Error::internal(&e))
    }

    /// The openid of a valid bind ticket.
    pub fn verify_bind(&self, ticket: &str) -> Result<String, Error> {
        let claims = decode::<BindClaims>(ticket, &self.decoding, &self.bind)
            .map_err(|_| {
                Error::Unprocessable(
                    "the bind ticket is not valid or has expired; sign in with WeChat again",
                )
            })?
            .claims;
        if claims.typ != TokenKind::WechatBind {
            return Err(Error::Unprocessable("the bind ticket is not valid"));
        }
        Ok(claims.sub)
    }
}

/// `n` random bytes in lower-case hex.
pub fn random_hex(n: usize) -> Result<String, Error> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("randomness: {e}")))?;
    Ok(hex(&bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 in hex: how refresh tokens and rate-limit keys are stored.
pub fn sha256_hex(input: &str) -> String {
    hex(&Sha256::digest(input.as_bytes()))
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the secret must be at least {MIN_SECRET_BYTES} bytes")]
    TooShort { path: PathBuf },
    #[error("randomness: {0}")]
    Random(String),
}

/// The signing secret kept in `dir/jwt-secret`: read, or generated (32 random bytes, hex)
/// and written with mode 0600 on first start.
pub fn load_or_create_secret(dir: &Path) -> Result<Secret, SecretError> {
    let path = dir.join(SECRET_FILE);
    let io = |source| SecretError::Io {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let text = text.trim();
            if text.len() < MIN_SECRET_BYTES {
                return Err(SecretError::TooShort { path });
            }
            return Ok(Secret::new(text.as_bytes()));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| SecretError::Random(e.to_string()))?;
    let text = hex(&bytes);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(&path) {
        Ok(mut file) => {
            file.write_all(text.as_bytes()).map_err(io)?;
            file.sync_all().map_err(io)?;
            tracing::info!(path = %path.display(), "generated a token signing secret");
            Ok(Secret::new(text.into_bytes()))
        }
        // Another process wrote it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create_secret(dir),
        Err(e) => Err(io(e)),
    }
}
