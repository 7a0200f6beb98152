//! The year's rules that decide funding, for administrators (`/funding-setup/settings?period=…`):
//! the thresholds that suggest a fund's principle, and the earned-autonomy rules, each saved at
//! the version it was read (version 0: the defaults, nothing saved yet).

use super::fields::{self, shown};
use super::{query, year_chooser};
use crate::views::Feedback;
use maud::{Markup, html};
use wgll_shared::funding::autonomy::AutonomyRules;
use wgll_shared::funding::principles::suggestion::SuggestionThresholds;
use wgll_shared::funding::records::Versioned;
use wgll_shared::period::Period;

fn version_line(version: u64, by: &str) -> Markup {
    html! {
        p class="nhsuk-body-s" {
            @if version == 0 { "The defaults: nothing saved for this year yet." }
            @else { "Version " (version) ", saved by " (by) "." }
        }
    }
}

pub fn render(
    period: &Period,
    thresholds: &Versioned<SuggestionThresholds>,
    rules: &Versioned<AutonomyRules>,
    feedback: &Feedback,
) -> Markup {
    let base = "/funding-setup/settings";
    let year = query(period);
    let t = &thresholds.value;
    let r = &rules.value;
    // What was typed belongs to the form that was sent; the other shows what is saved.
    let sent_rules = feedback.typed.iter().any(|(name, _)| name == "governanceMeasure");
    let empty = Feedback::default();
    let (for_thresholds, for_rules) = if sent_rules { (&empty, feedback) } else { (feedback, &empty) };
    let level = |value: u8| value.to_string();
    let digitisation: Vec<String> = if sent_rules {
        feedback
            .typed
            .iter()
            .filter(|(name, _)| name == "digitisationMeasures")
            .map(|(_, value)| value.clone())
            .collect()
    } else {
        r.digitisation_measures.iter().map(|measure| measure.to_string()).collect()
    };
    html! {
        div class="nhsuk-back-link" data-title={ "Funding rules – " (period) } {
            a href={ "/funding?period=" (year) } class="nhsuk-back-link__link" { "All funds for " (period) }
        }
        span class="nhsuk-caption-l" { "Funding setup" }
        h1 { "Funding rules, " (period) }
        (feedback.notice())
        (year_chooser(base, period))
        form method="post" action={ (base) "/thresholds?period=" (year) } id="thresholds" novalidate {
            h2 { "Which principle to suggest" }
            p { "Levelling up is suggested where maturity varies widely and a significant number are below the minimum; fair shares where all are at it." }
            (version_line(thresholds.version, &thresholds.updated_by))
            input type="hidden" name="version" value=(thresholds.version);
            (fields::select(for_thresholds, "minimum", "The minimum standard", &fields::levels(), shown(for_thresholds, "minimum", &level(t.minimum.value()))))
            (fields::text(for_thresholds, "significantShareBelowPercent", "A significant number below the minimum: at least this percentage of those assessed", "From 0 to 100",
                shown(for_thresholds, "significantShareBelowPercent", &t.significant_share_below_percent.to_string()), "nhsuk-input--width-3"))
            (fields::text(for_thresholds, "wideSpreadLevels", "Maturity varies widely: the highest and lowest at least this many levels apart", "From 0 to 4",
                shown(for_thresholds, "wideSpreadLevels", &t.wide_spread_levels.to_string()), "nhsuk-input--width-3"))
            (fields::submit("Save the thresholds", false))
        }
        form method="post" action={ (base) "/autonomy-rules?period=" (year) } id="autonomy-rules" novalidate {
            h2 { "Earned autonomy" }
            p { "An ICS earns autonomy (its funding directly, with no ringfence) when every criterion below is met on its own and its members’ published peer reviews." }
            (version_line(rules.version, &rules.updated_by))
            input type="hidden" name="version" value=(rules.version);
            (fields::text(for_rules, "reviewsFrom", "Count peer reviews from this year on", "A financial year, like 2024/25",
                shown(for_rules, "reviewsFrom", r.reviews_from.as_str()), "nhsuk-input--width-5"))
            (fields::select(for_rules, "governanceMeasure", "Governance: the measure", &fields::measures(), shown(for_rules, "governanceMeasure", &r.governance_measure.to_string())))
            (fields::select(for_rules, "governanceMinimum", "Governance: at least this level", &fields::levels(), shown(for_rules, "governanceMinimum", &level(r.governance_minimum.value()))))
            (fields::choices(for_rules, "digitisationMeasures", "Digitisation: the measures", &fields::measures(), &digitisation, true))
            (fields::select(for_rules, "digitisationMinimum", "Digitisation: each at least this level", &fields::levels(), shown(for_rules, "digitisationMinimum", &level(r.digitisation_minimum.value()))))
            (fields::text(for_rules, "memberCoveragePercent", "Members with a published peer review: at least this percentage", "From 0 to 100",
                shown(for_rules, "memberCoveragePercent", &r.member_coverage_percent.to_string()), "nhsuk-input--width-3"))
            (fields::select(for_rules, "memberMinimum", "No member below this level on any measure", &fields::levels(), shown(for_rules, "memberMinimum", &level(r.member_minimum.value()))))
            (fields::submit("Save the earned-autonomy rules", false))
        }
    }
}
