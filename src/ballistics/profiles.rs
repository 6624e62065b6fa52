//! Boost profiles by class of missile, and what each assumes.
//!
//! A profile fixes the shape of the boost (stages, burn times, how the acceleration grows as
//! propellant burns, the vertical rise); the velocity gained is then fitted to the missile's
//! published range or to a test. Burn times are round figures of the kind published for each
//! class (missile-ranges.md: boost 1-2 min for short-range missiles, 3-5 min for ICBMs); the
//! mass ratios give thrust-to-weight ratios of about 2 at lift-off rising to 6-8 at burnout,
//! typical of ballistic missiles. They are assumptions, stated so that an analyst can replace
//! them (`"ballistics"` in a scenario file, `--profile` on the command line).

use super::powered::{BoostProfile, Stage};

/// The names of the built-in profiles, in order of size.
pub const PROFILE_NAMES: [&str; 6] = ["srbm", "mrbm", "irbm", "slbm", "icbm-solid", "icbm-liquid"];

fn stage(burn_s: f64, mass_ratio: f64, share: f64) -> Stage {
    Stage {
        burn_s,
        mass_ratio,
        share,
    }
}

/// A built-in profile by name (see [`PROFILE_NAMES`]); `None` for an unknown name.
pub fn profile(name: &str) -> Option<BoostProfile> {
    let (stages, vertical_rise_s) = match name {
        // Single-stage, about a minute of burn (Scud, KN-23 class).
        "srbm" => (vec![stage(60.0, 2.6, 1.0)], 5.0),
        // Single-stage liquid, about 110 s (Nodong class).
        "mrbm" => (vec![stage(110.0, 3.2, 1.0)], 6.0),
        // Single-stage liquid, about 140 s (Hwasong-12 class).
        "irbm" => (vec![stage(140.0, 3.6, 1.0)], 8.0),
        // Two-stage solid from a submarine, about 2 min in all (Pukguksong class); the vertical
        // rise includes leaving the water.
        "slbm" => (vec![stage(65.0, 2.8, 0.5), stage(60.0, 2.6, 0.5)], 6.0),
        // Three-stage solid ICBM, about 3 min in all (Hwasong-18 and -19 class).
        "icbm-solid" => (
            vec![
                stage(70.0, 3.0, 0.34),
                stage(60.0, 2.8, 0.33),
                stage(50.0, 2.6, 0.33),
            ],
            8.0,
        ),
        // Two-stage liquid ICBM, about 200 s in all (Hwasong-14, -15 and -17 class). With it
        // the 10,400 km missile's rotating-Earth reach comes within 180 km of Wright's table
        // (see the README); longer burns move Los Angeles up and Boston down.
        "icbm-liquid" => (vec![stage(100.0, 3.0, 0.5), stage(100.0, 3.0, 0.5)], 10.0),
        _ => return None,
    };
    Some(BoostProfile {
        name: name.to_owned(),
        stages,
        vertical_rise_s,
    })
}

/// The profile for a missile's class ("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", ...), or, when the
/// class says nothing, for its nominal range: under 1,000 km SRBM, under 3,000 km MRBM, under
/// 5,500 km IRBM, else a liquid ICBM.
pub fn profile_for(class: Option<&str>, range_km: f64) -> BoostProfile {
    let class = class.unwrap_or("").to_ascii_uppercase();
    let name = if class.contains("SLBM") {
        "slbm"
    } else if class.contains("ICBM") {
        "icbm-liquid"
    } else if class.contains("IRBM") {
        "irbm"
    } else if class.contains("MRBM") {
        "mrbm"
    } else if class.contains("SRBM") || range_km < 1_000.0 {
        "srbm"
    } else if range_km < 3_000.0 {
        "mrbm"
    } else if range_km < 5_500.0 {
        "irbm"
    } else {
        "icbm-liquid"
    };
    class_profile_named(name)
}

/// A built-in profile that exists by construction.
fn class_profile_named(name: &str) -> BoostProfile {
    profile(name).unwrap_or_else(|| BoostProfile {
        name: name.to_owned(),
        stages: vec![stage(60.0, 2.6, 1.0)],
        vertical_rise_s: 5.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_a_profile_and_classes_map_to_them() {
        for name in PROFILE_NAMES {
            let p = profile(name).unwrap();
            assert!(p.burn_s() > 30.0 && p.burn_s() < 400.0);
        }
        assert!(profile("nonsense").is_none());
        assert_eq!(profile_for(Some("SLBM"), 2_000.0).name, "slbm");
        assert_eq!(profile_for(Some("SLCM/GLCM"), 600.0).name, "srbm");
        assert_eq!(profile_for(None, 10_000.0).name, "icbm-liquid");
    }
}
