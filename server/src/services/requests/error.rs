//! Why a request service refused: each refusal of filing, deciding, uploading and handing
//! over is a variant of its own, with its stable code; what any service may answer (no such
//! record, a field at fault, the database) is the common [`Error`].

use shared::api::ReasonView;
use shared::application::{PayloadError, TransitionError};
use shared::error_code::ErrorCode;

use crate::services::Error;
use crate::services::error::Refusal;

#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// A field of the payload or of a grant at fault (`invalid_field`), or one that
    /// disagrees with the answers or the clause (`contradicts`).
    #[error("{error}")]
    Payload {
        error: PayloadError,
        contradicts: bool,
    },
    /// The answers do not make the measure eligible, or it is not filed here
    /// (`not_eligible`), with the reasons the owner sees.
    #[error("{message}")]
    NotEligible {
        message: String,
        reasons: Vec<ReasonView>,
    },
    /// The measure's application window is closed on the day (`application_window_closed`).
    #[error("{message}")]
    WindowClosed {
        message: String,
        reasons: Vec<ReasonView>,
    },
    /// The action does not apply to the request in its state (`invalid_transition`):
    /// `action` names the field when the action itself was refused.
    #[error("{message}")]
    NotNow { message: String, action: bool },
    /// The request changed since it was read (`version_conflict`).
    #[error("the request changed since it was read (If-Match is stale); reload it")]
    Stale,
    /// The business has an open request for the measure (`open_request_exists`).
    #[error("the business already has an open request for {measure}")]
    OpenRequest { measure: String },
    /// The relief was granted for the same lease or utility month (`relief_already_granted`).
    #[error("{measure} was already granted for {what}")]
    AlreadyGranted { measure: String, what: String },
    /// The account's business holds no confirmed credit code (`credit_code_unconfirmed`).
    #[error(
        "the account's business has no confirmed credit code: its claim waits for an administrator, or an administrator released it"
    )]
    CodeUnconfirmed,
    /// No usable `Idempotency-Key` header (`idempotency_key_required`).
    #[error("{0}")]
    KeyRequired(String),
    /// The key was used for another body (`idempotency_key_reused`).
    #[error("this Idempotency-Key was used for a different body")]
    KeyReused,
    /// One more document would pass the request's count or the owner's bytes
    /// (`document_quota`).
    #[error("{0}")]
    DocumentQuota(String),
    /// The body is longer than a document may be (`document_too_large`).
    #[error("a document may be at most {limit} bytes")]
    DocumentTooLarge { limit: usize },
    /// The file is no image nor PDF, judged by its content (`unsupported_document_type`).
    #[error("the file is not a JPEG, PNG, HEIC, WebP image nor a PDF (judged by its content)")]
    UnsupportedDocument,
    /// A rating off the levels, or a text too long (`invalid_rating`).
    #[error("{0}")]
    Rating(shared::application::rating::RatingError),
    /// An entry that does not fit the request's ledger (`invalid_entry`).
    #[error("{0}")]
    Ledger(shared::application::ledger::LedgerError),
    /// A provider's answer refused whole, with every problem (`invalid_confirmation`).
    #[error("the confirmation has {} problem(s); nothing was recorded", .0.len())]
    Confirmation(Vec<shared::api::confirmations::ProblemItem>),
    #[error(transparent)]
    Other(#[from] Error),
}

impl RequestError {
    /// A field of the payload or a grant at fault.
    pub fn payload(error: PayloadError) -> RequestError {
        RequestError::Payload {
            error,
            contradicts: false,
        }
    }

    /// A field of the payload that disagrees with the answers or the clause.
    pub fn payload_contradicts(error: PayloadError) -> RequestError {
        RequestError::Payload {
            error,
            contradicts: true,
        }
    }

    /// A transition the request's state does not allow.
    pub fn transition(e: TransitionError) -> RequestError {
        RequestError::NotNow {
            message: e.to_string(),
            action: true,
        }
    }

    /// No such request, or none the caller may see.
    pub fn not_found() -> RequestError {
        RequestError::Other(Error::NotFound("no such request"))
    }
}

impl Refusal for RequestError {
    fn code(&self) -> ErrorCode {
        match self {
            RequestError::Payload { contradicts, .. } => {
                if *contradicts {
                    ErrorCode::Contradicts
                } else {
                    ErrorCode::InvalidField
                }
            }
            RequestError::NotEligible { .. } => ErrorCode::NotEligible,
            RequestError::WindowClosed { .. } => ErrorCode::ApplicationWindowClosed,
            RequestError::NotNow { .. } => ErrorCode::InvalidTransition,
            RequestError::Stale => ErrorCode::VersionConflict,
            RequestError::OpenRequest { .. } => ErrorCode::OpenRequestExists,
            RequestError::AlreadyGranted { .. } => ErrorCode::ReliefAlreadyGranted,
            RequestError::CodeUnconfirmed => ErrorCode::CreditCodeUnconfirmed,
            RequestError::KeyRequired(_) => ErrorCode::IdempotencyKeyRequired,
            RequestError::KeyReused => ErrorCode::IdempotencyKeyReused,
            RequestError::DocumentQuota(_) => ErrorCode::DocumentQuota,
            RequestError::DocumentTooLarge { .. } => ErrorCode::DocumentTooLarge,
            RequestError::UnsupportedDocument => ErrorCode::UnsupportedDocumentType,
            RequestError::Ledger(_) => ErrorCode::InvalidEntry,
            RequestError::Rating(_) => ErrorCode::InvalidRating,
            RequestError::Confirmation(_) => ErrorCode::InvalidConfirmation,
            RequestError::Other(e) => e.code(),
        }
    }

    fn field_name(&self) -> Option<String> {
        let field = match self {
            RequestError::Payload { error, .. } => return Some(error.field.clone()),
            RequestError::Ledger(error) => error.field,
            RequestError::Rating(error) => error.field,
            RequestError::Confirmation(_) => "lines",
            RequestError::NotNow { action: true, .. } => "action",
            RequestError::OpenRequest { .. } => "measure",
            RequestError::AlreadyGranted { .. } => "payload",
            RequestError::KeyRequired(_) | RequestError::KeyReused => "Idempotency-Key",
            RequestError::DocumentQuota(_)
            | RequestError::DocumentTooLarge { .. }
            | RequestError::UnsupportedDocument => "body",
            RequestError::Other(e) => return e.field_name(),
            _ => return None,
        };
        Some(field.to_string())
    }

    fn problem(&self) -> Option<String> {
        match self {
            RequestError::Payload { error, .. } => Some(error.problem.as_str().to_string()),
            RequestError::Ledger(error) => Some(error.problem.as_str().to_string()),
            _ => None,
        }
    }

    fn problems(&self) -> Option<&[shared::api::confirmations::ProblemItem]> {
        match self {
            RequestError::Confirmation(p) => Some(p),
            _ => None,
        }
    }

    fn reasons(&self) -> Option<&[ReasonView]> {
        match self {
            RequestError::NotEligible { reasons, .. }
            | RequestError::WindowClosed { reasons, .. } => Some(reasons),
            _ => None,
        }
    }

    fn common(&self) -> Option<&Error> {
        match self {
            RequestError::Other(e) => Some(e),
            _ => None,
        }
    }
}
