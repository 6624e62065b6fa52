#!/usr/bin/env python3
"""Optional sanity check of assets/basemap/*.bin (needs Pillow and shapely).

Renders each land file planar (equirectangular 1440x720, even-odd fill) with the
matching borders on top, and reports counts and shapely validity.

    python3 tools/basemap/check.py [OUT_DIR]   # writes OUT_DIR/basemap-check-{110m,50m}.png
"""
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw
from shapely.geometry import Polygon
from shapely.validation import explain_validity

from rrb1 import read_rrb1

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "basemap"
W, H = 1440, 720


def px(p):
    return ((p[0] + 180) / 360 * W, (90 - p[1]) / 180 * H)


def signed_area(r):
    return sum(r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1] for i in range(len(r) - 1)) / 2


def check(scale, out_dir):
    _, polys = read_rrb1(ASSETS / f"land-{scale}.bin")
    _, lines = read_rrb1(ASSETS / f"borders-{scale}.bin")

    # Even-odd fill: XOR every ring into a 1-bit mask.
    mask = Image.new("1", (W, H), 0)
    for poly in polys:
        for ring in poly:
            layer = Image.new("1", (W, H), 0)
            ImageDraw.Draw(layer).polygon([px(p) for p in ring], fill=1)
            mask = ImageChops.logical_xor(mask, layer)
    img = Image.new("RGB", (W, H), (170, 200, 230))
    img.paste((225, 215, 180), mask=mask)
    d = ImageDraw.Draw(img)
    for line in lines:
        d.line([px(p) for p in line], fill=(200, 30, 30), width=1)
    out = out_dir / f"basemap-check-{scale}.png"
    img.save(out)

    rings = [r for p in polys for r in p]
    pts = [q for r in rings for q in r]
    jumps = sum(1 for r in rings for a, b in zip(r, r[1:]) if abs(a[0] - b[0]) > 180)
    jumps += sum(1 for l in lines for a, b in zip(l, l[1:]) if abs(a[0] - b[0]) > 180)
    bad_orient = sum(1 for p in polys for i, r in enumerate(p) if (signed_area(r) > 0) != (i == 0))
    not_closed = sum(1 for r in rings if r[0] != r[-1] or len(r) < 4)
    invalid = []
    for i, p in enumerate(polys):
        g = Polygon(p[0], p[1:])
        if not g.is_valid:
            invalid.append((i, len(p[0]), explain_validity(g)))
    print(f"{scale}: polygons {len(polys)}, rings {len(rings)}, points {len(pts)}, "
          f"lon=+-180 points {sum(1 for q in pts if abs(q[0]) == 180)}, "
          f"lat=-90 points {sum(1 for q in pts if q[1] == -90)}, "
          f"border lines {len(lines)} ({sum(map(len, lines))} points)")
    print(f"  jumps>180: {jumps}, wrong orientation: {bad_orient}, unclosed/short: {not_closed}, "
          f"invalid (shapely): {len(invalid)}")
    for i, n, why in invalid:
        print(f"    polygon {i} ({n} exterior points): {why}")
    print(f"  wrote {out}")


if __name__ == "__main__":
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    for s in ("110m", "50m"):
        check(s, out_dir)
