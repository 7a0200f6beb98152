//! A fund's allocation and the year's ICS envelopes: previewed line by line, then saved.

use super::*;

fn is_investment_field(name: &str) -> bool {
    name.strip_prefix("investment-").and_then(|rest| rest.split_once('-')).is_some_and(|(row, part)| {
        row.parse::<usize>().is_ok() && ["name", "recipient", "cost"].contains(&part)
    })
}

fn is_allocation_field(name: &str) -> bool {
    ["version", "recipients", "minimum", "missing"].contains(&name) || is_investment_field(name)
}

/// What an allocation is worked out from, as the JSON API takes it, with each investment's row.
struct AllocationInputs {
    recipients: Vec<String>,
    investments: Vec<Investment>,
    rows: Vec<usize>,
    policy: Option<LevellingUpPolicy>,
}

fn allocation_inputs(form: &Form, errors: &mut Errors) -> AllocationInputs {
    let recipients = form
        .get("recipients")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    let policy = (!form.get("minimum").is_empty()).then(|| {
        let minimum = errors.check("minimum", level(form.get("minimum")));
        let missing = match form.get("missing").trim() {
            "exclude" | "" => Some(MissingLevels::Exclude),
            other => {
                let level = other
                    .strip_prefix("treat-as-")
                    .map(level)
                    .unwrap_or_else(|| Err("Choose what to do".to_owned()));
                errors.check("missing", level).map(MissingLevels::TreatAs)
            }
        };
        LevellingUpPolicy {
            minimum: minimum.unwrap_or(MaturityLevel::MINIMUM_STANDARD),
            missing: missing.unwrap_or(MissingLevels::Exclude),
        }
    });
    let mut rows: Vec<usize> = form
        .0
        .iter()
        .filter(|(name, _)| is_investment_field(name))
        .filter_map(|(name, _)| name.strip_prefix("investment-")?.split('-').next()?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let mut investments = Vec::new();
    let mut kept = Vec::new();
    for row in rows {
        let field = |part: &str| format!("investment-{row}-{part}");
        let (name, recipient, cost) =
            (form.get(&field("name")), form.get(&field("recipient")), form.get(&field("cost")));
        if [name, recipient, cost].iter().all(|typed| typed.trim().is_empty()) {
            continue;
        }
        if name.trim().is_empty() {
            errors.add(&field("name"), "Enter the investment’s name");
        }
        let recipient = errors.check(&field("recipient"), OdsCode::parse(recipient));
        let cost = errors.check(&field("cost"), pounds(cost, "what it costs"));
        if let (Some(recipient), Some(cost)) = (recipient, cost) {
            let rank = u32::try_from(row).unwrap_or(u32::MAX);
            investments.push(Investment { rank, name: name.trim().to_owned(), recipient, cost });
            kept.push(row);
        }
    }
    AllocationInputs { recipients, investments, rows: kept, policy }
}

/// The page's id of a field the allocation request names: `investments[1].cost` is the second
/// investment's row's cost; `recipients[3]` is the recipients' box.
fn allocation_field(rows: &[usize]) -> impl Fn(&str) -> String + '_ {
    move |field: &str| {
        if let Some(rest) = field.strip_prefix("investments[") {
            let (index, part) = rest.split_once(']').unwrap_or((rest, ""));
            let row = index.parse::<usize>().ok().and_then(|index| rows.get(index));
            return match (row, part.strip_prefix('.')) {
                (Some(row), Some(part)) => format!("investment-{row}-{part}"),
                _ => "investments".to_owned(),
            };
        }
        match plain_field(field).as_str() {
            "investments" => "investments".to_owned(),
            "version" => "inputs".to_owned(),
            "pot" | "principle" | "minimum" | "missing" => plain_field(field),
            _ => "recipients".to_owned(),
        }
    }
}

/// The fund's allocation page as saved now, with a preview when one was worked out.
async fn allocation_page(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
    previewed: Option<&Allocation>,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let fund = find_fund(app, user, period, id).await?;
    let saved = saved_view(allocations::view(app, user, period, &AllocationOf::Fund(id.clone())).await)?;
    let recipients = saved.as_ref().map(recipients_of).unwrap_or_default();
    Ok(page(status, allocation_setup::render(&fund.value, saved.as_ref(), previewed, feedback, &recipients)))
}

/// Who shared a saved allocation (its lines and those left out), as the recipients' box shows them.
fn recipients_of(saved: &AllocationView) -> String {
    let mut codes: Vec<String> = saved.lines.iter().map(|line| line.line.recipient().to_string()).collect();
    codes.extend(saved.excluded.iter().flatten().map(|exclusion| exclusion.recipient.to_string()));
    codes.join(", ")
}

#[utoipa::path(get, path = "/api/views/funding-setup/funds/{fund}/allocation", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), YearQuery),
    responses(
        (status = 200, description = "What the fund's allocation is worked out from, as a form to preview it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn allocation_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    allocation_page(&app, &user, &period, &id, None, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/funds/{fund}/allocation/preview", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`recipients` (ODS codes separated by commas or spaces), `minimum` and `missing` (levelling up), `investment-<rank>-name`, `-recipient` and `-cost` (pounds; strategic investment)"),
    responses(
        (status = 200, description = "The allocation worked out, every line with its working, not saved, and a button to save it", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed", body = String, content_type = "text/html"),
    ))]
pub async fn preview_allocation_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) = admin_form(&user, &query, fields, is_allocation_field)?;
    let mut errors = Errors::default();
    let inputs = allocation_inputs(&form, &mut errors);
    let request = AllocationRequest {
        recipients: inputs.recipients,
        investments: inputs.investments,
        policy: inputs.policy,
        version: 0,
    };
    let result = match errors.0.is_empty() {
        true => allocations::preview(&app, &user, &period, &id, request).await,
        false => Err(AppError::Invalid(errors.0)),
    };
    let (status, mut feedback, previewed) =
        feedback(result, |_| None, allocation_field(&inputs.rows), "inputs", Vec::new())?;
    // A preview keeps what was typed: in the form, and in the button that saves it.
    feedback.typed = form.0;
    allocation_page(&app, &user, &period, &id, previewed.as_ref(), status, &feedback).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/funds/{fund}/allocation", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "What was previewed (as the preview's fields) and `version`: the saved allocation's version as read (0 for none)"),
    responses(
        (status = 200, description = "Worked out again and saved: the page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn save_allocation_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) = admin_form(&user, &query, fields, is_allocation_field)?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let inputs = allocation_inputs(&form, &mut errors);
    let request = AllocationRequest {
        recipients: inputs.recipients,
        investments: inputs.investments,
        policy: inputs.policy,
        version,
    };
    let result = match errors.0.is_empty() {
        true => allocations::save_fund_allocation(&app, &user, &period, &id, request).await,
        false => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &SavedAllocation| {
        Some(format!(
            "You saved the allocation (version {}): {} lines, {} unallocated. Each recipient’s lead can see their line now.",
            saved.version,
            saved.lines.len(),
            saved.unallocated
        ))
    };
    let (status, feedback, _) = feedback(result, notice, allocation_field(&inputs.rows), "inputs", form.0)?;
    allocation_page(&app, &user, &period, &id, None, status, &feedback).await
}

fn is_envelopes_field(name: &str) -> bool {
    ["pot", "principle"].contains(&name) || is_allocation_field(name)
}

/// Every ICS's code, as the envelopes' recipients box starts.
async fn every_ics(app: &App, user: &User) -> Result<String, AppError> {
    let organisations = organisations::list(app, Some(user), None).await?;
    let codes: Vec<String> = organisations
        .iter()
        .filter(|organisation| organisation.kind == OrganisationKind::Ics)
        .map(|organisation| organisation.ods_code.to_string())
        .collect();
    Ok(codes.join(", "))
}

async fn envelopes_page(
    app: &App,
    user: &User,
    period: &Period,
    previewed: Option<&Allocation>,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let saved = saved_view(allocations::view(app, user, period, &AllocationOf::Envelopes).await)?;
    let recipients = match &saved {
        Some(saved) => recipients_of(saved),
        None => every_ics(app, user).await?,
    };
    Ok(page(status, envelopes_setup::render(period, saved.as_ref(), previewed, feedback, &recipients)))
}

/// The envelopes form as the JSON API's request, or every error at once.
fn envelopes_request(form: &Form, version: u64) -> (Result<EnvelopesRequest, AppError>, Vec<usize>) {
    let mut errors = Errors::default();
    let pot = errors.check("pot", pounds(form.get("pot"), "the national pot"));
    let principle =
        errors.check("principle", chosen(&Principle::ALL, form.get("principle"), "Choose how it is divided"));
    let inputs = allocation_inputs(form, &mut errors);
    let request = match (pot, principle, errors.0.is_empty()) {
        (Some(pot), Some(principle), true) => Ok(EnvelopesRequest {
            pot,
            principle,
            recipients: inputs.recipients,
            investments: inputs.investments,
            policy: inputs.policy,
            version,
        }),
        _ => Err(AppError::Invalid(errors.0)),
    };
    (request, inputs.rows)
}

#[utoipa::path(get, path = "/api/views/funding-setup/envelopes", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The year's ICS envelopes as saved, and the form to work them out: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn envelopes_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    envelopes_page(&app, &user, &period, None, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/envelopes/preview", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`pot` (pounds), `principle`, and what it needs: `recipients`, `minimum` and `missing`, or `investment-<rank>-name`, `-recipient` and `-cost`"),
    responses(
        (status = 200, description = "The envelopes worked out, every line with its working, not saved, and a button to save them", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed", body = String, content_type = "text/html"),
    ))]
pub async fn preview_envelopes_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) = admin_form(&user, &query, fields, is_envelopes_field)?;
    let (request, rows) = envelopes_request(&form, 0);
    let result = match request {
        Ok(request) => allocations::preview_envelopes(&app, &user, &period, &request).await,
        Err(error) => Err(error),
    };
    let (status, mut feedback, previewed) =
        feedback(result, |_| None, allocation_field(&rows), "inputs", Vec::new())?;
    // A preview keeps what was typed: in the form, and in the button that saves it.
    feedback.typed = form.0;
    envelopes_page(&app, &user, &period, previewed.as_ref(), status, &feedback).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/envelopes", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "What was previewed (as the preview's fields) and `version`: the saved envelopes' version as read (0 for none)"),
    responses(
        (status = 200, description = "Worked out again and saved: the page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since they were read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn save_envelopes_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let (period, form) = admin_form(&user, &query, fields, is_envelopes_field)?;
    let version = form.version()?;
    let (request, rows) = envelopes_request(&form, version);
    let result = match request {
        Ok(request) => allocations::save_envelopes(&app, &user, &period, request).await,
        Err(error) => Err(error),
    };
    let notice = |saved: &SavedAllocation| {
        Some(format!(
            "You saved the ICS envelopes (version {}): {} ICSs, {} unallocated. Each ICS’s lead can see their envelope now.",
            saved.version,
            saved.lines.len(),
            saved.unallocated
        ))
    };
    let (status, feedback, _) = feedback(result, notice, allocation_field(&rows), "inputs", form.0)?;
    envelopes_page(&app, &user, &period, None, status, &feedback).await
}
