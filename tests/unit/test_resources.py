"""desktop.resources finds resources/ in a checkout, a frozen bundle (sys._MEIPASS) or where the environment says."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop import resources

ROOT = Path(__file__).resolve().parents[2]


def make_resources(folder: Path) -> Path:
    (folder / "icons").mkdir(parents=True)
    for size in (48, 16, 256):
        (folder / "icons" / f"app-{size}.png").write_bytes(b"png")
    (folder / "icons" / "app-source.png").write_bytes(b"not a size")
    return folder


def test_checkout():
    assert resources.resources_dir() == ROOT / "resources"
    assert (resources.demo_dir() / "legacy" / "data" / "profiles" / "child_profiles.json").is_file()
    sizes = [int(p.stem.removeprefix("app-")) for p in resources.app_icon_files()]
    assert sizes == sorted(sizes) and 16 in sizes and 512 in sizes


def test_frozen_bundle(tmp_path, monkeypatch):
    bundled = make_resources(tmp_path / "_internal" / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert resources.resources_dir() == bundled
    assert [p.name for p in resources.app_icon_files()] == ["app-16.png", "app-48.png", "app-256.png"]


def test_environment_wins(tmp_path, monkeypatch):
    chosen = make_resources(tmp_path / "elsewhere")
    monkeypatch.setenv(resources.RESOURCES_ENV, str(chosen))
    assert resources.resources_dir() == chosen
    assert resources.translations_dir() == chosen / "translations"
