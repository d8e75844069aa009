//! Every sentence Shukun shows, in zh-CN and English: the server and the frontend render
//! reasons and steps with these same functions.

use serde::{Deserialize, Serialize};

mod findings;
mod labels;
pub mod ledger;
pub mod payload;
pub mod requests;
mod steps;

pub use findings::{finding_text, requirement_text};
pub use labels::{Label, password_problem};
pub use steps::{step_line_text, step_text};

use crate::answers::{JurisdictionId, keys};
use crate::catalog::Catalog;
use crate::money::{Fen, format_yuan};

/// A language of the interface: `zh-CN` or `en`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language of the interface: each catalog text is written in all of them.
    pub const ALL: &'static [Lang] = &[Lang::ZhCn, Lang::En];

    /// `zh-CN` (also `zh`, any case) or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    pub(crate) fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

/// Money for people: `12,345.67 元` / `¥12,345.67`.
pub fn yuan(lang: Lang, fen: Fen) -> String {
    match lang {
        Lang::ZhCn => format!("{} 元", format_yuan(fen)),
        Lang::En => format!("¥{}", format_yuan(fen)),
    }
}

pub(crate) fn list<T: Label>(lang: Lang, items: &[T]) -> String {
    let sep = lang.pick("、", ", ");
    items
        .iter()
        .map(|i| i.label(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Items joined as a list is read: `a、b` in Chinese, `a, b and c` in English.
pub(crate) fn and_list<T: Label>(lang: Lang, items: &[T]) -> String {
    match lang {
        Lang::ZhCn => list(lang, items),
        Lang::En => {
            let labels: Vec<&str> = items.iter().map(|i| i.label(lang)).collect();
            match labels.split_last() {
                None => String::new(),
                Some((last, [])) => (*last).to_string(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            }
        }
    }
}

/// What an answer is called, in the catalog's words (`从业人数（季度平均）`); its key where
/// the catalog declares no such question.
pub fn answer_label<'a>(catalog: &'a Catalog, lang: Lang, key: &'a str) -> &'a str {
    catalog.question(key).map_or(key, |q| q.label.get(lang))
}

/// One value of an answer, in the catalog's words (`租用非国有房屋`); the value itself
/// where the catalog does not list it.
pub fn value_label<'c>(catalog: &'c Catalog, lang: Lang, key: &str, value: &'c str) -> &'c str {
    catalog
        .question(key)
        .and_then(|q| q.choice(value))
        .map_or(value, |c| c.label.get(lang))
}

/// The name of a county-level unit, or "outside the prefecture".
pub fn jurisdiction_name(catalog: &Catalog, lang: Lang, id: JurisdictionId) -> String {
    match catalog.jurisdiction(id) {
        Some(j) => j.name.get(lang).to_string(),
        None => match catalog.question(keys::JURISDICTION).map(|q| &q.answer) {
            Some(crate::catalog::QuestionKind::Jurisdiction { outside }) => outside.get(lang),
            _ => id.as_str(),
        }
        .to_string(),
    }
}

/// The office a department is for a business in a jurisdiction: a department that is each
/// unit's government (`per_jurisdiction`) is that unit's own (库尔勒市人民政府), other
/// departments their own name.
pub fn office_name(
    catalog: &Catalog,
    lang: Lang,
    department: crate::catalog::DepartmentId,
    jurisdiction: Option<JurisdictionId>,
) -> String {
    let office = catalog.department(department);
    let government = office
        .filter(|d| d.per_jurisdiction)
        .and(jurisdiction)
        .and_then(|j| catalog.jurisdiction(j))
        .and_then(|j| j.government.as_ref());
    match (government, office) {
        (Some(g), _) => g.get(lang).to_string(),
        (None, Some(d)) => d.name.get(lang).to_string(),
        (None, None) => department.as_str().to_string(),
    }
}

/// The offices of a request, the leading one first and marked (牵头), in one line.
pub fn offices_text(
    catalog: &Catalog,
    lang: Lang,
    departments: &[crate::catalog::DepartmentId],
    jurisdiction: Option<JurisdictionId>,
    lead: Option<crate::catalog::DepartmentId>,
) -> String {
    let mut ordered: Vec<_> = departments.to_vec();
    if let Some(l) = lead {
        ordered.sort_by_key(|d| *d != l);
    }
    ordered
        .iter()
        .map(|d| {
            let name = office_name(catalog, lang, *d, jurisdiction);
            match (Some(*d) == lead && departments.len() > 1, lang) {
                (true, Lang::ZhCn) => format!("{name}（牵头）"),
                (true, Lang::En) => format!("{name} (leading)"),
                (false, _) => name,
            }
        })
        .collect::<Vec<_>>()
        .join(lang.pick("、", "; "))
}

pub(crate) fn not_answered(lang: Lang) -> &'static str {
    lang.pick("尚未回答", "not answered yet")
}

pub(crate) fn yes_no(lang: Lang, v: bool) -> &'static str {
    if v {
        lang.pick("是", "yes")
    } else {
        lang.pick("否", "no")
    }
}

/// `requirement；answer` in Chinese, `requirement; answer` in English.
pub(crate) fn sentence(lang: Lang, requirement: String, answer: String) -> String {
    match lang {
        Lang::ZhCn => format!("{requirement}；{answer}"),
        Lang::En => format!("{}; {answer}", capitalized(&requirement)),
    }
}

/// An English sentence starts with a capital letter, whatever label it starts with.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn your(lang: Lang, what: &str, value: Option<String>) -> String {
    match (lang, value) {
        (Lang::ZhCn, Some(v)) => format!("您的{what}：{v}"),
        (Lang::ZhCn, None) => format!("{what}：{}", not_answered(lang)),
        (Lang::En, Some(v)) => format!("{what}: {v}"),
        (Lang::En, None) => format!("{what}: {}", not_answered(lang)),
    }
}

/// A number an answer holds, in its question's unit: yuan for money, the count's own unit
/// (`3 人`) otherwise.
pub(crate) fn amount_of(catalog: &Catalog, lang: Lang, answer: &str, v: i64) -> String {
    match catalog.question(answer).map(|q| &q.answer) {
        Some(crate::catalog::QuestionKind::Money { .. }) => yuan(lang, v),
        Some(crate::catalog::QuestionKind::Count { unit, .. }) => {
            format!("{v} {}", unit.get(lang))
        }
        _ => v.to_string(),
    }
}

/// Who decides a business's case, in one sentence.
pub fn routing_text(
    catalog: &Catalog,
    lang: Lang,
    routing: &crate::eligibility::Routing,
) -> String {
    if routing.by_landlord {
        return lang
            .pick("由出租方自行办理", "The landlord itself decides")
            .to_string();
    }
    let names: Vec<String> = routing
        .departments
        .iter()
        .map(|&d| office_name(catalog, lang, d, routing.jurisdiction))
        .collect();
    let who = match lang {
        Lang::ZhCn => names.join("、"),
        Lang::En => capitalized(&names.join("; ")),
    };
    if routing.narrowed_by.is_empty() {
        return who;
    }
    let keys = routing
        .narrowed_by
        .iter()
        .map(|k| answer_label(catalog, lang, k))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    match lang {
        Lang::ZhCn => format!("{who}（可能的办理部门；回答“{keys}”后可确定）"),
        Lang::En => format!("{who} (possible deciders; answering “{keys}” tells which)"),
    }
}

/// An application window, and whether requests are accepted on the evaluation date.
pub fn window_text(
    lang: Lang,
    from: chrono::NaiveDate,
    to: Option<chrono::NaiveDate>,
    open: bool,
) -> String {
    match (lang, to, open) {
        (Lang::ZhCn, Some(to), true) => format!("受理期 {from} 至 {to}，现可申请"),
        (Lang::ZhCn, Some(to), false) => format!("受理期 {from} 至 {to}，当前不在受理期内"),
        (Lang::ZhCn, None, true) => format!("自 {from} 起随时受理，现可申请"),
        (Lang::ZhCn, None, false) => format!("自 {from} 起受理，当前尚未开始"),
        (Lang::En, Some(to), true) => format!("Requests accepted {from} to {to}: open now"),
        (Lang::En, Some(to), false) => format!("Requests accepted {from} to {to}: closed now"),
        (Lang::En, None, true) => format!("Requests accepted from {from}: open now"),
        (Lang::En, None, false) => format!("Requests accepted from {from}: not open yet"),
    }
}

/// A proposed change of one answer, as "if …".
pub fn change_text(catalog: &Catalog, lang: Lang, change: &crate::eligibility::Change) -> String {
    use crate::eligibility::ChangeOp;
    let label = answer_label(catalog, lang, &change.answer);
    let amount = change
        .value
        .as_i64()
        .map(|v| amount_of(catalog, lang, &change.answer, v));
    match (change.op, amount, change.value.as_bool(), lang) {
        (ChangeOp::Le, Some(a), _, Lang::ZhCn) => format!("若{label}不超过 {a}"),
        (ChangeOp::Le, Some(a), _, Lang::En) => format!("If your {label} were at most {a}"),
        (ChangeOp::Ge, Some(a), _, Lang::ZhCn) => format!("若{label}不少于 {a}"),
        (ChangeOp::Ge, Some(a), _, Lang::En) => format!("If your {label} were at least {a}"),
        (_, _, Some(b), Lang::ZhCn) => format!("若“{label}”为“{}”", yes_no(lang, b)),
        (_, _, Some(b), Lang::En) => format!("If “{label}” were {}", yes_no(lang, b)),
        (_, _, _, Lang::ZhCn) => format!("若更改“{label}”"),
        (_, _, _, Lang::En) => format!("If “{label}” changed"),
    }
}

/// A link's source as staff read it: its channel, and the county whose office put it there.
pub fn source_text(
    catalog: &Catalog,
    lang: Lang,
    channel: crate::api::publicity::Channel,
    county: Option<JurisdictionId>,
) -> String {
    use crate::api::publicity::Channel as C;
    let name = match channel {
        C::Direct => lang.pick("直接访问（无来源）", "direct (no source)"),
        C::Poster => lang.pick("海报二维码", "poster QR code"),
        C::WechatArticle => lang.pick("微信公众号文章", "WeChat article"),
        C::Sms => lang.pick("短信", "text message"),
        C::Newspaper => lang.pick("报纸", "newspaper"),
        C::Radio => lang.pick("广播", "radio"),
        C::Television => lang.pick("电视", "television"),
        C::ShortVideo => lang.pick("短视频", "short video"),
        C::Website => lang.pick("政府网站", "government website"),
        C::Other => lang.pick("其他来源", "other source"),
    };
    match county {
        Some(j) => match lang {
            Lang::ZhCn => format!("{name}（{}）", jurisdiction_name(catalog, lang, j)),
            Lang::En => format!("{name} ({})", jurisdiction_name(catalog, lang, j)),
        },
        None => name.to_string(),
    }
}
