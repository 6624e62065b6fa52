#!/usr/bin/env node
// Writes the continental-US (CONUS) outline used as a scenario target area:
// assets/scenarios/conus.json.
//
//   cd tools/basemap && npm ci && node conus.mjs
//
// Source: Natural Earth 1:50m admin-0 countries as packaged by the npm package
// `world-atlas` (file countries-50m.json, version pinned in package-lock.json),
// decoded with `topojson-client`.
//
// What it does, in order:
//   * takes the feature whose properties.name is "United States of America";
//   * keeps only its polygons whose exterior ring lies entirely inside
//     lon [-125, -66], lat [24, 50] (tested on the source coordinates, before
//     rounding). This drops Alaska, Hawaii, the Aleutians and any overseas
//     islands, and keeps the lower 48 with their coastal islands and the
//     Florida Keys;
//   * keeps exterior rings only: any hole is dropped (the run prints how many
//     holes were dropped; with world-atlas 2.0.2 there are none);
//   * rounds coordinates to 4 decimals (half away from zero), drops
//     consecutive duplicate points and rings that collapse (< 3 distinct points
//     or zero area), makes every ring closed (first == last) and
//     counter-clockwise in the planar lon/lat sense;
//   * sorts polygons by planar lon/lat area, largest first (ties broken by the
//     first point, so the order is fully determined).
//
// Output JSON: {"id", "name", "source", "polygons": [ring, ...]} where each
// ring is [[lon, lat], ...]. One polygon per line, so diffs stay readable.
// The output is deterministic: same inputs give a byte-identical file.

import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_FILE = join(HERE, "..", "..", "assets", "scenarios", "conus.json");

const COUNTRY = "United States of America";
const BOX = { lonMin: -125, lonMax: -66, latMin: 24, latMax: 50 };
const SCALE = 1e4; // 4 decimals

const atlasPkg = JSON.parse(readFileSync(require.resolve("world-atlas/package.json"), "utf8"));
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));

/** Twice the signed planar area (positive = counter-clockwise). Ring may be open or closed. */
function signedArea2(ring) {
  let a = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % n];
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a;
}

/** Round half away from zero to an integer number of 1e-4 degrees. */
function quant(v) {
  const r = Math.round(Math.abs(v) * SCALE);
  return v < 0 ? -r : r;
}

function inBox([lon, lat]) {
  return lon >= BOX.lonMin && lon <= BOX.lonMax && lat >= BOX.latMin && lat <= BOX.latMax;
}

/** Quantizes a ring to integer 1e-4 degrees; returns a closed CCW ring or null if degenerate. */
function quantizeRing(ring) {
  const pts = [];
  for (const [x, y] of ring) {
    const q = [quant(x), quant(y)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
  }
  // Drop the closing point(s) so the ring is open while we work on it.
  while (pts.length > 1) {
    const a = pts[0];
    const b = pts[pts.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) pts.pop();
    else break;
  }
  if (pts.length < 3) return null;
  const area = signedArea2(pts); // exact: integer coordinates, well below 2^53
  if (area === 0) return null;
  if (area < 0) pts.reverse();
  pts.push(pts[0]);
  return { pts, area: Math.abs(area) };
}

// ------------------------------------------------------------------ main

const countries = topojson.feature(topology, topology.objects.countries).features;
const matches = countries.filter((f) => f.properties && f.properties.name === COUNTRY);
if (matches.length !== 1) throw new Error(`expected one "${COUNTRY}" feature, found ${matches.length}`);
const geom = matches[0].geometry;
const sourcePolygons =
  geom.type === "MultiPolygon" ? geom.coordinates : geom.type === "Polygon" ? [geom.coordinates] : [];
if (sourcePolygons.length === 0) throw new Error(`unexpected geometry type ${geom.type}`);

let outside = 0;
let holesDropped = 0;
let degenerate = 0;
const kept = [];
for (const polygon of sourcePolygons) {
  const [exterior, ...holes] = polygon;
  if (!exterior.every(inBox)) {
    outside++;
    continue;
  }
  holesDropped += holes.length;
  const q = quantizeRing(exterior);
  if (!q) {
    degenerate++;
    continue;
  }
  kept.push(q);
}

kept.sort((a, b) => b.area - a.area || a.pts[0][0] - b.pts[0][0] || a.pts[0][1] - b.pts[0][1]);

const fmt = (v) => String(v / SCALE); // r / 1e4 is the double nearest the 4-decimal value
const ringJson = (r) => "[" + r.pts.map(([x, y]) => `[${fmt(x)},${fmt(y)}]`).join(",") + "]";
const source = `Natural Earth 1:50m admin-0 United States (world-atlas ${atlasPkg.version}), without Alaska and Hawaii`;
const text =
  "{\n" +
  `  "id": "conus",\n` +
  `  "name": "Continental United States",\n` +
  `  "source": ${JSON.stringify(source)},\n` +
  `  "polygons": [\n` +
  kept.map((r) => "    " + ringJson(r)).join(",\n") +
  "\n  ]\n}\n";
JSON.parse(text); // self-check: valid JSON
writeFileSync(OUT_FILE, text);

const points = kept.reduce((n, r) => n + r.pts.length, 0);
console.log(`source: world-atlas ${atlasPkg.version} countries-50m.json, "${COUNTRY}": ${sourcePolygons.length} polygon(s)`);
console.log(`dropped: ${outside} outside lon [${BOX.lonMin}, ${BOX.lonMax}] lat [${BOX.latMin}, ${BOX.latMax}], ${degenerate} degenerate after rounding, ${holesDropped} hole(s)`);
console.log(`wrote ${OUT_FILE}: ${kept.length} polygons, ${points} points (closed rings, closing point counted)`);
