from django.utils.functional import SimpleLazyObject

from monitoring.access import roles_of


def roles(request):
    """The user's roles for the menu, read only if a template asks (and once per request)."""
    return {"roles": SimpleLazyObject(lambda: roles_of(request.user))}
