from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

# Paths that answer without a login even on a members-only site.
_OPEN_PREFIXES = ("/accounts/", "/admin/", "/healthz", "/static/")


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
