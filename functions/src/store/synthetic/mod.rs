//! A synthetic data set at the scale the product must handle: by default 42 ICSs × 40
//! organisations × 5 periods of published peer reviews, with their agreed levels and outcomes.
//! Loaded with batch writes (not the one-transaction-per-change path users take) because it is
//! bulk data for trying the product and measuring it, never a user's change. Codes start with `S`
//! (`SI01` for an ICS, `S0101` for its first organisation) so they never clash with real ones.
//! [`Store::load_synthetic_offers`] adds every organisation's record of each catalogue service;
//! [`Store::load_synthetic_funding`] a year of funding; [`Store::load_synthetic_bids`] bids before
//! the review board.

mod bids;

pub use bids::SyntheticBids;

use super::agreed_levels;
use super::offers::offer_item;
use super::organisations::organisation_item;
use super::outcomes::outcome_item;
use super::reviews::review_item;
use super::{Item, Store, StoreError};
use wgll_shared::assessment::AgreedLevel;
use wgll_shared::email::Email;
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::offer::{Channel, Service, ServiceOffer, ServiceStatus, catalogue};
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::outcomes::{MEASURES, Outcome};
use wgll_shared::period::Period;
use wgll_shared::regions::Region;
use wgll_shared::review::{Review, ReviewKind, ReviewStatus};

#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub icss: usize,
    pub organisations_per_ics: usize,
    /// The most recent financial years, ending with 2025/26.
    pub periods: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Self { icss: 42, organisations_per_ics: 40, periods: 5 }
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub organisations: usize,
    pub reviews: usize,
    pub items: usize,
}

const TOWNS: [&str; 12] = [
    "Leeds",
    "York",
    "Bristol",
    "Norwich",
    "Exeter",
    "Leicester",
    "Derby",
    "Truro",
    "Carlisle",
    "Luton",
    "Hull",
    "Bath",
];
const KINDS: [OrganisationKind; 6] = [
    OrganisationKind::AcuteTrust,
    OrganisationKind::MentalHealthTrust,
    OrganisationKind::CommunityTrust,
    OrganisationKind::PrimaryCare,
    OrganisationKind::SocialCare,
    OrganisationKind::AmbulanceTrust,
];

/// A level from 1 to 5 that depends only on its inputs: each organisation starts somewhere from 1
/// to 4 on each measure and improves at its own pace (some not at all) over the years.
fn level(code: &str, period_index: usize, measure: usize) -> u8 {
    let mut hash: u32 = 2_166_136_261;
    for byte in code.bytes().chain([measure as u8]) {
        hash = (hash ^ u32::from(byte)).wrapping_mul(16_777_619);
    }
    let start = 1 + (hash % 4) as usize;
    let pace = ((hash >> 8) % 3) as usize; // 0, 1 or 2 levels over four years
    (start + period_index * pace / 4).min(5) as u8
}

fn organisation(
    code: &str,
    name: String,
    kind: OrganisationKind,
    ics: Option<&str>,
    town: &str,
) -> Organisation {
    Organisation {
        ods_code: OdsCode::parse(code).expect("synthetic codes are well formed"),
        name,
        kind,
        ics_code: ics.map(|ics| OdsCode::parse(ics).expect("synthetic codes are well formed")),
        town: town.to_owned(),
        region: None,
        contact: wgll_shared::contact::Contact {
            website: format!("https://www.{}.example.nhs.uk/", code.to_lowercase()),
            phone: "0300 123 4567".to_owned(),
            address: format!("Main building\n{town}"),
        },
        version: 1,
        created_at: crate::clock::Clock.now(),
        updated_at: crate::clock::Clock.now(),
    }
}

/// A published peer review of `organisation` with its agreed levels and outcome, as items.
fn published_review(
    organisation: &Organisation,
    period: &Period,
    period_index: usize,
) -> Result<Vec<Item>, StoreError> {
    let at = crate::clock::Clock.now();
    let review = Review {
        id: crate::random::review_id(),
        organisation: organisation.ods_code.clone(),
        organisation_name: organisation.name.clone(),
        ics_code: organisation.ics().clone(),
        variant: organisation.kind.variant(),
        period: period.clone(),
        framework_id: wgll_shared::framework::CURRENT.to_owned(),
        kind: ReviewKind::PeerReview,
        status: ReviewStatus::Published,
        reviewers: vec![Email::parse("synthetic.reviewer@example.nhs.uk").expect("an email address")],
        // Accepted by its (synthetic) reviewer from an organisation of its own, declaring no conflict.
        acceptances: vec![wgll_shared::independence::Acceptance {
            reviewer: Email::parse("synthetic.reviewer@example.nhs.uk").expect("an email address"),
            organisation: wgll_shared::organisation::OdsCode::parse("SYN").expect("an ODS code"),
            conflict: String::new(),
            at: at.clone(),
        }],
        region: None,
        provisional_until: None,
        flags: Vec::new(),
        facts_confirmed: None,
        version: 4,
        created_at: at.clone(),
        updated_at: at.clone(),
    };
    let mut items =
        vec![review_item(&review)?, super::round_progress::published_item(&review, MEASURES as u8)?];
    let mut levels = Vec::with_capacity(MEASURES);
    let mut agreed_levels = Vec::with_capacity(MEASURES);
    for measure in 1..=MEASURES {
        let value = level(organisation.ods_code.as_str(), period_index, measure);
        levels.push(Some(value));
        let agreed = AgreedLevel {
            measure: measure as u8,
            level: MaturityLevel::new(value).expect("levels are 1 to 5"),
            note: "Synthetic data".to_owned(),
            agreed_by: review.reviewers[0].clone(),
            agreed_by_according_to_file: String::new(),
            version: 1,
            updated_at: at.clone(),
        };
        agreed_levels.push(agreed);
    }
    items.push(agreed_levels::item(&review.id, &agreed_levels)?);
    items.push(outcome_item(&Outcome {
        ods_code: organisation.ods_code.clone(),
        name: organisation.name.clone(),
        kind: organisation.kind,
        ics_code: organisation.ics().clone(),
        period: period.clone(),
        framework_id: review.framework_id.clone(),
        review_id: review.id.clone(),
        levels,
        published_at: at,
    })?);
    Ok(items)
}

/// A year's tech spend that depends only on the code: a budget of £50m to £549m, of which 1% to
/// 5.99% goes on tech, split across the categories with a third as capital.
fn tech_spend(organisation: &Organisation, period: &Period) -> wgll_shared::tech_spend::TechSpend {
    use wgll_shared::funding::Pence;
    use wgll_shared::tech_spend::{SpendLine, SpendingCategory, TechSpend};
    let seed = weighted_population(organisation.ods_code.as_str());
    let budget = 5_000_000_000 + (seed % 500) * 100_000_000; // pence
    let tech = budget / 10_000 * (100 + seed % 500); // basis points of the budget
    let share = tech / SpendingCategory::ICS_FUNDED.len() as u64;
    let lines = SpendingCategory::ICS_FUNDED
        .into_iter()
        .map(|category| SpendLine {
            category,
            capital: Pence::new(share / 3),
            revenue: Pence::new(share - share / 3),
        })
        .collect();
    TechSpend {
        ods_code: organisation.ods_code.clone(),
        name: organisation.name.clone(),
        kind: organisation.kind,
        ics_code: organisation.ics().clone(),
        period: period.clone(),
        lines,
        budget: Pence::new(budget),
        recorded_by: "Synthetic data".to_owned(),
        version: 1,
        updated_at: crate::clock::Clock.now(),
    }
}

/// What a synthetic organisation records for a catalogue service: most are live or piloted,
/// some planned, some not offered, depending only on the organisation and the service.
fn offer(organisation: &Organisation, service: &Service) -> ServiceOffer {
    let mut offer = ServiceOffer::unrecorded(&organisation.ods_code, &service.service_id());
    let (status, channels, since) =
        match level(&format!("{}#{}", organisation.ods_code.as_str(), service.id), 0, 0) {
            1 => (ServiceStatus::Planned, vec![], Some("2027-04".to_owned())),
            2 => (ServiceStatus::Pilot, vec![Channel::NhsApp], Some("2026-01".to_owned())),
            _ => (
                ServiceStatus::Live,
                vec![Channel::NhsApp, Channel::OwnWebsiteOrApp],
                Some("2024-04".to_owned()),
            ),
        };
    offer.status = status;
    offer.channels = channels;
    offer.since = since.and_then(|month: String| wgll_shared::date::Month::parse(&month));
    offer.last_checked = wgll_shared::date::Date::from_ymd(2026, 11, 1);
    offer.version = 1;
    offer.updated_at = Some(crate::clock::Clock.now());
    offer.updated_by = "synthetic.lead@example.nhs.uk".to_owned();
    offer
}

/// The synthetic organisations of this shape: each ICS followed by its members.
fn organisations(shape: Shape) -> impl Iterator<Item = Vec<Organisation>> {
    (1..=shape.icss).map(move |ics_index| {
        let ics_code = format!("SI{ics_index:02}");
        let mut ics =
            organisation(&ics_code, format!("Synthetic ICS {ics_index}"), OrganisationKind::Ics, None, "");
        // The ICSs take the seven regions in turn, so every region's team has reviews to validate.
        ics.region = Some(Region::ALL[(ics_index - 1) % Region::ALL.len()]);
        let mut members = vec![ics];
        for index in 1..=shape.organisations_per_ics {
            let code = format!("S{ics_index:02}{index:02}");
            let kind = KINDS[index % KINDS.len()];
            let name = format!("Synthetic {} {ics_index}-{index:02}", kind.label().to_lowercase());
            members.push(organisation(
                &code,
                name,
                kind,
                Some(&ics_code),
                TOWNS[(ics_index + index) % TOWNS.len()],
            ));
        }
        members
    })
}

impl Store {
    /// Loads every synthetic organisation's record of every catalogue service (the ICSs' own
    /// too), for the same shape as [`Store::load_synthetic`]; returns the number of records.
    pub async fn load_synthetic_offers(&self, shape: Shape) -> Result<usize, StoreError> {
        let mut count = 0;
        let mut writes = tokio::task::JoinSet::new();
        for members in organisations(shape) {
            let mut items = Vec::new();
            for member in &members {
                for service in catalogue::SERVICES.iter() {
                    items.push(offer_item(member, &offer(member, service))?);
                }
            }
            count += items.len();
            if writes.len() >= 4 {
                writes
                    .join_next()
                    .await
                    .expect("a write is running")
                    .map_err(|error| StoreError::Other(error.to_string()))??;
            }
            let store = self.clone();
            writes.spawn(async move { store.put_many(items).await });
        }
        while let Some(result) = writes.join_next().await {
            result.map_err(|error| StoreError::Other(error.to_string()))??;
        }
        Ok(count)
    }

    /// Loads the synthetic data set of this shape, ICS by ICS; loading it again replaces it.
    pub async fn load_synthetic(&self, shape: Shape) -> Result<Loaded, StoreError> {
        let periods: Vec<Period> = (0..shape.periods)
            .map(|index| {
                let start = 2025 - (shape.periods - 1 - index);
                Period::parse(&format!("{start}/{:02}", (start + 1) % 100)).expect("periods are well formed")
            })
            .collect();
        let mut loaded = Loaded::default();
        let mut writes = tokio::task::JoinSet::new();
        for members in organisations(shape) {
            let mut items = Vec::new();
            for member in &members {
                items.push(organisation_item(member)?);
                for (period_index, period) in periods.iter().enumerate() {
                    items.extend(published_review(member, period, period_index)?);
                    loaded.reviews += 1;
                }
                if let Some(latest) = periods.last() {
                    items.push(super::tech_spend::tech_spend_item(&tech_spend(member, latest))?);
                }
            }
            loaded.organisations += members.len();
            loaded.items += items.len();
            // A few ICSs at a time: DynamoDB Local serves concurrent batches faster than one by one.
            if writes.len() >= 4 {
                writes
                    .join_next()
                    .await
                    .expect("a write is running")
                    .map_err(|error| StoreError::Other(error.to_string()))??;
            }
            let store = self.clone();
            writes.spawn(async move { store.put_many(items).await });
        }
        while let Some(result) = writes.join_next().await {
            result.map_err(|error| StoreError::Other(error.to_string()))??;
        }
        Ok(loaded)
    }
}

/// The year the synthetic funding is for, and its fund.
const FUNDING_YEAR: &str = "2025/26";
const SYNTHETIC_FUND: &str = "synthetic-shared-care-records";

/// A weighted population from 50,000 to 1,049,999 that depends only on the code.
fn weighted_population(code: &str) -> u64 {
    u64::from(level(code, 0, 1)) * 200_000 + (code.bytes().map(u64::from).sum::<u64>() * 7_919) % 250_000
}

impl Store {
    /// Loads a year of synthetic funding for the same shape as [`Store::load_synthetic`]: every
    /// ICS's and organisation's weighted population for 2025/26, the year's ICS envelopes from a
    /// £100m national pot between the ICSs and a £30.8m fund between every provider (a line per
    /// organisation: 1,680 at full scale), both by fair shares, and each ICS's default
    /// allocation of its envelope between its members by population. Returns the number of items.
    pub async fn load_synthetic_funding(&self, shape: Shape) -> Result<usize, StoreError> {
        use super::funding::{allocation_items, fund_item, population_item, system_item};
        use wgll_shared::funding::envelopes::{DefaultWeight, SystemAllocation};
        use wgll_shared::funding::principles::fair_shares;
        use wgll_shared::funding::records::{AllocationOf, PopulationUpdate, SavedAllocation, Versioned};
        use wgll_shared::funding::{FundId, NewFund, Pence, Principle};
        let other = |error: String| StoreError::Other(error);
        let period = Period::parse(FUNDING_YEAR).map_err(other)?;
        let by = "synthetic.administrator@example.nhs.uk";
        let at = crate::clock::Clock.now();
        let all: Vec<Organisation> = organisations(shape).flatten().collect();
        let mut items = Vec::new();
        let mut populations = Vec::new();
        let mut provider_populations = Vec::new();
        for organisation in &all {
            let form = PopulationUpdate {
                weighted_population: weighted_population(organisation.ods_code.as_str()),
                source: "Synthetic weighted population".to_owned(),
                version: 0,
            };
            let record =
                form.validate(organisation, &period).map_err(|errors| other(format!("{errors:?}")))?;
            if organisation.kind == OrganisationKind::Ics {
                populations.push(record.population.clone());
            } else {
                provider_populations.push(record.population.clone());
            }
            items.push(population_item(&Versioned::saved(record, 0, by, at.clone()))?);
        }
        let fund = NewFund {
            id: SYNTHETIC_FUND.to_owned(),
            name: "Synthetic shared care records fund".to_owned(),
            period: FUNDING_YEAR.to_owned(),
            total: Pence::from_pounds(30_800_000).unwrap_or_default(),
            capital: Pence::from_pounds(20_000_000).unwrap_or_default(),
            revenue: Pence::from_pounds(10_800_000).unwrap_or_default(),
            closing_date: "2026-03-31".to_owned(),
            principle: Principle::FairShares,
            measures: vec![2, 6],
            category: wgll_shared::funding::who_pays::SpendingCategory::SystemTransformation,
        }
        .validate()
        .map_err(|errors| other(format!("{errors:?}")))?;
        let fund_id = FundId::parse(SYNTHETIC_FUND).map_err(other)?;
        let allocation_error = |error: wgll_shared::funding::AllocationError| other(error.to_string());
        let shared = fair_shares::allocate(fund.total(), &provider_populations).map_err(allocation_error)?;
        items.push(fund_item(&Versioned::saved(fund, 0, by, at.clone()))?);
        let saved = SavedAllocation::new(
            period.clone(),
            AllocationOf::Fund(fund_id.clone()),
            &shared,
            &all,
            0,
            by,
            at.clone(),
        );
        items.extend(allocation_items(&saved)?);
        let pot = Pence::from_pounds(100_000_000).unwrap_or_default();
        let envelopes = fair_shares::allocate(pot, &populations).map_err(allocation_error)?;
        let saved = SavedAllocation::new(
            period.clone(),
            AllocationOf::Envelopes,
            &envelopes,
            &all,
            0,
            by,
            at.clone(),
        );
        items.extend(allocation_items(&saved)?);
        for members in organisations(shape) {
            let ics = &members[0];
            let weights: Vec<DefaultWeight> = members[1..]
                .iter()
                .map(|member| DefaultWeight {
                    provider: member.ods_code.clone(),
                    programme: fund_id.clone(),
                    weight: weighted_population(member.ods_code.as_str()),
                    basis: "Weighted population".to_owned(),
                })
                .collect();
            if weights.is_empty() {
                continue;
            }
            let envelope = envelopes.amount_for(&ics.ods_code);
            let allocation =
                SystemAllocation::default_for(ics.ods_code.clone(), period.clone(), envelope, &weights)
                    .map_err(allocation_error)?;
            items.push(system_item(&Versioned::saved(allocation, 0, by, at.clone()))?);
        }
        let count = items.len();
        self.put_many(items).await?;
        Ok(count)
    }
}

/// A synthetic benefit's id, from its organisation's code and its number: loading again
/// replaces it rather than adding another.
fn synthetic_benefit_id(code: &str, number: u8) -> wgll_shared::ids::BenefitId {
    let mut bytes = [0u8; 16];
    for (slot, byte) in bytes.iter_mut().zip(code.bytes().chain([b'#', number])) {
        *slot = byte;
    }
    wgll_shared::ids::BenefitId::from_uuid_bytes(bytes)
}

/// Two benefits of an organisation's line of the synthetic fund, with values realised that
/// depend only on its code: a cash-releasing saving (£50,000 to £549,000 planned, realised in
/// two steps, a quarter of them met) and a reduced risk (a catastrophic failure from 1% to
/// 0.1%, due 30 September 2026: some met, some moving, some overdue).
fn synthetic_benefits(
    organisation: &Organisation,
) -> Result<Vec<wgll_shared::benefits::Benefit>, StoreError> {
    use wgll_shared::benefits::{Benefit, BenefitKind, Figure, FundedBy, Realised, Unit};
    use wgll_shared::date::Date;
    use wgll_shared::funding::FundId;
    let other = |error: String| StoreError::Other(error);
    let code = organisation.ods_code.as_str();
    let seed = weighted_population(code);
    let period = Period::parse(FUNDING_YEAR).map_err(other)?;
    let fund = FundId::parse(SYNTHETIC_FUND).map_err(other)?;
    let at = crate::clock::Clock.now();
    let by = "Synthetic data".to_owned();
    let day =
        |year, month, day| Date::from_ymd(year, month, day).ok_or_else(|| other("a real date".to_owned()));
    let value = |on, value, note: &str| -> Result<Realised, StoreError> {
        Ok(Realised { on, value: Figure::new(value), note: note.to_owned(), by: by.clone(), at: at.clone() })
    };
    let benefit =
        |number: u8, description: &str, kind, unit, (baseline, target): (u64, u64), due, realised| Benefit {
            id: synthetic_benefit_id(code, number),
            ods_code: organisation.ods_code.clone(),
            name: organisation.name.clone(),
            ics_code: organisation.ics().clone(),
            funded_by: FundedBy::Allocation { period: period.clone(), fund: fund.clone() },
            funded_title: "Synthetic shared care records fund".to_owned(),
            period: period.clone(),
            description: description.to_owned(),
            kind,
            unit,
            baseline: Figure::new(baseline),
            target: Figure::new(target),
            due,
            actions: Vec::new(),
            realised,
            version: 1,
            created_by: by.clone(),
            created_at: at.clone(),
            updated_by: by.clone(),
            updated_at: at.clone(),
        };
    // Pence: £50,000 to £549,000 planned; a quarter or half realised by October, then up to all.
    let saving = 5_000_000 + (seed % 500) * 100_000;
    let first = saving / (2 + seed % 3);
    let second = saving / 4 * (2 + seed % 3);
    // Thousandths of a per cent: from 1% down to somewhere between 0.1% and 0.9%.
    let risk_now = 100 + (seed % 9) * 100;
    Ok(vec![
        benefit(
            1,
            "Printing and posting of letters stopped",
            BenefitKind::CashReleasing,
            Unit::Pounds,
            (0, saving),
            day(2027, 3, 31)?,
            vec![
                value(day(2025, 10, 1)?, first, "Finance ledger")?,
                value(day(2026, 4, 1)?, second.min(saving), "Finance ledger")?,
            ],
        ),
        benefit(
            2,
            "The chance of a catastrophic failure of the shared care record",
            BenefitKind::RiskReduction,
            Unit::Percent,
            (1_000, 100),
            day(2026, 9, 30)?,
            vec![value(day(2026, 6, 30)?, risk_now, "Annual resilience test")?],
        ),
    ])
}

impl Store {
    /// Loads two benefits for every third provider's line of the synthetic fund (the year's
    /// funding of [`Store::load_synthetic_funding`]), with values realised. Returns the number.
    pub async fn load_synthetic_benefits(&self, shape: Shape) -> Result<usize, StoreError> {
        let mut items = Vec::new();
        for members in organisations(shape) {
            for member in members.iter().skip(1).step_by(3) {
                for benefit in synthetic_benefits(member)? {
                    items.push(super::benefits::benefit_item(&benefit)?);
                }
            }
        }
        let count = items.len();
        self.put_many(items).await?;
        Ok(count)
    }
}
