"""The journey map: an inline SVG drawn from the places' coordinates (no tiles, no network),
with a text alternative that links to the place entries and the paragraphs."""
from __future__ import annotations

import html
import math

from .model import Edition

WIDTH, PAD, LABEL_ROOM = 800, 44, 150  # room on the right for the easternmost labels


def _projection(points: list[tuple[float, float]]):
    """Equirectangular, scaled by the cosine of the middle latitude, fitted to the drawing."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat0, lat1 = math.floor(min(lats) / 10) * 10, math.ceil(max(lats) / 10) * 10
    lon0, lon1 = math.floor(min(lons) / 10) * 10, math.ceil(max(lons) / 10) * 10
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (WIDTH - 2 * PAD - LABEL_ROOM) / ((lon1 - lon0) * k)
    height = round((lat1 - lat0) * scale + 2 * PAD)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round(PAD + (lon - lon0) * k * scale, 1), round(PAD + (lat1 - lat) * scale, 1)
    return xy, (lat0, lat1, lon0, lon1), height


def journey_page(ed: Edition, page: str, paragraph_link, entity_link, front_matter) -> str:
    j = ed.journey
    places = {e.id: e for e in ed.entities}
    stops = list(j.stops) + list(j.intended)
    xy, (lat0, lat1, lon0, lon1), height = _projection([places[s.place].coordinates for s in stops])
    svg = [f'<svg class="ed-map" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" '
           f'aria-labelledby="ed-map-title ed-map-desc">',
           f'<title id="ed-map-title">{html.escape(j.title)}</title>',
           f'<desc id="ed-map-desc">{html.escape(j.note)} The list below the map gives the same stops.</desc>',
           '<g class="ed-map-grid">']
    for lat in range(lat0, lat1 + 1, 10):
        (x0, y), (x1, _) = xy(lat, lon0), xy(lat, lon1)
        svg.append(f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}"/><text x="{x0 - 4}" y="{y + 4}" text-anchor="end">{lat}°N</text>')
    for lon in range(lon0, lon1 + 1, 10):
        (x, y0), (_, y1) = xy(lat1, lon), xy(lat0, lon)
        svg.append(f'<line x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/><text x="{x}" y="{y1 + 16}" text-anchor="middle">{lon}°E</text>')
    svg.append("</g>")
    route = " ".join("{},{}".format(*xy(*places[s.place].coordinates)) for s in j.stops)
    svg.append(f'<polyline class="ed-map-route" points="{route}"/>')
    for kind, group in (("stop", j.stops), ("intended", j.intended)):
        for s in group:
            x, y = xy(*places[s.place].coordinates)
            name = places[s.place].name
            svg.append(f'<a href="{entity_link(page, s.place)}" class="ed-map-{kind}">'
                       f'<circle cx="{x}" cy="{y}" r="6"/>'
                       f'<text x="{x + 10}" y="{y - 8}">{html.escape(name)}</text></a>')
    svg.append("</svg>")
    def item(s) -> str:  # the text alternative: one line per stop, with its place entry and paragraphs
        refs = ", ".join(f'<a href="{paragraph_link(page, n)}">¶&nbsp;{n}</a>' for n in s.paragraphs)
        return (f'<li><a href="{entity_link(page, s.place)}">{html.escape(places[s.place].name)}</a>: '
                f'{html.escape(s.label)}' + (f", {html.escape(s.when)}" if s.when else "")
                + (f" ({refs})" if refs else "") + "</li>")
    items = [item(s) for s in j.stops]
    intended = [item(s) for s in j.intended]
    out = [front_matter("Journey map", description=j.title), "# Journey map", "",
           '<figure class="ed-map-figure">', "".join(svg),
           f'<figcaption>{html.escape(j.title)}. {html.escape(j.note)} '
           'Filled circles: stops; open circle: a stop he hoped to make.</figcaption></figure>', "",
           "## The stops", "", '<ol class="ed-stops">', *items, "</ol>", ""]
    if intended:
        out += ["## Not reached", "", '<ul class="ed-stops">', *intended, "</ul>", ""]
    return "\n".join(out) + "\n"
