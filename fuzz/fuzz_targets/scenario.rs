//! Any bytes into the scenario parser and validator: errors are fine, panics are bugs. Valid
//! scenarios also go through reach and coverage, which user files reach next.
#![no_main]

use libfuzzer_sys::fuzz_target;
use range_rings::scenario::Scenario;

fuzz_target!(|data: &[u8]| {
    match Scenario::from_json(data, "fuzz.json") {
        Ok(scenario) => {
            // Keep each input cheap: the full tables only for small scenarios.
            if scenario.ring_specs().len() * scenario.targets().len().max(1) <= 64 {
                let _ = range_rings::analysis::reach_table(&scenario);
            }
            let _ = scenario.to_json();
        }
        Err(e) => {
            assert!(!e.problems.is_empty());
            let _ = e.to_string();
        }
    }
});
