//! Briefing pages read as the renderer draws them (usvg lays the text out with the bundled
//! fonts): every text inside the page and clear of every other, of the map and of the inset;
//! type no smaller than 7 pt on paper; every drawn missile in the legend with all its sources;
//! key places labelled, no label over a marker; a crowded scenario kept whole.

use range_rings::export::SizePreset;
use range_rings::export::briefing::{self, ImageOptions};
use range_rings::fonts;
use range_rings::projection::Projection;
use range_rings::scenario::file::{Missile, Source};
use range_rings::scenario::{Scenario, ScenarioFile};
use range_rings::scene::PixelRect;
use resvg::usvg;

/// A text laid out: its string, glyph box (pixels) and size (pixels).
#[derive(Debug, Clone)]
struct LaidText {
    text: String,
    rect: PixelRect,
    size: f64,
}

fn usvg_options() -> usvg::Options<'static> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(fonts::REGULAR_TTF.to_vec());
    db.load_font_data(fonts::BOLD_TTF.to_vec());
    db.set_sans_serif_family(fonts::FAMILY);
    usvg::Options {
        fontdb: std::sync::Arc::new(db),
        ..Default::default()
    }
}

fn rect(r: usvg::Rect) -> PixelRect {
    PixelRect::from_edges(
        f64::from(r.left()),
        f64::from(r.top()),
        f64::from(r.right()),
        f64::from(r.bottom()),
    )
}

/// The texts and other shapes under the group `id`, in drawing order.
fn collect(tree: &usvg::Tree, id: &str) -> (Vec<LaidText>, Vec<PixelRect>) {
    fn walk(group: &usvg::Group, texts: &mut Vec<LaidText>, shapes: &mut Vec<PixelRect>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, texts, shapes),
                usvg::Node::Text(t) => {
                    let chunks = t.chunks();
                    texts.push(LaidText {
                        text: chunks.iter().map(|c| c.text()).collect(),
                        rect: rect(t.abs_bounding_box()),
                        size: chunks
                            .iter()
                            .flat_map(|c| c.spans())
                            .map(|s| f64::from(s.font_size().get()))
                            .fold(f64::INFINITY, f64::min),
                    });
                }
                usvg::Node::Path(p) => shapes.push(rect(p.abs_bounding_box())),
                usvg::Node::Image(_) => {}
            }
        }
    }
    let (mut texts, mut shapes) = (Vec::new(), Vec::new());
    if let Some(usvg::Node::Group(g)) = tree.node_by_id(id) {
        walk(g, &mut texts, &mut shapes);
    }
    (texts, shapes)
}

/// Two boxes overlap by more than `slack` pixels each way.
fn overlap(a: &PixelRect, b: &PixelRect, slack: f64) -> bool {
    a.left + slack < b.right()
        && b.left + slack < a.right()
        && a.top + slack < b.bottom()
        && b.top + slack < a.bottom()
}

/// Builds and lays out the briefing of `scenario` on `options`' page and checks the page:
/// texts inside the canvas, apart from each other and off the maps, no smaller than
/// `min_px`; every visible missile named in the legend with every source. Returns the
/// briefing and its laid-out tree.
fn check_page(scenario: &Scenario, options: &ImageOptions, min_px: f64) -> usvg::Tree {
    let projection = Projection::Equirectangular { central_lon: 150.0 };
    let built = briefing::build(scenario, projection, options);
    let svg = briefing::render_svg(&built, options);
    let tree = usvg::Tree::from_str(&svg, &usvg_options()).unwrap();
    let page = PixelRect::from_edges(
        0.0,
        0.0,
        f64::from(options.width),
        f64::from(options.height),
    );
    let what = format!("{}x{}", options.width, options.height);
    let (texts, _) = collect(&tree, "page");
    assert!(!texts.is_empty(), "{what}: no page text");
    let composition = built.composition.as_ref().unwrap();
    let maps: Vec<PixelRect> = std::iter::once(composition.map_box)
        .chain(composition.inset_box)
        .collect();
    for (i, a) in texts.iter().enumerate() {
        assert!(
            page.contains_rect(&a.rect),
            "{what}: {:?} leaves the page at {:?}",
            a.text,
            a.rect
        );
        assert!(
            a.size >= min_px - 1e-6,
            "{what}: {:?} at {} px",
            a.text,
            a.size
        );
        for map in &maps {
            assert!(!overlap(&a.rect, map, 0.5), "{what}: {:?} on a map", a.text);
        }
        for b in &texts[i + 1..] {
            assert!(
                !overlap(&a.rect, &b.rect, 0.5),
                "{what}: {:?} at {:?} overprints {:?} at {:?}",
                a.text,
                a.rect,
                b.text,
                b.rect
            );
        }
    }
    // Map labels, too, are at least the minimum size.
    let (labels, _) = collect(&tree, "map-marker-labels");
    for label in &labels {
        assert!(
            label.size >= min_px - 1e-6,
            "{what}: label {:?}",
            label.text
        );
    }
    // Every drawn missile is in the legend, every one of its sources on the page (wrapped
    // lines joined again; a source list continued in another column is headed "(cont.)").
    let joined = texts
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for entry in &built.scene.legend {
        assert!(
            joined.contains(&normal(&entry.title())),
            "{what}: no legend entry {}",
            entry.name
        );
        let mut sources = joined.clone();
        sources = sources.replace(&format!("{} (cont.) ", entry.name), "");
        for source in &entry.sources {
            let source = normal(source);
            assert!(
                sources.contains(&source),
                "{what}: the source {source:?} of {} is missing",
                entry.name
            );
        }
    }
    tree
}

fn options_for(preset: SizePreset) -> ImageOptions {
    let (w, h) = preset.size();
    ImageOptions {
        dpi: preset.dpi(),
        ..ImageOptions::new(w, h, "2026-11-30")
    }
}

#[test]
fn every_page_shape_keeps_its_text_whole_apart_and_readable() {
    let scenario = Scenario::builtin();
    for preset in [
        SizePreset::Slide,
        SizePreset::A4,
        SizePreset::A4Portrait,
        SizePreset::LetterPortrait,
        SizePreset::Square,
    ] {
        let options = options_for(preset);
        // 7 pt on paper; 9 px on screens.
        let min_px = preset.dpi().map_or(9.0, |dpi| 7.0 * dpi / 72.0);
        check_page(&scenario, &options, min_px);
    }
    // A thumbnail cannot hold the built-in briefing at 9 px: it keeps every legend entry and
    // source in smaller type rather than drop one (whole, apart, inside the page).
    check_page(&scenario, &ImageOptions::new(800, 450, "2026-11-30"), 0.0);
}

#[test]
fn key_places_are_labelled_and_no_label_covers_a_marker() {
    let scenario = Scenario::builtin();
    for preset in [SizePreset::Slide, SizePreset::A4Portrait] {
        let tree = check_page(&scenario, &options_for(preset), 0.0);
        let (labels, _) = collect(&tree, "map-marker-labels");
        let (_, markers) = collect(&tree, "map-markers");
        assert!(markers.len() > 20, "{preset:?}: {} markers", markers.len());
        for key in scenario.targets().iter().filter(|t| t.key) {
            assert!(
                labels.iter().any(|l| l.text == key.name),
                "{preset:?}: key place {} unlabelled",
                key.name
            );
        }
        for label in &labels {
            for marker in &markers {
                assert!(
                    !overlap(&label.rect, marker, 0.5),
                    "{preset:?}: label {:?} at {:?} covers a marker at {marker:?}",
                    label.text,
                    label.rect
                );
            }
        }
    }
}

/// The built-in scenario with 30 visible missiles of long names, each with three sources.
fn crowded() -> Scenario {
    let mut file: ScenarioFile = Scenario::builtin().file().clone();
    file.missiles = (0..30)
        .map(|i| Missile {
            id: format!("m{i}"),
            name: format!("Experimental long-range solid-fuel variant number {i}"),
            class: Some("ICBM".into()),
            platform: None,
            range_km: 800.0 + 480.0 * f64::from(i),
            range_min_km: Some(700.0 + 480.0 * f64::from(i)),
            range_max_km: Some(900.0 + 480.0 * f64::from(i)),
            color: None,
            visible: None,
            assumed: None,
            from: Some(vec!["pyongyang".into()]),
            sources: (0..3)
                .map(|k| Source {
                    text: format!(
                        "Estimate {k} of variant {i} by a research institute, as reported by a wire service"
                    ),
                    date: Some(format!("20{:02}-0{}", 10 + i % 15, 1 + k)),
                    url: None,
                    km: vec![800.0 + 480.0 * f64::from(i)],
                    basis: None,
                })
                .collect(),
            flight: None,
            cruise_speed_kmh: None,
            minimum_range_km: None,
            ballistics: None,
        })
        .collect();
    Scenario::try_from(file).unwrap()
}

#[test]
fn a_crowded_scenario_keeps_every_missile_and_source_on_the_page() {
    let scenario = crowded();
    let tree = check_page(&scenario, &ImageOptions::new(1920, 1080, "2026-11-30"), 0.0);
    let (texts, _) = collect(&tree, "page");
    for i in 0..30 {
        let name = format!("Experimental long-range solid-fuel variant number {i}");
        assert!(
            texts.iter().any(|t| t.text.contains(&name)),
            "{name} missing"
        );
    }
    check_page(&scenario, &options_for(SizePreset::A4Portrait), 0.0);
}

#[test]
fn ring_labels_lie_on_their_rings_and_collide_with_nothing() {
    use range_rings::geodesy::LatLon;
    use range_rings::scene::{marker_box, ring_label_text};
    let scenario = Scenario::builtin();
    let pyongyang = LatLon::lat_lon(39.0392, 125.7625);
    // The least each view labels of its 7 missiles: the globe about Pyongyang hides the
    // ICBM rings beyond its horizon; short rings near Pyongyang are crowded by markers and by
    // each other.
    for (projection, least) in [
        (Projection::Equirectangular { central_lon: 150.0 }, 4),
        (Projection::Orthographic { centre: pyongyang }, 2),
        (Projection::AzimuthalEquidistant { centre: pyongyang }, 3),
    ] {
        let options = ImageOptions {
            layout: briefing::Layout::Map,
            ..ImageOptions::new(1920, 1080, "2026-11-30")
        };
        let built = briefing::build(&scenario, projection, &options);
        let (scene, plan) = (&built.scene, &built.plan);
        let sizes = plan.overlay;
        let overlay = scene.overlay(&plan.transform, plan.map_box, &[], sizes, |s| {
            fonts::text_width(s, sizes.label_px, false)
        });
        let what = projection.name();
        assert!(
            overlay.ring_labels.len() >= least,
            "{what}: {:?}",
            overlay.ring_labels
        );
        let outline_px = |missile: Option<usize>, other: bool| -> Vec<(f64, f64)> {
            scene
                .rings
                .iter()
                .filter(|r| missile.is_none_or(|m| (r.missile == m) != other))
                .flat_map(|r| r.outline.iter().flat_map(|l| l.coords()))
                .map(|c| plan.transform.to_px(*c))
                .collect()
        };
        let h = sizes.label_px;
        for (i, label) in overlay.ring_labels.iter().enumerate() {
            let ring = scene
                .rings
                .iter()
                .find(|r| r.missile == label.missile)
                .unwrap();
            let name = &scenario.missiles()[label.missile].name;
            assert_eq!(label.text, ring_label_text(name, ring.range_km));
            // On its own ring: within half a line of one of its outlines (densified).
            let own = outline_px(Some(label.missile), false);
            let near = own
                .windows(2)
                .map(|w| point_segment((label.x, label.y), w[0], w[1]))
                .fold(f64::INFINITY, f64::min);
            assert!(
                near < 0.5 * h,
                "{what}: {:?} is {near:.1} px off its ring",
                label.text
            );
            // Clear of every marker, marker label and other ring label.
            for m in &overlay.markers {
                let b = marker_box(m.x, m.y, sizes.marker_px, 0.0);
                assert!(
                    !label.bounds.overlaps(&b),
                    "{what}: {:?} on a marker",
                    label.text
                );
            }
            for l in &overlay.labels {
                assert!(
                    !label.bounds.overlaps(&l.bounds),
                    "{what}: {:?} on {:?}",
                    label.text,
                    l.text
                );
            }
            for other in &overlay.ring_labels[i + 1..] {
                assert!(
                    !label.bounds.overlaps(&other.bounds),
                    "{what}: ring labels overlap"
                );
            }
            // No other missile's ring runs through the turned text.
            let (s, c) = label.angle.sin_cos();
            for (x, y) in outline_px(Some(label.missile), true) {
                let (dx, dy) = (x - label.x, y - label.y);
                let (u, v) = (dx * c + dy * s, -dx * s + dy * c);
                assert!(
                    u.abs() > 0.5 * label.width || v.abs() > 0.5 * h,
                    "{what}: another ring crosses {:?}",
                    label.text
                );
            }
        }
    }
}

/// Distance from `p` to the segment `a`-`b`, pixels.
fn point_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// 300 launch points all flying the built-in scenario's missiles: the page names the targets
/// left without a label first, then a few launch points and how many more, instead of a
/// column of 300 names.
#[test]
fn many_unlabelled_places_are_counted_not_listed() {
    let mut file: ScenarioFile = Scenario::builtin().file().clone();
    let template = file.sites[0].clone();
    file.sites = (0..300)
        .map(|i| range_rings::scenario::file::Site {
            id: format!("tel-{i}"),
            name: format!("TEL {i}"),
            lat: 38.5 + f64::from(i / 20) * 0.25,
            lon: 124.8 + f64::from(i % 20) * 0.22,
            ..template.clone()
        })
        .collect();
    for missile in &mut file.missiles {
        missile.from = None;
    }
    let scenario = Scenario::try_from(file).unwrap();
    let tree = check_page(&scenario, &ImageOptions::new(1920, 1080, "2026-11-30"), 0.0);
    let (texts, _) = collect(&tree, "page");
    let page: String = texts
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let paragraph = &page[page
        .find("Without a label")
        .expect("the unlabelled paragraph")..];
    let more = paragraph.find(" more.").expect("a count of the rest");
    let tels = paragraph[..more].matches("TEL ").count();
    assert!(tels <= 20, "{tels} launch points listed: {paragraph}");
    // Targets come before the launch points.
    let first_tel = paragraph.find("TEL ").expect("launch points listed");
    let targets: Vec<&str> = scenario
        .file()
        .targets
        .iter()
        .map(|t| t.name.as_str())
        .filter(|name| paragraph.contains(name))
        .collect();
    assert!(!targets.is_empty(), "no target unlabelled: {paragraph}");
    for name in targets {
        assert!(
            paragraph.find(name) < Some(first_tel),
            "{name}: {paragraph}"
        );
    }
}
