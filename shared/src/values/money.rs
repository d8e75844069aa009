//! Money in integer fen (分), rates in basis points; never floating point.

use serde::{Deserialize, Serialize};

/// An amount of money in fen (1 yuan = 100 fen).
pub type Fen = i64;

/// Fen in one yuan.
pub const FEN_PER_YUAN: Fen = 100;
/// Fen in 万元 (10,000 yuan), the unit of the enterprise size table.
pub const FEN_PER_WAN: Fen = 1_000_000;

/// A rate in basis points: 10,000 bp = 100 %, so 12.5 % is 1,250 bp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Bp(pub u32);

impl Bp {
    pub const WHOLE: u32 = 10_000;

    /// `amount × rate`, rounded to the nearest fen, halves away from zero (half up for the
    /// non-negative amounts the calculators use).
    pub fn of(self, amount: Fen) -> Fen {
        let product = i128::from(amount) * i128::from(self.0);
        let whole = i128::from(Self::WHOLE);
        let rounded = if product >= 0 {
            (product + whole / 2) / whole
        } else {
            -((-product + whole / 2) / whole)
        };
        // |amount| ≤ i64::MAX and rate ≤ u32::MAX / 10,000 keeps this in range for every rate
        // below 100 %; above that, saturate rather than wrap.
        i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
    }

    /// The rate as a percentage for display: `12.5`, `3`, `20`.
    pub fn percent(self) -> String {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        if frac == 0 {
            format!("{whole}")
        } else if frac.is_multiple_of(10) {
            format!("{whole}.{}", frac / 10)
        } else {
            format!("{whole}.{frac:02}")
        }
    }
}

/// `1234567` fen → `"12,345.67"`.
pub fn format_yuan(fen: Fen) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let yuan = abs / 100;
    let cents = abs % 100;
    let digits = yuan.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{cents:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_rounds_half_up_to_the_fen() {
        assert_eq!(Bp(1250).of(1), 0); // 0.125 fen
        assert_eq!(Bp(5000).of(1), 1); // 0.5 fen rounds up
        assert_eq!(Bp(300).of(50), 2); // 1.5 fen rounds up
        assert_eq!(Bp(300).of(49), 1); // 1.47 fen rounds down
        assert_eq!(Bp(2500).of(100_000_000), 25_000_000);
    }

    #[test]
    fn a_rate_of_a_huge_amount_does_not_overflow() {
        assert_eq!(Bp(10_000).of(i64::MAX), i64::MAX);
        assert_eq!(Bp(20_000).of(i64::MAX), i64::MAX);
    }

    #[test]
    fn percentages_print_without_trailing_zeros() {
        assert_eq!(Bp(1250).percent(), "12.5");
        assert_eq!(Bp(300).percent(), "3");
        assert_eq!(Bp(5).percent(), "0.05");
    }

    #[test]
    fn yuan_are_grouped_by_thousands() {
        assert_eq!(format_yuan(0), "0.00");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(123_456_789), "1,234,567.89");
        assert_eq!(format_yuan(-100_000), "-1,000.00");
        assert_eq!(format_yuan(10_000_000), "100,000.00");
    }
}
