use crate::common::data_path;
use range_rings::scenario::{Scenario, ScenarioFile};

#[test]
fn load_then_save_gives_an_equivalent_file() {
    let dir = tempfile::tempdir().unwrap();
    for source in [
        data_path("minimal.json"),
        data_path("../../assets/scenarios/builtin.json"),
    ] {
        let original = Scenario::load(&source).unwrap();
        let saved = dir.path().join("saved.json");
        original.save(&saved).unwrap();
        let again = Scenario::load(&saved).unwrap();
        assert_eq!(original, again);
        // Equivalent as JSON values too: nothing added, nothing lost.
        let a: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&source).unwrap()).unwrap();
        let b: serde_json::Value = serde_json::from_slice(&std::fs::read(&saved).unwrap()).unwrap();
        assert_eq!(numbers_as_f64(a), numbers_as_f64(b), "{}", source.display());
    }
    // The temporary file is gone after the rename.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["saved.json"]);
}

/// JSON with every number as a float, so `15000` and `15000.0` compare equal.
fn numbers_as_f64(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, numbers_as_f64(v)))
                .collect(),
        ),
        other => other,
    }
}

#[test]
fn failed_save_leaves_the_old_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-folder").join("x.json");
    assert!(Scenario::builtin().save(&target).is_err());
    assert!(!target.exists());
}

#[test]
fn edits_are_validated() {
    let scenario = Scenario::builtin();
    let bad = scenario.edited(|f: &mut ScenarioFile| f.missiles[0].range_km = -1.0);
    let problems = bad.unwrap_err();
    assert_eq!(problems.0[0].path.to_string(), "missiles[0].range_km");
    let good = scenario.edited(|f| f.missiles[0].range_km = 390.0).unwrap();
    assert_eq!(good.missiles()[0].range_km, 390.0);
}

#[test]
fn builtin_scenario_holds_the_reference_material() {
    let s = Scenario::builtin();
    for id in ["pyongyang", "sinpo"] {
        assert!(s.sites().iter().any(|x| x.id == id), "{id}");
    }
    // Illustrative patrol points are marked as such; the far ones are hypothetical too, and
    // no missile flies from them by default.
    for site in s.sites().iter().filter(|x| x.id.starts_with("patrol-")) {
        assert!(site.illustrative, "{}", site.id);
        assert_eq!(
            site.hypothetical,
            site.id.starts_with("patrol-p"),
            "{}",
            site.id
        );
    }
    let far: Vec<usize> = (0..s.sites().len())
        .filter(|&i| s.sites()[i].hypothetical)
        .collect();
    assert!(s.visible_ring_specs().all(|r| !far.contains(&r.site)));
    // The documented launch areas, each missile from where it was tested or deployed.
    for id in ["sunan", "mupyong-ni", "panghyon", "kaesong"] {
        assert!(s.sites().iter().any(|x| x.id == id), "{id}");
    }
    let from = |id: &str| -> Vec<String> {
        let m = s.missiles().iter().find(|m| m.id == id).unwrap();
        m.launch_sites
            .iter()
            .map(|&i| s.sites()[i].id.clone())
            .collect()
    };
    assert_eq!(from("hwasong-14"), ["mupyong-ni", "panghyon"]);
    assert_eq!(from("kn-23"), ["pyongyang", "kaesong"]);
    assert_eq!(s.as_of(), Some("2026-11-30"));
    for id in [
        "seoul",
        "tokyo",
        "guam",
        "honolulu",
        "anchorage",
        "washington",
        "conus-south",
        "marathon",
    ] {
        assert!(s.targets().iter().any(|t| t.id == id), "{id}");
    }
    // "Could exceed 15,000 km": a lower bound, not a band from 13,000.
    let h19 = s.missiles().iter().find(|m| m.id == "hwasong-19").unwrap();
    assert_eq!(h19.range_km, 15000.0);
    assert!(h19.band.is_none());
    assert_eq!(h19.minimum_range_km, Some(900.0));
    // The Hwasong-12's nominal is not below its demonstrated 4,600 km flight.
    let h12 = s.missiles().iter().find(|m| m.id == "hwasong-12").unwrap();
    assert_eq!(h12.range_km, 4600.0);
    // Cruise missiles fly as cruise missiles.
    let hwasal = s.missiles().iter().find(|m| m.id == "hwasal-2").unwrap();
    assert_eq!(
        hwasal.flight.class(),
        range_rings::ballistics::FlightClass::Cruise
    );
    assert_eq!(hwasal.platform, range_rings::scenario::Platform::Land);
    // Every missile carries its sources, each says what kind of figure it is, and the first
    // view is not cluttered.
    assert!(s.missiles().iter().all(|m| !m.sources.is_empty()));
    assert!(
        s.missiles()
            .iter()
            .flat_map(|m| &m.sources)
            .all(|source| source.basis.is_some())
    );
    let visible = s.missiles().iter().filter(|m| m.visible).count();
    assert!((4..=8).contains(&visible), "{visible} visible missiles");
}

#[test]
fn random_bytes_never_panic() {
    // A cheap stand-in for the fuzz target: mutate a valid file byte by byte.
    let valid = std::fs::read(data_path("minimal.json")).unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let mut bytes = valid.clone();
        for _ in 0..(next() % 4 + 1) {
            let i = (next() as usize) % bytes.len();
            match next() % 3 {
                0 => bytes[i] = next() as u8,
                1 => {
                    bytes.remove(i);
                }
                _ => bytes.truncate(i),
            }
            if bytes.is_empty() {
                break;
            }
        }
        if let Err(e) = Scenario::from_json(&bytes, "mutant.json") {
            assert!(!e.problems.is_empty());
            assert!(e.to_string().starts_with("mutant.json"));
        }
    }
}

#[test]
fn limits_refuse_oversized_scenarios_with_a_clear_message() {
    let mut file = Scenario::builtin().file().clone();
    let site = file.sites[0].clone();
    file.sites = (0..2_001)
        .map(|i| {
            let mut s = site.clone();
            s.id = format!("s{i}");
            s
        })
        .collect();
    file.missiles.iter_mut().for_each(|m| m.from = None);
    let text = serde_json::to_string(&file).unwrap();
    let err = Scenario::from_json(text.as_bytes(), "many.json")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("many.json:") && err.contains("sites: 2001 entries; at most 2000"),
        "{err}"
    );

    let mut file = Scenario::builtin().file().clone();
    file.targets[0].name = "x".repeat(5_000);
    let text = serde_json::to_string_pretty(&file).unwrap();
    let err = Scenario::from_json(text.as_bytes(), "long.json")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("targets[0].name: text of 5000 characters"),
        "{err}"
    );
}

#[test]
fn band_edges_no_source_gives_are_marked_assumed() {
    let s = Scenario::builtin();
    let missile = |id: &str| s.missiles().iter().find(|m| m.id == id).unwrap();
    // Musudan's 2,000 km floor is in no source (they give 1,900, 2,350, 2,500 and more).
    let musudan = missile("musudan");
    assert!(musudan.edge_assumed(2_000.0));
    assert!(!musudan.edge_assumed(4_000.0));
    // Hwasong-15's band ends are both published (Japan MoD 10,000 km, Kishi over 15,000).
    let h15 = missile("hwasong-15");
    assert!(!h15.edge_assumed(10_000.0) && !h15.edge_assumed(15_000.0));
    // Hwasong-16B's figures are all assumed.
    assert!(missile("hwasong-16b").edge_assumed(5_500.0));
    // The legend marks them, and the caveats say what the mark means.
    let musudan_index = s.missiles().iter().position(|m| m.id == "musudan").unwrap();
    let shown = s
        .edited(|f| f.missiles[musudan_index].visible = None)
        .unwrap();
    let projection = range_rings::projection::Projection::Equirectangular { central_lon: 150.0 };
    let scene = range_rings::scene::Scene::build(
        &shown,
        &range_rings::scene::SceneOptions::new(projection, 10.0),
    );
    let detail = |name: &str| {
        let entry = scene.legend.iter().find(|e| e.name == name).unwrap();
        entry.detail(false)
    };
    assert!(detail("Musudan (Hwasong-10)").contains("estimates 2,000*-4,000 km"));
    assert!(detail("Hwasong-15").contains("estimates 10,000-15,000 km"));
    assert!(
        scene.caveats.iter().any(|c| c.starts_with("* A band edge")),
        "{:?}",
        scene.caveats
    );
    // A figure that is not a range is refused where it stands.
    let bad = s.edited(|f| f.missiles[1].sources[0].km = vec![-5.0]);
    assert_eq!(
        bad.unwrap_err().0[0].path.to_string(),
        "missiles[1].sources[0].km[0]"
    );
}
