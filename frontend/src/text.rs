//! The app's own words (page chrome). The domain's sentences come from `shared::i18n`.

use shared::Lang;

pub struct Text {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub switch_language: &'static str,
    pub loading: &'static str,
    pub offline: &'static str,
    pub server_error: &'static str,
    pub retry: &'static str,
    pub measures_heading: &'static str,
    pub clause: &'static str,
    pub period: &'static str,
    pub period_open: &'static str,
    pub our_reading: &'static str,
    pub national_document: &'static str,
    pub departments: &'static str,
    pub original: &'static str,
    pub steps: &'static str,
    pub source: &'static str,
    pub version: &'static str,
    pub count_suffix: &'static str,
}

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

static ZH: Text = Text {
    app_name: "纾困通",
    tagline: "巴州2022年助企纾困政策，一站查看：适用对象、怎么享受、找哪个部门。",
    switch_language: "EN",
    loading: "正在加载政策清单…",
    offline: "网络不可用，请检查网络后重试。",
    server_error: "服务暂时不可用，请稍后重试。",
    retry: "重试",
    measures_heading: "政策措施",
    clause: "条款",
    period: "执行期",
    period_open: "起",
    our_reading: "原文未写明截止时间，此为本系统的理解",
    national_document: "国家文件",
    departments: "责任单位",
    original: "原文",
    steps: "怎么办",
    source: "依据",
    version: "政策清单版本",
    count_suffix: "项",
};

static EN: Text = Text {
    app_name: "Shukun",
    tagline: "Bayingolin's 2022 relief for small businesses in one place: who qualifies, how to get it, whom to ask.",
    switch_language: "中文",
    loading: "Loading the measures…",
    offline: "No network. Check your connection and try again.",
    server_error: "The service is unavailable. Please try again later.",
    retry: "Retry",
    measures_heading: "Measures",
    clause: "Clause",
    period: "In effect",
    period_open: "onwards",
    our_reading: "the plan gives no end; this is our reading",
    national_document: "national document",
    departments: "Departments",
    original: "Original text",
    steps: "What to do",
    source: "Source",
    version: "Catalog version",
    count_suffix: "",
};
