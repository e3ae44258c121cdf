#!/bin/sh
# Mastery Ledger for this user only, no administrator password: the program goes to ~/.local/opt/MasteryLedger,
# a launcher to the application menu, the icon to the icon theme, and "mastery-ledger" to ~/.local/bin.
# Run it again to update; uninstall.sh (copied next to the program) removes all of it except your data, which
# stays in ~/.local/share/Mastery Ledger.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-"$HOME/.local/share"}
dest="$HOME/.local/opt/MasteryLedger"
bin_dir="$HOME/.local/bin"

if [ ! -x "$here/MasteryLedger/MasteryLedger" ]; then
  echo "install.sh: run it from the unpacked Mastery Ledger folder (MasteryLedger/ is missing)." >&2
  exit 1
fi

mkdir -p "$HOME/.local/opt" "$data_home/applications" "$bin_dir"
rm -rf "$dest.new"
cp -a "$here/MasteryLedger" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
cp "$here/uninstall.sh" "$dest/uninstall.sh"
chmod 755 "$dest/uninstall.sh"

for icon in "$here"/icons/app-*.png; do
  size=$(basename "$icon" .png | sed 's/^app-//')
  mkdir -p "$data_home/icons/hicolor/${size}x${size}/apps"
  cp "$icon" "$data_home/icons/hicolor/${size}x${size}/apps/mastery-ledger.png"
done
mkdir -p "$data_home/icons/hicolor/scalable/apps"
cp "$here/icons/app.svg" "$data_home/icons/hicolor/scalable/apps/mastery-ledger.svg"

# The Exec line quotes the path; the desktop-entry spec wants \ " ` $ escaped inside quotes.
exec_path=$(printf '%s' "$dest/MasteryLedger" | sed 's/[\\"`$]/\\\\&/g')
replacement=$(printf '"%s"' "$exec_path" | sed 's/[\\&|]/\\&/g')  # and escaped again for sed
sed -e "s|@EXEC@|$replacement|" "$here/mastery-ledger.desktop" > "$data_home/applications/mastery-ledger.desktop"
chmod 644 "$data_home/applications/mastery-ledger.desktop"
ln -sf "$dest/MasteryLedger" "$bin_dir/mastery-ledger"

command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true

echo "Mastery Ledger is installed: open it from your application menu."
echo "(Program: $dest. To remove it: $dest/uninstall.sh — your data stays.)"
