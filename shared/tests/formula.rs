//! The formula language of the catalog: exact integer fen, rounding as stated (half up to the
//! fen), no panic whatever the expression and the answers, and amounts beyond reckoning
//! refused rather than wrapped. Properties run `SHUKUN_FUZZ_CASES` cases (256 by default).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use chrono::NaiveDate;
use common::answers;
use proptest::prelude::*;
use serde_json::json;
use shared::answers::{Answers, MAX_AMOUNT_FEN};
use shared::catalog::{Catalog, Expr};
use shared::eligibility::formula::{Gap, Value, value_of};

fn cases() -> ProptestConfig {
    ProptestConfig::with_cases(
        std::env::var("SHUKUN_FUZZ_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(256),
    )
}

fn catalog() -> Catalog {
    shared::examples::shipped().unwrap()
}

fn day() -> NaiveDate {
    "2022-06-01".parse().unwrap()
}

fn percent(of: Expr, rate: Expr) -> Expr {
    Expr::Percent {
        of: Box::new(of),
        rate: Box::new(rate),
    }
}

fn times(of: Expr, by: Expr) -> Expr {
    Expr::Times {
        of: Box::new(of),
        times: Box::new(by),
    }
}

/// Expressions of any shape over literals of any size and two answers (money and a count).
fn any_expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(Expr::Fen),
        any::<i64>().prop_map(Expr::Number),
        any::<i64>().prop_map(Expr::Bp),
        Just(Expr::Answer("monthly_rent_fen".into())),
        Just(Expr::Answer("employees".into())),
        Just(Expr::Answer("premises".into())),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| percent(a, b)),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| times(a, b)),
            prop::collection::vec(inner.clone(), 0..4).prop_map(Expr::Sum),
            prop::collection::vec(inner.clone(), 0..4).prop_map(Expr::Min),
            prop::collection::vec(inner, 0..4).prop_map(Expr::Max),
        ]
    })
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn a_percentage_is_exact_and_rounds_half_up_to_the_fen(
        amount in 0..=MAX_AMOUNT_FEN,
        rate in 0..=10_000i64,
    ) {
        let expr = percent(Expr::Fen(amount), Expr::Bp(rate));
        let got = value_of(&catalog(), &Answers::default(), day(), &expr);
        let exact = i128::from(amount) * i128::from(rate);
        let expected = i64::try_from((exact + 5_000) / 10_000).unwrap();
        prop_assert_eq!(got, Ok(Value::Fen(expected)));
        prop_assert!(expected <= amount, "a rate up to 100% never gives more than the amount");
    }

    #[test]
    fn money_times_a_number_is_exact_or_refused_never_wrapped(
        amount in any::<i64>(),
        n in any::<i64>(),
    ) {
        let expr = times(Expr::Fen(amount), Expr::Number(n));
        let got = value_of(&catalog(), &Answers::default(), day(), &expr);
        match amount.checked_mul(n) {
            Some(product) => prop_assert_eq!(got, Ok(Value::Fen(product))),
            None => prop_assert_eq!(got, Err(Gap::Unusable)),
        }
    }

    #[test]
    fn any_expression_on_any_answers_gives_a_value_or_a_gap_without_panicking(
        expr in any_expr(),
        rent in prop::option::of(0..=MAX_AMOUNT_FEN),
        employees in prop::option::of(0u32..=10_000_000),
    ) {
        let answers = answers(json!({"monthly_rent_fen": rent, "employees": employees}));
        let _ = value_of(&catalog(), &answers, day(), &expr);
    }
}

#[test]
fn a_missing_answer_is_asked_for_and_a_parameter_with_no_value_is_silent() {
    let catalog = catalog();
    let rent = Expr::Answer("monthly_rent_fen".into());
    assert_eq!(
        value_of(&catalog, &Answers::default(), day(), &rent),
        Err(Gap::Need("monthly_rent_fen"))
    );
    let answers = answers(json!({"monthly_rent_fen": Some(300_000)}));
    let months = Expr::Param("rent_highway_months".into());
    assert_eq!(
        value_of(
            &catalog,
            &answers,
            day(),
            &times(rent.clone(), months.clone())
        ),
        Ok(Value::Fen(2_100_000)),
        "¥3,000 a month for the seven months of 二(二)三"
    );
    let before_any_value: NaiveDate = "1999-01-01".parse().unwrap();
    assert_eq!(
        value_of(&catalog, &answers, before_any_value, &times(rent, months)),
        Err(Gap::Silent)
    );
}

#[test]
fn sums_minima_and_maxima_keep_their_unit_and_refuse_to_mix() {
    let catalog = catalog();
    let a = Answers::default();
    let fen = |n| Expr::Fen(n);
    assert_eq!(
        value_of(&catalog, &a, day(), &Expr::Sum(vec![fen(100), fen(250)])),
        Ok(Value::Fen(350))
    );
    assert_eq!(
        value_of(&catalog, &a, day(), &Expr::Min(vec![fen(100), fen(250)])),
        Ok(Value::Fen(100))
    );
    assert_eq!(
        value_of(
            &catalog,
            &a,
            day(),
            &Expr::Max(vec![Expr::Number(3), Expr::Number(7)])
        ),
        Ok(Value::Number(7))
    );
    assert_eq!(
        value_of(
            &catalog,
            &a,
            day(),
            &Expr::Sum(vec![fen(100), Expr::Number(2)])
        ),
        Err(Gap::Unusable),
        "money and a count do not add up"
    );
}
