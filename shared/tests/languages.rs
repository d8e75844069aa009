//! Languages are data: a catalog's texts map language tags to text, a language is added by
//! adding entries (no code), and a catalog lacking a language of the interface anywhere is
//! refused, saying where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use serde_json::{Value, json};
use shared::Lang;
use shared::catalog::{Catalog, CatalogError};

fn parsed_after(edit: impl FnOnce(&mut Value)) -> Result<Catalog, CatalogError> {
    let mut json: Value = serde_json::from_str(shared::catalog::SHIPPED_JSON).unwrap();
    edit(&mut json);
    Catalog::parse(&json.to_string())
}

/// A case: what is wrong, how the shipped catalog is changed, what the refusal says.
type Case = (&'static str, fn(&mut Value), &'static str);

#[test]
fn a_text_lacking_a_language_of_the_interface_is_refused_with_its_path() {
    let cases: [Case; 5] = [
        (
            "a measure's summary without English",
            |json| {
                json["measures"][4]["summary"]
                    .as_object_mut()
                    .unwrap()
                    .remove("en");
            },
            "measures[4].summary.en: the text is missing or empty in this language",
        ),
        (
            "a department's name empty in Chinese",
            |json| json["departments"][2]["name"]["zh-CN"] = json!("  "),
            "departments[2].name.zh-CN: the text is missing or empty in this language",
        ),
        (
            "a parameter's name without Chinese",
            |json| {
                json["parameters"][0]["name"]
                    .as_object_mut()
                    .unwrap()
                    .remove("zh-CN");
            },
            "parameters[0].name.zh-CN: the text is missing or empty in this language",
        ),
        (
            "a county government without English",
            |json| {
                json["jurisdictions"][0]["government"]
                    .as_object_mut()
                    .unwrap()
                    .remove("en");
            },
            "jurisdictions[0].government.en: the text is missing or empty in this language",
        ),
        (
            "a question's label without English",
            |json| {
                json["questions"][0]["label"]
                    .as_object_mut()
                    .unwrap()
                    .remove("en");
            },
            "questions[0].label.en: must not be empty",
        ),
    ];
    for (case, edit, said) in cases {
        let err = parsed_after(edit).unwrap_err();
        assert_eq!(err.to_string(), said, "{case}");
    }
}

#[test]
fn a_language_is_added_by_adding_its_entries_and_read_by_its_tag() {
    let with_uyghur = parsed_after(|json| {
        json["measures"][0]["title"]["ug"] = json!("سۇ، توك، گاز");
        json["questions"][0]["text"]["ug"] = json!("تىجارەت تۈرى قايسى؟");
    })
    .expect("a catalog with a further language is accepted");
    let title = &with_uyghur.measures[0].title;
    assert_eq!(title.text("ug"), Some("سۇ، توك، گاز"));
    assert_eq!(
        title.entries().map(|(tag, _)| tag).collect::<Vec<_>>(),
        ["en", "ug", "zh-CN"]
    );
    // The interface's languages read as before.
    assert_eq!(title.get(Lang::ZhCn), "水电气欠费不停供、按月缓缴");
    assert_eq!(
        title.get(Lang::En),
        "Utilities not cut off for arrears; payment deferred"
    );
    // And the texts are written back with every language kept.
    let back = serde_json::to_value(&with_uyghur).unwrap();
    assert_eq!(back["questions"][0]["text"]["ug"], "تىجارەت تۈرى قايسى؟");
}
