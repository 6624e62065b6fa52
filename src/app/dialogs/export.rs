//! The export form: file and format, size (the shared presets or typed), layout, title and
//! extent; the export runs in the background through the same exporter as the command line.

use crate::app::RangeRingsApp;
use crate::app::commands::{Command, ExportRequest};
use crate::export::briefing::{ImageOptions, Layout};
use crate::export::{Format, SizePreset};
use crate::scene::Style;
use eframe::egui::{self, Color32};
use std::path::Path;

/// The form's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportForm {
    /// Output path as typed.
    pub path: String,
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// Briefing or map only.
    pub layout: Layout,
    /// Title on the image.
    pub title: String,
    /// Export what the window shows (zoomed) rather than the whole map.
    pub current_view: bool,
    /// SVG: text as glyph outlines, the same in every renderer and editor.
    pub text_as_paths: bool,
    /// The file field has been given the keyboard focus since the form opened.
    pub focused: bool,
    /// A file that exists at the path, waiting for "Replace".
    pub confirm_replace: Option<String>,
}

impl ExportForm {
    /// A slide-sized briefing PNG with the scenario's title.
    pub fn new(title: String) -> Self {
        let (width, height) = SizePreset::Slide.size();
        Self {
            path: "briefing.png".into(),
            width,
            height,
            layout: Layout::Briefing,
            title,
            current_view: false,
            text_as_paths: false,
            focused: false,
            confirm_replace: None,
        }
    }
}

/// The image options the form asks for, with the window's view, layers and tint.
pub fn image_options(app: &RangeRingsApp, form: &ExportForm) -> ImageOptions {
    let extent = if form.current_view {
        app.view.shown_extent()
    } else {
        None
    };
    ImageOptions {
        width: form.width,
        height: form.height,
        layout: form.layout,
        // Exports are light (print), with the tint chosen in the View menu.
        style: app.with_tint(Style::LIGHT),
        date: crate::format::today(),
        title: Some(form.title.clone()).filter(|t| !t.trim().is_empty()),
        extent,
        layers: app.layers(),
        labels: app.settings.labels,
        // A paper preset's size is printed at its resolution.
        dpi: SizePreset::ALL
            .into_iter()
            .find(|p| p.size() == (form.width, form.height))
            .and_then(SizePreset::dpi),
        inset: crate::export::briefing::InsetMode::Auto,
        text_as_paths: form.text_as_paths,
    }
}

/// Shows the form, if open.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some(mut form) = app.dialogs.export.clone() else {
        return;
    };
    let mut open = true;
    let mut go = false;
    egui::Window::new("Export")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| fields(app, ui, &mut form, &mut go));
    app.dialogs.export = (open && !go).then(|| form.clone());
    if go {
        form.focused = false;
        form.confirm_replace = None;
        app.dialogs.last_export = Some(form.clone());
        let options = image_options(app, &form);
        app.commands.push(Command::Export(ExportRequest {
            path: form.path.trim().into(),
            options,
        }));
    }
}

fn fields(app: &mut RangeRingsApp, ui: &mut egui::Ui, form: &mut ExportForm, go: &mut bool) {
    egui::Grid::new("export-form")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("File");
            ui.horizontal(|ui| {
                let r = ui.text_edit_singleline(&mut form.path);
                if !form.focused {
                    r.request_focus();
                    form.focused = true;
                }
                if r.changed() {
                    form.confirm_replace = None;
                }
                if app.native_dialogs && ui.button("Browse…").clicked() {
                    app.commands.push(Command::ExportBrowse);
                }
            });
            ui.end_row();
            ui.label("Format");
            let current = Format::from_path(Path::new(form.path.trim()));
            ui.horizontal(|ui| {
                for format in Format::ALL {
                    let label = format.extension().to_uppercase();
                    if ui
                        .selectable_label(current == Some(format), label)
                        .clicked()
                    {
                        form.path = Path::new(form.path.trim())
                            .with_extension(format.extension())
                            .display()
                            .to_string();
                    }
                }
            });
            ui.end_row();
            ui.label("Size");
            ui.horizontal(|ui| {
                for preset in SizePreset::ALL {
                    let size = preset.size();
                    if ui
                        .selectable_label((form.width, form.height) == size, preset.label())
                        .clicked()
                    {
                        (form.width, form.height) = size;
                    }
                }
                ui.add(
                    egui::DragValue::new(&mut form.width)
                        .range(64..=16384)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut form.height)
                        .range(64..=16384)
                        .suffix(" px"),
                );
            });
            ui.end_row();
            ui.label("Layout");
            ui.horizontal(|ui| {
                ui.radio_value(&mut form.layout, Layout::Briefing, "Briefing");
                ui.radio_value(&mut form.layout, Layout::Map, "Map only");
            });
            ui.end_row();
            ui.label("Title");
            ui.text_edit_singleline(&mut form.title);
            ui.end_row();
            ui.label("Extent");
            ui.checkbox(
                &mut form.current_view,
                "What the window shows (otherwise the whole map)",
            );
            ui.end_row();
            if current == Some(Format::Svg) {
                ui.label("Text");
                ui.checkbox(
                    &mut form.text_as_paths,
                    "As outlines: looks the same in every program, not selectable",
                );
                ui.end_row();
            }
        });
    ui.label(egui::RichText::new(format!("Projection: {}", app.projection().name())).small());
    let valid = Format::from_path(Path::new(form.path.trim())).is_some();
    if !valid {
        ui.colored_label(
            Color32::from_rgb(0xc0, 0x39, 0x2b),
            "Use a .png, .svg, .pdf, .geojson or .kml file name.",
        );
    }
    let typed = form.path.trim().to_owned();
    if form.confirm_replace.as_deref() == Some(typed.as_str()) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{typed} exists. Replace it?"),
        );
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                *go = true;
            }
            if ui.button("Keep it").clicked() {
                form.confirm_replace = None;
            }
        });
        return;
    }
    if ui
        .add_enabled(valid && !app.exporting(), egui::Button::new("Export"))
        .clicked()
    {
        if Path::new(&typed).exists() {
            form.confirm_replace = Some(typed);
        } else {
            *go = true;
        }
    }
}
