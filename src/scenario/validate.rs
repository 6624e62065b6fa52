//! From file to model: the rules serde cannot check (coordinate ranges, positive ranges and
//! ordered bands, unique ids, references between lists, colours and dates), then the model
//! built once from the checked file.

use super::file::{
    MAX_ITEMS, MAX_RANGE_KM, Missile, Platform, ScenarioFile, Site, SiteKind, Target, is_blank,
};
use super::flight;
use super::limits;
use super::locate::JsonPath;
use super::model::{self, Band, RingSpec, Scenario, ScenarioData};
use super::{FORMAT, Problem, Problems};
use crate::color::{PALETTE, Rgba};
use crate::geodesy::{LatLon, Origin, PatrolArea};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use std::collections::HashMap;

/// Problems of a file, each with the path of the offending field.
pub(super) type Found = Vec<Problem>;

impl TryFrom<ScenarioFile> for Scenario {
    type Error = Problems;

    /// Validates the file and builds the model. Problems carry field paths but no line numbers
    /// (there is no text); [`Scenario::from_json`] adds them.
    fn try_from(file: ScenarioFile) -> Result<Self, Problems> {
        let problems = check(&file);
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        Ok(build(file))
    }
}

/// The model of a checked file. Everything it relies on was checked, so nothing here fails;
/// a corner that could not make an area (impossible after `check`) falls back to the point.
fn build(file: ScenarioFile) -> Scenario {
    let sites: Vec<model::Site> = file
        .sites
        .iter()
        .map(|s| {
            let position = LatLon::lat_lon(s.lat, s.lon);
            let origin = s
                .area
                .as_deref()
                .and_then(|corners| PatrolArea::new(&corners_of(corners)).ok())
                .map_or(Origin::Point(position), Origin::Area);
            model::Site {
                id: s.id.clone(),
                name: s.name.clone(),
                kind: s.kind.unwrap_or_default(),
                position,
                origin,
                illustrative: s.illustrative.unwrap_or(false),
                hypothetical: s.hypothetical.unwrap_or(false),
                note: s.note.clone(),
            }
        })
        .collect();
    let missiles: Vec<model::Missile> = file
        .missiles
        .iter()
        .enumerate()
        .map(|(i, m)| model::Missile {
            id: m.id.clone(),
            name: m.name.clone(),
            class: m.class.clone(),
            platform: m.platform.unwrap_or_default(),
            range_km: m.range_km,
            band: match (m.range_min_km, m.range_max_km) {
                (None, None) => None,
                (min, max) => Some(Band {
                    min_km: min.unwrap_or(m.range_km),
                    max_km: max.unwrap_or(m.range_km),
                }),
            },
            color: m
                .color
                .as_deref()
                .and_then(Rgba::parse)
                .unwrap_or(PALETTE[i % PALETTE.len()]),
            visible: m.visible.unwrap_or(true),
            assumed: m.assumed.unwrap_or(false),
            launch_sites: launch_sites(m, &file.sites),
            sources: m.sources.clone(),
            flight: flight::flight_model(m),
            minimum_range_km: m.minimum_range_km,
        })
        .collect();
    let targets = file
        .targets
        .iter()
        .map(|t| model::Target {
            id: t.id.clone(),
            name: t.name.clone(),
            position: LatLon::lat_lon(t.lat, t.lon),
            group: t.group.clone(),
            note: t.note.clone(),
            key: t.key.unwrap_or(false),
        })
        .collect();
    let target_areas = file
        .target_areas
        .iter()
        .map(|a| model::TargetArea {
            id: a.id.clone(),
            name: a.name.clone(),
            polygons: MultiPolygon(
                a.polygons
                    .iter()
                    .map(|ring| {
                        let coords: Vec<Coord<f64>> = ring
                            .iter()
                            .map(|[lon, lat]| Coord { x: *lon, y: *lat })
                            .collect();
                        Polygon::new(LineString::from(coords), vec![])
                    })
                    .collect(),
            ),
            source: a.source.clone(),
        })
        .collect();
    let ring_specs = missiles
        .iter()
        .enumerate()
        .flat_map(|(m, missile)| {
            missile
                .launch_sites
                .iter()
                .map(move |&site| RingSpec { site, missile: m })
        })
        .collect();
    Scenario(std::sync::Arc::new(ScenarioData {
        file,
        sites,
        missiles,
        targets,
        target_areas,
        ring_specs,
    }))
}

/// The sites a missile flies from, in site order: those its `from` names, or else every site
/// whose kind matches its platform.
fn launch_sites(missile: &Missile, sites: &[Site]) -> Vec<usize> {
    sites
        .iter()
        .enumerate()
        .filter(|(_, site)| match &missile.from {
            Some(from) => from.contains(&site.id),
            None => matches!(
                (
                    missile.platform.unwrap_or_default(),
                    site.kind.unwrap_or_default()
                ),
                (Platform::Land, SiteKind::Launch) | (Platform::Sea, SiteKind::Patrol)
            ),
        })
        .map(|(i, _)| i)
        .collect()
}

/// `[lon, lat]` pairs as positions.
fn corners_of(pairs: &[[f64; 2]]) -> Vec<LatLon> {
    pairs
        .iter()
        .map(|[lon, lat]| LatLon::lat_lon(*lat, *lon))
        .collect()
}

/// Every problem in `file`, each with the path of the offending field.
fn check(file: &ScenarioFile) -> Found {
    let mut problems = Vec::new();
    let root = JsonPath::default();
    limits::check_limits(file, &root, &mut problems);
    if file.format != FORMAT {
        problems.push(Problem::at(
            root.key("format"),
            format!("expected \"{FORMAT}\", found \"{}\"", file.format),
        ));
    }
    if let Some(date) = &file.as_of
        && !is_date(date)
    {
        problems.push(Problem::at(
            root.key("as_of"),
            format!("date \"{date}\" is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ));
    }
    let sites = root.key("sites");
    for (i, site) in file.sites.iter().enumerate() {
        check_site(site, &sites.index(i), &mut problems);
    }
    unique_ids(
        file.sites.iter().map(|s| s.id.as_str()),
        &sites,
        "site",
        &mut problems,
    );
    let missiles = root.key("missiles");
    for (i, missile) in file.missiles.iter().enumerate() {
        check_missile(missile, file, &missiles.index(i), &mut problems);
    }
    unique_ids(
        file.missiles.iter().map(|m| m.id.as_str()),
        &missiles,
        "missile",
        &mut problems,
    );
    let targets = root.key("targets");
    for (i, target) in file.targets.iter().enumerate() {
        check_target(target, &targets.index(i), &mut problems);
    }
    unique_ids(
        file.targets.iter().map(|t| t.id.as_str()),
        &targets,
        "target",
        &mut problems,
    );
    let areas = root.key("target_areas");
    for (i, area) in file.target_areas.iter().enumerate() {
        let at = areas.index(i);
        check_text(&area.id, &at.key("id"), &mut problems);
        check_text(&area.name, &at.key("name"), &mut problems);
        if area.polygons.is_empty() {
            problems.push(Problem::at(
                at.key("polygons"),
                "needs at least one polygon",
            ));
        }
        for (j, ring) in area.polygons.iter().enumerate() {
            let ring_at = at.key("polygons").index(j);
            for (k, [lon, lat]) in ring.iter().enumerate() {
                check_lon(*lon, || ring_at.index(k).index(0), &mut problems);
                check_lat(*lat, || ring_at.index(k).index(1), &mut problems);
            }
            // Points left after dropping repeated neighbours and a repeated closing point.
            let mut distinct =
                usize::from(!ring.is_empty()) + ring.windows(2).filter(|w| w[0] != w[1]).count();
            if distinct > 1 && ring.first() == ring.last() {
                distinct -= 1;
            }
            if distinct < 3 {
                problems.push(Problem::at(
                    ring_at,
                    "a polygon needs at least 3 distinct points",
                ));
            }
        }
    }
    unique_ids(
        file.target_areas.iter().map(|a| a.id.as_str()),
        &areas,
        "target area",
        &mut problems,
    );
    if let Some(view) = &file.view {
        let at = root.key("view");
        if let Some(lon) = view.center_lon {
            check_lon(lon, || at.key("center_lon"), &mut problems);
        }
        if let Some(lat) = view.center_lat {
            check_lat(lat, || at.key("center_lat"), &mut problems);
        }
    }
    problems
}

// Paths are built only for problems: a valid outline of thousands of points allocates none.
fn check_lat(lat: f64, at: impl FnOnce() -> JsonPath, problems: &mut Found) {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        problems.push(Problem::at(
            at(),
            format!("latitude {lat} is outside [-90, 90]"),
        ));
    }
}

fn check_lon(lon: f64, at: impl FnOnce() -> JsonPath, problems: &mut Found) {
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        problems.push(Problem::at(
            at(),
            format!("longitude {lon} is outside [-180, 180]"),
        ));
    }
}

fn check_text(text: &str, at: &JsonPath, problems: &mut Found) {
    if is_blank(text) {
        problems.push(Problem::at(at.clone(), "must not be empty"));
    }
}

fn check_site(site: &Site, at: &JsonPath, problems: &mut Found) {
    check_text(&site.id, &at.key("id"), problems);
    check_text(&site.name, &at.key("name"), problems);
    check_lat(site.lat, || at.key("lat"), problems);
    check_lon(site.lon, || at.key("lon"), problems);
    if let Some(area) = &site.area {
        for (k, [lon, lat]) in area.iter().enumerate() {
            check_lon(*lon, || at.key("area").index(k).index(0), problems);
            check_lat(*lat, || at.key("area").index(k).index(1), problems);
        }
        let in_range = area
            .iter()
            .all(|[lon, lat]| LatLon::checked(*lat, *lon).is_ok());
        // Corners out of range are reported above, one by one.
        if in_range && let Err(e) = PatrolArea::new(&corners_of(area)) {
            problems.push(Problem::at(at.key("area"), format!("patrol area: {e}")));
        }
    }
}

fn check_target(target: &Target, at: &JsonPath, problems: &mut Found) {
    check_text(&target.id, &at.key("id"), problems);
    check_text(&target.name, &at.key("name"), problems);
    check_lat(target.lat, || at.key("lat"), problems);
    check_lon(target.lon, || at.key("lon"), problems);
}

pub(super) fn check_range(km: f64, at: &JsonPath, problems: &mut Found) -> bool {
    let ok = km.is_finite() && km > 0.0 && km <= MAX_RANGE_KM;
    if !ok {
        problems.push(Problem::at(
            at.clone(),
            format!(
                "range {km} km must be greater than 0 and at most {MAX_RANGE_KM} km (the Earth's circumference)"
            ),
        ));
    }
    ok
}

fn check_missile(missile: &Missile, file: &ScenarioFile, at: &JsonPath, problems: &mut Found) {
    flight::check_flight(missile, at, problems);
    check_text(&missile.id, &at.key("id"), problems);
    check_text(&missile.name, &at.key("name"), problems);
    let nominal_ok = check_range(missile.range_km, &at.key("range_km"), problems);
    let min_ok = missile
        .range_min_km
        .is_none_or(|km| check_range(km, &at.key("range_min_km"), problems));
    let max_ok = missile
        .range_max_km
        .is_none_or(|km| check_range(km, &at.key("range_max_km"), problems));
    if nominal_ok && min_ok && max_ok {
        let nominal = missile.range_km;
        if let Some(min) = missile.range_min_km.filter(|min| *min > nominal) {
            problems.push(Problem::at(
                at.key("range_min_km"),
                format!("range_min_km {min} is greater than range_km {nominal}"),
            ));
        }
        if let Some(max) = missile.range_max_km.filter(|max| *max < nominal) {
            problems.push(Problem::at(
                at.key("range_max_km"),
                format!("range_max_km {max} is less than range_km {nominal}"),
            ));
        }
    }
    if let Some(color) = &missile.color
        && Rgba::parse(color).is_none()
    {
        {
            problems.push(Problem::at(
                at.key("color"),
                format!("colour \"{color}\" is not #rrggbb or #rrggbbaa"),
            ));
        }
    }
    if let Some(from) = &missile.from {
        for (j, id) in from.iter().enumerate() {
            if !file.sites.iter().any(|s| s.id == *id) {
                let known = file.sites.iter().map(|s| s.id.as_str());
                let hint = closest(id, known)
                    .map(|c| format!("; did you mean \"{c}\"?"))
                    .unwrap_or_default();
                problems.push(Problem::at(
                    at.key("from").index(j),
                    format!("no site has id \"{id}\"{hint}"),
                ));
            }
        }
    }
    for (j, source) in missile.sources.iter().enumerate() {
        let at = at.key("sources").index(j);
        check_text(&source.text, &at.key("text"), problems);
        if let Some(date) = &source.date
            && !is_date(date)
        {
            problems.push(Problem::at(
                at.key("date"),
                format!("date \"{date}\" is not YYYY, YYYY-MM or YYYY-MM-DD"),
            ));
        }
        for (k, &km) in source.km.iter().enumerate().take(MAX_ITEMS) {
            check_range(km, &at.key("km").index(k), problems);
        }
    }
}

/// Reports each id that repeats one earlier in the same list.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &JsonPath,
    what: &str,
    problems: &mut Found,
) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = first_seen.get(id) {
            problems.push(Problem::at(
                list.index(i).key("id"),
                format!("duplicate {what} id \"{id}\" (first used by {list}[{first}])"),
            ));
        } else {
            first_seen.insert(id, i);
        }
    }
}

fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| *d <= (word.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Whether `text` is a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" that exists (29 February
/// only in leap years). The schema's `DATE_PATTERN` says the same.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=days_in_month(number(y), number(m))).contains(&number(d))
        }
        _ => false,
    }
}

/// Days in month `month` (1-12) of `year` in the Gregorian calendar; 0 for a month that is not.
fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::is_date;

    #[test]
    fn dates() {
        for ok in [
            "2024",
            "2024-10",
            "2024-10-31",
            "2024-02-29",
            "2000-02-29",
            "2023-04-30",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "24",
            "2024-13",
            "2024-1-01",
            "2024-10-32",
            "2024-02-30",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-00-10",
            "October 2024",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
