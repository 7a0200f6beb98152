//! Adding and changing a year's funds.

use super::*;

/// A fund form's fields as the request the JSON API takes, or every error at once.
fn new_fund(form: &Form, period: &Period, id: &str) -> Result<NewFund, AppError> {
    let mut errors = Errors::default();
    let total = errors.check("total", pounds(form.get("total"), "the total"));
    let capital = errors.check("capital", pounds(form.get("capital"), "the capital part"));
    let revenue = errors.check("revenue", pounds(form.get("revenue"), "the revenue part"));
    let principle = errors
        .check("principle", chosen(&Principle::ALL, form.get("principle"), "Choose how the pot is shared"));
    let category = errors.check(
        "category",
        chosen(&SpendingCategory::ALL, form.get("category"), "Choose what the fund pays for"),
    );
    let mut measures = Vec::new();
    for typed in form.all("measures") {
        if let Some(number) = errors.check("measures", measure(typed)) {
            measures.push(number.get());
        }
    }
    let closing_date = Date::join_parts(
        form.get("closingDate-day"),
        form.get("closingDate-month"),
        form.get("closingDate-year"),
    );
    let amounts_read = total.is_some() && capital.is_some() && revenue.is_some();
    let fund = NewFund {
        id: id.to_owned(),
        name: form.get("name").to_owned(),
        period: period.to_string(),
        total: total.unwrap_or_default(),
        capital: capital.unwrap_or_default(),
        revenue: revenue.unwrap_or_default(),
        closing_date,
        principle: principle.unwrap_or(Principle::FairShares),
        measures,
        category: category.unwrap_or(SpendingCategory::Applications),
    };
    if let Err(found) = fund.validate() {
        for error in found {
            let field = plain_field(&error.field);
            // The sum of the amounts is checked only once each of them could be read.
            if (field == "revenue" && !amounts_read) || errors.has(&field) {
                continue;
            }
            errors.add(&field, error.message);
        }
    }
    if errors.0.is_empty() { Ok(fund) } else { Err(AppError::Invalid(errors.0)) }
}

const FUND_FIELDS: &[&str] = &[
    "version",
    "id",
    "name",
    "total",
    "capital",
    "revenue",
    "closingDate-day",
    "closingDate-month",
    "closingDate-year",
    "principle",
    "measures",
    "category",
];

#[utoipa::path(get, path = "/api/views/funding-setup/new-fund", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The form that adds a fund to the year: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn new_fund_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    Ok(page(StatusCode::OK, fund_setup::render(&period, None, &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/funding-setup/new-fund", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`id`, `name`, `total`, `capital` and `revenue` (pounds), `closingDate-day`, `-month` and `-year`, `principle`, `measures` (one for each), `category`"),
    responses(
        (status = 200, description = "Added: the form again, empty, with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The year has a fund with that id, or is the shipped catalogue's: the form again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the form again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn add_fund_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) =
        admin_form(&user, &query, fields, |name| FUND_FIELDS.contains(&name) && name != "version")?;
    let result = match new_fund(&form, &period, form.get("id")) {
        Ok(fund) => funds::create(&app, &user, &period, fund).await,
        Err(error) => Err(error),
    };
    let notice = |fund: &Versioned<Fund>| {
        Some(format!(
            "You added {} for {period}: {} ({} capital, {} revenue). It is listed with the year’s funds.",
            fund.value.name(),
            fund.value.total(),
            fund.value.capital(),
            fund.value.revenue()
        ))
    };
    let (status, feedback, _) = feedback(result, notice, plain_field, "fund", form.0)?;
    Ok(page(status, fund_setup::render(&period, None, &feedback)))
}

#[utoipa::path(get, path = "/api/views/funding-setup/funds/{fund}", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), YearQuery),
    responses(
        (status = 200, description = "The form that changes the fund, filled in with it as saved: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn fund_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(fund): PathParams<FundId>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    let found = find_fund(&app, &user, &period, &fund).await?;
    Ok(page(StatusCode::OK, fund_setup::render(&period, Some(&found), &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/funding-setup/funds/{fund}", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (as read), `name`, `total`, `capital` and `revenue` (pounds), `closingDate-day`, `-month` and `-year`, `principle`, `measures` (one for each), `category`"),
    responses(
        (status = 200, description = "Changed: the form again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or a shipped fund: the form again, saying so, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the form again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn change_fund_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) =
        admin_form(&user, &query, fields, |name| FUND_FIELDS.contains(&name) && name != "id")?;
    let version = form.version()?;
    let before = find_fund(&app, &user, &period, &id).await?;
    let result = match new_fund(&form, &period, id.as_str()) {
        Ok(fund) => funds::update(&app, &user, &period, &id, FundUpdate { fund, version }).await,
        Err(error) => Err(error),
    };
    let notice =
        |fund: &Versioned<Fund>| Some(format!("You saved {} (version {}).", fund.value.name(), fund.version));
    let (status, feedback, saved) = feedback(result, notice, plain_field, "fund", form.0)?;
    let shown = saved.unwrap_or(before);
    Ok(page(status, fund_setup::render(&period, Some(&shown), &feedback)))
}
