"""Project metadata for the bundle, read once from pyproject.toml: the version, and the Windows version resource
(the text form PyInstaller's ``EXE(version=...)`` loads). Qt-free and PyInstaller-free, so build.py uses it too."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "Mastery Ledger"
BUNDLE_NAME = "MasteryLedger"  # folder and executable name (no space: scripts and shortcuts stay simple)
BUNDLE_ID = "org.masteryledger.desktop"
COMPANY = "Mastery Ledger"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def version() -> str:
    return project()["version"]


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    """``0.1.0`` → (0, 1, 0, 0); pre-release tails (``1.2.0rc1``) keep their leading digits."""
    parts = []
    for piece in (text or version()).split(".")[:4]:
        digits = re.match(r"\d*", piece).group()
        parts.append(int(digits[:5] or 0))
    return tuple((parts + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def windows_version_text(exe_name: str) -> str:
    """A VSVersionInfo in the text form of PyInstaller's ``--version-file``."""
    meta = project()
    v = version_tuple(meta["version"])
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": APP_NAME,
        "FileVersion": meta["version"],
        "InternalName": BUNDLE_NAME,
        "LegalCopyright": f"{meta.get('license', {}).get('text', '')} licence".strip(),
        "OriginalFilename": exe_name,
        "ProductName": APP_NAME,
        "ProductVersion": meta["version"],
        "Comments": meta.get("description", ""),
    }
    entries = ",\n          ".join(f"StringStruct({k!r}, {val!r})" for k, val in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0,
                    date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
          {entries}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
