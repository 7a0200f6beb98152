//! Peer pairs: which organisation's people should review an organisation. Seed 003's peers are
//! like it but not of it: the same kind of organisation, in another ICS, of a comparable size
//! (its weighted population for the year, where funding has recorded one). The service suggests
//! the closest few; an administrator confirms one, kept with the review and in its history.

use crate::Validated;
use crate::organisation::{OdsCode, Organisation};
use crate::timestamp::Timestamp;
use crate::validation::Errors;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// At most this many suggestions.
pub const SUGGESTIONS_MAX: usize = 5;

/// An organisation suggested as a peer, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PeerSuggestion {
    pub ods_code: OdsCode,
    pub name: String,
    pub ics_code: OdsCode,
    /// Its weighted population for the year, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted_population: Option<u64>,
}

/// The peer organisation an administrator confirmed for a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PeerPair {
    pub ods_code: OdsCode,
    pub name: String,
    /// Who confirmed it, as the history names people.
    pub confirmed_by: String,
    pub at: Timestamp,
    pub version: u64,
}

/// Confirming a peer organisation, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PeerPairChoice {
    #[cfg_attr(feature = "openapi", schema(value_type = OdsCode))]
    pub organisation: String,
    /// The confirmed pair's version as read (0 when there is none yet).
    pub version: u64,
}

impl PeerPairChoice {
    pub fn validate(&self) -> Validated<OdsCode> {
        let mut errors = Errors::default();
        let chosen = if self.organisation.trim().is_empty() {
            errors.add("organisation", "Choose the peer organisation");
            None
        } else {
            errors.check("organisation", OdsCode::parse(&self.organisation))
        };
        match chosen {
            Some(code) if errors.is_empty() => Ok(code),
            _ => Err(errors.into_vec()),
        }
    }
}

/// Why `candidate` cannot be `reviewed`'s peer, if it cannot.
pub fn why_not_a_peer_organisation(reviewed: &Organisation, candidate: &Organisation) -> Option<String> {
    if candidate.ods_code == reviewed.ods_code {
        Some(format!("{} cannot be its own peer", reviewed.name))
    } else if candidate.kind != reviewed.kind {
        Some(format!(
            "A peer is the same kind of organisation: {} is of another kind ({})",
            candidate.name,
            candidate.kind.label()
        ))
    } else if candidate.ics() == reviewed.ics() {
        Some(format!("A peer is in another ICS: {} is in {}’s own", candidate.name, reviewed.name))
    } else {
        None
    }
}

/// The organisations of `candidates` that could be `reviewed`'s peers, closest in size first
/// (the ratio of the larger weighted population to the smaller), those without a population
/// recorded after them by name; at most [`SUGGESTIONS_MAX`].
pub fn suggest(
    reviewed: &Organisation,
    candidates: &[Organisation],
    populations: &HashMap<OdsCode, u64>,
) -> Vec<PeerSuggestion> {
    let own = populations.get(&reviewed.ods_code).copied().filter(|population| *population > 0);
    let mut peers: Vec<(Option<u128>, &Organisation)> = candidates
        .iter()
        .filter(|candidate| why_not_a_peer_organisation(reviewed, candidate).is_none())
        .map(|candidate| {
            let theirs = populations.get(&candidate.ods_code).copied().filter(|population| *population > 0);
            // The ratio larger/smaller, in millionths, so that sizes compare as whole numbers.
            let distance = own.zip(theirs).map(|(a, b)| {
                let (larger, smaller) = (u128::from(a.max(b)), u128::from(a.min(b)));
                larger * 1_000_000 / smaller
            });
            (distance, candidate)
        })
        .collect();
    peers.sort_by(|(a, first), (b, second)| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b).then_with(|| first.name.cmp(&second.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => first.name.cmp(&second.name),
    });
    peers
        .into_iter()
        .take(SUGGESTIONS_MAX)
        .map(|(_, peer)| PeerSuggestion {
            ods_code: peer.ods_code.clone(),
            name: peer.name.clone(),
            ics_code: peer.ics().clone(),
            weighted_population: populations.get(&peer.ods_code).copied(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::OrganisationKind;

    fn organisation(code: &str, kind: OrganisationKind, ics: &str) -> Organisation {
        Organisation {
            ods_code: OdsCode::parse(code).unwrap(),
            name: format!("Trust {code}"),
            kind,
            ics_code: Some(OdsCode::parse(ics).unwrap()),
            town: String::new(),
            region: None,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::at("2026-01-05T09:00:00.000Z"),
            updated_at: crate::test_support::at("2026-01-05T09:00:00.000Z"),
        }
    }

    #[test]
    fn peers_are_the_same_kind_in_another_ics_closest_in_size_first() {
        use OrganisationKind::{AcuteTrust, MentalHealthTrust};
        let leeds = organisation("RR8", AcuteTrust, "QWO");
        let candidates = [
            leeds.clone(),
            organisation("RXF", AcuteTrust, "QWO"), // the same ICS
            organisation("RGD", MentalHealthTrust, "QHM"), // another kind
            organisation("RTD", AcuteTrust, "QHM"), // 1.25× Leeds
            organisation("RWA", AcuteTrust, "QOQ"), // 0.9× Leeds: closer
            organisation("RBA", AcuteTrust, "QOQ"), // no population: after those with one
            organisation("RAE", AcuteTrust, "QOQ"), // no population, first by name
        ];
        let population = |code: &str, figure: u64| (OdsCode::parse(code).unwrap(), figure);
        let populations = HashMap::from([
            population("RR8", 1_000_000),
            population("RXF", 1_000_000),
            population("RGD", 1_000_000),
            population("RTD", 1_250_000),
            population("RWA", 900_000),
        ]);
        let suggested: Vec<String> =
            suggest(&leeds, &candidates, &populations).iter().map(|peer| peer.ods_code.to_string()).collect();
        assert_eq!(suggested, ["RWA", "RTD", "RAE", "RBA"]);
        assert_eq!(suggest(&leeds, &candidates, &populations)[0].weighted_population, Some(900_000));
        assert_eq!(
            why_not_a_peer_organisation(&leeds, &candidates[1]).unwrap(),
            "A peer is in another ICS: Trust RXF is in Trust RR8’s own"
        );
        assert_eq!(
            why_not_a_peer_organisation(&leeds, &candidates[2]).unwrap(),
            "A peer is the same kind of organisation: Trust RGD is of another kind (Mental health trust)"
        );
    }

    #[test]
    fn at_most_five_are_suggested() {
        let leeds = organisation("RR8", OrganisationKind::AcuteTrust, "QWO");
        let candidates: Vec<Organisation> =
            (1..=8).map(|n| organisation(&format!("RA{n}"), OrganisationKind::AcuteTrust, "QHM")).collect();
        assert_eq!(suggest(&leeds, &candidates, &HashMap::new()).len(), 5);
        assert_eq!(
            PeerPairChoice { organisation: " ".into(), version: 0 }.validate().unwrap_err()[0].message,
            "Choose the peer organisation"
        );
    }
}
