use crate::common::data_path;
use range_rings::color::Rgba;
use range_rings::export::briefing::{ImageOptions, Layout};
use range_rings::export::{self, png};
use range_rings::geodesy::{LatLon, Origin, PatrolArea, distance_m};
use range_rings::projection::{MapPoint, Projection};
use range_rings::scenario::file::{Missile, Site};
use range_rings::scenario::{FORMAT, Scenario, ScenarioFile, SiteKind};
use range_rings::scene::Style;
use resvg::tiny_skia::Pixmap;

const PYONGYANG: LatLon = LatLon::lat_lon(39.0392, 125.7625);

/// Everything white or invisible except rings (red, half opaque) and markers (black): a
/// pixel's colour then says whether the map filled it.
const PROBE_STYLE: Style = Style {
    background: Rgba([255, 255, 255, 255]),
    ocean: Rgba([255, 255, 255, 255]),
    land: Rgba([255, 255, 255, 255]),
    coast: Rgba([255, 255, 255, 0]),
    border: Rgba([255, 255, 255, 0]),
    graticule: Rgba([255, 255, 255, 0]),
    text: Rgba([0, 0, 0, 255]),
    muted_text: Rgba([0, 0, 0, 255]),
    halo: Rgba([255, 255, 255, 255]),
    ring_fill_opacity: 0.5,
    outlines_only: false,
};

fn one_ring(centre: LatLon, range_km: f64) -> Scenario {
    one_missile(&[centre], range_km)
}

/// One missile flying from every one of `centres`: its rings are merged into one reach.
fn one_missile(centres: &[LatLon], range_km: f64) -> Scenario {
    Scenario::try_from(ScenarioFile {
        format: FORMAT.into(),
        title: None,
        subtitle: None,
        as_of: None,
        sites: centres
            .iter()
            .enumerate()
            .map(|(i, centre)| Site {
                id: format!("s{i}"),
                name: format!("S{i}"),
                kind: Some(SiteKind::Launch),
                lat: centre.lat,
                lon: centre.lon,
                note: None,
                illustrative: None,
                hypothetical: None,
                area: None,
            })
            .collect(),
        missiles: vec![Missile {
            id: "m".into(),
            name: "M".into(),
            class: None,
            platform: None,
            range_km,
            range_min_km: None,
            range_max_km: None,
            color: Some("#ff0000".into()),
            visible: None,
            assumed: None,
            from: None,
            sources: vec![],
            flight: None,
            cruise_speed_kmh: None,
            minimum_range_km: None,
            ballistics: None,
        }],
        targets: vec![],
        target_areas: vec![],
        view: None,
    })
    .unwrap()
}

fn render(
    scenario: &Scenario,
    projection: Projection,
    width: u32,
    height: u32,
) -> (Pixmap, export::briefing::ImagePlan) {
    render_with(scenario, projection, width, height, Default::default())
}

fn render_with(
    scenario: &Scenario,
    projection: Projection,
    width: u32,
    height: u32,
    layers: range_rings::scene::RingLayers,
) -> (Pixmap, export::briefing::ImagePlan) {
    let options = ImageOptions {
        width,
        height,
        layout: Layout::Map,
        style: PROBE_STYLE,
        date: "2026-01-01".into(),
        title: None,
        extent: None,
        layers,
        // Labels would cover probe points near the rings.
        labels: false,
        dpi: None,
        inset: range_rings::export::briefing::InsetMode::Auto,
        text_as_paths: false,
    };
    // The PNG as users get it: painted straight from the drawing (the SVG is held to it by
    // `the_png_agrees_with_the_svg`).
    let (bytes, plan) = export::png(scenario, projection, &options).unwrap();
    (Pixmap::decode_png(&bytes).unwrap(), plan)
}

fn pixel(p: &Pixmap, x: f64, y: f64) -> [u8; 3] {
    let c = p.pixel(x as u32, y as u32).unwrap().demultiply();
    [c.red(), c.green(), c.blue()]
}

mod fills {
    use super::*;

    /// Renders one ring and checks, on a grid of points whose geodesic distance from the centre
    /// is known, that the inside is red and the outside white.
    fn check_fill(name: &str, centre: LatLon, range_km: f64) {
        check_reach(name, &[centre], range_km);
    }

    /// Renders one missile's reach from every one of `centres` (its rings merged into one
    /// area) and checks, on a grid of points whose geodesic distance from the nearest centre
    /// is known, that the inside is red and the outside white.
    fn check_reach(name: &str, centres: &[LatLon], range_km: f64) {
        let scenario = one_missile(centres, range_km);
        let projections = [
            Projection::Equirectangular { central_lon: 150.0 },
            Projection::Equirectangular { central_lon: 0.0 },
            Projection::EqualEarth { central_lon: 150.0 },
            Projection::AzimuthalEquidistant { centre: PYONGYANG },
            Projection::Orthographic { centre: PYONGYANG },
            Projection::Orthographic {
                centre: LatLon::lat_lon(60.0, -20.0),
            },
        ];
        for projection in projections {
            let (size_w, size_h) = if projection.is_azimuthal() {
                (500, 500)
            } else {
                (720, 380)
            };
            let (pix, plan) = render(&scenario, projection, size_w, size_h);
            let sites_px: Vec<(f64, f64)> = centres
                .iter()
                .filter_map(|c| projection.forward(*c))
                .map(|q| plan.transform.to_px(q))
                .collect();
            let (mut inside, mut outside) = (0, 0);
            for lat in (-88..=88).step_by(4) {
                for lon in (-178..=178).step_by(4) {
                    let p = LatLon::lat_lon(f64::from(lat), f64::from(lon));
                    let Some(q) = projection.forward(p) else {
                        continue;
                    };
                    let (x, y) = plan.transform.to_px(q);
                    let d_km = centres
                        .iter()
                        .map(|c| distance_m(*c, p) / 1000.0)
                        .fold(f64::INFINITY, f64::min);
                    // Away from the outline, the map's edge and the site's marker and label.
                    let b = projection.bounds();
                    let (left, top) = plan.transform.to_px(MapPoint {
                        x: b.min.x,
                        y: b.max.y,
                    });
                    let (right, bottom) = plan.transform.to_px(MapPoint {
                        x: b.max.x,
                        y: b.min.y,
                    });
                    let near_edge =
                        x < left + 4.0 || y < top + 4.0 || x > right - 4.0 || y > bottom - 4.0;
                    // The site's marker, and its label (placed first to the right, else left).
                    let near_site = sites_px.iter().any(|s| {
                        (x - s.0).hypot(y - s.1) < 9.0
                            || ((x - s.0).abs() < 30.0 && (y - s.1).abs() < 10.0)
                    });
                    let on_globe_rim = projection.is_azimuthal() && {
                        let c = plan.transform.to_px(MapPoint::default());
                        let r = plan.transform.scale * projection.bounds().max.x;
                        (x - c.0).hypot(y - c.1) > r - 4.0
                    };
                    // Away from the curved edge of a world map too.
                    let from_edge = 180.0
                        - range_rings::geodesy::normalize_lon(p.lon - projection.central_lon())
                            .abs();
                    let near_map_edge = !projection.is_azimuthal() && from_edge < 3.0;
                    if near_map_edge
                        || (d_km - range_km).abs() < 0.08 * range_km.max(2000.0)
                        || near_edge
                        || near_site
                        || on_globe_rim
                    {
                        continue;
                    }
                    let [r, g, b] = pixel(&pix, x, y);
                    if d_km < range_km {
                        assert!(
                            r > 200 && g < 170 && b < 170,
                            "{name}, {}: {p:?} ({d_km:.0} km) should be filled, pixel {x:.0},{y:.0} is {r},{g},{b}",
                            projection.name()
                        );
                        inside += 1;
                    } else {
                        assert!(
                            g > 235 && b > 235,
                            "{name}, {}: {p:?} ({d_km:.0} km) should be empty, pixel {x:.0},{y:.0} is {r},{g},{b}",
                            projection.name()
                        );
                        outside += 1;
                    }
                }
            }
            if centres.iter().any(|c| projection.forward(*c).is_some()) {
                assert!(inside > 0, "{name}, {}: no probe inside", projection.name());
            }
            if !projection.is_azimuthal() {
                assert!(
                    outside > 0,
                    "{name}, {}: no probe outside",
                    projection.name()
                );
            }
        }
    }

    #[test]
    fn pyongyang_15000_km_is_filled_on_the_right_side() {
        check_fill("Pyongyang 15,000 km", PYONGYANG, 15_000.0);
    }

    /// Two 15,000 km rings, both round the North Pole and across the antimeridian, one of
    /// them far out in the Pacific: the merged reach fills what either reaches.
    #[test]
    fn two_rings_round_the_pole_merge_on_the_right_side() {
        check_reach(
            "Pyongyang and mid-Pacific 15,000 km",
            &[PYONGYANG, LatLon::lat_lon(30.0, 170.0)],
            15_000.0,
        );
    }

    /// Rings that do not meet, one of them across the antimeridian, and one inside another
    /// site's: the merged reach keeps both pieces.
    #[test]
    fn apart_and_nested_rings_merge_on_the_right_side() {
        check_reach(
            "Pyongyang, Hawaii and Seoul 3,000 km",
            &[
                PYONGYANG,
                LatLon::lat_lon(20.0, -157.0),
                LatLon::lat_lon(37.57, 126.98),
            ],
            3_000.0,
        );
    }

    /// The merged reach's outline lies on its edge: every vertex is about the range from
    /// its nearest site (on some ring) and no nearer to any (inside no other ring), in every
    /// projection, for rings round the pole and across the antimeridian.
    #[test]
    fn the_merged_outline_is_the_edge_of_the_reach() {
        use range_rings::scene::{SceneBuilder, SceneOptions};
        let centres = [
            PYONGYANG,
            LatLon::lat_lon(30.0, 170.0),
            LatLon::lat_lon(41.0, 129.0),
        ];
        for range_km in [3_000.0, 15_000.0] {
            let scenario = one_missile(&centres, range_km);
            for projection in [
                Projection::Equirectangular { central_lon: 150.0 },
                Projection::EqualEarth { central_lon: 0.0 },
                Projection::AzimuthalEquidistant { centre: PYONGYANG },
                Projection::Orthographic { centre: PYONGYANG },
            ] {
                let options = SceneOptions::new(projection, 400.0);
                let scene = SceneBuilder::new().build(&scenario, &options, &[]);
                assert_eq!(scene.rings.len(), 1, "one reach for one missile");
                let ring = &scene.rings[0];
                assert_eq!(ring.sites.len(), 3);
                let mut vertices = 0;
                for line in &ring.outline {
                    for c in line.coords() {
                        let Some(p) = projection.inverse(MapPoint { x: c.x, y: c.y }) else {
                            continue;
                        };
                        let nearest = centres
                            .iter()
                            .map(|s| distance_m(*s, p) / 1000.0)
                            .fold(f64::INFINITY, f64::min);
                        assert!(
                            (nearest - range_km).abs() < 0.002 * range_km + 5.0,
                            "{range_km} km, {}: outline vertex {p:?} is {nearest:.1} km from the nearest site",
                            projection.name()
                        );
                        vertices += 1;
                    }
                }
                // A globe shows 10,000 km round its centre: the edge of a 15,000 km reach
                // from near it is on the far side.
                let hidden =
                    range_km > 10_000.0 && matches!(projection, Projection::Orthographic { .. });
                assert!(
                    hidden || vertices > 50,
                    "{range_km} km, {}: {vertices} vertices",
                    projection.name()
                );
            }
        }
    }

    #[test]
    fn ring_around_85_north() {
        check_fill("85 N 1,500 km", LatLon::lat_lon(85.0, 30.0), 1_500.0);
    }

    #[test]
    fn patrol_area_across_the_antimeridian_is_filled_on_the_right_side() {
        let corners = [[177.0, 32.0], [-177.0, 32.0], [-177.0, 38.0], [177.0, 38.0]];
        let mut file = one_ring(LatLon::lat_lon(35.0, 180.0), 2_000.0)
            .file()
            .clone();
        file.sites[0].area = Some(corners.to_vec());
        let scenario = Scenario::try_from(file).unwrap();
        let area: Vec<LatLon> = corners
            .iter()
            .map(|[lon, lat]| LatLon::lat_lon(*lat, *lon))
            .collect();
        let area = PatrolArea::new(&area).unwrap();
        for projection in [
            Projection::Equirectangular { central_lon: 0.0 },
            Projection::Equirectangular { central_lon: 150.0 },
            Projection::Orthographic {
                centre: LatLon::lat_lon(35.0, -170.0),
            },
        ] {
            let (pix, plan) = render(&scenario, projection, 720, 380);
            let (mut inside, mut outside) = (0, 0);
            for lat in (0..=70).step_by(2) {
                for lon in (140..=250).step_by(2) {
                    let p = LatLon::lat_lon(
                        f64::from(lat),
                        range_rings::geodesy::normalize_lon(f64::from(lon)),
                    );
                    let (d, _) = area.distance_to(p);
                    let d_km = d / 1000.0;
                    let from_edge = 180.0
                        - range_rings::geodesy::normalize_lon(p.lon - projection.central_lon())
                            .abs();
                    if (d_km - 2_000.0).abs() < 120.0
                        || d_km < 600.0
                        || (!projection.is_azimuthal() && from_edge < 3.0)
                    {
                        continue;
                    }
                    let Some(q) = projection.forward(p) else {
                        continue;
                    };
                    let (x, y) = plan.transform.to_px(q);
                    let [r, g, b] = pixel(&pix, x, y);
                    if d_km < 2_000.0 {
                        assert!(
                            r > 200 && g < 170 && b < 170,
                            "{}: {p:?} {d_km:.0} km is {r},{g},{b}",
                            projection.name()
                        );
                        inside += 1;
                    } else {
                        assert!(
                            g > 235 && b > 235,
                            "{}: {p:?} {d_km:.0} km is {r},{g},{b}",
                            projection.name()
                        );
                        outside += 1;
                    }
                }
            }
            assert!(
                inside > 20 && outside > 20,
                "{}: {inside} in, {outside} out",
                projection.name()
            );
        }
    }

    #[test]
    fn bands_are_hatched_beyond_the_nominal_range_up_to_the_highest_estimate() {
        // Nominal 3,000 km, estimates 2,000-4,000 km: hatched between 3,000 and 4,000 km.
        let mut file = one_ring(PYONGYANG, 3_000.0).file().clone();
        (file.missiles[0].range_min_km, file.missiles[0].range_max_km) =
            (Some(2_000.0), Some(4_000.0));
        let scenario = Scenario::try_from(file).unwrap();
        let layers = range_rings::scene::RingLayers {
            bands: true,
            rotation: false,
        };
        let projection = Projection::AzimuthalEquidistant { centre: PYONGYANG };
        let (pix, plan) = render_with(&scenario, projection, 600, 600, layers);
        // The share of hatch-coloured pixels along arcs at a distance: hatch lines are about
        // 1 px wide and 7 to 14 px apart.
        let hatched_share = |km: f64| {
            let samples = 720;
            let hits = (0..samples)
                .filter(|k| {
                    let azimuth = 360.0 * f64::from(*k) / f64::from(samples);
                    let p = range_rings::geodesy::destination(PYONGYANG, azimuth, km * 1000.0);
                    let (x, y) = plan.transform.to_px(projection.forward(p).unwrap());
                    let [r, g, b] = pixel(&pix, x, y);
                    r > 200 && g < 225 && b < 225
                })
                .count();
            hits as f64 / f64::from(samples)
        };
        let beyond = hatched_share(3_500.0);
        assert!(
            beyond > 0.04 && beyond < 0.5,
            "between nominal and high: {beyond}"
        );
        assert_eq!(
            hatched_share(4_600.0),
            0.0,
            "nothing beyond the highest estimate"
        );
        // Inside the nominal ring the tint is even: no hatching between 2,000 and 3,000 km.
        let tint = |km: f64, azimuth: f64| {
            let p = range_rings::geodesy::destination(PYONGYANG, azimuth, km * 1000.0);
            let (x, y) = plan.transform.to_px(projection.forward(p).unwrap());
            pixel(&pix, x, y)
        };
        for azimuth in [20.0, 135.0, 250.0] {
            let (a, b) = (tint(1_000.0, azimuth), tint(2_500.0, azimuth));
            assert!(
                (0..3).all(|c| a[c].abs_diff(b[c]) < 10),
                "even tint: {a:?} vs {b:?}"
            );
        }
    }

    #[test]
    fn ring_across_the_map_edge_and_the_antimeridian() {
        check_fill("10 N 28 W 3,000 km", LatLon::lat_lon(10.0, -28.0), 3_000.0);
        check_fill("35 N 180 2,500 km", LatLon::lat_lon(35.0, 180.0), 2_500.0);
    }

    #[test]
    fn tint_strength_and_outlines_only_set_how_strongly_rings_colour_the_map() {
        // The built-in map in the light style at three tint strengths and outlines only: the
        // mean colour distance from the untinted map grows with the strength, and outlines
        // only leaves the basemap as it is away from the outlines.
        let scenario = Scenario::builtin();
        let projection = Projection::Equirectangular { central_lon: 150.0 };
        let draw = |style: Style| {
            let options = ImageOptions {
                layout: Layout::Map,
                style,
                labels: false,
                ..ImageOptions::new(480, 240, "2026-01-01")
            };
            let (svg, _) = export::svg(&scenario, projection, &options);
            Pixmap::decode_png(&png::svg_to_png(&svg, 480, 240, None).unwrap()).unwrap()
        };
        let plain = draw(Style {
            ring_fill_opacity: 0.0,
            ..Style::LIGHT
        });
        let distance = |p: &Pixmap| {
            let sum: f64 = p
                .data()
                .chunks(4)
                .zip(plain.data().chunks(4))
                .map(|(a, b)| (0..3).map(|k| f64::from(a[k].abs_diff(b[k]))).sum::<f64>())
                .sum();
            sum / (480.0 * 240.0)
        };
        let outlines = distance(&draw(Style {
            outlines_only: true,
            ..Style::LIGHT
        }));
        let light = distance(&draw(Style {
            ring_fill_opacity: 0.16,
            ..Style::LIGHT
        }));
        let strong = distance(&draw(Style {
            ring_fill_opacity: 0.5,
            ..Style::LIGHT
        }));
        assert!(outlines < 0.5 * light, "{outlines} vs {light}");
        assert!(strong > 2.0 * light, "{strong} vs {light}");
    }
}

mod poles {
    use super::*;

    /// Share of pixels that differ by more than 40 in a channel.
    fn differing(a: &Pixmap, b: &Pixmap) -> f64 {
        let count = a
            .pixels()
            .iter()
            .zip(b.pixels())
            .filter(|(p, q)| {
                let (p, q) = (p.demultiply(), q.demultiply());
                [
                    p.red().abs_diff(q.red()),
                    p.green().abs_diff(q.green()),
                    p.blue().abs_diff(q.blue()),
                ]
                .into_iter()
                .max()
                .unwrap_or(0)
                    > 40
            })
            .count();
        count as f64 / a.pixels().len() as f64
    }

    /// Regression: a globe or azimuthal map centred exactly on a pole swapped land and sea
    /// along a seam, because the other pole's longitude spread Antarctica's pole line round
    /// the rim of polar space.
    #[test]
    fn a_view_centred_on_a_pole_matches_one_a_hundredth_of_a_degree_away() {
        let scenario = Scenario::builtin();
        // Land and sea far apart in colour, so a swap between them cannot hide.
        let style = Style {
            land: Rgba([0x30, 0x30, 0x30, 0xff]),
            ocean: Rgba([0xff, 0xff, 0xff, 0xff]),
            ..Style::LIGHT
        };
        let options = ImageOptions {
            layout: Layout::Map,
            style,
            ..files::briefing_options(400, 400)
        };
        for pole in [90.0, -90.0] {
            for make in [
                (|c| Projection::Orthographic { centre: c }) as fn(LatLon) -> Projection,
                |c| Projection::AzimuthalEquidistant { centre: c },
            ] {
                let render = |lat: f64| {
                    let projection = make(LatLon::lat_lon(lat, 125.0));
                    let (svg, _) = export::svg(&scenario, projection, &options);
                    let png = png::svg_to_png(&svg, 400, 400, None).unwrap();
                    (projection.name(), Pixmap::decode_png(&png).unwrap())
                };
                let (name, exact) = render(pole);
                let (_, near) = render(pole - 0.01f64.copysign(pole));
                let share = differing(&exact, &near);
                assert!(
                    share < 0.005,
                    "{name}: {:.2} % of pixels differ",
                    share * 100.0
                );
            }
        }
    }
}

mod scene_geometry {
    use super::*;
    use range_rings::scene::{Scene, SceneOptions};

    #[test]
    fn no_segment_jumps_across_any_map_and_nothing_is_non_finite() {
        let scenario = Scenario::builtin();
        for projection in [
            Projection::Equirectangular { central_lon: 150.0 },
            Projection::EqualEarth { central_lon: -30.0 },
            Projection::AzimuthalEquidistant { centre: PYONGYANG },
            Projection::Orthographic {
                centre: LatLon::lat_lon(70.0, -150.0),
            },
        ] {
            let scene = Scene::build(&scenario, &SceneOptions::new(projection, 300.0));
            let width = scene.bounds.width();
            let lines = scene
                .basemap
                .coastlines
                .iter()
                .chain(&scene.basemap.borders)
                .chain(&scene.basemap.graticule)
                .chain(scene.rings.iter().flat_map(|r| &r.outline));
            for line in lines {
                for seg in line.lines() {
                    for c in [seg.start, seg.end] {
                        assert!(c.x.is_finite() && c.y.is_finite(), "{}", projection.name());
                    }
                    let length = (seg.end.x - seg.start.x).hypot(seg.end.y - seg.start.y);
                    assert!(
                        length < 0.2 * width,
                        "{}: a segment {length:.3} long jumps across the map",
                        projection.name()
                    );
                }
            }
            for polygon in scene
                .basemap
                .land
                .0
                .iter()
                .chain(scene.rings.iter().flat_map(|r| &r.fill.0))
            {
                for c in polygon
                    .exterior()
                    .coords()
                    .chain(polygon.interiors().iter().flat_map(|h| h.coords()))
                {
                    assert!(c.x.is_finite() && c.y.is_finite());
                    assert!(
                        c.x.abs() <= scene.bounds.max.x + 1e-9
                            && c.y.abs() <= scene.bounds.max.y + 1e-9
                    );
                }
            }
        }
    }
}

mod files {
    use super::*;

    pub(super) fn briefing_options(width: u32, height: u32) -> ImageOptions {
        ImageOptions::new(width, height, "2026-11-26")
    }

    #[test]
    fn svg_holds_title_legend_sources_caveat_projection_and_date() {
        let scenario = Scenario::builtin();
        let projection = Projection::Equirectangular { central_lon: 150.0 };
        let (svg, _) = export::svg(&scenario, projection, &briefing_options(1920, 1080));
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default());
        assert!(tree.is_ok(), "SVG parses");
        for needle in [
            "North Korean missile reach",
            "Published range figures (flown, estimated from tests",
            "Hwasong-19 (solid)",
            "15,000 km (9,321 mi)",
            "estimates 10,000-15,000 km",
            "Hayashi",
            "estimated from a test",
            "Figures as of 2026-11-30",
            "minimum range (not in range",
            "WGS84 ellipsoid",
            "No Earth rotation",
            "Flight times: powered model",
            "Equirectangular, centred on 150 E",
            "2026-11-26",
            "Natural Earth",
        ] {
            assert!(svg.contains(needle), "SVG lacks {needle:?}");
        }
        // Hidden missiles are not in the legend.
        assert!(!svg.contains("KN-25"));
    }

    #[test]
    fn same_input_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = Scenario::builtin();
        let projection = Projection::Orthographic { centre: PYONGYANG };
        let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
        export::write(&scenario, &a, projection, &briefing_options(960, 540)).unwrap();
        export::write(&scenario, &b, projection, &briefing_options(960, 540)).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    }

    #[test]
    fn geojson_collection_has_every_ring_site_and_target() {
        let scenario = Scenario::builtin();
        let value = export::geojson::scenario_collection(&scenario);
        let features = value["features"].as_array().unwrap();
        let rings: Vec<_> = features
            .iter()
            .filter(|f| f["properties"]["kind"] == "ring")
            .collect();
        assert_eq!(rings.len(), scenario.ring_specs().len());
        assert_eq!(
            features.len(),
            rings.len() + scenario.sites().len() + scenario.targets().len()
        );
        let h19 = rings
            .iter()
            .find(|f| f["properties"]["missile"] == "hwasong-19")
            .unwrap();
        assert_eq!(h19["properties"]["site"], "pyongyang");
        assert_eq!(h19["properties"]["range_km"], 15000.0);
        assert!(
            h19["properties"]["sources"][0]
                .as_str()
                .unwrap()
                .contains("Hayashi")
        );
        assert_eq!(h19["geometry"]["type"], "Polygon");
        assert_eq!(
            h19["geometry"]["coordinates"].as_array().unwrap().len(),
            2,
            "world with a hole"
        );
    }

    #[test]
    fn geojson_patrol_area_buffer_is_cut_at_the_antimeridian() {
        use geo::Contains;
        // The built-in SLBMs stay near home: send Pukguksong-3 to the antimeridian box.
        let mut file = Scenario::builtin().file().clone();
        let pk3 = file
            .missiles
            .iter_mut()
            .find(|m| m.id == "pukguksong-3")
            .unwrap();
        pk3.from = Some(vec!["patrol-p3".into()]);
        let scenario = Scenario::try_from(file).unwrap();
        let value = export::geojson::scenario_collection(&scenario);
        let feature = value["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["properties"]["site"] == "patrol-p3"
                    && f["properties"]["missile"] == "pukguksong-3"
            })
            .unwrap();
        assert_eq!(feature["properties"]["patrol_area"], true);
        assert_eq!(feature["geometry"]["type"], "MultiPolygon", "split at 180");
        let polygons: Vec<geo::Polygon<f64>> = feature["geometry"]["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let ring: Vec<geo::Coord<f64>> = p[0]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| geo::Coord {
                        x: c[0].as_f64().unwrap(),
                        y: c[1].as_f64().unwrap(),
                    })
                    .collect();
                geo::Polygon::new(ring.into(), vec![])
            })
            .collect();
        let origin = &scenario
            .sites()
            .iter()
            .find(|s| s.id == "patrol-p3")
            .unwrap()
            .origin;
        assert!(matches!(origin, Origin::Area(_)));
        for (lat, lon) in [
            (35.0, 179.5),
            (35.0, -179.5),
            (20.0, -175.0),
            (50.0, 170.0),
            (35.0, 155.0),
            (35.0, -155.0),
        ] {
            let inside = polygons
                .iter()
                .any(|p| p.contains(&geo::Point::new(lon, lat)));
            let d = origin.distance_to(LatLon::lat_lon(lat, lon)).0;
            assert_eq!(
                inside,
                d <= 2_000_000.0,
                "({lat}, {lon}) at {:.0} km",
                d / 1000.0
            );
        }
    }

    #[test]
    fn kml_parses_and_holds_placemarks() {
        let scenario = Scenario::builtin();
        let kml = export::kml::scenario_kml(&scenario);
        let doc = roxmltree::Document::parse(&kml).unwrap();
        // Per folder: a fill per ring (or its quarter-turn parts), an outline per ring, the
        // places.
        let placemarks = |folder: &str| {
            doc.descendants()
                .filter(|n| n.has_tag_name("Folder"))
                .find(|n| n.children().any(|c| c.text() == Some(folder)))
                .unwrap()
                .children()
                .filter(|n| n.has_tag_name("Placemark"))
                .filter_map(|n| n.children().find(|c| c.has_tag_name("name"))?.text())
                .map(|name| name.split(", part ").next().unwrap().to_string())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        let rings = scenario.ring_specs().len();
        assert_eq!(placemarks("Reach areas"), rings);
        assert_eq!(placemarks("Range rings"), rings);
        assert_eq!(
            placemarks("Sites and targets"),
            scenario.sites().len() + scenario.targets().len()
        );
        assert!(kml.contains("Hwasong-19 (solid) from Pyongyang (15000 km)"));
        for coords in doc.descendants().filter(|n| n.has_tag_name("coordinates")) {
            for pair in coords.text().unwrap_or("").split_whitespace() {
                let mut it = pair.split(',').map(|v| v.parse::<f64>().unwrap());
                let (lon, lat) = (it.next().unwrap(), it.next().unwrap());
                assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
            }
        }
    }

    /// Regression: the KML writer did not replace control characters, which XML forbids, so
    /// a name holding one made a file no parser reads.
    #[test]
    fn kml_and_svg_stay_valid_xml_with_control_characters_in_names() {
        let mut file = one_ring(PYONGYANG, 1_000.0).file().clone();
        file.title = Some("Reach \u{1}of <M> & \"S\"".into());
        file.missiles[0].name = "M\u{7}one\u{1b}".into();
        file.sites[0].name = "Site\u{0}\u{1f}".into();
        let scenario = Scenario::try_from(file).unwrap();
        let kml = export::kml::scenario_kml(&scenario);
        let doc = roxmltree::Document::parse(&kml).expect("KML is valid XML");
        let names: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("name"))
            .filter_map(|n| n.text())
            .collect();
        assert!(names.contains(&"Reach  of <M> & \"S\""), "{names:?}");
        assert!(
            names.iter().any(|n| n.starts_with("M one  from Site  ")),
            "{names:?}"
        );
        let options = ImageOptions {
            layout: Layout::Briefing,
            ..briefing_options(800, 450)
        };
        let (svg, _) = export::svg(
            &scenario,
            Projection::Equirectangular { central_lon: 150.0 },
            &options,
        );
        roxmltree::Document::parse(&svg).expect("SVG is valid XML");
    }

    #[test]
    fn world_file_maps_coordinates_to_their_pixels() {
        let sites = [
            LatLon::lat_lon(39.0392, 125.7625),
            LatLon::lat_lon(21.3, -157.9),
            LatLon::lat_lon(-33.9, 18.4),
        ];
        let mut file = one_ring(sites[0], 50.0).file().clone();
        for (i, p) in sites.iter().enumerate().skip(1) {
            let mut site = file.sites[0].clone();
            (site.id, site.lat, site.lon) = (format!("s{i}"), p.lat, p.lon);
            file.sites.push(site);
        }
        let scenario = Scenario::try_from(file).unwrap();
        let projection = Projection::Equirectangular { central_lon: 150.0 };
        let (pix, plan) = render(&scenario, projection, 1600, 900);
        let world = export::world_file(&projection, &plan).unwrap();
        let v: Vec<f64> = world.lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(v.len(), 6);
        assert_eq!((v[1], v[2]), (0.0, 0.0));
        assert!((v[0] + v[3]).abs() < 1e-12 && v[0] > 0.0);
        for p in sites {
            // Longitudes in the file run continuously from the left edge (here 30 W) eastwards.
            let lon = if p.lon < v[4] { p.lon + 360.0 } else { p.lon };
            let col = (lon - v[4]) / v[0] + 0.5;
            let row = (p.lat - v[5]) / v[3] + 0.5;
            let [r, g, b] = pixel(&pix, col, row);
            assert!(
                r < 90 && g < 90 && b < 90,
                "{p:?}: pixel {col:.1},{row:.1} is {r},{g},{b}, not the site marker"
            );
        }
        assert!(
            export::world_file(&Projection::Orthographic { centre: PYONGYANG }, &plan).is_err()
        );
    }

    /// A small golden image of the built-in scenario: catches a wrong fill or a lost basemap,
    /// tolerates anti-aliasing changes. `UPDATE_GOLDEN=1 cargo test` rewrites it.
    #[test]
    fn golden_map_of_the_builtin_scenario() {
        let scenario = Scenario::builtin();
        let projection = Projection::Equirectangular { central_lon: 150.0 };
        // Fills at 25 % opacity, so one ring filled on the wrong side shifts its pixels by far more
        // than the threshold below.
        let style = Style {
            ring_fill_opacity: 0.25,
            ..Style::LIGHT
        };
        let options = ImageOptions {
            layout: Layout::Map,
            style,
            // Geometry only: labels at this size would cover much of it.
            labels: false,
            ..briefing_options(480, 240)
        };
        let (svg, _) = export::svg(&scenario, projection, &options);
        let bytes = png::svg_to_png(&svg, 480, 240, None).unwrap();
        let path = data_path("golden/builtin-map-480x240.png");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let golden = Pixmap::decode_png(&std::fs::read(&path).unwrap()).unwrap();
        let actual = Pixmap::decode_png(&bytes).unwrap();
        let differing = golden
            .pixels()
            .iter()
            .zip(actual.pixels())
            .filter(|(a, b)| {
                let (a, b) = (a.demultiply(), b.demultiply());
                [
                    a.red().abs_diff(b.red()),
                    a.green().abs_diff(b.green()),
                    a.blue().abs_diff(b.blue()),
                ]
                .into_iter()
                .max()
                .unwrap_or(0)
                    > 16
            })
            .count();
        let share = differing as f64 / golden.pixels().len() as f64;
        // A ring filled on the wrong side changes a third of the map or more.
        assert!(
            share < 0.01,
            "{:.2} % of pixels differ from the golden image",
            share * 100.0
        );
    }
}

mod command_line {
    use super::*;
    use std::process::Command;

    fn run(args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_range-rings"))
            .args(args)
            .output()
            .unwrap()
    }

    #[test]
    fn exports_every_format_and_refuses_what_cannot_be_done() {
        let dir = tempfile::tempdir().unwrap();
        let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
        for name in ["a.png", "a.svg", "a.geojson", "a.kml"] {
            let o = run(&[
                "export",
                "-o",
                &out(name),
                "--width",
                "640",
                "--height",
                "360",
            ]);
            assert!(
                o.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(std::fs::metadata(out(name)).unwrap().len() > 1000);
        }
        let png_bytes = std::fs::read(out("a.png")).unwrap();
        let pix = Pixmap::decode_png(&png_bytes).unwrap();
        assert_eq!((pix.width(), pix.height()), (640, 360));

        let o = run(&[
            "export",
            "-o",
            &out("w.png"),
            "--layout",
            "map",
            "--world-file",
            "--center",
            "150,0",
            "--width",
            "800",
            "--height",
            "400",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let pgw = std::fs::read_to_string(out("w.pgw")).unwrap();
        assert_eq!(pgw.lines().count(), 6);
        let prj = std::fs::read_to_string(out("w.prj")).unwrap();
        assert!(prj.starts_with("GEOGCS[\"GCS_WGS_1984\"") && prj.contains("6378137.0"));
        assert!(
            pgw.lines().nth(4).unwrap().parse::<f64>().unwrap() < -29.0,
            "left edge at 30 W"
        );

        for (args, message) in [
            (
                vec!["export", "-o", &out("x.bmp")][..].to_vec(),
                "unknown extension",
            ),
            (
                vec![
                    "export",
                    "-o",
                    &out("x.png"),
                    "--projection",
                    "orthographic",
                    "--layout",
                    "map",
                    "--world-file",
                ],
                "equirectangular",
            ),
            (
                vec![
                    "export",
                    "-o",
                    &out("x.png"),
                    "--width",
                    "0",
                    "--height",
                    "10",
                ],
                "not possible",
            ),
            (
                vec!["export", "-o", &out("x.png"), "--center", "200,0"],
                "longitude",
            ),
            (
                vec!["export", "-o", &out("x.svg"), "--world-file"],
                "world-file",
            ),
            (
                vec!["export", "-o", &out("x.png"), "--world-file"],
                "--world-file needs --layout map",
            ),
        ] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                err.contains(message) && !err.contains("panicked"),
                "{args:?}: {err}"
            );
        }
        let o = run(&["export", "-o", "/nonexistent-folder/x.png"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("cannot write /nonexistent-folder/x.png")
        );
        let edge = data_path("edge-cases.json");
        let o = run(&[
            "export",
            edge.to_str().unwrap(),
            "-o",
            &out("e.png"),
            "--projection",
            "azimuthal-equidistant",
            "--width",
            "400",
            "--height",
            "400",
        ]);
        assert!(o.status.success());
    }
}

/// The PNG, painted straight from the briefing's drawing with tiny-skia, and the SVG written
/// from the same drawing and rendered by resvg show the same picture: every layer, the page's
/// text and the labels in the bundled font. Compared pixel by pixel: the mean difference, and
/// the share of pixels whose colour differs by more than 64 of 255 in a channel (text
/// anti-aliasing and kerning move a few glyph edges).
#[test]
fn the_png_agrees_with_the_svg() {
    let scenario = Scenario::builtin();
    let rotation = range_rings::scene::RingLayers {
        rotation: true,
        ..Default::default()
    };
    let cases = [
        (
            Projection::Equirectangular { central_lon: 150.0 },
            Layout::Briefing,
            Style::LIGHT,
            rotation,
            (1920, 1080),
        ),
        (
            Projection::AzimuthalEquidistant { centre: PYONGYANG },
            Layout::Briefing,
            Style::DARK,
            Default::default(),
            (1200, 1500),
        ),
        (
            Projection::Orthographic {
                centre: LatLon::lat_lon(50.0, -160.0),
            },
            Layout::Map,
            Style::LIGHT,
            Default::default(),
            (1000, 800),
        ),
    ];
    for (projection, layout, style, layers, (width, height)) in cases {
        let options = ImageOptions {
            layout,
            style,
            layers,
            ..ImageOptions::new(width, height, "2026-11-30")
        };
        let (svg, _) = export::svg(&scenario, projection, &options);
        let by_svg =
            Pixmap::decode_png(&png::svg_to_png(&svg, width, height, None).unwrap()).unwrap();
        let (bytes, _) = export::png(&scenario, projection, &options).unwrap();
        let direct = Pixmap::decode_png(&bytes).unwrap();
        let (mut total, mut far) = (0u64, 0usize);
        for (a, b) in by_svg.pixels().iter().zip(direct.pixels()) {
            let (a, b) = (a.demultiply(), b.demultiply());
            let d = [
                a.red().abs_diff(b.red()),
                a.green().abs_diff(b.green()),
                a.blue().abs_diff(b.blue()),
            ]
            .into_iter()
            .max()
            .unwrap_or(0);
            total += u64::from(d);
            far += usize::from(d > 64);
        }
        let n = (width * height) as f64;
        let (mean, share) = (total as f64 / n, far as f64 / n);
        let what = format!("{} {layout:?} {width}x{height}", projection.name());
        eprintln!(
            "{what}: mean difference {mean:.3}, {:.3}% of pixels differ by over 64",
            share * 100.0
        );
        assert!(
            mean < 1.0 && share < 0.001,
            "{what}: mean difference {mean:.2}, {:.2}% of pixels differ by more than 64",
            share * 100.0
        );
    }
}
