//! A catalog that is wrong is refused saying where (a JSON path in the file) and what, in
//! each language of the interface: the words an official's IT staff read when they write one.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use serde_json::{Value, json};
use shared::Lang;
use shared::catalog::Catalog;

/// The shipped catalog changed by `edit`: where and what its refusal says, in Chinese and
/// English.
fn refusal(edit: impl FnOnce(&mut Value)) -> (String, String, String) {
    let mut json: Value = serde_json::from_str(shared::catalog::SHIPPED_JSON).unwrap();
    edit(&mut json);
    let text = json.to_string();
    let error = Catalog::parse(&text).expect_err("refused");
    // The path of a validation refusal is found from the catalog as it was read; a syntax
    // refusal carries its own.
    let path = match Catalog::parse_served(&text) {
        Ok(read) => read.locate(&error),
        Err(_) => shared::examples::shipped().unwrap().locate(&error),
    };
    (path, error.text(Lang::ZhCn), error.text(Lang::En))
}

/// Where a measure is in the catalog's list.
fn measure(json: &Value, id: &str) -> usize {
    json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["id"] == id)
        .unwrap()
}

/// A case: what is wrong, the change, the path, and a part of the Chinese and English text.
type Case = (
    &'static str,
    fn(&mut Value),
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn each_wrong_catalog_is_refused_with_its_path_in_chinese_and_english() {
    let cases: [Case; 23] = [
        (
            "a period that ends before it starts",
            |json| json["measures"][4]["period"]["to"] = json!("2021-01-01"),
            "measures[4].period",
            "执行期截止早于开始",
            "ends before it starts",
        ),
        (
            "a parameter's values overlapping",
            |json| {
                let values = json["parameters"][0]["values"].as_array_mut().unwrap();
                let again = values[0].clone();
                values.push(again);
            },
            "parameters[0].values",
            "日期相互重叠",
            "overlap",
        ),
        (
            "a rate over 100%",
            |json| {
                let i = json["parameters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|p| p["unit"] == "bp")
                    .unwrap();
                json["parameters"][i]["values"][0]["value"] = json!(10_001);
            },
            "parameters[",
            "比率超过100%",
            "a rate over 100%",
        ),
        (
            "a condition referring to no definition",
            |json| json["measures"][0]["condition"]["all"][0] = json!({"ref": "tiny_business"}),
            "measures[0].condition",
            "未定义的条件 tiny_business",
            "undefined condition tiny_business",
        ),
        (
            "an apply measure without its window",
            |json| {
                json["measures"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("application_window");
            },
            "measures[0].application_window",
            "受理期",
            "application window",
        ),
        (
            "a text without English",
            |json| {
                json["notice"].as_object_mut().unwrap().remove("en");
            },
            "notice",
            "文字缺失或为空",
            "missing or empty",
        ),
        (
            "a routing table read by a yes/no question",
            |json| json["measures"][0]["routing"]["answer"] = json!("epidemic_difficulty"),
            "measures[0].routing.answer",
            "不是目录中的单选或多选问题",
            "is not a one-of or several-of question",
        ),
        (
            "a routing row for a value the answer does not take",
            |json| json["measures"][0]["routing"]["rows"][2]["when"][0] = json!("heating"),
            "measures[0].routing.rows[2].when[0]",
            "“heating”不是问题“utilities_in_arrears”的取值",
            "`heating` is not a value of `utilities_in_arrears`",
        ),
        (
            "a routing row to a department outside the measure",
            |json| json["measures"][0]["routing"]["rows"][0]["departments"][1] = json!("tax"),
            "measures[0].routing.rows[0].departments[1]",
            "部门 tax 不在该措施的部门中",
            "department tax is not among the measure's departments",
        ),
        (
            "a routing row that routes nowhere",
            |json| json["measures"][0]["routing"]["rows"][1]["departments"] = json!([]),
            "measures[0].routing.rows[1]",
            "须写明办理部门",
            "must name its departments",
        ),
        (
            "a condition naming a value its question does not take",
            |json| {
                json["definitions"]["small_low_profit"]["all"][0]["answer_in"]["values"][0] =
                    json!("company");
            },
            "definitions.small_low_profit.all[0].answer_in.values[0]",
            "“company”不是问题“entity_type”的取值",
            "`company` is not a value of `entity_type`",
        ),
        (
            "a condition reading a money question as a list",
            |json| {
                json["definitions"]["small_low_profit"]["all"][0]["answer_in"]["answer"] =
                    json!("monthly_rent_fen");
            },
            "definitions.small_low_profit.all[0].answer_in.answer",
            "不是目录中的单选或多选问题",
            "is not a one-of or several-of question",
        ),
        (
            "a yes/no condition on a question that is not yes or no",
            |json| json["definitions"]["small_low_profit"]["all"][1]["no"] = json!("industry"),
            "definitions.small_low_profit.all[1].no",
            "“industry”不是目录中的是否问题",
            "`industry` is not a yes/no question of the catalog",
        ),
        (
            "a limit on an answer that is not a number",
            |json| {
                json["definitions"]["small_low_profit"]["all"][3]["at_most"]["answer"] =
                    json!("premises");
            },
            "definitions.small_low_profit.all[3].at_most.answer",
            "“premises”不是目录中的人数或金额问题",
            "`premises` is not a count or money question of the catalog",
        ),
        (
            "a condition on a question the catalog does not ask",
            |json| json["measures"][0]["condition"]["all"][1]["yes"] = json!("has_a_dog"),
            "measures[0].condition.all[1].yes",
            "“has_a_dog”不是目录中的是否问题",
            "`has_a_dog` is not a yes/no question of the catalog",
        ),
        (
            "a limit read from a parameter the catalog does not declare",
            |json| {
                json["definitions"]["small_low_profit"]["all"][3]["at_most"]["param"] =
                    json!("slpe_max_staff");
            },
            "definitions.small_low_profit.all[3].at_most.param",
            "“slpe_max_staff”不是目录中的参数",
            "`slpe_max_staff` is not a parameter of the catalog",
        ),
        (
            "a formula reading a parameter the catalog does not declare",
            |json| {
                let i = measure(json, "six-taxes-two-fees");
                json["measures"][i]["estimate"]["lines"][0]["amount"]["percent"]["rate"] =
                    json!({"param": "six_taxes_cut_bp"});
            },
            "measures[9].estimate.lines[0].amount.percent.rate.param",
            "“six_taxes_cut_bp”不是目录中的参数",
            "`six_taxes_cut_bp` is not a parameter of the catalog",
        ),
        (
            "a parameter the calculators read left out",
            |json| {
                let params = json["parameters"].as_array_mut().unwrap();
                params.retain(|p| p["id"] != "vat_levy_rate_bp");
            },
            "parameters",
            "参数 vat_levy_rate_bp 缺失",
            "parameter vat_levy_rate_bp is missing",
        ),
        (
            "a formula taking a percentage of a rate",
            |json| {
                let i = measure(json, "six-taxes-two-fees");
                json["measures"][i]["estimate"]["lines"][0]["amount"]["percent"]["of"] =
                    json!({"param": "six_taxes_reduction_bp"});
            },
            "measures[9].estimate.lines[0].amount.percent.of",
            "应为金额，实为比率",
            "expects money, but this is a rate",
        ),
        (
            "a formula's sentence showing a value it does not define",
            |json| {
                let i = measure(json, "six-taxes-two-fees");
                json["measures"][i]["estimate"]["lines"][0]["says"]["en"] =
                    json!("{due} × {discount}");
            },
            "measures[9].estimate.lines[0].says.en",
            "{discount} 不是本行列出的数值",
            "`{discount}` is not among the line's values",
        ),
        (
            "a formula with a case its question does not take",
            |json| {
                let i = measure(json, "skills-training-base");
                let cases = &mut json["measures"][i]["estimate"]["lines"][0]["amount"]["by_answer"]
                    ["cases"];
                cases["county"] = cases["national"].clone();
            },
            "measures[12].estimate.lines[0].amount.by_answer.cases.county",
            "“county”不是问题“training_base_level”的取值",
            "`county` is not a value of `training_base_level`",
        ),
        (
            "a formula reading a yes/no answer as an amount",
            |json| {
                let i = measure(json, "six-taxes-two-fees");
                json["measures"][i]["estimate"]["lines"][0]["values"]["due"] =
                    json!({"answer": "epidemic_difficulty"});
            },
            "measures[9].estimate.lines[0].values.due.answer",
            "公式不能读取“epidemic_difficulty”",
            "`epidemic_difficulty` is not an answer a formula can read",
        ),
        (
            "a misspelt field",
            |json| json["measures"][3]["clauses"] = json!("二(一)三"),
            "measures[3].clauses",
            "不符合目录格式",
            "unknown field `clauses`",
        ),
    ];
    for (case, edit, path, zh, en) in cases {
        let (at, said_zh, said_en) = refusal(edit);
        assert!(at.starts_with(path), "{case}: at {at}");
        assert!(said_zh.contains(zh), "{case}: {said_zh}");
        assert!(said_en.contains(en), "{case}: {said_en}");
    }
}

#[test]
fn a_department_no_one_listed_is_located_where_the_measure_names_it() {
    let mut json: Value = serde_json::from_str(shared::catalog::SHIPPED_JSON).unwrap();
    json["departments"]
        .as_array_mut()
        .unwrap()
        .retain(|d| d["id"] != "market");
    let read = Catalog::parse_served(&json.to_string()).unwrap();
    let error = read.validate().unwrap_err();
    assert_eq!(read.locate(&error), "measures[0].departments[5]");
    assert_eq!(error.text(Lang::ZhCn), "部门 market 不在目录的部门列表中");
    assert_eq!(
        error.text(Lang::En),
        "department market is not among the catalog's departments"
    );
}

#[test]
fn a_syntax_refusal_says_where_it_was_read() {
    let mut json: Value = serde_json::from_str(shared::catalog::SHIPPED_JSON).unwrap();
    json["measures"][3]["clauses"] = json!("二(一)三");
    let error = Catalog::parse(&json.to_string()).unwrap_err();
    let any = shared::examples::shipped().unwrap();
    assert_eq!(any.locate(&error), "measures[3].clauses");
}

#[test]
fn an_example_that_no_longer_comes_out_is_named_and_located() {
    let mut json: Value = serde_json::from_str(shared::catalog::SHIPPED_JSON).unwrap();
    json["examples"][0]["expect"][0]["estimate_fen"] = json!(1);
    let text = json.to_string();
    let error = shared::examples::load(&text).unwrap_err();
    let read = Catalog::parse_served(&text).unwrap();
    assert_eq!(read.locate(&error), "examples[0]");
    assert!(
        error.text(Lang::ZhCn).starts_with("示例“POLICIES.md"),
        "{}",
        error.text(Lang::ZhCn)
    );
    assert!(error.text(Lang::En).contains("does not pass"));
}
