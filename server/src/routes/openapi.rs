//! The OpenAPI document of the HTTP API, generated from the handlers and the shared types.

use actix_web::{HttpResponse, get};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Shukun 纾困通 API",
        description = "Relief eligibility for small businesses under Bayingolin Prefecture's 2022 plan. Money is integer fen. Errors are `{\"error\": {\"code\", \"message\", \"field\"}}` with `code` one of `ErrorCode`."
    ),
    paths(
        super::health::healthz,
        super::catalog::get,
        super::eligibility::post,
        super::auth::register,
        super::auth::login,
        super::auth::refresh,
        super::auth::logout,
        super::auth::wechat_login,
        super::auth::wechat_bind,
        super::me::get,
        super::me::patch,
        super::me::change_password,
        super::admin::list,
        super::admin::create,
        super::admin::disable,
        super::admin::record_facts,
        super::admin::assign,
        super::admin::audit,
        super::admin::settings,
        super::admin::record_setting,
        super::notices::issue,
        super::notices::list,
        super::notices::get,
        super::notices::act,
        super::requests::read::contact,
        super::share::poster,
        super::requests::file::post,
        super::requests::read::list,
        super::requests::read::get,
        super::requests::read::queue,
        super::requests::export::get,
        super::dashboard::get,
        super::requests::owner::withdraw,
        super::requests::owner::answer,
        super::requests::documents::upload,
        super::requests::documents::download,
        super::requests::decide::post,
        super::requests::desk_actions::batch_approval,
        super::requests::desk_actions::handover,
        super::requests::desk_actions::list_phrases,
        super::requests::desk_actions::create_phrase,
        super::requests::desk_actions::update_phrase,
        super::requests::desk_actions::delete_phrase,
        super::requests::messages::list,
        super::requests::messages::read,
        super::requests::messages::read_all,
        get
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
        shared::api::requests::WebhookEvent
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

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object))
)]
#[get("/openapi.json")]
pub async fn get() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
