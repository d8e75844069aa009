//! The application layer's error: why a service refused or failed, with its stable code,
//! and nothing of HTTP (the HTTP layer maps it to a status and a body once, in
//! [`crate::error`]).

use shared::api::ErrorDetail;
use shared::error_code::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field has the wrong type, an unknown name or value, or is out of range.
    #[error("{field}: {message}")]
    InvalidField { field: String, message: String },
    /// Well-formed, but contradicting the answers, the account or the clause it rests on.
    #[error("{field}: {message}")]
    Contradicts { field: String, message: String },
    /// A field of a request's payload or of a grant at fault, with its problem's code:
    /// `invalid_field`, or `contradicts` when it disagrees with the answers or the clause.
    #[error("{error}")]
    Payload {
        error: shared::application::PayloadError,
        contradicts: bool,
    },
    /// No usable credentials: missing, malformed, revoked or for a disabled account.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// An access token (refresh it) or refresh token (sign in again) past its time.
    #[error("{0}")]
    TokenExpired(&'static str),
    /// Wrong phone number or password (never saying which), or a refused WeChat code.
    #[error("{0}")]
    InvalidCredentials(&'static str),
    #[error("this account has been disabled")]
    AccountDisabled,
    /// The caller's role does not allow this.
    #[error("{0}")]
    Forbidden(&'static str),
    /// No such record, or none the caller may see (its existence is not told).
    #[error("{0}")]
    NotFound(&'static str),
    /// A unique value already in use: `credit_code_taken`, `phone_taken`, `wechat_taken`.
    #[error("{field}: {message}")]
    Taken {
        code: ErrorCode,
        field: &'static str,
        message: &'static str,
    },
    /// The record changed since it was read (a stale precondition).
    #[error("the record changed since it was read (If-Match does not match); reload it")]
    PreconditionFailed,
    #[error("{0}")]
    Unprocessable(&'static str),
    #[error("too many attempts; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    /// Too much work of one kind at once (password hashing): try again shortly.
    #[error("the server is busy; try again in {retry_after} seconds")]
    Busy { retry_after: u64 },
    #[error("{0}")]
    WechatUnavailable(&'static str),
    #[error("the database is unavailable")]
    Unavailable,
    /// A refusal with its code: an idempotency key missing or reused, a transition not
    /// allowed, a stale version, an open request, a document refused.
    #[error("{message}")]
    Refused {
        code: ErrorCode,
        field: Option<&'static str>,
        message: String,
    },
    /// A filing refused with the eligibility reasons (`not_eligible`,
    /// `application_window_closed`).
    #[error("{message}")]
    RefusedWithReasons {
        code: ErrorCode,
        message: String,
        reasons: Vec<shared::api::ReasonView>,
    },
    /// Anything unexpected: logged with its cause chain, shown without it.
    #[error("internal error")]
    Internal(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidField { .. } => ErrorCode::InvalidField,
            Error::Contradicts { .. } => ErrorCode::Contradicts,
            Error::Payload { contradicts, .. } => {
                if *contradicts {
                    ErrorCode::Contradicts
                } else {
                    ErrorCode::InvalidField
                }
            }
            Error::Unauthorized(_) => ErrorCode::Unauthorized,
            Error::TokenExpired(_) => ErrorCode::TokenExpired,
            Error::InvalidCredentials(_) => ErrorCode::InvalidCredentials,
            Error::AccountDisabled => ErrorCode::AccountDisabled,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Taken { code, .. } => *code,
            Error::PreconditionFailed => ErrorCode::PreconditionFailed,
            Error::Unprocessable(_) => ErrorCode::Unprocessable,
            Error::RateLimited { .. } => ErrorCode::RateLimited,
            Error::Busy { .. } | Error::Unavailable => ErrorCode::Unavailable,
            Error::WechatUnavailable(_) => ErrorCode::WechatUnavailable,
            Error::Refused { code, .. } | Error::RefusedWithReasons { code, .. } => *code,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// An unexpected error, with its whole cause chain for the log.
    pub fn internal(e: &(dyn std::error::Error + 'static)) -> Error {
        Error::Internal(cause_chain(e))
    }

    /// A field at fault.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::InvalidField {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A field that contradicts the answers, the account or the clause.
    pub fn contradicts(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Contradicts {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A payload's or a grant's field at fault (`invalid_field`).
    pub fn payload(error: shared::application::PayloadError) -> Error {
        Error::Payload {
            error,
            contradicts: false,
        }
    }

    /// A payload's field that contradicts the answers or the clause (`contradicts`).
    pub fn payload_contradicts(error: shared::application::PayloadError) -> Error {
        Error::Payload {
            error,
            contradicts: true,
        }
    }

    /// The code of what is wrong with the field, for a payload's or a grant's.
    pub fn problem(&self) -> Option<String> {
        match self {
            Error::Payload { error, .. } => Some(error.problem.as_str().to_string()),
            _ => None,
        }
    }

    /// A refusal with its code and no field.
    pub fn refused(code: ErrorCode, message: impl Into<String>) -> Error {
        Error::Refused {
            code,
            field: None,
            message: message.into(),
        }
    }

    /// The field at fault, as a path (`answers.employees`).
    pub fn field_name(&self) -> Option<String> {
        match self {
            Error::InvalidField { field, .. } | Error::Contradicts { field, .. } => {
                Some(field.clone())
            }
            Error::Payload { error, .. } => Some(error.field.clone()),
            Error::Taken { field, .. } => Some((*field).to_string()),
            Error::Refused { field, .. } => field.map(str::to_string),
            _ => None,
        }
    }

    /// The wire form of this error (what a batch reports per item).
    pub fn detail(&self) -> ErrorDetail {
        ErrorDetail {
            code: self.code().as_str().to_string(),
            message: self.to_string(),
            field: self.field_name(),
            problem: self.problem(),
            request_id: None,
        }
    }
}

/// `error: cause: cause`, the whole chain on one line.
fn cause_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

impl From<sea_orm::DbErr> for Error {
    fn from(e: sea_orm::DbErr) -> Self {
        Error::internal(&e)
    }
}
