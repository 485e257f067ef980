"""The words dialects read minutes into are the words the record stores."""

from pathlib import Path

import pytest

from actions.models import ActionItem, StatusUpdate
from contributions.models import Handling, Relation
from meetings.minutes import dialects, find_files, load
from meetings.minutes.dialects import onem2m
from meetings.vocabularies import Decision, RelationKind, Status

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def test_the_models_store_the_vocabularies_the_dialects_read_into():
    assert Handling._meta.get_field("decision").choices == Decision.choices
    assert Relation._meta.get_field("kind").choices == RelationKind.choices
    assert StatusUpdate._meta.get_field("status").choices == Status.choices
    assert ActionItem._meta.get_field("current_status").choices == Status.choices


def test_every_word_the_onem2m_dialect_knows_is_one_of_the_records():
    assert set(onem2m.DECISIONS.values()) <= set(Decision)
    assert set(onem2m._STATUSES.values()) <= set(Status)
    assert {kind for _, kind in onem2m._RELATION_CUES} <= set(RelationKind)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    find_files([SAMPLES]),
    ids=lambda p: p.name,
)
def test_what_each_sample_reads_into_is_in_the_records_vocabulary(path):
    minutes = load(path, max_bytes=10**8).minutes

    assert minutes.dialect in dialects.DIALECTS
    for contribution in minutes.contributions:
        assert {r.decision for r in contribution.revisions} <= {None, *Decision.values}
        assert {r.type for r in contribution.relations} <= set(RelationKind.values)
    assert {a.status for a in minutes.actions} <= {None, *Status.values}
