//! Extractors: handlers receive the checked caller, the parsed body and the client address,
//! and parse nothing by hand.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use shared::account::Role;

use crate::AppState;
use crate::error::{ApiError, Error};
use crate::store::{sessions, users};

pub mod json;
mod lang;

pub use lang::lang_of;

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| {
            ApiError::App(Error::Internal(
                "the application state is not registered".into(),
            ))
        })
}

/// A JSON body, size-capped and deserialized with errors naming the field.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Extracted<Json<T>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let payload = web::Payload::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let payload = payload.await.map_err(|e| ApiError::MalformedJson {
                message: format!("the body could not be read: {e}"),
            })?;
            json::read(&req, payload).await.map(Json)
        })
    }
}

/// The language asked for in `?lang=` (zh-CN by default); 400 `invalid_query` otherwise.
pub struct Lang(pub shared::Lang);

impl FromRequest for Lang {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Lang, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(lang_of(req).map(Lang))
    }
}

pub use crate::services::{Actor, ClientAddr};

impl ClientAddr {
    pub fn of(req: &HttpRequest, trust_proxy: bool) -> ClientAddr {
        let addr = if trust_proxy {
            req.connection_info()
                .realip_remote_addr()
                .map(|a| strip_port(a).to_string())
        } else {
            req.peer_addr().map(|a| a.ip().to_string())
        };
        ClientAddr(addr.unwrap_or_else(|| "unknown".into()))
    }
}

fn strip_port(addr: &str) -> &str {
    if let Some(rest) = addr.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match addr.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => {
            host
        }
        _ => addr,
    }
}

impl FromRequest for ClientAddr {
    type Error = ApiError;
    type Future = std::future::Ready<Result<ClientAddr, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(state(req).map(|s| ClientAddr::of(req, s.trust_proxy)))
    }
}

/// Any signed-in account. 401 without a valid access token, for a signed-out session or
/// a disabled account.
pub struct Authenticated(pub Actor);

fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::App(Error::Unauthorized(
            "sign in first: send `Authorization: Bearer <access_token>`",
        )))?
        .to_str()
        .map_err(|_| ApiError::App(Error::Unauthorized("the Authorization header is not valid")))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim().to_string())
        }
        _ => Err(ApiError::App(Error::Unauthorized(
            "the Authorization header must be `Bearer <access_token>`",
        ))),
    }
}

/// The role an access token names, checked without the database (its signature, issuer,
/// audience and expiry included); [`authenticate`] then checks the account itself.
fn token_role(req: &HttpRequest) -> Result<Role, ApiError> {
    let state = state(req)?;
    let token = bearer(req)?;
    Ok(state.tokens.verify_access(&token)?.role)
}

async fn authenticate(req: HttpRequest) -> Result<Actor, ApiError> {
    let state = state(&req)?;
    let token = bearer(&req)?;
    let claims = state.tokens.verify_access(&token)?;
    let id: i32 = claims
        .sub
        .parse()
        .map_err(|_| ApiError::App(Error::Unauthorized("the access token is not valid")))?;
    let user = users::find(&state.db, id)
        .await?
        .ok_or(ApiError::App(Error::Unauthorized(
            "the access token is not valid",
        )))?;
    if user.disabled {
        return Err(ApiError::App(Error::Unauthorized(
            "this account has been disabled",
        )));
    }
    if !sessions::is_active(&state.db, &claims.sid, id).await? {
        return Err(ApiError::App(Error::Unauthorized(
            "this session has been signed out; sign in again",
        )));
    }
    Ok(Actor {
        id,
        role: user.role,
        session_id: claims.sid,
        department: user.department,
        jurisdictions: user.jurisdictions,
        address: ClientAddr::of(&req, state.trust_proxy),
    })
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = Extracted<Authenticated>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()).map_ok(Authenticated))
    }
}

trait MapOk<T> {
    fn map_ok<U>(self, f: impl FnOnce(T) -> U + 'static) -> Extracted<U>;
}

impl<T: 'static, F: Future<Output = Result<T, ApiError>> + 'static> MapOk<T> for F {
    fn map_ok<U>(self, f: impl FnOnce(T) -> U + 'static) -> Extracted<U> {
        Box::pin(async move { self.await.map(f) })
    }
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $role:pat) => {
        $(#[$doc])*
        pub struct $name(pub Actor);

        impl FromRequest for $name {
            type Error = ApiError;
            type Future = Extracted<$name>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                // The token's role is checked at once, before a later extractor reads the
                // body: a caller of the wrong role is told 403 (or 401), whatever it sent.
                let early = token_role(req).and_then(|role| {
                    if matches!(role, $role) {
                        Ok(())
                    } else {
                        Err(ApiError::App(Error::Forbidden("your role does not allow this")))
                    }
                });
                if let Err(e) = early {
                    return Box::pin(std::future::ready(Err(e)));
                }
                let req = req.clone();
                Box::pin(async move {
                    let caller = authenticate(req).await?;
                    if matches!(caller.role, $role) {
                        Ok($name(caller))
                    } else {
                        Err(ApiError::App(Error::Forbidden("your role does not allow this")))
                    }
                })
            }
        }
    };
}

role_extractor!(
    /// An official: one department, some jurisdictions. 403 for any other role.
    Official,
    Role::Official
);
role_extractor!(
    /// A business owner. 403 for any other role.
    Owner,
    Role::Applicant
);
role_extractor!(
    /// The supervising office. 403 for any other role.
    Supervisor,
    Role::Supervisor
);
role_extractor!(
    /// Anyone at a desk: an official, the supervising office or an administrator. 403 for
    /// owners.
    Staff,
    Role::Official | Role::Supervisor | Role::Admin
);
role_extractor!(
    /// The supervising office or an administrator. 403 for officials and owners.
    Overseer,
    Role::Supervisor | Role::Admin
);
role_extractor!(
    /// An administrator. 403 for any other role.
    Admin,
    Role::Admin
);
