//! The move to system allocations ("Who Pays for What?", transition from 2022/23): a national pot
//! divided into ICS envelopes by one of the three principles, and each ICS's envelope divided by
//! default between its providers and programmes, which the ICS may then change net-neutrally
//! (see `changes`).

use super::allocation::{Allocation, AllocationError, ShareWorking, largest_remainder};
use super::fund::FundId;
use super::money::Pence;
use super::principles::levelling_up::{self, LevellingUpPolicy};
use super::principles::{fair_shares, strategic};
use super::published::PublishedLevels;
use crate::FieldError;
use crate::framework::MeasureNumber;
use crate::organisation::{OdsCode, Organisation, OrganisationKind};
use crate::period::Period;
use serde::{Deserialize, Serialize};

/// What a national pot is divided between ICSs by.
#[derive(Debug, Clone, PartialEq)]
pub enum EnvelopeBasis {
    FairShares(Vec<fair_shares::WeightedPopulation>),
    LevellingUp {
        icss: Vec<OdsCode>,
        measures: Vec<MeasureNumber>,
        /// The ICSs' own published peer reviews.
        reviews: Vec<PublishedLevels>,
        policy: LevellingUpPolicy,
    },
    StrategicInvestment(Vec<strategic::Investment>),
}

impl EnvelopeBasis {
    fn recipients(&self) -> Vec<&OdsCode> {
        match self {
            EnvelopeBasis::FairShares(populations) => populations.iter().map(|p| &p.recipient).collect(),
            EnvelopeBasis::LevellingUp { icss, .. } => icss.iter().collect(),
            EnvelopeBasis::StrategicInvestment(investments) => {
                investments.iter().map(|i| &i.recipient).collect()
            }
        }
    }
}

/// A national pot divided into ICS envelopes, by the same engine as any other allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IcsEnvelopes {
    period: Period,
    allocation: Allocation,
}

impl IcsEnvelopes {
    /// Divides `pot` for `period` between ICSs by `basis`. Every recipient must be one of
    /// `organisations` and an ICS: an envelope goes to a system, never straight to a provider.
    pub fn divide(
        pot: Pence,
        period: Period,
        organisations: &[Organisation],
        basis: &EnvelopeBasis,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (index, recipient) in basis.recipients().into_iter().enumerate() {
            match organisations.iter().find(|organisation| &organisation.ods_code == recipient) {
                Some(organisation) if organisation.kind == OrganisationKind::Ics => {}
                Some(organisation) => errors.push(FieldError::new(
                    &format!("recipients[{index}]"),
                    format!("{recipient} ({}) is not an ICS: envelopes go to systems", organisation.name),
                )),
                None => errors.push(FieldError::new(
                    &format!("recipients[{index}]"),
                    format!("There is no organisation {recipient}"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let allocation = match basis {
            EnvelopeBasis::FairShares(populations) => fair_shares::allocate(pot, populations),
            EnvelopeBasis::LevellingUp { icss, measures, reviews, policy } => {
                levelling_up::allocate(pot, measures, icss, reviews, policy)
            }
            EnvelopeBasis::StrategicInvestment(investments) => strategic::allocate(pot, investments),
        }
        .map_err(|error| vec![FieldError::new("recipients", error.to_string())])?;
        Ok(Self { period, allocation })
    }

    pub fn period(&self) -> &Period {
        &self.period
    }
    pub fn allocation(&self) -> &Allocation {
        &self.allocation
    }
    /// One ICS's envelope (£0.00 for an ICS given nothing).
    pub fn envelope(&self, ics: &OdsCode) -> Pence {
        self.allocation.amount_for(ics)
    }
}

/// A line of an ICS's allocation: one provider's money for one programme.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LineKey {
    pub provider: OdsCode,
    /// The programme, named by the fund it comes from.
    pub programme: FundId,
}

impl std::fmt::Display for LineKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}’s {} line", self.provider, self.programme)
    }
}

/// The default weight of one line in an ICS's allocation, and what it is based on (for example a
/// provider's share of the ICS's weighted population times the programme's share of the envelope).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DefaultWeight {
    pub provider: OdsCode,
    pub programme: FundId,
    pub weight: u64,
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SystemLine {
    key: LineKey,
    amount: Pence,
    /// How the default was worked out; none once a change has moved money on this line.
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<(String, ShareWorking)>,
}

impl SystemLine {
    pub fn key(&self) -> &LineKey {
        &self.key
    }
    pub fn amount(&self) -> Pence {
        self.amount
    }
    /// The default's basis and arithmetic, while the line still holds its default amount.
    pub fn default_working(&self) -> Option<&(String, ShareWorking)> {
        self.default.as_ref()
    }
}

/// An ICS's envelope for a year, divided between its providers and programmes. Its lines always
/// add up to its total exactly, and each line appears once, in order of provider then programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SystemAllocation {
    ics: OdsCode,
    period: Period,
    total: Pence,
    lines: Vec<SystemLine>,
}

impl SystemAllocation {
    /// The default allocation: `envelope` divided in proportion to `weights` by the largest
    /// remainder method (ties by provider's ODS code, then programme id).
    pub fn default_for(
        ics: OdsCode,
        period: Period,
        envelope: Pence,
        weights: &[DefaultWeight],
    ) -> Result<Self, AllocationError> {
        let keyed: Vec<(LineKey, u64)> = weights
            .iter()
            .map(|entry| {
                (
                    LineKey { provider: entry.provider.clone(), programme: entry.programme.clone() },
                    entry.weight,
                )
            })
            .collect();
        let lines = largest_remainder(envelope, &keyed)?
            .into_iter()
            .map(|(key, share)| {
                let basis = weights
                    .iter()
                    .find(|entry| entry.provider == key.provider && entry.programme == key.programme)
                    .map(|entry| entry.basis.clone())
                    .unwrap_or_default();
                SystemLine { amount: share.amount(), default: Some((basis, share)), key }
            })
            .collect();
        Ok(Self { ics, period, total: envelope, lines })
    }

    /// The allocation with each line moved by the given signed amounts. Only `changes` calls
    /// this, after checking the moves are net-neutral and leave no line below zero.
    pub(crate) fn moved(&self, moves: &[(LineKey, i64)]) -> Option<Self> {
        let mut lines = self.lines.clone();
        for (key, pence) in moves {
            let line = lines.iter_mut().find(|line| &line.key == key)?;
            line.amount = line.amount.checked_add_signed(*pence)?;
            line.default = None;
        }
        let total = Pence::sum(lines.iter().map(SystemLine::amount))?;
        (total == self.total).then(|| Self { lines, ..self.clone() })
    }

    pub fn ics(&self) -> &OdsCode {
        &self.ics
    }
    pub fn period(&self) -> &Period {
        &self.period
    }
    pub fn total(&self) -> Pence {
        self.total
    }
    pub fn lines(&self) -> &[SystemLine] {
        &self.lines
    }
    pub fn line(&self, key: &LineKey) -> Option<&SystemLine> {
        self.lines.iter().find(|line| &line.key == key)
    }

    /// The CSV export at `version`: one row per line, ODS codes first, amounts in pence and in
    /// pounds, and how each was worked out.
    pub fn to_csv(&self, version: u64) -> String {
        let header = [
            "provider_ods",
            "ics_ods",
            "period",
            "programme",
            "amount_pence",
            "amount",
            "version",
            "how_worked_out",
        ];
        let mut csv = crate::export::csv_row(header.map(str::to_owned));
        for line in &self.lines {
            let working = match line.default_working() {
                Some((basis, working)) => format!("{basis}. {}", working.in_words(self.total)),
                None => "Changed from the default by an approved change".to_owned(),
            };
            csv.push_str(&crate::export::csv_row([
                line.key.provider.to_string(),
                self.ics.to_string(),
                self.period.to_string(),
                line.key.programme.to_string(),
                line.amount.get().to_string(),
                line.amount.to_string(),
                version.to_string(),
                working,
            ]));
        }
        csv
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::funding::allocation::tests::code;
    use crate::funding::principles::fair_shares::WeightedPopulation;

    fn organisation(ods: &str, kind: OrganisationKind) -> Organisation {
        Organisation {
            ods_code: code(ods),
            name: format!("{ods} name"),
            kind,
            ics_code: (kind != OrganisationKind::Ics).then(|| code("QWO")),
            town: String::new(),
            region: None,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        }
    }

    fn population(ods: &str, weighted_population: u64) -> WeightedPopulation {
        WeightedPopulation {
            recipient: code(ods),
            weighted_population,
            source: "test".into(),
            year: Period::parse("2022/23").unwrap(),
        }
    }

    pub(crate) fn programme(id: &str) -> FundId {
        FundId::parse(id).unwrap()
    }

    /// QWO's £100.00 envelope (10,000p) by default weights 1 : 1 : 1 : 3 (total 6):
    ///   RAE cyber 10,000 ÷ 6 = 1,666 r 4 → +1 = 1,667 (ties with RR8 cyber; RAE's code first)
    ///   RAE scr   10,000 ÷ 6 = 1,666 r 4 → +1 = 1,667
    ///   RR8 cyber 10,000 ÷ 6 = 1,666 r 4 → +1 = 1,667
    ///   RR8 scr   30,000 ÷ 6 = 5,000 exactly
    /// floors 9,998: the two leftover pennies go to the first two of the three equal remainders
    /// by (ODS code, programme): RAE cyber and RAE scr. So 1,667 + 1,667 + 1,666 + 5,000 = 10,000.
    pub(crate) fn qwo() -> SystemAllocation {
        let weight = |provider: &str, id: &str, weight| DefaultWeight {
            provider: code(provider),
            programme: programme(id),
            weight,
            basis: "test".into(),
        };
        SystemAllocation::default_for(
            code("QWO"),
            Period::parse("2022/23").unwrap(),
            Pence::new(10_000),
            &[
                weight("RR8", "scr", 3),
                weight("RR8", "cyber", 1),
                weight("RAE", "scr", 1),
                weight("RAE", "cyber", 1),
            ],
        )
        .unwrap()
    }

    #[test]
    fn a_national_pot_is_divided_between_icss_only() {
        let organisations = [
            organisation("QWO", OrganisationKind::Ics),
            organisation("QOP", OrganisationKind::Ics),
            organisation("RR8", OrganisationKind::AcuteTrust),
        ];
        // £10.00 by weighted populations 3 : 1 → 750p and 250p.
        let basis = EnvelopeBasis::FairShares(vec![population("QWO", 3), population("QOP", 1)]);
        let envelopes = IcsEnvelopes::divide(
            Pence::new(1_000),
            Period::parse("2022/23").unwrap(),
            &organisations,
            &basis,
        )
        .unwrap();
        assert_eq!(
            (envelopes.envelope(&code("QWO")), envelopes.envelope(&code("QOP"))),
            (Pence::new(750), Pence::new(250))
        );
        let basis =
            EnvelopeBasis::FairShares(vec![population("QWO", 3), population("RR8", 1), population("QXX", 1)]);
        let errors = IcsEnvelopes::divide(
            Pence::new(1_000),
            Period::parse("2022/23").unwrap(),
            &organisations,
            &basis,
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                FieldError::new("recipients[1]", "RR8 (RR8 name) is not an ICS: envelopes go to systems"),
                FieldError::new("recipients[2]", "There is no organisation QXX"),
            ]
        );
    }

    #[test]
    fn a_default_allocation_within_an_ics_adds_up_to_its_envelope() {
        let allocation = qwo();
        let amounts: Vec<(String, u64)> =
            allocation.lines().iter().map(|line| (line.key().to_string(), line.amount().get())).collect();
        assert_eq!(
            amounts,
            [
                ("RAE’s cyber line".into(), 1_667),
                ("RAE’s scr line".into(), 1_667),
                ("RR8’s cyber line".into(), 1_666),
                ("RR8’s scr line".into(), 5_000),
            ]
        );
        assert_eq!(allocation.total(), Pence::new(10_000));
    }

    #[test]
    fn the_split_exports_one_row_per_line_with_ods_codes_first() {
        let csv = qwo().to_csv(3);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            rows[0],
            "provider_ods,ics_ods,period,programme,amount_pence,amount,version,how_worked_out"
        );
        assert!(
            rows[1].starts_with("RAE,QWO,2022/23,cyber,1667,£16.67,3,\"test. £100.00 × 1 ÷ 6"),
            "{}",
            rows[1]
        );
        assert!(rows[4].starts_with("RR8,QWO,2022/23,scr,5000,£50.00,3,\"test. "), "{}", rows[4]);
        assert_eq!(rows.len(), 6, "a header, 4 lines and the final line break");
    }
}
