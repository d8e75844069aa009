//! What a catalog must satisfy beyond its types: completeness, uniqueness, references,
//! units, ranges and dates.

use std::collections::BTreeSet;

use super::ids::{DepartmentId, MeasureId, ParamId};
use super::{Catalog, Condition, Dated, How, Period, QuestionKind, Unit};
use crate::answers::{Industry, JurisdictionId};

/// Why a catalog was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("the catalog is not valid JSON for its schema at {path}: {message}")]
    Syntax { path: String, message: String },
    #[error("the catalog has no version")]
    NoVersion,
    #[error("the catalog declares no measure")]
    NoMeasures,
    #[error("measure {0} appears more than once")]
    DuplicateMeasure(MeasureId),
    #[error("department {0} is listed more than once")]
    DuplicateDepartment(DepartmentId),
    #[error("measure {measure} names department {department}, which the catalog does not list")]
    UnknownDepartment {
        measure: MeasureId,
        department: DepartmentId,
    },
    #[error("jurisdiction {0} is missing or listed more than once")]
    Jurisdiction(JurisdictionId),
    #[error("jurisdiction {0} lies within a jurisdiction the catalog does not list")]
    UnknownWithin(JurisdictionId),
    #[error("parameter {0} is missing or listed more than once")]
    Parameter(ParamId),
    #[error("parameter {0} has a value whose dates overlap another's or end before they start")]
    ParameterDates(ParamId),
    #[error("parameter {id} is in {found:?} but is read in {expected:?}")]
    ParameterUnit {
        id: ParamId,
        expected: Unit,
        found: Unit,
    },
    #[error("parameter {0} has a value out of range (negative, or a rate over 100%)")]
    ParameterRange(ParamId),
    #[error("industry {0:?} is missing from the size standard or in it twice")]
    SizeRow(Industry),
    #[error(
        "measure {0}'s period ends before it starts, or is national without naming its document"
    )]
    Period(MeasureId),
    #[error(
        "measure {0}: an application window is given exactly for apply measures, and must not end before it starts"
    )]
    ApplicationWindow(MeasureId),
    #[error("measure {measure} refers to the undefined condition {name}")]
    UnknownDefinition { measure: String, name: String },
    #[error("measure {0}: `how` is apply exactly when an application kind is given")]
    ApplicationKind(MeasureId),
    /// A text of the catalog lacking a language of the interface, or empty in it.
    #[error("{path}.{lang}: the text is missing or empty in this language")]
    Text { path: String, lang: &'static str },
    /// A question declared wrongly, or an answer the engine reads and the catalog does not
    /// declare as it is read: where (`questions[3].answer.values[1].value`) and what.
    #[error("{path}: {problem}")]
    Question { path: String, problem: String },
    /// A measure's routing table that reads a wrong answer, names a value the answer does
    /// not take, or routes outside the measure's departments: where and what.
    #[error("{path}: {problem}")]
    Routing {
        path: String,
        problem: ReferenceProblem,
    },
    /// A condition that reads an answer wrongly or names a value its question does not take:
    /// where (`measures[7].condition.answer_in.values[0]`) and what.
    #[error("{path}: {problem}")]
    Condition {
        path: String,
        problem: ReferenceProblem,
    },
    /// A formula that mixes units, reads an answer it cannot use, names a case its question
    /// does not take, or shows a value it does not define: where and what.
    #[error("{path}: {problem}")]
    Formula {
        path: String,
        problem: FormulaProblem,
    },
    #[error("example {name}: {problem}")]
    Example { name: String, problem: String },
}

/// A name a catalog gives (a question's key, a parameter's id): 1 to 64 lower-case letters,
/// digits or `_`.
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// What is wrong with a formula.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormulaProblem {
    #[error("expects {expected}, but this is {found}")]
    Mismatch {
        expected: &'static str,
        found: &'static str,
    },
    #[error("`{0}` is not an answer a formula can read (money, a count, a year, or one of a list)")]
    NotAnAmount(String),
    #[error("`{value}` is not a value of `{answer}`")]
    UnknownCase { value: String, answer: String },
    #[error("must list at least one value")]
    Empty,
    #[error("`{{{0}}}` is not among the line's values")]
    UnknownPlaceholder(String),
    #[error("is out of range")]
    OutOfRange,
    #[error("a measure is estimated by a calculator or a formula, not both")]
    Both,
    #[error("`{0}` is not a parameter of the catalog")]
    UnknownParameter(String),
}

/// The unit of a formula's value, as a refusal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fen,
    Bp,
    Number,
    Choice,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Fen => "money",
            Kind::Bp => "a rate",
            Kind::Number => "a whole number",
            Kind::Choice => "a value of a list",
        }
    }
}

/// What is wrong with a reference from a routing table or a condition to a question, its
/// values or a measure's departments.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceProblem {
    #[error("`{0}` is not a one-of or several-of question of the catalog")]
    NotAListQuestion(String),
    #[error("`{0}` is not a yes/no question of the catalog")]
    NotAYesNoQuestion(String),
    #[error("`{0}` is not a count or money question of the catalog")]
    NotANumberQuestion(String),
    #[error("`{0}` is not a parameter of the catalog")]
    UnknownParameter(String),
    #[error("`{value}` is not a value of `{answer}`")]
    UnknownValue { value: String, answer: String },
    #[error("department {0} is not among the measure's departments")]
    NotTheMeasures(DepartmentId),
    #[error("a row must name its departments or say the landlord decides")]
    Nowhere,
}

impl Catalog {
    pub fn validate(&self) -> Result<(), CatalogError> {
        if self.version.trim().is_empty() {
            return Err(CatalogError::NoVersion);
        }
        if self.measures.is_empty() {
            return Err(CatalogError::NoMeasures);
        }
        let mut measures = BTreeSet::new();
        for m in &self.measures {
            if !measures.insert(m.id) {
                return Err(CatalogError::DuplicateMeasure(m.id));
            }
        }
        let mut departments = BTreeSet::new();
        for d in &self.departments {
            if !departments.insert(d.id) {
                return Err(CatalogError::DuplicateDepartment(d.id));
            }
        }
        for &id in JurisdictionId::ALL {
            let count = self.jurisdictions.iter().filter(|j| j.id == id).count();
            let expected = usize::from(id != JurisdictionId::Other);
            if count != expected {
                return Err(CatalogError::Jurisdiction(id));
            }
        }
        for j in &self.jurisdictions {
            if let Some(outer) = j.within
                && (outer == j.id || self.jurisdiction(outer).is_none_or(|o| o.within.is_some()))
            {
                return Err(CatalogError::UnknownWithin(j.id));
            }
        }
        let mut ids = BTreeSet::new();
        for param in &self.parameters {
            let id = &param.id;
            if !ids.insert(id.as_str()) || !is_name(id.as_str()) {
                return Err(CatalogError::Parameter(id.clone()));
            }
            let max = if param.unit == Unit::Bp {
                i64::from(crate::money::Bp::WHOLE)
            } else {
                crate::answers::MAX_AMOUNT_FEN
            };
            if param.values.iter().any(|v| !(0..=max).contains(&v.value)) {
                return Err(CatalogError::ParameterRange(id.clone()));
            }
            let mut spans: Vec<&Dated> = param.values.iter().collect();
            spans.sort_by_key(|v| v.from);
            for (i, v) in spans.iter().enumerate() {
                if v.to.is_some_and(|to| to < v.from) {
                    return Err(CatalogError::ParameterDates(id.clone()));
                }
                if let Some(next) = spans.get(i + 1)
                    && v.to.is_none_or(|to| to >= next.from)
                {
                    return Err(CatalogError::ParameterDates(id.clone()));
                }
            }
        }
        let calculators: Vec<&super::Calculator> = self
            .measures
            .iter()
            .filter_map(|m| m.calculator.as_ref())
            .collect();
        for (id, unit, by) in super::ids::param_ids::READ {
            let (id, unit) = (*id, *unit);
            if !calculators.contains(&by) {
                continue;
            }
            let Some(param) = self.parameter(id) else {
                return Err(CatalogError::Parameter(id.into()));
            };
            if param.unit != unit {
                return Err(CatalogError::ParameterUnit {
                    id: id.into(),
                    expected: unit,
                    found: param.unit,
                });
            }
        }
        self.check_texts()?;
        self.check_questions()?;
        self.check_routing()?;
        self.check_conditions()?;
        self.check_formulas()?;
        for &industry in Industry::ALL {
            let rows = self
                .size_standard
                .rows
                .iter()
                .filter(|r| r.industries.contains(&industry))
                .count();
            if rows != 1 {
                return Err(CatalogError::SizeRow(industry));
            }
        }
        for (name, condition) in &self.definitions {
            self.check_refs(name, condition, false)?;
        }
        for m in &self.measures {
            if let Some(&d) = m.lead.iter().find(|d| !m.departments.contains(d)) {
                return Err(CatalogError::UnknownDepartment {
                    measure: m.id,
                    department: d,
                });
            }
            for &d in &m.departments {
                if !departments.contains(&d) {
                    return Err(CatalogError::UnknownDepartment {
                        measure: m.id,
                        department: d,
                    });
                }
            }
            if !period_ok(&m.period) {
                return Err(CatalogError::Period(m.id));
            }
            if (m.how == How::Apply) != m.application_kind.is_some() {
                return Err(CatalogError::ApplicationKind(m.id));
            }
            if (m.how == How::Apply) != m.application_window.is_some()
                || m.application_window.as_ref().is_some_and(|w| !period_ok(w))
            {
                return Err(CatalogError::ApplicationWindow(m.id));
            }
            self.check_refs(m.id.as_str(), &m.condition, true)?;
        }
        Ok(())
    }

    /// Every text outside the questions (which [`Self::check_questions`] reads) is written in
    /// every language of the interface.
    fn check_texts(&self) -> Result<(), CatalogError> {
        let mut texts: Vec<(String, &super::L10n)> = vec![
            ("title".into(), &self.title),
            ("notice".into(), &self.notice),
        ];
        for (i, d) in self.departments.iter().enumerate() {
            texts.push((format!("departments[{i}].name"), &d.name));
        }
        for (i, j) in self.jurisdictions.iter().enumerate() {
            texts.push((format!("jurisdictions[{i}].name"), &j.name));
            if let Some(g) = &j.government {
                texts.push((format!("jurisdictions[{i}].government"), g));
            }
        }
        for (i, p) in self.parameters.iter().enumerate() {
            texts.push((format!("parameters[{i}].name"), &p.name));
        }
        for (name, condition) in &self.definitions {
            notes(&format!("definitions.{name}"), condition, &mut texts);
        }
        for (i, m) in self.measures.iter().enumerate() {
            texts.push((format!("measures[{i}].title"), &m.title));
            texts.push((format!("measures[{i}].summary"), &m.summary));
            texts.push((format!("measures[{i}].steps"), &m.steps));
            notes(
                &format!("measures[{i}].condition"),
                &m.condition,
                &mut texts,
            );
            for (r, row) in m.routing.iter().flat_map(|t| t.rows.iter().enumerate()) {
                if let Some(says) = &row.says {
                    texts.push((format!("measures[{i}].routing.rows[{r}].says"), says));
                }
            }
            for (j, line) in m.estimate.iter().flat_map(|f| f.lines.iter().enumerate()) {
                texts.push((
                    format!("measures[{i}].estimate.lines[{j}].says"),
                    &line.says,
                ));
                if let Some(silent) = &line.silent {
                    texts.push((format!("measures[{i}].estimate.lines[{j}].silent"), silent));
                }
            }
        }
        for (path, words) in texts {
            words_ok(words).map_err(|lang| CatalogError::Text { path, lang })?;
        }
        Ok(())
    }

    /// Each question is declared once, in words in every language, with a list of distinct
    /// labelled values or a sane range; and every answer the engine reads is declared as it
    /// is read (its kind, and for a list the very values it knows).
    fn check_questions(&self) -> Result<(), CatalogError> {
        let problem = |path: String, problem: String| CatalogError::Question { path, problem };
        let mut keys = BTreeSet::new();
        for (i, q) in self.questions.iter().enumerate() {
            let at = format!("questions[{i}]");
            if !is_name(&q.key) {
                return Err(problem(
                    format!("{at}.key"),
                    "must be 1 to 64 lower-case letters, digits or _".into(),
                ));
            }
            if !keys.insert(q.key.as_str()) {
                return Err(problem(
                    format!("{at}.key"),
                    format!("`{}` is declared twice", q.key),
                ));
            }
            for (name, words) in [
                ("label", &q.label),
                ("text", &q.text),
                ("why", &q.why),
                ("hint", &q.hint),
            ] {
                words_ok(words).map_err(|lang| {
                    problem(format!("{at}.{name}.{lang}"), "must not be empty".into())
                })?;
            }
            if let Some(words) = &q.requirement {
                words_ok(words).map_err(|lang| {
                    problem(
                        format!("{at}.requirement.{lang}"),
                        "must not be empty".into(),
                    )
                })?;
            }
            let answer = format!("{at}.answer.{}", q.answer.name());
            match &q.answer {
                QuestionKind::OneOf { values } | QuestionKind::SeveralOf { values } => {
                    let least = if matches!(q.answer, QuestionKind::OneOf { .. }) {
                        2
                    } else {
                        1
                    };
                    if values.len() < least {
                        return Err(problem(
                            format!("{answer}.values"),
                            format!("must list at least {least} values"),
                        ));
                    }
                    let mut seen = BTreeSet::new();
                    for (j, c) in values.iter().enumerate() {
                        if c.value.trim().is_empty() || !seen.insert(c.value.as_str()) {
                            return Err(problem(
                                format!("{answer}.values[{j}].value"),
                                "must be a value not empty and not listed before".into(),
                            ));
                        }
                        words_ok(&c.label).map_err(|lang| {
                            problem(
                                format!("{answer}.values[{j}].label.{lang}"),
                                "must not be empty".into(),
                            )
                        })?;
                    }
                }
                QuestionKind::Jurisdiction { outside } => {
                    words_ok(outside).map_err(|lang| {
                        problem(
                            format!("{answer}.outside.{lang}"),
                            "must not be empty".into(),
                        )
                    })?;
                }
                QuestionKind::Count { unit, max } => {
                    words_ok(unit).map_err(|lang| {
                        problem(format!("{answer}.unit.{lang}"), "must not be empty".into())
                    })?;
                    if *max < 1 || *max > crate::answers::MAX_AMOUNT_FEN {
                        return Err(problem(
                            format!("{answer}.max"),
                            format!("must be from 1 to {}", crate::answers::MAX_AMOUNT_FEN),
                        ));
                    }
                }
                QuestionKind::Money { max_fen, part_of } => {
                    if *max_fen < 1 || *max_fen > crate::answers::MAX_AMOUNT_FEN {
                        return Err(problem(
                            format!("{answer}.max_fen"),
                            format!(
                                "must be from 1 to {} fen, where every calculation stays exact",
                                crate::answers::MAX_AMOUNT_FEN
                            ),
                        ));
                    }
                    if let Some(whole) = part_of {
                        let is_money = self.question(whole).is_some_and(|w| {
                            w.key != q.key && matches!(w.answer, QuestionKind::Money { .. })
                        });
                        if !is_money {
                            return Err(problem(
                                format!("{answer}.part_of"),
                                format!("`{whole}` is not another money question of the catalog"),
                            ));
                        }
                    }
                }
                QuestionKind::Year { min, max } => {
                    if min > max {
                        return Err(problem(
                            format!("{answer}.min"),
                            format!("is after max ({max})"),
                        ));
                    }
                }
                QuestionKind::YesNo => {}
            }
        }
        let read = self.reads();
        for crate::answers::keys::Read {
            key,
            kind,
            values: known,
            by,
        } in crate::answers::keys::read()
        {
            if !by.iter().any(|b| read.contains(b)) {
                continue;
            }
            let Some((i, q)) = self
                .questions
                .iter()
                .enumerate()
                .find(|(_, q)| q.key == key)
            else {
                return Err(problem(
                    "questions".into(),
                    format!("the engine reads the answer `{key}`, which no question declares"),
                ));
            };
            if q.answer.name() != kind {
                return Err(problem(
                    format!("questions[{i}].answer"),
                    format!(
                        "is {} but the engine reads `{key}` as {kind}",
                        q.answer.name(),
                    ),
                ));
            }
            if let Some(known) = known {
                let declared: BTreeSet<&str> = q
                    .answer
                    .choices()
                    .iter()
                    .map(|c| c.value.as_str())
                    .collect();
                let known: BTreeSet<&str> = known.into_iter().collect();
                if declared != known {
                    return Err(problem(
                        format!("questions[{i}].answer.{}.values", q.answer.name()),
                        format!(
                            "must be exactly the values the engine reads for `{key}`: {}",
                            known.into_iter().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// What in this catalog makes the engine read answers by name.
    fn reads(&self) -> Vec<crate::answers::keys::ReadBy> {
        use crate::answers::keys::ReadBy;
        let mut leaves = Vec::new();
        for (name, condition) in &self.definitions {
            parts(name, condition, &mut leaves);
        }
        for m in &self.measures {
            parts("", &m.condition, &mut leaves);
        }
        let mut read = vec![ReadBy::Always];
        if leaves
            .iter()
            .any(|(_, c)| matches!(c, Condition::Business { .. } | Condition::ServiceSector))
        {
            read.push(ReadBy::SizeStandard);
        }
        for m in &self.measures {
            if m.judged_by == super::JudgedBy::TaxYear {
                read.push(ReadBy::TaxYear);
            }
            if let Some(c) = &m.calculator {
                read.push(ReadBy::Calculator(*c));
            }
            if let Some(k) = m.application_kind {
                read.push(ReadBy::Form(k));
                read.push(ReadBy::AnyForm);
            }
        }
        read
    }

    /// Each condition on a list answer reads a list question of the catalog and names only
    /// its values (the units, or outside them, for the jurisdiction).
    fn check_conditions(&self) -> Result<(), CatalogError> {
        let mut leaves = Vec::new();
        for (name, condition) in &self.definitions {
            parts(&format!("definitions.{name}"), condition, &mut leaves);
        }
        for (i, m) in self.measures.iter().enumerate() {
            parts(
                &format!("measures[{i}].condition"),
                &m.condition,
                &mut leaves,
            );
        }
        for (path, condition) in leaves {
            let refuse = |path: String, problem: ReferenceProblem| {
                Err(CatalogError::Condition { path, problem })
            };
            let kind = |key: &str| self.question(key).map(|q| &q.answer);
            let (answer, values) = match condition {
                Condition::AnswerIn { answer, values, .. } => (answer, values),
                Condition::Yes(key) | Condition::No(key) => {
                    if !matches!(kind(key), Some(QuestionKind::YesNo)) {
                        let form = if matches!(condition, Condition::Yes(_)) {
                            "yes"
                        } else {
                            "no"
                        };
                        return refuse(
                            format!("{path}.{form}"),
                            ReferenceProblem::NotAYesNoQuestion(key.clone()),
                        );
                    }
                    continue;
                }
                Condition::AtMost { answer, param } => {
                    if self.parameter(param.as_str()).is_none() {
                        return refuse(
                            format!("{path}.at_most.param"),
                            ReferenceProblem::UnknownParameter(param.to_string()),
                        );
                    }
                    if !matches!(
                        kind(answer),
                        Some(QuestionKind::Count { .. } | QuestionKind::Money { .. })
                    ) {
                        return refuse(
                            format!("{path}.at_most.answer"),
                            ReferenceProblem::NotANumberQuestion(answer.clone()),
                        );
                    }
                    continue;
                }
                _ => continue,
            };
            let known: Vec<&str> = match self.question(answer.as_str()).map(|q| &q.answer) {
                Some(QuestionKind::OneOf { values } | QuestionKind::SeveralOf { values }) => {
                    values.iter().map(|c| c.value.as_str()).collect()
                }
                Some(QuestionKind::Jurisdiction { .. }) => self
                    .jurisdictions
                    .iter()
                    .map(|j| j.id.as_str())
                    .chain([JurisdictionId::Other.as_str()])
                    .collect(),
                _ => {
                    return refuse(
                        format!("{path}.answer_in.answer"),
                        ReferenceProblem::NotAListQuestion(answer.as_str().to_string()),
                    );
                }
            };
            if let Some((v, value)) = values
                .iter()
                .enumerate()
                .find(|(_, v)| !known.contains(&v.as_str()))
            {
                return refuse(
                    format!("{path}.answer_in.values[{v}]"),
                    ReferenceProblem::UnknownValue {
                        value: value.clone(),
                        answer: answer.as_str().to_string(),
                    },
                );
            }
        }
        Ok(())
    }

    /// Each formula's expressions are of one unit where they must be, read answers it can
    /// use, and each line's sentence shows only values it defines.
    fn check_formulas(&self) -> Result<(), CatalogError> {
        for (i, m) in self.measures.iter().enumerate() {
            let Some(formula) = &m.estimate else { continue };
            let at = format!("measures[{i}].estimate");
            let refuse = |path: String, problem: FormulaProblem| {
                Err(CatalogError::Formula { path, problem })
            };
            if m.calculator.is_some() {
                return refuse(at, FormulaProblem::Both);
            }
            for (j, line) in formula.lines.iter().enumerate() {
                let line_at = format!("{at}.lines[{j}]");
                if let Some(amount) = &line.amount {
                    let path = format!("{line_at}.amount");
                    let kind = self.kind_of(&path, amount)?;
                    if kind != Kind::Fen {
                        return refuse(
                            path,
                            FormulaProblem::Mismatch {
                                expected: Kind::Fen.name(),
                                found: kind.name(),
                            },
                        );
                    }
                }
                for (name, value) in &line.values {
                    self.kind_of(&format!("{line_at}.values.{name}"), value)?;
                }
                let words = std::iter::once(("says", &line.says))
                    .chain(line.silent.iter().map(|s| ("silent", s)));
                for (field, text) in words {
                    for lang in crate::i18n::Lang::ALL {
                        let said = text.get(*lang);
                        let mut rest = said;
                        while let Some(open) = rest.find('{') {
                            let after = &rest[open + 1..];
                            let Some(close) = after.find('}') else { break };
                            let name = &after[..close];
                            if !line.values.contains_key(name) {
                                return refuse(
                                    format!("{line_at}.{field}.{}", lang.as_str()),
                                    FormulaProblem::UnknownPlaceholder(name.to_string()),
                                );
                            }
                            rest = &after[close + 1..];
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The unit of an expression, or where and why it has none.
    fn kind_of(&self, path: &str, expr: &super::Expr) -> Result<Kind, CatalogError> {
        use super::Expr;
        let refuse =
            |path: String, problem: FormulaProblem| Err(CatalogError::Formula { path, problem });
        let expect = |path: String, expected: Kind, found: Kind| {
            if expected == found {
                Ok(())
            } else {
                Err(CatalogError::Formula {
                    path,
                    problem: FormulaProblem::Mismatch {
                        expected: expected.name(),
                        found: found.name(),
                    },
                })
            }
        };
        match expr {
            Expr::Answer(key) => match self.question(key.as_str()).map(|q| &q.answer) {
                Some(QuestionKind::Money { .. }) => Ok(Kind::Fen),
                Some(QuestionKind::Count { .. } | QuestionKind::Year { .. }) => Ok(Kind::Number),
                Some(QuestionKind::OneOf { .. }) => Ok(Kind::Choice),
                _ => refuse(
                    format!("{path}.answer"),
                    FormulaProblem::NotAnAmount(key.as_str().to_string()),
                ),
            },
            Expr::Param(id) => Ok(
                match self.parameter(id.as_str()).map(|p| p.unit).ok_or_else(|| {
                    CatalogError::Formula {
                        path: format!("{path}.param"),
                        problem: FormulaProblem::UnknownParameter(id.to_string()),
                    }
                })? {
                    Unit::Fen => Kind::Fen,
                    Unit::Bp => Kind::Bp,
                    Unit::Months | Unit::People => Kind::Number,
                },
            ),
            Expr::Fen(v) if (0..=crate::answers::MAX_AMOUNT_FEN).contains(v) => Ok(Kind::Fen),
            Expr::Number(v) if (0..=crate::answers::MAX_AMOUNT_FEN).contains(v) => Ok(Kind::Number),
            Expr::Bp(v) if (0..=i64::from(crate::money::Bp::WHOLE)).contains(v) => Ok(Kind::Bp),
            Expr::Fen(_) | Expr::Number(_) | Expr::Bp(_) => {
                let form = match expr {
                    Expr::Fen(_) => "fen",
                    Expr::Number(_) => "number",
                    _ => "bp",
                };
                refuse(format!("{path}.{form}"), FormulaProblem::OutOfRange)
            }
            Expr::Percent { of, rate } => {
                let of_at = format!("{path}.percent.of");
                expect(of_at.clone(), Kind::Fen, self.kind_of(&of_at, of)?)?;
                let rate_at = format!("{path}.percent.rate");
                expect(rate_at.clone(), Kind::Bp, self.kind_of(&rate_at, rate)?)?;
                Ok(Kind::Fen)
            }
            Expr::Times { of, times } => {
                let of_at = format!("{path}.times.of");
                expect(of_at.clone(), Kind::Fen, self.kind_of(&of_at, of)?)?;
                let times_at = format!("{path}.times.times");
                expect(
                    times_at.clone(),
                    Kind::Number,
                    self.kind_of(&times_at, times)?,
                )?;
                Ok(Kind::Fen)
            }
            Expr::Sum(parts) | Expr::Min(parts) | Expr::Max(parts) => {
                let form = match expr {
                    Expr::Sum(_) => "sum",
                    Expr::Min(_) => "min",
                    _ => "max",
                };
                let mut kind = None;
                for (k, part) in parts.iter().enumerate() {
                    let part_at = format!("{path}.{form}[{k}]");
                    let found = self.kind_of(&part_at, part)?;
                    let first = *kind.get_or_insert(found);
                    if found == Kind::Choice {
                        return refuse(
                            part_at,
                            FormulaProblem::Mismatch {
                                expected: "money, a rate or a whole number",
                                found: found.name(),
                            },
                        );
                    }
                    expect(part_at, first, found)?;
                }
                kind.ok_or(CatalogError::Formula {
                    path: format!("{path}.{form}"),
                    problem: FormulaProblem::Empty,
                })
            }
            Expr::ByAnswer { answer, cases } => {
                let at = format!("{path}.by_answer");
                let values = match self.question(answer.as_str()).map(|q| &q.answer) {
                    Some(QuestionKind::OneOf { values }) => values,
                    _ => {
                        return refuse(
                            format!("{at}.answer"),
                            FormulaProblem::Mismatch {
                                expected: Kind::Choice.name(),
                                found: "another kind of answer",
                            },
                        );
                    }
                };
                let mut kind = None;
                for (value, case) in cases {
                    let case_at = format!("{at}.cases.{value}");
                    if !values.iter().any(|c| &c.value == value) {
                        return refuse(
                            case_at,
                            FormulaProblem::UnknownCase {
                                value: value.clone(),
                                answer: answer.as_str().to_string(),
                            },
                        );
                    }
                    let found = self.kind_of(&case_at, case)?;
                    let first = *kind.get_or_insert(found);
                    expect(case_at, first, found)?;
                }
                kind.ok_or(CatalogError::Formula {
                    path: format!("{at}.cases"),
                    problem: FormulaProblem::Empty,
                })
            }
        }
    }

    /// Each routing table reads a list question of the catalog, names only its values, and
    /// routes only to the measure's departments.
    fn check_routing(&self) -> Result<(), CatalogError> {
        for (i, m) in self.measures.iter().enumerate() {
            let Some(table) = &m.routing else { continue };
            let at = format!("measures[{i}].routing");
            let refuse = |path: String, problem: ReferenceProblem| {
                Err(CatalogError::Routing { path, problem })
            };
            let key = table.answer.as_str();
            let values = match self.question(key).map(|q| &q.answer) {
                Some(QuestionKind::OneOf { values } | QuestionKind::SeveralOf { values }) => values,
                _ => {
                    return refuse(
                        format!("{at}.answer"),
                        ReferenceProblem::NotAListQuestion(key.to_string()),
                    );
                }
            };
            for (r, row) in table.rows.iter().enumerate() {
                let row_at = format!("{at}.rows[{r}]");
                if let Some((w, value)) = row
                    .when
                    .iter()
                    .enumerate()
                    .find(|(_, v)| !values.iter().any(|c| &c.value == *v))
                {
                    return refuse(
                        format!("{row_at}.when[{w}]"),
                        ReferenceProblem::UnknownValue {
                            value: value.clone(),
                            answer: key.to_string(),
                        },
                    );
                }
                if row.departments.is_empty() != row.by_landlord {
                    return refuse(row_at, ReferenceProblem::Nowhere);
                }
                if let Some((d, &department)) = row
                    .departments
                    .iter()
                    .enumerate()
                    .find(|(_, d)| !m.departments.contains(d))
                {
                    return refuse(
                        format!("{row_at}.departments[{d}]"),
                        ReferenceProblem::NotTheMeasures(department),
                    );
                }
            }
            if let Some((d, &department)) = table
                .also
                .iter()
                .enumerate()
                .find(|(_, d)| !m.departments.contains(d))
            {
                return refuse(
                    format!("{at}.also[{d}]"),
                    ReferenceProblem::NotTheMeasures(department),
                );
            }
        }
        Ok(())
    }

    fn check_refs(
        &self,
        owner: &str,
        condition: &Condition,
        refs_allowed: bool,
    ) -> Result<(), CatalogError> {
        match condition {
            Condition::All(parts) | Condition::Any(parts) => parts
                .iter()
                .try_for_each(|c| self.check_refs(owner, c, refs_allowed)),
            Condition::Informative { condition, .. } => {
                self.check_refs(owner, condition, refs_allowed)
            }
            // Definitions may not refer to definitions: no cycles, no deep chains.
            Condition::Ref(name) if !refs_allowed || !self.definitions.contains_key(name) => {
                Err(CatalogError::UnknownDefinition {
                    measure: owner.to_string(),
                    name: name.clone(),
                })
            }
            _ => Ok(()),
        }
    }
}

/// The notes of a condition's informative parts, with their paths.
fn notes<'c>(path: &str, condition: &'c Condition, out: &mut Vec<(String, &'c super::L10n)>) {
    match condition {
        Condition::All(parts) | Condition::Any(parts) => {
            let form = if matches!(condition, Condition::All(_)) {
                "all"
            } else {
                "any"
            };
            for (i, part) in parts.iter().enumerate() {
                notes(&format!("{path}.{form}[{i}]"), part, out);
            }
        }
        Condition::Informative { note, condition } => {
            out.push((format!("{path}.informative.note"), note));
            notes(&format!("{path}.informative.condition"), condition, out);
        }
        Condition::AnswerIn {
            says: Some(says), ..
        } => out.push((format!("{path}.answer_in.says"), says)),
        _ => {}
    }
}

/// Every leaf of a condition, with its path.
fn parts<'c>(path: &str, condition: &'c Condition, out: &mut Vec<(String, &'c Condition)>) {
    match condition {
        Condition::All(list) | Condition::Any(list) => {
            let form = if matches!(condition, Condition::All(_)) {
                "all"
            } else {
                "any"
            };
            for (i, part) in list.iter().enumerate() {
                parts(&format!("{path}.{form}[{i}]"), part, out);
            }
        }
        Condition::Informative { condition, .. } => {
            parts(&format!("{path}.informative.condition"), condition, out);
        }
        leaf => out.push((path.to_string(), leaf)),
    }
}

/// Text present in every language of the interface, or the first language it lacks.
fn words_ok(words: &super::L10n) -> Result<(), &'static str> {
    for lang in crate::i18n::Lang::ALL {
        if words
            .text(lang.as_str())
            .is_none_or(|t| t.trim().is_empty())
        {
            return Err(lang.as_str());
        }
    }
    Ok(())
}

/// A period's end is not before its start, and a national basis names its document.
fn period_ok(p: &Period) -> bool {
    p.to.is_none_or(|to| to >= p.from)
        && (p.basis != super::PeriodBasis::National
            || p.source.as_deref().is_some_and(|s| !s.trim().is_empty()))
}

impl CatalogError {
    /// What is wrong, in a language of the interface (the `Display` form is the English one
    /// with its own wording for logs).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::{En, ZhCn};
        match (self, lang) {
            (CatalogError::Syntax { message, .. }, ZhCn) => {
                format!("不符合目录格式：{message}")
            }
            (CatalogError::Syntax { message, .. }, En) => {
                format!("does not fit the catalog format: {message}")
            }
            (CatalogError::NoVersion, ZhCn) => "缺少版本号".into(),
            (CatalogError::NoVersion, En) => "the version is missing".into(),
            (CatalogError::NoMeasures, ZhCn) => "目录中没有任何政策措施".into(),
            (CatalogError::NoMeasures, En) => "the catalog declares no measure".into(),
            (CatalogError::DuplicateMeasure(id), ZhCn) => format!("政策措施 {id} 出现了不止一次"),
            (CatalogError::DuplicateMeasure(id), En) => format!("measure {id} appears more than once"),
            (CatalogError::DuplicateDepartment(id), ZhCn) => format!("部门 {id} 列出了不止一次"),
            (CatalogError::DuplicateDepartment(id), En) => {
                format!("department {id} is listed more than once")
            }
            (CatalogError::UnknownDepartment { department, .. }, ZhCn) => {
                format!("部门 {department} 不在目录的部门列表中")
            }
            (CatalogError::UnknownDepartment { department, .. }, En) => {
                format!("department {department} is not among the catalog's departments")
            }
            (CatalogError::Jurisdiction(id), ZhCn) => format!("县市 {id} 缺失或列出了不止一次"),
            (CatalogError::Jurisdiction(id), En) => {
                format!("jurisdiction {id} is missing or listed more than once")
            }
            (CatalogError::UnknownWithin(_), ZhCn) => "所属的县市不在目录的县市列表中".into(),
            (CatalogError::UnknownWithin(_), En) => {
                "lies within a jurisdiction the catalog does not list".into()
            }
            (CatalogError::Parameter(id), ZhCn) => {
                format!("参数 {id} 缺失、列出了不止一次，或名称不是 1 至 64 个小写字母、数字或 _")
            }
            (CatalogError::Parameter(id), En) => {
                format!(
                    "parameter {id} is missing, listed more than once, or not named by 1 to 64 lower-case letters, digits or _"
                )
            }
            (CatalogError::ParameterDates(_), ZhCn) => "各取值的日期相互重叠，或截止早于开始".into(),
            (CatalogError::ParameterDates(_), En) => {
                "its values' dates overlap, or one ends before it starts".into()
            }
            (CatalogError::ParameterUnit { expected, found, .. }, ZhCn) => {
                format!("单位是 {found:?}，但规则按 {expected:?} 读取")
            }
            (CatalogError::ParameterUnit { expected, found, .. }, En) => {
                format!("is in {found:?} but is read in {expected:?}")
            }
            (CatalogError::ParameterRange(_), ZhCn) => "取值超出范围（为负数，或比率超过100%）".into(),
            (CatalogError::ParameterRange(_), En) => {
                "a value is out of range (negative, or a rate over 100%)".into()
            }
            (CatalogError::SizeRow(i), ZhCn) => format!("划型标准中缺少行业 {i}，或该行业出现两次"),
            (CatalogError::SizeRow(i), En) => {
                format!("industry {i} is missing from the size standard or in it twice")
            }
            (CatalogError::Period(_), ZhCn) => {
                "执行期截止早于开始，或注明依据国家文件却未写明文件".into()
            }
            (CatalogError::Period(_), En) => {
                "ends before it starts, or is national without naming its document".into()
            }
            (CatalogError::ApplicationWindow(_), ZhCn) => {
                "仅“在线申请”的措施有受理期，且截止不得早于开始".into()
            }
            (CatalogError::ApplicationWindow(_), En) => {
                "only apply measures have an application window, and it must not end before it starts".into()
            }
            (CatalogError::UnknownDefinition { name, .. }, ZhCn) => {
                format!("引用了未定义的条件 {name}")
            }
            (CatalogError::UnknownDefinition { name, .. }, En) => {
                format!("refers to the undefined condition {name}")
            }
            (CatalogError::ApplicationKind(_), ZhCn) => {
                "办理方式为“在线申请”时须写明申请类型，反之不得写".into()
            }
            (CatalogError::ApplicationKind(_), En) => {
                "`how` is apply exactly when an application kind is given".into()
            }
            (CatalogError::Text { .. }, ZhCn) => "该语言的文字缺失或为空".into(),
            (CatalogError::Text { .. }, En) => "the text is missing or empty in this language".into(),
            // Their problems are written for the catalog's authors in English; the path says
            // where in either language.
            (CatalogError::Question { problem, .. }, _) => problem.clone(),
            (
                CatalogError::Routing { problem, .. } | CatalogError::Condition { problem, .. },
                En,
            ) => problem.to_string(),
            (
                CatalogError::Routing { problem, .. } | CatalogError::Condition { problem, .. },
                ZhCn,
            ) => match problem {
                ReferenceProblem::NotAListQuestion(key) => {
                    format!("“{key}”不是目录中的单选或多选问题")
                }
                ReferenceProblem::NotAYesNoQuestion(key) => {
                    format!("“{key}”不是目录中的是否问题")
                }
                ReferenceProblem::NotANumberQuestion(key) => {
                    format!("“{key}”不是目录中的人数或金额问题")
                }
                ReferenceProblem::UnknownParameter(id) => format!("“{id}”不是目录中的参数"),
                ReferenceProblem::UnknownValue { value, answer } => {
                    format!("“{value}”不是问题“{answer}”的取值")
                }
                ReferenceProblem::NotTheMeasures(d) => format!("部门 {d} 不在该措施的部门中"),
                ReferenceProblem::Nowhere => "每一行须写明办理部门，或注明由出租方自行办理".into(),
            },
            (CatalogError::Formula { problem, .. }, En) => problem.to_string(),
            (CatalogError::Formula { problem, .. }, ZhCn) => match problem {
                FormulaProblem::Mismatch { expected, found } => {
                    format!("应为{}，实为{}", kind_zh(expected), kind_zh(found))
                }
                FormulaProblem::NotAnAmount(key) => {
                    format!("公式不能读取“{key}”（只能读取金额、人数、年份或单选）")
                }
                FormulaProblem::UnknownCase { value, answer } => {
                    format!("“{value}”不是问题“{answer}”的取值")
                }
                FormulaProblem::Empty => "至少须列出一项".into(),
                FormulaProblem::UnknownPlaceholder(name) => {
                    format!("{{{name}}} 不是本行列出的数值")
                }
                FormulaProblem::OutOfRange => "超出范围".into(),
                FormulaProblem::Both => "一项措施只能用计算器或公式之一估算".into(),
                FormulaProblem::UnknownParameter(id) => format!("“{id}”不是目录中的参数"),
            },
            (CatalogError::Example { name, problem }, ZhCn) => {
                format!("示例“{name}”未通过：{problem}")
            }
            (CatalogError::Example { name, problem }, En) => {
                format!("example “{name}” does not pass: {problem}")
            }
        }
    }
}

impl Catalog {
    /// Where in the catalog file a refusal of [`Catalog::validate`] lies, as a JSON path
    /// (`measures[4].period`, `parameters[2].values`), found from the ids it names.
    pub fn locate(&self, e: &CatalogError) -> String {
        let measure = |id: MeasureId| self.measures.iter().position(|m| m.id == id);
        let param = |id: &ParamId| self.parameters.iter().position(|p| p.id == *id);
        let at = |list: &str, i: Option<usize>, rest: &str| match i {
            Some(i) => format!("{list}[{i}]{rest}"),
            None => list.to_string(),
        };
        match e {
            CatalogError::Syntax { path, .. }
            | CatalogError::Text { path, .. }
            | CatalogError::Question { path, .. }
            | CatalogError::Routing { path, .. }
            | CatalogError::Condition { path, .. }
            | CatalogError::Formula { path, .. } => path.clone(),
            CatalogError::NoVersion => "version".into(),
            CatalogError::NoMeasures => "measures".into(),
            CatalogError::DuplicateMeasure(id) => {
                let second = self
                    .measures
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.id == *id)
                    .nth(1);
                at("measures", second.map(|(i, _)| i), ".id")
            }
            CatalogError::DuplicateDepartment(id) => {
                let second = self
                    .departments
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| d.id == *id)
                    .nth(1);
                at("departments", second.map(|(i, _)| i), ".id")
            }
            CatalogError::UnknownDepartment {
                measure: m,
                department,
            } => {
                let Some(i) = measure(*m) else {
                    return "measures".into();
                };
                let listed = |list: &[DepartmentId], name: &str| {
                    list.iter()
                        .position(|d| d == department)
                        .map(|j| format!("measures[{i}].{name}[{j}]"))
                };
                listed(&self.measures[i].departments, "departments")
                    .or_else(|| listed(&self.measures[i].lead, "lead"))
                    .unwrap_or_else(|| format!("measures[{i}]"))
            }
            CatalogError::Jurisdiction(_) => "jurisdictions".into(),
            CatalogError::UnknownWithin(id) => at(
                "jurisdictions",
                self.jurisdictions.iter().position(|j| j.id == *id),
                ".within",
            ),
            CatalogError::Parameter(_) => "parameters".into(),
            CatalogError::ParameterDates(id) | CatalogError::ParameterRange(id) => {
                at("parameters", param(id), ".values")
            }
            CatalogError::ParameterUnit { id, .. } => at("parameters", param(id), ".unit"),
            CatalogError::SizeRow(_) => "size_standard.rows".into(),
            CatalogError::Period(id) => at("measures", measure(*id), ".period"),
            CatalogError::ApplicationWindow(id) => {
                at("measures", measure(*id), ".application_window")
            }
            CatalogError::ApplicationKind(id) => at("measures", measure(*id), ".how"),
            CatalogError::UnknownDefinition { measure: owner, .. } => {
                match self.measures.iter().position(|m| m.id.as_str() == owner) {
                    Some(i) => format!("measures[{i}].condition"),
                    None => format!("definitions.{owner}"),
                }
            }
            CatalogError::Example { name, .. } => at(
                "examples",
                self.examples.iter().position(|x| x.name == *name),
                "",
            ),
        }
    }
}

/// A formula's unit as a refusal names it in Chinese.
fn kind_zh(name: &str) -> &str {
    match name {
        "money" => "金额",
        "a rate" => "比率",
        "a whole number" => "整数",
        "a value of a list" => "单选项",
        "money, a rate or a whole number" => "金额、比率或整数",
        "another kind of answer" => "其他类型的回答",
        other => other,
    }
}
