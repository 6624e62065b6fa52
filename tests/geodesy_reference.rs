use crate::common::{angle_diff, reference};
use range_rings::geodesy::{
    LatLon, RangeRing, RingShape, antipodal_distance_m, destination, distance_m, inverse,
};

#[test]
fn inverse_matches_geographiclib_to_a_millimetre() {
    let reference = reference();
    assert!(reference.inverse.len() > 50);
    for case in &reference.inverse {
        let line = inverse(
            LatLon::lat_lon(case.lat1, case.lon1),
            LatLon::lat_lon(case.lat2, case.lon2),
        );
        let err = (line.distance_m - case.s12_m).abs();
        assert!(err < 1e-3, "{}: distance off by {err} m", case.name);
        // Azimuths are undefined for coincident points and ambiguous from a pole.
        if case.s12_m > 1e-3 && case.lat1.abs() < 90.0 {
            let az_err = angle_diff(line.azimuth_deg, case.azi1_deg).abs();
            assert!(
                az_err < 1e-9 + 1e-3 / case.s12_m.max(1.0),
                "{}: azimuth off by {az_err} deg",
                case.name
            );
        }
        assert!((0.0..360.0).contains(&line.azimuth_deg));
    }
}

#[test]
fn destination_matches_geographiclib_to_a_millimetre() {
    let reference = reference();
    assert!(reference.direct.len() > 500);
    for case in &reference.direct {
        let p = destination(
            LatLon::lat_lon(case.lat1, case.lon1),
            case.azi1_deg,
            case.s12_m,
        );
        let miss = distance_m(p, LatLon::lat_lon(case.lat2, case.lon2));
        assert!(miss < 1e-3, "{}: destination off by {miss} m", case.name);
        assert!(
            (-180.0..180.0).contains(&p.lon),
            "{}: lon {} not normalised",
            case.name,
            p.lon
        );
    }
}

#[test]
fn ring_vertices_lie_on_the_circle() {
    let reference = reference();
    for case in &reference.rings {
        let centre = LatLon::lat_lon(case.lat, case.lon);
        let ring = RangeRing::new(centre, case.radius_m).unwrap();
        assert_eq!(ring.shape, RingShape::Loop, "{}", case.name);
        assert!(ring.vertices.len() >= 64, "{}", case.name);
        for v in &ring.vertices {
            let err = (distance_m(centre, *v) - case.radius_m).abs();
            assert!(
                err < 1.0,
                "{}: vertex {v:?} is {err} m off the circle",
                case.name
            );
            assert!(v.lat.is_finite() && v.lon.is_finite() && (-180.0..180.0).contains(&v.lon));
        }
    }
}

#[test]
fn contains_agrees_with_reference_distances() {
    let reference = reference();
    for case in &reference.rings {
        let ring = RangeRing::new(LatLon::lat_lon(case.lat, case.lon), case.radius_m).unwrap();
        for probe in &case.probes {
            let p = LatLon::lat_lon(probe.lat, probe.lon);
            assert_eq!(
                ring.contains(p),
                probe.inside,
                "{}: probe {p:?} at {} m",
                case.name,
                probe.distance_m
            );
        }
    }
}

#[test]
fn antipodal_distance_bounds_every_probe() {
    for case in &reference().rings {
        let centre = LatLon::lat_lon(case.lat, case.lon);
        let far = antipodal_distance_m(centre);
        for probe in &case.probes {
            assert!(probe.distance_m <= far + 1e-6, "{}", case.name);
        }
    }
}
