"""Where the app's read-only resources are (translations, icons, the invented demo data set). Qt-free.

The same ``resources/`` folder is found in four layouts:

- ``$MASTERY_LEDGER_RESOURCES`` (tests, portable use);
- a frozen bundle: ``<bundle>/_internal/resources`` (``sys._MEIPASS``), see packaging/mastery_ledger.spec;
- a checkout (or an editable install): ``resources/`` beside the ``desktop`` package;
- ``pip install .``: ``<prefix>/share/mastery-ledger/resources`` (pyproject's data-files), found through the
  installed distribution's file list, so user and virtual-environment installs work too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_ENV = "MASTERY_LEDGER_RESOURCES"
DISTRIBUTION = "mastery-ledger"
#: Sub-folders that mark a resources folder (any one is enough: a build may lack translations).
MARKERS = ("translations", "icons", "demo")


def _installed_location() -> Path | None:
    """``<prefix>/share/mastery-ledger/resources`` of an installed (non-editable) distribution, if any."""
    from importlib import metadata  # why: deferred; only an installed (non-checkout, non-frozen) copy needs it

    try:
        files = metadata.distribution(DISTRIBUTION).files or []
    except metadata.PackageNotFoundError:
        return None
    for entry in files:
        if "resources" not in Path(str(entry)).parts:
            continue
        path = Path(entry.locate()).resolve()
        for parent in path.parents:
            if parent.name == "resources" and parent.parent.name == DISTRIBUTION:
                return parent
    return None


def candidates() -> list[Path]:
    """The places looked at, in order."""
    found: list[Path] = []
    override = os.environ.get(RESOURCES_ENV)
    if override:
        found.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    here = Path(__file__).resolve()
    found += [here.parents[1] / "resources", here.parent / "resources"]
    return found


def _is_resources(path: Path) -> bool:
    return any((path / marker).is_dir() for marker in MARKERS)


def resources_dir() -> Path:
    """The ``resources`` folder (the first candidate when none exists, so error messages name a real place)."""
    for candidate in candidates():
        if _is_resources(candidate):
            return candidate
    installed = _installed_location()
    if installed is not None and _is_resources(installed):
        return installed
    return candidates()[0]


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def app_icon_files() -> list[Path]:
    """The application icon's PNGs (16 … 512 px), smallest first, for ``QIcon.addFile``."""
    files = [p for p in icons_dir().glob("app-*.png") if p.stem.removeprefix("app-").isdigit()]
    return sorted(files, key=lambda p: int(p.stem.removeprefix("app-")))


def demo_dir() -> Path:
    return resources_dir() / "demo"
