"""Every string monitoring/third_party_messages.py lists is translated in our catalog, and the
compiled catalog is the one the apps' pages read."""

import ast
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

MODULE = Path(settings.BASE_DIR) / "monitoring" / "third_party_messages.py"
CATALOG = Path(settings.BASE_DIR) / "locale" / "lv" / "LC_MESSAGES" / "django.po"


def _listed() -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, plural msgid) of each marked string, in the module's order."""
    listed = []
    for node in ast.walk(ast.parse(MODULE.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            texts = [ast.literal_eval(argument) for argument in node.args]
            if node.func.id == "gettext_noop":
                listed.append((None, texts[0], None))
            elif node.func.id == "pgettext_lazy":
                listed.append((texts[0], texts[1], None))
            elif node.func.id == "ngettext_lazy":
                listed.append((None, texts[0], texts[1]))
    return list(dict.fromkeys(listed))


def test_the_module_lists_the_apps_strings():
    assert len(_listed()) > 100


@pytest.fixture(scope="module")
def catalog():
    return {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(CATALOG))}


@pytest.mark.parametrize("listed", _listed(), ids=lambda listed: listed[1][:40])
def test_each_listed_string_is_latvian(catalog, listed):
    context, msgid, plural = listed
    entry = catalog.get((context, msgid))
    assert entry is not None, "not in the catalog: run makemessages"
    assert entry.translated() and "fuzzy" not in entry.flags and not entry.obsolete
    assert entry.msgid_plural == (plural or "")
    with translation.override("lv"):
        if plural:
            # Our plural forms: 0 for 1, 21, …; 1 for the other numbers but 0; 2 for 0.
            for number, form in [(1, 0), (2, 1), (0, 2)]:
                assert translation.ngettext(msgid, plural, number) == entry.msgstr_plural[form]
        elif context:
            assert translation.pgettext(context, msgid) == entry.msgstr
        else:
            assert translation.gettext(msgid) == entry.msgstr
