"""Screenshots of the encryption dialogs a parent meets, in English and in Simplified Chinese: the recovery key
(shown once after Tools ▸ Encrypt…), the question asking for the recovery key, the passphrase chooser and the
locked welcome page.

    python packaging/encryption_screenshots.py     # starts its own Xvfb if there is no display

The key shown is invented (a random one made here, never stored). Images go to
docs/screenshots/encryption/<lang>-<dialog>.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import ROOT, screenshot_session  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "encryption"


def shoot(widget, name: str) -> Path:
    from PySide6.QtWidgets import QApplication

    widget.show()
    widget.adjustSize()
    for _ in range(5):
        QApplication.processEvents()
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    widget.close()
    return path


def main() -> int:
    with screenshot_session("ml-encryption-shots-", first=70):
        from desktop import keys
        from desktop.errors import WrongKey
        from desktop.ui import app as app_module
        from desktop.ui import i18n
        from desktop.ui.locked import LockedPage
        from desktop.ui.recovery_key import NewPassphraseDialog, RecoveryKeyDialog, SecretDialog

        app_module.create_application()
        OUT.mkdir(parents=True, exist_ok=True)
        key = keys.new_key()

        def wrong(_text: str) -> bytes:
            raise WrongKey(code="recovery_key_mistyped")

        made = []
        for language in ("en", "zh_CN"):
            i18n.translations().switch(language)
            dialog = RecoveryKeyDialog(keys.recovery_text(key), keys.key_id(key))
            made.append(shoot(dialog, f"{language}-recovery-key"))
            dialog.kept.setChecked(True)
            asked = SecretDialog(wrong, what=str(Path.home() / "Mastery Ledger" / "ledger.db"))
            asked.edit.setText("MLK1-ABCD-EFGH")
            asked.try_accept()
            made.append(shoot(asked, f"{language}-enter-recovery-key"))
            made.append(shoot(NewPassphraseDialog(), f"{language}-choose-passphrase"))
            made.append(shoot(LockedPage(Path.home() / "Mastery Ledger" / "ledger.db"), f"{language}-locked"))
        for path in made:
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
