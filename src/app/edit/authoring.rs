//! The edits that build a scenario (missiles, their sites and bands, targets, target areas,
//! quick rings) and the names and colours they give what they add.

use super::{Edit, unique_id};
use crate::color::Rgba;
use crate::format;
use crate::geodesy::LatLon;
use crate::scenario::ScenarioFile;
use crate::scenario::file::{Missile, Platform, SiteKind};

/// How near a town must be to name a point added on the map after it, km.
const TOWN_RADIUS_KM: f64 = 30.0;

/// The name of the nearest town within [`TOWN_RADIUS_KM`] of `at`, made unique among `taken`
/// ("Changsha", "Changsha 2"...); `None` far from any town.
pub(super) fn town_name(at: LatLon, taken: &[&String]) -> Option<String> {
    let town = crate::gazetteer::nearest(at, TOWN_RADIUS_KM)?;
    let free = |name: &String| !taken.contains(&name);
    std::iter::once(town.name.clone())
        .chain((2..).map(|n| format!("{} {n}", town.name)))
        .find(free)
}

/// `name`, or `name 2`, `name 3`... the first not in `taken`.
fn unique_name<'a>(taken: impl Iterator<Item = &'a str> + Clone, name: &str) -> String {
    std::iter::once(name.to_owned())
        .chain((2..).map(|n| format!("{name} {n}")))
        .find(|candidate| !taken.clone().any(|t| t == candidate))
        .unwrap_or_else(|| name.to_owned())
}

fn missile_mut(file: &mut ScenarioFile, i: usize) -> Option<&mut Missile> {
    file.missiles.get_mut(i)
}

/// The first palette colour no missile shows (each missile's own, or the palette's by its
/// place in the list), as `#rrggbb`: a new missile gets a colour of its own, kept whatever is
/// added or removed before it later.
fn unused_colour(file: &ScenarioFile) -> String {
    let palette = crate::color::PALETTE;
    let shown: Vec<Rgba> = file
        .missiles
        .iter()
        .enumerate()
        .map(|(i, m)| {
            m.color
                .as_deref()
                .and_then(Rgba::parse)
                .unwrap_or(palette[i % palette.len()])
        })
        .collect();
    palette
        .iter()
        .find(|c| !shown.contains(c))
        .unwrap_or(&palette[file.missiles.len() % palette.len()])
        .to_hex()
}

/// A new missile: 1,000 km, land-launched from every launch site, coloured from the palette.
pub fn new_missile(file: &ScenarioFile) -> Missile {
    let names = file.missiles.iter().map(|m| m.name.as_str());
    Missile {
        id: unique_id(file.missiles.iter().map(|m| m.id.as_str()), "missile"),
        name: unique_name(names, "New missile"),
        class: None,
        platform: None,
        range_km: 1000.0,
        range_min_km: None,
        range_max_km: None,
        color: Some(unused_colour(file)),
        visible: None,
        assumed: None,
        from: None,
        sources: Vec::new(),
        flight: None,
        cruise_speed_kmh: None,
        minimum_range_km: None,
        ballistics: None,
    }
}

impl Edit {
    /// The edits that build a scenario: missiles, their sites and bands, targets, areas.
    pub(super) fn apply_authoring(self, file: &mut ScenarioFile) {
        match self {
            Self::RenameMissile { missile, name } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.name = name;
                }
            }
            Self::SetMissileClass { missile, class } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.class = class.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
                }
            }
            Self::SetPlatform { missile, platform } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.platform = (platform == Platform::Sea).then_some(Platform::Sea);
                }
            }
            Self::SetLaunchSites { missile, from } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.from = from;
                }
            }
            Self::SetBand { missile, band } => {
                if let Some(m) = missile_mut(file, missile) {
                    (m.range_min_km, m.range_max_km) = match band {
                        Some((min, max)) => (Some(min.min(m.range_km)), Some(max.max(m.range_km))),
                        None => (None, None),
                    };
                }
            }
            Self::DuplicateMissile { missile } => {
                if let Some(original) = file.missiles.get(missile) {
                    let mut copy = original.clone();
                    let ids = file.missiles.iter().map(|m| m.id.as_str());
                    copy.id = unique_id(ids, &original.id);
                    let names = file.missiles.iter().map(|m| m.name.as_str());
                    copy.name = unique_name(names, &format!("{} (copy)", original.name));
                    // Its own colour from the palette, not the original's.
                    copy.color = Some(unused_colour(file));
                    file.missiles.insert(missile + 1, copy);
                }
            }
            Self::RemoveMissile { missile } if missile < file.missiles.len() => {
                file.missiles.remove(missile);
            }
            Self::SetMissilesVisible { missiles, visible } => {
                for i in missiles {
                    if let Some(m) = missile_mut(file, i) {
                        m.visible = if visible { None } else { Some(false) };
                    }
                }
            }
            Self::Solo { missile } => {
                for (i, m) in file.missiles.iter_mut().enumerate() {
                    m.visible = if i == missile { None } else { Some(false) };
                }
            }
            Self::FlyAllFrom { site } => {
                let Some(s) = file.sites.get(site) else {
                    return;
                };
                let (id, platform) = match s.kind.unwrap_or_default() {
                    SiteKind::Launch => (s.id.clone(), Platform::Land),
                    SiteKind::Patrol => (s.id.clone(), Platform::Sea),
                };
                for m in &mut file.missiles {
                    if m.platform.unwrap_or_default() == platform
                        && let Some(from) = &mut m.from
                        && !from.contains(&id)
                    {
                        from.push(id.clone());
                    }
                }
            }
            Self::RenameTarget { target, name } => {
                if let Some(t) = file.targets.get_mut(target) {
                    t.name = name;
                }
            }
            Self::SetTargetKey { target, key } => {
                if let Some(t) = file.targets.get_mut(target) {
                    t.key = key.then_some(true);
                }
            }
            Self::AddTargetAreas { areas } => {
                for mut area in areas {
                    let ids = file.target_areas.iter().map(|a| a.id.as_str());
                    if ids.clone().any(|id| id == area.id) {
                        area.id = unique_id(ids, &area.id);
                    }
                    file.target_areas.push(area);
                }
            }
            Self::RenameTargetArea { area, name } => {
                if let Some(a) = file.target_areas.get_mut(area) {
                    a.name = name;
                }
            }
            Self::RemoveTargetArea { area } if area < file.target_areas.len() => {
                file.target_areas.remove(area);
            }
            Self::RingHere { at, km } => {
                Self::AddSite {
                    kind: SiteKind::Launch,
                    at,
                    name: None,
                }
                .apply(file);
                let Some(site) = file.sites.last_mut() else {
                    return;
                };
                site.illustrative = Some(true);
                let site_id = site.id.clone();
                let site_name = site.name.clone();
                let mut ring = new_missile(file);
                ring.name = unique_name(
                    file.missiles.iter().map(|m| m.name.as_str()),
                    &format!("{} km from {site_name}", format::thousands(km)),
                );
                ring.range_km = km;
                ring.from = Some(vec![site_id]);
                ring.assumed = Some(true);
                file.missiles.push(ring);
            }
            // The edits of sites, ranges, colours and targets are applied by `apply`.
            _ => {}
        }
    }
}
