//! Organisations: ICSs and the trusts and other bodies in them.

use super::{AppState, JsonBody, QueryParams};
use crate::auth::rules::{Action, Target, authorise};
use crate::auth::{Caller, SignedIn};
use crate::error::ApiError;
use crate::store::organisations::NewOrganisationOutcome;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use wgll_shared::FieldError;
use wgll_shared::organisation::{NewOrganisation, OdsCode, Organisation, OrganisationKind};
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
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<Vec<Organisation>>, ApiError> {
    authorise(caller.user(), Action::ListOrganisations, &Target::NONE)?;
    let organisations = match query.ics.as_deref() {
        None | Some("") => state.store.list_organisations().await?,
        Some(ics) => {
            let ics = OdsCode::parse(ics)
                .map_err(|message| ApiError::Invalid(vec![FieldError::new("ics", message)]))?;
            state.store.list_ics_members(&ics).await?
        }
    };
    Ok(Json(organisations))
}

#[utoipa::path(post, path = "/api/organisations", tag = "organisations", request_body = NewOrganisation, security(("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = Organisation),
        (status = 409, description = "The ODS code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_organisation(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    JsonBody(form): JsonBody<NewOrganisation>,
) -> Result<(StatusCode, Json<Organisation>), ApiError> {
    let valid = form.validate().map_err(ApiError::Invalid)?;
    let action =
        if valid.kind == OrganisationKind::Ics { Action::CreateIcs } else { Action::CreateOrganisation };
    let target = Target { organisation: Some(&valid.ods_code), ics: valid.ics_code.as_ref(), reviewers: &[] };
    authorise(Some(&user), action, &target)?;
    let (code, ics) = (valid.ods_code.clone(), valid.ics_code.clone());
    match state.store.create_organisation(valid).await? {
        NewOrganisationOutcome::Created(organisation) => Ok((StatusCode::CREATED, Json(organisation))),
        NewOrganisationOutcome::OdsCodeTaken => Err(ApiError::Conflict(format!(
            "An organisation with ODS code {code} already exists. Open it from the list of organisations instead."
        ))),
        NewOrganisationOutcome::IcsNotFound => Err(ApiError::Invalid(vec![FieldError::new(
            "icsCode",
            format!(
                "There is no ICS with ODS code {}: add the ICS first, or choose one from the list",
                ics.map(String::from).unwrap_or_default()
            ),
        )])),
    }
}

#[utoipa::path(get, path = "/api/organisations/{ods}", tag = "organisations",
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The organisation", body = Organisation),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
) -> Result<Json<Organisation>, ApiError> {
    authorise(caller.user(), Action::ReadOrganisation, &Target::NONE)?;
    Ok(Json(find_organisation(&state, &ods).await?))
}

/// The organisation with this ODS code, or a 404 that says which code was not found.
pub(super) async fn find_organisation(state: &AppState, ods: &str) -> Result<Organisation, ApiError> {
    let missing = || ApiError::NotFound(format!("There is no organisation with ODS code “{ods}”."));
    let code = OdsCode::parse(ods).map_err(|_| missing())?;
    state.store.get_organisation(&code).await?.ok_or_else(missing)
}
