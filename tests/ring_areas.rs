use crate::common::{area_contains, reference};
use geo::{Coord, LineString};
use range_rings::geodesy::{
    LatLon, RangeRing, RingShape, antipodal_distance_m, destination, distance_m,
};

const PYONGYANG: LatLon = LatLon::lat_lon(39.0392, 125.7625);
const NORTH_POLE: LatLon = LatLon::lat_lon(90.0, 0.0);

/// Largest distance from the true circle of any point sampled along the outline's segments
/// (the polyline a renderer draws), in metres.
fn outline_deviation_m(ring: &RangeRing, lines: &[LineString<f64>]) -> f64 {
    let mut worst: f64 = 0.0;
    for line in lines {
        for seg in line.lines() {
            for k in 0..=8 {
                let t = f64::from(k) / 8.0;
                let p = LatLon::lat_lon(
                    seg.start.y + t * (seg.end.y - seg.start.y),
                    seg.start.x + t * (seg.end.x - seg.start.x),
                );
                worst = worst.max((distance_m(ring.centre, p) - ring.radius_m).abs());
            }
        }
    }
    worst
}

/// Asserts the geometric invariants of an outline: finite, inside the map, no segment that
/// jumps across the map, no segment along a pole line.
fn assert_clean_outline(name: &str, lines: &[LineString<f64>], central_meridian: f64) {
    let (west, east) = (central_meridian - 180.0, central_meridian + 180.0);
    for line in lines {
        for c in line.coords() {
            assert!(
                c.x.is_finite() && c.y.is_finite(),
                "{name}: non-finite vertex"
            );
            assert!(
                c.x >= west - 1e-9 && c.x <= east + 1e-9,
                "{name}: lon {} off the map",
                c.x
            );
        }
        for seg in line.lines() {
            let dx = (seg.end.x - seg.start.x).abs();
            assert!(
                dx <= 90.0,
                "{name}: segment jumps {dx} degrees across the map"
            );
            let on_pole = seg.start.y.abs() > 89.999_999 && seg.end.y.abs() > 89.999_999;
            assert!(!(on_pole && dx > 1e-6), "{name}: stray line along a pole");
        }
    }
}

/// Checks the area against points whose geodesic distance from the centre is known, skipping
/// only points within the drawing tolerance of the circle.
fn assert_area_classifies(name: &str, ring: &RangeRing, probes: &[LatLon], central_meridian: f64) {
    let area = ring.area(central_meridian).polygons;
    let tolerance = RangeRing::tolerance_m(ring.radius_m);
    for &p in probes {
        let d = distance_m(ring.centre, p);
        if (d - ring.radius_m).abs() <= tolerance {
            continue;
        }
        let inside = d <= ring.radius_m;
        assert_eq!(
            area_contains(&area, p, central_meridian),
            inside,
            "{name} (cm {central_meridian}): {p:?} at {:.1} km, radius {:.1} km; filled on the wrong side",
            d / 1000.0,
            ring.radius_m / 1000.0
        );
    }
}

/// Probes one and a half tolerances inside and outside the circle all the way round, plus the
/// poles, the centre and the antipode.
fn edge_probes(ring: &RangeRing) -> Vec<LatLon> {
    let gap = 1.5 * RangeRing::tolerance_m(ring.radius_m);
    let mut probes = vec![
        ring.centre,
        ring.centre.antipode(),
        NORTH_POLE,
        LatLon::lat_lon(-90.0, 0.0),
    ];
    for i in 0..72 {
        let az = f64::from(i) * 5.0 + 0.5;
        probes.push(destination(ring.centre, az, ring.radius_m + gap));
        if ring.radius_m > gap {
            probes.push(destination(ring.centre, az, ring.radius_m - gap));
        }
    }
    probes
}

fn check_ring(name: &str, centre: LatLon, radius_m: f64, extra_probes: &[LatLon]) {
    let ring = RangeRing::new(centre, radius_m).unwrap();
    let tolerance = RangeRing::tolerance_m(radius_m);
    for cm in [0.0, 150.0, -100.0] {
        let outline = ring.outline(cm);
        assert_clean_outline(name, &outline, cm);
        let dev = outline_deviation_m(&ring, &outline);
        assert!(
            dev <= tolerance,
            "{name}: outline strays {dev:.1} m from the circle (tolerance {tolerance} m)"
        );
        let mut probes = edge_probes(&ring);
        probes.extend_from_slice(extra_probes);
        assert_area_classifies(name, &ring, &probes, cm);
    }
}

mod reference_rings {
    use super::*;

    #[test]
    fn every_reference_ring_is_clean_and_filled_on_the_right_side() {
        for case in &reference().rings {
            let probes: Vec<LatLon> = case
                .probes
                .iter()
                .map(|p| LatLon::lat_lon(p.lat, p.lon))
                .collect();
            check_ring(
                &case.name,
                LatLon::lat_lon(case.lat, case.lon),
                case.radius_m,
                &probes,
            );
        }
    }
}

mod poles {
    use super::*;

    #[test]
    fn pyongyang_15000_km_leaves_out_only_the_south_atlantic_cap() {
        let ring = RangeRing::new(PYONGYANG, 15_000_000.0).unwrap();
        assert!(ring.contains_north_pole && ring.contains_south_pole);
        let area = ring.area(0.0).polygons;
        // Both poles, Washington, Cape Town area, Sydney: inside. The antipode (-39.04, -54.24)
        // and Buenos Aires (about 19,000 km away... ) outside.
        for p in [
            LatLon::lat_lon(89.5, 10.0),
            LatLon::lat_lon(-89.5, 10.0),
            LatLon::lat_lon(38.8977, -77.0365),
        ] {
            assert!(area_contains(&area, p, 0.0), "{p:?} should be covered");
        }
        assert!(!area_contains(&area, PYONGYANG.antipode(), 0.0));
        assert!(
            !area_contains(&area, LatLon::lat_lon(-34.6, -58.4), 0.0),
            "Buenos Aires"
        );
        check_ring("pyongyang 15000", PYONGYANG, 15_000_000.0, &[]);
    }

    #[test]
    fn ring_around_85_north_is_closed_through_the_pole() {
        let centre = LatLon::lat_lon(85.0, 30.0);
        let ring = RangeRing::new(centre, 1_000_000.0).unwrap();
        assert!(ring.contains_north_pole && !ring.contains_south_pole);
        let area = ring.area(0.0).polygons;
        // The polygon reaches the pole line over the whole width of the map.
        assert!(
            area.0
                .iter()
                .any(|p| p.exterior().coords().any(|c| c.y == 90.0))
        );
        assert!(area_contains(&area, LatLon::lat_lon(89.9, -170.0), 0.0));
        assert!(
            area_contains(&area, LatLon::lat_lon(88.0, -150.0), 0.0),
            "across the pole"
        );
        assert!(!area_contains(&area, LatLon::lat_lon(70.0, -150.0), 0.0));
        check_ring("85N 1000km", centre, 1_000_000.0, &[]);
    }

    #[test]
    fn ring_grazing_the_pole_by_three_km_either_side() {
        let centre = LatLon::lat_lon(0.0, 20.0);
        let to_pole = distance_m(centre, NORTH_POLE);
        for (radius, pole_inside) in [(to_pole - 3000.0, false), (to_pole + 3000.0, true)] {
            let ring = RangeRing::new(centre, radius).unwrap();
            assert_eq!(ring.contains_north_pole, pole_inside);
            let near_side = LatLon::lat_lon(89.99, 20.0); // 1.1 km short of the pole
            let far_side = LatLon::lat_lon(89.9, -160.0); // 11 km past the pole
            let area = ring.area(150.0).polygons;
            assert_eq!(area_contains(&area, near_side, 150.0), pole_inside);
            assert!(!area_contains(&area, far_side, 150.0));
            check_ring(
                &format!("grazing pole {radius}"),
                centre,
                radius,
                &[near_side, far_side],
            );
        }
    }

    #[test]
    fn ring_through_the_pole_exactly_is_drawn() {
        let centre = LatLon::lat_lon(0.0, 20.0);
        let radius = distance_m(centre, NORTH_POLE);
        let ring = RangeRing::new(centre, radius).unwrap();
        check_ring(
            "through pole",
            centre,
            radius,
            &[LatLon::lat_lon(89.0, -160.0), LatLon::lat_lon(80.0, 20.0)],
        );
        assert!(!ring.outline(0.0).is_empty());
    }

    #[test]
    fn centre_on_either_pole() {
        check_ring(
            "north pole centre",
            NORTH_POLE,
            2_000_000.0,
            &[LatLon::lat_lon(75.0, 170.0)],
        );
        check_ring(
            "south pole centre",
            LatLon::lat_lon(-90.0, 0.0),
            12_000_000.0,
            &[LatLon::lat_lon(0.0, 0.0)],
        );
    }
}

mod antimeridian {
    use super::*;

    #[test]
    fn ring_on_the_antimeridian_is_split_not_lost() {
        let centre = LatLon::lat_lon(35.0, 180.0);
        let ring = RangeRing::new(centre, 2_000_000.0).unwrap();
        let area = ring.area(0.0).polygons;
        assert_eq!(area.0.len(), 2, "one piece on each side of the map");
        assert!(area_contains(&area, LatLon::lat_lon(35.0, 179.0), 0.0));
        assert!(area_contains(&area, LatLon::lat_lon(35.0, -179.0), 0.0));
        // Pacific-centred map: the same ring is one piece again.
        assert_eq!(ring.area(150.0).polygons.0.len(), 1);
        assert_eq!(ring.outline(150.0).len(), 1);
        assert_eq!(ring.outline(0.0).len(), 2);
        check_ring("antimeridian", centre, 2_000_000.0, &[]);
    }

    #[test]
    fn ring_crossing_the_pacific_map_edge_at_30_west() {
        // With a central meridian of 150 E the map edge is at 30 W.
        let centre = LatLon::lat_lon(10.0, -28.0);
        let ring = RangeRing::new(centre, 3_000_000.0).unwrap();
        let area = ring.area(150.0).polygons;
        assert_eq!(area.0.len(), 2);
        for p in [LatLon::lat_lon(10.0, -35.0), LatLon::lat_lon(10.0, -25.0)] {
            assert!(area_contains(&area, p, 150.0), "{p:?}");
        }
        check_ring("edge at 30W", centre, 3_000_000.0, &[]);
    }

    #[test]
    fn patrol_point_on_the_antimeridian_north_of_midway() {
        check_ring("midway", LatLon::lat_lon(35.0, 180.0), 2_000_000.0, &[]);
        check_ring(
            "midway west",
            LatLon::lat_lon(35.0, -180.0),
            13_000_000.0,
            &[],
        );
    }
}

mod antipode {
    use super::*;

    #[test]
    fn near_antipodal_hole_is_a_small_uncovered_cap() {
        let far = antipodal_distance_m(PYONGYANG);
        let ring = RangeRing::new(PYONGYANG, far - 50_000.0).unwrap();
        assert_eq!(ring.shape, RingShape::Loop);
        let area = ring.area(0.0).polygons;
        let anti = PYONGYANG.antipode();
        assert!(
            !area_contains(&area, anti, 0.0),
            "the antipode stays uncovered"
        );
        assert!(area_contains(
            &area,
            destination(anti, 45.0, 100_000.0),
            0.0
        ));
        check_ring("near antipode", PYONGYANG, far - 50_000.0, &[]);
    }

    #[test]
    fn equatorial_centre_near_antipode_follows_the_cut_locus() {
        let centre = LatLon::lat_lon(0.0, 0.0);
        let far = antipodal_distance_m(centre);
        for gap in [1_000.0, 10_000.0, 30_000.0, 60_000.0, 150_000.0] {
            check_ring(&format!("equator gap {gap}"), centre, far - gap, &[]);
        }
    }

    #[test]
    fn whole_earth_area_is_the_full_map() {
        let ring = RangeRing::new(PYONGYANG, 20_100_000.0).unwrap();
        let area = ring.area(150.0).polygons;
        assert_eq!(area.0.len(), 1);
        let xs: Vec<f64> = area.0[0]
            .exterior()
            .coords()
            .map(|c: &Coord<f64>| c.x)
            .collect();
        assert!(xs.contains(&-30.0) && xs.contains(&330.0));
        assert!(ring.outline(150.0).is_empty());
    }
}

mod small {
    use super::*;

    #[test]
    fn one_kilometre_rings_anywhere() {
        for centre in [
            PYONGYANG,
            LatLon::lat_lon(89.995, 0.0),
            LatLon::lat_lon(0.0, 179.9995),
            NORTH_POLE,
        ] {
            check_ring("1 km", centre, 1000.0, &[]);
        }
    }

    #[test]
    fn vertex_count_stays_modest() {
        let ring = RangeRing::new(PYONGYANG, 15_000_000.0).unwrap();
        assert!(
            ring.vertices.len() < 2000,
            "{} vertices",
            ring.vertices.len()
        );
        let small = RangeRing::new(PYONGYANG, 2_000_000.0).unwrap();
        assert!(
            small.vertices.len() < 400,
            "{} vertices",
            small.vertices.len()
        );
    }
}
