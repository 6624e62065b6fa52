//! The flight fields of a missile: checking them (speeds, the minimum range, boost
//! overrides) and turning them into the missile's [`FlightModel`].

use super::Problem;
use super::file::Missile;
use super::locate::JsonPath;
use super::validate::{Found, check_range};
use crate::ballistics::model::DEFAULT_CRUISE_SPEED_KMH;
use crate::ballistics::{FlightClass, FlightModel, Stage, profiles};

/// The flight model of a checked missile: its class, and for ballistic and glide flight the
/// boost profile (the class's, with the file's overrides).
pub(super) fn flight_model(m: &Missile) -> FlightModel {
    match m.flight.unwrap_or_default() {
        FlightClass::Cruise => FlightModel::Cruise {
            speed_kmh: m.cruise_speed_kmh.unwrap_or(DEFAULT_CRUISE_SPEED_KMH),
        },
        FlightClass::Glide => FlightModel::Glide,
        FlightClass::Ballistic => {
            let overrides = m.ballistics.as_ref();
            let mut profile = overrides
                .and_then(|b| b.profile)
                .and_then(|name| profiles::profile(name.text()))
                .unwrap_or_else(|| profiles::profile_for(m.class.as_deref(), m.range_km));
            if let Some(stages) = overrides.and_then(|b| b.stages.as_ref()) {
                profile.stages = stages
                    .iter()
                    .map(|s| Stage {
                        burn_s: s.burn_s,
                        mass_ratio: s.mass_ratio,
                        share: s.share,
                    })
                    .collect();
                profile.name = format!("{} (stages from the file)", profile.name);
            }
            if let Some(rise) = overrides.and_then(|b| b.vertical_rise_s) {
                profile.vertical_rise_s = rise;
            }
            FlightModel::Ballistic {
                profile,
                range_km: m.range_km,
            }
        }
    }
}

/// Checks a number against an inclusive interval, naming the field and the interval.
fn check_within(value: f64, lo: f64, hi: f64, unit: &str, at: &JsonPath, problems: &mut Found) {
    if !(value.is_finite() && value >= lo && value <= hi) {
        problems.push(Problem::at(
            at.clone(),
            format!("{value} must be between {lo} and {hi}{unit}"),
        ));
    }
}

/// Checks the flight fields of a missile: speeds, the minimum range and boost overrides.
pub(super) fn check_flight(missile: &Missile, at: &JsonPath, problems: &mut Found) {
    if let Some(speed) = missile.cruise_speed_kmh {
        check_within(
            speed,
            1.0,
            40_000.0,
            " km/h",
            &at.key("cruise_speed_kmh"),
            problems,
        );
    }
    if let Some(min) = missile.minimum_range_km
        && check_range(min, &at.key("minimum_range_km"), problems)
        && missile.range_km.is_finite()
        && min >= missile.range_km
    {
        problems.push(Problem::at(
            at.key("minimum_range_km"),
            format!(
                "minimum_range_km {min} is not less than range_km {}",
                missile.range_km
            ),
        ));
    }
    let Some(ballistics) = &missile.ballistics else {
        return;
    };
    let at = at.key("ballistics");
    if let Some(rise) = ballistics.vertical_rise_s {
        check_within(rise, 0.0, 120.0, " s", &at.key("vertical_rise_s"), problems);
    }
    if let Some(stages) = &ballistics.stages {
        if stages.is_empty() || stages.len() > 6 {
            problems.push(Problem::at(
                at.key("stages"),
                format!("{} stages: give 1 to 6", stages.len()),
            ));
        }
        for (k, stage) in stages.iter().enumerate().take(6) {
            let at = at.key("stages").index(k);
            check_within(
                stage.burn_s,
                1.0,
                1_000.0,
                " s",
                &at.key("burn_s"),
                problems,
            );
            check_within(
                stage.mass_ratio,
                1.01,
                50.0,
                "",
                &at.key("mass_ratio"),
                problems,
            );
            check_within(stage.share, 0.01, 100.0, "", &at.key("share"), problems);
        }
    }
}
