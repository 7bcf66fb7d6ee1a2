from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from monitoring.models import UserSettings


class LanguageMiddleware:
    """Latvian for everyone unless the person chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language and show English to
    most office computers; here only the language cookie set by the switch counts. A person's
    choice is also kept in her settings (UserSettings.language, the language of her e-mail):
    logging in sets the cookie to it (`language_on_login`), and the switch, used while logged
    in, stores it there.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = code
        # override, not activate: the thread's language is restored after the request, so
        # it does not leak into whatever the thread runs next (a test, a command).
        with translation.override(code):
            response = self.get_response(request)
        chosen = getattr(request, "language_chosen", None)
        if chosen in self.languages:  # logged in, or saved in My settings, just now
            _set_cookie(response, chosen)
        elif settings.LANGUAGE_COOKIE_NAME in response.cookies:  # the switch
            _remember(request, response.cookies[settings.LANGUAGE_COOKIE_NAME].value)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        return response


def _set_cookie(response, code: str) -> None:
    """The cookie as Django's set_language view sets it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _remember(request, code: str) -> None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and code in dict(settings.LANGUAGES):
        UserSettings.objects.update_or_create(user=user, defaults={"language": code})


def language_on_login(sender, request, user, **kwargs) -> None:
    """The language the person chose applies from her login on (user_logged_in)."""
    if request is None:
        return
    chosen = UserSettings.objects.filter(user=user).values_list("language", flat=True).first()
    if chosen:
        request.language_chosen = chosen
