//! Notices over the top of the map, where the user is looking: errors stay until dismissed,
//! information fades after a few seconds.

use crate::app::RangeRingsApp;
use crate::app::state::NoticeKind;
use eframe::egui::{self, Color32, Pos2, Rect};

/// Shows the notices stacked from the top-left of the map's `rect`.
pub fn show_notices(app: &mut RangeRingsApp, ctx: &egui::Context, rect: Rect) {
    let mut dismissed = None;
    let mut opened = None;
    let mut y = rect.top() + 8.0;
    for (i, notice) in app.dialogs.notices.0.iter().enumerate() {
        let area = egui::Area::new(egui::Id::unique(("notice", i)))
            .fixed_pos(Pos2::new(rect.left() + 12.0, y))
            .order(egui::Order::Foreground);
        let shown = area.show(ctx, |ui| {
            let fill = match notice.kind {
                NoticeKind::Error => Color32::from_rgb(0x8e, 0x1b, 0x10),
                NoticeKind::Info => Color32::from_rgb(0x22, 0x4a, 0x6b),
            };
            egui::Frame::popup(ui.style()).fill(fill).show(ui, |ui| {
                ui.set_max_width(rect.width() - 40.0);
                ui.horizontal(|ui| {
                    ui.colored_label(Color32::WHITE, &notice.text);
                    if let Some(folder) = &notice.folder
                        && ui.small_button("Open folder").clicked()
                    {
                        opened = Some(folder.clone());
                    }
                    if ui.small_button("Dismiss").clicked() {
                        dismissed = Some(i);
                    }
                });
            });
        });
        y += shown.response.rect.height() + 6.0;
    }
    if let Some(i) = dismissed {
        app.dialogs.notices.0.remove(i);
    }
    if let Some(folder) = opened
        && let Err(e) = open_folder(&folder)
    {
        app.notify(
            format!("Could not open {}: {e}", folder.display()),
            NoticeKind::Error,
        );
    }
}

/// Opens `folder` in the system's file manager.
fn open_folder(folder: &std::path::Path) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(opener)
        .arg(folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // Reaped when it ends, so that it leaves no zombie behind.
    crate::threads::spawn(move || child.wait());
    Ok(())
}
