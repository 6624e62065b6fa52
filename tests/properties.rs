//! Property tests: random centres (poles and the antimeridian included) and radii from 1 m to
//! beyond the antipode, random projections and points. Bounded: 48 cases per property.

use proptest::prelude::*;
use range_rings::geodesy::{LatLon, RangeRing, RingShape, distance_m};
use range_rings::projection::Projection;

/// Latitudes with the poles and the equator over-represented.
fn latitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(90.0),
        Just(-90.0),
        Just(0.0),
        -90.0..=90.0f64,
        85.0..=90.0f64,
        -90.0..=-85.0f64
    ]
}

/// Longitudes with the antimeridian over-represented.
fn longitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(180.0),
        Just(-180.0),
        -180.0..=180.0f64,
        179.0..=180.0f64,
        -180.0..=-179.0f64
    ]
}

/// Radii from 1 m to beyond the antipode, log-uniform.
fn radius_m() -> impl Strategy<Value = f64> {
    (0.0..=7.5f64).prop_map(|e| 10f64.powf(e))
}

fn projection() -> impl Strategy<Value = Projection> {
    prop_oneof![
        (-180.0..=180.0f64).prop_map(|c| Projection::Equirectangular { central_lon: c }),
        (-180.0..=180.0f64).prop_map(|c| Projection::EqualEarth { central_lon: c }),
        (latitude(), longitude()).prop_map(|(lat, lon)| Projection::AzimuthalEquidistant {
            centre: LatLon::lat_lon(lat, lon)
        }),
        (latitude(), longitude()).prop_map(|(lat, lon)| Projection::Orthographic {
            centre: LatLon::lat_lon(lat, lon)
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn rings_are_closed_finite_on_the_circle_and_classify_like_geodesics(
        lat in latitude(), lon in longitude(), radius in radius_m(),
        probes in proptest::collection::vec((-90.0..=90.0f64, -180.0..180.0f64), 24),
        central in -180.0..=180.0f64,
    ) {
        let centre = LatLon::lat_lon(lat, lon);
        let ring = RangeRing::new(centre, radius).unwrap();
        let tolerance = RangeRing::tolerance_m(radius);
        if ring.shape == RingShape::Loop {
            prop_assert!(ring.vertices.len() >= 64);
            for v in &ring.vertices {
                prop_assert!(v.lat.is_finite() && v.lon.is_finite());
                prop_assert!((distance_m(centre, *v) - radius).abs() < 1.0);
            }
            for line in ring.outline(central) {
                for seg in line.lines() {
                    prop_assert!((seg.end.x - seg.start.x).abs() <= 90.0, "outline jumps across the map");
                    let mid = LatLon::lat_lon(0.5 * (seg.start.y + seg.end.y), 0.5 * (seg.start.x + seg.end.x));
                    prop_assert!((distance_m(centre, mid) - radius).abs() <= tolerance, "chord strays from the circle");
                }
            }
        }
        let area = ring.area(central).polygons;
        for (plat, plon) in probes {
            let p = LatLon::lat_lon(plat.clamp(-89.999, 89.999), plon);
            let d = distance_m(centre, p);
            if (d - radius).abs() <= tolerance {
                continue;
            }
            let west = central - 180.0;
            let x = (west + (p.lon - west).rem_euclid(360.0)).clamp(west + 1e-6, west + 360.0 - 1e-6);
            let filled = geo::Contains::contains(&area, &geo::Point::new(x, p.lat));
            prop_assert_eq!(filled, d <= radius, "probe {:?} at {} m", p, d);
        }
    }

    #[test]
    fn inverse_undoes_forward(projection in projection(), lat in -89.0..=89.0f64, lon in -179.0..=179.0f64) {
        let p = LatLon::lat_lon(lat, lon);
        if let Some(q) = projection.forward(p) {
            prop_assert!(q.x.is_finite() && q.y.is_finite());
            // On a cylindrical map's edge meridian the two edges are the same place.
            let back = projection.inverse(q);
            prop_assert!(back.is_some(), "{:?} lost {:?}", projection, p);
            let miss = distance_m(p, back.unwrap());
            prop_assert!(miss < 0.05, "{} came back {} m off", projection.name(), miss);
        }
    }

    #[test]
    fn projected_rings_are_finite_and_never_jump_across_the_map(
        projection in projection(), lat in latitude(), lon in longitude(), radius in radius_m(),
    ) {
        let ring = RangeRing::new(LatLon::lat_lon(lat, lon), radius).unwrap();
        let width = projection.bounds().width();
        let tolerance = 1e-3;
        for polygon in projection.project_ring_area(&ring, tolerance).0 {
            for c in polygon.exterior().coords().chain(polygon.interiors().iter().flat_map(|h| h.coords())) {
                prop_assert!(c.x.is_finite() && c.y.is_finite());
            }
        }
        for line in projection.project_ring_outline(&ring, tolerance) {
            for seg in line.lines() {
                let length = (seg.end.x - seg.start.x).hypot(seg.end.y - seg.start.y);
                prop_assert!(seg.start.x.is_finite() && seg.end.y.is_finite());
                prop_assert!(length < 0.25 * width, "{}: a segment {} long", projection.name(), length);
            }
        }
    }
}
