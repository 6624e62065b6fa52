//! Outputs as other people's tools read them: GeoJSON areas when edges are read as geodesics
//! (as pyproj, Turf and BigQuery do), KML polygons valid by the OGC rules GDAL and QGIS apply,
//! SVG drawn by another renderer (librsvg's `rsvg-convert`) and PDF text read back (poppler's
//! `pdftotext`); `.ci/run` installs both.

use geo::{Area, Coord, LineString, MultiPolygon, Polygon, Validation};
use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic, PolygonArea, Winding};
use range_rings::export;
use range_rings::geodesy::{LatLon, RangeRing};
use range_rings::scenario::Scenario;
use resvg::tiny_skia::Pixmap;
use serde_json::Value;
use std::path::Path;

/// The area of a geodesic disk on WGS84, km²: a polygon of 4,000 geodesic edges on its circle
/// (relative error about 2e-7).
fn disk_area_km2(lat: f64, lon: f64, radius_km: f64) -> f64 {
    let g = Geodesic::wgs84();
    let mut polygon = PolygonArea::new(&g, Winding::CounterClockwise);
    let n = 4_000;
    for i in 0..n {
        // Decreasing azimuth runs counter-clockwise round the centre.
        let azimuth = 360.0 - 360.0 * f64::from(i) / f64::from(n);
        let (lat2, lon2): (f64, f64) = g.direct(lat, lon, azimuth, radius_km * 1e3);
        polygon.add_point(lat2, lon2);
    }
    polygon.compute(false).1 / 1e6
}

/// The area a ring encloses when its edges are geodesics, km²: the side on its left for an
/// exterior (counter-clockwise), on its right for a hole.
fn geodesic_ring_area_km2(ring: &[Coord<f64>], winding: Winding) -> f64 {
    let g = Geodesic::wgs84();
    let mut polygon = PolygonArea::new(&g, winding);
    let open = match ring {
        [rest @ .., last] if Some(last) == ring.first() => rest,
        all => all,
    };
    for c in open {
        polygon.add_point(c.y, c.x);
    }
    polygon.compute(false).1 / 1e6
}

/// The area of a GeoJSON Polygon or MultiPolygon read with geodesic edges, km².
fn geodesic_area_km2(polygons: &MultiPolygon<f64>) -> f64 {
    polygons
        .0
        .iter()
        .map(|p| {
            geodesic_ring_area_km2(&p.exterior().0, Winding::CounterClockwise)
                - p.interiors()
                    .iter()
                    .map(|h| geodesic_ring_area_km2(&h.0, Winding::Clockwise))
                    .sum::<f64>()
        })
        .sum()
}

fn ring_geometry(lat: f64, lon: f64, radius_km: f64) -> MultiPolygon<f64> {
    let ring = RangeRing::new(LatLon::lat_lon(lat, lon), radius_km * 1e3).unwrap();
    let feature = export::geojson::ring_feature(&ring, serde_json::Map::new());
    multipolygon(&feature["geometry"])
}

fn multipolygon(geometry: &Value) -> MultiPolygon<f64> {
    let ring = |v: &Value| -> LineString<f64> {
        LineString::from(
            v.as_array()
                .unwrap()
                .iter()
                .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
                .collect::<Vec<_>>(),
        )
    };
    let polygon = |v: &Value| {
        let rings = v.as_array().unwrap();
        Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
    };
    match geometry["type"].as_str().unwrap() {
        "Polygon" => MultiPolygon(vec![polygon(&geometry["coordinates"])]),
        "MultiPolygon" => MultiPolygon(
            geometry["coordinates"]
                .as_array()
                .unwrap()
                .iter()
                .map(polygon)
                .collect(),
        ),
        other => panic!("{other}"),
    }
}

#[test]
fn geojson_areas_are_right_when_edges_are_read_as_geodesics() {
    for (name, lat, lon, radius_km) in [
        ("north pole", 90.0, 0.0, 5_000.0),
        ("south pole", -90.0, 0.0, 5_000.0),
        ("round the north pole", 85.0, 0.0, 1_000.0),
        ("round the south pole", -80.0, 0.0, 3_000.0),
        ("across the antimeridian", 0.0, 179.5, 3_000.0),
        ("south pole, wide", -60.0, -170.0, 9_000.0),
        ("world minus a cap on the antimeridian", 0.0, 0.0, 19_000.0),
    ] {
        let polygons = ring_geometry(lat, lon, radius_km);
        assert!(
            polygons.is_valid(),
            "{name}: {:?}",
            polygons.validation_errors()
        );
        let got = geodesic_area_km2(&polygons);
        let want = disk_area_km2(lat, lon, radius_km);
        let error = (got - want) / want;
        assert!(
            error.abs() < 0.005,
            "{name}: {got:.0} km² against {want:.0} km² ({:.3} %)",
            error * 100.0
        );
    }
}

/// A ring that covers both poles around a cap inside the map can only be written, validly, as
/// the world's frame with the cap as a hole. Read with geodesic edges the frame encloses
/// nothing (its sides run up and down the same antimeridian), so such a reader must take the
/// hole: its area is the uncovered cap's, exactly.
#[test]
fn geojson_world_minus_a_cap_holds_the_cap_as_a_hole_of_the_right_area() {
    let (lat, lon, radius_km) = (39.0392, 125.7625, 15_000.0);
    let polygons = ring_geometry(lat, lon, radius_km);
    assert!(polygons.is_valid());
    let [polygon] = polygons.0.as_slice() else {
        panic!("one polygon")
    };
    let [hole] = polygon.interiors() else {
        panic!("one hole")
    };
    let anti = LatLon::lat_lon(lat, lon).antipode();
    let antipodal_m: f64 = Geodesic::wgs84().inverse(lat, lon, anti.lat, anti.lon);
    let antipodal_km = antipodal_m / 1e3;
    let cap = geodesic_ring_area_km2(&hole.0, Winding::Clockwise);
    let want = disk_area_km2(anti.lat, anti.lon, antipodal_km - radius_km);
    assert!((cap - want).abs() / want < 0.005, "{cap} against {want}");
    // No edge longer than a degree: the frame's meridians and pole lines are densified.
    for line in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
        for edge in line.lines() {
            let d = (edge.end.x - edge.start.x)
                .abs()
                .max((edge.end.y - edge.start.y).abs());
            assert!(d <= 1.0 + 1e-9, "edge of {d} degrees");
        }
    }
}

/// The KML's placemarks in the folder called `folder`, each with its polygons and lines.
fn kml_folder(
    doc: &roxmltree::Document,
    folder: &str,
) -> Vec<(String, MultiPolygon<f64>, Vec<LineString<f64>>)> {
    let coords = |node: roxmltree::Node| -> LineString<f64> {
        let text = node
            .descendants()
            .find(|n| n.has_tag_name("coordinates"))
            .and_then(|n| n.text())
            .unwrap_or("");
        LineString::from(
            text.split_whitespace()
                .map(|pair| {
                    let mut it = pair.split(',').map(|v| v.parse::<f64>().unwrap());
                    (it.next().unwrap(), it.next().unwrap())
                })
                .collect::<Vec<_>>(),
        )
    };
    let folder = doc
        .descendants()
        .filter(|n| n.has_tag_name("Folder"))
        .find(|n| {
            n.children()
                .any(|c| c.has_tag_name("name") && c.text() == Some(folder))
        })
        .unwrap_or_else(|| panic!("no folder {folder}"));
    folder
        .children()
        .filter(|n| n.has_tag_name("Placemark"))
        .map(|placemark| {
            let name = placemark
                .children()
                .find(|c| c.has_tag_name("name"))
                .and_then(|c| c.text())
                .unwrap_or("")
                .to_string();
            let polygons = placemark
                .descendants()
                .filter(|n| n.has_tag_name("Polygon"))
                .map(|p| {
                    let outer = p
                        .descendants()
                        .find(|n| n.has_tag_name("outerBoundaryIs"))
                        .unwrap();
                    let holes = p
                        .descendants()
                        .filter(|n| n.has_tag_name("innerBoundaryIs"))
                        .map(coords)
                        .collect();
                    Polygon::new(coords(outer), holes)
                })
                .collect();
            let lines = placemark
                .descendants()
                .filter(|n| n.has_tag_name("LineString"))
                .map(coords)
                .collect();
            (name, MultiPolygon(polygons), lines)
        })
        .collect()
}

#[test]
fn kml_fills_are_valid_polygons_without_outline_and_rings_are_lines_on_the_ring() {
    let scenario = Scenario::builtin();
    let kml = export::kml::scenario_kml(&scenario);
    let doc = roxmltree::Document::parse(&kml).unwrap();

    // Fills never draw their edges (the cuts would show); lines carry the ring.
    let styles: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("PolyStyle"))
        .collect();
    assert_eq!(styles.len(), scenario.missiles().len());
    for style in styles {
        let outline = style.children().find(|c| c.has_tag_name("outline"));
        assert_eq!(outline.and_then(|o| o.text()), Some("0"));
    }

    let fills = kml_folder(&doc, "Reach areas");
    let mut split = 0;
    for (name, polygons, lines) in &fills {
        assert!(lines.is_empty(), "{name}");
        assert!(!polygons.0.is_empty(), "{name}");
        assert!(
            polygons.is_valid(),
            "{name}: {:?}",
            polygons.validation_errors()
        );
        split += usize::from(name.contains(", part "));
    }
    assert!(split >= 8, "the ICBM rings are cut into quarter-turns");

    // Every ring's pieces add up to its area: nothing lost in the cutting.
    let rings = kml_folder(&doc, "Range rings");
    assert_eq!(rings.len(), scenario.ring_specs().len());
    for (name, polygons, lines) in &rings {
        assert!(polygons.0.is_empty() && !lines.is_empty(), "{name}");
        let pieces: f64 = fills
            .iter()
            .filter(|(fill, ..)| fill == name || fill.starts_with(&format!("{name}, part ")))
            .map(|(_, p, _)| p.unsigned_area())
            .sum();
        assert!(pieces > 0.0, "{name} has no fill");
    }
    let hwasong_19 = "Hwasong-19 (solid) from Pyongyang (15000 km)";
    let pieces: f64 = fills
        .iter()
        .filter(|(fill, ..)| fill.starts_with(hwasong_19))
        .map(|(_, p, _)| p.unsigned_area())
        .sum();
    let ring = RangeRing::new(LatLon::lat_lon(39.0392, 125.7625), 15_000e3).unwrap();
    let whole = ring.area(0.0).polygons.unsigned_area();
    assert!(
        (pieces - whole).abs() / whole < 1e-6,
        "{pieces} against {whole}"
    );

    // The lines lie on the ring: every vertex 15,000 km from Pyongyang (within the drawing
    // tolerance of a chord).
    let (_, _, lines) = rings.iter().find(|(n, ..)| n == hwasong_19).unwrap();
    let g = Geodesic::wgs84();
    for line in lines {
        for c in line.coords() {
            let d: f64 = g.inverse(39.0392, 125.7625, c.y, c.x);
            assert!((d / 1e3 - 15_000.0).abs() < 15.0, "{c:?} at {d} m");
        }
    }
}

/// Share of pixels whose channels differ by more than 32 of 255 between two RGBA images.
fn differing_share(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    let differing = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 32))
        .count();
    differing as f64 / (a.len() / 4) as f64
}

/// The briefing SVG with text as glyph outlines, drawn by librsvg, matches our own PNG within
/// 1 % of pixels; no halo depends on `paint-order`, which cairosvg and editors ignore.
#[test]
fn svg_with_text_as_paths_looks_the_same_in_librsvg() {
    let dir = tempfile::tempdir().unwrap();
    let (svg_path, png_path) = (dir.path().join("b.svg"), dir.path().join("b.png"));
    let mut options = export::briefing::ImageOptions::new(960, 540, "2026-11-30");
    let scenario = Scenario::builtin();
    let projection = scenario.view_choice().projection();
    export::write(&scenario, &png_path, projection, &options).unwrap();
    let plain = export::svg(&scenario, projection, &options).0;
    assert!(!plain.contains("paint-order"));
    options.text_as_paths = true;
    export::write(&scenario, &svg_path, projection, &options).unwrap();
    let paths = std::fs::read_to_string(&svg_path).unwrap();
    assert!(!paths.contains("<text") && !paths.contains("paint-order"));

    let rendered = dir.path().join("rsvg.png");
    let args = ["-o".as_ref(), rendered.as_os_str(), svg_path.as_os_str()];
    let Some(out) = external("rsvg-convert", &args) else {
        return;
    };
    assert!(out.status.success());
    let decode = |path: &Path| Pixmap::decode_png(&std::fs::read(path).unwrap()).unwrap();
    let (theirs, ours) = (decode(&rendered), decode(&png_path));
    assert_eq!(
        (theirs.width(), theirs.height()),
        (ours.width(), ours.height())
    );
    let share = differing_share(theirs.data(), ours.data());
    assert!(share < 0.01, "{:.3} % of pixels differ", share * 100.0);
}

/// Runs `tool` with `args`; `None` when it is not installed, which CI does not allow.
fn external(tool: &str, args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
    match std::process::Command::new(tool).args(args).output() {
        Ok(output) => Some(output),
        Err(_) => {
            // CI installs the tools and sets this, so there the check cannot be skipped.
            assert!(
                std::env::var_os("RANGE_RINGS_REQUIRE_RENDERERS").is_none(),
                "{tool} is not installed"
            );
            eprintln!("{tool} not installed: check skipped");
            None
        }
    }
}

/// The PDF is one A4 page for the A4 preset, its fonts embedded, its text selectable (poppler's
/// `pdftotext` reads the title, a missile and a source back) and its picture the PNG's.
#[test]
fn pdf_is_a_vector_page_of_the_preset_size_with_embedded_selectable_text() {
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("b.pdf");
    let scenario = Scenario::builtin();
    let projection = scenario.view_choice().projection();
    let (w, h) = export::SizePreset::A4Portrait.size();
    let options = export::briefing::ImageOptions {
        dpi: export::SizePreset::A4Portrait.dpi(),
        ..export::briefing::ImageOptions::new(w, h, "2026-11-30")
    };
    export::write(&scenario, &pdf_path, projection, &options).unwrap();
    let bytes = std::fs::read(&pdf_path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox [0 0 595.2 841.92]"),
        "A4 at 72 pt per inch"
    );
    assert!(
        text.contains("/FontFile2") && text.contains("DejaVuSans"),
        "font embedded"
    );
    assert!(text.contains("/ToUnicode"), "text maps back to characters");

    let Some(out) = external("pdftotext", &[pdf_path.as_os_str(), "-".as_ref()]) else {
        return;
    };
    assert!(out.status.success());
    let extracted = String::from_utf8_lossy(&out.stdout);
    for needle in ["North Korean missile reach", "Hwasong-15", "Wright"] {
        assert!(extracted.contains(needle), "{needle} not in {extracted}");
    }
}
