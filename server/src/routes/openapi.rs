//! The OpenAPI document of the HTTP API, generated from the handlers and the shared types.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{HttpResponse, get};
use serde_json::{Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Shukun 纾困通 API",
        description = "Relief eligibility for small businesses under Bayingolin Prefecture's 2022 plan. Money is integer fen. Errors are `{\"error\": {\"code\", \"message\", \"field\"}}` with `code` one of `ErrorCode`."
    ),
    components(schemas(
        shared::api::ErrorBody,
        shared::api::ErrorDetail,
        shared::error_code::ErrorCode,
        shared::account::Role,
        shared::application::payload::UtilityDeferralPayload,
        shared::application::payload::RentWaiverPayload,
        shared::application::payload::SkillsRewardPayload,
        shared::application::payload::EvaluationInstitutionPayload,
        shared::api::requests::WebhookEvent,
        shared::api::desk::QueueSort,
        shared::Lang,
        crate::services::export::ExportFormat
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// Access tokens as `Authorization: Bearer <token>`.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The document of the routes as [`super::config`] registers them, with [`ApiDoc`]'s
/// description, shared schemas and security scheme.
fn generated() -> utoipa::openapi::OpenApi {
    use utoipa_actix_web::AppExt;
    let (_, openapi) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(super::register)
        .split_for_parts();
    openapi
}

/// The document as served: the generated one, with the answers every operation of a kind
/// can give added where its annotation leaves them out (401 for a bearer operation; 400, 413
/// and 415 for a JSON body; 404 for an id in the path; 400 for query parameters).
pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut doc = serde_json::to_value(generated()).unwrap_or(Value::Null);
        add_common_responses(&mut doc);
        state_what_serde_checks(&mut doc);
        parameters_are_never_null(&mut doc);
        only_the_prefecture_s_counties_on_posters(&mut doc);
        doc
    })
}

/// The document for a catalog: the answers a request takes are the questions it declares.
pub fn document_for(catalog: &shared::Catalog) -> Vec<u8> {
    let mut doc = document().clone();
    if let Some(answers) = doc.pointer_mut("/components/schemas/Answers") {
        *answers = catalog.answers_schema();
    }
    serde_json::to_vec(&doc).unwrap_or_default()
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    })
}

fn add_common_responses(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let has_path_params = path.contains('{');
        for method in METHODS {
            let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            let secured = op.get("security").is_some();
            let json_body = op
                .get("requestBody")
                .and_then(|b| b.get("content"))
                .is_some_and(|c| c.get("application/json").is_some());
            let query_params = op
                .get("parameters")
                .and_then(Value::as_array)
                .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
            let mut common = Vec::new();
            if secured {
                common.push((
                    "401",
                    "`unauthorized` (no, a malformed or a revoked access token) or `token_expired`",
                ));
            }
            if json_body {
                common.push((
                    "400",
                    "`malformed_json`, or `invalid_field` naming the field at fault",
                ));
                common.push(("413", "`payload_too_large`: the body is over 64 KiB"));
                common.push((
                    "415",
                    "`unsupported_media_type`: the body is not application/json",
                ));
            }
            if query_params {
                common.push(("400", "`invalid_query` naming the parameter at fault"));
            }
            if has_path_params {
                common.push((
                    "404",
                    "`not_found`: no such id, or not one the caller may see",
                ));
            }
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for (status, description) in common {
                responses
                    .entry(status)
                    .or_insert_with(|| error_response(description));
            }
        }
    }
}

/// The tagged enums (`#[serde(tag = …, deny_unknown_fields)]`) whose variants take no
/// field they do not have: utoipa states `deny_unknown_fields` for structs only.
const TAGGED_WITHOUT_UNKNOWN_FIELDS: &[&str] = &["Grant", "Setting"];

/// What the derived schemas leave out although serde enforces it: a grant or a setting
/// takes no field its kind does not have (`deny_unknown_fields` on a tagged enum), and a
/// filing's payload is one of the kinds' payloads.
fn state_what_serde_checks(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for tagged in TAGGED_WITHOUT_UNKNOWN_FIELDS {
        let Some(variants) = schemas
            .get_mut(*tagged)
            .and_then(|g| g.get_mut("oneOf"))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for variant in variants {
            if let Some(v) = variant.as_object_mut() {
                v.insert("additionalProperties".into(), Value::Bool(false));
            }
        }
    }
    if let Some(payload) = schemas
        .get_mut("FileRequest")
        .and_then(|f| f.pointer_mut("/properties/payload"))
    {
        let description = payload.get("description").cloned();
        *payload = json!({
            "anyOf": [
                {"$ref": "#/components/schemas/UtilityDeferralPayload"},
                {"$ref": "#/components/schemas/RentWaiverPayload"},
                {"$ref": "#/components/schemas/SkillsRewardPayload"},
                {"$ref": "#/components/schemas/EvaluationInstitutionPayload"}
            ]
        });
        if let Some(d) = description {
            payload["description"] = d;
        }
    }
}

/// A query parameter or a header is there or not: it cannot be JSON `null` (utoipa writes
/// an `Option` as nullable).
fn parameters_are_never_null(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        for method in METHODS {
            let Some(params) = item
                .get_mut(method)
                .and_then(|op| op.get_mut("parameters"))
                .and_then(Value::as_array_mut)
            else {
                continue;
            };
            for schema in params.iter_mut().filter_map(|p| p.get_mut("schema")) {
                if let Some(types) = schema.get_mut("type").and_then(Value::as_array_mut) {
                    types.retain(|t| t != "null");
                    if types.len() == 1 {
                        schema["type"] = types[0].clone();
                    }
                }
                let one_of = schema
                    .get("oneOf")
                    .and_then(Value::as_array)
                    .map(|alternatives| {
                        alternatives
                            .iter()
                            .filter(|a| a.get("type") != Some(&Value::from("null")))
                            .cloned()
                            .collect::<Vec<_>>()
                    });
                if let Some(mut rest) = one_of
                    && rest.len() == 1
                {
                    *schema = rest.remove(0);
                }
            }
        }
    }
}

/// A poster names one of the prefecture's county-level units (not `other`).
fn only_the_prefecture_s_counties_on_posters(doc: &mut Value) {
    let counties: Vec<&str> = shared::answers::JurisdictionId::ALL
        .iter()
        .filter(|j| **j != shared::answers::JurisdictionId::Other)
        .map(|j| j.as_str())
        .collect();
    let Some(params) = doc
        .pointer_mut("/paths/~1api~1v1~1share~1poster.svg/get/parameters")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for p in params.iter_mut().filter(|p| p["name"] == "county") {
        p["schema"] = json!({"type": "string", "enum": counties});
    }
}

/// Whether a documented path template (`/api/v1/requests/{id}`) matches a request path.
fn template_matches(template: &str, path: &str) -> bool {
    let mut t = template.split('/');
    let mut p = path.split('/');
    loop {
        match (t.next(), p.next()) {
            (None, None) => return true,
            (Some(ts), Some(ps)) => {
                let variable = ts.starts_with('{') && ts.ends_with('}');
                if !((variable && !ps.is_empty()) || ts == ps) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The methods the document lists for a request path (`GET, PATCH`), when it lists the path.
pub fn allowed_methods(path: &str) -> Option<String> {
    let paths = document().get("paths")?.as_object()?;
    // A literal path wins over a template (`/messages/read` over `/messages/{id}`): both
    // are collected, as the router would accept either.
    let mut allowed: Vec<String> = Vec::new();
    for (template, item) in paths {
        if !template_matches(template, path) {
            continue;
        }
        for method in METHODS {
            let upper = method.to_ascii_uppercase();
            if item.get(method).is_some() && !allowed.contains(&upper) {
                allowed.push(upper);
            }
        }
    }
    (!allowed.is_empty()).then(|| allowed.join(", "))
}

/// This document.
#[utoipa::path(
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object))
)]
#[get("/openapi.json")]
pub async fn get(state: actix_web::web::Data<crate::AppState>) -> HttpResponse {
    let active = state.active();
    let bytes = active
        .openapi
        .get_or_init(|| document_for(&active.catalog).into())
        .clone();
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_matches_paths_with_one_non_empty_segment_per_variable() {
        assert!(template_matches(
            "/api/v1/requests/{id}",
            "/api/v1/requests/7"
        ));
        assert!(template_matches(
            "/api/v1/requests/{id}",
            "/api/v1/requests/x"
        ));
        assert!(!template_matches(
            "/api/v1/requests/{id}",
            "/api/v1/requests/"
        ));
        assert!(!template_matches(
            "/api/v1/requests/{id}",
            "/api/v1/requests/7/withdraw"
        ));
        assert!(template_matches("/api/v1/me", "/api/v1/me"));
        assert!(!template_matches("/api/v1/me", "/api/v1/mine"));
    }

    #[test]
    fn every_reference_of_the_document_resolves() {
        let doc = document();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let prefix = "\"$ref\":\"#/components/schemas/";
        let mut at = 0;
        while let Some(i) = text[at..].find(prefix) {
            let start = at + i + prefix.len();
            let end = start + text[start..].find('"').unwrap();
            assert!(
                schemas.contains_key(&text[start..end]),
                "{}",
                &text[start..end]
            );
            at = end;
        }
    }

    #[test]
    fn the_variants_of_grants_and_settings_take_no_unknown_field_as_serde_refuses_them() {
        for tagged in TAGGED_WITHOUT_UNKNOWN_FIELDS {
            let variants = document()["components"]["schemas"][*tagged]["oneOf"]
                .as_array()
                .unwrap();
            assert!(!variants.is_empty(), "{tagged}");
            for v in variants {
                assert_eq!(v["additionalProperties"], false, "{tagged}: {v}");
            }
        }
        let unknown = serde_json::json!({"setting": "calendar_day", "date": "2022-12-31", "day": null, "x": 1});
        assert!(serde_json::from_value::<shared::api::settings::Setting>(unknown).is_err());
    }

    #[test]
    fn parameters_in_the_path_are_named_in_the_path() {
        for (path, item) in document()["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                for p in op["parameters"].as_array().into_iter().flatten() {
                    if p["in"] == "path" {
                        let name = p["name"].as_str().unwrap();
                        assert!(
                            path.contains(&format!("{{{name}}}")),
                            "{method} {path}: {name}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_methods_of_a_documented_path_are_listed_for_allow() {
        assert_eq!(allowed_methods("/api/v1/me").as_deref(), Some("GET, PATCH"));
        assert_eq!(allowed_methods("/healthz").as_deref(), Some("GET"));
        assert_eq!(allowed_methods("/api/v1/nothing"), None);
    }
}
