//! Bodies of the account endpoints (`/api/v1/auth/*`, `/api/v1/me*`, `/api/v1/admin/users*`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::password::{PasswordError, check_password};
use super::phone::Phone;
use super::role::Role;
use crate::answers::{EntityType, JurisdictionId};
use crate::catalog::DepartmentId;
use crate::credit_code::CreditCode;

/// The longest business name accepted, in characters.
pub const MAX_BUSINESS_NAME_CHARS: usize = 100;

/// A field at fault and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    pub field: &'static str,
    pub problem: String,
}

impl FieldError {
    fn password(field: &'static str, e: PasswordError) -> FieldError {
        FieldError {
            field,
            problem: e.to_string(),
        }
    }
}

/// Whether a character is an invisible format character (Unicode general category Cf: zero
/// widths, direction overrides, the BOM, tags), which can make a name look empty, like
/// another or reversed.
pub fn is_format_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Trims a business name and checks it is there, printable, without invisible format
/// characters and not too long.
pub fn business_name(input: &str) -> Result<String, FieldError> {
    shown_name(
        input,
        "business_name",
        "the business name is required",
        MAX_BUSINESS_NAME_CHARS,
    )
}

/// The most characters of a staff member's name.
pub const MAX_STAFF_NAME_CHARS: usize = 32;

/// Trims a staff member's name (张三) and checks it as a business name is checked.
pub fn staff_name(input: &str) -> Result<String, FieldError> {
    shown_name(input, "name", "the name is required", MAX_STAFF_NAME_CHARS)
}

/// A name shown to others: trimmed, there, printable, without invisible format characters,
/// at most `max` characters.
fn shown_name(
    input: &str,
    field: &'static str,
    missing: &str,
    max: usize,
) -> Result<String, FieldError> {
    let name = input.trim();
    let problem = if name.is_empty() {
        missing.to_string()
    } else if name.chars().count() > max {
        format!("at most {max} characters")
    } else if name.chars().any(char::is_control) {
        "control characters are not allowed".to_string()
    } else if let Some(c) = name.chars().find(|c| is_format_char(*c)) {
        format!(
            "invisible formatting characters (U+{:04X}) are not allowed: a name shows what it is",
            u32::from(c)
        )
    } else {
        return Ok(name.to_string());
    };
    Err(FieldError { field, problem })
}

/// `POST /api/v1/auth/register`: an owner opens an account for a business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub phone: Phone,
    /// 8 to 128 characters; not one of the most common passwords, not the phone number, not
    /// one character repeated.
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
    /// At most 100 characters, not only spaces, no control characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
        )
    )]
    pub business_name: String,
    pub entity_type: EntityType,
    /// The unified social credit code (18 characters, check character verified).
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = String, example = "91350100M000100Y43", pattern = r"^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$")
    )]
    pub credit_code: CreditCode,
}

impl RegisterRequest {
    /// The checks the types cannot carry: password rules and the business name.
    pub fn validate(&self) -> Result<(), FieldError> {
        check_password(&self.password, Some(self.phone.as_str()))
            .map_err(|e| FieldError::password("password", e))?;
        business_name(&self.business_name).map(|_| ())
    }
}

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub phone: Phone,
    pub password: String,
}

/// A signed-in session: a short-lived access token and a refresh token that rotates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds the access token is valid for.
    pub expires_in: u64,
}

/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// The business an owner's account is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessProfile {
    pub business_name: String,
    pub entity_type: EntityType,
    /// `null` while the account's claim on its code waits for an administrator, or after an
    /// administrator released the code from this account: it cannot file until it has one.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub credit_code: Option<CreditCode>,
}

/// `GET /api/v1/me`: the account signed in, and its business for owners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub phone: Phone,
    /// A staff member's name, where recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub role: Role,
    pub department: Option<DepartmentId>,
    pub jurisdictions: Vec<JurisdictionId>,
    pub business: Option<BusinessProfile>,
    pub wechat_bound: bool,
    /// The account's latest claim on a credit code (owners who found theirs taken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<super::code_claim::ClaimView>,
}

/// `PATCH /api/v1/me`: what an owner may change. A new phone number needs the password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
        )
    )]
    pub business_name: Option<String>,
    #[serde(default)]
    pub entity_type: Option<EntityType>,
    #[serde(default)]
    pub phone: Option<Phone>,
    /// The current password; required when `phone` changes.
    #[serde(default)]
    pub password: Option<String>,
}

/// `POST /api/v1/me/password`: signs out every other session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub new_password: String,
}

/// `POST /api/v1/auth/wechat`: the `code` from `wx.login()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WechatLoginRequest {
    pub code: String,
}

/// The answer to a WeChat sign-in: tokens when the WeChat account is bound, else a ticket
/// to bind it after signing in with phone and password (or registering).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum WechatLoginResponse {
    SignedIn {
        access_token: String,
        refresh_token: String,
        token_type: String,
        expires_in: u64,
    },
    BindRequired {
        /// Send it to `POST /api/v1/auth/wechat/bind` with an access token.
        bind_ticket: String,
        /// Seconds the ticket is valid for.
        expires_in: u64,
    },
}

/// `POST /api/v1/auth/wechat/bind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WechatBindRequest {
    pub bind_ticket: String,
}

/// `POST /api/v1/admin/users`: a staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    pub phone: Phone,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub department: Option<DepartmentId>,
    #[serde(default)]
    pub jurisdictions: Vec<JurisdictionId>,
    /// The staff member's name (张三), shown with the department on the desk, a handover and
    /// a request's history; 1 to 32 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub name: Option<String>,
}

impl CreateUserRequest {
    pub fn validate(&self) -> Result<(), FieldError> {
        check_password(&self.password, Some(self.phone.as_str()))
            .map_err(|e| FieldError::password("password", e))?;
        match &self.name {
            Some(name) => staff_name(name).map(|_| ()),
            None => Ok(()),
        }
    }
}

/// `PUT /api/v1/admin/users/{id}/password`: a new password for an account whose holder
/// forgot theirs (忘记密码), set by an administrator who checked who is asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// 8 to 128 characters; not a common password, not the phone number.
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
}

/// `PUT /api/v1/admin/users/{id}/name`: a staff member's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RenameRequest {
    /// 1 to 32 characters, not only spaces.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub name: String,
}

/// `PUT /api/v1/admin/users/{id}/assignment`: an official's department and jurisdictions,
/// replaced whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    pub department: DepartmentId,
    pub jurisdictions: Vec<JurisdictionId>,
}

/// An account as administrators see it: the phone number masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: i64,
    /// `138****1234`.
    pub phone_masked: String,
    /// A staff member's name, where recorded.
    #[serde(default)]
    pub name: Option<String>,
    pub role: Role,
    pub department: Option<DepartmentId>,
    pub jurisdictions: Vec<JurisdictionId>,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/admin/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserList {
    pub users: Vec<UserView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_checks_the_password_against_its_phone_and_the_business_name() {
        let body = r#"{"phone":"13812341234","password":"x13812341234","business_name":"库尔勒小吃店",
            "entity_type":"individual_business","credit_code":"91350100M000100Y43"}"#;
        let req: RegisterRequest = serde_json::from_str(body).unwrap();
        assert_eq!(req.validate().map_err(|e| e.field), Err("password"));
        assert_eq!(
            business_name("  ").map_err(|e| e.field),
            Err("business_name")
        );
        assert_eq!(business_name(" 小吃店 "), Ok("小吃店".to_string()));
        for disguised in [
            "\u{200b}\u{200b}\u{200b}",
            "甲小吃店\u{200b}",
            "\u{202e}RLO-小吃店-gnp.exe",
            "小吃\u{feff}店",
        ] {
            assert_eq!(
                business_name(disguised).map_err(|e| e.field),
                Err("business_name"),
                "{disguised:?}"
            );
        }
    }

    #[test]
    fn a_wechat_answer_says_which_case_it_is() {
        let r = WechatLoginResponse::BindRequired {
            bind_ticket: "t".into(),
            expires_in: 600,
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["status"], "bind_required");
        assert_eq!(json["bind_ticket"], "t");
    }
}
