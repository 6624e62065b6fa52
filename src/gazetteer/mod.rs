//! The offline place gazetteer: the GeoNames places of at least 15,000 people, embedded and
//! parsed once on first use, with name search and nearest-place lookup.
//!
//! The data come from `assets/gazetteer/` (see its README for provenance, format and how to
//! regenerate). GeoNames is licensed CC BY 4.0: wherever place names are shown, show
//! [`ATTRIBUTION`] too.
//!
//! The first use parses about 1.2 MB of text (some 25 ms in a release build, a few times that
//! in a debug build); after that a search takes well under a millisecond. Call [`places`] on a
//! background thread early to keep the first search from stalling a frame.

use crate::geodesy::{EARTH_MEAN_RADIUS_M, LatLon, M_PER_KM};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The attribution the GeoNames licence (CC BY 4.0) asks for wherever place names are shown.
pub const ATTRIBUTION: &str = "Place names: GeoNames (geonames.org), CC BY 4.0";

const PLACES_TSV: &str = include_str!("../../assets/gazetteer/cities15000.tsv");
const COUNTRIES_TSV: &str = include_str!("../../assets/gazetteer/countries.tsv");

/// One populated place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The name as GeoNames writes it, e.g. "São Paulo".
    pub name: String,
    /// The name without diacritics, e.g. "Sao Paulo" (for matching typed ASCII queries).
    pub ascii: String,
    /// The English name of the country, e.g. "Brazil".
    pub country: String,
    /// The ISO 3166-1 alpha-2 country code, e.g. "BR" (GeoNames uses "XK" for Kosovo).
    pub country_code: String,
    /// The GeoNames first-level administrative division code, e.g. "NY" for a US state or
    /// "27" for São Paulo state; `None` where GeoNames has none.
    pub admin: Option<String>,
    /// Where the place is (its GeoNames point, WGS84 degrees to 5 decimals, about 1 m).
    pub position: LatLon,
    /// The population GeoNames records (at least 15,000).
    pub population: u64,
}

impl Place {
    /// The name for people: the place and its country, e.g. "Tokyo, Japan".
    pub fn label(&self) -> String {
        format!("{}, {}", self.name, self.country)
    }
}

/// All places, largest population first (ties by name).
pub fn places() -> &'static [Place] {
    &gazetteer().places
}

/// Places whose name matches `query`, best first, at most `limit` of them.
///
/// Matching ignores case and diacritics ("sao paulo" finds São Paulo) and treats hyphens as
/// spaces. Ranking: the whole name equals the query, then the name starts with it, then a word
/// of the name starts with it ("york" finds New York City), then the name contains it; within
/// each rank the larger population comes first. A query ending in a comma and a country
/// ("Paris, France", "Portland, US") or a first-level division code ("Portland, ME") keeps
/// only the places there; an unrecognised qualifier is matched as part of the name instead
/// ("Washington, D.C."). An empty or blank query finds nothing.
pub fn search(query: &str, limit: usize) -> Vec<&'static Place> {
    let g = gazetteer();
    if limit == 0 {
        return Vec::new();
    }
    let (name_query, filter) = match query.rsplit_once(',') {
        Some((name, qualifier)) => match g.qualifier(qualifier) {
            Some(filter) => (name, Some(filter)),
            None if qualifier.trim().is_empty() => (name, None),
            None => (query, None),
        },
        None => (query, None),
    };
    let lower = search_key(name_query);
    if lower.is_empty() {
        return Vec::new();
    }
    let folded = fold(&lower);

    // Best rank per place; one scan of each haystack finds every occurrence.
    let mut best = vec![NO_MATCH; g.places.len()];
    g.names.rank_all(&lower, &mut best);
    if folded != lower {
        // Names without diacritics, for a query typed with them.
        g.names.rank_all(&folded, &mut best);
    }
    g.asciis.rank_all(&folded, &mut best);
    let mut hits: Vec<(u8, usize)> = best
        .iter()
        .enumerate()
        .filter(|&(i, &r)| r != NO_MATCH && filter.as_ref().is_none_or(|f| f.accepts(&g.keys[i])))
        .map(|(i, &r)| (r, i))
        .collect();
    // Places are stored largest first, so the index orders by population within a rank.
    if hits.len() > limit {
        hits.select_nth_unstable(limit);
        hits.truncate(limit);
    }
    hits.sort_unstable();
    hits.into_iter().map(|(_, i)| &g.places[i]).collect()
}

/// The place nearest to `at` within `within_km` kilometres, if any.
///
/// Distances are great-circle distances on the mean-radius sphere: at most about 0.5% off the
/// WGS84 geodesic, which is plenty to name a point ("near Changsha") and much faster over
/// tens of thousands of places. Of equally distant places the larger wins.
pub fn nearest(at: LatLon, within_km: f64) -> Option<&'static Place> {
    let g = gazetteer();
    if within_km.is_nan() || within_km < 0.0 {
        return None;
    }
    // On the sphere a degree of latitude is R·π/180 ≈ 111.2 km and no two points are closer
    // than their latitude difference: skip places too far north or south before the
    // trigonometry (1% margin for rounding).
    let max_dlat = within_km / (EARTH_MEAN_RADIUS_M / M_PER_KM).to_radians() * 1.01;
    let mut best: Option<(f64, &Place)> = None;
    for place in &g.places {
        if (place.position.lat - at.lat).abs() > max_dlat {
            continue;
        }
        let d = sphere_distance_km(at, place.position);
        if d <= within_km && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, place));
        }
    }
    best.map(|(_, p)| p)
}

/// Great-circle distance on the mean-radius sphere (haversine), kilometres.
fn sphere_distance_km(a: LatLon, b: LatLon) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (b.lon - a.lon).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_MEAN_RADIUS_M / M_PER_KM * h.sqrt().min(1.0).asin()
}

/// The parsed data with the search keys precomputed.
struct Gazetteer {
    places: Vec<Place>,
    /// Country and admin keys, parallel to `places`.
    keys: Vec<Keys>,
    /// The names, [`search_key`]ed, for every place.
    names: Haystack,
    /// The ASCII names, [`search_key`]ed, of the places where they differ from the name's key.
    asciis: Haystack,
    countries: Vec<Country>,
    /// Every admin code in use, search-keyed.
    admin_codes: HashSet<String>,
}

/// What a place's ", qualifier" is matched by.
struct Keys {
    /// Index into [`Gazetteer::countries`].
    country: usize,
    /// The admin code, [`search_key`]ed (empty when none).
    admin: String,
}

struct Country {
    /// The display name, e.g. "United States".
    name: String,
    /// The code and every name, folded search keys.
    keys: Vec<String>,
}

/// Search keys joined by newlines into one text, so that a query is found in all of them with
/// one substring scan (several times faster than searching each key on its own).
#[derive(Default)]
struct Haystack {
    text: String,
    /// Where each key starts in `text`, ascending.
    starts: Vec<usize>,
    /// The index in [`Gazetteer::places`] of each key.
    places: Vec<usize>,
}

impl Haystack {
    fn push(&mut self, key: &str, place: usize) {
        if !self.starts.is_empty() {
            self.text.push('\n');
        }
        self.starts.push(self.text.len());
        self.places.push(place);
        self.text.push_str(key);
    }

    /// Lowers `best[place]` to the [`rank`] of each key for the non-empty `query` (which has no
    /// newline, so no match spans two keys).
    fn rank_all(&self, query: &str, best: &mut [u8]) {
        let mut key = 0; // the key holding the current occurrence
        let mut from = 0; // occurrences before this are in keys already ranked
        for (pos, _) in self.text.match_indices(query) {
            if pos < from {
                continue;
            }
            while self.starts.get(key + 1).is_some_and(|&next| next <= pos) {
                key += 1;
            }
            let start = self.starts[key];
            let end = self
                .starts
                .get(key + 1)
                .map_or(self.text.len(), |&next| next - 1);
            let r = if pos == start {
                if pos + query.len() == end {
                    EXACT
                } else {
                    PREFIX
                }
            } else {
                // This is the first occurrence in the key; it or a later one may start a word.
                let mut prev = self.text[..pos].chars().next_back();
                let mut r = SUBSTRING;
                for (j, c) in self.text[pos..end].char_indices() {
                    if prev.is_some_and(|p| !p.is_alphanumeric())
                        && self.text[pos + j..end].starts_with(query)
                    {
                        r = WORD_PREFIX;
                        break;
                    }
                    prev = Some(c);
                }
                r
            };
            if let Some(b) = self.places.get(key).and_then(|&p| best.get_mut(p)) {
                *b = (*b).min(r);
            }
            from = end + 1;
        }
    }
}

/// Which places a ", country" qualifier keeps.
struct Filter {
    /// Indexes into [`Gazetteer::countries`].
    countries: Vec<usize>,
    /// A first-level division code (search-keyed) whose places are kept too.
    admin: Option<String>,
}

impl Filter {
    fn accepts(&self, key: &Keys) -> bool {
        self.countries.contains(&key.country) || self.admin.as_deref() == Some(key.admin.as_str())
    }
}

impl Gazetteer {
    /// The filter for the text after a query's last comma: countries whose code or a name
    /// equals it, plus the admin division with that code; failing those, countries with a
    /// name that has a word starting with it ("korea" keeps both Koreas). `None` if nothing
    /// matches.
    fn qualifier(&self, text: &str) -> Option<Filter> {
        let q = fold(&search_key(text));
        if q.is_empty() {
            return None;
        }
        let exact: Vec<usize> = (0..self.countries.len())
            .filter(|&c| self.countries[c].keys.contains(&q))
            .collect();
        let admin = self.admin_codes.contains(&q).then(|| q.clone());
        if !exact.is_empty() || admin.is_some() {
            return Some(Filter {
                countries: exact,
                admin,
            });
        }
        let partial: Vec<usize> = (0..self.countries.len())
            .filter(|&c| {
                self.countries[c]
                    .keys
                    .iter()
                    .any(|k| rank(k, &q).is_some_and(|r| r <= WORD_PREFIX))
            })
            .collect();
        (!partial.is_empty()).then_some(Filter {
            countries: partial,
            admin: None,
        })
    }
}

/// Where a line of an embedded file is malformed (only possible if the assets are corrupt).
#[derive(Debug)]
#[allow(dead_code, reason = "read through Debug in the panic message")]
struct Malformed {
    file: &'static str,
    line: usize,
}

fn gazetteer() -> &'static Gazetteer {
    static CELL: OnceLock<Gazetteer> = OnceLock::new();
    // A unit test parses the embedded files, so they cannot be malformed.
    #[allow(clippy::expect_used, reason = "embedded data, parsed by a unit test")]
    CELL.get_or_init(|| parse(PLACES_TSV, COUNTRIES_TSV).expect("embedded gazetteer parses"))
}

fn parse(places_tsv: &str, countries_tsv: &str) -> Result<Gazetteer, Malformed> {
    let mut countries = Vec::new();
    let mut codes = HashMap::new();
    for (n, line) in countries_tsv.lines().enumerate() {
        let bad = Malformed {
            file: "countries.tsv",
            line: n + 1,
        };
        let mut fields = line.split('\t');
        let (Some(code), Some(name)) = (fields.next(), fields.next()) else {
            return Err(bad);
        };
        let keys = std::iter::once(code)
            .chain(std::iter::once(name))
            .chain(fields)
            .map(|k| fold(&search_key(k)))
            .collect();
        codes.insert(code, countries.len());
        countries.push(Country {
            name: name.to_owned(),
            keys,
        });
    }

    let mut places = Vec::new();
    let mut keys = Vec::new();
    let mut names = Haystack::default();
    let mut asciis = Haystack::default();
    let mut admin_codes = HashSet::new();
    for (n, line) in places_tsv.lines().enumerate() {
        let bad = || Malformed {
            file: "cities15000.tsv",
            line: n + 1,
        };
        let f: Vec<&str> = line.split('\t').collect();
        let &[name, ascii, code, admin, lat, lon, population] = f.as_slice() else {
            return Err(bad());
        };
        let country = *codes.get(code).ok_or_else(bad)?;
        let lat: f64 = lat.parse().map_err(|_| bad())?;
        let lon: f64 = lon.parse().map_err(|_| bad())?;
        let position = LatLon::checked(lat, lon).map_err(|_| bad())?;
        let population = population.parse().map_err(|_| bad())?;
        let admin_key = search_key(admin);
        if !admin_key.is_empty() && !admin_codes.contains(&admin_key) {
            admin_codes.insert(admin_key.clone());
        }
        let (name_key, ascii_key) = (search_key(name), search_key(ascii));
        if ascii_key != name_key {
            asciis.push(&ascii_key, places.len());
        }
        names.push(&name_key, places.len());
        keys.push(Keys {
            country,
            admin: admin_key,
        });
        places.push(Place {
            name: name.to_owned(),
            ascii: ascii.to_owned(),
            country: countries[country].name.clone(),
            country_code: code.to_owned(),
            admin: (!admin.is_empty()).then(|| admin.to_owned()),
            position,
            population,
        });
    }
    Ok(Gazetteer {
        places,
        keys,
        names,
        asciis,
        countries,
        admin_codes,
    })
}

const NO_MATCH: u8 = u8::MAX;
const EXACT: u8 = 0;
const PREFIX: u8 = 1;
const WORD_PREFIX: u8 = 2;
const SUBSTRING: u8 = 3;

/// How well `key` matches the non-empty `query` (lower is better), `None` if it does not.
fn rank(key: &str, query: &str) -> Option<u8> {
    if key == query {
        return Some(EXACT);
    }
    if key.starts_with(query) {
        return Some(PREFIX);
    }
    let mut found = None;
    for (i, _) in key.match_indices(query) {
        if key[..i]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_alphanumeric())
        {
            return Some(WORD_PREFIX);
        }
        found = Some(SUBSTRING);
    }
    found
}

/// Lower case, hyphens as spaces, runs of whitespace as one space, trimmed.
fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Strips diacritics from lower-case Latin text ("são paulo" -> "sao paulo", "łódź" -> "lodz")
/// and makes typographic apostrophes plain, so a query typed either way meets the ASCII names.
/// Letters it does not know stay as they are.
fn fold(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match fold_char(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// Base letters for U+0100..=U+017F (Latin Extended-A), `#` where [`fold_char`] handles the
/// letter separately (ĳ, œ).
const LATIN_EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii##jjkkkllllllllllnnnnnnnnnoooooo##rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

fn fold_char(c: char) -> Option<&'static str> {
    const LETTERS: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let letter = |b: u8| LETTERS.get(usize::from(b.wrapping_sub(b'a'))).copied();
    Some(match c {
        'à'..='å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ð' => "d",
        'ñ' => "n",
        'ò'..='ö' | 'ø' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        'ß' => "ss",
        'ĳ' => "ij",
        'œ' => "oe",
        '\u{100}'..='\u{17f}' => {
            return LATIN_EXTENDED_A
                .get(c as usize - 0x100)
                .and_then(|&b| letter(b));
        }
        'ǎ' => "a",
        'ǐ' => "i",
        'ǒ' | 'ơ' => "o",
        'ǔ' | 'ư' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => "u",
        'ș' => "s",
        'ț' => "t",
        'ə' => "a",
        // Vietnamese: ạ..ặ, ẹ..ệ, ỉ ị, ọ..ợ, ụ..ự, ỳ..ỹ (upper and lower interleaved).
        '\u{1ea0}'..='\u{1eb7}' => "a",
        '\u{1eb8}'..='\u{1ec7}' => "e",
        '\u{1ec8}'..='\u{1ecb}' => "i",
        '\u{1ecc}'..='\u{1ee3}' => "o",
        '\u{1ee4}'..='\u{1ef1}' => "u",
        '\u{1ef2}'..='\u{1ef9}' => "y",
        // Combining marks, as in decomposed input or the lower case of 'İ'.
        '\u{300}'..='\u{36f}' => "",
        '\u{2018}' | '\u{2019}' | '\u{2bb}' | '\u{2bc}' | '\u{2be}' | '\u{2bf}' | '`' => "'",
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
