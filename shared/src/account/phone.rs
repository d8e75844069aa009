//! Mainland China mobile numbers.

use serde::{Deserialize, Serialize};

/// A mainland mobile number: 11 digits, `1` then `3`–`9`. Parsed once at the edge; a
/// leading `+86`/`86` and spaces or hyphens between digits are accepted and dropped.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Phone {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^1[3-9][0-9]{9}$"))
            .description(Some("Mainland mobile number, 11 digits"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Phone {}

impl std::fmt::Debug for Phone {
    /// Masked too: debug output ends up in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("a mainland mobile number has 11 digits, not {0}")]
    Length(usize),
    #[error("character {position} ({ch:?}) is not a digit")]
    NotDigit { position: usize, ch: char },
    #[error("a mainland mobile number starts with 13 to 19")]
    Prefix,
}

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let trimmed = input.trim();
        let rest = trimmed.strip_prefix("+86").unwrap_or(trimmed);
        let digits: String = rest.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = match digits.strip_prefix("86") {
            Some(d) if digits.chars().count() == 13 => d.to_string(),
            _ => digits,
        };
        if let Some((i, ch)) = digits
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(PhoneError::NotDigit {
                position: i + 1,
                ch,
            });
        }
        if digits.len() != 11 {
            return Err(PhoneError::Length(digits.len()));
        }
        let b = digits.as_bytes();
        if b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
            return Err(PhoneError::Prefix);
        }
        Ok(Phone(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For logs and listings: `138****1234`.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// Masks anything phone-like: the first three and last four characters stay.
pub fn mask(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

impl std::fmt::Display for Phone {
    /// Masked, so a phone number never reaches a log by accident.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainland_mobile_numbers_are_accepted_in_common_spellings() {
        for input in [
            "13812341234",
            " 138 1234 1234 ",
            "+86 138-1234-1234",
            "8613812341234",
            "19912341234",
        ] {
            assert_eq!(
                Phone::parse(input).map(|p| p.as_str().len()),
                Ok(11),
                "{input}"
            );
        }
    }

    #[test]
    fn malformed_numbers_are_refused_with_the_reason() {
        // (input, error, why it must fail)
        let cases = [
            ("1381234123", PhoneError::Length(10), "one digit short"),
            ("138123412345", PhoneError::Length(12), "one digit too many"),
            ("", PhoneError::Length(0), "empty"),
            (
                "1381234123a",
                PhoneError::NotDigit {
                    position: 11,
                    ch: 'a',
                },
                "a letter",
            ),
            (
                "１3812341234",
                PhoneError::NotDigit {
                    position: 1,
                    ch: '１',
                },
                "a full-width digit",
            ),
            (
                "12812341234",
                PhoneError::Prefix,
                "no mobile network starts 12",
            ),
            (
                "23812341234",
                PhoneError::Prefix,
                "mobile numbers start with 1",
            ),
            ("01012345678", PhoneError::Prefix, "a landline"),
        ];
        for (input, err, why) in cases {
            assert_eq!(Phone::parse(input), Err(err), "{why}");
        }
    }

    #[test]
    fn phones_are_masked_in_display_and_listings() {
        let p = Phone::parse("13812341234").unwrap();
        assert_eq!(p.masked(), "138****1234");
        assert_eq!(p.to_string(), "138****1234");
        assert_eq!(mask("123"), "***");
    }
}
