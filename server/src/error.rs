//! One error type for the HTTP layer: what the extractors refuse (bodies, queries, paths)
//! and what the services refuse (each service's own error, read through [`Refusal`]),
//! mapped to a status and a JSON body once.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use shared::api::{ErrorBody, ErrorDetail};
use shared::error_code::ErrorCode;

pub use crate::services::Error;
use crate::services::notices::NoticeError;
use crate::services::{AccountError, Refusal, RequestError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON at all.
    #[error("{message}")]
    MalformedJson { message: String },
    /// A field of the body has the wrong type, an unknown name or value, or is out of range.
    #[error("{field}: {message}")]
    InvalidField { field: String, message: String },
    #[error("{parameter}: {message}")]
    InvalidQuery {
        parameter: &'static str,
        message: String,
    },
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("the request body must be application/json")]
    UnsupportedMediaType,
    /// No such endpoint, or a path segment that names nothing.
    #[error("{0}")]
    NotFound(&'static str),
    /// A one-time link used already, or expired.
    #[error("{0}")]
    LinkExpired(&'static str),
    /// The path exists, for other methods (listed in `Allow`).
    #[error("this path takes {allow} only")]
    MethodNotAllowed { allow: String },
    /// What a service refused or failed with: the common refusals,
    #[error(transparent)]
    App(#[from] Error),
    /// a request service's,
    #[error(transparent)]
    Request(#[from] RequestError),
    /// an account service's,
    #[error(transparent)]
    Account(#[from] AccountError),
    /// or 督办's.
    #[error(transparent)]
    Notice(#[from] NoticeError),
}

/// The message of an unknown API path.
pub const NO_SUCH_ENDPOINT: &str = "no such endpoint";

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::MalformedJson { .. } => ErrorCode::MalformedJson,
            ApiError::InvalidField { .. } => ErrorCode::InvalidField,
            ApiError::InvalidQuery { .. } => ErrorCode::InvalidQuery,
            ApiError::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::LinkExpired(_) => ErrorCode::LinkExpired,
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            _ => match self.refusal() {
                Some(e) => e.code(),
                None => ErrorCode::Internal,
            },
        }
    }

    /// What a service refused, read one way whichever service it was.
    fn refusal(&self) -> Option<&dyn Refusal> {
        match self {
            ApiError::App(e) => Some(e),
            ApiError::Request(e) => Some(e),
            ApiError::Account(e) => Some(e),
            ApiError::Notice(e) => Some(e),
            _ => None,
        }
    }

    /// An unexpected error, with its whole cause chain for the log.
    pub fn internal(e: &(dyn std::error::Error + 'static)) -> ApiError {
        ApiError::App(Error::internal(e))
    }

    /// A field at fault.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::InvalidField {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The wire form of this error.
    pub fn detail(&self) -> ErrorDetail {
        ErrorDetail {
            code: self.code().as_str().to_string(),
            message: self.to_string(),
            field: self.field_name(),
            problem: self.refusal().and_then(Refusal::problem),
            request_id: crate::middleware::current_request_id(),
            retry_after: self
                .refusal()
                .and_then(Refusal::common)
                .and_then(Error::retry_after),
        }
    }

    fn field_name(&self) -> Option<String> {
        match self {
            ApiError::InvalidField { field, .. } => Some(field.clone()),
            ApiError::InvalidQuery { parameter, .. } => Some((*parameter).to_string()),
            _ => self.refusal().and_then(Refusal::field_name),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self.code() {
            ErrorCode::MalformedJson | ErrorCode::InvalidField | ErrorCode::InvalidQuery => {
                StatusCode::BAD_REQUEST
            }
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::Unauthorized | ErrorCode::TokenExpired | ErrorCode::InvalidCredentials => {
                StatusCode::UNAUTHORIZED
            }
            ErrorCode::AccountDisabled | ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::CreditCodeTaken
            | ErrorCode::CreditCodeUnconfirmed
            | ErrorCode::PhoneTaken
            | ErrorCode::WechatTaken => StatusCode::CONFLICT,
            ErrorCode::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ErrorCode::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::WechatUnavailable => StatusCode::BAD_GATEWAY,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::IdempotencyKeyRequired => StatusCode::BAD_REQUEST,
            ErrorCode::IdempotencyKeyReused
            | ErrorCode::NotEligible
            | ErrorCode::ApplicationWindowClosed
            | ErrorCode::NotOverdue
            | ErrorCode::InvalidEntry
            | ErrorCode::InvalidRating
            | ErrorCode::InvalidConfirmation
            | ErrorCode::Contradicts => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::LinkExpired => StatusCode::GONE,
            ErrorCode::InvalidTransition
            | ErrorCode::VersionConflict
            | ErrorCode::OpenRequestExists
            | ErrorCode::ReliefAlreadyGranted
            | ErrorCode::LastAdministrator
            | ErrorCode::DocumentQuota
            | ErrorCode::ExtensionTooLate => StatusCode::CONFLICT,
            ErrorCode::UnsupportedDocumentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::DocumentTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let common = self.refusal().and_then(Refusal::common);
        if let Some(Error::Internal(cause)) = common {
            tracing::error!(cause = %cause, "internal error");
        }
        let mut res = HttpResponse::build(self.status_code());
        if let Some(retry_after) = common.and_then(Error::retry_after) {
            res.insert_header((header::RETRY_AFTER, retry_after.to_string()));
        }
        if matches!(
            self.code(),
            ErrorCode::Unauthorized | ErrorCode::TokenExpired
        ) {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if let ApiError::MethodNotAllowed { allow } = self {
            res.insert_header((header::ALLOW, allow.as_str()));
        }
        let error = self.detail();
        if let Some(problems) = self.refusal().and_then(Refusal::problems) {
            return res.json(shared::api::confirmations::ConfirmationRefusedBody {
                error,
                problems: problems.to_vec(),
            });
        }
        match self.refusal().and_then(Refusal::reasons) {
            Some(reasons) => res.json(shared::api::requests::RefusedBody {
                error,
                reasons: reasons.to_vec(),
            }),
            None => res.json(ErrorBody { error }),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        ApiError::App(Error::from(e))
    }
}
