//! Fresh ids for new records: the one place the API draws randomness for them.

use wgll_shared::ids::{ActionId, ChangeId, EvidenceId, ReviewId};

pub fn review_id() -> ReviewId {
    ReviewId::from_uuid_bytes(*uuid::Uuid::new_v4().as_bytes())
}

pub fn action_id() -> ActionId {
    ActionId::from_uuid_bytes(*uuid::Uuid::new_v4().as_bytes())
}

pub fn evidence_id() -> EvidenceId {
    EvidenceId::from_uuid_bytes(*uuid::Uuid::new_v4().as_bytes())
}

pub fn change_id() -> ChangeId {
    ChangeId::from_uuid_bytes(*uuid::Uuid::new_v4().as_bytes())
}

pub fn bid_id() -> wgll_shared::ids::BidId {
    wgll_shared::ids::BidId::from_uuid_bytes(*uuid::Uuid::new_v4().as_bytes())
}

pub fn benefit_id() -> wgll_shared::ids::BenefitId {
    wgll_shared::ids::BenefitId::from_uuid_bytes(*uuid::Uuid::new_v4().as_bytes())
}
