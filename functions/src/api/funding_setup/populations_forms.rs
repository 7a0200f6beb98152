//! Weighted populations: the list for a year and the form that records one.

use super::*;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PopulationsQuery {
    /// Financial year, e.g. `2025/26`; the newest with funds when left out.
    #[param(value_type = Option<Period>)]
    period: Option<String>,
    /// The recipient whose figure to change in the form.
    #[param(value_type = Option<OdsCode>)]
    ods: Option<String>,
}

async fn populations_page(
    app: &App,
    user: &User,
    period: &Period,
    editing: Option<&str>,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let recorded = funds::populations(app, user, period).await?;
    let editing = editing.and_then(|ods| {
        recorded
            .iter()
            .find(|record| record.value.population.recipient.as_str().eq_ignore_ascii_case(ods.trim()))
    });
    Ok(page(status, populations::render(period, &recorded, editing, feedback)))
}

#[utoipa::path(get, path = "/api/views/funding-setup/populations", tag = "views", security(("bearer" = [])),
    params(PopulationsQuery),
    responses(
        (status = 200, description = "Every weighted population recorded for the year, and the form that records one: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn populations_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<PopulationsQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    populations_page(&app, &user, &period, query.ods.as_deref(), StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/populations", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`ods`, `weightedPopulation` (a whole number), `source`, `version` (as read, 0 for a new one)"),
    responses(
        (status = 200, description = "Recorded: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Recorded already, or changed by someone else since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn record_population_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) = admin_form(&user, &query, fields, |name| {
        ["version", "ods", "weightedPopulation", "source"].contains(&name)
    })?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let ods = errors.check("ods", OdsCode::parse(form.get("ods")));
    let figure =
        errors.check("weightedPopulation", whole(form.get("weightedPopulation"), "the weighted population"));
    let source = form.get("source").to_owned();
    if source.trim().is_empty() {
        errors.add("source", "Enter where the figure comes from");
    }
    let result = match (ods.as_ref(), figure, errors.0.is_empty()) {
        (Some(ods), Some(weighted_population), true) => {
            let update = PopulationUpdate { weighted_population, source, version };
            match funds::save_population(&app, &user, &period, ods, update).await {
                Err(AppError::NotFound(message)) => Err(AppError::invalid("ods", message)),
                other => other,
            }
        }
        _ => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &Versioned<PopulationRecord>| {
        Some(format!(
            "You recorded {}’s weighted population for {period}: {} (version {}).",
            saved.value.population.recipient,
            wgll_shared::funding::money::group(u128::from(saved.value.population.weighted_population)),
            saved.version
        ))
    };
    let (status, feedback, saved) = feedback(result, notice, plain_field, "population", form.0.clone())?;
    // Saved: the form is empty again. Not saved: it keeps the recipient it was changing.
    let editing = if saved.is_some() { None } else { Some(form.get("ods")) };
    let editing = editing.filter(|_| version > 0);
    populations_page(&app, &user, &period, editing, status, &feedback).await
}
