#!/bin/sh
# Remove the Mastery Ledger program, launcher and icons installed by install.sh. Your data (children's records
# and backups in ~/.local/share/Mastery Ledger) is NOT removed.
set -eu

data_home=${XDG_DATA_HOME:-"$HOME/.local/share"}
rm -f "$data_home/applications/mastery-ledger.desktop"
rm -f "$data_home"/icons/hicolor/*/apps/mastery-ledger.png "$data_home/icons/hicolor/scalable/apps/mastery-ledger.svg"
link="$HOME/.local/bin/mastery-ledger"
if [ -L "$link" ]; then rm -f "$link"; fi
rm -rf "$HOME/.local/opt/MasteryLedger"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
echo "Mastery Ledger was removed. Your data is still in \"$data_home/Mastery Ledger\"."
