"""What a page shows a person, and the English words in it (tests/test_latvian_pages.py).

The shown text is the text between tags (not scripts, styles, or text marked as in another
language than the page's, such as the Latvian page's switch to "English") and the attributes
a person reads or hears: title, aria-label, placeholder, alt and a button's value. Left out as
user data: what a form field holds (an input's value, a textarea's text), and <code>, where
the admin's import lists the file's column keys, which are a file format, not words.
"""

import re
from html.parser import HTMLParser

# Common English interface words that are not Latvian words. Not "a", "no", "to", "man",
# "pie", "bet", "dot", "top" or "par" (Latvian words); not "it", "as", "ip", "id", "get" or
# "post", which Latvian text writes too (IT, AS "Latvenergo", IP adrese, GET dati); not
# "unknown", which django-axes writes into its records ("<unknown>").
ENGLISH = frozenset(
    """
    the and of this that these those with without your you yours our we they them their
    is are was were be been being has have had will would can could cannot should must may
    not or if for from at by on in into onto out over under about above below after before
    here there where when which what who whom why how than then also only just very more
    most less some any each every other another same such both either neither
    file files please select selected import imported export exported search filter
    filters save saved delete deleted add added change changed changes view history home
    log password user users name date time submit confirm confirmed preview show hide
    all none yes edit remove clear close back next previous first last new update
    updated create created list page pages error errors field fields row rows value
    values object objects item items entry entries record records action actions
    choose enter click press button sure want really revert reason comment comments
    attempt attempts access failure failures locked expires expired remaining
    task tasks result results queue priority enqueued started finished running ready
    failed successful traceback worker backend enqueue
    required optional empty invalid valid format resource upload download
    report reports region regions municipality municipalities programme programmes
    year years deadline status submitted approved returned draft approve return reopen
    dashboard dashboards review reviews national coordinator council staff monitoring historical
    login logout sign account forgot help language english
    """.split()
)
WORD = re.compile(r"\w+")
# A path, an address or a dotted name (/login/, reports.tasks.make_review_pdf) is no words.
IDENTIFIER = re.compile(r"(?:\S*://|/)\S*|\w+(?:\.\w+)+")

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
NOT_SHOWN = frozenset({"script", "style", "template", "textarea", "code"})
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_TYPES = frozenset({"submit", "button", "reset"})


class _ShownText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, hidden)
        self.language = ""  # the page's, from <html lang>

    def _hidden(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.language = attrs.get("lang", "")
        other_language = attrs.get("lang", self.language) != self.language
        hidden = self._hidden() or tag in NOT_SHOWN or other_language
        if not hidden:
            self.parts += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type", "").lower() in BUTTON_TYPES:
                self.parts.append(attrs.get("value", ""))
        if tag not in VOID:
            self.open.append((tag, hidden))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)


def shown_text(html: str) -> str:
    parser = _ShownText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def english_snippets(html: str, keys: frozenset[str] = frozenset()) -> list[str]:
    """Each English word of the shown text with some text either side. A word cut short
    ("telpas at…", a long text shortened) is a piece of a Latvian one; `keys` are names of a
    file's columns, written exactly so, not words."""
    text = IDENTIFIER.sub(" ", shown_text(html))
    return [
        f"{match.group()!r} in “…{text[max(0, match.start() - 50) : match.end() + 50]}…”"
        for match in WORD.finditer(text)
        if match.group().lower() in ENGLISH
        and match.group() not in keys
        and not text.startswith("…", match.end())
    ]
