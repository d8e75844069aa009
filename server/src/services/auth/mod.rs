//! Registration, sign-in, refresh-token rotation, sign-out and password change.

mod password;
mod refresh;
mod register;
mod sign_in;

pub use password::{change_password, confirm_password};
pub use refresh::{REFRESH_GRACE, logout, refresh, start_session};
pub use register::{claim, claim_again, register};
pub use sign_in::login;

use shared::account::api::FieldError;
use shared::account::{Phone, Role};
use shared::error_code::ErrorCode;

use crate::services::ClientAddr;
use crate::services::{AccountError, Error};
use crate::store::WriteError;
use crate::store::audit::AuditEntry;

const WRONG_CREDENTIALS: &str = "the phone number or password is not correct";

/// A checked business name as it is stored: NFKC-normalised, so full-width letters and
/// compatibility forms are the plain ones and two names that look alike are alike.
pub fn stored_name(name: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc().collect()
}

pub fn field_error(e: FieldError) -> AccountError {
    Error::field(e.field, e.problem).into()
}

/// Maps a unique-constraint violation to its 409.
pub fn taken(
    code: ErrorCode,
    field: &'static str,
    message: &'static str,
) -> impl Fn(WriteError) -> AccountError {
    move |e| match e {
        WriteError::Taken => AccountError::Taken {
            code,
            field,
            message,
        },
        WriteError::Db(e) => e.into(),
    }
}

/// An audit entry about an account, by itself.
pub fn entry(
    action: &str,
    user_id: Option<i32>,
    role: Option<Role>,
    phone: Option<&str>,
    client: &ClientAddr,
) -> AuditEntry {
    AuditEntry {
        actor_id: user_id,
        actor_role: role.map(|r| r.as_str().to_owned()),
        action: action.to_owned(),
        target_id: user_id,
        phone_masked: phone.map(shared::account::phone::mask),
        client_addr: Some(client.0.clone()),
        detail: None,
    }
}

/// The phone type, for callers holding a string from the database.
pub fn phone_of(s: &str) -> Result<Phone, Error> {
    Phone::parse(s).map_err(|e| Error::Internal(format!("a stored phone number is malformed: {e}")))
}
