"""How meetings are named, shared by the models, the admin and the minutes parser."""

# A meeting's number as written ("12", "27.1", "138-e"); it is part of the meeting's address,
# so no "/", "#", nor "." or ".." alone.
MEETING_NUMBER = r"^(?!\.{1,2}$)[A-Za-z0-9][A-Za-z0-9.\-]*$"
