//! One error type for the HTTP layer, mapped to a status and a JSON body once.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use shared::api::{ErrorBody, ErrorDetail};
use shared::error_code::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON at all.
    #[error("{message}")]
    MalformedJson { message: String },
    /// A field has the wrong type, an unknown name or value, or is out of range.
    #[error("{field}: {message}")]
    InvalidField { field: String, message: String },
    /// Well-formed, but contradicting the answers, the account or the clause it rests on.
    #[error("{field}: {message}")]
    Contradicts { field: String, message: String },
    /// A field of a request's payload or of a grant at fault, with its problem's code: 400
    /// `invalid_field`, or 422 `contradicts` when it disagrees with the answers or the clause.
    #[error("{error}")]
    Payload {
        error: shared::application::PayloadError,
        contradicts: bool,
    },
    #[error("{parameter}: {message}")]
    InvalidQuery {
        parameter: &'static str,
        message: String,
    },
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("the request body must be application/json")]
    UnsupportedMediaType,
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
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    NotFound(&'static str),
    /// A unique value already in use: `credit_code_taken`, `phone_taken`, `wechat_taken`.
    #[error("{field}: {message}")]
    Taken {
        code: ErrorCode,
        field: &'static str,
        message: &'static str,
    },
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
    /// The path exists, for other methods (listed in `Allow`).
    #[error("this path takes {allow} only")]
    MethodNotAllowed { allow: String },
    /// A request-specific refusal with its code: an idempotency key missing or reused, a
    /// transition not allowed, a stale version, an open request, a document refused.
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

/// The message of an unknown API path.
pub const NO_SUCH_ENDPOINT: &str = "no such endpoint";

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::MalformedJson { .. } => ErrorCode::MalformedJson,
            ApiError::InvalidField { .. } => ErrorCode::InvalidField,
            ApiError::Contradicts { .. } => ErrorCode::Contradicts,
            ApiError::Payload { contradicts, .. } => {
                if *contradicts {
                    ErrorCode::Contradicts
                } else {
                    ErrorCode::InvalidField
                }
            }
            ApiError::InvalidQuery { .. } => ErrorCode::InvalidQuery,
            ApiError::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::Unauthorized(_) => ErrorCode::Unauthorized,
            ApiError::TokenExpired(_) => ErrorCode::TokenExpired,
            ApiError::InvalidCredentials(_) => ErrorCode::InvalidCredentials,
            ApiError::AccountDisabled => ErrorCode::AccountDisabled,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::Taken { code, .. } => *code,
            ApiError::PreconditionFailed => ErrorCode::PreconditionFailed,
            ApiError::Unprocessable(_) => ErrorCode::Unprocessable,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::Busy { .. } => ErrorCode::Unavailable,
            ApiError::WechatUnavailable(_) => ErrorCode::WechatUnavailable,
            ApiError::Unavailable => ErrorCode::Unavailable,
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            ApiError::Refused { code, .. } | ApiError::RefusedWithReasons { code, .. } => *code,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// An unexpected error, with its whole cause chain for the log.
    pub fn internal(e: &(dyn std::error::Error + 'static)) -> ApiError {
        ApiError::Internal(cause_chain(e))
    }

    /// A field at fault.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::InvalidField {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A field that contradicts the answers, the account or the clause (422).
    pub fn contradicts(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Contradicts {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A payload's or a grant's field at fault (400 `invalid_field`).
    pub fn payload(error: shared::application::PayloadError) -> ApiError {
        ApiError::Payload {
            error,
            contradicts: false,
        }
    }

    /// A payload's field that contradicts the answers or the clause (422 `contradicts`).
    pub fn payload_contradicts(error: shared::application::PayloadError) -> ApiError {
        ApiError::Payload {
            error,
            contradicts: true,
        }
    }

    /// The wire form of this error (what a batch reports per item).
    pub fn detail(&self) -> ErrorDetail {
        ErrorDetail {
            code: self.code().as_str().to_string(),
            message: self.to_string(),
            field: self.field_name(),
            problem: self.problem(),
            request_id: crate::middleware::current_request_id(),
        }
    }

    /// The code of what is wrong with the field, for a payload's or a grant's.
    fn problem(&self) -> Option<String> {
        match self {
            ApiError::Payload { error, .. } => Some(error.problem.as_str().to_string()),
            _ => None,
        }
    }

    fn field_name(&self) -> Option<String> {
        match self {
            ApiError::InvalidField { field, .. } | ApiError::Contradicts { field, .. } => {
                Some(field.clone())
            }
            ApiError::Payload { error, .. } => Some(error.field.clone()),
            ApiError::InvalidQuery { parameter, .. } => Some((*parameter).to_string()),
            ApiError::Taken { field, .. } => Some((*field).to_string()),
            ApiError::Refused { field, .. } => field.map(str::to_string),
            _ => None,
        }
    }
}

/// `error: cause: cause`, the whole chain on one line.
pub fn cause_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
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
            ErrorCode::CreditCodeTaken | ErrorCode::PhoneTaken | ErrorCode::WechatTaken => {
                StatusCode::CONFLICT
            }
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
        if let ApiError::Internal(cause) = self {
            tracing::error!(cause = %cause, "internal error");
        }
        let mut res = HttpResponse::build(self.status_code());
        match self {
            ApiError::RateLimited { retry_after } | ApiError::Busy { retry_after } => {
                res.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::Unauthorized(_) | ApiError::TokenExpired(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::MethodNotAllowed { allow } => {
                res.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        let error = self.detail();
        match self {
            ApiError::RefusedWithReasons { reasons, .. } => {
                res.json(shared::api::requests::RefusedBody {
                    error,
                    reasons: reasons.clone(),
                })
            }
            _ => res.json(ErrorBody { error }),
        }
    }
}

impl ApiError {
    pub fn refused(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError::Refused {
            code,
            field: None,
            message: message.into(),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        ApiError::internal(&e)
    }
}
