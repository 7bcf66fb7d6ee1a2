"""The SVG status bar (reports/charts.py), drawn as the dashboards and the review draw it."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from monitoring.models import Status
from reports.charts import status_bar, values_line

SVG = "{http://www.w3.org/2000/svg}"


def _bar(counts, title="SM1 1.1.1"):
    with translation.override("lv"):
        svg = status_bar(counts, title=title, width=240)
    return svg, ET.fromstring(svg)  # noqa: S314 (the app's own SVG)


def test_each_reported_status_is_a_segment_with_its_name_and_count():
    svg, root = _bar({Status.IMPLEMENTED: 30, Status.NOT_IMPLEMENTED: 1, Status.PARTIAL: 0})
    assert isinstance(svg, SafeString)
    assert root.find(f"{SVG}title").text == "SM1 1.1.1"
    assert root.find(f"{SVG}desc").text == "izpildīts: 30, nav īstenots: 1"
    segments = root.findall(f"{SVG}g")
    assert [g.find(f"{SVG}title").text for g in segments] == ["izpildīts: 30", "nav īstenots: 1"]
    widths = [float(g.find(f"{SVG}rect").get("width")) for g in segments]
    assert widths == [pytest.approx(232.26), pytest.approx(7.74)]
    # A segment wide enough carries its count as text; a narrow one (under 14) has none.
    assert segments[0].find(f"{SVG}text").text == "30"
    assert segments[1].find(f"{SVG}text") is None


def test_the_title_is_escaped():
    svg, root = _bar({Status.NO_INFORMATION: 3}, title='<script>alert("x")</script> & co')
    assert "<script>" not in svg
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & co'
    assert root.find(f"{SVG}g/{SVG}rect").get("fill") == "#ffffff"


def test_the_values_line_writes_each_value_as_the_pages_write_numbers():
    """The tooltip of each year's dot and the chart's description: "2015: 132,39" in
    Latvian, as the table beside it writes the value, not Python's "132.39"."""
    points = [(2014, Decimal("123.00")), (2015, Decimal("1132.39"))]
    with translation.override("lv"):
        svg = values_line(points, target=Decimal("150"), title="Rādītājs 1")
    root = ET.fromstring(svg)  # noqa: S314 (the app's own SVG)
    assert root.find(f"{SVG}desc").text == "2014: 123; 2015: 1\xa0132,39"
    dots = [c.find(f"{SVG}title").text for c in root.findall(f"{SVG}circle")]
    assert dots == ["2014: 123", "2015: 1\xa0132,39"]
    with translation.override("en"):
        assert "2015: 1,132.39" in values_line(points, target=None, title="Indicator 1")
