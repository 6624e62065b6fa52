"""Reads the basemap files assets/basemap/*.bin (format "RRB1", see assets/basemap/README.md).

Standard library only; used by tools/basemap/check.py and tools/bench/basemap_geojson.py.
"""
import struct


def read_rrb1(path):
    """Returns (kind, items): kind 1 = polygons (lists of rings), 2 = lines; points (lon, lat)."""
    data = path.read_bytes()
    assert data[:4] == b"RRB1", path
    kind = data[4]
    assert data[5:8] == b"\0\0\0"
    (count,) = struct.unpack_from("<I", data, 8)
    off = 12

    def points():
        nonlocal off
        (n,) = struct.unpack_from("<I", data, off)
        off += 4
        vals = struct.unpack_from(f"<{2 * n}i", data, off)
        off += 8 * n
        return [(vals[2 * i] / 1e6, vals[2 * i + 1] / 1e6) for i in range(n)]

    items = []
    for _ in range(count):
        if kind == 1:
            (nr,) = struct.unpack_from("<I", data, off)
            off += 4
            items.append([points() for _ in range(nr)])
        else:
            items.append(points())
    assert off == len(data), (path, off, len(data))
    return kind, items
