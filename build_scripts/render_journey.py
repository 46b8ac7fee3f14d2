"""The journey map: an inline SVG (no tiles, no request leaving the site), built with ElementTree.

Land and sea are drawn from Natural Earth (map_data.py); the legs of the journey as what they were, a sea passage
or a railway through its main stations, each styled by how certain the edition holds it; the stops the edition
holds to be true as filled circles joined by the legs; an uncertain or only intended stop apart, as an open circle
marked so. A text alternative lists the stops and the legs with what each rests on."""
from __future__ import annotations

import math
import xml.etree.ElementTree as etree

from .map_data import fetch, land_rings
from .markdown_text import escape
from .model import Edition, Leg, Stop
from .render_chronology import EvidenceMarkup
from .site_paths import fragment, front_matter, sub

WIDTH, PAD = 1000, 30
LABEL = 22  # label size in the drawing's units: about 12 px on a 540 px wide phone screen


def _frame(points: list[tuple[float, float]]):
    """The drawing's frame around the points, a little margin of land and sea around them, and its projection:
    equirectangular, scaled by the cosine of the middle latitude."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat0, lat1 = min(lats) - 4, max(lats) + 4
    lon0, lon1 = min(lons) - 4, max(lons) + 14  # room east of the last stop for its name
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (WIDTH - 2 * PAD) / ((lon1 - lon0) * k)
    height = round((lat1 - lat0) * scale + 2 * PAD)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round(PAD + (lon - lon0) * k * scale, 1), round(PAD + (lat1 - lat) * scale, 1)
    return xy, (lat0, lat1, lon0, lon1), height


def _path(rings, xy, box) -> str:
    """The land as one SVG path: the rings that reach into the frame, thinned to points a pixel apart."""
    lat0, lat1, lon0, lon1 = box
    out = []
    for ring in rings:
        if not any(lat0 - 10 <= lat <= lat1 + 10 and lon0 - 10 <= lon <= lon1 + 10 for lat, lon in ring):
            continue
        pts, last = [], None
        for lat, lon in ring:
            x, y = (round(v) for v in xy(lat, lon))
            if last is None or abs(x - last[0]) + abs(y - last[1]) >= 3:
                pts.append(f"{x},{y}")
                last = (x, y)
        if len(pts) > 2:
            out.append("M" + "L".join(pts) + "Z")
    return "".join(out)


def journey_svg(ed: Edition, page: str, entity_link) -> etree.Element:
    j, L = ed.journey, ed.labels
    places = {e.id: e for e in ed.entities}
    stops = list(j.stops) + list(j.intended)
    points = [places[s.place].coordinates for s in stops] + [w.coordinates for g in j.legs for w in g.points]
    xy, box, height = _frame(points)
    svg = etree.Element("svg", {"class": "ed-map", "viewBox": f"0 0 {WIDTH} {height}", "role": "img",
                                "xmlns": "http://www.w3.org/2000/svg", "aria-labelledby": "ed-map-title ed-map-desc"})
    sub(svg, "title", j.title, id="ed-map-title")
    sub(svg, "desc", L["journey_legend"], id="ed-map-desc")
    sub(svg, "rect", class_="ed-map-sea", x="0", y="0", width=str(WIDTH), height=str(height))
    sub(svg, "path", class_="ed-map-land", d=_path(land_rings(str(fetch())), xy, box))
    held = [s for s in j.stops if s.evidence.certainty != "uncertain"]
    legs = sub(svg, "g", class_="ed-map-legs")
    for g in j.legs:
        line = " ".join("{},{}".format(*xy(*w.coordinates)) for w in g.points)
        sub(legs, "polyline", points=line, class_=f"ed-map-leg ed-map-{g.mode} ed-map-{g.evidence.certainty}")
    if not j.legs:  # no legs in the data: the stops held true, joined straight
        sub(legs, "polyline", class_="ed-map-route", points=" ".join("{},{}".format(*xy(*places[s.place].coordinates))
                                                                      for s in held))
    labels = sub(svg, "g", class_="ed-map-stations")
    named = {places[s.place].coordinates for s in stops}
    for g in j.legs:
        for w in g.points:
            if w.label and tuple(w.coordinates) not in named:
                x, y = xy(*w.coordinates)
                sub(labels, "circle", cx=str(x), cy=str(y), r="3.5")
                sub(labels, "text", w.name, x=str(x + 6), y=str(y - 6), font_size=str(round(LABEL * .8)))
    for s in stops:
        apart = s not in held
        x, y = xy(*places[s.place].coordinates)
        # xlink:href: Material's instant loading rewrites every [href] as an HTML link, which an SVG link is not.
        a = sub(svg, "a", **{"xlink:href": entity_link(page, s.place), "class": "ed-map-apart" if apart else "ed-map-stop"})
        sub(a, "circle", cx=str(x), cy=str(y), r="8")
        name = places[s.place].short_name + (f" ({L['evidence_' + s.evidence.certainty]})" if apart else "")
        sub(a, "text", name, x=str(x + 12), y=str(y + LABEL * .35), font_size=str(LABEL))
    return svg


def journey_page(ed: Edition, evidence: EvidenceMarkup, entity_link) -> str:
    page, j, L = "journey.md", ed.journey, ed.labels
    places = {e.id: e for e in ed.entities}

    def item(s: Stop) -> str:  # the text alternative: one item per stop, its entry, and what it rests on
        a = etree.Element("a", {"href": entity_link(page, s.place)})
        a.text = places[s.place].name
        head = f"{fragment(a)}: {escape(s.label)}" + (f", {escape(s.when)}" if s.when else "")
        return f"- {head}\n\n    {evidence.markdown(s.evidence)}\n    {{: .ed-tl-evidence }}\n"

    def leg(g: Leg) -> str:
        stations = ", ".join(escape(w.name) for w in g.points if w.label)
        head = f"{escape(g.label)}" + (f" ({stations})" if stations else "")
        return f"- {head}\n\n    {evidence.markdown(g.evidence)}\n    {{: .ed-tl-evidence }}\n"
    figure = etree.Element("figure", {"class": "ed-map-figure"})
    # On a narrow screen the map keeps a readable size and scrolls sideways within its frame (by keyboard too).
    frame = sub(figure, "div", class_="ed-map-frame", tabindex="0", role="group", aria_label=j.title)
    frame.append(journey_svg(ed, page, entity_link))
    sub(figure, "figcaption", f"{j.title}. {L['journey_legend']} {L['journey_credit']}")
    out = [front_matter(L["journey_title"], description=j.title), f"# {escape(L['journey_title'])}", "",
           fragment(figure), "", evidence.apparatus.prose(j.note), "", f"## {escape(L['journey_stops'])}", "",
           '<div class="ed-stops" markdown>', ""]
    out += [item(s) for s in j.stops] + ["</div>", ""]
    if j.legs:
        out += [f"## {escape(L['journey_legs'])}", "", '<div class="ed-stops" markdown>', ""]
        out += [leg(g) for g in j.legs] + ["</div>", ""]
    if j.intended:
        out += [f"## {escape(L['journey_not_reached'])}", "", '<div class="ed-stops" markdown>', ""]
        out += [item(s) for s in j.intended] + ["</div>", ""]
    return "\n".join(out) + "\n"
