//! Why a step of 督办 is refused, and the HTTP layer's reading of it.

use shared::application::NoticeTransitionError;
use shared::catalog::DepartmentId;
use shared::error_code::ErrorCode;

use crate::services::Error;
use crate::services::error::Refusal;

/// Why a step of 督办 was refused, beside what any service may answer.
#[derive(Debug, thiserror::Error)]
pub enum NoticeError {
    /// Requests named in a notice that are not overdue at the department (`not_overdue`).
    #[error("not overdue requests routed to {department}: {requests}")]
    NotOverdue {
        department: DepartmentId,
        requests: String,
    },
    /// A step the notice's state or deadline does not allow (`invalid_transition`,
    /// `extension_too_late`).
    #[error("{0}")]
    NotNow(NoticeTransitionError),
    /// The notice changed since it was read (`version_conflict`).
    #[error("the notice changed since it was read; reload it")]
    Stale,
    #[error(transparent)]
    Other(#[from] Error),
}

impl Refusal for NoticeError {
    fn code(&self) -> ErrorCode {
        match self {
            NoticeError::NotOverdue { .. } => ErrorCode::NotOverdue,
            NoticeError::NotNow(NoticeTransitionError::PastDeadline { .. }) => {
                ErrorCode::ExtensionTooLate
            }
            NoticeError::NotNow(_) => ErrorCode::InvalidTransition,
            NoticeError::Stale => ErrorCode::VersionConflict,
            NoticeError::Other(e) => e.code(),
        }
    }

    fn field_name(&self) -> Option<String> {
        match self {
            NoticeError::NotOverdue { .. } => Some("requests".into()),
            NoticeError::NotNow(_) => Some("action".into()),
            NoticeError::Stale => None,
            NoticeError::Other(e) => e.field_name(),
        }
    }

    fn common(&self) -> Option<&Error> {
        match self {
            NoticeError::Other(e) => Some(e),
            _ => None,
        }
    }
}

/// A step the state machine refuses: a role's step is forbidden, any other is not now.
pub(super) fn refused(e: NoticeTransitionError) -> NoticeError {
    match e {
        NoticeTransitionError::WrongRole { .. } => {
            Error::Forbidden("your role does not take this step").into()
        }
        e => NoticeError::NotNow(e),
    }
}
