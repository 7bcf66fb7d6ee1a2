"""The Jinja2 environment of the few templates drawn in Jinja2 for speed (settings.TEMPLATES):
Django's form widgets and the long repeated rows of the entry form, the annual review and the
dashboard (templates/jinja2), each drawn by a Django template tag through render_rows().

Their words are Django's translations (`_()`, read by makemessages like the Django templates'
own), and the filters they use behave as the Django template filters of the same name.
"""

import unicodedata
from collections.abc import Callable

from django.template import defaultfilters, engines
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment, pass_context
from markupsafe import Markup, escape

from municipalities.templatetags.numerals import num_in


def linebreaksbr(value) -> Markup:
    """Django's linebreaksbr filter, quicker (a review writes some 2,800 texts): the text
    escaped unless it is safe already, each line break a <br>; a text of one line, as most
    are, is only escaped."""
    text = escape(value)  # a number or None as its text, as Django's stringfilter
    if "\n" not in text and "\r" not in text:
        return text
    return Markup(  # noqa: S704  # nosec B704: escaped above
        str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    )


@pass_context
def num(context, value, decimals=None):
    """The `num` filter in the language render_rows() read for the rows: a review writes some
    550 numbers, and reading the active language took 2-3 µs each time."""
    return num_in(context["language"], value, decimals)


def url(name: str, *args) -> str:
    """Django's {% url %}: the path of a named URL."""
    return reverse(name, args=args)


_PLACE = 987654321  # a number no row has, where url_of_each() puts each row's own


def url_of_each(name: str, *args) -> Callable[[int], str]:
    """The path of a named URL for rows that differ only in its last argument, a whole number
    (a task's pk): reversed once, each row's number put in its place (a dashboard links 150
    tasks, and reversing each was a fifth of their time)."""
    head, tail = reverse(name, args=[*args, _PLACE]).rsplit(str(_PLACE), 1)

    def path(number: int) -> str:
        return f"{head}{int(number)}{tail}"

    return path


def truncatechars(value, length: int) -> str:
    """Django's truncatechars filter; a text no longer than `length` is returned without
    Django's count of its characters one by one (as Django returns it: normalized)."""
    text = str(value)
    if len(text) <= length:
        return unicodedata.normalize("NFC", text)
    return defaultfilters.truncatechars(text, length)


def environment(**options) -> Environment:
    # Always escaping, whatever the options say: render_rows() marks the result safe.
    options.pop("autoescape", None)
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    env.filters.update(
        capfirst=defaultfilters.capfirst,
        linebreaksbr=linebreaksbr,
        num=num,
        slugify=defaultfilters.slugify,
        truncatechars=truncatechars,
    )
    env.globals.update(url=url, url_of_each=url_of_each)
    return env


def render_rows(template_name: str, context: dict) -> SafeString:
    """A Jinja2 template of templates/jinja2, as HTML a Django template may show as it is."""
    template = engines["jinja2"].get_template(template_name)
    html = template.render({**context, "language": get_language()})
    # The environment always escapes (environment() above), as Django's templates do.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
