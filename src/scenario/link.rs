//! A scenario carried in a link: its JSON, deflated and written in URL-safe base64 (RFC 4648
//! section 5, no padding) after `#scenario=` in the page's address. The fragment never
//! reaches a server, and a link is read back through the same validation as a file.

use super::locate::JsonPath;
use super::read::MAX_FILE_BYTES;
use super::{SaveError, Scenario, ScenarioError};
use std::io::{Read, Write};

/// What precedes the encoded scenario in a URL fragment.
pub const FRAGMENT_KEY: &str = "scenario=";

/// The origin named in a link's error messages.
const ORIGIN: &str = "link";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Scenario {
    /// The fragment that carries this scenario (`scenario=...`, without the `#`).
    ///
    /// # Errors
    /// The scenario could not be written as JSON.
    pub fn to_link_fragment(&self) -> Result<String, SaveError> {
        let json = self.to_json()?;
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = deflate.write_all(json.as_bytes());
        let packed = deflate.finish().unwrap_or_default();
        Ok(format!("{FRAGMENT_KEY}{}", base64url(&packed)))
    }

    /// The scenario of a URL fragment (with or without its `#`), or `None` when the fragment
    /// carries none. Errors say what is wrong with the link, as a file's would.
    pub fn from_link_fragment(fragment: &str) -> Option<Result<Self, ScenarioError>> {
        let encoded = fragment
            .trim_start_matches('#')
            .split('&')
            .find_map(|part| part.strip_prefix(FRAGMENT_KEY))?;
        let whole =
            |message: String| ScenarioError::single(ORIGIN, None, JsonPath::default(), message);
        let read = || {
            let packed = from_base64url(encoded)
                .map_err(|e| whole(format!("{e}; was the link cut short?")))?;
            let mut json = Vec::new();
            flate2::read::DeflateDecoder::new(&packed[..])
                .take(MAX_FILE_BYTES as u64 + 1)
                .read_to_end(&mut json)
                .map_err(|e| {
                    whole(format!(
                        "the scenario in the link is damaged ({e}); was the link cut short?"
                    ))
                })?;
            Self::from_json(&json, ORIGIN)
        };
        Some(read())
    }
}

/// `bytes` in URL-safe base64 without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// The bytes of URL-safe base64 (padding and standard `+/` accepted too).
fn from_base64url(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0);
    for (i, c) in text.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => {
                return Err(format!(
                    "the link has {:?} at character {} of the scenario, which is not base64",
                    char::from(c),
                    i + 1
                ));
            }
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    if text.len() % 4 == 1 {
        return Err("the scenario in the link ends part-way through a character".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url(&bytes);
            assert!(!text.contains(['+', '/', '=']));
            assert_eq!(from_base64url(&text).unwrap(), bytes);
        }
        // RFC 4648's test vectors, URL-safe and unpadded.
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(b"fooba"), "Zm9vYmE");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    /// The built-in scenario survives the link, and the link is short enough to share.
    #[test]
    fn a_scenario_survives_its_link() {
        let scenario = Scenario::builtin();
        let fragment = scenario.to_link_fragment().unwrap();
        assert!(fragment.starts_with(FRAGMENT_KEY));
        assert!(
            fragment.len() < scenario.to_json().unwrap().len() / 3,
            "{}",
            fragment.len()
        );
        let back = Scenario::from_link_fragment(&format!("#{fragment}"))
            .unwrap()
            .unwrap();
        assert_eq!(back.to_json().unwrap(), scenario.to_json().unwrap());
        assert!(Scenario::from_link_fragment("#view=3").is_none());
        assert!(Scenario::from_link_fragment("").is_none());
    }

    /// A cut, mistyped or tampered link gets a message about the link, never a panic.
    #[test]
    fn a_broken_link_says_what_is_wrong() {
        let fragment = Scenario::builtin().to_link_fragment().unwrap();
        let message = |f: &str| {
            Scenario::from_link_fragment(f)
                .unwrap()
                .unwrap_err()
                .to_string()
        };
        let cut = message(&fragment[..fragment.len() / 2]);
        assert!(cut.contains("link") && cut.contains("cut short"), "{cut}");
        let typo = message(&format!("{}*{}", &fragment[..20], &fragment[21..]));
        assert!(
            typo.contains("'*'") && typo.contains("not base64"),
            "{typo}"
        );
        // Valid base64 and deflate of something that is not a scenario.
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        deflate
            .write_all(br#"{"format": "range-rings/1", "sites": 3}"#)
            .unwrap();
        let not = format!("{FRAGMENT_KEY}{}", base64url(&deflate.finish().unwrap()));
        let wrong = message(&not);
        assert!(wrong.contains("link") && wrong.contains("sites"), "{wrong}");
    }
}
