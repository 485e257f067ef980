"""Form fields the record's filter forms share, and how a number in a request is read."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .models import Meeting

# "SEC#12", "sec 12", "WG4#27.1": a group's code or short name, then the meeting's number.
_MEETING_NAME = re.compile(r"(?P<group>[A-Za-z][A-Za-z0-9]*)\s*(?:#|\s)\s*(?P<number>[^\s#/]+)")

# A number as the site's links write it (an id, a page, a line): ASCII digits, few enough
# for a 64-bit key.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def whole_number(text):
    """The whole number that `text` from a request writes, or None when it writes none.

    `str.isdigit()` passes "²", which int() refuses, and int() reads "٣" (Arabic-Indic three)
    as 3; no link the site makes writes either, so both count as garbled.
    """
    text = str(text).strip()
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


class MeetingInput(forms.TextInput):
    """A text box for a meeting's name that suggests the latest meetings held (a `<datalist>`).

    It replaces a select of every meeting, which had thousands of options in a large archive:
    heavy to render and to send, and no way to find one meeting among them.
    """

    SUGGESTIONS = 40

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "e.g. SEC#12", "autocomplete": "off", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        suggestions = f"{attrs.get('id') or name}-suggestions"
        attrs["list"] = suggestions
        # Not the future meetings in the calendar: nothing was handled there yet.
        meetings = (
            Meeting.objects.exclude(start_date__gt=timezone.localdate())
            .select_related("group")
            .only("number", "group__code")
        )
        options = format_html_join(
            "", '<option value="{}"></option>', ((str(m),) for m in meetings[: self.SUGGESTIONS])
        )
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            suggestions,
            options,
        )


class MeetingField(forms.CharField):
    """A meeting named as the record writes it, "SEC#12"; cleans to the Meeting.

    Case and a space instead of "#" do not matter, and the group's short name works too
    ("WG4#12"), so a delegate can type what the minutes call it.
    """

    widget = MeetingInput
    default_error_messages = {
        "invalid": "Enter a meeting as its group and number, like SEC#12.",
        "unknown": "There is no meeting %(name)s in the record.",
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = _MEETING_NAME.fullmatch(value)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        group, number = match["group"], match["number"]
        found = list(
            Meeting.objects.select_related("group").filter(
                Q(group__code__iexact=group) | Q(group__short_name__iexact=group),
                number__iexact=number,
            )[:10]
        )
        if not found:
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"name": value}
            )
        # Numbers differing only by case are different meetings: the exact spelling wins.
        return min(
            found, key=lambda meeting: (meeting.group.code != group, meeting.number != number)
        )


class MeetingNameFilter(django_filters.Filter):
    """A filter on one meeting typed by name (`MeetingField`); its value is the Meeting."""

    field_class = MeetingField


class QuickSelect(forms.Select):
    """A select that writes its options itself, for long lists (every organisation).

    Django's Select renders two templates per option; for a couple of hundred options that
    was a large share of the contribution list's time. Same markup, flat choices only.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (choice, " selected" if str(choice) in selected else "", label)
                for choice, label in self.choices
            ),
        )
        attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        return format_html("<select{}>\n{}\n</select>", flatatt(attrs), options)
