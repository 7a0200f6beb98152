//! Organisations: ICSs and the trusts and other bodies in them (`app::organisations`).

use super::caller::{Caller, SignedIn};
use super::error::ApiError;
use super::{JsonBody, PathParams, QueryParams};
use crate::app::{App, AppError, organisations};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use wgll_shared::organisation::{NewOrganisation, OdsCode, Organisation};
use wgll_shared::problem::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only this ICS and its member organisations.
    #[param(value_type = Option<wgll_shared::organisation::OdsCode>)]
    ics: Option<String>,
}

#[utoipa::path(get, path = "/api/organisations", tag = "organisations", params(ListQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "Organisations sorted by name, or an ICS's members by ODS code", body = Vec<Organisation>),
        (status = 422, description = "The ICS code is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_organisations(
    State(app): State<App>,
    caller: Caller,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<Vec<Organisation>>, ApiError> {
    let ics = match query.ics.as_deref() {
        None | Some("") => None,
        Some(ics) => Some(OdsCode::parse(ics).map_err(|message| AppError::invalid("ics", message))?),
    };
    Ok(Json(organisations::list(&app, caller.user(), ics.as_ref()).await?))
}

#[utoipa::path(post, path = "/api/organisations", tag = "organisations", request_body = NewOrganisation, security(("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = Organisation),
        (status = 409, description = "The ODS code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_organisation(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    JsonBody(form): JsonBody<NewOrganisation>,
) -> Result<(StatusCode, Json<Organisation>), ApiError> {
    Ok((StatusCode::CREATED, Json(organisations::create(&app, &user, form).await?)))
}

#[utoipa::path(get, path = "/api/organisations/{ods}", tag = "organisations",
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The organisation", body = Organisation),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_organisation(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Json<Organisation>, ApiError> {
    Ok(Json(organisations::get(&app, caller.user(), &ods).await?))
}
