//! Password rules: long enough, not absurdly long, and not one of the passwords everyone
//! tries first. The same check runs in the browser form and on the server.

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The most: hashing is deliberately slow, so unbounded input is a denial of service.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// The most common passwords of 8 characters or more (shorter ones fail the length rule),
/// from public leak statistics, Chinese sites' lists included. Compared case-insensitively.
pub const COMMON_PASSWORDS: &[&str] = &[
    "00000000",
    "11111111",
    "11223344",
    "12121212",
    "123123123",
    "12341234",
    "123456123",
    "12345678",
    "123456789",
    "1234567890",
    "12345678910",
    "123456789a",
    "12345678a",
    "123456aa",
    "123456abc",
    "123456qq",
    "1234abcd",
    "1234qwer",
    "12345qwert",
    "123654789",
    "123qweasd",
    "123qweasdzxc",
    "1314520520",
    "13145201314",
    "147258369",
    "147852369",
    "159357123",
    "159753123",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "1qaz2wsx",
    "1qaz2wsx3edc",
    "1qazxsw2",
    "22222222",
    "33333333",
    "44444444",
    "520520520",
    "5201314520",
    "52013145",
    "55555555",
    "66666666",
    "741852963",
    "77777777",
    "87654321",
    "88888888",
    "987654321",
    "99999999",
    "a1234567",
    "a12345678",
    "a123456789",
    "a1b2c3d4",
    "aa123456",
    "aaaaaaaa",
    "abc12345",
    "abc123456",
    "abcd1234",
    "abcdefgh",
    "admin123",
    "admin1234",
    "admin888",
    "asd12345",
    "asdf1234",
    "asdfasdf",
    "asdfghjk",
    "asdfghjkl",
    "baseball",
    "computer",
    "dragon12",
    "football",
    "iloveyou",
    "iloveyou1",
    "letmein1",
    "li123456",
    "liu123456",
    "master12",
    "monkey12",
    "p@ssw0rd",
    "passw0rd",
    "password",
    "password1",
    "password123",
    "princess",
    "q1w2e3r4",
    "q1w2e3r4t5",
    "qazwsxedc",
    "qq123456",
    "qwe12345",
    "qwe123456",
    "qweasdzxc",
    "qwer1234",
    "qwerasdf",
    "qwerty12",
    "qwerty123",
    "qwertyui",
    "qwertyuiop",
    "shadow12",
    "starwars",
    "sunshine",
    "superman",
    "trustno1",
    "wang1234",
    "wang123456",
    "welcome1",
    "woaini1314",
    "woaini520",
    "woaiwojia",
    "zaq12wsx",
    "zhang123",
    "zhang123456",
    "zxc12345",
    "zxcvbnm1",
    "zxcvbnm123",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("a password needs at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("a password may have at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    #[error("this is one of the most common passwords; choose another")]
    Common,
    #[error("a password of one repeated character is too easy to guess")]
    Repeated,
    #[error("a password must not contain the phone number")]
    ContainsPhone,
}

/// Checks a new password. `phone` is the account's number, which the password must not contain.
pub fn check_password(password: &str, phone: Option<&str>) -> Result<(), PasswordError> {
    let count = password.chars().count();
    if count < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if count > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str()) {
        return Err(PasswordError::Common);
    }
    let mut chars = password.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
    {
        return Err(PasswordError::Repeated);
    }
    if phone.is_some_and(|p| !p.is_empty() && password.contains(p)) {
        return Err(PasswordError::ContainsPhone);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_uncommon_password_is_accepted() {
        assert_eq!(
            check_password("绿洲-Korla-2022", Some("13812341234")),
            Ok(())
        );
        assert_eq!(check_password("correct horse battery", None), Ok(()));
    }

    #[test]
    fn weak_passwords_are_refused_with_the_reason() {
        // (password, error, why it must fail)
        let cases = [
            ("", PasswordError::TooShort, "empty"),
            ("abc1234", PasswordError::TooShort, "seven characters"),
            (
                "密码密码密码1",
                PasswordError::TooShort,
                "seven characters, counted as characters not bytes",
            ),
            (
                "12345678",
                PasswordError::Common,
                "the most common password of eight digits",
            ),
            (
                "Password1",
                PasswordError::Common,
                "common, whatever the case",
            ),
            ("woaini1314", PasswordError::Common, "common in China"),
            ("1qaz2wsx", PasswordError::Common, "a keyboard walk"),
            ("zzzzzzzzzz", PasswordError::Repeated, "one key held down"),
            (
                "x13812341234",
                PasswordError::ContainsPhone,
                "the phone number is public",
            ),
        ];
        for (pw, err, why) in cases {
            assert_eq!(check_password(pw, Some("13812341234")), Err(err), "{why}");
        }
        assert_eq!(
            check_password(&"a1".repeat(65), None),
            Err(PasswordError::TooLong)
        );
    }

    #[test]
    fn the_common_list_holds_only_passwords_the_length_rule_lets_through() {
        for p in COMMON_PASSWORDS {
            assert!(p.chars().count() >= MIN_PASSWORD_CHARS, "{p}");
            assert_eq!(*p, p.to_lowercase(), "{p}");
        }
    }
}
