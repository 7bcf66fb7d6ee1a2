"""The review's narratives, the dashboard's task rows, the finance rows and the indicators'
values of both, drawn by Jinja2 (reports/templatetags/report_rows.py): the markup the Django
template loops wrote, kept here as the reference, with every text escaped."""

import re
from decimal import Decimal

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString
from markupsafe import Markup

from monitoring.models import Status
from municipalities.models import Municipality, YearlyFigures
from programmes.models import IndicatorValue, ProgrammeNode
from reports.indicators import YearValue
from reports.review import FinanceLine, Narrative, TaskLine
from reports.service_indicators import Part
from reports.templatetags.report_rows import (
    NarrativeParagraphs,
    dashboard_task_rows,
    finance_rows,
    indicator_value,
    indicator_values,
)

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


def narratives(lines: list[Narrative], year: int) -> str:
    """What the review's task rows draw each task's narratives with."""
    return NarrativeParagraphs(year)(lines)


def _paragraphs(html: str) -> list[str]:
    return [p for p in re.split(r"\n", html) if p]


def test_each_narrative_is_a_paragraph_with_its_texts_escaped():
    with translation.override("lv"):
        html = narratives(LINES, 2022)
    assert isinstance(html, Markup)
    assert _paragraphs(html) == [
        "<p>Plānošanas reģiona teksts.</p>",
        "<p><strong>Bauskas &lt;b&gt;&#34;novads&#34;&lt;/b&gt; &amp; co</strong> – "
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
            got = str(narratives(LINES, 2022))  # Markup's replace() would escape
            assert _without_breaks(got) == _without_breaks(expected)


def test_no_narratives_is_no_markup():
    assert narratives([], 2022) == ""


# The dashboard's rows as its template wrote them.
TEMPLATE_ROW = Template(
    "{% load i18n review_charts %}{% for task in tasks %}"
    "{% url 'dashboard:task' slug task.node.pk as task_url %}<tr>\n"
    '<th scope="row"><a href="{{ task_url }}">{{ task.node.code }}</a> '
    '<span class="small">{{ task.node.title|truncatechars:80 }}</span></th>\n'
    '<td>{% if task.counted %}<a href="{{ task_url }}" class="bar-link">'
    "{% status_bar task.counts task.node.code 320 %}</a>"
    '<div class="small">{{ task.summary }}</div>{% else %}<span class="muted small">'
    '{% translate "the planning region\'s task" %}</span>{% endif %}</td>\n</tr>{% endfor %}'
)


def _task(counts, summary=""):
    node = ProgrammeNode(
        pk=17, code="1.2.3", title='Nodrošināt <pakalpojumus> & "atbalstu" ' + "garš teksts " * 9
    )
    return TaskLine(node=node, level=2, is_heading=False, counts=counts, summary=summary)


def _without_breaks(html: str) -> str:
    """The markup without whitespace between tags, quotes escaped as Django escapes them (Jinja2
    writes &#34; and &#39; for the same characters)."""
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", html).strip()


def test_the_dashboard_rows_are_the_template_s_in_both_languages():
    tasks = [_task({Status.IMPLEMENTED: 3, Status.NO_INFORMATION: 2}, "3 <pašvaldības> & 2")]
    tasks.append(_task({}))
    for language in ("lv", "en"):
        with translation.override(language):
            expected = TEMPLATE_ROW.render(Context({"tasks": tasks, "slug": "zemgale"}))
            rows = dashboard_task_rows(tasks, "zemgale")
        assert isinstance(rows, SafeString)
        # The template left its own catalogue's apostrophe as it was; Jinja2 escapes it.
        expected = expected.replace("region's", "region&#x27;s")
        assert _without_breaks(rows) == _without_breaks(expected)


def test_a_dashboard_row_escapes_and_cuts_the_task_s_text():
    with translation.override("lv"):
        row = dashboard_task_rows([_task({Status.PARTIAL: 1}, "1 <b>")], "zemgale")
        region_row = dashboard_task_rows([_task({})], "zemgale")
    assert f'<a href="{reverse("dashboard:task", args=["zemgale", 17])}">1.2.3</a>' in row
    assert "Nodrošināt &lt;pakalpojumus&gt; &amp; &#34;atbalstu&#34;" in row  # Jinja2's &#34;
    assert "<pakalpojumus>" not in row and "1 &lt;b&gt;" in row
    assert "…</span>" in row
    assert '<span class="muted small">plānošanas reģiona uzdevums</span>' in region_row
    assert "<svg" not in region_row


# The finance rows as their Django template (reports/_finance_rows.html) wrote them.
TEMPLATE_FINANCE = Template(
    "{% load numerals %}{% for line in finance %}"
    '<tbody class="keep">{% for label, previous, current, change in line.cells %}<tr>'
    '{% if forloop.first %}<th scope="rowgroup" rowspan="{{ forloop.revcounter }}">'
    "{% if link_to %}<a href=\"{% url 'dashboard:municipality' link_to line.municipality.slug %}\">"
    "{{ line.municipality.name }}</a>{% else %}{{ line.municipality.name }}{% endif %}"
    '{% if line.converted %} <span class="small">*</span>{% endif %}</th>{% endif %}'
    '<td>{{ label }}</td><td class="num">{{ previous|num }}</td>'
    '<td class="num">{{ current|num }}</td><td class="num">{% if change is None %}—{% else %}'
    "{% if change > 0 %}+{% endif %}{{ change|num }}{% endif %}</td></tr>{% endfor %}</tbody>"
    "{% endfor %}"
)


def _finance():
    bauska = Municipality(name="Bauskas <novads>", slug="bauska")
    dobele = Municipality(name="Dobeles novads", slug="dobele")
    return [
        FinanceLine(
            bauska,
            YearlyFigures(
                year=2013,
                currency="LVL",
                social_budget=Decimal("1200000.5"),
                clients=40,
                recipients=5,
            ),
            YearlyFigures(year=2014, social_budget=Decimal("1500000"), clients=35, recipients=7),
        ),
        FinanceLine(dobele, None, YearlyFigures(year=2014, benefits_total=Decimal("25000.25"))),
    ]


def test_the_finance_rows_are_the_template_s_with_and_without_links():
    for link_to in ("", "zemgale"):
        for language in ("lv", "en"):
            with translation.override(language):
                context = Context({"finance": _finance(), "link_to": link_to})
                expected = TEMPLATE_FINANCE.render(context)
                html = finance_rows(_finance(), link_to)
            assert isinstance(html, SafeString)
            assert _without_breaks(html) == _without_breaks(expected)


def test_the_finance_rows_escape_names_and_write_changes_with_their_sign():
    with translation.override("lv"):
        html = finance_rows(_finance(), "zemgale")
    assert 'Bauskas &lt;novads&gt;</a> <span class="small">*</span>' in html
    assert f'href="{reverse("dashboard:municipality", args=["zemgale", "bauska"])}"' in html
    assert html.count("<tbody") == 2
    # Lats in euro: 1 200 000,50 LVL is 1 707 446,88 EUR.
    assert '<td class="num">1\xa0707\xa0446,88</td>' in html
    assert '<td class="num">-207\xa0446,88</td>' in html
    assert '<td class="num">-5</td>' in html  # clients 35 − 40
    assert '<td class="num">+2</td>' in html  # recipients 7 − 5
    assert '<td class="num">—</td>' in html  # Dobele's change, without last year
    assert finance_rows([]) == ""


# The template the indicator_values tag replaced (an include per value), kept as the reference.
TEMPLATE_PARTS = Template(
    "{% load i18n numerals %}"
    '<div class="small indicator-parts">{% if v.parts_from_catalogue %}'
    '{% translate "From the service catalogues" %}: '
    "{% for p in v.parts_from_catalogue %}{{ p.municipality.name }}"
    "{% if p.value != 1 %} ({{ p.value|num }}){% endif %}{% if not forloop.last %}, "
    "{% endif %}{% endfor %}{% endif %}{% if v.parts_from_catalogue and v.parts_reported %}; "
    '{% endif %}{% if v.parts_reported %}{% translate "from the values reported" %}: '
    "{% for p in v.parts_reported %}{{ p.municipality.name }}"
    "{% if p.value != 1 %} ({{ p.value|num }}){% endif %}{% if not forloop.last %}, "
    "{% endif %}{% endfor %}{% endif %}</div>"
)
TEMPLATE_VALUES = Template(
    "{% load i18n numerals %}{% for v in values %}"
    '<div class="indicator-value">{% if show_year %}<strong>{{ v.year }}:</strong> '
    "{% endif %}"
    "{% if v.is_derived %}<strong>{{ v.derived|num }}</strong> "
    '<span class="small muted">({{ v.coverage }})</span>'
    '{% if v.parts %}{% include parts %}{% endif %}{% if v.typed %}<div class="small">'
    '{% translate "typed by the coordinator" %}: '
    "{% if v.typed_value is not None %}{{ v.typed_value|num }}"
    '{% else %}{{ v.typed_text|default:"—" }}{% endif %}{% if v.difference is not None %}; '
    '{% translate "difference" %}: {% if v.difference > 0 %}+'
    "{% endif %}{{ v.difference|num }}{% endif %}</div>{% endif %}{% else %}"
    "{% if v.text %}{{ v.text|linebreaksbr }}{% elif v.value is not None %}{{ v.value|num }}"
    '{% else %}—{% endif %}{% if v.derived is not None %}<div class="small">'
    '{% translate "from the municipalities\' data" %}: {{ v.derived|num }} '
    '<span class="muted">({{ v.coverage }})</span>'
    "{% if v.parts %}{% include parts %}{% endif %}</div>{% endif %}{% endif %}</div>"
    "{% empty %}—{% endfor %}"
)


def _values() -> list[YearValue]:
    jelgava, dobele = Municipality(name="Jelgava"), Municipality(name='Dobeles <b>"novads"</b>')
    typed = IndicatorValue(value=Decimal("40"), text="")
    typed.in_round = True  # a year with a round: the derived value counts
    published = IndicatorValue(value=None, text='22 pašvaldības\nun <vēl> "divas"')
    published.in_round = False  # a published year: the typed value counts
    return [
        YearValue(
            year=2015,
            derived=Decimal("42.5"),
            typed=typed,
            given=14,
            active=22,
            parts=[Part(jelgava, Decimal(1), True), Part(dobele, Decimal(3), False)],
        ),
        YearValue(year=2014, derived=Decimal(1), typed=published, given=1, active=22),
        YearValue(year=2013, derived=Decimal("7"), given=1, active=1),
        YearValue(year=2012, typed=IndicatorValue(value=Decimal("1234.5"), text="")),
        YearValue(year=2011),
    ]


def test_the_indicator_values_are_the_template_s_in_both_languages():
    for language in ("lv", "en"):
        for show_year in (True, False):
            with translation.override(language):
                context = Context({"values": _values(), "show_year": show_year})
                context["parts"] = TEMPLATE_PARTS
                expected = TEMPLATE_VALUES.render(context)
                html = indicator_values(_values(), show_year=show_year)
            assert isinstance(html, SafeString)
            # Django leaves its own translations' apostrophes as they are; Jinja2 escapes them.
            assert _without_breaks(html).replace("&#x27;", "'") == _without_breaks(expected)
    with translation.override("lv"):
        html = indicator_values(_values())
    assert "Dobeles &lt;b&gt;&#34;novads&#34;&lt;/b&gt; (3)" in html
    assert "22 pašvaldības<br>un &lt;vēl&gt; &#34;divas&#34;" in html
    assert "<strong>42,50</strong>" in html and "starpība: +2,50" in html
    assert str(indicator_values([])) == "—"
    assert str(indicator_value(_values()[-1])) == '<div class="indicator-value">—</div>'
