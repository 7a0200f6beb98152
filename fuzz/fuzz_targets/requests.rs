//! Any bytes as a request body: parsing and validation never panic, and whatever validates is
//! already in its canonical form (validating it again changes nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wgll_shared::organisation::{NewOrganisation, OdsCode};
use wgll_shared::period::Period;
use wgll_shared::review::{MeasureAssessmentUpdate, NewReview};
use wgll_shared::validation;

fuzz_target!(|data: &[u8]| {
    if let Ok(form) = serde_json::from_slice::<NewOrganisation>(data) {
        if let Ok(valid) = form.validate() {
            assert_eq!(OdsCode::parse(valid.ods_code.as_str()).as_ref(), Ok(&valid.ods_code));
            assert_eq!(valid.name.trim(), valid.name);
        }
    }
    if let Ok(form) = serde_json::from_slice::<NewReview>(data) {
        if let Ok(valid) = form.validate() {
            assert_eq!(Period::parse(valid.period.as_str()).as_ref(), Ok(&valid.period));
            for reviewer in &valid.reviewers {
                assert_eq!(validation::email(reviewer).as_ref(), Ok(reviewer));
            }
        }
    }
    if let Ok(form) = serde_json::from_slice::<MeasureAssessmentUpdate>(data) {
        let _ = form.validate();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(code) = OdsCode::parse(text) {
            assert_eq!(OdsCode::parse(code.as_str()), Ok(code));
        }
        if let Ok(period) = Period::parse(text) {
            assert_eq!(Period::parse(period.as_str()), Ok(period));
        }
        if let Ok(email) = validation::email(text) {
            assert_eq!(validation::email(&email), Ok(email));
        }
        // A benefit's figure reads back from what a form shows of it: the same integer, exactly.
        for unit in wgll_shared::benefits::Unit::ALL {
            if let Ok(figure) = unit.read(text) {
                assert_eq!(unit.read(&unit.typed(figure)), Ok(figure));
                assert_eq!(unit.read(&unit.show(figure)), Ok(figure));
            }
        }
    }
});
