import re
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest
from django.urls import reverse

# Paths that answer without a login even on a members-only site.
_OPEN_PREFIXES = ("/accounts/", "/admin/", "/healthz", "/static/")


# C0 control characters other than tab, line feed and carriage return, which forms may send.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ControlCharacterMiddleware:
    """Answers 400 to a request whose address or cookies hold a control character.

    PostgreSQL refuses NUL in text, so a "%00" anywhere a page, an export or an admin filter
    passes on to a query was a server error; no address the site makes holds one. Forms
    refuse them in what is posted (forms.CharField). A cookie can carry one too, written
    "\\000" in quotes, and the session cookie is looked up in the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        if _CONTROL.search(request.path) or _CONTROL.search(query):
            return _bad_request("The address holds a control character; check the link.")
        if any(_CONTROL.search(value) for value in request.COOKIES.values()):
            return _bad_request(
                "A cookie holds a control character; clear this site's cookies and try again."
            )
        return self.get_response(request)


def _bad_request(message):
    return HttpResponseBadRequest(f"Bad request. {message}\n", content_type="text/plain")


class MembersOnlyMiddleware:
    """With PLENARY_MEMBERS_ONLY=1, every page asks anonymous visitors to sign in first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MEMBERS_ONLY
            and not request.user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Delegate pages load nothing but their own styles: no scripts, no inline styles.

    The admin keeps Django's own behaviour (its widgets use scripts).
    """

    POLICY = (
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", self.POLICY)
        return response
