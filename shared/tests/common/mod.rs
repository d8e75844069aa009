//! What the tests share: answers written as a request body writes them.
#![allow(dead_code, clippy::unwrap_used)]

/// Answers as a request body writes them.
pub fn answers(v: serde_json::Value) -> shared::Answers {
    shared::Answers::from_json(v).unwrap()
}

/// `base` with the answers of `v` given, or cleared where `null`.
pub fn merged(base: shared::Answers, v: serde_json::Value) -> shared::Answers {
    let mut a = base;
    for (k, v) in v.as_object().unwrap() {
        a = a.with(k, Some(v.clone())).unwrap();
    }
    a
}
