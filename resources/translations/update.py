"""Refresh the window's translations: extract every marked string into ``mastery_ledger_zh_CN.ts`` (existing
translations are kept), then compile the ``.qm`` files the app loads.

    python resources/translations/update.py          # lupdate + lrelease
    python resources/translations/update.py --check  # fail if a string has no translation yet

Translate new strings with Qt Linguist (``pyside6-linguist``) or by editing the ``.ts`` file, then run it again.
The migration wizard keeps its own ``wizard_*.ts``, the audit/backup/health dialogs their ``audit_*.ts``.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("zh_CN",)
DOMAIN = "mastery_ledger"


#: The main window's modules. The wizard (wizard_*.ts) and the audit, backup and health dialogs (audit_*.ts) keep
#: catalogues of their own, loaded by their modules.
WINDOW_MODULES = (
    "app", "backup_bridge", "cards", "chart", "chat", "crash", "dialogs", "formatting", "i18n", "main_window",
    "messages", "opening", "overview", "profiles", "record_models", "rich_text", "server_dialogs", "settings_dialog",
    "single_instance", "table_model", "table_page", "tags", "widgets", "workers",
)


def sources() -> list[Path]:
    """The files whose strings this catalogue holds: the window's modules and the declared settings."""
    ui = ROOT / "desktop" / "ui"
    return [*(ui / f"{name}.py" for name in WINDOW_MODULES if (ui / f"{name}.py").exists()),
            ROOT / "desktop" / "settings.py"]


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished",) or not (translation.text or "").strip():
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: list[str]) -> int:
    for language in LANGUAGES:
        ts = HERE / f"{DOMAIN}_{language}.ts"
        if "--check" not in argv:
            files = [str(p.relative_to(ROOT)) for p in sources()]
            subprocess.run(["pyside6-lupdate", *files, "-no-obsolete", "-locations", "none", "-target-language",
                            language, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
            subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
            # Qt's own strings its catalogue lacks (hand-written: nothing to extract), compiled alongside.
            extra = HERE / f"qt_extra_{language}.ts"
            subprocess.run(["pyside6-lrelease", str(extra), "-qm", str(extra.with_suffix(".qm"))], check=True)
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} strings without a translation, e.g. {missing[:3]}")
            if "--check" in argv:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
