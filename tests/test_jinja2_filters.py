"""The Jinja2 environment's own filters (monitoring/jinja2.py) behave as Django's of the same
name: the rows drawn by Jinja2 read as the Django templates they replaced."""

import pytest
from django.template import defaultfilters
from django.urls import reverse
from django.utils.safestring import mark_safe
from markupsafe import Markup

from monitoring.jinja2 import linebreaksbr, url


def _as_django_escapes(html: str) -> str:
    # The same characters: markupsafe writes &#34; and &#39;, Django &quot; and &#x27;.
    return html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


@pytest.mark.parametrize(
    "value",
    ["a\r\nb\rc\nd", "<b>\"x\" & 'y'</b>\n", "\n\n", "", "Bez rindu pārtraukumiem", 5],
)
def test_linebreaksbr_is_django_s(value):
    html = linebreaksbr(value)
    assert isinstance(html, Markup)
    assert _as_django_escapes(str(html)) == defaultfilters.linebreaksbr(value, autoescape=True)


def test_linebreaksbr_leaves_safe_html_as_it_is():
    assert str(linebreaksbr(mark_safe("<i>x</i>\ny"))) == "<i>x</i><br>y"


def test_url_is_django_s_reverse():
    assert url("dashboard:task", "zemgale", 17) == reverse("dashboard:task", args=["zemgale", 17])
