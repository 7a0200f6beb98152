//! The constraints the API enforces, as JSON Schema for its OpenAPI description, so that a client
//! (or a generated one) knows what will be accepted before it sends anything. Each is built from
//! the constants of the rule that enforces it (`OdsCode::PATTERN`, `NAME_MAX`, `Period::all`…),
//! which sit beside that rule, so the two cannot drift; where a rule is code and its constraint a
//! pattern, a unit test beside the rule checks they accept the same values.
//!
//! Request types keep what a person typed as strings (see ARCHITECTURE.md), so their fields name
//! these with `schema(value_type = …)` (a named schema: `OdsCode`, `Period`, `Date`…) or
//! `schema(schema_with = …)` (free text of a given length). Only the API's build has this module
//! (the `openapi` feature); the browser app has no use for it.

use crate::access::Role;
use crate::framework;
use crate::maturity::MaturityLevel;
use crate::offer;
use crate::organisation::{self, NewOrganisation, OdsCode, OrganisationKind};
use crate::period::Period;
use crate::review::REVIEWERS_MAX;
use crate::validation;
use std::borrow::Cow;
use utoipa::openapi::schema::{
    AdditionalProperties, Array, ArrayBuilder, KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type,
};
use utoipa::openapi::{Object, Ref, RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

/// A small whole number. (`int32`, as utoipa says of a `u8`: without a format, generators send
/// whole numbers written as `2.0` too, which JSON Schema allows and serde refuses.)
fn integer(minimum: u8, maximum: u8) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
        .minimum(Some(minimum))
        .maximum(Some(maximum))
}

/// Free text of at most `MAX` characters, as [`validation::text`] accepts it for an optional
/// field (it trims spaces first, so it accepts a little more than this says).
pub fn text<const MAX: usize>() -> Object {
    string().max_length(Some(MAX)).pattern(Some(validation::TEXT_PATTERN)).build()
}

/// As [`text`], for a field that must not be left empty.
pub fn required_text<const MAX: usize>() -> Object {
    string()
        .min_length(Some(1))
        .max_length(Some(MAX))
        .pattern(Some(validation::REQUIRED_TEXT_PATTERN))
        .build()
}

/// A statement's id (`framework::STATEMENT_ID_PATTERN`). Which ids a measure has depends on the
/// measure and the kind of organisation reviewed, which a schema of the body cannot see.
pub fn statement_id() -> Object {
    string().pattern(Some(framework::STATEMENT_ID_PATTERN)).examples(["org.1.3"]).build()
}

/// The web links an assessment's statement records (`assessment::link`).
pub fn statement_links() -> Array {
    let link = string()
        .max_length(Some(crate::assessment::LINK_MAX))
        .pattern(Some(crate::assessment::LINK_PATTERN))
        .build();
    ArrayBuilder::new().items(link).max_items(Some(crate::assessment::LINKS_MAX)).build()
}

/// The optional source link of a service record (`offer::source_link`): empty, or a web address.
pub fn source_link() -> Object {
    string().max_length(Some(offer::SOURCE_MAX)).pattern(Some(offer::SOURCE_PATTERN)).build()
}

/// The optional link for patients of a service record (`offer::public_link`): empty, or an https
/// address.
pub fn public_link() -> Object {
    string().max_length(Some(offer::SOURCE_MAX)).pattern(Some(offer::PUBLIC_LINK_PATTERN)).build()
}

/// An optional month, `YYYY-MM` (`date::optional_month`): empty, or a month of a year in
/// [`date::YEARS`].
pub fn optional_month() -> Object {
    string().pattern(Some(crate::date::OPTIONAL_MONTH_PATTERN)).examples(["2024-03"]).build()
}

/// A month, `YYYY-MM` (`date::Month`).
impl PartialSchema for crate::date::Month {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some("A month, `YYYY-MM`."))
            .pattern(Some(crate::date::MONTH_PATTERN))
            .examples(["2024-03"])
            .into()
    }
}

impl ToSchema for crate::date::Month {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Month")
    }
}

/// The reviewers of a review (`review::NewReview::validate`): 1 to [`REVIEWERS_MAX`] email
/// addresses (blank ones are left out and repeats counted once).
pub fn reviewers() -> Array {
    ArrayBuilder::new()
        .items(crate::email::Email::schema())
        .min_items(Some(1))
        .max_items(Some(REVIEWERS_MAX))
        .build()
}

/// The format tag an import must carry (`export::FORMAT`).
pub fn export_format() -> Object {
    string().enum_values(Some([crate::export::FORMAT])).build()
}

/// The development sign-in's groups (`Role::GROUP_PATTERN`).
pub fn groups() -> Array {
    let group = string().pattern(Some(Role::group_pattern())).examples(["ics-lead:QWO"]).build();
    ArrayBuilder::new().items(group).build()
}

/// Who may be added, as [`NewOrganisation::validate`] checks it: an ICS, which belongs to no
/// other, or an organisation of another kind in an ICS (`icsCode`, which must exist already).
impl PartialSchema for NewOrganisation {
    fn schema() -> RefOr<Schema> {
        let form = |kinds: Vec<&str>| {
            ObjectBuilder::new()
                .property("odsCode", Ref::from_schema_name(OdsCode::name()))
                .property("name", required_text::<{ organisation::NAME_MAX }>())
                .property("kind", string().enum_values(Some(kinds)))
                .property("town", text::<{ organisation::TOWN_MAX }>())
                .required("odsCode")
                .required("name")
                .required("kind")
                .additional_properties(Some(AdditionalProperties::FreeForm(false)))
        };
        let (ics, members): (Vec<OrganisationKind>, Vec<OrganisationKind>) =
            OrganisationKind::ALL.into_iter().partition(|kind| *kind == OrganisationKind::Ics);
        let codes = |kinds: Vec<OrganisationKind>| kinds.into_iter().map(OrganisationKind::code).collect();
        OneOfBuilder::new()
            .description(Some("The form for adding an organisation: an ICS, or an organisation in an ICS."))
            .item(form(codes(ics)).title(Some("An ICS")).property(
                "region",
                string().enum_values(Some(crate::regions::Region::ALL.map(crate::regions::Region::code))),
            ))
            .item(
                form(codes(members))
                    .title(Some("An organisation in an ICS"))
                    .property("icsCode", Ref::from_schema_name(OdsCode::name()))
                    .required("icsCode"),
            )
            .into()
    }
}

impl ToSchema for NewOrganisation {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((OdsCode::name().into_owned(), OdsCode::schema()));
    }
}

impl PartialSchema for OdsCode {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some(
                "An ODS code: 3 to 6 letters and digits with at least one letter, e.g. `RR8` (a trust), \
                 `QWO` (an ICB) or `B86001` (a GP practice). Either case is accepted; it is stored upper case.",
            ))
            .min_length(Some(OdsCode::MIN_LEN))
            .max_length(Some(OdsCode::MAX_LEN))
            .pattern(Some(OdsCode::PATTERN))
            .examples(["RR8"])
            .into()
    }
}

impl ToSchema for OdsCode {}

impl PartialSchema for Period {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some(
                "An NHS financial year, April to March, written `2025/26` (`2025-26` is accepted too).",
            ))
            .enum_values(Some(Period::all().map(String::from)))
            .examples(["2025/26"])
            .into()
    }
}

impl ToSchema for Period {}

impl PartialSchema for MaturityLevel {
    fn schema() -> RefOr<Schema> {
        integer(MaturityLevel::MIN, MaturityLevel::MAX)
            .description(Some("A maturity level, 1 (initial) to 5 (optimised)."))
            .into()
    }
}

impl ToSchema for MaturityLevel {}

/// A success measure's number, as a path or a request gives it.
impl PartialSchema for framework::MeasureNumber {
    fn schema() -> RefOr<Schema> {
        integer(framework::FIRST_MEASURE, framework::LAST_MEASURE)
            .description(Some("A success measure of the framework, by its number."))
            .into()
    }
}

impl ToSchema for framework::MeasureNumber {}

/// A framework version's id: one of those compiled in.
pub struct FrameworkId;

impl PartialSchema for FrameworkId {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some("A version of the framework, by its id."))
            .enum_values(Some(framework::all().map(|framework| framework.id.to_string())))
            .into()
    }
}

impl ToSchema for FrameworkId {}

/// A service's id in the digital offer's catalogue.
impl PartialSchema for offer::ServiceId {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some("A service of the digital offer's catalogue, by its id."))
            .enum_values(Some(offer::catalogue::SERVICES.iter().map(|service| service.id)))
            .into()
    }
}

impl ToSchema for offer::ServiceId {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ServiceId")
    }
}

/// A calendar date, `YYYY-MM-DD` (`date::Date`).
impl PartialSchema for crate::date::Date {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some(format!(
                "A date, `YYYY-MM-DD`, from {} to {}.",
                crate::date::YEARS.start(),
                crate::date::YEARS.end()
            )))
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .pattern(Some(crate::date::DATE_PATTERN))
            .examples(["2026-11-24"])
            .into()
    }
}

impl ToSchema for crate::date::Date {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Date")
    }
}

/// A moment, as `timestamp::Timestamp` writes it.
impl PartialSchema for crate::timestamp::Timestamp {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some("A moment in UTC, to the millisecond."))
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .pattern(Some(crate::timestamp::TIMESTAMP_PATTERN))
            .examples(["2026-12-03T10:15:00.000Z"])
            .into()
    }
}

impl ToSchema for crate::timestamp::Timestamp {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Timestamp")
    }
}

/// The schema of a server-given id (`ids::ReviewId`, `ids::ActionId`): a UUID.
macro_rules! uuid_schema {
    ($name:ident, $description:literal) => {
        impl PartialSchema for crate::ids::$name {
            fn schema() -> RefOr<Schema> {
                string()
                    .description(Some($description))
                    .format(Some(SchemaFormat::Custom("uuid".to_owned())))
                    .pattern(Some(crate::ids::UUID_PATTERN))
                    .examples(["0f8fad5b-d9cb-469f-a165-70867728950e"])
                    .into()
            }
        }

        impl ToSchema for crate::ids::$name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
        }
    };
}

uuid_schema!(ReviewId, "A review's id, as the server gave it.");
uuid_schema!(ActionId, "A planned action's id, as the server gave it.");
uuid_schema!(ChangeId, "A proposed change's id, as the server gave it.");
uuid_schema!(EvidenceId, "An evidence document's id, as the server gave it.");
uuid_schema!(BidId, "A bid's id, as the server gave it.");
uuid_schema!(BenefitId, "A benefit's id, as the server gave it.");

/// An amount of money in whole pence (`funding::Pence`): never a float.
impl PartialSchema for crate::funding::Pence {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .minimum(Some(0))
            .description(Some("An amount of money in pence: £1,234.56 is 123456."))
            .examples([123_456])
            .into()
    }
}

impl ToSchema for crate::funding::Pence {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Pence")
    }
}

/// A fund's id (`funding::FundId`).
impl PartialSchema for crate::funding::FundId {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some("A fund's id: lower-case letters and numbers joined by single hyphens."))
            .min_length(Some(1))
            .max_length(Some(crate::funding::fund::ID_MAX))
            .pattern(Some(crate::funding::fund::ID_PATTERN))
            .examples(["shared-care-records"])
            .into()
    }
}

impl ToSchema for crate::funding::FundId {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("FundId")
    }
}

/// An email address as [`crate::email::Email`] is.
impl PartialSchema for crate::email::Email {
    fn schema() -> RefOr<Schema> {
        string()
            .description(Some("An email address; either case is accepted, and it is stored lower case."))
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
            .max_length(Some(crate::email::EMAIL_MAX))
            .pattern(Some(crate::email::EMAIL_PATTERN))
            .examples(["jo.bloggs@nhs.net"])
            .into()
    }
}

impl ToSchema for crate::email::Email {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("EmailAddress")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The written-out schema of the form names every field the form has, and no other.
    #[test]
    fn the_new_organisation_schema_has_the_forms_fields() {
        let form = serde_json::to_value(NewOrganisation::default()).unwrap();
        let mut fields: Vec<&str> = form.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        let schema = serde_json::to_value(NewOrganisation::schema()).unwrap();
        let mut described: Vec<&str> = schema["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|form| form["properties"].as_object().unwrap().keys().map(String::as_str))
            .collect();
        described.sort_unstable();
        described.dedup();
        assert_eq!(described, fields);
        assert_eq!(schema["oneOf"][0]["properties"]["kind"]["enum"], serde_json::json!(["ics"]));
        assert_eq!(schema["oneOf"][1]["required"], serde_json::json!(["odsCode", "name", "kind", "icsCode"]));
    }
}
