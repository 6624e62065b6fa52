//! The JSON Schema against `check`: every broken file and thousands of generated probes are
//! judged by both, and they must agree except on the rules the schema's description lists as
//! beyond it (unique ids, references, band order, distinct points, patrol areas round a pole,
//! the total of area points).

use crate::common::data_path;
use range_rings::scenario::{
    MAX_AREA_POINTS, MAX_ITEMS, MAX_RANGE_KM, MAX_TEXT_CHARS, Scenario, json_schema,
};
use serde_json::{Value, json};

/// Words of the problems `check` reports for the rules beyond the schema.
const BEYOND_SCHEMA: [&str; 8] = [
    "duplicate",
    "no site has id",
    "is greater than range_km",
    "is less than range_km",
    "is not less than range_km",
    "distinct points",
    "patrol area",
    "areas hold",
];

/// How the schema and `check` judged one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Outcome {
    BothAccept,
    BothReject,
    /// The schema accepts and `check` rejects for a rule the schema's description lists.
    ListedRule,
    /// Anything else: a gap in the schema or in `check`.
    Disagree,
}

struct Judge {
    schema: jsonschema::Validator,
}

impl Judge {
    fn new() -> Self {
        let schema = json_schema();
        let description = schema["description"].as_str().unwrap();
        for rule in [
            "unique",
            "names a site",
            "range_min_km <= range_km <= range_max_km",
            "minimum_range_km < range_km",
            "distinct",
            "pole",
            "200000 points",
        ] {
            assert!(description.contains(rule), "{rule} not listed");
        }
        Self {
            schema: jsonschema::validator_for(&schema).unwrap(),
        }
    }

    /// Judges `value` (as `check` reads it from its JSON text); the problems `check` found.
    fn judge(&self, value: &Value) -> (Outcome, String) {
        let text = serde_json::to_string(value).unwrap();
        self.judge_text(&text, Some(value))
    }

    fn judge_text(&self, text: &str, value: Option<&Value>) -> (Outcome, String) {
        let check = Scenario::from_json(text.as_bytes(), "probe");
        // Text that is not JSON is outside the schema's reach: both refuse it.
        let Some(value) = value else {
            assert!(check.is_err());
            return (Outcome::BothReject, String::new());
        };
        let schema_ok = self.schema.is_valid(value);
        match (schema_ok, check) {
            (true, Ok(_)) => (Outcome::BothAccept, String::new()),
            (false, Err(e)) => (Outcome::BothReject, e.to_string()),
            (true, Err(e)) => {
                let listed = e
                    .problems
                    .iter()
                    .all(|p| BEYOND_SCHEMA.iter().any(|w| p.message.contains(w)));
                let outcome = if listed {
                    Outcome::ListedRule
                } else {
                    Outcome::Disagree
                };
                (outcome, e.to_string())
            }
            (false, Ok(_)) => {
                let why: Vec<String> = self
                    .schema
                    .iter_errors(value)
                    .map(|e| format!("{}: {e}", e.instance_path()))
                    .collect();
                (Outcome::Disagree, why.join("; "))
            }
        }
    }
}

/// A valid scenario with one of everything the format has.
fn base() -> Value {
    json!({
        "format": "range-rings/1",
        "title": "Probe",
        "subtitle": "All fields",
        "as_of": "2026-11-30",
        "sites": [
            { "id": "pyongyang", "name": "Pyongyang", "kind": "launch", "lat": 39.0392,
              "lon": 125.7625, "note": "capital", "illustrative": false },
            { "id": "patrol", "name": "Patrol box", "kind": "patrol", "lat": 40.5, "lon": 134.0,
              "hypothetical": true,
              "area": [[133.0, 40.0], [135.0, 40.0], [135.0, 41.0], [133.0, 41.0]] }
        ],
        "missiles": [
            { "id": "hwasong-15", "name": "Hwasong-15", "class": "ICBM", "platform": "land",
              "range_km": 13000, "range_min_km": 12000, "range_max_km": 13500,
              "color": "#c0392b", "visible": true, "assumed": false, "from": ["pyongyang"],
              "flight": "ballistic", "minimum_range_km": 900,
              "ballistics": { "profile": "icbm-liquid", "vertical_rise_s": 10,
                              "stages": [{ "burn_s": 100, "mass_ratio": 3, "share": 0.5 }] },
              "sources": [{ "text": "Wright, UCS", "date": "2017-11-28",
                            "url": "https://example.org", "km": [13000, 12000],
                            "basis": "estimated" }] },
            { "id": "slbm", "name": "SLBM", "platform": "sea", "range_km": 2000 },
            { "id": "cruise", "name": "Cruise", "range_km": 1500, "flight": "cruise",
              "cruise_speed_kmh": 800 }
        ],
        "targets": [
            { "id": "seoul", "name": "Seoul", "lat": 37.5665, "lon": 126.978, "group": "ROK",
              "note": "capital", "key": true }
        ],
        "target_areas": [
            { "id": "box", "name": "A box", "source": "made up",
              "polygons": [[[-100.0, 30.0], [-90.0, 30.0], [-90.0, 40.0], [-100.0, 40.0]]] }
        ],
        "view": { "projection": "orthographic", "center_lon": 150.0, "center_lat": 35.0 }
    })
}

/// Paths (as JSON pointers) of every text field of [`base`], and whether it must be non-blank.
const TEXTS: [(&str, bool); 22] = [
    ("/title", false),
    ("/subtitle", false),
    ("/sites/0/id", true),
    ("/sites/0/name", true),
    ("/sites/0/note", false),
    ("/missiles/0/id", true),
    ("/missiles/0/name", true),
    ("/missiles/0/class", false),
    ("/missiles/0/from/0", false),
    ("/missiles/0/sources/0/text", true),
    ("/missiles/0/sources/0/url", false),
    ("/missiles/1/id", true),
    ("/missiles/1/name", true),
    ("/targets/0/id", true),
    ("/targets/0/name", true),
    ("/targets/0/group", false),
    ("/targets/0/note", false),
    ("/target_areas/0/id", true),
    ("/target_areas/0/name", true),
    ("/target_areas/0/source", false),
    ("/sites/1/id", true),
    ("/sites/1/name", true),
];

/// Paths of every number field, with the closed interval it must lie in (`None`: a range,
/// greater than 0 and at most [`MAX_RANGE_KM`]).
const NUMBERS: [(&str, Option<(f64, f64)>); 22] = [
    ("/sites/0/lat", Some((-90.0, 90.0))),
    ("/sites/0/lon", Some((-180.0, 180.0))),
    ("/sites/1/area/2/0", Some((-180.0, 180.0))),
    ("/sites/1/area/2/1", Some((-90.0, 90.0))),
    ("/missiles/0/range_km", None),
    ("/missiles/0/range_min_km", None),
    ("/missiles/0/range_max_km", None),
    ("/missiles/0/sources/0/km/1", None),
    ("/missiles/1/range_km", None),
    ("/targets/0/lat", Some((-90.0, 90.0))),
    ("/targets/0/lon", Some((-180.0, 180.0))),
    ("/target_areas/0/polygons/0/1/0", Some((-180.0, 180.0))),
    ("/target_areas/0/polygons/0/1/1", Some((-90.0, 90.0))),
    ("/view/center_lon", Some((-180.0, 180.0))),
    ("/view/center_lat", Some((-90.0, 90.0))),
    ("/sites/1/lat", Some((-90.0, 90.0))),
    ("/missiles/0/minimum_range_km", None),
    ("/missiles/2/cruise_speed_kmh", Some((1.0, 40_000.0))),
    ("/missiles/0/ballistics/vertical_rise_s", Some((0.0, 120.0))),
    (
        "/missiles/0/ballistics/stages/0/burn_s",
        Some((1.0, 1_000.0)),
    ),
    (
        "/missiles/0/ballistics/stages/0/mass_ratio",
        Some((1.01, 50.0)),
    ),
    ("/missiles/0/ballistics/stages/0/share", Some((0.01, 100.0))),
];

fn with(mut value: Value, pointer: &str, new: Value) -> Value {
    *value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = new;
    value
}

fn without(mut value: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match value.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.remove(key);
        }
        Value::Array(items) => {
            items.remove(key.parse().unwrap());
        }
        _ => panic!("{pointer}"),
    }
    value
}

/// Every probe: one change to [`base`] each, named.
fn probes() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = vec![("base".into(), base())];
    let mut add = |name: String, value: Value| out.push((name, value));

    let long = |n: usize| Value::String("é".repeat(n));
    for (path, _) in TEXTS {
        for (label, text) in [
            ("empty", json!("")),
            ("space", json!(" ")),
            ("tab and newline", json!("\t\n")),
            ("next line", json!("\u{85}")),
            ("byte-order mark", json!("\u{feff}")),
            ("ideographic space", json!("\u{3000}")),
            ("no-break space around", json!("\u{a0}x\u{a0}")),
            ("control character", json!("a\u{1}b")),
            ("longest", long(MAX_TEXT_CHARS)),
            ("too long", long(MAX_TEXT_CHARS + 1)),
            ("number", json!(7)),
            ("null", Value::Null),
        ] {
            add(format!("{path} {label}"), with(base(), path, text));
        }
        add(format!("{path} missing"), without(base(), path));
    }
    for (path, interval) in NUMBERS {
        let (lo, hi) = interval.unwrap_or((0.0, MAX_RANGE_KM));
        for (label, number) in [
            ("lowest", json!(lo)),
            ("highest", json!(hi)),
            ("below", json!(lo - 1e-6)),
            ("above", json!(hi + 1e-6)),
            ("far below", json!(-1e308)),
            ("far above", json!(1e308)),
            ("smallest positive", json!(5e-324)),
            ("zero", json!(0)),
            ("integer", json!(1)),
            ("string", json!("1")),
            ("null", Value::Null),
        ] {
            add(format!("{path} {label}"), with(base(), path, number));
        }
    }
    // Dates: every month 0-13 and day 0-32 of common, leap and century years.
    for year in ["1900", "1996", "2000", "2023", "2024", "2100", "2400"] {
        add(
            format!("date {year}"),
            with(base(), "/missiles/0/sources/0/date", json!(year)),
        );
        for month in 0..=13 {
            let ym = format!("{year}-{month:02}");
            add(
                format!("date {ym}"),
                with(base(), "/missiles/0/sources/0/date", json!(ym)),
            );
            for day in 0..=32 {
                let date = format!("{ym}-{day:02}");
                add(
                    format!("date {date}"),
                    with(base(), "/missiles/0/sources/0/date", json!(date)),
                );
            }
        }
    }
    for date in [
        "24",
        "2024-1",
        "2024-1-01",
        "2024-01-1",
        "２０２４",
        "2024/01/01",
        "2024-01-01T00:00",
        " 2024",
        "2024-",
        "",
        "10000",
    ] {
        add(
            format!("date {date:?}"),
            with(base(), "/missiles/0/sources/0/date", json!(date)),
        );
    }
    for color in [
        "#abc",
        "#aabbcc",
        "#AABBCCDD",
        "#aabbccd",
        "red",
        "",
        "#gggggg",
        "aabbcc",
        "#aabbcc ",
    ] {
        add(
            format!("colour {color:?}"),
            with(base(), "/missiles/0/color", json!(color)),
        );
    }
    for (path, value) in [
        ("/sites/0/kind", json!("lanch")),
        ("/missiles/0/platform", json!("air")),
        ("/view/projection", json!("mercator")),
        ("/view/projection", json!("equal-earth")),
        ("/missiles/0/visible", json!("yes")),
        ("/targets/0/key", json!(1)),
        ("/format", json!("range-rings/2")),
        ("/missiles/0/from", json!([])),
        ("/missiles/0/from", json!(["nowhere"])),
        ("/missiles/0/from", json!(["pyongyang", "pyongyang"])),
        ("/missiles/0/sources/0/km", json!([])),
        ("/missiles/0/range_min_km", json!(14000)),
        ("/missiles/0/range_max_km", json!(12500)),
        ("/missiles/0/minimum_range_km", json!(13000)),
        ("/missiles/0/flight", json!("rocket")),
        ("/missiles/2/flight", json!("glide")),
        ("/missiles/0/ballistics/profile", json!("icbm")),
        ("/missiles/0/ballistics/profile", json!("srbm")),
        ("/missiles/0/ballistics/stages", json!([])),
        (
            "/missiles/0/ballistics/stages",
            Value::Array(vec![
                json!({ "burn_s": 10, "mass_ratio": 2, "share": 1 });
                7
            ]),
        ),
        (
            "/missiles/0/ballistics/stages",
            json!([{ "burn_s": 10, "mass_ratio": 2 }]),
        ),
        ("/missiles/0/ballistics", json!({ "thrust": 5 })),
        ("/missiles/0/sources/0/basis", json!("rumoured")),
        ("/missiles/0/sources/0/basis", json!("flown")),
        ("/as_of", json!("2024-13")),
        ("/as_of", json!("2024-02-29")),
        ("/sites/1/hypothetical", json!("yes")),
        ("/missiles/1/id", json!("hwasong-15")),
        ("/targets", json!([])),
        ("/sites", json!([])),
        ("/sites/1/area", json!([[133.0, 40.0], [135.0, 40.0]])),
        (
            "/sites/1/area",
            json!([[133.0, 40.0], [135.0, 40.0], [135.0, 41.0]]),
        ),
        (
            "/sites/1/area",
            json!([[133.0, 40.0], [133.0, 40.0], [135.0, 41.0]]),
        ),
        (
            "/sites/1/area",
            json!([[999.0, 40.0], [135.0, 40.0], [135.0, 41.0]]),
        ),
        (
            "/sites/1/area",
            json!([[133.0], [135.0, 40.0], [135.0, 41.0]]),
        ),
        (
            "/sites/1/area",
            json!([[133.0, 40.0, 0.0], [135.0, 40.0], [135.0, 41.0]]),
        ),
        (
            "/sites/1/area",
            json!([[0.0, 80.0], [120.0, 80.0], [-120.0, 80.0]]),
        ),
        ("/sites/1/area", Value::Null),
        ("/target_areas/0/polygons", json!([])),
        (
            "/target_areas/0/polygons",
            json!([[[0.0, 0.0], [1.0, 1.0]]]),
        ),
        (
            "/target_areas/0/polygons",
            json!([[[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]),
        ),
        (
            "/target_areas/0/polygons",
            json!([[[0.0, 0.0], [1.0, 1.0], [999.0, 0.0]]]),
        ),
    ] {
        add(format!("{path} = {value}"), with(base(), path, value));
    }
    for (path, key) in [
        ("", "subtitel"),
        ("/sites/0", "elevation"),
        ("/missiles/0", "rang_km"),
        ("/missiles/0/sources/0", "page"),
        ("/targets/0", "population"),
        ("/target_areas/0", "holes"),
        ("/view", "zoom"),
    ] {
        let mut value = base();
        value
            .pointer_mut(path)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(key.into(), json!(1));
        add(format!("{path}/{key} unknown"), value);
    }
    for path in [
        "/format",
        "/sites/0/lat",
        "/sites/0/lon",
        "/missiles/0/range_km",
    ] {
        add(format!("{path} missing"), without(base(), path));
    }
    // Lists at and beyond their limits.
    for count in [MAX_ITEMS, MAX_ITEMS + 1] {
        let targets: Vec<Value> = (0..count)
            .map(|i| json!({ "id": format!("t{i}"), "name": "T", "lat": 0.0, "lon": 0.0 }))
            .collect();
        add(
            format!("{count} targets"),
            with(base(), "/targets", json!(targets)),
        );
        let km: Vec<f64> = vec![13000.0; count];
        add(
            format!("{count} figures"),
            with(base(), "/missiles/0/sources/0/km", json!(km)),
        );
    }
    for count in [MAX_AREA_POINTS, MAX_AREA_POINTS + 1] {
        let ring: Vec<[f64; 2]> = (0..count)
            .map(|i| {
                let t = i as f64 / count as f64 * std::f64::consts::TAU;
                [-95.0 + 5.0 * t.cos(), 35.0 + 5.0 * t.sin()]
            })
            .collect();
        add(
            format!("outline of {count} points"),
            with(base(), "/target_areas/0/polygons", json!([ring])),
        );
    }
    out
}

#[test]
fn schema_and_check_agree_on_every_probe() {
    let judge = Judge::new();
    let mut counts = std::collections::BTreeMap::new();
    let mut disagreements = Vec::new();
    let probes = probes();
    assert!(probes.len() > 3_000, "{} probes", probes.len());
    for (name, value) in &probes {
        let (outcome, why) = judge.judge(value);
        *counts.entry(outcome).or_insert(0) += 1;
        if outcome == Outcome::Disagree {
            disagreements.push(format!("{name}: {why}"));
        }
    }
    println!("{} probes: {counts:?}", probes.len());
    // For checking other validators (Python's jsonschema) against the same probes.
    if let Some(path) = std::env::var_os("RANGE_RINGS_DUMP_PROBES") {
        let lines: Vec<String> = probes
            .iter()
            .map(|(name, value)| {
                let schema_ok = judge.schema.is_valid(value);
                json!({ "name": name, "schema_ok": schema_ok, "value": value }).to_string()
            })
            .collect();
        std::fs::write(path, lines.join("\n")).unwrap();
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} probes disagree:\n{}",
        disagreements.len(),
        probes.len(),
        disagreements.join("\n")
    );
    // The probes exercise both verdicts and the listed rules.
    for outcome in [
        Outcome::BothAccept,
        Outcome::BothReject,
        Outcome::ListedRule,
    ] {
        assert!(
            counts.get(&outcome).copied().unwrap_or(0) > 10,
            "{outcome:?}"
        );
    }
}

#[test]
fn every_broken_file_is_refused_by_check_and_by_the_schema_unless_a_listed_rule() {
    let judge = Judge::new();
    let dir = data_path("broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "expected.tsv")
        .collect();
    files.sort();
    assert!(files.len() >= 30);
    let mut listed = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let value: Option<Value> = serde_json::from_slice(&bytes).ok();
        let (outcome, why) = judge.judge_text(&text, value.as_ref());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match outcome {
            Outcome::BothReject => {}
            Outcome::ListedRule => listed.push(name),
            other => panic!("{name}: {other:?} {why}"),
        }
    }
    // Exactly the cross-field rules pass the schema.
    assert_eq!(
        listed,
        [
            "band-max.json",
            "band-min.json",
            "duplicate-id.json",
            "from-unknown.json"
        ]
    );
}

#[test]
fn check_refuses_impossible_dates_and_absurd_numbers() {
    let judge = Judge::new();
    for (path, value) in [
        ("/missiles/0/sources/0/date", json!("2024-02-30")),
        ("/missiles/0/sources/0/date", json!("2023-02-29")),
        ("/missiles/0/range_km", json!(1e308)),
        ("/missiles/0/range_max_km", json!(40_076)),
    ] {
        let (outcome, why) = judge.judge(&with(base(), path, value.clone()));
        assert_eq!(outcome, Outcome::BothReject, "{path} = {value}");
        assert!(why.contains(path.rsplit('/').next().unwrap()), "{why}");
    }
}
