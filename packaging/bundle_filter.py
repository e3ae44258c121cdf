"""What the spec puts into the bundle from resources/, and what it leaves out of what PyInstaller collects (used by
mastery_ledger.spec and build.py; PyInstaller TOC entries are ``(dest, source, typecode)`` tuples).

0. resources/: everything but sources and tools (``.ts`` translation sources, scripts, notes).
1. Qt's own translations except the languages the app offers.
2. Qt plugins the app cannot use. The GTK 3 platform theme matters most: it links the system's GTK, and with the
   older cairo/pango/glib copies PyInstaller would bundle beside it, a parent's newer desktop could crash at
   start. Without it Qt uses its own (Fusion-like) look and the XDG portal theme for file dialogs.
3. On Linux, fontconfig and FreeType: the system's copies must read the system's font configuration (a bundled,
   older fontconfig may not understand a newer /etc/fonts and find no fonts; the AppImage project excludes them
   for the same reason). Every Linux desktop has both. CUPS likewise (printing uses the system's printers).
4. On Linux, shared libraries that only what was dropped needed (reachability from what stays).
"""

from __future__ import annotations

import sys
from pathlib import Path

KEEP_QT_LANGUAGES = ("_zh_CN.qm", "_en.qm")
# Kept: platforms/{xcb,wayland,offscreen,minimal}, imageformats/, iconengines/, platforminputcontexts/ (Chinese
# input methods: ibus, fcitx), styles/, wayland-*/, xcbglintegrations/, platformthemes/ xdgdesktopportal.
DROP_PLUGIN_PREFIXES = (
    "platformthemes/libqgtk3",
    "platforms/libqvnc",
    "platforms/libqlinuxfb",
    "platforms/libqeglfs",
    "platforms/libqminimalegl",
    "platforms/libqvkkhrdisplay",
    "egldeviceintegrations/",
    "generic/",
    "qmltooling/",
    "networkinformation/",
    "tls/",
    "platforminputcontexts/libqtvirtualkeyboardplugin",
)
QT_DIRS = ("/PySide6/Qt/", "/PySide6/Qt6/")
#: Linux libraries taken from the system, never bundled (see 3. above). libcups too: Qt's CUPS print plugin (the
#: recovery key's Print…) loads the system's copy with the system's printer set-up; without one, Qt prints to PDF.
LINUX_SYSTEM_LIBRARIES = ("libfontconfig.so", "libfreetype.so", "libcups.so")
#: Files in resources/ that are sources or tools, not resources (translation sources, scripts, notes).
RESOURCE_SOURCE_SUFFIXES = (".ts", ".py", ".pyc", ".md", ".pro")


def resource_files(resources: Path) -> list[Path]:
    """The files of ``resources`` the app reads at run time (compiled translations, icons, demo data)."""
    return sorted(
        p
        for p in resources.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.suffix not in RESOURCE_SOURCE_SUFFIXES
        and not p.name.startswith(".")
    )


def resource_datas(resources: Path) -> list[tuple[str, str]]:
    """``resource_files`` as (source, destination folder) pairs for Analysis(datas=...)."""
    return [(str(p), str(Path("resources") / p.parent.relative_to(resources))) for p in resource_files(resources)]


def _qt_part(dest: str, kind: str) -> str | None:
    """``dest`` below PySide6/Qt/<kind>/, or None."""
    path = "/" + dest.replace("\\", "/")
    for qt in QT_DIRS:
        marker = f"{qt}{kind}/"
        if marker in path:
            return path.split(marker, 1)[1]
    return None


def keep(entry: tuple) -> bool:
    dest = entry[0]
    if sys.platform.startswith("linux") and dest.replace("\\", "/").rsplit("/", 1)[-1].startswith(
        LINUX_SYSTEM_LIBRARIES
    ):
        return False
    translation = _qt_part(dest, "translations")
    if translation is not None:  # qtbase_* (and the qt_* catalogue that includes it), our languages only
        return (
            translation.startswith(("qtbase_", "qt_"))
            and not translation.startswith("qt_help_")
            and translation.endswith(KEEP_QT_LANGUAGES)
        )
    plugin = _qt_part(dest, "plugins")
    if plugin is not None:
        return not plugin.startswith(DROP_PLUGIN_PREFIXES)
    return True


def _needed(path: str) -> set[str]:
    from PyInstaller.depend import bindepend

    try:
        return {name.rsplit("/", 1)[-1] for name, _ in bindepend.get_imports(path)}
    except Exception:  # noqa: BLE001 - an unreadable file keeps everything it might need
        return {"*"}


#: System libraries whose own dependencies stay the system's too: the plugin linking one (Qt's CUPS print support)
#: loads it with the system's copies of what it needs (GnuTLS, Kerberos, Avahi…), never older bundled ones.
LINUX_SYSTEM_CHAINS = ("libcups.so",)


def _left_to_system(path: str) -> set[str]:
    """What ``path`` reaches through a :data:`LINUX_SYSTEM_CHAINS` library (PyInstaller's Linux ``get_imports`` lists
    the whole ``ldd`` closure, so the chain's libraries appear as if the plugin needed them itself)."""
    from PyInstaller.depend import bindepend

    try:
        imports = bindepend.get_imports(path)
    except Exception:  # noqa: BLE001 - unreadable: nothing is left out on its account
        return set()
    chain: set[str] = set()
    for name, resolved in imports:
        base = name.rsplit("/", 1)[-1]
        if base.startswith(LINUX_SYSTEM_CHAINS) and resolved:
            chain |= {base} | (_needed(resolved) - {"*"})
    return chain


def prune_unreachable(binaries: list[tuple], log=print) -> list[tuple]:
    """Linux only: drop shared libraries (and symlinks to them) that no extension module, plugin or the Python
    library needs any more. Libraries loaded by name at run time (ctypes) are not plain BINARY dependencies of
    a dropped plugin, so the ones PyInstaller found stay."""
    if not sys.platform.startswith("linux"):
        return binaries
    by_name: dict[str, tuple] = {}
    for entry in binaries:
        if entry[2] == "BINARY":
            by_name.setdefault(entry[0].replace("\\", "/").rsplit("/", 1)[-1], entry)
    roots = [
        e
        for e in binaries
        if e[2] in ("EXTENSION", "EXECUTABLE")
        or _qt_part(e[0], "plugins") is not None
        or e[0].replace("\\", "/").rsplit("/", 1)[-1].startswith("libpython")
    ]
    reached: set[str] = set()
    todo = [e[1] for e in roots]
    plugins = {e[1] for e in roots if _qt_part(e[0], "plugins") is not None}
    while todo:
        path = todo.pop()
        needed = _needed(path)
        if "*" in needed:
            return binaries
        if path in plugins:
            needed -= _left_to_system(path)
        for name in needed - reached:
            reached.add(name)
            if name in by_name:
                todo.append(by_name[name][1])
    kept, dropped = [], []
    for entry in binaries:
        base = entry[0].replace("\\", "/").rsplit("/", 1)[-1]
        if entry[2] == "BINARY" and entry not in roots and base not in reached:
            dropped.append(entry)
        else:
            kept.append(entry)
    if dropped:
        log("bundle_filter: left out " + ", ".join(sorted(e[0].replace("\\", "/").rsplit("/", 1)[-1] for e in dropped)))
    return kept


def drop_dangling_links(toc: list[tuple], binaries: list[tuple]) -> list[tuple]:
    """SYMLINK entries (PyInstaller puts them among the data) whose target is no longer in ``binaries``."""
    present = {e[0].replace("\\", "/") for e in binaries} | {e[0].replace("\\", "/") for e in toc}
    return [e for e in toc if e[2] != "SYMLINK" or e[1].replace("\\", "/") in present]
