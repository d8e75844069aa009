//! The application layer's error: why a service refused or failed, with its stable code,
//! and nothing of HTTP (the HTTP layer maps it to a status and a body once, in
//! [`crate::error`]).

use shared::api::ErrorDetail;
use shared::error_code::ErrorCode;

/// What any service may answer: a field at fault, no such record, a role that does not
/// allow it, too many attempts, the database. Each service's own refusals are its own
/// type ([`crate::services::requests::RequestError`], [`crate::services::AccountError`],
/// [`crate::services::notices::NoticeError`]), holding this one for the rest.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field has the wrong type, an unknown name or value, or is out of range.
    #[error("{field}: {message}")]
    InvalidField { field: String, message: String },
    /// Well-formed, but contradicting the answers, the account or the clause it rests on.
    #[error("{field}: {message}")]
    Contradicts { field: String, message: String },
    /// No usable credentials: missing, malformed, revoked or for a disabled account.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// The caller's role does not allow this.
    #[error("{0}")]
    Forbidden(&'static str),
    /// No such record, or none the caller may see (its existence is not told).
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    Unprocessable(&'static str),
    #[error("too many attempts; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    /// Too much work of one kind at once (password hashing): try again shortly.
    #[error("the server is busy; try again in {retry_after} seconds")]
    Busy { retry_after: u64 },
    #[error("the database is unavailable")]
    Unavailable,
    /// Anything unexpected: logged with its cause chain, shown without it.
    #[error("internal error")]
    Internal(String),
}

/// A service's refusal as the HTTP layer reads it: its stable code, the field at fault and
/// its problem's code, the eligibility reasons of a refused filing, and the common error
/// beneath (for the log and `Retry-After`). [`crate::error::ApiError`] is made from any
/// of them by one `From`.
pub trait Refusal: std::fmt::Display {
    fn code(&self) -> ErrorCode;

    /// The field at fault, as a path (`answers.employees`).
    fn field_name(&self) -> Option<String> {
        None
    }

    /// The code of what is wrong with the field, for a payload's or a grant's.
    fn problem(&self) -> Option<String> {
        None
    }

    /// Why a filing was refused, as the owner reads it.
    fn reasons(&self) -> Option<&[shared::api::ReasonView]> {
        None
    }

    /// Every problem of a confirmation refused whole.
    fn problems(&self) -> Option<&[shared::api::confirmations::ProblemItem]> {
        None
    }

    /// The common error this one is, if it is one.
    fn common(&self) -> Option<&Error> {
        None
    }

    /// The wire form of this error (what a batch reports per item).
    fn detail(&self) -> ErrorDetail {
        ErrorDetail {
            code: self.code().as_str().to_string(),
            message: self.to_string(),
            field: self.field_name(),
            problem: self.problem(),
            request_id: None,
            retry_after: self.common().and_then(Error::retry_after),
        }
    }
}

impl Refusal for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidField { .. } => ErrorCode::InvalidField,
            Error::Contradicts { .. } => ErrorCode::Contradicts,
            Error::Unauthorized(_) => ErrorCode::Unauthorized,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Unprocessable(_) => ErrorCode::Unprocessable,
            Error::RateLimited { .. } => ErrorCode::RateLimited,
            Error::Busy { .. } | Error::Unavailable => ErrorCode::Unavailable,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    fn field_name(&self) -> Option<String> {
        match self {
            Error::InvalidField { field, .. } | Error::Contradicts { field, .. } => {
                Some(field.clone())
            }
            _ => None,
        }
    }

    fn common(&self) -> Option<&Error> {
        Some(self)
    }
}

impl Error {
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

    /// Seconds to wait before trying again, for a refusal that says so.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Error::RateLimited { retry_after } | Error::Busy { retry_after } => Some(*retry_after),
            _ => None,
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

/// The database's failures, in each service's error as the common one they are.
macro_rules! from_db {
    ($($service:ty),+) => {$(
        impl From<sea_orm::DbErr> for $service {
            fn from(e: sea_orm::DbErr) -> Self {
                Self::Other(e.into())
            }
        }
    )+};
}

from_db!(
    crate::services::RequestError,
    crate::services::AccountError,
    crate::services::notices::NoticeError
);
