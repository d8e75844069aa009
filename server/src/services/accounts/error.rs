//! Why an account service refused: registration, sign-in, sessions, claims of a credit code
//! and the staff's accounts each refuse in their own words, with their stable codes; what
//! any service may answer is the common [`Error`].

use shared::error_code::ErrorCode;

use crate::services::Error;
use crate::services::error::Refusal;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// A unique value already held: `credit_code_taken`, `phone_taken`, `wechat_taken`.
    #[error("{field}: {message}")]
    Taken {
        code: ErrorCode,
        field: &'static str,
        message: &'static str,
    },
    /// Wrong phone number or password (never saying which), or a refused WeChat code.
    #[error("{0}")]
    InvalidCredentials(&'static str),
    #[error("this account has been disabled")]
    Disabled,
    /// An access token (refresh it) or refresh token (sign in again) past its time.
    #[error("{0}")]
    TokenExpired(&'static str),
    /// The account changed since it was read (`If-Match`, `precondition_failed`).
    #[error("the record changed since it was read (If-Match does not match); reload it")]
    Stale,
    /// A step the account or claim is past (`invalid_transition`): a claim decided, a code
    /// held already, a claim waiting.
    #[error("{0}")]
    NotNow(&'static str),
    /// The last enabled administrator (`last_administrator`).
    #[error("the last enabled administrator cannot be disabled; create or enable another first")]
    LastAdministrator,
    /// Two accounts to merge with open requests for the same measures
    /// (`open_request_exists`).
    #[error("both accounts have an open request for {measures}: withdraw or decide one first")]
    OpenRequests { measures: String },
    /// WeChat could not be reached (`wechat_unavailable`).
    #[error("{0}")]
    WechatUnavailable(&'static str),
    #[error(transparent)]
    Other(#[from] Error),
}

impl Refusal for AccountError {
    fn code(&self) -> ErrorCode {
        match self {
            AccountError::Taken { code, .. } => *code,
            AccountError::InvalidCredentials(_) => ErrorCode::InvalidCredentials,
            AccountError::Disabled => ErrorCode::AccountDisabled,
            AccountError::TokenExpired(_) => ErrorCode::TokenExpired,
            AccountError::Stale => ErrorCode::PreconditionFailed,
            AccountError::NotNow(_) => ErrorCode::InvalidTransition,
            AccountError::LastAdministrator => ErrorCode::LastAdministrator,
            AccountError::OpenRequests { .. } => ErrorCode::OpenRequestExists,
            AccountError::WechatUnavailable(_) => ErrorCode::WechatUnavailable,
            AccountError::Other(e) => e.code(),
        }
    }

    fn field_name(&self) -> Option<String> {
        match self {
            AccountError::Taken { field, .. } => Some((*field).to_string()),
            AccountError::OpenRequests { .. } => Some("into".to_string()),
            AccountError::Other(e) => e.field_name(),
            _ => None,
        }
    }

    fn common(&self) -> Option<&Error> {
        match self {
            AccountError::Other(e) => Some(e),
            _ => None,
        }
    }
}
