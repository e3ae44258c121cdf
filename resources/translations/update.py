"""Refresh the translations: extract every marked string of the app into its one catalogue per language
(existing translations are kept), then compile the ``.qm`` files the app loads (``desktop/ui/i18n.py``).

    python resources/translations/update.py          # lupdate + lrelease
    python resources/translations/update.py --check  # fail if the catalogues are out of date or a string is
                                                     # untranslated (changes nothing)

The strings come from every ``.py`` file under ``desktop/`` (a new module is picked up without a list to update);
Qt contexts are class names, so moving a class between modules keeps its translations. Translate new strings with
Qt Linguist (``pyside6-linguist``) or by editing ``mastery_ledger_<language>.ts``, then run it again.

Counted strings use Qt's plural forms (``tr("%n word(s)", "", n)``, ``QT_TRANSLATE_NOOP`` texts translated with
``QCoreApplication.translate(context, text, None, n)``). English needs a catalogue of its own for them
(``mastery_ledger_en.ts``: every message whose source holds ``%n`` or ``%Ln``, as a plural message); its two forms
are written here from the source: ``word(s)`` → ``word`` / ``words``, ``child(ren)`` → ``child`` / ``children``,
``[is|are]`` → ``is`` / ``are``.

Qt's own strings that Qt's catalogue (``qtbase_*``) lacks are in ``qt_extra_<language>.ts``, written by hand and
compiled here too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("zh_CN",)
DOMAIN = "mastery_ledger"
QT_EXTRA = "qt_extra"

_PLURAL_MARK = re.compile(r"\((s|es|ren)\)")
_CHOICE_MARK = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")
_COUNTED = re.compile(r"%L?n")


def sources() -> list[Path]:
    """Every Python file of the app (the core's few marked strings too, e.g. the declared settings)."""
    return sorted((ROOT / "desktop").rglob("*.py"))


def catalogues(folder: Path = HERE) -> list[tuple[Path, str]]:
    """The catalogue of each language, English (plural forms only) last."""
    return [(folder / f"{DOMAIN}_{language}.ts", language) for language in (*LANGUAGES, "en")]


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
        if translation is None:
            translation = ET.SubElement(message, "translation")
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
        texts = [(f.text or "").strip() for f in forms]
        return "" if not all(texts) else " ".join(texts)
    return (translation.text or "").strip()


def unfinished(ts: Path) -> list[str]:
    """The source texts of ``ts`` without a (finished) translation."""
    root = ET.parse(ts).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") in ("obsolete", "vanished"):
            continue
        if translation is None or translation.get("type") == "unfinished" or not translated_text(translation):
            missing.append(message.findtext("source") or "")
    return missing


def _run(*command: str) -> None:
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def lupdate(language: str, ts: Path) -> None:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    _run("pyside6-lupdate", *files, "-no-obsolete", "-locations", "none", "-target-language", language, "-ts", str(ts))


def lrelease(ts: Path) -> None:
    _run("pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm")))


def refresh(folder: Path) -> None:
    """Extract the strings into the catalogues in ``folder`` and compile them (and the ``qt_extra`` ones)."""
    for ts, language in catalogues(folder):
        lupdate(language, ts)
        if language == "en":
            fill_english_plurals(ts)
        lrelease(ts)
    for language in LANGUAGES:
        lrelease(folder / f"{QT_EXTRA}_{language}.ts")


Entry = tuple[str, str, str, str, str, tuple[str, ...]]


def entries(ts: Path) -> set[Entry]:
    """What a catalogue says, whatever lupdate version wrote it: (context, source, comment, numerus, translation
    type, translated forms) of each message (translator's notes and order aside)."""
    found = set()
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms: tuple[str, ...] = ()
            if translation is not None:
                forms = tuple(f.text or "" for f in translation.findall("numerusform")) or (translation.text or "",)
            found.add(
                (
                    context.findtext("name") or "",
                    message.findtext("source") or "",
                    message.findtext("comment") or "",
                    message.get("numerus") or "",
                    "" if translation is None else translation.get("type") or "",
                    forms,
                )
            )
    return found


def compiled_differently(ts: Path) -> list[str]:
    """The translated messages of ``ts`` its compiled ``.qm`` does not translate the same (all when it is missing)."""
    from PySide6.QtCore import QTranslator  # why: only the check needs Qt; refreshing runs the Qt tools alone

    translator = QTranslator()
    loaded = translator.load(str(ts.with_suffix(".qm")))
    wrong = []
    for context, source, comment, numerus, kind, forms in sorted(entries(ts)):
        if kind or not all(forms):
            continue  # untranslated: reported as such
        for n, form in enumerate(forms, start=1):  # n = 1 asks for the first form, 2 for the second
            got = translator.translate(context, source, comment or None, n if numerus else -1) if loaded else ""
            if got != form:
                wrong.append(source)
    return wrong


def check() -> list[str]:
    """What is wrong with the committed catalogues: out of date with the code (a string added, changed or removed
    without running this script), not compiled, or a string without a translation. Refreshes a copy; changes
    nothing."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="ml-translations-") as tmp:
        folder = Path(tmp)
        committed = [ts for ts, _ in catalogues()] + [HERE / f"{QT_EXTRA}_{language}.ts" for language in LANGUAGES]
        for ts in committed:
            shutil.copy2(ts, folder / ts.name)
        refresh(folder)
        for ts in committed:
            if entries(ts) != entries(folder / ts.name):
                problems.append(f"{ts.name} is out of date with the code: run {Path(__file__).name}")
            elif compiled_differently(ts):
                problems.append(f"{ts.with_suffix('.qm').name} is out of date: run {Path(__file__).name}")
        for ts, _ in catalogues(folder):
            missing = unfinished(ts)
            if missing:
                problems.append(f"{ts.name}: {len(missing)} strings without a translation, e.g. {missing[:3]}")
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = check()
        print("\n".join(problems) or "The catalogues hold every string of the code, all translated.")
        return 1 if problems else 0
    refresh(HERE)
    for ts, _ in catalogues():
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} strings without a translation, e.g. {missing[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
