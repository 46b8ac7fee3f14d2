"""The journey map: an inline SVG drawn from the places' coordinates (no tiles, no network), built with
ElementTree, with a text alternative that links to the place entries and says what each stop rests on.

Only stops the edition holds to be true are joined by the route; a stop that is uncertain, or only intended,
is drawn apart (an open circle) and labelled as such."""
from __future__ import annotations

import math
import xml.etree.ElementTree as etree

from .markdown_text import escape
from .model import Edition, Stop
from .render_chronology import EvidenceMarkup
from .site_paths import fragment, front_matter, sub

WIDTH, PAD, LABEL_ROOM = 800, 44, 150  # room on the right for the easternmost labels


def _projection(points: list[tuple[float, float]]):
    """Equirectangular, scaled by the cosine of the middle latitude, fitted to the drawing."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat0, lat1 = math.floor(min(lats) / 10) * 10, math.ceil(max(lats) / 10) * 10
    lon0, lon1 = math.floor(min(lons) / 10) * 10, math.ceil(max(lons) / 10) * 10
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (WIDTH - 2 * PAD - LABEL_ROOM) / max((lon1 - lon0) * k, 1e-9)
    height = round((lat1 - lat0) * scale + 2 * PAD)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round(PAD + (lon - lon0) * k * scale, 1), round(PAD + (lat1 - lat) * scale, 1)
    return xy, (lat0, lat1, lon0, lon1), height


def _degrees(labels: dict, value: int, positive: str, negative: str) -> str:
    return labels[positive if value >= 0 else negative].format(n=abs(value))


def journey_svg(ed: Edition, page: str, entity_link) -> etree.Element:
    j, L = ed.journey, ed.labels
    places = {e.id: e for e in ed.entities}
    stops = list(j.stops) + list(j.intended)
    xy, (lat0, lat1, lon0, lon1), height = _projection([places[s.place].coordinates for s in stops])
    svg = etree.Element("svg", {"class": "ed-map", "viewBox": f"0 0 {WIDTH} {height}",
                                "xmlns": "http://www.w3.org/2000/svg", "aria-labelledby": "ed-map-title ed-map-desc"})
    sub(svg, "title", j.title, id="ed-map-title")
    sub(svg, "desc", L["journey_legend"], id="ed-map-desc")
    grid = sub(svg, "g", class_="ed-map-grid")
    for lat in range(lat0, lat1 + 1, 10):
        (x0, y), (x1, _) = xy(lat, lon0), xy(lat, lon1)
        sub(grid, "line", x1=str(x0), y1=str(y), x2=str(x1), y2=str(y))
        sub(grid, "text", _degrees(L, lat, "journey_north", "journey_south"), x=str(x0 - 4), y=str(y + 4),
            text_anchor="end")
    for lon in range(lon0, lon1 + 1, 10):
        (x, y0), (_, y1) = xy(lat1, lon), xy(lat0, lon)
        sub(grid, "line", x1=str(x), y1=str(y0), x2=str(x), y2=str(y1))
        sub(grid, "text", _degrees(L, lon, "journey_east", "journey_west"), x=str(x), y=str(y1 + 16),
            text_anchor="middle")
    held = [s for s in j.stops if s.evidence.certainty != "uncertain"]
    route = " ".join("{},{}".format(*xy(*places[s.place].coordinates)) for s in held)
    sub(svg, "polyline", class_="ed-map-route", points=route)
    for s in stops:
        apart = s not in held
        x, y = xy(*places[s.place].coordinates)
        # xlink:href: Material's instant loading rewrites every [href] as an HTML link, which an SVG link is not.
        a = sub(svg, "a", **{"xlink:href": entity_link(page, s.place), "class": "ed-map-apart" if apart else "ed-map-stop"})
        sub(a, "circle", cx=str(x), cy=str(y), r="6")
        label = places[s.place].name + (f" ({L['evidence_uncertain']})" if apart else "")
        sub(a, "text", label, x=str(x + 10), y=str(y - 8))
    return svg


def journey_page(ed: Edition, evidence: EvidenceMarkup, entity_link) -> str:
    page, j, L = "journey.md", ed.journey, ed.labels
    places = {e.id: e for e in ed.entities}

    def item(s: Stop) -> str:  # the text alternative: one item per stop, its entry, and what it rests on
        a = etree.Element("a", {"href": entity_link(page, s.place)})
        a.text = places[s.place].name
        head = f"{fragment(a)}: {escape(s.label)}" + (f", {escape(s.when)}" if s.when else "")
        return f"- {head}\n\n    {evidence.markdown(s.evidence)}\n    {{: .ed-tl-evidence }}\n"
    figure = etree.Element("figure", {"class": "ed-map-figure"})
    figure.append(journey_svg(ed, page, entity_link))
    sub(figure, "figcaption", f"{j.title}. {L['journey_legend']}")
    out = [front_matter(L["journey_title"], description=j.title), f"# {escape(L['journey_title'])}", "",
           fragment(figure), "", evidence.apparatus.prose(j.note), "", f"## {escape(L['journey_stops'])}", "",
           '<div class="ed-stops" markdown>', ""]
    out += [item(s) for s in j.stops] + ["</div>", ""]
    if j.intended:
        out += [f"## {escape(L['journey_not_reached'])}", "", '<div class="ed-stops" markdown>', ""]
        out += [item(s) for s in j.intended] + ["</div>", ""]
    return "\n".join(out) + "\n"
