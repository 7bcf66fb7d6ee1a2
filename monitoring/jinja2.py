"""The Jinja2 environment of the few templates drawn in Jinja2 for speed (settings.TEMPLATES):
Django's form widgets and the task rows of the entry form (templates/jinja2).

Their words are Django's translations (`_()`, read by makemessages like the Django templates'
own), and the filters they use behave as the Django template filters of the same name.
"""

from django.template import defaultfilters
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from municipalities.templatetags.numerals import num


def linebreaksbr(value) -> str:
    return defaultfilters.linebreaksbr(value, autoescape=True)


def environment(**options) -> Environment:
    # Always escaping, whatever the options say: the task_rows tag marks the result safe.
    options.pop("autoescape", None)
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    env.filters.update(capfirst=defaultfilters.capfirst, linebreaksbr=linebreaksbr, num=num)
    return env
