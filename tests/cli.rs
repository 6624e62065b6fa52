use crate::common::data_path;
use std::path::Path;
use std::process::{Command, Output};

fn range_rings(args: &[&str]) -> Output {
    // No display: `open` must never leave a window waiting for a click in a test.
    Command::new(env!("CARGO_BIN_EXE_range-rings"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No input may end in a panic or a backtrace.
fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(
        !err.contains("panicked")
            && !err.contains("internal error")
            && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

mod reach {
    use super::*;

    fn csv_row<'a>(csv: &'a str, site: &str, missile: &str, target: &str) -> Vec<&'a str> {
        let prefix = format!("{site},{missile},{target},");
        let line = csv
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no row {prefix}"));
        line.split(',').collect()
    }

    #[test]
    fn builtin_csv_has_the_published_distances_and_verdicts() {
        let o = range_rings(&["reach", "--format", "csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let csv = stdout(&o);
        assert_eq!(
            csv.lines().next().unwrap(),
            "site,missile,target,distance_km,azimuth_deg,range_km,in_range,margin_km,\
             flight_time_min,rotating_range_km,in_range_rotating"
        );
        // (target, km, azimuth) from missile-ranges.md: WGS84 geodesics from Pyongyang.
        for (target, km, az) in [
            ("seoul", "195.0", 146.6),
            ("tokyo", "1287.2", 102.4),
            ("guam", "3391.8", 141.0),
            ("washington", "11067.4", 17.8),
        ] {
            let row = csv_row(&csv, "pyongyang", "hwasong-19", target);
            let distance: f64 = row[3].parse().unwrap();
            assert_eq!(format!("{distance:.1}"), km, "{target}");
            assert_eq!(
                row[3].split('.').nth(1).map(str::len),
                Some(3),
                "three decimals"
            );
            let azimuth: f64 = row[4].parse().unwrap();
            assert!(
                (azimuth - az).abs() < 0.05 && (0.0..360.0).contains(&azimuth),
                "{target} azimuth {azimuth}"
            );
            // Seoul is nearer than the ICBM's minimum range: not in range, margin or not.
            assert_eq!(row[6], if target == "seoul" { "false" } else { "true" });
            let margin: f64 = row[7].parse().unwrap();
            assert!((margin - (15000.0 - distance)).abs() < 0.0015);
        }
        // Verdicts flip where they should: Hwasong-12 (4,600 km, from Sunan) reaches Guam, not
        // Washington; KN-23 (690 km) reaches Seoul, not Tokyo; Hwasong-14 (10,400 km) falls
        // short of DC from both its test sites.
        assert_eq!(csv_row(&csv, "sunan", "hwasong-12", "guam")[6], "true");
        assert_eq!(
            csv_row(&csv, "sunan", "hwasong-12", "washington")[6],
            "false"
        );
        assert_eq!(csv_row(&csv, "pyongyang", "kn-23", "seoul")[6], "true");
        assert_eq!(csv_row(&csv, "pyongyang", "kn-23", "tokyo")[6], "false");
        // From Mupyong-ni, in the north, Washington is 184 km nearer than from Pyongyang.
        let dc = csv_row(&csv, "mupyong-ni", "hwasong-14", "washington");
        assert_eq!((dc[6], dc[7]), ("false", "-483.868"));
        // SRBMs from the Kaesong area reach further south.
        let kaesong = csv_row(&csv, "kaesong", "kn-23", "seoul");
        assert!(kaesong[3].parse::<f64>().unwrap() < 60.0, "{kaesong:?}");
        // Flight time and rotating reach: Hwasong-14 falls short of Washington on the rotating
        // Earth too (and beyond every estimate it gets no flight time), reaches Los Angeles
        // in about half an hour.
        assert_eq!(dc[8], "");
        let rotating: f64 = dc[9].parse().unwrap();
        assert!(
            (10_500.0..11_000.0).contains(&rotating) && dc[10] == "false",
            "{dc:?}"
        );
        let la = csv_row(&csv, "mupyong-ni", "hwasong-14", "los-angeles");
        assert!(
            la[9].parse::<f64>().unwrap() > 11_500.0 && la[10] == "true",
            "{la:?}"
        );
        let minutes: f64 = la[8].parse().unwrap();
        assert!((28.0..40.0).contains(&minutes), "{minutes} min");
        // Hwasong-19 toward Tokyo (bearing 102 degrees, with the Earth's spin): every launch
        // azimuth that lands on that bearing goes orbital or past the antipode first: beyond
        // the model, and the nominal range decides.
        let tokyo = csv_row(&csv, "pyongyang", "hwasong-19", "tokyo");
        assert_eq!((tokyo[9], tokyo[10]), ("beyond-model", "true"));
        // Toward Washington its reach is past its nominal 15,000 km, not short of it.
        let dc19 = csv_row(&csv, "pyongyang", "hwasong-19", "washington");
        assert!(dc19[9].parse::<f64>().unwrap() > 15_000.0, "{dc19:?}");
        // No flight time to a target beyond every estimate.
        assert_eq!(csv_row(&csv, "pyongyang", "kn-25", "washington")[8], "");
        // A cruise missile: path over speed plus launch (1,287 km at 800 km/h + 2 min), no
        // rotation figure.
        let hwasal = csv_row(&csv, "pyongyang", "hwasal-1", "tokyo");
        assert_eq!((hwasal[8], hwasal[9], hwasal[10]), ("98.5", "", "true"));
        // Sea-launched missiles fly from the near-home patrol points only, unless told.
        assert!(
            csv.lines()
                .any(|l| l.starts_with("patrol-e1,pukguksong-3,tokyo,"))
        );
        assert!(!csv.lines().any(|l| l.starts_with("patrol-p3,")));
    }

    #[test]
    fn json_and_table_carry_the_same_rows() {
        let csv = stdout(&range_rings(&["reach", "--format", "csv"]));
        let json: serde_json::Value =
            serde_json::from_slice(&range_rings(&["reach", "--format", "json"]).stdout).unwrap();
        let rows = json.as_array().unwrap();
        assert_eq!(rows.len(), csv.lines().count() - 1);
        let dc = rows
            .iter()
            .find(|r| {
                r["site"] == "pyongyang"
                    && r["missile"] == "hwasong-19"
                    && r["target"] == "washington"
            })
            .unwrap();
        // Full precision, unlike the CSV's three decimals.
        let distance = dc["distance_km"].as_f64().unwrap();
        assert!((distance - 11_067.41).abs() < 5e-4, "{distance}");
        assert_ne!(distance, 11_067.41);
        let seoul = rows
            .iter()
            .find(|r| r["site"] == "pyongyang" && r["target"] == "seoul")
            .unwrap();
        let azimuth = seoul["azimuth_deg"].as_f64().unwrap();
        assert!((azimuth - 146.58).abs() < 0.01 && (azimuth * 1e3).fract().abs() > 1e-6);
        assert_eq!(dc["in_range"], true);
        assert_eq!(dc["verdict"], "in range");
        assert!(
            dc["rotating_range_km"].as_f64().unwrap() > 14_000.0 && dc["rotating_note"].is_null(),
            "north-east toward DC the flight stays short of the antipode"
        );
        let seoul19 = rows
            .iter()
            .find(|r| r["missile"] == "hwasong-19" && r["target"] == "seoul")
            .unwrap();
        assert_eq!(seoul19["verdict"], "inside minimum range");
        assert_eq!(seoul19["minimum_range_km"], 900.0);
        assert_eq!(seoul19["in_range"], false);
        let cruise = rows
            .iter()
            .find(|r| r["missile"] == "hwasal-1" && r["target"] == "tokyo")
            .unwrap();
        assert_eq!(cruise["flight"], "cruise");
        assert_eq!(cruise["rotating_note"], "no effect (cruise)");
        let band = rows
            .iter()
            .find(|r| {
                r["site"] == "mupyong-ni"
                    && r["missile"] == "hwasong-12"
                    && r["target"] == "anchorage"
            })
            .unwrap();
        // Anchorage is 5,837 km from Mupyong-ni: beyond the 4,600 km nominal, within the
        // 6,000 km top of the estimates.
        assert_eq!(band["verdict"], "within the band");
        let dc14 = rows
            .iter()
            .find(|r| r["missile"] == "hwasong-14" && r["target"] == "washington")
            .unwrap();
        assert_eq!(
            dc14["verdict"], "out of range",
            "11,067 km is beyond every estimate"
        );
        assert_eq!(dc["target_name"], "Washington DC");
        let table = stdout(&range_rings(&["reach"]));
        assert_eq!(table.lines().count(), rows.len() + 1);
        assert!(table.lines().any(|l| l.contains("Washington DC")
            && l.contains("11067.4")
            && l.contains("in range")));
    }

    /// Regression: geographiclib gives an initial azimuth of -0.0 toward the North Pole from
    /// west of a southern site, and it was printed as "-0.000".
    #[test]
    fn an_azimuth_never_prints_as_negative_zero() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pole.json");
        std::fs::write(
            &path,
            r#"{"format": "range-rings/1",
                "sites": [{"id": "s", "name": "S", "lat": -45, "lon": 0}],
                "missiles": [{"id": "m", "name": "M", "range_km": 1000}],
                "targets": [{"id": "pole", "name": "North Pole", "lat": 90, "lon": -45}]}"#,
        )
        .unwrap();
        let file = path.to_str().unwrap();
        let csv = stdout(&range_rings(&["reach", file, "--format", "csv"]));
        assert_eq!(csv_row(&csv, "s", "m", "pole")[4], "0.000", "{csv}");
        let json: serde_json::Value =
            serde_json::from_slice(&range_rings(&["reach", file, "--format", "json"]).stdout)
                .unwrap();
        let azimuth = json[0]["azimuth_deg"].as_f64().unwrap();
        assert!(azimuth == 0.0 && azimuth.is_sign_positive(), "{json}");
        let table = stdout(&range_rings(&["reach", file]));
        for text in [&csv, &json.to_string(), &table] {
            assert!(!text.contains("-0.0"), "{text}");
        }
    }

    #[test]
    fn reach_of_a_file_and_of_a_bad_file() {
        let ok = range_rings(&[
            "reach",
            "--format",
            "csv",
            data_path("minimal.json").to_str().unwrap(),
        ]);
        assert!(ok.status.success());
        assert_eq!(stdout(&ok).lines().count(), 3, "two rings x one target");
        let bad = range_rings(&["reach", data_path("broken/site-lat.json").to_str().unwrap()]);
        assert_eq!(bad.status.code(), Some(2));
        assert!(stderr(&bad).contains("sites[1].lat"));
        let missing = range_rings(&["reach", "/nonexistent/file.json"]);
        assert_eq!(missing.status.code(), Some(2));
        assert!(stderr(&missing).contains("/nonexistent/file.json: cannot read"));
    }
}

mod check {
    use super::*;

    #[test]
    fn every_broken_file_is_refused_with_its_field_named() {
        let expected = std::fs::read_to_string(data_path("broken/expected.tsv")).unwrap();
        let mut count = 0;
        for line in expected.lines().filter(|l| !l.starts_with('#')) {
            let (file, message) = line.split_once('\t').unwrap();
            let path = data_path(&format!("broken/{file}"));
            let o = range_rings(&["check", path.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(2), "{file}");
            assert_no_panic(&o);
            let err = stderr(&o);
            assert!(
                err.contains(&*path.to_string_lossy()),
                "{file}: file not named in {err}"
            );
            assert!(
                err.contains(message),
                "{file}: expected {message:?} in {err}"
            );
            assert!(
                err.lines().count() <= 5,
                "{file}: a few plain lines, got {err}"
            );
            count += 1;
        }
        assert!(count >= 25);
    }

    #[test]
    fn every_problem_is_reported_at_once_with_line_and_column() {
        let path = data_path("many-errors.json");
        let o = range_rings(&["check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        let p = path.display();
        assert!(
            err.contains(&format!(
                "{p}:9:14: sites[0].lat: latitude 100 is outside [-90, 90]"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!("{p}:28:16: missiles[0].color")),
            "{err}"
        );
        assert!(err.contains(&format!("{p}:45:14: targets[0].lon")), "{err}");
    }

    #[test]
    fn valid_files_pass_including_a_byte_order_mark() {
        let o = range_rings(&[
            "check",
            data_path("valid-with-bom.json").to_str().unwrap(),
            data_path("../../assets/scenarios/builtin.json")
                .to_str()
                .unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o).matches(": ok (").count(), 2);
    }

    #[test]
    fn huge_and_odd_inputs_are_refused_quickly() {
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("huge.json");
        let mut text = String::from("{\"format\": \"range-rings/1\", \"title\": \"");
        text.push_str(&"x".repeat(30 * 1024 * 1024));
        text.push_str("\"}");
        std::fs::write(&huge, text).unwrap();
        let o = range_rings(&["check", huge.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("limited to 8 MB"), "{}", stderr(&o));
        let o = range_rings(&["check", dir.path().to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("is a folder"));
        let o = range_rings(&["check", "/nonexistent.json"]);
        assert_eq!(o.status.code(), Some(2));
        assert_no_panic(&o);
    }
}

mod ring {
    use super::*;
    use geo::{Contains, Coord, Point, Polygon, Winding};

    fn polygons(feature: &serde_json::Value) -> Vec<Polygon<f64>> {
        let geometry = &feature["geometry"];
        let to_ring = |r: &serde_json::Value| -> geo::LineString<f64> {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| Coord {
                    x: c[0].as_f64().unwrap(),
                    y: c[1].as_f64().unwrap(),
                })
                .collect()
        };
        let to_poly = |p: &serde_json::Value| {
            let rings = p.as_array().unwrap();
            Polygon::new(to_ring(&rings[0]), rings[1..].iter().map(to_ring).collect())
        };
        match geometry["type"].as_str().unwrap() {
            "Polygon" => vec![to_poly(&geometry["coordinates"])],
            "MultiPolygon" => geometry["coordinates"]
                .as_array()
                .unwrap()
                .iter()
                .map(to_poly)
                .collect(),
            other => panic!("unexpected geometry {other}"),
        }
    }

    fn feature(args: &[&str]) -> serde_json::Value {
        let o = range_rings(args);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    }

    #[test]
    fn geojson_of_a_pole_enclosing_ring_is_valid_rfc7946() {
        let f = feature(&[
            "ring",
            "--lat",
            "39.0392",
            "--lon",
            "125.7625",
            "--radius-km",
            "15000",
        ]);
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["properties"]["radius_km"], 15000.0);
        let polys = polygons(&f);
        for p in &polys {
            assert!(p.exterior().is_ccw(), "exterior rings counter-clockwise");
            assert!(p.interiors().iter().all(|h| h.is_cw()), "holes clockwise");
            for c in p.exterior().coords() {
                assert!((-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y));
            }
        }
        let inside = |lon: f64, lat: f64| polys.iter().any(|p| p.contains(&Point::new(lon, lat)));
        assert!(
            inside(0.0, 89.0) && inside(0.0, -89.0),
            "both poles covered"
        );
        assert!(!inside(-54.2375, -39.0392), "antipode not covered");
        assert!(inside(-77.0365, 38.8977), "Washington covered");
    }

    #[test]
    fn geojson_ring_across_the_antimeridian_is_a_multipolygon() {
        let f = feature(&["ring", "--lat", "35", "--lon", "180", "--radius-km", "2000"]);
        assert_eq!(f["geometry"]["type"], "MultiPolygon");
        let polys = polygons(&f);
        assert_eq!(polys.len(), 2);
        let inside = |lon: f64, lat: f64| polys.iter().any(|p| p.contains(&Point::new(lon, lat)));
        assert!(inside(179.5, 35.0) && inside(-179.5, 35.0) && !inside(0.0, 35.0));
        for p in &polys {
            for line in p.exterior().lines() {
                assert!(
                    (line.end.x - line.start.x).abs() < 90.0,
                    "segment jumps across the map"
                );
            }
        }
    }

    #[test]
    fn csv_vertices_and_negative_coordinates() {
        let o = range_rings(&[
            "ring",
            "--lat",
            "-33.9",
            "--lon",
            "-70.6",
            "--radius-km",
            "500",
            "--format",
            "csv",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = stdout(&o);
        assert_eq!(text.lines().next(), Some("lat,lon"));
        assert!(text.lines().count() > 64);
    }

    #[test]
    fn bad_arguments_exit_2_without_panic() {
        for args in [
            &["ring", "--lat", "91", "--lon", "0", "--radius-km", "5"][..],
            &["ring", "--lat", "0", "--lon", "0", "--radius-km", "0"],
            &["ring", "--lat", "0", "--lon", "0", "--radius-km", "-5"],
            &["ring", "--lat", "nan", "--lon", "0", "--radius-km", "5"],
            &["ring", "--lat", "0", "--lon", "inf", "--radius-km", "5"],
            &["ring", "--lat", "abc", "--lon", "0", "--radius-km", "5"],
            &["ring", "--lat", "0", "--lon", "0"],
            &["reach", "--format", "xml"],
            &["export-everything"],
            &["check"],
        ] {
            let o = range_rings(args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert_no_panic(&o);
            assert!(!stderr(&o).trim().is_empty(), "{args:?} says why");
        }
    }

    #[test]
    fn whole_earth_radius_is_reported_as_such() {
        let f = feature(&["ring", "--lat", "10", "--lon", "20", "--radius-km", "25000"]);
        assert_eq!(f["properties"]["whole_earth"], true);
        assert_eq!(polygons(&f).len(), 1);
    }
}

mod schema {
    use super::*;

    #[test]
    fn schema_describes_the_format() {
        let o = range_rings(&["schema"]);
        assert!(o.status.success());
        let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(schema["properties"]["format"]["const"], "range-rings/1");
        assert_eq!(schema["additionalProperties"], false);
        let missile = &schema["$defs"]["Missile"];
        assert_eq!(missile["additionalProperties"], false);
        let required: Vec<&str> = missile["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(required, ["id", "name", "range_km"]);
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [&["--help"][..], &["--version"], &["reach", "--help"]] {
        let o = range_rings(args);
        assert!(o.status.success(), "{args:?}");
    }
    assert!(Path::new(env!("CARGO_BIN_EXE_range-rings")).exists());
}

mod more_error_paths {
    use super::*;

    #[test]
    fn open_coverage_and_export_refuse_bad_input_with_exit_2() {
        let minimal = data_path("minimal.json");
        let broken = data_path("broken/truncated.json");
        for (args, message) in [
            (vec!["open", "/nonexistent/scenario.json"], "cannot read"),
            (vec!["open", broken.to_str().unwrap()], "cut short"),
            (
                vec!["coverage", minimal.to_str().unwrap()],
                "no target_areas",
            ),
            (vec!["coverage", broken.to_str().unwrap()], "truncated.json"),
            (
                vec!["export", broken.to_str().unwrap(), "-o", "/tmp/never.png"],
                "truncated.json",
            ),
            (
                vec!["reach", "--format", "csv", broken.to_str().unwrap()],
                "truncated.json",
            ),
        ] {
            let o = range_rings(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert_no_panic(&o);
            assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        }
    }

    #[test]
    fn coverage_formats() {
        for format in ["table", "json"] {
            let o = range_rings(&["coverage", "--format", format]);
            assert!(o.status.success());
            assert!(
                stdout(&o).contains("Continental United States")
                    || stdout(&o).contains("\"conus\"")
            );
        }
    }
}

mod summary {
    use super::*;

    /// The matrix is the reach table read at the nearest launch point: every cell's numbers
    /// are those of a reach row, the row of smallest distance for that missile and place.
    #[test]
    fn the_matrix_equals_the_reach_tables_numbers() {
        let reach: serde_json::Value =
            serde_json::from_slice(&range_rings(&["reach", "--format", "json"]).stdout).unwrap();
        let o = range_rings(&["summary", "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let matrix: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let columns = matrix["columns"].as_array().unwrap();
        let names: Vec<&str> = columns.iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "seoul",
                "tokyo",
                "guam",
                "honolulu",
                "anchorage",
                "seattle",
                "washington",
                "conus"
            ]
        );
        let rows = matrix["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 7, "the visible missiles");
        let mut checked = 0;
        for row in rows {
            for (column, cell) in columns.iter().zip(row["cells"].as_array().unwrap()) {
                if column["kind"] != "target" {
                    assert!(cell["covered_pct"].as_f64().unwrap() <= 100.0);
                    continue;
                }
                let nearest = reach
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|r| r["missile"] == row["missile"] && r["target"] == column["id"])
                    .min_by(|a, b| {
                        a["distance_km"]
                            .as_f64()
                            .unwrap()
                            .total_cmp(&b["distance_km"].as_f64().unwrap())
                    })
                    .unwrap();
                assert_eq!(cell["site"], nearest["site"], "{row} {column}");
                assert!(
                    (cell["distance_km"].as_f64().unwrap()
                        - nearest["distance_km"].as_f64().unwrap())
                    .abs()
                        < 5e-4
                );
                assert!(
                    (cell["margin_km"].as_f64().unwrap() - nearest["margin_km"].as_f64().unwrap())
                        .abs()
                        < 5e-4
                );
                assert_eq!(cell["verdict"], nearest["verdict"]);
                checked += 1;
            }
        }
        assert_eq!(checked, 7 * 7);
        // Washington: out of the Hwasong-14's nominal range, within the Hwasong-15's.
        let table = stdout(&range_rings(&["summary"]));
        let h14 = table
            .lines()
            .find(|l| l.starts_with("Hwasong-14 "))
            .unwrap();
        assert!(h14.contains("out -484 km"), "{h14}");
        assert!(
            table.contains("min +"),
            "Seoul inside the ICBMs' minimum range"
        );
        let csv = stdout(&range_rings(&["summary", "--format", "csv"]));
        assert!(csv.starts_with(
            "missile,column,kind,site,distance_km,range_km,margin_km,verdict,covered_pct\n"
        ));
        assert!(
            csv.lines()
                .any(|l| l.starts_with("hwasong-15,washington,target,pyongsong,11038.932,13000,"))
        );
    }

    #[test]
    fn older_files_without_key_places_get_every_target_as_a_column() {
        let o = range_rings(&[
            "summary",
            data_path("minimal.json").to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let matrix: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let scenario: serde_json::Value =
            serde_json::from_slice(&std::fs::read(data_path("minimal.json")).unwrap()).unwrap();
        assert_eq!(
            matrix["columns"].as_array().unwrap().len(),
            scenario["targets"].as_array().map_or(0, Vec::len)
        );
    }
}

mod estimate {
    use super::*;

    /// The 28 July 2017 Hwasong-14 test (KCNA: 3,724.9 km apogee, 998 km, 47 min 12 s) gives
    /// Wright's 10,400 km on a standard trajectory.
    #[test]
    fn a_lofted_test_gives_its_standard_range_as_json_and_table() {
        let o = range_rings(&[
            "estimate",
            "--apogee-km",
            "3724.9",
            "--range-km",
            "998",
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let range = v["standard_range_km"].as_f64().unwrap();
        assert!((range - 10_400.0).abs() < 200.0, "{v}");
        for key in [
            "burnout_speed_km_s",
            "standard_flight_time_min",
            "apogee_km",
            "two_body_range_km",
        ] {
            assert!(v[key].as_f64().unwrap() > 0.0, "{key}: {v}");
        }
        assert_eq!(v["beyond_model"], false);
        assert_eq!(v["profile"], "icbm-liquid");
        let fitted = &v["fitted"];
        assert!((fitted["test_apogee_km"].as_f64().unwrap() - 3_724.9).abs() < 40.0);
        assert!((fitted["test_range_km"].as_f64().unwrap() - 998.0).abs() < 1.0);
        assert!(fitted["delta_v_km_s"].as_f64().unwrap() > 7.0);
        // With the flight time the burn is fitted too, and the JSON says whether it matched.
        let timed = range_rings(&[
            "estimate",
            "--apogee-km",
            "2111.5",
            "--range-km",
            "787",
            "--flight-time-min",
            "30",
            "--profile",
            "irbm",
            "--format",
            "json",
        ]);
        let t: serde_json::Value = serde_json::from_slice(&timed.stdout).unwrap();
        assert_eq!(t["fitted"]["flight_time_matched"], true, "{t}");
        assert!((t["fitted"]["test_flight_time_min"].as_f64().unwrap() - 30.0).abs() < 0.1);
        let text = stdout(&range_rings(&[
            "estimate",
            "--apogee-km",
            "3724.9",
            "--range-km",
            "998",
        ]));
        assert!(
            text.contains("Standard trajectory (non-rotating Earth): range 10"),
            "{text}"
        );
    }

    #[test]
    fn near_orbital_tests_say_beyond_the_model() {
        // The Hwasong-17 test of 18 Nov 2022: 6,040.9 km apogee, 999.2 km.
        let o = range_rings(&[
            "estimate",
            "--apogee-km",
            "6040.9",
            "--range-km",
            "999.2",
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["beyond_model"], true);
        assert!(v["standard_range_km"].is_null());
        let text = stdout(&range_rings(&[
            "estimate",
            "--apogee-km",
            "6040.9",
            "--range-km",
            "999.2",
        ]));
        assert!(text.contains("beyond the model"), "{text}");
    }

    #[test]
    fn impossible_or_malformed_tests_exit_2_with_a_reason() {
        for (args, says) in [
            (
                vec!["--apogee-km", "10", "--range-km", "5000"],
                "no icbm-liquid rocket of the model flies",
            ),
            (vec!["--apogee-km", "-5", "--range-km", "900"], "apogee"),
            (
                vec![
                    "--apogee-km",
                    "3000",
                    "--range-km",
                    "900",
                    "--flight-time-min",
                    "0",
                ],
                "flight time",
            ),
            (
                vec![
                    "--apogee-km",
                    "3000",
                    "--range-km",
                    "900",
                    "--profile",
                    "icbm",
                ],
                "icbm-liquid",
            ),
            (vec!["--apogee-km", "3000"], "--range-km"),
        ] {
            let mut all = vec!["estimate"];
            all.extend(args.iter().copied());
            let o = range_rings(&all);
            assert_eq!(o.status.code(), Some(2), "{all:?}");
            assert!(stderr(&o).contains(says), "{all:?}: {}", stderr(&o));
            assert!(!stderr(&o).contains("panicked"));
        }
    }
}
