"""Backup thinning (Anki-style) against a year of synthetic backup dates. Pure: no files, no database."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.backup.check import list_backups
from desktop.backup.manifest import MANIFEST_KIND, BackupInfo
from desktop.backup.retention import BackupPolicy, backups_to_keep, kept_by_thinning, prune

NOW = datetime(2025, 6, 15, 18, 30, tzinfo=UTC)
POLICY = BackupPolicy()


def every(hours: float, days: int, now: datetime = NOW, reason: str = "auto") -> list[tuple[str, datetime, str]]:
    """A backup every ``hours`` for ``days`` days before ``now``."""
    out = []
    t = now - timedelta(days=days)
    while t <= now:
        out.append((f"b-{t:%Y%m%d-%H%M%S}", t, reason))
        t += timedelta(hours=hours)
    return out


def kept_times(backups, keep) -> list[datetime]:
    return sorted((t for name, t, _ in backups if name in keep), reverse=True)


def test_empty_and_single():
    assert backups_to_keep([], NOW, POLICY) == set()
    assert backups_to_keep([("only", NOW - timedelta(days=800), "auto")], NOW, POLICY) == {"only"}


def test_a_year_of_backups_every_three_hours():
    year = every(3, 365)
    keep = backups_to_keep(year, NOW, POLICY)
    times = kept_times(year, keep)
    recent = [t for t in times if NOW - t < timedelta(days=2)]
    older = [t for t in times if NOW - t >= timedelta(days=2)]

    # every backup of the last two days
    assert len(recent) == sum(1 for _, t, _ in year if NOW - t < timedelta(days=2))
    # then 12 daily, 10 weekly, 9 monthly: 31 more, each in its own period, going back in time
    assert len(older) == POLICY.daily + POLICY.weekly + POLICY.monthly
    daily, weekly, monthly = older[:12], older[12:22], older[22:]
    days = [t.date() for t in daily]
    assert len(set(days)) == 12
    # consecutive days, starting with the day before the oldest kept-because-recent backup's day (that day is
    # already represented, as in Anki)
    assert days == [min(recent).date() - timedelta(days=n + 1) for n in range(12)]
    for t in daily:  # the newest backup of its day
        assert not any(t < u and u.date() == t.date() and NOW - u >= timedelta(days=2) for _, u, _ in year)
    weeks = [t.isocalendar()[:2] for t in weekly]
    assert len(set(weeks)) == 10 and daily[-1].isocalendar()[:2] not in weeks
    months = [(t.year, t.month) for t in monthly]
    assert len(set(months)) == 9 and (weekly[-1].year, weekly[-1].month) not in months
    # and that reaches back about a year, not further than the data
    assert NOW - monthly[-1] > timedelta(days=9 * 28)
    assert monthly[-1] >= min(t for _, t, _ in year)


def test_safety_backups_are_kept_thirty_days():
    year = every(6, 365)
    safety = [(f"s-{n}", NOW - timedelta(days=n, hours=5), "before-bulk-delete") for n in range(3, 60, 3)]
    keep = backups_to_keep(year + safety, NOW, POLICY)
    for name, t, _ in safety:
        if NOW - t < timedelta(days=30):
            assert name in keep
    old_safety = [name for name, t, _ in safety if NOW - t >= timedelta(days=45)]
    assert not set(old_safety) & keep  # after 30 days they are thinned like any other backup
    # the safety rule adds to the slots, it does not use them up
    plain = backups_to_keep(year, NOW, POLICY)
    assert plain <= keep | {name for name, _, _ in year}
    assert len({n for n in keep if n.startswith("b-")}) >= len(plain) - 3


def test_thinning_is_stable_and_idempotent():
    year = every(4, 365)
    keep = backups_to_keep(year, NOW, POLICY)
    survivors = [b for b in year if b[0] in keep]
    assert backups_to_keep(survivors, NOW, POLICY) == keep


def test_a_simulated_year_of_daily_rotation():
    """Backups at random times on most days for a year; rotation runs after each one, as auto_backup does."""
    rng = random.Random(20250615)
    start = datetime(2024, 6, 1, tzinfo=UTC)
    folder: list[tuple[str, datetime, str]] = []
    made = 0
    for day in range(380):
        if rng.random() < 0.15:
            continue  # the app was not used that day
        for _ in range(rng.randint(1, 5)):
            t = start + timedelta(days=day, seconds=rng.randint(6 * 3600, 23 * 3600))
            reason = "before-bulk-delete" if rng.random() < 0.05 else "auto"
            made += 1
            folder.append((f"b{made:05d}", t, reason))
            now = t
            keep = backups_to_keep(folder, now, POLICY)
            newest = max(folder, key=lambda b: b[1])
            assert newest[0] in keep
            for name, when, why in folder:  # nothing recent or young-and-safety is ever removed
                if now - when < timedelta(days=2) or (why.startswith("before-") and now - when < timedelta(days=30)):
                    assert name in keep
            folder = [b for b in folder if b[0] in keep]
            safety_young = sum(1 for _, w, r in folder if r.startswith("before-") and now - w < timedelta(days=30))
            recent = sum(1 for _, w, _ in folder if now - w < timedelta(days=2))
            assert len(folder) <= recent + safety_young + POLICY.daily + POLICY.weekly + POLICY.monthly
    # at the end: months of history are still there, one backup per period
    now = max(t for _, t, _ in folder)
    ages = sorted((now - t).days for _, t, _ in folder)
    assert ages[-1] >= 9 * 28
    months = {(t.year, t.month) for _, t, _ in folder}
    assert len(months) >= 9
    assert backups_to_keep(folder, now, POLICY) == {name for name, _, _ in folder}


def test_a_parent_who_rarely_opens_the_app_keeps_history():
    """Count-based like Anki: twelve *days that have backups*, not the last twelve calendar days."""
    sparse = [(f"m{n}", NOW - timedelta(days=30 * n + 1), "auto") for n in range(1, 20)]
    keep = backups_to_keep(sparse, NOW, POLICY)
    assert len(keep) == 19  # all within 12 daily + … slots
    assert backups_to_keep(sparse, NOW, BackupPolicy(daily=3, weekly=2, monthly=1)) == {
        "m1",
        "m2",
        "m3",
        "m4",
        "m5",
        "m6",
    }


def test_days_follow_the_time_zone_of_now():
    tz = timezone(timedelta(hours=8))
    now = datetime(2025, 6, 15, 12, 0, tzinfo=tz)
    # 23:30 and 00:30 local on consecutive local days, but the same UTC day
    a = ("a", datetime(2025, 6, 10, 23, 30, tzinfo=tz), "auto")
    b = ("b", datetime(2025, 6, 11, 0, 30, tzinfo=tz), "auto")
    assert backups_to_keep([a, b], now, BackupPolicy(daily=2, weekly=0, monthly=0)) == {"a", "b"}
    utc_now = now.astimezone(UTC)
    assert backups_to_keep([a, b], utc_now, BackupPolicy(daily=1, weekly=0, monthly=0)) == {"b"}


def test_custom_policy():
    year = every(12, 365)
    keep = backups_to_keep(year, NOW, BackupPolicy(keep_all_days=0, daily=1, weekly=1, monthly=1, safety_days=0))
    assert len(keep) == 3


@pytest.mark.parametrize("tz", [UTC, timezone(timedelta(hours=-5))])
def test_naive_times_are_taken_as_utc(tz):
    naive = [("x", (NOW - timedelta(days=1)).replace(tzinfo=None), "auto")]
    assert backups_to_keep(naive, NOW.astimezone(tz), POLICY) == {"x"}


def test_prune_on_files_follows_the_function(tmp_path):
    """prune() deletes exactly what backups_to_keep() does not keep (a .db and its manifest together)."""
    folder = tmp_path / "backups"
    folder.mkdir()
    year = every(24, 200)
    for n, (_, t, reason) in enumerate(year):
        name = f"ledger-{t:%Y%m%d-%H%M%S}"
        (folder / f"{name}.db").write_bytes(b"x" * n)
        manifest = {
            "kind": MANIFEST_KIND,
            "format": 1,
            "file": f"{name}.db",
            "reason": reason,
            "size": n,
            "sha256": "0" * 64,
            "created_at": t.isoformat().replace("+00:00", "Z"),
            "schema_version": 1,
        }
        (folder / f"{name}.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "ledger-20000101-000000.db").write_bytes(b"no manifest: never deleted by rotation")
    infos = list_backups(folder, verify=False)
    expected = backups_to_keep([(i.name, i.created_at, i.reason) for i in infos if i.manifest], NOW, POLICY)
    removed = prune(folder, POLICY, NOW)
    left = {p.name for p in folder.glob("*.db")}
    assert left == expected | {"ledger-20000101-000000.db"}
    assert {p.name for p in removed}.isdisjoint(left)
    assert {p.stem for p in folder.glob("*.json")} == {n[:-3] for n in expected}


def test_kept_by_thinning_is_what_prune_keeps_and_never_a_file_without_manifest():
    """The Restore list's "kept" column: the same rule as prune, and a backup whose manifest is unreadable is
    always kept (prune never deletes it)."""
    from pathlib import Path

    year = every(3, 365)
    infos = [
        BackupInfo(path=Path(f"/b/{name}.db"), created_at=when, reason=reason, manifest={"reason": reason})
        for name, when, reason in year
    ]
    infos.append(BackupInfo(path=Path("/b/orphan.db"), created_at=NOW - timedelta(days=300), manifest=None))
    kept = kept_by_thinning(infos, NOW, POLICY)
    assert kept == backups_to_keep([(f"{n}.db", t, r) for n, t, r in year], NOW, POLICY) | {"orphan.db"}
    assert len(kept) < len(infos) - 100
