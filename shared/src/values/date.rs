//! Dates on the wire as `YYYY-MM-DD`, read and written by hand: chrono's general parser is
//! a large part of a WASM build for a format this simple. Use with `#[serde(with = ...)]`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer, de};

/// `2022-06-01` → the date; anything else is `None`.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        text.get(range)?.bytes().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// The date as `YYYY-MM-DD`.
pub fn format(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(*date))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    parse(&text).ok_or_else(|| de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
}

/// The same for an optional date (`null` or absent: `None`).
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&super::format(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::parse(&text)
                .map(Some)
                .ok_or_else(|| de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_and_written_as_year_month_day() {
        let d = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap();
        assert_eq!(parse("2022-06-01"), Some(d));
        assert_eq!(format(d), "2022-06-01");
        for bad in [
            "2022-6-1",
            "2022-02-30",
            "20220601",
            "2022-06-01T00",
            "abcd-ef-gh",
            "+022-06-01",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
