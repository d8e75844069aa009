//! A business's credit code is not first come, first served: the owner who finds their
//! business's code already registered by someone else claims it, and an administrator grants
//! or refuses the claim; an administrator can also release a code from the account holding
//! it. The bodies of those endpoints, and what each side is shown.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::api::{FieldError, RegisterRequest, is_format_char};
use crate::answers::EntityType;
use crate::credit_code::CreditCode;
use crate::wire::wire_enum;

wire_enum!(
    /// Where a claim on a credit code stands.
    ClaimState {
        /// Waiting for an administrator.
        Pending => "pending",
        /// The code was moved to the claimant's account.
        Granted => "granted",
        /// The code stays where it was; the reason says why.
        Refused => "refused",
    }
);

/// The longest statement and reason accepted, in characters.
pub const MAX_STATEMENT: usize = 1000;

/// A statement or a reason: trimmed, at least `min` characters, at most [`MAX_STATEMENT`],
/// no control or invisible format characters.
pub fn statement(field: &'static str, input: &str, min: usize) -> Result<String, FieldError> {
    let text = input.trim();
    let n = text.chars().count();
    let problem = if n < min {
        Some(format!("write at least {min} characters"))
    } else if n > MAX_STATEMENT {
        Some(format!("at most {MAX_STATEMENT} characters"))
    } else if text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || is_format_char(c))
    {
        Some("control or invisible characters are not allowed".to_string())
    } else {
        None
    };
    match problem {
        Some(problem) => Err(FieldError { field, problem }),
        None => Ok(text.to_string()),
    }
}

/// `POST /api/v1/auth/claim`: the registration refused with `credit_code_taken`, and why the
/// code is the claimant's. The account is opened at once, its business without the code
/// until an administrator grants the claim (it cannot file until then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    pub registration: RegisterRequest,
    /// Why the code is yours: who you are to the business, since when, how to reach you
    /// (10 to 1000 characters). The administrator reads it with the licence you show.
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 1000))]
    pub statement: String,
}

impl ClaimRequest {
    pub fn validate(&self) -> Result<(), FieldError> {
        self.registration.validate()?;
        statement("statement", &self.statement, 10).map(|_| ())
    }
}

/// `POST /api/v1/me/claim`: a signed-in owner whose business has no code (a claim refused, or
/// the code released from the account) claims one, again or anew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimAgainRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = String, example = "91350100M000100Y43", pattern = r"^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$")
    )]
    pub credit_code: CreditCode,
    /// Why the code is yours (10 to 1000 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 1000))]
    pub statement: String,
}

/// A claim as its claimant sees it (`GET /api/v1/me`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimView {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub credit_code: CreditCode,
    pub status: ClaimState,
    pub filed_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The administrator's reason, once decided.
    pub reason: Option<String>,
}

/// An account on either side of a claim, as administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimParty {
    pub user_id: i64,
    /// `138****1234`.
    pub phone_masked: String,
    pub business_name: String,
    pub registered_at: DateTime<Utc>,
    pub disabled: bool,
    /// Requests the account has filed.
    pub requests: u64,
    /// Whether a department checked the business licence (核验) for this account.
    pub verified: bool,
}

/// A claim as administrators review it: the claimant and the account holding the code now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimReview {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub credit_code: CreditCode,
    pub entity_type: EntityType,
    pub statement: String,
    pub status: ClaimState,
    pub filed_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    pub claimant: ClaimParty,
    /// The account holding the code now; `null` when no account does (it was released).
    pub holder: Option<ClaimParty>,
}

/// `GET /api/v1/admin/claims`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimList {
    pub claims: Vec<ClaimReview>,
}

/// `POST /api/v1/admin/claims/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimDecision {
    /// `true` moves the code to the claimant (released from the account holding it).
    pub grant: bool,
    /// Told to the claimant (2 to 1000 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 1000))]
    pub reason: String,
}

/// `POST /api/v1/admin/credit-codes/release`: take a code back from the account holding it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReleaseCodeRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub credit_code: CreditCode,
    /// Kept in the audit log (2 to 1000 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 1000))]
    pub reason: String,
}

/// What a release did: the account that held the code (it keeps its business's name and its
/// requests, without the code, and cannot file until it has one again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReleaseOutcome {
    pub released_from: ClaimParty,
}

/// `POST /api/v1/admin/users/{id}/merge`: an owner's second account merged into the first
/// (the same business registered twice, or the code claimed from a new account): its
/// requests and messages move, and it is disabled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The account that keeps everything.
    pub into: i64,
    /// Kept in the audit log (2 to 1000 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 1000))]
    pub reason: String,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeOutcome {
    /// The account merged away, now disabled.
    pub merged: ClaimParty,
    /// The account that keeps the requests (and the credit code, when only the other had it).
    pub into: ClaimParty,
    pub requests_moved: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_is_trimmed_and_bounded_and_shows_what_it_holds() {
        assert_eq!(
            statement("statement", "  我是该店法定代表人，营业执照在此  ", 10),
            Ok("我是该店法定代表人，营业执照在此".to_string())
        );
        assert_eq!(
            statement("statement", "太短", 10).map_err(|e| e.field),
            Err("statement")
        );
        assert!(statement("reason", &"长".repeat(MAX_STATEMENT + 1), 2).is_err());
        assert!(
            statement("reason", "核实无误\u{202e}", 2).is_err(),
            "a reversing mark is refused"
        );
        assert!(statement("reason", "第一行\n第二行", 2).is_ok());
    }
}
