//! An ICS's default split between its providers and programmes.

use super::*;

fn is_split_field(name: &str) -> bool {
    name == "version"
        || name.strip_prefix("line-").and_then(|rest| rest.split_once('-')).is_some_and(|(row, part)| {
            row.parse::<usize>().is_ok() && ["provider", "programme", "weight", "basis"].contains(&part)
        })
}

async fn split_page(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let system = changes::view(app, user, period, ics).await?;
    let members = organisations::list(app, Some(user), Some(ics)).await?;
    let found = members
        .iter()
        .find(|member| &member.ods_code == ics)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("There is no ICS with ODS code “{ics}”.")))?;
    let envelope = saved_view(allocations::view(app, user, period, &AllocationOf::Envelopes).await)?
        .and_then(|view| view.lines.into_iter().find(|line| line.line.recipient() == ics))
        .map(|line| line.line.amount().to_string());
    let split = system.allocation.as_ref();
    Ok(page(
        status,
        envelopes_setup::render_split(&found, period, &members, envelope.as_deref(), split, feedback),
    ))
}

#[utoipa::path(get, path = "/api/views/funding-setup/ics/{ics}/split", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), YearQuery),
    responses(
        (status = 200, description = "The ICS's envelope and the form that splits it by provider and programme: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn split_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ManageFunding, &Target::of_ics(Some(&ics)))?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    split_page(&app, &user, &period, &ics, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/ics/{ics}/split", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (the split's as read, 0 for none) and, for each line, `line-<n>-provider`, `-programme` (a fund's id), `-weight` (a whole number) and `-basis`"),
    responses(
        (status = 200, description = "Split and saved: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No envelope yet, or changed by someone else since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn split_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ManageFunding, &Target::of_ics(Some(&ics)))?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, is_split_field)?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let mut rows: Vec<usize> = form
        .0
        .iter()
        .filter_map(|(name, _)| name.strip_prefix("line-")?.split('-').next()?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let (mut weights, mut kept) = (Vec::new(), Vec::new());
    for row in rows {
        let field = |part: &str| format!("line-{row}-{part}");
        let (programme, weight) = (form.get(&field("programme")), form.get(&field("weight")));
        if programme.trim().is_empty() && weight.trim().is_empty() {
            continue;
        }
        let provider = errors.check(&field("provider"), OdsCode::parse(form.get(&field("provider"))));
        let programme = errors.check(&field("programme"), FundId::parse(programme));
        let weight = errors.check(&field("weight"), whole(weight, "the weight"));
        if let (Some(provider), Some(programme), Some(weight)) = (provider, programme, weight) {
            let basis = form.get(&field("basis")).trim().to_owned();
            weights.push(DefaultWeight { provider, programme, weight, basis });
            kept.push(row);
        }
    }
    if weights.is_empty() && errors.0.is_empty() {
        errors.add("lines", "Enter at least one line: a provider, a programme and a weight");
    }
    let result = match errors.0.is_empty() {
        true => {
            changes::set_default(&app, &user, &period, &ics, DefaultAllocationRequest { weights, version })
                .await
        }
        false => Err(AppError::Invalid(errors.0)),
    };
    let field_of = |field: &str| -> String {
        let Some(rest) = field.strip_prefix("weights[") else {
            return if field.starts_with("line-") { field.to_owned() } else { "lines".to_owned() };
        };
        let (index, part) = rest.split_once(']').unwrap_or((rest, ""));
        match (index.parse::<usize>().ok().and_then(|index| kept.get(index)), part.strip_prefix('.')) {
            (Some(row), Some(part)) => format!("line-{row}-{part}"),
            _ => "lines".to_owned(),
        }
    };
    let notice = |saved: &Versioned<SystemAllocation>| {
        Some(format!(
            "You saved {ics}’s split (version {}): {} lines, total {}. The ICS’s lead sees it on the ICS’s funding page.",
            saved.version,
            saved.value.lines().len(),
            saved.value.total()
        ))
    };
    let (status, feedback, _) = feedback(result, notice, field_of, "split-form", form.0)?;
    split_page(&app, &user, &period, &ics, status, &feedback).await
}
