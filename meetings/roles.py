"""The roles Plenary knows: the secretariat edits the record, delegates read it."""

SECRETARIAT = "Secretariat"

# The apps whose records the secretariat keeps; it may add, change, delete and view them all.
SECRETARIAT_APPS = ["meetings", "contributions", "actions"]
