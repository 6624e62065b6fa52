//! Size limits of a scenario file: how many entries a list holds, how long a text is, how
//! many points the area outlines hold (the same numbers the schema states).

use super::Problem;
use super::file::{MAX_AREA_POINTS, MAX_ITEMS, MAX_TEXT_CHARS, ScenarioFile};
use super::locate::JsonPath;
use super::validate::Found;

/// Sizes: entries in every list, characters in every text, points in areas. The schema says
/// the same with `maxItems` and `maxLength`.
pub(super) fn check_limits(file: &ScenarioFile, root: &JsonPath, problems: &mut Found) {
    let mut many = |at: &dyn Fn() -> JsonPath, count: usize, most: usize| {
        if count > most {
            problems.push(Problem::at(
                at(),
                format!("{count} entries; at most {most} are allowed"),
            ));
        }
    };
    many(&|| root.key("sites"), file.sites.len(), MAX_ITEMS);
    many(&|| root.key("missiles"), file.missiles.len(), MAX_ITEMS);
    many(&|| root.key("targets"), file.targets.len(), MAX_ITEMS);
    many(
        &|| root.key("target_areas"),
        file.target_areas.len(),
        MAX_ITEMS,
    );
    for (i, m) in file.missiles.iter().enumerate().take(MAX_ITEMS) {
        let at = root.key("missiles").index(i);
        many(&|| at.key("sources"), m.sources.len(), MAX_ITEMS);
        if let Some(from) = &m.from {
            many(&|| at.key("from"), from.len(), MAX_ITEMS);
        }
        for (j, source) in m.sources.iter().enumerate().take(MAX_ITEMS) {
            many(
                &|| at.key("sources").index(j).key("km"),
                source.km.len(),
                MAX_ITEMS,
            );
        }
    }
    for (i, a) in file.target_areas.iter().enumerate().take(MAX_ITEMS) {
        let at = root.key("target_areas").index(i);
        many(&|| at.key("polygons"), a.polygons.len(), MAX_ITEMS);
        for (j, ring) in a.polygons.iter().enumerate().take(MAX_ITEMS) {
            many(&|| at.key("polygons").index(j), ring.len(), MAX_AREA_POINTS);
        }
    }
    for (i, s) in file.sites.iter().enumerate().take(MAX_ITEMS) {
        if let Some(area) = &s.area {
            many(
                &|| root.key("sites").index(i).key("area"),
                area.len(),
                MAX_AREA_POINTS,
            );
        }
    }

    let mut long = |at: &dyn Fn() -> JsonPath, text: Option<&str>| {
        let Some(text) = text else { return };
        // Bytes bound characters from above: most texts need no count.
        let chars = if text.len() > MAX_TEXT_CHARS {
            text.chars().count()
        } else {
            0
        };
        if chars > MAX_TEXT_CHARS {
            problems.push(Problem::at(
                at(),
                format!("text of {chars} characters; at most {MAX_TEXT_CHARS} are allowed"),
            ));
        }
    };
    long(&|| root.key("title"), file.title.as_deref());
    long(&|| root.key("subtitle"), file.subtitle.as_deref());
    for (i, s) in file.sites.iter().enumerate().take(MAX_ITEMS) {
        let at = root.key("sites").index(i);
        long(&|| at.key("id"), Some(&s.id));
        long(&|| at.key("name"), Some(&s.name));
        long(&|| at.key("note"), s.note.as_deref());
    }
    for (i, m) in file.missiles.iter().enumerate().take(MAX_ITEMS) {
        let at = root.key("missiles").index(i);
        long(&|| at.key("id"), Some(&m.id));
        long(&|| at.key("name"), Some(&m.name));
        long(&|| at.key("class"), m.class.as_deref());
        for (j, id) in m.from.iter().flatten().enumerate().take(MAX_ITEMS) {
            long(&|| at.key("from").index(j), Some(id));
        }
        for (j, source) in m.sources.iter().enumerate().take(MAX_ITEMS) {
            let at = at.key("sources").index(j);
            long(&|| at.key("text"), Some(&source.text));
            long(&|| at.key("date"), source.date.as_deref());
            long(&|| at.key("url"), source.url.as_deref());
        }
    }
    for (i, t) in file.targets.iter().enumerate().take(MAX_ITEMS) {
        let at = root.key("targets").index(i);
        long(&|| at.key("id"), Some(&t.id));
        long(&|| at.key("name"), Some(&t.name));
        long(&|| at.key("group"), t.group.as_deref());
        long(&|| at.key("note"), t.note.as_deref());
    }
    for (i, a) in file.target_areas.iter().enumerate().take(MAX_ITEMS) {
        let at = root.key("target_areas").index(i);
        long(&|| at.key("id"), Some(&a.id));
        long(&|| at.key("name"), Some(&a.name));
        long(&|| at.key("source"), a.source.as_deref());
    }
    let points: usize = file
        .target_areas
        .iter()
        .flat_map(|a| &a.polygons)
        .map(Vec::len)
        .sum::<usize>()
        + file
            .sites
            .iter()
            .filter_map(|s| s.area.as_ref())
            .map(Vec::len)
            .sum::<usize>();
    if points > MAX_AREA_POINTS {
        problems.push(Problem::at(
            root.clone(),
            format!("areas hold {points} points; at most {MAX_AREA_POINTS} are allowed"),
        ));
    }
}
