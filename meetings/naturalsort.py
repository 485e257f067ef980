"""Sort keys that put "6.10" after "6.9" and "SEC#9" before "SEC#12"."""

import re

_DIGITS = re.compile(r"\d+")
WIDTH = 8


def natural_key(text):
    """Return a string whose plain (database) order is the natural order of `text`.

    Every run of digits is zero-padded to a fixed width, so "6.9" becomes "00000006.00000009"
    and sorts before "00000006.00000010". Letters compare case-insensitively.
    """
    return _DIGITS.sub(lambda m: m.group().zfill(WIDTH), text.casefold())
