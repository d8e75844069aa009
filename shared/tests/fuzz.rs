//! Fuzzing with proptest: the catalog data file parser and the credit code validator take
//! arbitrary and mutated input without panicking, and the validator catches every
//! single-character change. Each property runs a bounded number of cases
//! (`SHUKUN_FUZZ_CASES`, 256 by default; raise it for a long run by hand).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use serde_json::Value;
use shared::Catalog;
use shared::catalog::SHIPPED_JSON;
use shared::credit_code::{CreditCode, CreditCodeError};

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("SHUKUN_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Failures are reported as found: shrinking a mutated 47 KB file takes long.
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    }
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        Just(Value::String(String::new())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The shipped catalog as a JSON tree.
fn shipped() -> Value {
    serde_json::from_str(SHIPPED_JSON).expect("the shipped catalog is JSON")
}

/// Every path (object keys and array indices) in a JSON tree, in document order.
fn paths(v: &Value, prefix: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(PathStep::Key(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(PathStep::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

/// What a structural mutation does at the chosen place.
#[derive(Debug, Clone)]
enum Mutation {
    /// The value is replaced by another.
    Replace(Value),
    /// The entry is removed from its object or array.
    Remove,
    /// The value is put in an array, as a careless edit would.
    Wrap,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => json_value().prop_map(Mutation::Replace),
        1 => Just(Mutation::Remove),
        1 => Just(Mutation::Wrap),
    ]
}

fn apply(tree: &mut Value, path: &[PathStep], m: Mutation) {
    match m {
        Mutation::Replace(v) => *at(tree, path) = v,
        Mutation::Wrap => {
            let node = at(tree, path);
            *node = Value::Array(vec![node.take()]);
        }
        Mutation::Remove => {
            let Some((last, parent)) = path.split_last() else {
                *tree = Value::Null;
                return;
            };
            match (at(tree, parent), last) {
                (Value::Object(m), PathStep::Key(k)) => {
                    m.remove(k);
                }
                (Value::Array(a), PathStep::Index(i)) => {
                    a.remove(*i);
                }
                _ => {}
            }
        }
    }
}

/// A valid code: 17 characters from the alphabet and the right check character.
fn valid_code() -> impl Strategy<Value = String> {
    prop::collection::vec(0..31usize, 17).prop_map(|values| {
        let sum: u32 = values.iter().zip(WEIGHTS).map(|(&v, w)| v as u32 * w).sum();
        let mut code: String = values.iter().map(|&v| char::from(ALPHABET[v])).collect();
        code.push(char::from(ALPHABET[((31 - sum % 31) % 31) as usize]));
        code
    })
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn the_catalog_parser_never_panics_on_arbitrary_text(text in ".{0,400}") {
        let _ = Catalog::parse(&text);
    }

    #[test]
    fn the_catalog_parser_never_panics_on_arbitrary_json(value in json_value()) {
        let _ = Catalog::parse(&value.to_string());
    }

    #[test]
    fn the_catalog_parser_never_panics_on_the_shipped_file_with_bytes_changed(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..4u8, any::<u8>()), 1..4),
    ) {
        let mut bytes = SHIPPED_JSON.as_bytes().to_vec();
        for (at, op, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                2 => bytes.insert(i, byte),
                _ => bytes.truncate(i),
            }
        }
        let _ = Catalog::parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn the_catalog_parser_and_its_examples_never_panic_on_the_shipped_catalog_with_a_value_changed(
        place in any::<prop::sample::Index>(),
        change in mutation(),
    ) {
        let mut tree = shipped();
        let mut all = Vec::new();
        paths(&tree, &mut Vec::new(), &mut all);
        let path = all[place.index(all.len())].clone();
        apply(&mut tree, &path, change);
        let text = tree.to_string();
        if Catalog::parse(&text).is_ok() {
            // A catalog that still validates has its examples run, as the server does.
            let _ = shared::examples::load(&text);
        }
    }

    #[test]
    fn the_credit_code_validator_never_panics_on_arbitrary_text(text in ".{0,24}") {
        let _ = CreditCode::parse(&text);
    }

    #[test]
    fn the_credit_code_validator_never_panics_on_eighteen_arbitrary_characters(text in ".{18}") {
        let _ = CreditCode::parse(&text);
    }

    #[test]
    fn a_valid_credit_code_round_trips_in_any_case_and_with_spaces_around(code in valid_code()) {
        let parsed = CreditCode::parse(&code).expect("a code with the right check character");
        prop_assert_eq!(parsed.as_str(), code.as_str());
        let sloppy = format!("  {}\t", code.to_ascii_lowercase());
        prop_assert_eq!(CreditCode::parse(&sloppy), Ok(parsed.clone()));
        let json = serde_json::to_string(&parsed).unwrap();
        prop_assert_eq!(serde_json::from_str::<CreditCode>(&json).unwrap(), parsed);
    }

    #[test]
    fn any_single_character_change_of_a_valid_credit_code_is_detected(
        code in valid_code(),
        position in 0..18usize,
        replacement in prop_oneof![
            4 => (0..31usize).prop_map(|v| char::from(ALPHABET[v])),
            1 => any::<char>(),
        ],
    ) {
        let original = code.as_bytes()[position] as char;
        // The same character, or its lower case, is no change.
        prop_assume!(replacement.to_ascii_uppercase() != original);
        let mut chars: Vec<char> = code.chars().collect();
        chars[position] = replacement;
        let changed: String = chars.into_iter().collect();
        let result = CreditCode::parse(&changed);
        prop_assert!(result.is_err(), "{changed} (from {code}) was accepted");
        if replacement.is_ascii() && ALPHABET.contains(&(replacement as u8)) {
            // A character of the alphabet: only the check character can tell.
            prop_assert!(matches!(result, Err(CreditCodeError::Check { .. })), "{result:?}");
        }
    }
}
