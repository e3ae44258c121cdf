"""The English plural forms resources/translations/update.py writes from a counted source text."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "resources" / "translations" / "update.py"


def load():
    spec = importlib.util.spec_from_file_location("translations_update", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_english_forms_from_the_source():
    forms = load().english_forms
    assert forms("%n word(s)") == ("%n word", "%n words")
    assert forms("Deleted %n child(ren)") == ("Deleted %n child", "Deleted %n children")
    assert forms("%n time(s) in {file} [has|have] no time zone; [it was|they were] read as {zone} time.") == (
        "%n time in {file} has no time zone; it was read as {zone} time.",
        "%n times in {file} have no time zone; they were read as {zone} time.",
    )
    assert forms("%Ln change(s) [matches|match]") == ("%Ln change matches", "%Ln changes match")


def test_every_english_catalogue_holds_each_counted_text_with_two_forms():
    import xml.etree.ElementTree as ET

    for ts in sorted(SCRIPT.parent.glob("*_en.ts")):
        messages = list(ET.parse(ts).getroot().iter("message"))
        assert messages, ts.name
        for message in messages:
            source = message.findtext("source")
            forms = [f.text for f in message.find("translation").findall("numerusform")]
            assert message.get("numerus") == "yes" and forms == list(load().english_forms(source)), source
            assert ts.with_suffix(".qm").is_file()
