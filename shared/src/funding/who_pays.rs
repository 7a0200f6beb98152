//! Who pays for what (NHSX, "Who Pays for What?", proposals for 2022/23 onwards): from 2022/23 an
//! ICS funds the delivery of its tech plans from its own budgets, and national funding covers what
//! only makes sense nationally. Each kind of spending below is one line of that slide's table, in
//! its order, so a fund (or a bid) can say which side of the line it falls on.

use serde::{Deserialize, Serialize};

/// Which budget pays for a kind of spending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Payer {
    /// The ICS, from its allocation (including core budgets).
    Ics,
    /// National funding.
    National,
}

impl Payer {
    pub fn label(self) -> &'static str {
        match self {
            Payer::Ics => "ICS-funded",
            Payer::National => "Nationally funded",
        }
    }
}

/// A kind of tech spending, as the "ICS funding / National funding" table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SpendingCategory {
    // ICS funding (including core budgets)
    /// Applications such as EPRs (procurement, development and management).
    Applications,
    CloudAndDataCentres,
    /// Core kit and supplies including laptops, printers, telecoms and networks.
    CoreKit,
    LocalCybersecurity,
    ItProgrammeManagement,
    Training,
    ItServiceManagement,
    /// System transformation, for example shared care records.
    SystemTransformation,
    // National funding
    /// National products such as the NHS App.
    NationalProducts,
    NationalInfrastructure,
    /// Pilots linked to the NHS Long Term Plan commitments, in advance of national scaling.
    PilotsBeforeNationalScaling,
    /// Things that need to be done across multiple ICS areas (such as Office 365).
    AcrossManyIcss,
}

impl SpendingCategory {
    /// In the order of the slide: the ICS column, then the national one.
    pub const ALL: [SpendingCategory; 12] = [
        SpendingCategory::Applications,
        SpendingCategory::CloudAndDataCentres,
        SpendingCategory::CoreKit,
        SpendingCategory::LocalCybersecurity,
        SpendingCategory::ItProgrammeManagement,
        SpendingCategory::Training,
        SpendingCategory::ItServiceManagement,
        SpendingCategory::SystemTransformation,
        SpendingCategory::NationalProducts,
        SpendingCategory::NationalInfrastructure,
        SpendingCategory::PilotsBeforeNationalScaling,
        SpendingCategory::AcrossManyIcss,
    ];

    /// The eight an ICS pays for from its own budgets: what an organisation's tech spend is
    /// recorded by (`crate::tech_spend`).
    pub const ICS_FUNDED: [SpendingCategory; 8] = [
        SpendingCategory::Applications,
        SpendingCategory::CloudAndDataCentres,
        SpendingCategory::CoreKit,
        SpendingCategory::LocalCybersecurity,
        SpendingCategory::ItProgrammeManagement,
        SpendingCategory::Training,
        SpendingCategory::ItServiceManagement,
        SpendingCategory::SystemTransformation,
    ];

    /// As the API writes it: `cloud-and-data-centres`.
    pub fn code(self) -> &'static str {
        match self {
            SpendingCategory::Applications => "applications",
            SpendingCategory::CloudAndDataCentres => "cloud-and-data-centres",
            SpendingCategory::CoreKit => "core-kit",
            SpendingCategory::LocalCybersecurity => "local-cybersecurity",
            SpendingCategory::ItProgrammeManagement => "it-programme-management",
            SpendingCategory::Training => "training",
            SpendingCategory::ItServiceManagement => "it-service-management",
            SpendingCategory::SystemTransformation => "system-transformation",
            SpendingCategory::NationalProducts => "national-products",
            SpendingCategory::NationalInfrastructure => "national-infrastructure",
            SpendingCategory::PilotsBeforeNationalScaling => "pilots-before-national-scaling",
            SpendingCategory::AcrossManyIcss => "across-many-icss",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|category| category.code() == code)
    }

    pub fn payer(self) -> Payer {
        match self {
            SpendingCategory::NationalProducts
            | SpendingCategory::NationalInfrastructure
            | SpendingCategory::PilotsBeforeNationalScaling
            | SpendingCategory::AcrossManyIcss => Payer::National,
            _ => Payer::Ics,
        }
    }

    /// The slide's words.
    pub fn label(self) -> &'static str {
        match self {
            SpendingCategory::Applications => "Applications such as EPRs",
            SpendingCategory::CloudAndDataCentres => "Cloud services and data centres",
            SpendingCategory::CoreKit => {
                "Core kit and supplies including laptops, printers, telecoms and networks"
            }
            SpendingCategory::LocalCybersecurity => "Local cybersecurity measures",
            SpendingCategory::ItProgrammeManagement => "IT programme management",
            SpendingCategory::Training => "Training",
            SpendingCategory::ItServiceManagement => "IT service management",
            SpendingCategory::SystemTransformation => {
                "System transformation, for example shared care records"
            }
            SpendingCategory::NationalProducts => "National products such as the NHS App",
            SpendingCategory::NationalInfrastructure => "National infrastructure",
            SpendingCategory::PilotsBeforeNationalScaling => {
                "Pilots linked to the NHS Long Term Plan commitments in advance of national scaling"
            }
            SpendingCategory::AcrossManyIcss => {
                "Things that need to be done across multiple ICS areas (such as Office 365)"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_the_api_s_name_and_reads_back() {
        for category in SpendingCategory::ALL {
            assert_eq!(serde_json::to_value(category).unwrap(), serde_json::json!(category.code()));
            assert_eq!(SpendingCategory::parse(category.code()), Some(category));
        }
        assert!(SpendingCategory::ICS_FUNDED.iter().all(|category| category.payer() == Payer::Ics));
        assert_eq!(SpendingCategory::parse("cloud"), None);
    }

    #[test]
    fn the_slide_puts_eight_kinds_of_spending_on_the_ics_and_four_on_the_nation() {
        let ics: Vec<SpendingCategory> =
            SpendingCategory::ALL.into_iter().filter(|category| category.payer() == Payer::Ics).collect();
        assert_eq!(ics.len(), 8);
        assert_eq!(&SpendingCategory::ALL[..8], ics.as_slice(), "the ICS column comes first");
        assert_eq!(SpendingCategory::SystemTransformation.payer(), Payer::Ics, "shared care records");
        assert_eq!(SpendingCategory::NationalProducts.payer(), Payer::National, "the NHS App");
        assert_eq!(SpendingCategory::AcrossManyIcss.payer(), Payer::National, "Office 365");
        assert_eq!(SpendingCategory::PilotsBeforeNationalScaling.payer(), Payer::National);
        assert_eq!(
            serde_json::to_string(&SpendingCategory::LocalCybersecurity).unwrap(),
            "\"local-cybersecurity\""
        );
    }
}
