//! One error type for the HTTP layer: what the extractors refuse (bodies, queries, paths)
//! and what the services refuse ([`Error`]), mapped to a status and a JSON body once.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use shared::api::{ErrorBody, ErrorDetail};
use shared::error_code::ErrorCode;

pub use crate::services::Error;

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
    /// The path exists, for other methods (listed in `Allow`).
    #[error("this path takes {allow} only")]
    MethodNotAllowed { allow: String },
    /// What a service refused or failed with.
    #[error(transparent)]
    App(#[from] Error),
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
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            ApiError::App(e) => e.code(),
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
            problem: match self {
                ApiError::App(e) => e.problem(),
                _ => None,
            },
            request_id: crate::middleware::current_request_id(),
        }
    }

    fn field_name(&self) -> Option<String> {
        match self {
            ApiError::InvalidField { field, .. } => Some(field.clone()),
            ApiError::InvalidQuery { parameter, .. } => Some((*parameter).to_string()),
            ApiError::App(e) => e.field_name(),
            _ => None,
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
            | ErrorCode::Contradicts => StatusCode::UNPROCESSABLE_ENTITY,
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
        if let ApiError::App(Error::Internal(cause)) = self {
            tracing::error!(cause = %cause, "internal error");
        }
        let mut res = HttpResponse::build(self.status_code());
        match self {
            ApiError::App(Error::RateLimited { retry_after } | Error::Busy { retry_after }) => {
                res.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::App(Error::Unauthorized(_) | Error::TokenExpired(_)) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::MethodNotAllowed { allow } => {
                res.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        let error = self.detail();
        match self {
            ApiError::App(Error::RefusedWithReasons { reasons, .. }) => {
                res.json(shared::api::requests::RefusedBody {
                    error,
                    reasons: reasons.clone(),
                })
            }
            _ => res.json(ErrorBody { error }),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        ApiError::App(Error::from(e))
    }
}
