"""Grammar points by name (free text refused), and the dates a migration could not know: imported words and
grammar are told apart by the stamp their migration noted, and the words chart gets the import as a step."""

from __future__ import annotations

import pytest

from desktop import grammar, import_dates, services
from desktop.errors import ValidationError
from desktop.legacy import importer
from desktop.legacy.read import read_legacy
from desktop.legacy.result import MigrationResult
from desktop.models import AuditLog, MasteredGrammar, MasteredWord
from desktop.store import audit

LEGACY = "http://srs4autism.com/instance/gp-a1-001-%E6%98%AF-sentence"


@pytest.mark.parametrize(
    ("uri", "name"),
    [
        (LEGACY, "A1 · 是 sentence"),
        ("http://srs4autism.com/instance/gp-a2-010-you-possession", "A2 · you possession"),
        ("http://srs4autism.com/instance/gp-b1-later", "gp-b1-later"),
        ("grammar://zh/ba-construction", "ba-construction"),
        ("", ""),
    ],
)
def test_grammar_names(uri, name):
    assert grammar.grammar_name(uri) == name


def test_point_numbers_tell_same_names_apart():
    assert grammar.point_number("http://srs4autism.com/instance/gp-a1-007-shi-sentence") == 7
    assert grammar.point_number("grammar://zh/ba") is None


@pytest.mark.parametrize(
    "text",
    ["not a grammar point", "gp-a1-001-shi-sentence", "是 sentence", "http://", "http://srs4autism.com/instance/gp a1"],
)
def test_free_text_is_not_a_grammar_address(text):
    assert not grammar.is_legacy_address(text)


def test_adding_free_text_grammar_is_refused_and_writes_nothing(any_ledger):
    kid = services.create_profile("Mei")["id"]
    before = AuditLog.select().count()
    with pytest.raises(ValidationError) as refused:
        services.add_grammar(kid, "not a grammar point")
    assert refused.value.field == "grammar_uri" and "address" in refused.value.message
    assert MasteredGrammar.select().count() == 0 and AuditLog.select().count() == before
    row = services.add_grammar(kid, f"  {LEGACY} ")
    assert row["grammar_uri"] == LEGACY
    with pytest.raises(ValidationError):
        services.update_row("mastered_grammar", row["id"], row["version"], {"grammar_uri": "is / was"})
    assert MasteredGrammar.get_by_id(row["id"]).grammar_uri == LEGACY


def _migrate(sample_legacy) -> MigrationResult:
    read = read_legacy(sample_legacy, assume_tz="+08:00")
    first = importer.profile_choices(read)[0][0]
    result = importer.migrate(sample_legacy, assume_tz="+08:00", assign_to=first)
    assert result.status == "migrated", result.message
    return result


def test_imported_rows_carry_the_noted_stamp(any_ledger, sample_legacy):
    result = _migrate(sample_legacy)
    note = audit.batch_notes(any_ledger, [result.batch_id])[result.batch_id]["note"]
    stamp = note["imported_at"]
    assert import_dates.migration_stamps() == {stamp}
    assert {w.added_at for w in MasteredWord.select()} == {stamp}
    assert {g.added_at for g in MasteredGrammar.select()} == {stamp}
    kid = MasteredWord.select().first().profile_id
    later = services.add_word(kid, "新词", "zh")
    assert later["added_at"] not in import_dates.migration_stamps()


def test_a_migration_noted_without_its_stamp_is_still_recognised(any_ledger):
    kid = services.create_profile("Mei")["id"]
    stamp = "2024-05-06T07:08:09.000001+00:00"
    with audit.writing("migration"):
        audit.note_batch("migration", {"archive": "legacy-old.zip"})  # as migrations wrote it before
        services.insert_rows(
            "mastered_words",
            ("profile_id", "word", "language", "added_at"),
            [(kid, "猫", "zh", stamp), (kid, "狗", "zh", stamp)],
        )
    services.add_word(kid, "鱼", "zh")
    assert import_dates.migration_stamps() == {stamp}


def test_the_chart_series_starts_at_zero_and_steps_at_the_import(any_ledger, sample_legacy):
    _migrate(sample_legacy)
    kid = MasteredWord.select().first().profile_id
    series = import_dates.words_over_time(kid)
    zh = MasteredWord.select().where((MasteredWord.profile == kid) & (MasteredWord.language == "zh")).count()
    en = MasteredWord.select().where((MasteredWord.profile == kid) & (MasteredWord.language == "en")).count()
    assert [(p.zh, p.en) for p in series.points] == [(0, 0), (zh, en)]
    (step,) = series.imports
    assert (step.zh, step.en, step.total) == (zh, en, zh + en)
    assert step.month == series.points[1].month
    assert series.points[0].month < step.month


def test_no_migration_no_steps(ledger):
    kid = services.create_profile("Mei")["id"]
    services.bulk_add_words(kid, "猫, 狗", "zh")
    series = import_dates.words_over_time(kid)
    assert series.imports == [] and [(p.zh, p.en) for p in series.points] == [(2, 0)]


@pytest.mark.parametrize(
    ("typed", "looked_for"),
    [
        ("是 sentence", "%E6%98%AF-sentence"),
        ("A1 · 是 sentence", "%E6%98%AF-sentence"),
        ("A1 ·", "gp-a1-"),
        ("shi  sentence", "shi-sentence"),
        ("gp-a1-001", "gp-a1-001"),
    ],
)
def test_a_filter_by_name_looks_for_the_encoded_address(typed, looked_for):
    assert grammar.filter_text(typed) == looked_for


def test_deleted_children_are_known_by_the_name_they_had(any_ledger):
    from desktop.store import audit_log

    mei, tom = services.create_profile("Mei")["id"], services.create_profile("Tom")["id"]
    services.delete_profile(tom)
    assert audit_log.deleted_profile_names() == {tom: "Tom"}
    assert audit_log.profile_names() == {mei: "Mei"}
