from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "oneM2M-SEC12-minutes.txt"


def sample_text():
    return SAMPLE.read_text(encoding="utf-8")


def minutes_with(contributions, meeting="SEC_13_Agenda", start=400):
    """Minutes written the way SEC#12's are, with `contributions` agreed documents in 6.1."""
    lines = [
        "1",
        "Opening of the meeting",
        "2",
        "Review & Approval of Agenda",
        f"SEC-2014-{start:04d}-{meeting}",
        f"SEC-2014-{start:04d} was AGREED",
        "6",
        "Contributions for decision",
        "6.1",
        "Chapter 6",
    ]
    for index in range(1, contributions + 1):
        number = f"SEC-2014-{start + index:04d}"
        lines += [
            f"· {number}R01, Clean Up CR number {index}",
            "· Presented by Wei Zhou, CATT",
            "· Comments",
            f"· This contribution is related to contribution -{start + index - 1:04d}.",
            f"· {number}R01 was AGREED",
        ]
    return "\n".join(lines) + "\n"
