from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Latvian for everyone unless the person chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language and show English to
    most office computers; here only the language cookie set by the switch counts.
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
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        return response
