"""The Jinja2 environment's own filters (monitoring/jinja2.py) behave as Django's of the same
name: the rows drawn by Jinja2 read as the Django templates they replaced."""

import pytest
from django.template import defaultfilters
from django.urls import reverse
from django.utils.safestring import mark_safe
from markupsafe import Markup

from monitoring.jinja2 import linebreaksbr, truncatechars, url, url_of_each


def _as_django_escapes(html: str) -> str:
    # The same characters: markupsafe writes &#34; and &#39;, Django &quot; and &#x27;.
    return html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


@pytest.mark.parametrize(
    "value",
    ["a\r\nb\rc\nd", "<b>\"x\" & 'y'</b>\n", "\n\n", "", "Bez rindu pārtraukumiem", 5, None],
)
def test_linebreaksbr_is_django_s(value):
    html = linebreaksbr(value)
    assert isinstance(html, Markup)
    assert _as_django_escapes(str(html)) == defaultfilters.linebreaksbr(value, autoescape=True)


def test_linebreaksbr_leaves_safe_html_as_it_is():
    assert str(linebreaksbr(mark_safe("<i>x</i>\ny"))) == "<i>x</i><br>y"
    # A text of one line is only escaped: safe HTML stays as it is there too.
    assert str(linebreaksbr(mark_safe("<i>x</i> y"))) == "<i>x</i> y"


def test_url_is_django_s_reverse():
    assert url("dashboard:task", "zemgale", 17) == reverse("dashboard:task", args=["zemgale", 17])


@pytest.mark.parametrize("pk", [1, 17, 987654321, 10**12])
def test_url_of_each_is_django_s_reverse_for_every_row(pk):
    path = url_of_each("dashboard:task", "sint-1")
    assert path(pk) == reverse("dashboard:task", args=["sint-1", pk])


@pytest.mark.parametrize(
    "value",
    [
        "Īss",
        "x" * 80,
        "x" * 81,
        "Sociālo pakalpojumu attīstība reģionā, " * 3,
        "e\u0301" * 70,  # combining accents: 140 code points, 70 characters
        "Cafe\u0301",  # made whole (NFC), as Django returns it
        "",
        42,
    ],
)
@pytest.mark.parametrize("length", [1, 10, 80])
def test_truncatechars_is_django_s(value, length):
    assert truncatechars(value, length) == defaultfilters.truncatechars(value, length)
