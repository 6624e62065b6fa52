#!/usr/bin/env node
// Converts Natural Earth TopoJSON (npm package `world-atlas`) into the RRB1
// binary basemap files embedded by range-rings (assets/basemap/*.bin) and
// writes assets/basemap/README.md with provenance, format and counts.
//
//   cd tools/basemap && npm ci && node convert.mjs
//
// The output is deterministic: same inputs (pinned in package-lock.json) give
// byte-identical files.
//
// The source data is spherical (d3 semantics): rings may cross the
// antimeridian (an edge from lon 179.x to -179.x is a short edge on the
// sphere) and Antarctica is a ring that winds once around the south pole.
// The consumer treats everything as PLANAR lon/lat polygons on
// [-180, 180] x [-90, 90], so this tool:
//   * unwraps every ring/line so consecutive points differ by <= 180 deg,
//   * splits it with the lines lon = -540, -180, 180, 540 and shifts each piece
//     back into [-180, 180] (cut points lie exactly on lon = +-180),
//   * closes pole-encircling rings (Antarctica) along lat = -90 and the map
//     edges lon = +-180, dropping the tiny polar-cap "hole" ring of the 50m data,
//   * orients exterior rings counter-clockwise and holes clockwise (planar).

import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(HERE, "..", "..", "assets", "basemap");

const atlasPkg = JSON.parse(readFileSync(require.resolve("world-atlas/package.json"), "utf8"));
const clientPkg = JSON.parse(readFileSync(require.resolve("topojson-client/package.json"), "utf8"));
const NATURAL_EARTH_VERSION = "4.1.0"; // as stated by world-atlas 2.x's README

const KIND_POLYGONS = 1;
const KIND_LINES = 2;
const CUT_LINES = [-540, -180, 180, 540];

function loadTopology(file) {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), "utf8"));
}

// ---------------------------------------------------------------- geometry

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

/** Open ring (drop the closing duplicate if present). */
function openRing(ring) {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) {
    return ring.slice(0, n - 1);
  }
  return ring.slice();
}

/**
 * Unwraps longitudes so that consecutive points differ by at most 180 degrees.
 * Works on a sequence (closed rings keep their closing point; it may come out
 * shifted by a multiple of 360 for pole-encircling rings).
 */
function unwrap(points) {
  const out = [];
  let offset = 0;
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i];
    if (i > 0) {
      const prev = points[i - 1][0];
      const d = x - prev;
      if (d > 180) offset -= 360;
      else if (d < -180) offset += 360;
    }
    out.push([x + offset, y]);
  }
  return out;
}

function bboxX(points) {
  let min = Infinity;
  let max = -Infinity;
  for (const [x] of points) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}

function side(x, c) {
  return x < c ? -1 : x > c ? 1 : 0;
}

function crossY(p, q, c) {
  const t = (c - p[0]) / (q[0] - p[0]);
  return p[1] + t * (q[1] - p[1]);
}

/**
 * Splits an open, counter-clockwise, simple ring with the vertical line x = c.
 * Returns open CCW rings: pieces on the left (x <= c) and on the right (x >= c).
 */
function splitRing(ring, c) {
  // Insert the crossing points.
  const v = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % n];
    v.push(p);
    const sp = side(p[0], c);
    const sq = side(q[0], c);
    if (sp * sq < 0) v.push([c, crossY(p, q, c)]);
  }
  return {
    left: extractSide(v, c, -1),
    right: extractSide(v, c, 1),
  };
}

/**
 * Keeps the part of ring `v` (open, CCW, crossing points inserted) on side `s`
 * (-1 = x <= c, 1 = x >= c) of the line x = c.
 */
function extractSide(v, c, s) {
  const sides = v.map((p) => side(p[0], c));
  const hasIn = sides.some((k) => k === s);
  const hasOut = sides.some((k) => k === -s);
  if (!hasIn) return [];
  if (!hasOut) return [v.slice()];

  // Rotate so we start at a vertex strictly on the other side.
  const start = sides.findIndex((k) => k === -s);
  const n = v.length;
  const chains = [];
  let run = null;
  for (let j = 1; j <= n; j++) {
    const i = (start + j) % n;
    if (sides[i] !== -s) {
      if (run === null) run = [];
      run.push(i);
    } else if (run !== null) {
      chains.push(run);
      run = null;
    }
  }
  if (run !== null) chains.push(run);

  // Keep chains that really enter side s; trim on-line vertices at both ends
  // so a chain starts at its last on-line vertex before going strictly inside
  // and ends at its first on-line vertex after.
  const kept = [];
  for (const ch of chains) {
    if (!ch.some((i) => sides[i] === s)) continue;
    let a = 0;
    while (sides[ch[a + 1]] === 0) a++;
    let b = ch.length - 1;
    while (sides[ch[b - 1]] === 0) b--;
    const pts = ch.slice(a, b + 1).map((i) => v[i]);
    if (sides[ch[a]] !== 0 || sides[ch[b]] !== 0) {
      throw new Error("internal: chain does not start/end on the cut line");
    }
    kept.push(pts);
  }

  // Pair each chain end with the next chain start along the cut line.
  // For a CCW ring the left side's boundary runs north along the line, the
  // right side's runs south.
  const next = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const yEnd = kept[i][kept[i].length - 1][1];
    let best = -1;
    let bestY = 0;
    for (let j = 0; j < kept.length; j++) {
      const yStart = kept[j][0][1];
      if (s < 0 ? yStart >= yEnd : yStart <= yEnd) {
        if (best < 0 || (s < 0 ? yStart < bestY : yStart > bestY)) {
          best = j;
          bestY = yStart;
        }
      }
    }
    if (best < 0) throw new Error(`internal: no partner chain on cut line x=${c}`);
    next[i] = best;
  }

  const used = new Array(kept.length).fill(false);
  const rings = [];
  for (let i = 0; i < kept.length; i++) {
    if (used[i]) continue;
    const ring = [];
    let k = i;
    while (!used[k]) {
      used[k] = true;
      ring.push(...kept[k]);
      k = next[k];
    }
    if (k !== i) throw new Error("internal: chain cycle does not close");
    rings.push(ring);
  }
  return rings;
}

/** Splits an open CCW ring at every cut line it straddles, returns pieces shifted into [-180, 180]. */
function cutRing(ring) {
  let pieces = [ring];
  for (const c of CUT_LINES) {
    const nextPieces = [];
    for (const piece of pieces) {
      const [min, max] = bboxX(piece);
      if (min < c && c < max) {
        const { left, right } = splitRing(piece, c);
        nextPieces.push(...left, ...right);
      } else {
        nextPieces.push(piece);
      }
    }
    pieces = nextPieces;
  }
  return pieces.map(shiftIntoRange);
}

function shiftIntoRange(points) {
  const [min, max] = bboxX(points);
  let shift = 0;
  while (min + shift < -180) shift += 360;
  while (max + shift > 180) shift -= 360;
  if (min + shift < -180) throw new Error(`piece wider than 360 degrees: [${min}, ${max}]`);
  if (shift === 0) return points;
  return points.map(([x, y]) => [x + shift, y]);
}

/** Splits an unwrapped polyline at the cut lines and shifts each part into [-180, 180]. */
function cutLine(line) {
  const parts = [];
  let cur = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const p = line[i - 1];
    const q = line[i];
    // Cut lines crossed strictly inside this segment, in travel order.
    const lo = Math.min(p[0], q[0]);
    const hi = Math.max(p[0], q[0]);
    const cs = CUT_LINES.filter((c) => lo < c && c < hi);
    if (q[0] < p[0]) cs.reverse();
    for (const c of cs) {
      const x = [c, crossY(p, q, c)];
      cur.push(x);
      parts.push(cur);
      cur = [x];
    }
    cur.push(q);
  }
  parts.push(cur);
  return parts.map(shiftIntoRange);
}

function pointInRing(pt, ring) {
  // Even-odd crossing test, ring open.
  const [x, y] = pt;
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// ------------------------------------------------------------- land polygons

const report = {
  antimeridianRings: [],
  poleRings: [],
  droppedPolarCaps: [],
  degenerate: [],
};

/**
 * Converts one spherical GeoJSON polygon (array of closed rings) into planar
 * polygons (arrays of open rings, exterior CCW first, holes CW).
 */
function planarPolygons(polygon, label) {
  const exteriorPieces = [];
  const holePieces = [];
  const unwrapped = polygon.map((r) => unwrap(r));
  const poleIdx = [];
  unwrapped.forEach((u, i) => {
    const net = u[u.length - 1][0] - u[0][0];
    if (net !== 0) poleIdx.push(i);
  });

  // Pole-encircling rings: in world-atlas these are Antarctica's coast (a ring
  // winding once around the globe) and, in the 50m data, a second ring along
  // lat -89.999 that cuts a tiny polar cap out of the continent. Planar, the
  // continent is the coast closed along lat = -90 and the map edges.
  let poleExterior = -1;
  if (poleIdx.length > 0) {
    const coast = poleIdx.filter((i) => !polygon[i].every(([, y]) => y < -89.9 || y > 89.9));
    const caps = poleIdx.filter((i) => !coast.includes(i));
    if (coast.length !== 1) {
      throw new Error(`${label}: expected one pole-encircling coast ring, got ${coast.length}`);
    }
    for (const i of caps) {
      report.droppedPolarCaps.push(
        `${label} ring ${i}: ${polygon[i].length} points, all at lat ${polygon[i][0][1]} (polar cap)`,
      );
    }
    poleExterior = coast[0];
    if (poleExterior !== 0) throw new Error(`${label}: pole ring is not the exterior`);
    if (caps.length + coast.length !== poleIdx.length) throw new Error("internal");
  }

  for (let i = 0; i < polygon.length; i++) {
    if (poleIdx.includes(i) && i !== poleExterior) continue; // dropped polar cap
    let u = unwrapped[i];
    const isHole = i > 0;
    if (i === poleExterior) {
      const first = u[0];
      const last = u[u.length - 1];
      const meanLat = u.reduce((s, p) => s + p[1], 0) / u.length;
      const poleLat = meanLat < 0 ? -90 : 90;
      report.poleRings.push(
        `${label} ring ${i}: ${u.length} points, unwrapped lon ${first[0]} -> ${last[0]} ` +
          `(net ${last[0] - first[0]}), closed along lat ${poleLat} and the map edges`,
      );
      // Walk along the pole line back to the start, one point per whole degree,
      // so no edge spans more than a degree (never |dlon| > 180).
      const along = [[last[0], poleLat]];
      const step = last[0] > first[0] ? -1 : 1;
      for (let x = Math.trunc(last[0]) + (Number.isInteger(last[0]) ? step : 0); step < 0 ? x > first[0] : x < first[0]; x += step) {
        along.push([x, poleLat]);
      }
      along.push([first[0], poleLat]);
      u = [...u, ...along];
    }
    let ring = openRing(u);
    if (signedArea2(ring) < 0) ring.reverse(); // CCW for splitting
    const [min, max] = bboxX(ring);
    const crosses = min < -180 || max > 180;
    const pieces = cutRing(ring);
    if (crosses) {
      report.antimeridianRings.push(
        `${label} ring ${i}${isHole ? " (hole)" : ""}: ${ring.length} points, unwrapped lon ` +
          `[${min.toFixed(4)}, ${max.toFixed(4)}] -> ${pieces.length} planar piece(s)`,
      );
      if (isHole && pieces.length > 1) {
        throw new Error(`${label}: hole ring ${i} crosses the antimeridian (unsupported)`);
      }
    }
    if (isHole) holePieces.push(...pieces.map((p) => p.slice().reverse()));
    else exteriorPieces.push(...pieces);
  }

  const result = exteriorPieces.map((ext) => [ext]);
  for (const hole of holePieces) {
    const probe = hole.find(([x]) => Math.abs(x) < 180) ?? hole[0];
    const owner = result.findIndex((poly) => pointInRing(probe, poly[0]));
    if (owner < 0) throw new Error(`${label}: hole does not fall inside any exterior piece`);
    result[owner].push(hole);
  }
  return result;
}

// ------------------------------------------------------------ quantization

function micro(v) {
  // Round half away from zero, deterministic and symmetric.
  const r = Math.round(Math.abs(v) * 1e6);
  return v < 0 ? -r : r;
}

/** Rounds an open ring, drops consecutive duplicates, returns closed int ring or null. */
function quantizeRing(ring, wantCCW) {
  const pts = [];
  for (const [x, y] of ring) {
    const q = [micro(x), micro(y)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
  }
  while (pts.length > 1) {
    const a = pts[0];
    const b = pts[pts.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) pts.pop();
    else break;
  }
  if (pts.length < 3) return null;
  const area = signedArea2(pts);
  if (area === 0) return null;
  if (area > 0 !== wantCCW) pts.reverse();
  pts.push(pts[0]);
  return pts.length >= 4 ? pts : null;
}

function quantizeLine(line) {
  const pts = [];
  for (const [x, y] of line) {
    const q = [micro(x), micro(y)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
  }
  return pts.length >= 2 ? pts : null;
}

// ------------------------------------------------------------------ writing

class Writer {
  constructor() {
    this.chunks = [];
    this.buf = Buffer.alloc(1 << 16);
    this.pos = 0;
  }
  ensure(n) {
    if (this.pos + n > this.buf.length) {
      this.chunks.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.alloc(Math.max(1 << 16, n));
      this.pos = 0;
    }
  }
  u8(v) {
    this.ensure(1);
    this.buf.writeUInt8(v, this.pos);
    this.pos += 1;
  }
  u32(v) {
    this.ensure(4);
    this.buf.writeUInt32LE(v, this.pos);
    this.pos += 4;
  }
  i32(v) {
    this.ensure(4);
    this.buf.writeInt32LE(v, this.pos);
    this.pos += 4;
  }
  bytes() {
    return Buffer.concat([...this.chunks, this.buf.subarray(0, this.pos)]);
  }
}

function header(w, kind, count) {
  for (const ch of "RRB1") w.u8(ch.charCodeAt(0));
  w.u8(kind);
  w.u8(0);
  w.u8(0);
  w.u8(0);
  w.u32(count);
}

function encodePolygons(polys) {
  const w = new Writer();
  header(w, KIND_POLYGONS, polys.length);
  for (const poly of polys) {
    w.u32(poly.length);
    for (const ring of poly) {
      w.u32(ring.length);
      for (const [x, y] of ring) {
        w.i32(x);
        w.i32(y);
      }
    }
  }
  return w.bytes();
}

function encodeLines(lines) {
  const w = new Writer();
  header(w, KIND_LINES, lines.length);
  for (const line of lines) {
    w.u32(line.length);
    for (const [x, y] of line) {
      w.i32(x);
      w.i32(y);
    }
  }
  return w.bytes();
}

// ------------------------------------------------------------------- drivers

function edgeStats(pointsIter) {
  let atLon180 = 0;
  let atLatS90 = 0;
  for (const [x, y] of pointsIter) {
    if (x === 180_000_000 || x === -180_000_000) atLon180++;
    if (y === -90_000_000) atLatS90++;
  }
  return { atLon180, atLatS90 };
}

function checkPlanarEdges(rings, label) {
  for (const r of rings) {
    for (let i = 1; i < r.length; i++) {
      if (Math.abs(r[i][0] - r[i - 1][0]) > 180_000_000) throw new Error(`${label}: edge jumps across the map`);
      if (Math.abs(r[i][0]) > 180_000_000 || Math.abs(r[i][1]) > 90_000_000) {
        throw new Error(`${label}: point out of range`);
      }
    }
  }
}

function convertLand(file, outName) {
  const topo = loadTopology(file);
  const fc = topojson.feature(topo, topo.objects.land);
  const features = fc.type === "FeatureCollection" ? fc.features : [fc];
  const polys = [];
  let srcPolys = 0;
  let droppedRings = 0;
  for (const f of features) {
    const g = f.geometry;
    const list = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    for (const poly of list) {
      const label = `${file} polygon ${srcPolys}`;
      srcPolys++;
      for (const planar of planarPolygons(poly, label)) {
        const ext = quantizeRing(planar[0], true);
        if (!ext) {
          droppedRings += planar.length;
          report.degenerate.push(`${label}: ${planar[0].length}-point ring has no area after rounding`);
          continue;
        }
        const out = [ext];
        for (const hole of planar.slice(1)) {
          const h = quantizeRing(hole, false);
          if (h) out.push(h);
          else {
            droppedRings++;
            report.degenerate.push(`${label}: ${hole.length}-point hole has no area after rounding`);
          }
        }
        polys.push(out);
      }
    }
  }
  const rings = polys.flat();
  checkPlanarEdges(rings, file);
  const bytes = encodePolygons(polys);
  writeFileSync(join(OUT_DIR, outName), bytes);
  return {
    name: outName,
    source: `${file} object \`land\``,
    kind: "polygons",
    features: polys.length,
    rings: rings.length,
    points: rings.reduce((s, r) => s + r.length, 0),
    bytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    srcPolys,
    droppedRings,
    ...edgeStats(rings.flat()),
  };
}

function convertBorders(file, outName) {
  const topo = loadTopology(file);
  const mesh = topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b);
  const srcLines = mesh.type === "MultiLineString" ? mesh.coordinates : [mesh.coordinates];
  const lines = [];
  let dropped = 0;
  for (const line of srcLines) {
    for (const part of cutLine(unwrap(line))) {
      const q = quantizeLine(part);
      if (q) lines.push(q);
      else dropped++;
    }
  }
  checkPlanarEdges(lines, file);
  const bytes = encodeLines(lines);
  writeFileSync(join(OUT_DIR, outName), bytes);
  return {
    name: outName,
    source: `${file} mesh of \`countries\`, (a, b) => a !== b`,
    kind: "lines",
    features: lines.length,
    rings: 0,
    points: lines.reduce((s, r) => s + r.length, 0),
    bytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    srcLines: srcLines.length,
    dropped,
    ...edgeStats(lines.flat()),
  };
}

// -------------------------------------------------------------------- README

function fixLog() {
  return [
    ...report.poleRings.map((l) => `pole ring: ${l}`),
    ...report.droppedPolarCaps.map((l) => `dropped polar cap: ${l}`),
    ...report.antimeridianRings.map((l) => `antimeridian: ${l}`),
    ...report.degenerate.map((l) => `dropped degenerate: ${l}`),
  ].join("\n");
}

function readme(stats) {
  const atlas = `${atlasPkg.name}@${atlasPkg.version}`;
  const client = `${clientPkg.name}@${clientPkg.version}`;
  const row = (s) =>
    `| \`${s.name}\` | ${s.kind} | ${s.features} | ${s.kind === "polygons" ? s.rings : "-"} | ${s.points} | ${s.bytes} |`;
  const total = stats.reduce((s, x) => s + x.bytes, 0);
  return `# Basemap data

Generated by \`tools/basemap/convert.mjs\` — do not edit by hand.

## Provenance

- Data: Natural Earth ${NATURAL_EARTH_VERSION} (naturalearthdata.com), 1:110m and 1:50m
  scales. Natural Earth is in the public domain.
- Taken from the npm package \`${atlas}\` (TopoJSON redistribution of Natural Earth
  ${NATURAL_EARTH_VERSION} by Mike Bostock, ISC license), decoded with \`${client}\`.
- \`land-110m.bin\` / \`land-50m.bin\`: polygons of object \`land\` of \`land-110m.json\` /
  \`land-50m.json\`.
- \`borders-110m.bin\` / \`borders-50m.bin\`: country land borders,
  \`topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b)\` of
  \`countries-110m.json\` / \`countries-50m.json\` (internal borders only, no coastlines).

## Regenerating

\`\`\`sh
cd tools/basemap
npm ci
node convert.mjs
\`\`\`

Optional check (needs Python with Pillow and shapely): \`python3 tools/basemap/check.py /tmp\`
renders each land file planar (even-odd fill, borders on top) to
\`/tmp/basemap-check-{110m,50m}.png\` and reports counts, orientation and shapely validity.

Versions are pinned exactly in \`tools/basemap/package.json\` and
\`package-lock.json\`; the output is deterministic (byte-for-byte identical; see the
SHA-256 sums below).

## Binary format "RRB1"

All integers little-endian.

| bytes | content |
| --- | --- |
| 0..4 | ASCII \`RRB1\` |
| 4 | kind: 1 = polygons, 2 = lines |
| 5..8 | zero |
| 8..12 | u32 item count |

Then, for kind 1 (polygons), for each polygon: u32 ring count; for each ring (the
exterior first, then its holes): u32 point count, then that many points. For kind 2
(lines), for each line: u32 point count, then the points.

A point is \`i32 lon_microdeg, i32 lat_microdeg\` (degrees x 1e6, rounded half away
from zero).

Guarantees:

- Rings are closed (first point == last point) and have at least 4 points; lines have
  at least 2 points. No two consecutive points are equal.
- Exterior rings are counter-clockwise and holes clockwise in the planar lon/lat sense
  (x = lon east, y = lat north).
- Everything is planar on lon [-180, 180] x lat [-90, 90]: no edge jumps across the map
  (consecutive longitudes differ by at most 180 degrees). Rings that cross the
  antimeridian in the spherical source (Chukotka, Fiji, Wrangel Island, ...) are split
  there; the cut points lie exactly on lon = -180 or 180.
- Antarctica is one planar polygon: its coast, closed along lat = -90 exactly (from
  lon 180 to -180, one point per whole degree so no edge is longer than 1 degree) and
  up the map edges lon = +-180. The 50m source's polar-cap ring at lat -89.999 is
  dropped.
- Land polygons are not merged across the antimeridian: pieces on either side (and
  the pieces Natural Earth itself cut there, e.g. around Fiji) are separate polygons
  that abut along lon = +-180 without overlapping.

## What the converter fixed

The source is spherical (d3 semantics). Rings are unwrapped so consecutive
longitudes differ by at most 180 degrees, split with the lines lon = +-180 and
shifted back into [-180, 180]; pole-encircling rings are closed along the pole.
Log of the last run:

\`\`\`
${fixLog()}
\`\`\`

## Contents

| file | kind | features | rings | points | bytes |
| --- | --- | ---: | ---: | ---: | ---: |
${stats.map(row).join("\n")}

Total: ${total} bytes. Points at exactly lon +-180 / lat -90 (counting each ring's
closing point):
${stats.map((s) => `\`${s.name}\` ${s.atLon180} / ${s.atLatS90}`).join(", ")}.

SHA-256:

\`\`\`
${stats.map((s) => `${s.sha256}  ${s.name}`).join("\n")}
\`\`\`
`;
}

// ---------------------------------------------------------------------- main

mkdirSync(OUT_DIR, { recursive: true });
const stats = [
  convertLand("land-110m.json", "land-110m.bin"),
  convertLand("land-50m.json", "land-50m.bin"),
  convertBorders("countries-110m.json", "borders-110m.bin"),
  convertBorders("countries-50m.json", "borders-50m.bin"),
];
writeFileSync(join(OUT_DIR, "README.md"), readme(stats));

if (!process.argv.includes("--quiet")) {
  console.log(fixLog());
  for (const s of stats) {
    const { sha256, ...rest } = s;
    console.log(JSON.stringify(rest));
  }
}
