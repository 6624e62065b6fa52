//! The gazetteer's search and nearest-place rules, on real names.

use super::*;
use crate::geodesy::destination;

fn labels(query: &str, limit: usize) -> Vec<String> {
    search(query, limit).iter().map(|p| p.label()).collect()
}

#[test]
fn embedded_data_parse_and_are_sane() {
    let places = places();
    assert!(
        (20_000..=40_000).contains(&places.len()),
        "{} places",
        places.len()
    );
    for p in places {
        assert!((-90.0..=90.0).contains(&p.position.lat), "{p:?}");
        assert!((-180.0..=180.0).contains(&p.position.lon), "{p:?}");
        assert!(p.population >= 15_000, "{p:?}");
        assert!(!p.name.is_empty() && p.ascii.is_ascii(), "{p:?}");
        assert!(!p.country.is_empty() && p.country_code.len() == 2, "{p:?}");
    }
    assert!(
        places
            .windows(2)
            .all(|w| w[0].population >= w[1].population)
    );
}

#[test]
fn finds_capitals_by_name() {
    assert_eq!(labels("tokyo", 5)[0], "Tokyo, Japan");
    assert_eq!(labels("Tokyo", 5)[0], "Tokyo, Japan");
    assert_eq!(labels("pyongyang", 5)[0], "Pyongyang, North Korea");
    assert_eq!(labels("paris", 5)[0], "Paris, France");
    assert_eq!(labels("seoul", 5)[0], "Seoul, South Korea");
    assert_eq!(
        labels("  new   york ", 5)[0],
        "New York City, United States"
    );
}

#[test]
fn ignores_diacritics_and_case() {
    for q in [
        "sao paulo",
        "São Paulo",
        "SAO PAULO",
        "sÃo pAulo",
        "Sao Páulo",
    ] {
        assert_eq!(labels(q, 3)[0], "São Paulo, Brazil", "{q}");
    }
    for (q, want) in [
        ("dusseldorf", "Düsseldorf, Germany"),
        ("Düsseldorf", "Düsseldorf, Germany"),
        ("lodz", "Łódź, Poland"),
        ("ŁÓDŹ", "Łódź, Poland"),
        ("krakow", "Kraków, Poland"),
        ("zurich", "Zürich, Switzerland"),
        ("malmö", "Malmö, Sweden"),
        ("İstanbul", "Istanbul, Türkiye"),
    ] {
        assert_eq!(labels(q, 3)[0], want, "{q}");
    }
    // Hyphens count as spaces.
    assert!(labels("winston salem", 3).contains(&"Winston-Salem, United States".to_owned()));
}

#[test]
fn ranks_exact_then_prefix_then_word_then_substring() {
    let york = search("york", 50);
    assert_eq!(york[0].name, "York");
    let pos = |name: &str| york.iter().position(|p| p.name == name);
    let nyc = pos("New York City").expect("word prefix match");
    // Every exact match comes before a word-prefix match, whatever the population.
    assert!(york.iter().take_while(|p| p.name == "York").count() >= 2);
    assert!(york[..nyc].iter().all(|p| p.name.starts_with("York")));
    // Substring matches come last.
    let subs: Vec<_> = search("ork", 2000)
        .into_iter()
        .map(|p| (rank(&search_key(&p.ascii), "ork"), p.population))
        .collect();
    assert!(subs.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(
        subs.windows(2)
            .all(|w| w[0].0 != w[1].0 || w[0].1 >= w[1].1)
    );
    assert_eq!(subs.last().map(|s| s.0), Some(Some(SUBSTRING)));
}

#[test]
fn a_country_after_a_comma_narrows() {
    let paris = search("Paris, France", 20);
    assert_eq!(paris[0].label(), "Paris, France");
    assert!(paris.iter().all(|p| p.country_code == "FR"));

    for q in ["Portland, US", "portland, usa", "Portland, United States"] {
        let portland = search(q, 20);
        assert_eq!(portland[0].admin.as_deref(), Some("OR"), "{q}");
        assert!(portland.iter().all(|p| p.country_code == "US"), "{q}");
        assert!(portland.len() >= 2, "{q}");
    }
    // A US state code narrows too.
    assert_eq!(search("Portland, ME", 5)[0].admin.as_deref(), Some("ME"));
    // A word of a country name: both Koreas.
    assert_eq!(labels("Seoul, korea", 5)[0], "Seoul, South Korea");
    // Not a country: the comma is part of the name.
    assert_eq!(
        labels("Washington, D.C.", 5)[0],
        "Washington, D.C., United States"
    );
    assert_eq!(
        labels("washington, dc", 5)[0],
        "Washington, D.C., United States"
    );
    // A trailing comma is ignored.
    assert_eq!(labels("tokyo,", 5)[0], "Tokyo, Japan");
    // A country with no such place finds nothing.
    assert!(search("Tokyo, France", 5).is_empty());
}

#[test]
fn empty_queries_find_nothing() {
    for q in ["", "   ", "\t", ",", " , France", "-"] {
        assert!(search(q, 10).is_empty(), "{q:?}");
    }
    assert!(search("tokyo", 0).is_empty());
    assert!(search("zzzzqqqq", 10).is_empty());
    assert_eq!(search("a", 7).len(), 7);
}

#[test]
fn nearest_names_a_point() {
    let seoul = search("seoul", 1)[0];
    assert_eq!(
        nearest(seoul.position, 5.0).map(Place::label).as_deref(),
        Some("Seoul, South Korea")
    );
    // 10 km north of Seoul's point: Seoul or a nearer suburb, in South Korea.
    let north = destination(seoul.position, 0.0, 10_000.0);
    let near = nearest(north, 50.0).expect("Seoul is 10 km away");
    assert_eq!(near.country_code, "KR");
    let to_near = sphere_distance_km(north, near.position);
    assert!(
        to_near <= sphere_distance_km(north, seoul.position),
        "{near:?}"
    );
    assert!(to_near <= 10.1, "{near:?}");

    let changsha = LatLon::lat_lon(28.2, 112.97);
    assert_eq!(
        nearest(changsha, 20.0).map(|p| p.name.as_str()),
        Some("Changsha")
    );

    // Mid-Pacific.
    assert!(nearest(LatLon::lat_lon(30.0, -140.0), 100.0).is_none());
    assert!(nearest(seoul.position, -1.0).is_none());
    assert!(nearest(seoul.position, f64::NAN).is_none());
}

#[test]
fn sphere_distance_is_great_circle() {
    let d = sphere_distance_km(LatLon::lat_lon(0.0, 179.9), LatLon::lat_lon(0.0, -179.9));
    assert!((d - 22.239).abs() < 0.01, "{d}");
    // Pyongyang to Seoul: 195.0 km on WGS84 (see geodesy::inverse), within 0.5% here.
    let d = sphere_distance_km(
        LatLon::lat_lon(39.0392, 125.7625),
        LatLon::lat_lon(37.5665, 126.978),
    );
    assert!((d - 195.0).abs() < 1.0, "{d}");
}

#[test]
fn fold_strips_diacritics() {
    assert_eq!(fold("são paulo"), "sao paulo");
    assert_eq!(fold("łódź"), "lodz");
    assert_eq!(fold("straße"), "strasse");
    assert_eq!(fold("hà nội"), "ha noi");
    assert_eq!(fold("ăâđêôơư"), "aadeoou");
    assert_eq!(fold("zuunmod"), "zuunmod");
    assert_eq!(fold("n’djamena"), "n'djamena");
    // Every Latin Extended-A lower-case letter folds to ASCII.
    for c in '\u{100}'..='\u{17f}' {
        let lower: String = c.to_lowercase().collect();
        assert!(fold(&lower).is_ascii(), "{c}");
    }
}

#[test]
fn holds_the_number_of_places_the_readme_gives() {
    // README: "the 24,307 places of 15,000 people or more in GeoNames".
    assert_eq!(places().len(), 24_307);
}
