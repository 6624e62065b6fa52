//! `range-rings estimate`: a lofted test's apogee, range and time to the range on a standard
//! trajectory, as text or JSON.

use super::{EstimateArgs, EstimateFormat, Failure, json_text};
use crate::ballistics::estimate::{Estimate, Test, estimate as fit};
use serde_json::json;
use std::fmt::Write as _;

/// Runs `estimate`: invalid figures or a test no rocket flies exit 2.
pub(super) fn estimate(args: &EstimateArgs) -> Result<String, Failure> {
    let test = Test {
        apogee_km: args.apogee_km,
        range_km: args.range_km,
        flight_time_min: args.flight_time_min,
    };
    let e = fit(test, &args.profile).map_err(|e| Failure::invalid(format!("range-rings: {e}")))?;
    match args.format {
        EstimateFormat::Json => json_text(&estimate_json(test, &e)),
        EstimateFormat::Table => Ok(estimate_text(test, &e)),
    }
}

/// The estimate as one JSON object: the standard flight's figures at the top level (`null`
/// beyond the model), the test as given and as the model flies it, and the fitted rocket.
pub fn estimate_json(test: Test, e: &Estimate) -> serde_json::Value {
    let standard = e.standard.as_ref();
    json!({
        "profile": e.rocket.profile.name,
        "standard_range_km": standard.map(|f| f.range_km),
        "burnout_speed_km_s": standard.map(|f| f.burnout.speed_km_s),
        "standard_flight_time_min": standard.map(|f| f.time_s / 60.0),
        "apogee_km": standard.map(|f| f.apogee_km),
        "beyond_model": standard.is_none(),
        "two_body_range_km": e.two_body_range_km,
        "test": {
            "apogee_km": test.apogee_km,
            "range_km": test.range_km,
            "flight_time_min": test.flight_time_min,
        },
        "fitted": {
            "delta_v_km_s": e.rocket.delta_v_km_s,
            "burn_time_s": e.rocket.profile.burn_s(),
            "burn_scale": e.burn_scale,
            "flight_time_matched": e.time_matched,
            "vertical_rise_s": e.rocket.profile.vertical_rise_s,
            "stages": e.rocket.profile.stages.iter().map(|s| json!({
                "burn_s": s.burn_s, "mass_ratio": s.mass_ratio, "share": s.share,
            })).collect::<Vec<_>>(),
            "test_kick_deg": e.test_kick_deg,
            "test_apogee_km": e.test_flight.apogee_km,
            "test_range_km": e.test_flight.range_km,
            "test_flight_time_min": e.test_flight.time_s / 60.0,
            "test_burnout_speed_km_s": e.test_flight.burnout.speed_km_s,
            "standard_kick_deg": standard.map(|_| e.standard_kick_deg),
            "standard_burnout_altitude_km": standard.map(|f| f.burnout.radius_km - crate::ballistics::EARTH_RADIUS_KM),
            "standard_burnout_angle_deg": standard.map(|f| f.burnout.flight_path_rad.to_degrees()),
        },
    })
}

/// The estimate as lines for reading.
pub fn estimate_text(test: Test, e: &Estimate) -> String {
    let mut out = String::new();
    let time = test
        .flight_time_min
        .map_or_else(String::new, |t| format!(", {t:.1} min"));
    let _ = writeln!(
        out,
        "Test: apogee {:.0} km, range {:.0} km{time}",
        test.apogee_km, test.range_km
    );
    let f = &e.test_flight;
    let _ = writeln!(
        out,
        "Fitted ({} profile): velocity gain {:.3} km/s, burn {:.0} s (x{:.2}), kick {:.2} deg; \
         the model flies the test to {:.0} km apogee, {:.0} km, {:.1} min",
        e.rocket.profile.name,
        e.rocket.delta_v_km_s,
        e.rocket.profile.burn_s(),
        e.burn_scale,
        e.test_kick_deg,
        f.apogee_km,
        f.range_km,
        f.time_s / 60.0
    );
    if e.time_matched == Some(false) {
        let _ = writeln!(
            out,
            "The flight time was not matched by scaling the burn (the model has no drag, so it \
             flies lofted tests faster); the profile's burn times are kept"
        );
    }
    match &e.standard {
        Some(s) => {
            let _ = writeln!(
                out,
                "Standard trajectory (non-rotating Earth): range {:.0} km, burnout speed {:.2} km/s, \
                 apogee {:.0} km, flight time {:.1} min",
                s.range_km,
                s.burnout.speed_km_s,
                s.apogee_km,
                s.time_s / 60.0
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Standard trajectory: beyond the model (the fitted rocket reaches orbital speed or \
                 flies past the antipode; its range is not a ring)"
            );
        }
    }
    if let Some(km) = e.two_body_range_km {
        let _ = writeln!(
            out,
            "Two-body reading (burnout at the surface, no boost): minimum-energy range {km:.0} km"
        );
    }
    out
}
