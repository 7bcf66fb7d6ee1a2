"""reports/page_cache.py page_around(): a cached page part put into its page once, the page as
the template would write it with the part inside."""

import copy

import pytest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from reports.page_cache import page_around


@pytest.fixture
def templates(settings, tmp_path):
    (tmp_path / "page.html").write_text(
        "<title>{{ title }}</title><main>{% if title %}<div>{{ part }}</div>{% endif %}</main>"
    )
    (tmp_path / "twice.html").write_text("{{ part }}{{ part }}")
    (tmp_path / "none.html").write_text("<p>{{ title }}</p>")
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [tmp_path, *engines[0]["DIRS"]]
    settings.TEMPLATES = engines


def test_the_page_is_the_templates_with_the_part_in_its_place(templates, rf):
    part = SafeString("<section>Pārskats &amp; dati – ā</section>")
    context = {"title": "Latgale <2014>"}
    response = page_around(rf.get("/"), "page.html", context, name="part", part=part)
    expected = render_to_string("page.html", {**context, "part": part})
    assert response.status_code == 200
    assert response.content.decode() == expected
    assert "Latgale &lt;2014&gt;" in expected and str(part) in expected
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_the_status_is_the_callers(templates, rf):
    response = page_around(
        rf.get("/"), "page.html", {"title": "x"}, name="part", part="", status=400
    )
    assert response.status_code == 400


@pytest.mark.parametrize("template", ["twice.html", "none.html"])
def test_a_template_that_does_not_write_the_part_once_is_refused(templates, rf, template):
    with pytest.raises(ValueError, match="once"):
        page_around(rf.get("/"), template, {"title": "x"}, name="part", part="<p>y</p>")
