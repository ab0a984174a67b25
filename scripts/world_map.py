"""Regenerate the bundled base map, ``reportgen/report/figures/world.geojson``.

The source is Natural Earth's Admin 0 country boundaries (public domain) as
redistributed in TopoJSON by the npm package ``world-atlas`` (ISC licence).
Fetch it with npm's ordinary client, then convert::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/world_map.py package/

What the conversion does:

- countries from the 1:110m file; the countries that file leaves out
  (Malta, Singapore, Bahrain, Andorra and other small states and
  territories) are taken from the 1:50m file, so every code has a place;
- world-atlas keys countries by ISO 3166-1 numeric code; CLDR's territory
  aliases (through Babel) give the alpha-2 code the reports use. Three
  features have no code: Kosovo becomes ``XK`` (CLDR's code), Northern
  Cyprus joins ``CY`` and Somaliland ``SO``, as the UN's member states are
  drawn; two 1:50m features without a country (Indian Ocean Territories,
  Siachen Glacier) are left out;
- coordinates rounded to 2 decimal places (about 1 km), repeated points
  dropped, rings that collapse to fewer than 4 points dropped;
- each feature carries ``properties.point``: a point inside the country's
  largest polygon, farthest from its edges (the "pole of inaccessibility",
  a better anchor than the centroid for crescent shapes such as Croatia),
  where symbols, labels and flow lines are anchored;
- places CLDR names but Natural Earth draws inside another country or leaves
  out (French overseas departments, Gibraltar, Tuvalu…) get a point from a
  small table and no outline (``geometry`` null).

The output is deterministic (features sorted by code, compact JSON).
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
from pathlib import Path

from babel.core import get_global

TARGET = Path(__file__).resolve().parent.parent / "reportgen" / "report" / "figures" / "world.geojson"

#: Features world-atlas leaves without a numeric code, by their name there.
UNCODED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
#: Places that Natural Earth draws inside another country's outline (overseas
#: departments, dependencies) or leaves out, but that CLDR names and the data
#: may use: an approximate point on the main island or town, no outline.
POINTS_ONLY = {
    "AC": (-14.36, -7.95), "BQ": (-68.26, 12.18), "BV": (3.41, -54.42), "CC": (96.87, -12.16),
    "CP": (-109.22, 10.3), "CQ": (-2.36, 49.43), "CX": (105.69, -10.49), "DG": (72.42, -7.32),
    "EA": (-5.32, 35.89), "GF": (-53.13, 3.93), "GI": (-5.35, 36.14), "GP": (-61.55, 16.25),
    "IC": (-15.6, 28.3), "MQ": (-61.02, 14.64), "RE": (55.54, -21.12), "SJ": (16.5, 78.7),
    "TA": (-12.28, -37.11), "TK": (-171.85, -9.17), "TV": (179.19, -8.52), "UM": (166.63, 19.29),
    "YT": (45.15, -12.83),
}
#: Decimal places kept in coordinates.
DIGITS = 2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (undoing quantisation and delta encoding)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """One closed ring from arc indexes (a negative index is the reversed arc ``~i``)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    """A Polygon or MultiPolygon geometry as a list of polygons (lists of rings)."""
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    result: list[list[float]] = []
    for x, y in points:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not result or point != result[-1]:
            result.append(point)
    return result


def area(points: list) -> float:
    """Signed planar area of a ring, in square degrees."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in _edges(points)) / 2


def _edges(points: list) -> list:
    """The ring's edges as pairs of points, the last one closing the ring."""
    return list(zip(points, points[1:] + points[:1], strict=True))


def _distance_to_rings(x: float, y: float, rings: list) -> float:
    """Signed distance from a point to the polygon's edges (positive inside)."""
    inside = False
    best = math.inf
    for points in rings:
        for (ax, ay), (bx, by) in _edges(points):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            best = min(best, (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2)
    return math.sqrt(best) * (1 if inside else -1)


def inner_point(rings: list, precision: float = 0.05) -> tuple[float, float]:
    """The pole of inaccessibility of a polygon (Mapbox's polylabel algorithm).

    Computed with longitudes shrunk by the cosine of the mean latitude, so
    that "farthest from the edges" is measured roughly on the ground.
    """
    outer = rings[0]
    squeeze = math.cos(math.radians(sum(y for _x, y in outer) / len(outer)))
    flat = [[(x * squeeze, y) for x, y in points] for points in rings]
    xs, ys = [x for x, _y in flat[0]], [y for _x, y in flat[0]]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    size = min(x1 - x0, y1 - y0)
    if size == 0:
        return round(x0 / squeeze, DIGITS), round(y0, DIGITS)

    def cell(x: float, y: float, h: float) -> tuple[float, float, float, float, float]:
        d = _distance_to_rings(x, y, flat)
        return (-(d + h * math.sqrt(2)), d, x, y, h)

    half = size / 2
    queue = [cell(x + half, y + half, half)
             for x in _steps(x0, x1, size) for y in _steps(y0, y1, size)]
    heapq.heapify(queue)
    # Start from the centroid of the outer ring, then refine.
    a = area(flat[0]) or 1e-12
    cx = sum((px + qx) * (px * qy - qx * py) for (px, py), (qx, qy) in _edges(flat[0])) / (6 * a)
    cy = sum((py + qy) * (px * qy - qx * py) for (px, py), (qx, qy) in _edges(flat[0])) / (6 * a)
    best = cell(cx, cy, 0)
    box = cell(x0 + (x1 - x0) / 2, y0 + (y1 - y0) / 2, 0)
    if box[1] > best[1]:
        best = box
    while queue:
        current = heapq.heappop(queue)
        if current[1] > best[1]:
            best = current
        if -current[0] - best[1] <= precision:
            continue
        h = current[4] / 2
        for dx in (-h, h):
            for dy in (-h, h):
                heapq.heappush(queue, cell(current[2] + dx, current[3] + dy, h))
    return round(best[2] / squeeze, DIGITS), round(best[3], DIGITS)


def _steps(start: float, stop: float, step: float) -> list[float]:
    values, value = [], start
    while value < stop:
        values.append(value)
        value += step
    return values


def country_code(geometry: dict, aliases: dict) -> str | None:
    """The ISO alpha-2 code of a world-atlas feature, or None for features with no country."""
    numeric = geometry.get("id")
    if numeric is None:
        return UNCODED.get(geometry["properties"]["name"])
    replacement = aliases.get(numeric)
    return replacement[0] if replacement else None


def convert(source: Path) -> dict:
    """The compact, alpha-2 keyed GeoJSON of the world-atlas package folder ``source``."""
    aliases = get_global("territory_aliases")
    shapes: dict[str, list] = {}
    seen_110m: set[str] = set()
    for scale in ("110m", "50m"):
        topology = json.loads((source / f"countries-{scale}.json").read_text(encoding="utf-8"))
        arcs = decode_arcs(topology)
        for geometry in topology["objects"]["countries"]["geometries"]:
            code = country_code(geometry, aliases)
            if code is None or (scale == "50m" and code in seen_110m):
                continue
            if scale == "110m":
                seen_110m.add(code)
            for polygon in polygons(geometry, arcs):
                rings = [rounded(r) for r in polygon]
                rings = [r for r in rings if len(r) >= 3]
                if rings:
                    shapes.setdefault(code, []).append(rings)
    features = [{"type": "Feature", "id": code, "properties": {"point": list(point)}, "geometry": None}
                for code, point in POINTS_ONLY.items() if code not in shapes]
    for code in sorted(shapes):
        parts = shapes[code]
        largest = max(parts, key=lambda rings: abs(area(rings[0])))
        # A country that rounds to nothing still gets a point: its first vertex.
        point = inner_point(largest) if len(largest[0]) >= 3 else tuple(largest[0][0])
        closed = [[[*r, r[0]] for r in rings if len(r) >= 3] for rings in parts]
        closed = [rings for rings in closed if rings and len(rings[0]) >= 4]
        geometry = {"type": "MultiPolygon", "coordinates": closed} if closed else None
        features.append({"type": "Feature", "id": code, "properties": {"point": list(point)}, "geometry": geometry})
    features.sort(key=lambda feature: feature["id"])
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the unpacked world-atlas package folder")
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args()
    data = convert(args.source)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['features'])} countries, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
