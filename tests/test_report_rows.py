"""The review's narratives column (reports/templatetags/report_rows.py), written in Python."""

import re

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString

from monitoring.models import Status
from municipalities.models import Municipality
from reports.review import Narrative
from reports.templatetags.report_rows import narratives

# The loop the tag replaced, kept here as the reference for its markup.
TEMPLATE_LOOP = Template(
    "{% load i18n %}{% for n in line %}"
    "<p>{% if n.municipality %}<strong>{{ n.municipality.name }}</strong> – {% endif %}"
    "{{ n.text|linebreaksbr }}"
    '{% if n.unchanged %} <span class="muted">({{ n.unchanged|lower }})</span>'
    '{% elif n.previous_status %} <span class="muted">({% blocktranslate with year=year|add:"-1" %}'
    "as in {{ year }}{% endblocktranslate %})</span>{% endif %}</p>\n{% endfor %}"
)

LINES = [
    Narrative(None, Status.IMPLEMENTED, "Plānošanas reģiona teksts."),
    Narrative(
        Municipality(name='Bauskas <b>"novads"</b> & co'),
        Status.PARTIAL,
        "Pirmā rinda\r\notrā <rinda>\n\ntrešā",
    ),
    Narrative(Municipality(name="Dobeles novads"), Status.UNCHANGED, "Kā iepriekš.", "partial"),
    Narrative(Municipality(name="Jelgavas novads"), Status.PARTIAL, "Tāpat.", "", 2019),
]


def _paragraphs(html: str) -> list[str]:
    return [p for p in re.split(r"\n", html) if p]


def test_each_narrative_is_a_paragraph_with_its_texts_escaped():
    with translation.override("lv"):
        html = narratives(LINES, 2022)
    assert isinstance(html, SafeString)
    assert _paragraphs(html) == [
        "<p>Plānošanas reģiona teksts.</p>",
        "<p><strong>Bauskas &lt;b&gt;&quot;novads&quot;&lt;/b&gt; &amp; co</strong> – "
        "Pirmā rinda<br>otrā &lt;rinda&gt;<br><br>trešā</p>",
        '<p><strong>Dobeles novads</strong> – Kā iepriekš. <span class="muted">'
        "(tāpat kā 2021. gadā)</span></p>",
        '<p><strong>Jelgavas novads</strong> – Tāpat. <span class="muted">'
        "(situācija nav mainījusies kopš 2019. gada)</span></p>",
    ]


def test_the_markup_is_the_template_loop_s_in_both_languages():
    for language in ("lv", "en"):
        with translation.override(language):
            expected = TEMPLATE_LOOP.render(Context({"line": LINES, "year": 2022}))
            assert _paragraphs(narratives(LINES, 2022)) == _paragraphs(expected)


def test_no_narratives_is_no_markup():
    assert narratives([], 2022) == ""
