"""The land the journey map is drawn on: Natural Earth's land polygons, as Mike Bostock's `world-atlas` package
on the npm registry publishes them (TopoJSON), fetched once into .cache/ with the registry's integrity hash
checked, and read here into rings of (latitude, longitude).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.request
from functools import lru_cache
from pathlib import Path

from ..errors import EditionError

PACKAGE = "world-atlas"
VERSION = "2.0.2"
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
RESOLUTION = "land-50m.json"  # Natural Earth 1:50m: coastlines a reader recognises, a map of some 30 kB
CACHE = Path(__file__).resolve().parents[2] / ".cache" / f"{PACKAGE}-{VERSION}"

Ring = list[tuple[float, float]]  # (lat, lon)


def fetch(cache: Path = CACHE) -> Path:
    """The land file, fetched from the npm registry the first time (its integrity checked)."""
    target = cache / RESOLUTION
    if target.is_file():
        return target
    try:
        with urllib.request.urlopen(TARBALL, timeout=60) as response:
            data = response.read()
    except OSError as e:
        raise EditionError(TARBALL, None, f"the map's land data could not be fetched ({e})",
                           "connect to the npm registry once (the file is kept in .cache/), or drop the journey map "
                           "from the edition file") from None
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        raise EditionError(TARBALL, None, "the map's land data does not match its published integrity hash",
                           "fetch it again; if it still differs, the package was changed: check the registry")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        content = tar.extractfile(f"package/{RESOLUTION}").read()
        licence = tar.extractfile("package/LICENSE").read()
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "LICENSE").write_bytes(licence)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(content)
    tmp.replace(target)
    return target


@lru_cache(maxsize=None)
def land_rings(path: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every ring of the land, decoded from TopoJSON (quantised, delta-encoded arcs shared between rings)."""
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((y * sy + ty, x * sx + tx))  # (lat, lon)
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)  # consecutive arcs share their end point
        return out

    rings = []
    for geometry in topo["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings.extend(tuple(ring(r)) for r in polygon)
    return tuple(rings)
