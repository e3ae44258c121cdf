"""Refresh the translations: extract every marked string into the catalogues (existing translations are kept),
then compile the ``.qm`` files the app loads.

    python resources/translations/update.py          # lupdate + lrelease
    python resources/translations/update.py --check  # fail if a string has no translation yet

Translate new strings with Qt Linguist (``pyside6-linguist``) or by editing the ``.ts`` file, then run it again.
The migration wizard keeps its own ``wizard_*.ts``, the audit/backup/health dialogs their ``audit_*.ts`` (see the
README for their lupdate commands).

Counted strings use Qt's plural forms (``tr("%n word(s)", "", n)``, ``QT_TRANSLATE_NOOP`` texts translated with
``QCoreApplication.translate(context, text, None, n)``). English needs a catalogue of its own for them (``*_en.ts``:
every message whose source holds ``%n`` or ``%Ln``, as a plural message); its two forms are written here from the source:
``word(s)`` → ``word`` / ``words``, ``child(ren)`` → ``child`` / ``children``, ``[is|are]`` → ``is`` / ``are``.
"""

from __future__ import annotations

import re
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
    "app",
    "cards",
    "chart",
    "chat",
    "crash",
    "dialogs",
    "formatting",
    "i18n",
    "main_window",
    "messages",
    "opening",
    "overview",
    "profiles",
    "record_models",
    "rich_text",
    "server_dialogs",
    "settings_dialog",
    "single_instance",
    "table_model",
    "table_page",
    "tags",
    "welcome",
    "widgets",
    "workers",
)


#: The audit, backup and health dialogs' modules (audit_*.ts).
AUDIT_MODULES = ("audit_viewer", "backup_dialogs", "health")


def sources(domain: str = DOMAIN) -> list[Path]:
    """The files whose strings a catalogue holds: for the window's, its modules and the declared settings."""
    ui = ROOT / "desktop" / "ui"
    if domain == "wizard":
        return sorted((ui / "wizard").glob("*.py"))
    if domain == "audit":
        return [ui / f"{name}.py" for name in AUDIT_MODULES]
    return [
        *(ui / f"{name}.py" for name in WINDOW_MODULES if (ui / f"{name}.py").exists()),
        ROOT / "desktop" / "settings.py",
    ]


#: Every catalogue's English plural forms are written here; the window's Chinese one is extracted here too.
DOMAINS = (DOMAIN, "wizard", "audit")
_PLURAL_MARK = re.compile(r"\((s|es|ren)\)")
_CHOICE_MARK = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")
_COUNTED = re.compile(r"%L?n")


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural English forms of a counted source string: ``%n word(s)`` → ``%n word`` /
    ``%n words``; ``[is|are]`` → ``is`` / ``are``."""
    singular = _CHOICE_MARK.sub(lambda m: m.group(1), _PLURAL_MARK.sub("", source))
    plural = _CHOICE_MARK.sub(lambda m: m.group(2), _PLURAL_MARK.sub(lambda m: m.group(1), source))
    return singular, plural


def fill_english_plurals(ts: Path) -> None:
    """Make a ``*_en.ts`` the English plural catalogue: only the counted messages (``%n``), each a plural message
    with its English forms (they follow from the source)."""
    tree = ET.parse(ts)
    root = tree.getroot()
    for context in list(root.iter("context")):
        for message in list(context.iter("message")):
            if not _COUNTED.search(message.findtext("source") or ""):
                context.remove(message)
        if context.find("message") is None:
            root.remove(context)
    for message in root.iter("message"):
        message.set("numerus", "yes")
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        for form in english_forms(message.findtext("source") or ""):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def translated_text(translation: ET.Element | None) -> str:
    """A translation's text; for a plural message, its forms (all must be there)."""
    if translation is None:
        return ""
    forms = translation.findall("numerusform")
    if forms:
        return "" if any(not (f.text or "").strip() for f in forms) else " ".join(f.text for f in forms)
    return (translation.text or "").strip()


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished",) or not translated_text(translation):
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            missing.append(message.findtext("source") or "")
    return missing


def lupdate(domain: str, language: str, ts: Path, *options: str) -> None:
    files = [str(p.relative_to(ROOT)) for p in sources(domain)]
    subprocess.run(
        [
            "pyside6-lupdate",
            *files,
            "-no-obsolete",
            "-locations",
            "none",
            *options,
            "-target-language",
            language,
            "-ts",
            str(ts.relative_to(ROOT)),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def main(argv: list[str]) -> int:
    failed = False
    for domain in DOMAINS:
        catalogues = [(HERE / f"{domain}_{language}.ts", language) for language in LANGUAGES if domain == DOMAIN]
        catalogues.append((HERE / f"{domain}_en.ts", "en"))
        for ts, language in catalogues:
            if "--check" not in argv:
                if language == "en":
                    lupdate(domain, language, ts)
                    fill_english_plurals(ts)
                else:
                    lupdate(domain, language, ts)
                subprocess.run(
                    ["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, capture_output=True
                )
                if language != "en":  # Qt's own strings its catalogue lacks (hand-written), compiled alongside
                    extra = HERE / f"qt_extra_{language}.ts"
                    subprocess.run(
                        ["pyside6-lrelease", str(extra), "-qm", str(extra.with_suffix(".qm"))],
                        check=True,
                        capture_output=True,
                    )
            missing = unfinished(ts)
            if missing:
                print(f"{ts.name}: {len(missing)} strings without a translation, e.g. {missing[:3]}")
                failed = True
    return 1 if failed and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
