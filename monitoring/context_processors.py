from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from monitoring.access import roles_of


def roles(request):
    """The user's roles for the menu, read only if a template asks (and once per request).

    A request refused before the authentication middleware ran (a bad Host header: the 400
    page) has no user yet, and is shown as to a visitor."""
    return {
        "roles": SimpleLazyObject(
            lambda: roles_of(getattr(request, "user", None) or AnonymousUser())
        )
    }
