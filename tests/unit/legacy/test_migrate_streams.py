"""A migration streams the legacy files: the memory it holds stays below the size of the largest file, and when the
folder holds ten times as many records (and bytes) it grows by a light record per card and message only. It reads them twice (checking, then writing and
verifying); a file changed in between is refused and nothing is written.

Measured with tracemalloc (every allocation Python makes, strings of the file and rows built included; SQLite's own
page cache is bounded by its cache_size and is not the subject here) around ``importer.migrate`` into a fresh
database, after a small migration has imported every module the path uses. Reading a file whole costs its bytes,
its text and its objects at once (several times the file), so each assertion fails if a file is read whole. No
timing is asserted."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.errors import LedgerError
from desktop.legacy import importer
from desktop.store import db

from .corpus import write_corpus
from .test_importer import snapshot

#: Records of the smaller folder: words of each child, cards (each with a 100 KB image: the card file is the largest
#: file, as in a real folder) and chat messages; the bigger folder has FACTOR times as many children, cards and
#: messages (~100 MB of cards; the tutor corpus at 10×, ~4M records, is bench/migrate.py --sizes' work).
CHILDREN, ZH, EN, CARDS, CHATS = 3, 1_500, 1_000, 100, 300
IMAGE_CHARS = 100_000
FACTOR = 10


def peak_above_start(folder: Path, assign_to: str, db_path: Path) -> int:
    """The most memory Python held during the migration of ``folder`` beyond what it held before it started."""
    db.open_database(db_path)
    try:
        gc.collect()
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            result = importer.migrate(folder, assume_tz="+08:00", assign_to=assign_to)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert result.status == "migrated" and result.ok, result.message
        identical, _, source = result.proof()
        assert identical == source == sum(result.new.values())
    finally:
        db.close_database()
    return peak - start


def corpus(root: Path, factor: int) -> dict:
    return write_corpus(
        root,
        profiles=CHILDREN * factor,
        zh_words=ZH,
        en_words=EN,
        grammar=20,
        cards=CARDS * factor,
        chats=CHATS * factor,
        card_image_chars=IMAGE_CHARS,
        bom={"chat"},
        escaped={"profiles"},
        seed=5,
    )


def largest_file(info: dict) -> int:
    return max(path.stat().st_size for path in info["files"].values() if path is not None)


def test_a_migration_holds_less_than_the_largest_file_and_does_not_grow(tmp_path: Path) -> None:
    warm = write_corpus(tmp_path / "warm", profiles=2, cards=3, chats=4)
    peak_above_start(warm["read_path"], warm["profiles"][0]["name"], tmp_path / "warm.db")  # imports everything

    small, big = corpus(tmp_path / "small", 1), corpus(tmp_path / "big", FACTOR)
    assert largest_file(big) > 9 * largest_file(small)  # the cards file: 10 MB, then 100 MB
    small_peak = peak_above_start(small["read_path"], small["profiles"][0]["name"], tmp_path / "small.db")
    big_peak = peak_above_start(big["read_path"], big["profiles"][0]["name"], tmp_path / "big.db")

    assert small_peak < largest_file(small), (small_peak, largest_file(small))
    # ten times the records and the bytes: still a fraction of the largest file (read whole, it would be several
    # times the file)
    assert big_peak < largest_file(big) / 4, (big_peak, largest_file(big))
    # what grows is a light record per card and message (its ids and digests, never its content: a card here
    # carries 100 KB) and a child's word counts: well under 2 KB per card or message added
    added = sum(len(big[k]) - len(small[k]) for k in ("cards", "chats"))
    assert big_peak - small_peak < 2_000 * added, (small_peak, big_peak, added)


def changed_while_writing(path: Path, change) -> Callable[[int, int, str], None]:
    """A progress callback that changes ``path`` once the words are being written: after the first reading, the
    archive and the backup, while the files are read a second time."""
    done: list[bool] = []

    def progress(_done: int, _total: int, stage: str) -> None:
        if stage == "Writing words" and not done:
            done.append(True)
            change(path)

    return progress


@pytest.mark.parametrize(
    "change",
    [
        # the same records, one more byte: only the file's checksum says it is another file
        lambda p: p.write_bytes(p.read_bytes() + b" "),
        # a card's content changed (same length): found at that card
        lambda p: p.write_bytes(p.read_bytes().replace(b'"front"', b'"fronT"', 1)),
    ],
    ids=["checksum", "content"],
)
def test_a_file_changed_between_the_two_readings_is_refused(tmp_path: Path, ledger, change) -> None:
    info = write_corpus(tmp_path / "legacy", profiles=2, zh_words=200, en_words=100, cards=5, chats=8)
    assert b'"front"' in info["files"]["cards"].read_bytes()
    before = snapshot()
    progress = changed_while_writing(info["files"]["cards"], change)
    with pytest.raises(LedgerError) as caught:
        importer.migrate(
            info["read_path"], assume_tz="+08:00", assign_to=info["profiles"][0]["name"], progress=progress
        )
    assert caught.value.code == "source_changed"
    assert str(caught.value) == (
        "data/content_db/approved_cards.json changed while it was being migrated. Nothing was written; please try again."
    )
    assert snapshot() == before  # nothing of the migration is in the database
