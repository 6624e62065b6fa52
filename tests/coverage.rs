use range_rings::analysis::coverage::farthest_point;
use range_rings::analysis::coverage_table;
use range_rings::geodesy::LatLon;
use range_rings::scenario::file::{Missile, Site};
use range_rings::scenario::{FORMAT, Scenario, ScenarioFile, SiteKind};

fn conus_scenario(ranges_km: &[f64]) -> Scenario {
    let builtin = Scenario::builtin();
    let conus = builtin
        .file()
        .target_areas
        .iter()
        .find(|a| a.id == "conus")
        .unwrap()
        .clone();
    Scenario::try_from(ScenarioFile {
        format: FORMAT.into(),
        title: None,
        subtitle: None,
        as_of: None,
        sites: vec![Site {
            id: "pyongyang".into(),
            name: "Pyongyang".into(),
            kind: Some(SiteKind::Launch),
            lat: 39.0392,
            lon: 125.7625,
            note: None,
            illustrative: None,
            hypothetical: None,
            area: None,
        }],
        missiles: ranges_km
            .iter()
            .map(|km| Missile {
                id: format!("m{km}"),
                name: format!("{km} km"),
                class: None,
                platform: None,
                range_km: *km,
                range_min_km: None,
                range_max_km: None,
                color: None,
                visible: None,
                assumed: None,
                from: None,
                sources: vec![],
                flight: None,
                cruise_speed_kmh: None,
                minimum_range_km: None,
                ballistics: None,
            })
            .collect(),
        targets: vec![],
        target_areas: vec![conus],
        view: None,
    })
    .unwrap()
}

#[test]
fn conus_coverage_matches_an_independent_surface_sample() {
    // tools/basemap/conus_coverage_check.py: 250,000 points uniform on the sphere inside the
    // CONUS polygons, seed 20240611 (standard errors 0.02-0.10 percentage points).
    let expected = [(10_000.0, 42.80), (11_000.0, 81.42), (12_000.0, 99.15)];
    let scenario = conus_scenario(&expected.map(|e| e.0));
    let rows = coverage_table(&scenario);
    for ((km, pct), row) in expected.iter().zip(&rows) {
        assert!(
            (row.covered_pct - pct).abs() < 0.5,
            "{km} km: {:.2} % vs sampled {pct} %",
            row.covered_pct
        );
    }
}

#[test]
fn a_12420_km_ring_covers_all_of_conus_and_the_farthest_point_is_in_the_keys() {
    let scenario = conus_scenario(&[12_420.0, 12_000.0]);
    let rows = coverage_table(&scenario);
    assert!(
        (rows[0].covered_pct - 100.0).abs() < 1e-6,
        "{}",
        rows[0].covered_pct
    );
    assert!(rows[1].covered_pct < 99.9);
    // missile-ranges.md: about 12,417 km, in the middle Florida Keys (the 1:50m outline's
    // farthest vertex is on Vaca Key, 12,419 km).
    let far = rows[0].farthest;
    assert!(
        (rows[0].farthest_km - 12_417.0).abs() < 5.0,
        "{}",
        rows[0].farthest_km
    );
    assert!(
        (24.5..25.0).contains(&far.lat) && (-81.2..-80.7).contains(&far.lon),
        "{far:?}"
    );
}

#[test]
fn coverage_command_prints_the_contract_columns() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_range-rings"))
        .args(["coverage", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        csv.lines().next(),
        Some("site,missile,area,covered_pct,farthest_km,rotating_covered_pct")
    );
    let h15 = csv
        .lines()
        .find(|l| l.starts_with("pyongsong,hwasong-15,conus,"))
        .unwrap();
    assert!(h15.contains(",100.000,"), "{h15}");
    // The Hwasong-14 covers part of CONUS; on the rotating Earth more of the west, less of
    // the east: a different share, within a few tens of percent.
    let h14: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("mupyong-ni,hwasong-14,conus,"))
        .unwrap()
        .split(',')
        .collect();
    let (flat, rotating): (f64, f64) = (h14[3].parse().unwrap(), h14[5].parse().unwrap());
    assert!(flat > 20.0 && flat < 95.0, "{h14:?}");
    assert!(
        (rotating - flat).abs() > 0.5 && (rotating - flat).abs() < 40.0,
        "{h14:?}"
    );
    let conus = Scenario::builtin().target_areas()[0].polygons.clone();
    let (_, km) = farthest_point(LatLon::lat_lon(40.0333, 128.2), &conus);
    assert!(
        (km - 12_225.0).abs() < 5.0,
        "Sinpo to the farthest CONUS point: {km}"
    );
}

/// The nearest and farthest points of CONUS, found by ranking its boundary on the sphere and
/// measuring only the best on the ellipsoid, are those of measuring every boundary point;
/// a site inside is at 0 km, one whose antipode is inside has the antipode as the farthest.
#[test]
fn extremes_ranked_on_the_sphere_are_the_measured_ones() {
    use range_rings::analysis::coverage::extremes;
    use range_rings::geodesy::distance_m;
    let conus = Scenario::builtin().target_areas()[0].polygons.clone();
    let boundary: Vec<LatLon> = conus
        .0
        .iter()
        .flat_map(|p| p.exterior().coords())
        .map(|c| LatLon::lat_lon(c.y, c.x))
        .collect();
    for site in [
        LatLon::lat_lon(39.04, 125.76),
        LatLon::lat_lon(-33.9, 18.4),
        LatLon::lat_lon(64.8, -147.7),
        LatLon::lat_lon(19.7, -155.1),
        LatLon::lat_lon(51.5, -0.1),
    ] {
        let found = extremes(site, &conus);
        let (near, far) = boundary
            .iter()
            .fold((f64::INFINITY, 0.0_f64), |(n, f), &p| {
                let km = distance_m(site, p) / 1000.0;
                (n.min(km), f.max(km))
            });
        // The boundary is sampled every 5 km between vertices, so the found extremes may
        // lie between them: no farther than a few km from the vertex-only ones.
        assert!(
            found.nearest_km <= near + 0.01 && found.nearest_km > near - 5.0,
            "{site:?}: nearest {} against {near}",
            found.nearest_km
        );
        assert!(
            found.farthest.1 >= far - 0.01 && found.farthest.1 < far + 5.0,
            "{site:?}: farthest {} against {far}",
            found.farthest.1
        );
    }
    let kansas = LatLon::lat_lon(38.5, -98.0);
    assert_eq!(extremes(kansas, &conus).nearest_km, 0.0);
    let found = extremes(kansas.antipode(), &conus);
    assert!((found.farthest.1 - 20_000.0).abs() < 40.0, "{found:?}");
}
