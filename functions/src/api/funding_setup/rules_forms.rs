//! The year's rules: the principle suggestion's thresholds and the earned-autonomy rules.

use super::*;

async fn settings_page(
    app: &App,
    user: &User,
    period: &Period,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let thresholds = settings::suggestion_thresholds(app, user, period).await?;
    let rules = settings::autonomy_rules(app, user, period).await?;
    Ok(page(status, rules_page::render(period, &thresholds, &rules, feedback)))
}

#[utoipa::path(get, path = "/api/views/funding-setup/settings", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The year's suggestion thresholds and earned-autonomy rules as forms: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn settings_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    settings_page(&app, &user, &period, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/settings/thresholds", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (as read), `minimum` (a level), `significantShareBelowPercent` (0 to 100), `wideSpreadLevels` (0 to 4)"),
    responses(
        (status = 200, description = "Saved: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since they were read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn thresholds_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) = admin_form(&user, &query, fields, |name| {
        ["version", "minimum", "significantShareBelowPercent", "wideSpreadLevels"].contains(&name)
    })?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let minimum = errors.check("minimum", level(form.get("minimum")));
    let share = errors.check(
        "significantShareBelowPercent",
        small(form.get("significantShareBelowPercent"), "a percentage", 100),
    );
    let spread =
        errors.check("wideSpreadLevels", small(form.get("wideSpreadLevels"), "a number of levels", 4));
    let result = match (minimum, share, spread) {
        (Some(minimum), Some(significant_share_below_percent), Some(wide_spread_levels)) => {
            let thresholds =
                SuggestionThresholds { minimum, significant_share_below_percent, wide_spread_levels };
            funds::save_thresholds(&app, &user, &period, ThresholdsUpdate { thresholds, version }).await
        }
        _ => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &Versioned<SuggestionThresholds>| {
        Some(format!("You saved the thresholds for {period} (version {}).", saved.version))
    };
    let field_of = |field: &str| field.strip_prefix("thresholds.").unwrap_or(field).to_owned();
    let (status, feedback, _) = feedback(result, notice, field_of, "thresholds", form.0)?;
    settings_page(&app, &user, &period, status, &feedback).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/settings/autonomy-rules", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (as read), `reviewsFrom` (a financial year), `governanceMeasure`, `governanceMinimum`, `digitisationMeasures` (one for each), `digitisationMinimum`, `memberCoveragePercent` (0 to 100), `memberMinimum`"),
    responses(
        (status = 200, description = "Saved: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since they were read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn autonomy_rules_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) = admin_form(&user, &query, fields, |name| {
        [
            "version",
            "reviewsFrom",
            "governanceMeasure",
            "governanceMinimum",
            "digitisationMeasures",
            "digitisationMinimum",
            "memberCoveragePercent",
            "memberMinimum",
        ]
        .contains(&name)
    })?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let reviews_from = errors.check("reviewsFrom", Period::parse(form.get("reviewsFrom")));
    let governance_measure = errors.check("governanceMeasure", measure(form.get("governanceMeasure")));
    let governance_minimum = errors.check("governanceMinimum", level(form.get("governanceMinimum")));
    let mut digitisation_measures = Vec::new();
    for typed in form.all("digitisationMeasures") {
        digitisation_measures.extend(errors.check("digitisationMeasures", measure(typed)));
    }
    digitisation_measures.sort_unstable();
    digitisation_measures.dedup();
    if digitisation_measures.is_empty() && !errors.has("digitisationMeasures") {
        errors.add("digitisationMeasures", "Choose at least one measure");
    }
    let digitisation_minimum = errors.check("digitisationMinimum", level(form.get("digitisationMinimum")));
    let coverage =
        errors.check("memberCoveragePercent", small(form.get("memberCoveragePercent"), "a percentage", 100));
    let member_minimum = errors.check("memberMinimum", level(form.get("memberMinimum")));
    let result = match (
        reviews_from,
        governance_measure,
        governance_minimum,
        digitisation_minimum,
        coverage,
        member_minimum,
        errors.0.is_empty(),
    ) {
        (
            Some(reviews_from),
            Some(governance_measure),
            Some(governance_minimum),
            Some(digitisation_minimum),
            Some(member_coverage_percent),
            Some(member_minimum),
            true,
        ) => {
            let rules = AutonomyRules {
                period: period.clone(),
                reviews_from,
                governance_measure,
                governance_minimum,
                digitisation_measures,
                digitisation_minimum,
                member_coverage_percent,
                member_minimum,
            };
            autonomy::save_rules(&app, &user, &period, AutonomyRulesUpdate { rules, version }).await
        }
        _ => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &Versioned<AutonomyRules>| {
        Some(format!(
            "You saved the earned-autonomy rules for {period} (version {}). Each ICS’s funding page assesses it under them now.",
            saved.version
        ))
    };
    let field_of = |field: &str| field.strip_prefix("rules.").unwrap_or(field).to_owned();
    let (status, feedback, _) = feedback(result, notice, field_of, "autonomy-rules", form.0)?;
    settings_page(&app, &user, &period, status, &feedback).await
}
