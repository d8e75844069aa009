//! The unified social credit code (统一社会信用代码, GB 32100-2015).

use serde::{Deserialize, Serialize};

/// The code's alphabet, valued 0..30 in this order (no I, O, S, V, Z).
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17: 3^(i-1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code whose characters and check character are valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("a unified social credit code has 18 characters, not {0}")]
    Length(usize),
    #[error("character {position} ({ch:?}) is not allowed in a unified social credit code")]
    Character { position: usize, ch: char },
    #[error("the check character should be {expected}, not {found}")]
    Check { expected: char, found: char },
}

fn value(b: u8) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|&a| a == b)
        .and_then(|p| u32::try_from(p).ok())
}

impl CreditCode {
    /// Parses a code; spaces around it are ignored and letters may be lower case. Only the
    /// final check character is verified (never the inner organisation code).
    pub fn parse(input: &str) -> Result<CreditCode, CreditCodeError> {
        let code = input.trim().to_ascii_uppercase();
        let count = code.chars().count();
        if count != 18 {
            return Err(CreditCodeError::Length(count));
        }
        let bytes = code.as_bytes();
        let mut values = [0u32; 18];
        for (i, ch) in code.chars().enumerate() {
            let v = u8::try_from(ch).ok().and_then(value);
            match v {
                Some(v) => values[i] = v,
                None => {
                    return Err(CreditCodeError::Character {
                        position: i + 1,
                        ch,
                    });
                }
            }
        }
        let sum: u32 = WEIGHTS.iter().zip(values.iter()).map(|(w, v)| w * v).sum();
        let check = (31 - sum % 31) % 31;
        if values[17] != check {
            let expected = ALPHABET.get(check as usize).map_or('?', |&b| char::from(b));
            return Err(CreditCodeError::Check {
                expected,
                found: char::from(bytes[17]),
            });
        }
        Ok(CreditCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_code_is_accepted() {
        // Check characters computed by hand from the standard's weights.
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
        assert!(CreditCode::parse(" 91350100m000100y43 ").is_ok());
    }

    #[test]
    fn a_wrong_check_character_is_refused_with_the_right_one() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CreditCodeError::Check {
                expected: '3',
                found: '4'
            })
        );
    }

    #[test]
    fn bad_lengths_and_characters_are_refused() {
        assert_eq!(CreditCode::parse("9135"), Err(CreditCodeError::Length(4)));
        assert_eq!(
            CreditCode::parse("91350100M000100I43"),
            Err(CreditCodeError::Character {
                position: 16,
                ch: 'I'
            })
        );
        assert!(matches!(
            CreditCode::parse("91350100M000100Y4中"),
            Err(CreditCodeError::Character { position: 18, .. })
        ));
    }

    #[test]
    fn the_inner_organisation_code_is_never_checked() {
        // Any inner part passes as long as the final character matches.
        let mut code = String::from("91110000000000000");
        let sum: u32 = code
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| value(b).unwrap() * w)
            .sum();
        code.push(char::from(ALPHABET[((31 - sum % 31) % 31) as usize]));
        assert!(CreditCode::parse(&code).is_ok());
    }
}

/// For lists: the first six and the last two characters stay (`915328********12AB` →
/// `915328**********AB`).
pub fn mask_credit_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

#[cfg(test)]
mod mask_tests {
    use super::mask_credit_code;

    #[test]
    fn a_credit_code_keeps_its_first_six_and_last_two_characters() {
        assert_eq!(mask_credit_code("91652801MA78XYZ12A"), "916528**********2A");
        assert_eq!(mask_credit_code("short"), "*****");
    }
}
