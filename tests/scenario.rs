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
    // Illustrative patrol points are marked as such.
    for site in s.sites().iter().filter(|x| x.id.starts_with("patrol-")) {
        assert!(site.illustrative, "{}", site.id);
    }
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
    let h19 = s.missiles().iter().find(|m| m.id == "hwasong-19").unwrap();
    assert_eq!(h19.range_km, 15000.0);
    let band = h19.band.unwrap();
    assert_eq!((band.min_km, band.max_km), (13000.0, 15000.0));
    assert!(!h19.sources.is_empty());
    // Every missile carries its sources, and the first view is not cluttered.
    assert!(s.missiles().iter().all(|m| !m.sources.is_empty()));
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
    // "Over 15,000 km" is the one source of Hwasong-19: its 13,000 km floor is assumed.
    let h19 = missile("hwasong-19");
    assert!(h19.edge_assumed(13_000.0));
    assert!(!h19.edge_assumed(15_000.0));
    // Hwasong-15's band ends are both published (Japan MoD 10,000 km, Japan's minister 14,000).
    let h15 = missile("hwasong-15");
    assert!(!h15.edge_assumed(10_000.0) && !h15.edge_assumed(14_000.0));
    // Hwasong-14's 11,000 km top is in no source; Hwasong-16B's figures are all assumed.
    assert!(missile("hwasong-14").edge_assumed(11_000.0));
    assert!(missile("hwasong-16b").edge_assumed(5_500.0));
    // The legend marks them, and the caveats say what the mark means.
    let projection = range_rings::projection::Projection::Equirectangular { central_lon: 150.0 };
    let scene = range_rings::scene::Scene::build(
        &s,
        &range_rings::scene::SceneOptions::new(projection, 10.0),
    );
    let detail = |name: &str| {
        let entry = scene.legend.iter().find(|e| e.name == name).unwrap();
        entry.detail(false)
    };
    assert!(detail("Hwasong-19 (solid)").contains("estimates 13,000*-15,000 km"));
    assert!(detail("Hwasong-14").contains("estimates 6,700-11,000* km"));
    assert!(detail("Hwasong-15").contains("estimates 10,000-14,000 km"));
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
