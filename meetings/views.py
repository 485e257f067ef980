from django.shortcuts import render
from django.views.decorators.http import require_safe

from actions.models import ActionItem
from contributions.models import Contribution

from .models import Meeting


@require_safe
def home(request):
    counts = {
        "meetings": Meeting.objects.count(),
        "contributions": Contribution.objects.count(),
        "open_actions": ActionItem.objects.open().count(),
    }
    return render(request, "home.html", {"counts": counts})
