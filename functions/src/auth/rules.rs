//! The one table of who may do what. Every handler names its [`Action`] and the record it acts on
//! ([`Target`]) and calls [`authorise`] before touching the store. The endpoint × role test
//! (`tests/tests/access.rs`) checks every endpoint against the rules as docs/access.md states them,
//! written out by hand: change a rule here and there together.

use crate::app::AppError;
use wgll_shared::access::User;
use wgll_shared::email::Email;
use wgll_shared::organisation::{OdsCode, Organisation};
use wgll_shared::regions::Region;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Health, the OpenAPI description and the framework: public knowledge.
    ReadPublicInformation,
    ListOrganisations,
    ReadOrganisation,
    /// Add an ICS (a new system, so administrators only).
    CreateIcs,
    /// Add an organisation to an ICS.
    CreateOrganisation,
    /// List an organisation's reviews (each then filtered by [`Action::ReadReview`]).
    ListReviews,
    /// Start a review of an organisation or ICS, assigning its reviewers.
    CreateReview,
    ReadReview,
    /// Record assessments in a review.
    EditReview,
    /// Record the agreed levels of a submitted review.
    ModerateReview,
    /// Submit, return, moderate or publish a review.
    ChangeReviewStatus,
    /// Reopen a published review.
    ReopenReview,
    /// See an organisation's or an ICS's digital offer in full (statuses, sources, history).
    ReadOffer,
    /// Record what an organisation offers citizens online.
    EditOffer,
    /// An ICS's dashboard, trends, levelling-up view and action plans.
    ReadIcsOutcomes,
    /// An organisation's trends, benchmark and action plan.
    ReadOrganisationOutcomes,
    /// Levelling up across every ICS: the national view funding decisions use.
    ReadNationalOutcomes,
    /// Create and update an organisation's actions.
    ManageActions,
    /// A financial year's funds.
    ReadFunds,
    /// Add and change funds, weighted populations, a year's thresholds and rules; work out and
    /// save allocations and envelopes, set an ICS's default allocation; approve or return changes.
    ManageFunding,
    /// National funding figures: a whole allocation's pot, what is left of it and who was left
    /// out, every weighted population, a fund's principle suggestion and history.
    ReadNationalFunding,
    /// One line of an allocation or of the ICS envelopes (the target is its recipient, in its ICS).
    ReadAllocationLine,
    /// An ICS's envelope split by provider and programme, its changes, history and earned autonomy.
    ReadSystemFunding,
    /// Propose a net-neutral change to an ICS's allocation.
    ProposeFundingChange,
    /// Change a draft review's reviewers.
    ChangeReviewers,
    /// Open a financial year's assessment round with its phases.
    OpenRound,
    /// See the assessment rounds and their phases (the deadlines everyone works to).
    ReadRounds,
    /// See one's own work: the reviews one is on or owns, what is due, what happened since.
    ReadMyWork,
    /// See a moderated peer review's outliers and confirm it or return it (its region's team).
    ValidateReview,
    /// Flag a factual error in a provisional result, or confirm it has none (the organisation).
    RespondToProvisional,
    /// Answer a factual error flagged in a provisional result (the review's lead).
    AnswerFlag,
    /// See the organisations suggested as a peer review's peers, and confirm one.
    ConfirmPeerPair,
    /// Upload documents to an organisation's evidence pack, and delete them.
    ManageEvidence,
    /// List an organisation's evidence pack for a year and open its documents (the target's
    /// reviewers: those of its reviews for that year).
    ReadEvidence,
    /// See a round's progress: the country's (administrators), a region's (its team) or an
    /// ICS's (its lead, and its region's team), with who to chase.
    ReadRoundProgress,
    /// Record an organisation's tech spend and budget for a year.
    RecordTechSpend,
    /// An organisation's tech spend beside its kind's and its maturity.
    ReadTechSpend,
    /// Every member of an ICS's tech spend beside its maturity.
    ReadSystemTechSpend,
    /// Start, read, save and submit an organisation's (or an ICS's) bids for funding.
    ApplyForFunding,
    /// See the review board's bids and decide them: score, approve in full or in part, decline.
    DecideBids,
    /// See an organisation's funded items with their benefits, add a benefit to one and record
    /// what was realised.
    RecordBenefits,
    /// Every member of an ICS's benefits, planned against realised.
    ReadSystemBenefits,
}

/// A kind of caller a rule admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Anyone, signed in or not.
    Anyone,
    /// Any signed-in user.
    SignedIn,
    Administrator,
    /// The lead of the target's ICS.
    IcsLead,
    /// The lead of the target organisation.
    OrganisationLead,
    /// A reviewer assigned to the target review.
    AssignedReviewer,
    /// The target review's lead reviewer (the first named).
    LeadReviewer,
    /// On the team of the target's NHS England region.
    RegionalLead,
}

use Action::*;
use Who::*;

/// Who may do each action. Anything not admitted here is refused.
pub const RULES: &[(Action, &[Who])] = &[
    (ReadPublicInformation, &[Anyone]),
    (ListOrganisations, &[SignedIn]),
    (ReadOrganisation, &[SignedIn]),
    (CreateIcs, &[Administrator]),
    (CreateOrganisation, &[Administrator, IcsLead]),
    (ListReviews, &[SignedIn]),
    (CreateReview, &[Administrator, IcsLead, OrganisationLead]),
    (ReadReview, &[Administrator, IcsLead, OrganisationLead, AssignedReviewer]),
    (EditReview, &[AssignedReviewer]),
    (ModerateReview, &[LeadReviewer]),
    (ChangeReviewStatus, &[LeadReviewer]),
    (ReopenReview, &[Administrator]),
    (ReadOffer, &[SignedIn]),
    (EditOffer, &[Administrator, IcsLead, OrganisationLead]),
    (ReadIcsOutcomes, &[Administrator, IcsLead]),
    (ReadOrganisationOutcomes, &[Administrator, IcsLead, OrganisationLead]),
    (ReadNationalOutcomes, &[Administrator]),
    (ManageActions, &[Administrator, IcsLead, OrganisationLead]),
    (ReadFunds, &[SignedIn]),
    (ManageFunding, &[Administrator]),
    (ReadNationalFunding, &[Administrator]),
    (ReadAllocationLine, &[Administrator, IcsLead, OrganisationLead]),
    (ReadSystemFunding, &[Administrator, IcsLead]),
    (ProposeFundingChange, &[Administrator, IcsLead]),
    (ChangeReviewers, &[Administrator, LeadReviewer]),
    (OpenRound, &[Administrator]),
    (ReadRounds, &[SignedIn]),
    (ReadMyWork, &[SignedIn]),
    (ValidateReview, &[Administrator, RegionalLead]),
    (RespondToProvisional, &[OrganisationLead]),
    (AnswerFlag, &[LeadReviewer]),
    (ConfirmPeerPair, &[Administrator]),
    (ManageEvidence, &[Administrator, IcsLead, OrganisationLead]),
    (ReadEvidence, &[Administrator, IcsLead, OrganisationLead, AssignedReviewer]),
    (ReadRoundProgress, &[Administrator, RegionalLead, IcsLead]),
    (RecordTechSpend, &[Administrator, IcsLead, OrganisationLead]),
    (ReadTechSpend, &[Administrator, IcsLead, OrganisationLead]),
    (ReadSystemTechSpend, &[Administrator, IcsLead]),
    (ApplyForFunding, &[Administrator, IcsLead, OrganisationLead]),
    (DecideBids, &[Administrator]),
    (RecordBenefits, &[Administrator, IcsLead, OrganisationLead]),
    (ReadSystemBenefits, &[Administrator, IcsLead]),
];

/// The record an action is about: which organisation, in which ICS, with which reviewers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target<'a> {
    pub organisation: Option<&'a OdsCode>,
    pub ics: Option<&'a OdsCode>,
    /// Email addresses of the reviewers assigned to a review.
    pub reviewers: &'a [Email],
    /// The NHS England region whose team validates it.
    pub region: Option<Region>,
}

impl<'a> Target<'a> {
    pub const NONE: Target<'static> = Target { organisation: None, ics: None, reviewers: &[], region: None };

    /// A region as a whole (its list of reviews to validate).
    pub fn of_region(region: Option<Region>) -> Self {
        Target { region, ..Target::NONE }
    }

    /// An organisation (or an ICS itself), in its ICS.
    pub fn of_organisation(organisation: &'a Organisation) -> Self {
        Target {
            organisation: Some(&organisation.ods_code),
            ics: Some(organisation.ics()),
            reviewers: &[],
            region: None,
        }
    }

    /// An ICS as a whole (its dashboard, its actions): `None` when the code is malformed, which
    /// only administrators' rules then admit.
    pub fn of_ics(ics: Option<&'a OdsCode>) -> Self {
        Target { ics, ..Target::NONE }
    }
}

fn admits(who: Who, user: Option<&User>, target: &Target) -> bool {
    match (who, user) {
        (Anyone, _) => true,
        (_, None) => false,
        (SignedIn, Some(_)) => true,
        (Administrator, Some(user)) => user.is_administrator(),
        (IcsLead, Some(user)) => target.ics.is_some_and(|ics| user.leads_ics(ics)),
        (OrganisationLead, Some(user)) => target.organisation.is_some_and(|ods| user.leads_organisation(ods)),
        (AssignedReviewer, Some(user)) => user.is_reviewer() && target.reviewers.contains(&user.email),
        (LeadReviewer, Some(user)) => user.is_reviewer() && target.reviewers.first() == Some(&user.email),
        (RegionalLead, Some(user)) => target.region.is_some_and(|region| user.leads_region(region)),
    }
}

/// True when the table lets `user` (None: the public) do `action` to `target`.
pub fn allows(user: Option<&User>, action: Action, target: &Target) -> bool {
    RULES
        .iter()
        .filter(|(rule_action, _)| *rule_action == action)
        .flat_map(|(_, admitted)| admitted.iter())
        .any(|who| admits(*who, user, target))
}

/// `Ok` when allowed; otherwise 401 for the public (sign in) or 403 for a signed-in user.
pub fn authorise(user: Option<&User>, action: Action, target: &Target) -> Result<(), AppError> {
    if allows(user, action, target) {
        Ok(())
    } else if user.is_none() {
        Err(AppError::Unauthenticated("Sign in to do this.".to_owned()))
    } else {
        Err(AppError::Forbidden(refusal(action).to_owned()))
    }
}

fn refusal(action: Action) -> &'static str {
    match action {
        ReadPublicInformation
        | ListOrganisations
        | ReadOrganisation
        | ListReviews
        | ReadOffer
        | ReadFunds
        | ReadRounds
        | ReadMyWork => "Your account cannot see this.",
        CreateIcs => "Only an administrator can add an ICS.",
        CreateOrganisation => "Only an administrator or the lead of this ICS can add an organisation to it.",
        CreateReview => {
            "Only an administrator, the ICS lead or the organisation lead can start a review of this organisation."
        }
        ReadReview => {
            "Only the reviewers assigned to this review, its ICS and organisation leads and administrators can see it."
        }
        EditReview => "Only the reviewers assigned to this review can change it.",
        ModerateReview => "Only the lead reviewer can record agreed levels.",
        ChangeReviewStatus => "Only the lead reviewer can submit, moderate or publish this review.",
        ReopenReview => "Only an administrator can reopen a published review.",
        EditOffer => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can change its digital services."
        }
        ReadIcsOutcomes => "Only the ICS’s lead or an administrator can see the ICS’s outcomes.",
        ReadOrganisationOutcomes => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can see its outcomes."
        }
        ReadNationalOutcomes => "Only an administrator can see outcomes across every ICS.",
        ManageActions => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can change its action plan."
        }
        ManageFunding => "Only an administrator can change funds, populations and allocations.",
        ReadNationalFunding => "Only an administrator can see national funding figures.",
        OpenRound => "Only an administrator can open an assessment round.",
        ChangeReviewers => "Only the lead reviewer or an administrator can change the reviewers.",
        ReadAllocationLine => {
            "Only an administrator, the lead of a recipient or the lead of its ICS can see its allocation."
        }
        ReadSystemFunding => "Only the ICS’s lead or an administrator can see the ICS’s funding.",
        ProposeFundingChange => {
            "Only the ICS’s lead or an administrator can propose a change to its allocation."
        }
        ValidateReview => "Only the team of the review’s region or an administrator can validate it.",
        RespondToProvisional => {
            "Only the lead of the organisation reviewed can flag factual errors in its provisional result or confirm it."
        }
        AnswerFlag => "Only the lead reviewer can answer the factual errors flagged.",
        ConfirmPeerPair => "Only an administrator can confirm a review’s peer organisation.",
        ManageEvidence => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can change its evidence."
        }
        ReadEvidence => {
            "Only the organisation’s lead, its ICS’s lead, administrators and the reviewers of its reviews for that year can see its evidence."
        }
        RecordTechSpend => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can record its tech spend."
        }
        ReadTechSpend => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can see its tech spend."
        }
        ReadSystemTechSpend => "Only the ICS’s lead or an administrator can see its members’ tech spend.",
        ApplyForFunding => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can see and make its bids for funding."
        }
        DecideBids => "Only administrators sit on the review board that decides bids.",
        RecordBenefits => {
            "Only the organisation’s lead, its ICS’s lead or an administrator can see and record the benefits of its funding."
        }
        ReadSystemBenefits => "Only the ICS’s lead or an administrator can see its members’ benefits.",
        ReadRoundProgress => {
            "Only administrators see the whole country’s progress; a region’s team sees its region and its ICSs, an ICS’s lead their ICS."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wgll_shared::access::Role;

    fn user(roles: Vec<Role>) -> User {
        User { subject: "s".into(), name: "Jo".into(), email: Email::parse("jo@nhs.net").unwrap(), roles }
    }

    fn code(value: &str) -> OdsCode {
        OdsCode::parse(value).unwrap()
    }

    #[test]
    fn every_action_has_exactly_one_rule() {
        let all = [
            ReadPublicInformation,
            ListOrganisations,
            ReadOrganisation,
            CreateIcs,
            CreateOrganisation,
            ListReviews,
            CreateReview,
            ReadReview,
            EditReview,
            ModerateReview,
            ChangeReviewStatus,
            ReopenReview,
            ReadOffer,
            EditOffer,
            ReadIcsOutcomes,
            ReadOrganisationOutcomes,
            ReadNationalOutcomes,
            ManageActions,
            ReadFunds,
            ManageFunding,
            ReadNationalFunding,
            ReadAllocationLine,
            ReadSystemFunding,
            ProposeFundingChange,
            ChangeReviewers,
            OpenRound,
            ReadRounds,
            ReadMyWork,
            ValidateReview,
            RespondToProvisional,
            AnswerFlag,
            ConfirmPeerPair,
            ManageEvidence,
            ReadEvidence,
            ReadRoundProgress,
            RecordTechSpend,
            ReadTechSpend,
            ReadSystemTechSpend,
            ApplyForFunding,
            DecideBids,
            RecordBenefits,
            ReadSystemBenefits,
        ];
        assert_eq!(all.len(), RULES.len(), "every rule is listed here");
        for action in all {
            assert_eq!(RULES.iter().filter(|(a, _)| *a == action).count(), 1, "{action:?}");
        }
    }

    #[test]
    fn leads_act_only_within_their_own_ics_or_organisation() {
        let (qwo, qhm, rr8) = (code("QWO"), code("QHM"), code("RR8"));
        let reviewers = [Email::parse("jo@nhs.net").unwrap()];
        let in_qwo = Target { organisation: Some(&rr8), ics: Some(&qwo), reviewers: &[], region: None };
        let assigned = Target { reviewers: &reviewers, ..in_qwo };
        let ics_lead = user(vec![Role::IcsLead(qwo.clone())]);
        let other_lead = user(vec![Role::IcsLead(qhm)]);
        let org_lead = user(vec![Role::OrganisationLead(rr8.clone())]);
        let reviewer = user(vec![Role::Reviewer]);

        assert!(allows(Some(&ics_lead), CreateOrganisation, &in_qwo));
        assert!(!allows(Some(&other_lead), CreateOrganisation, &in_qwo));
        assert!(!allows(Some(&ics_lead), CreateIcs, &in_qwo));
        assert!(allows(Some(&org_lead), ReadReview, &in_qwo));
        assert!(
            !allows(Some(&org_lead), EditReview, &assigned),
            "leads do not score unless assigned as reviewers"
        );
        assert!(!allows(Some(&reviewer), ReadReview, &in_qwo));
        assert!(allows(Some(&reviewer), EditReview, &assigned));
        assert!(!allows(None, ReadOrganisation, &in_qwo));
        assert!(allows(None, ReadPublicInformation, &Target::NONE));
    }

    #[test]
    fn a_regional_team_validates_only_its_own_regions_reviews() {
        let london = Target::of_region(Some(Region::London));
        let team = user(vec![Role::RegionalLead(Region::London)]);
        let other_team = user(vec![Role::RegionalLead(Region::SouthEast)]);
        assert!(allows(Some(&team), ValidateReview, &london));
        assert!(!allows(Some(&other_team), ValidateReview, &london));
        assert!(!allows(Some(&team), ValidateReview, &Target::of_region(None)), "no region: administrators");
        assert!(allows(Some(&user(vec![Role::Administrator])), ValidateReview, &Target::of_region(None)));
        assert!(!allows(Some(&team), ReadReview, &london), "validating is not reading everything");
    }
}
