//! One scene, two renderers: the briefing's SVG and the app's egui painter, given the same
//! scene and view, draw the same markers, labels and rings.

use eframe::egui;
use range_rings::app::{MeshCache, paint_scene};
use range_rings::export::briefing::{self, ImageOptions, Layout};
use range_rings::geodesy::LatLon;
use range_rings::projection::Projection;
use range_rings::scenario::Scenario;
use range_rings::scene::{Scene, Style};

/// What a renderer drew: marker centres (mean of a symbol's vertices, or a circle's centre),
/// marker labels (text, left end, baseline), ring labels (text, centre x, centre y, angle in
/// degrees) and the colours of rings painted at full opacity (strokes and tints).
#[derive(Debug, Default)]
struct Drawn {
    markers: Vec<(f64, f64)>,
    labels: Vec<(String, f64, f64)>,
    ring_labels: Vec<(String, f64, f64, f64)>,
    ring_colors: Vec<[u8; 3]>,
}

fn numbers(d: &str) -> Vec<f64> {
    d.split(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

fn mean(points: &[(f64, f64)]) -> (f64, f64) {
    let n = points.len() as f64;
    (
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    )
}

fn hex(c: &str) -> [u8; 3] {
    let byte = |i: usize| u8::from_str_radix(&c[i..i + 2], 16).unwrap();
    [byte(1), byte(3), byte(5)]
}

/// Reads the SVG: markers carry `data-marker`; labels are the texts of the groups of class
/// `marker-labels` and `ring-labels`; ring strokes are paths stroked in a ring's colour.
fn from_svg(svg: &str, scene: &Scene, font_px: f64) -> Drawn {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let ring_colors: Vec<String> = scene.rings.iter().map(|r| r.color.rgb_hex()).collect();
    let mut drawn = Drawn::default();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let attr = |name: &str| node.attribute(name);
        if attr("data-marker").is_some() {
            let centre = match node.tag_name().name() {
                "circle" => (
                    attr("cx").unwrap().parse().unwrap(),
                    attr("cy").unwrap().parse().unwrap(),
                ),
                _ => {
                    let n = numbers(attr("d").unwrap());
                    let points: Vec<(f64, f64)> = n.chunks(2).map(|p| (p[0], p[1])).collect();
                    mean(&points)
                }
            };
            drawn.markers.push(centre);
        }
        let group = node.parent().and_then(|p| p.attribute("class"));
        if node.tag_name().name() == "text" && group == Some("marker-labels") {
            drawn.labels.push((
                node.text().unwrap().to_owned(),
                attr("x").unwrap().parse().unwrap(),
                attr("y").unwrap().parse().unwrap(),
            ));
        }
        if node.tag_name().name() == "text" && group == Some("ring-labels") {
            // rotate(angle cx cy): the centre and the angle.
            let turn = numbers(
                attr("transform")
                    .unwrap()
                    .trim_start_matches("rotate(")
                    .trim_end_matches(')'),
            );
            let y: f64 = attr("y").unwrap().parse().unwrap();
            assert!((y - 0.35 * font_px - turn[2]).abs() < 0.2);
            drawn
                .ring_labels
                .push((node.text().unwrap().to_owned(), turn[1], turn[2], turn[0]));
        }
        // A ring's stroke, or its opaque tint (laid under the veil).
        let painted = match (node.tag_name().name(), attr("fill")) {
            ("path", Some("none")) => attr("stroke"),
            ("path", fill) if attr("fill-opacity").is_none() => fill,
            _ => None,
        };
        if let Some(color) = painted
            && ring_colors.iter().any(|c| c == color)
        {
            drawn.ring_colors.push(hex(color));
        }
    }
    drawn
}

/// Runs the app's painter on the scene in a headless egui context and reads its shapes:
/// closed paths and circles are markers, ink-coloured level texts are marker labels, texts in
/// a ring's colour are ring labels, opaque vertices of the ring mesh give the ring colours.
fn from_painter(scene: &Scene, plan: &briefing::ImagePlan, style: &Style) -> Drawn {
    let (w, h) = (plan.map_box.width as f32, plan.map_box.height as f32);
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h));
    let ctx = egui::Context::default();
    let input = egui::RawInput {
        screen_rect: Some(rect),
        ..Default::default()
    };
    let sizes = plan.overlay;
    let mut meshes = MeshCache::default();
    let mut output = ctx.run_ui(input, |ui| {
        let painter = ui.painter_at(rect);
        paint_scene(
            &painter,
            scene,
            &plan.transform,
            rect,
            &[],
            style,
            sizes,
            &mut meshes,
            None,
        );
    });
    // No renderer here uploads the font atlas.
    output.textures_delta.clear();
    let ink = {
        let [r, g, b, a] = style.text.0;
        egui::Color32::from_rgba_unmultiplied(r, g, b, a)
    };
    let mut drawn = Drawn::default();
    let mut shapes: Vec<egui::Shape> = output.shapes.into_iter().map(|c| c.shape).collect();
    while let Some(shape) = shapes.pop() {
        match shape {
            egui::Shape::Vec(inner) => shapes.extend(inner),
            egui::Shape::Path(path) if path.closed => {
                let points: Vec<(f64, f64)> = path
                    .points
                    .iter()
                    .map(|p| (f64::from(p.x), f64::from(p.y)))
                    .collect();
                drawn.markers.push(mean(&points));
            }
            egui::Shape::Circle(circle) => drawn
                .markers
                .push((f64::from(circle.center.x), f64::from(circle.center.y))),
            egui::Shape::Text(text) if text.fallback_color == ink && text.angle == 0.0 => {
                let baseline = f64::from(text.pos.y) + 0.8 * sizes.label_px;
                drawn.labels.push((
                    text.galley.text().to_owned(),
                    f64::from(text.pos.x),
                    baseline,
                ));
            }
            egui::Shape::Text(text)
                if scene.rings.iter().any(|r| {
                    let [red, g, b, a] = r.color.0;
                    text.fallback_color == egui::Color32::from_rgba_unmultiplied(red, g, b, a)
                }) =>
            {
                // Back from the turned top-left corner to the centre.
                let content = text.galley.text().to_owned();
                let width = range_rings::fonts::text_width(&content, sizes.label_px, false);
                let (sin, cos) = f64::from(text.angle).sin_cos();
                let (u, v) = (0.5 * width, 0.45 * sizes.label_px);
                let (x, y) = (f64::from(text.pos.x), f64::from(text.pos.y));
                drawn.ring_labels.push((
                    content,
                    x + u * cos - v * sin,
                    y + u * sin + v * cos,
                    f64::from(text.angle).to_degrees(),
                ));
            }
            egui::Shape::Mesh(mesh) => {
                for v in &mesh.vertices {
                    let [r, g, b, a] = v.color.to_srgba_unmultiplied();
                    let c = [r, g, b];
                    let ring = scene.rings.iter().any(|ring| ring.color.0[..3] == c);
                    if a == 255 && ring && !drawn.ring_colors.contains(&c) {
                        drawn.ring_colors.push(c);
                    }
                }
            }
            _ => {}
        }
    }
    drawn
}

fn assert_same(what: &str, svg: &Drawn, painter: &Drawn) {
    let sort = |v: &mut Vec<(f64, f64)>| v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let (mut a, mut b) = (svg.markers.clone(), painter.markers.clone());
    sort(&mut a);
    sort(&mut b);
    assert_eq!(a.len(), b.len(), "{what}: markers {a:?} vs {b:?}");
    for (p, q) in a.iter().zip(&b) {
        // The SVG writes positions to 0.1 px.
        assert!(
            (p.0 - q.0).abs() < 0.2 && (p.1 - q.1).abs() < 0.2,
            "{what}: marker at {p:?} in the SVG, {q:?} on screen"
        );
    }
    let key = |l: &(String, f64, f64)| (l.0.clone(), (l.1 * 10.0).round() as i64);
    let (mut a, mut b) = (svg.labels.clone(), painter.labels.clone());
    a.sort_by_key(key);
    b.sort_by_key(key);
    assert_eq!(
        a.iter().map(|l| &l.0).collect::<Vec<_>>(),
        b.iter().map(|l| &l.0).collect::<Vec<_>>(),
        "{what}: labels"
    );
    for (l, m) in a.iter().zip(&b) {
        assert!(
            (l.1 - m.1).abs() < 0.2 && (l.2 - m.2).abs() < 0.2,
            "{what}: label {l:?} in the SVG, {m:?} on screen"
        );
    }
    let (mut a, mut b) = (svg.ring_labels.clone(), painter.ring_labels.clone());
    a.sort_by(|x, y| x.0.cmp(&y.0));
    b.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(
        a.iter().map(|l| &l.0).collect::<Vec<_>>(),
        b.iter().map(|l| &l.0).collect::<Vec<_>>(),
        "{what}: ring labels"
    );
    for (l, m) in a.iter().zip(&b) {
        assert!(
            (l.1 - m.1).abs() < 0.3 && (l.2 - m.2).abs() < 0.3 && (l.3 - m.3).abs() < 0.05,
            "{what}: ring label {l:?} in the SVG, {m:?} on screen"
        );
    }
    let (mut a, mut b) = (svg.ring_colors.clone(), painter.ring_colors.clone());
    a.sort();
    a.dedup();
    b.sort();
    assert_eq!(a, b, "{what}: ring colours");
}

#[test]
fn briefing_and_app_painter_draw_the_same_markers_labels_and_rings() {
    let scenario = Scenario::builtin();
    for projection in [
        Projection::Equirectangular { central_lon: 150.0 },
        Projection::Orthographic {
            centre: LatLon::lat_lon(35.0, 150.0),
        },
    ] {
        let options = ImageOptions {
            width: 1400,
            height: 800,
            layout: Layout::Map,
            style: Style::LIGHT,
            date: "2026-11-30".into(),
            title: None,
            extent: None,
            layers: Default::default(),
            labels: true,
            dpi: None,
            inset: range_rings::export::briefing::InsetMode::Auto,
            text_as_paths: false,
        };
        let built = briefing::build(&scenario, projection, &options);
        let (scene, plan) = (&built.scene, &built.plan);
        let svg = briefing::render_svg(&built, &options);
        let on_paper = from_svg(&svg, scene, plan.overlay.label_px);
        let on_screen = from_painter(scene, plan, &options.style);
        let what = projection.name();
        assert!(
            on_paper.markers.len() >= 20 && on_paper.labels.len() >= 10,
            "{what}: {} markers, {} labels",
            on_paper.markers.len(),
            on_paper.labels.len()
        );
        assert!(!on_paper.ring_colors.is_empty() && !on_paper.ring_labels.is_empty());
        assert_same(&what, &on_paper, &on_screen);
    }
}

/// The window's image of the map (tiny-skia, drawn while panning) and the briefing's SVG
/// (resvg) agree: the same sea, land, tints under the veil, lines and hatching, compared in
/// blocks of 8x8 pixels (labels and markers, in the SVG only, are small against a block).
#[test]
fn the_windows_map_image_matches_the_briefings_map() {
    use range_rings::export::raster::paint_map_layers;
    use resvg::tiny_skia::Pixmap;
    let scenario = Scenario::builtin();
    for projection in [
        Projection::Equirectangular { central_lon: 150.0 },
        Projection::AzimuthalEquidistant {
            centre: LatLon::lat_lon(39.0, 125.75),
        },
    ] {
        let options = ImageOptions {
            width: 1200,
            height: 700,
            layout: Layout::Map,
            style: Style::LIGHT,
            date: "2026-11-30".into(),
            title: None,
            extent: None,
            layers: Default::default(),
            labels: false,
            dpi: None,
            inset: range_rings::export::briefing::InsetMode::None,
            text_as_paths: false,
        };
        let built = briefing::build(&scenario, projection, &options);
        let svg = briefing::render_svg(&built, &options);
        let png = range_rings::export::png::svg_to_png(&svg, 1200, 700, None).unwrap();
        let paper = Pixmap::decode_png(&png).unwrap();
        let mut screen = Pixmap::new(1200, 700).unwrap();
        paint_map_layers(
            &mut screen,
            &built.scene,
            &built.plan.transform,
            &options.style,
            1.0,
            1,
        );
        let b = built.plan.map_box;
        let (x0, y0) = ((b.left as u32).div_ceil(8), (b.top as u32).div_ceil(8));
        let (x1, y1) = (
            ((b.left + b.width) as u32) / 8,
            ((b.top + b.height) as u32) / 8,
        );
        let block = |p: &Pixmap, bx: u32, by: u32| {
            let mut sum = [0u32; 3];
            for y in by * 8..by * 8 + 8 {
                for x in bx * 8..bx * 8 + 8 {
                    let c = p.pixel(x, y).unwrap().demultiply();
                    sum[0] += u32::from(c.red());
                    sum[1] += u32::from(c.green());
                    sum[2] += u32::from(c.blue());
                }
            }
            sum.map(|s| s as f64 / 64.0)
        };
        let (mut total, mut far, mut count) = (0.0, 0, 0);
        for by in y0..y1 {
            for bx in x0..x1 {
                let (a, c) = (block(&paper, bx, by), block(&screen, bx, by));
                let d = (0..3).map(|k| (a[k] - c[k]).abs()).fold(0.0, f64::max);
                total += d;
                far += usize::from(d > 24.0);
                count += 1;
            }
        }
        let mean = total / f64::from(count);
        let share = far as f64 / f64::from(count);
        let what = projection.name();
        eprintln!(
            "{what}: mean difference {mean:.2}, {:.2}% of blocks over 24",
            share * 100.0
        );
        assert!(
            mean < 4.0 && share < 0.03,
            "{what}: mean difference {mean:.2}, {:.1}% of blocks differ by more than 24",
            share * 100.0
        );
    }
}
