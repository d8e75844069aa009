//! What a signed access token says. Refresh tokens are opaque random strings, stored hashed.

use serde::{Deserialize, Serialize};

use super::role::Role;
use crate::wire::wire_enum;

/// `iss` of every token the server signs.
pub const ISSUER: &str = "shukun";
/// `aud` of access tokens.
pub const ACCESS_AUDIENCE: &str = "shukun-api";
/// `aud` of WeChat bind tickets.
pub const BIND_AUDIENCE: &str = "shukun-wechat-bind";
/// Lifetime of an access token.
pub const ACCESS_TOKEN_SECONDS: u64 = 15 * 60;

wire_enum!(
    /// What a signed token is for (`typ`), so one kind is never accepted as another.
    TokenKind {
        Access => "access",
        WechatBind => "wechat_bind",
    }
);

/// The claims of an access token; every one is required and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The account id.
    pub sub: String,
    pub exp: u64,
    pub iat: u64,
    pub typ: TokenKind,
    pub role: Role,
    /// The sign-in session (refresh-token family) it belongs to: revoked with it.
    pub sid: String,
}

/// A short-lived ticket saying "this WeChat openid signed in and may be bound".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindClaims {
    pub iss: String,
    pub aud: String,
    /// The WeChat openid.
    pub sub: String,
    pub exp: u64,
    pub iat: u64,
    pub typ: TokenKind,
}
