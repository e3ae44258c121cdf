"""Screenshots of the *frozen* app's demo window on a real X server (Xvfb), in English and Chinese.

    python3 packaging/frozen_demo_screenshots.py        (after packaging/build.py)

Starts Xvfb on a free display (unless ``--display`` names a running one), launches
``dist/MasteryLedger/MasteryLedger --demo --lang en`` (then ``zh_CN``) with ``QT_QPA_PLATFORM=xcb``, so fonts
come from the system through fontconfig exactly as on a parent's laptop, waits for the main window, and saves it
with ImageMagick's ``import`` to docs/screenshots/frozen-demo-en.png and -zh.png. Then docs/packaging.png: the
English window beside the icon set and the figures build.py printed last (dist/build-summary.txt).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / "dist" / "MasteryLedger" / "MasteryLedger"
SHOTS = ROOT / "docs" / "screenshots"
SCREEN = "1280x820x24"


def free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise SystemExit("no free X display number")


def find_window(display: str, timeout: float = 30.0) -> str | None:
    """The id of the top-level window whose name starts with "Mastery Ledger —"."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = subprocess.run(
            ["xwininfo", "-root", "-children"], env={**os.environ, "DISPLAY": display}, capture_output=True, text=True
        ).stdout
        for line in tree.splitlines():
            if '"Mastery Ledger' in line and "—" in line:
                return line.split()[0]
        time.sleep(0.25)
    return None


def shoot(display: str, language: str, target: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="ml-shot-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MASTERY_LEDGER_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=tmp, MASTERY_LEDGER_HOME=str(Path(tmp) / "unused"))
        app = subprocess.Popen(
            [str(EXE), "--demo", "--lang", language],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            window = find_window(display)
            if window is None:
                raise SystemExit(f"no main window appeared ({language}): {app.stderr.read() if app.poll() else ''}")
            time.sleep(2.0)  # let the lazy tables and the chart fill in
            subprocess.run(["import", "-display", display, "-window", window, str(target)], check=True)
        finally:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
    print(f"wrote {target.relative_to(ROOT)}")


def packaging_picture(english: Path, target: Path) -> None:
    """The English window, the icon in four sizes and build.py's figures, side by side."""
    summary = ROOT / "dist" / "build-summary.txt"
    text = summary.read_text(encoding="utf-8") if summary.exists() else "(run packaging/build.py first)"
    icons = ROOT / "resources" / "icons"
    with tempfile.TemporaryDirectory() as tmp:
        strip = Path(tmp) / "icons.png"
        subprocess.run(
            [
                "montage",
                "-background",
                "#f4f6f8",
                *[str(icons / f"app-{s}.png") for s in (16, 32, 64, 128)],
                "-tile",
                "4x1",
                "-geometry",
                "+14+14",
                "-gravity",
                "south",
                str(strip),
            ],
            check=True,
        )
        panel = Path(tmp) / "text.png"
        subprocess.run(
            [
                "convert",
                "-background",
                "#f4f6f8",
                "-fill",
                "#1d3340",
                "-font",
                "DejaVu-Sans-Mono",
                "-pointsize",
                "13",
                f"label:{text.rstrip()}",
                "-bordercolor",
                "#f4f6f8",
                "-border",
                "12",
                str(panel),
            ],
            check=True,
        )
        window = Path(tmp) / "window.png"
        subprocess.run(
            ["convert", str(english), "-resize", "820x", "-bordercolor", "#c9d3da", "-border", "1", str(window)],
            check=True,
        )
        right = Path(tmp) / "right.png"
        subprocess.run(
            ["convert", "-background", "#f4f6f8", str(strip), str(panel), "-gravity", "west", "-append", str(right)],
            check=True,
        )
        subprocess.run(
            [
                "convert",
                "-background",
                "#f4f6f8",
                str(window),
                str(right),
                "-gravity",
                "north",
                "+append",
                "+repage",
                "-bordercolor",
                "#f4f6f8",
                "-border",
                "16",
                str(target),
            ],
            check=True,
        )
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--display", help="a running X display, e.g. :42 (default: start Xvfb)")
    args = parser.parse_args()
    for tool in ("Xvfb", "xwininfo", "import", "convert", "montage"):
        if not shutil.which(tool) and not (tool == "Xvfb" and args.display):
            raise SystemExit(f"{tool} is needed (apt-get install xvfb x11-utils imagemagick)")
    if not EXE.exists():
        raise SystemExit(f"no frozen app at {EXE}: run packaging/build.py first")
    SHOTS.mkdir(parents=True, exist_ok=True)
    server = None
    display = args.display
    if display is None:
        display = f":{free_display()}"
        server = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.0)
    try:
        shoot(display, "en", SHOTS / "frozen-demo-en.png")
        shoot(display, "zh_CN", SHOTS / "frozen-demo-zh.png")
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    packaging_picture(SHOTS / "frozen-demo-en.png", ROOT / "docs" / "packaging.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
