//! The HTTP API under `/api/v1`, and health. Handlers are thin: extractors hand them the
//! checked caller and body, a service does the work, errors reach HTTP once.

mod admin;
mod auth;
mod catalog;
mod claims;
mod confirm;
mod dashboard;
mod eligibility;
mod health;
mod me;
mod measures;
mod notices;
mod openapi;
mod publicity;
mod requests;
mod results;
mod share;

pub use openapi::ApiDoc;

use actix_web::{HttpRequest, web};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, NO_SUCH_ENDPOINT};

/// What a request no route took gets: 405 with `Allow` when the path is documented for
/// other methods, 404 otherwise.
pub async fn unmatched(req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(match openapi::allowed_methods(req.path()) {
        Some(allow) => ApiError::MethodNotAllowed { allow },
        None => ApiError::NotFound(NO_SUCH_ENDPOINT),
    })
}

/// A path segment that is not an id of the kind the route takes names nothing: 404.
fn path_error(_: actix_web::error::PathError, _: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound("no such id").into()
}

/// A query string that does not parse: 400 `invalid_query`.
fn query_error(e: actix_web::error::QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::InvalidQuery {
        parameter: "query",
        message: e.to_string(),
    }
    .into()
}

/// Registers every route: served by actix and documented in the OpenAPI document from this
/// one list (utoipa-actix-web takes only handlers that carry their documentation, so a route
/// cannot be registered undocumented).
pub fn config(cfg: &mut web::ServiceConfig) {
    register(&mut ServiceConfig::new(cfg));
}

fn register(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz)
        // Any other method on /healthz.
        .route("/healthz", web::route().to(unmatched))
        // The published evaluation figures, as a page anyone can open.
        .route("/evaluation", web::get().to(results::page))
        // 政策解读: a measure's page for everyone, its "有用 / 没用", its images.
        .route("/measures/{measure}", web::get().to(measures::page))
        .route(
            "/measures/{measure}/feedback",
            web::post().to(measures::feedback),
        )
        .route(
            "/measures/{measure}/images/{name}",
            web::get().to(measures::image),
        )
        // A provider's one-time confirmation link: its lines, answered in a form.
        .route("/confirm/{token}", web::get().to(confirm::page))
        .route("/confirm/{token}", web::post().to(confirm::submit))
        .route("/confirm/{token}/upload", web::post().to(confirm::upload))
        .route("/confirm.js", web::get().to(confirm::script))
        .service(
            utoipa_actix_web::scope("/api/v1")
                .app_data(web::PathConfig::default().error_handler(path_error))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .configure(api)
                .default_service(web::to(unmatched)),
        );
}

/// The routes under `/api/v1`.
fn api(cfg: &mut ServiceConfig) {
    cfg.service(catalog::get)
        .service(catalog::schema)
        .service(eligibility::post)
        .service(auth::register)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::wechat_login)
        .service(auth::wechat_bind)
        .service(claims::claim)
        .service(me::claim)
        .service(me::get)
        .service(me::patch)
        .service(me::change_password)
        .service(admin::list)
        .service(admin::create)
        .service(admin::disable)
        .service(admin::enable)
        .service(admin::rename)
        .service(admin::reset_password)
        .service(admin::record_facts)
        .service(admin::assign)
        .service(admin::audit)
        .service(admin::settings)
        .service(admin::record_setting)
        .service(claims::list)
        .service(claims::decide)
        .service(claims::release)
        .service(claims::merge)
        .service(notices::issue)
        .service(notices::list)
        .service(notices::get)
        .service(notices::act)
        .service(notices::print)
        .service(share::poster)
        .service(requests::file::post)
        .service(requests::read::list)
        .service(requests::read::get)
        .service(requests::read::queue)
        .service(requests::read::contact)
        .service(requests::export::get)
        .service(dashboard::get)
        .service(dashboard::assessment)
        .service(dashboard::report)
        .service(results::json)
        .service(publicity::versions)
        .service(publicity::publish)
        .service(publicity::upload_image)
        .service(publicity::beacon)
        .service(publicity::reach)
        .service(requests::owner::withdraw)
        .service(requests::owner::answer)
        .service(requests::documents::upload)
        .service(requests::documents::download)
        .service(requests::decide::post)
        .service(requests::ledger::owner)
        .service(requests::ledger::staff)
        .service(requests::ledger::record)
        .service(requests::ledger::summary)
        .service(requests::ledger::not_received)
        .service(requests::ledger::export)
        .service(requests::rating::rate)
        .service(requests::rating::get)
        .service(requests::rating::list)
        .service(requests::rating::close)
        .service(requests::rating::appeal)
        .service(requests::rating::review)
        .service(requests::confirmations::create)
        .service(requests::confirmations::list)
        .service(requests::confirmations::get)
        .service(requests::confirmations::staff_template)
        .service(requests::confirmations::by_token)
        .service(requests::confirmations::provider_template)
        .service(requests::confirmations::answer)
        .service(requests::confirmations::upload)
        .service(requests::ledger::receipt)
        .service(requests::ledger::resolution)
        .service(requests::desk_actions::batch_preview)
        .service(requests::desk_actions::batch_approval)
        .service(requests::desk_actions::colleagues)
        .service(requests::desk_actions::handover)
        .service(requests::desk_actions::comment)
        .service(requests::desk_actions::verify_business)
        .service(requests::desk_actions::list_phrases)
        .service(requests::desk_actions::create_phrase)
        .service(requests::desk_actions::update_phrase)
        .service(requests::desk_actions::delete_phrase)
        .service(requests::messages::list)
        .service(requests::messages::read_all)
        .service(requests::messages::read)
        .service(openapi::get);
}
