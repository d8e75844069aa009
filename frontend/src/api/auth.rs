//! Signing in and out, and the tokens: `/auth/...` and `/me`.

use shared::account::api::{Me, RefreshRequest, TokenResponse};

use super::{Error, Session, body, get, json, send, v1, with_body};

/// Tokens for a phone number and password (`POST /auth/login`). The server checks both: what
/// was typed goes as typed.
pub async fn login(phone: &str, password: &str) -> Result<TokenResponse, Error> {
    let login = serde_json::json!({ "phone": phone, "password": password }).to_string();
    json(send("POST", v1!("/auth/login"), &[], Some(&login)).await?)
}

/// What an owner types to open an account, as typed (the server checks it all).
pub struct Registration<'a> {
    pub phone: &'a str,
    pub password: &'a str,
    pub business_name: &'a str,
    pub entity_type: &'a str,
    pub credit_code: &'a str,
}

/// Opens an owner's account (`POST /auth/register`): its tokens.
pub async fn register(r: &Registration<'_>) -> Result<TokenResponse, Error> {
    let register = serde_json::json!({
        "phone": r.phone,
        "password": r.password,
        "business_name": r.business_name,
        "entity_type": r.entity_type,
        "credit_code": r.credit_code,
    })
    .to_string();
    json(send("POST", v1!("/auth/register"), &[], Some(&register)).await?)
}

/// Opens an owner's account and claims its business's code, held by another account
/// (`POST /auth/claim`): its tokens. An administrator decides the claim.
pub async fn claim(r: &Registration<'_>, statement: &str) -> Result<TokenResponse, Error> {
    let claim = serde_json::json!({
        "registration": {
            "phone": r.phone,
            "password": r.password,
            "business_name": r.business_name,
            "entity_type": r.entity_type,
            "credit_code": r.credit_code,
        },
        "statement": statement,
    })
    .to_string();
    json(send("POST", v1!("/auth/claim"), &[], Some(&claim)).await?)
}

/// Trades a refresh token for a new pair (`POST /auth/refresh`).
pub async fn refresh(refresh_token: &str) -> Result<TokenResponse, Error> {
    let request = body(&RefreshRequest {
        refresh_token: refresh_token.to_string(),
    })?;
    json(send("POST", v1!("/auth/refresh"), &[], Some(&request)).await?)
}

/// Signs out (`POST /auth/logout`): the server forgets the refresh token. Whatever the
/// answer, the caller drops its session.
pub async fn logout(refresh_token: &str) {
    if let Ok(request) = body(&RefreshRequest {
        refresh_token: refresh_token.to_string(),
    }) {
        let _ = send("POST", v1!("/auth/logout"), &[], Some(&request)).await;
    }
}

/// Who is signed in (`GET /me`).
pub async fn me(s: &dyn Session) -> Result<Me, Error> {
    json(get(s, v1!("/me")).await?)
}

/// Claims a credit code for the signed-in owner's business, which holds none
/// (`POST /me/claim`): the account after it, with the code or the waiting claim.
pub async fn claim_again(
    s: &dyn Session,
    claim: &shared::account::code_claim::ClaimAgainRequest,
) -> Result<Me, Error> {
    let claim = body(claim)?;
    json(with_body(s, "POST", v1!("/me/claim"), &claim).await?)
}
