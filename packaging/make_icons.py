"""Draw the application icon: ``resources/icons/app.svg`` is the source; this script renders it to PNGs in every
size the platforms ask for and packs them into ``app.ico`` (Windows) and ``app.icns`` (macOS).

Run it after changing the SVG (the outputs are committed, so a build does not need to run it):

    python3 packaging/make_icons.py

Both container formats hold PNG images (Windows Vista and later, macOS 10.7 and later read them), so no image
library beyond Qt is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: icns element type → pixel size (PNG payloads; the @2x types carry the doubled size).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),
    (b"icp5", 32),
    (b"ic12", 64),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)

#: A rounded square in the app's teal-to-blue, an open book, and a gold check mark: "learned, and kept".
SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>Mastery Ledger</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#38a98f"/>
      <stop offset="1" stop-color="#1d6a9c"/>
    </linearGradient>
  </defs>
  <rect x="24" y="24" width="464" height="464" rx="104" fill="url(#bg)"/>
  <path d="M256 168 C 212 140 146 134 92 148 L 92 384 C 146 370 212 376 256 404 Z" fill="#ffffff"/>
  <path d="M256 168 C 300 140 366 134 420 148 L 420 384 C 366 370 300 376 256 404 Z" fill="#e6f2f5"/>
  <path d="M256 168 L 256 404" stroke="#1d6a9c" stroke-width="6" stroke-opacity="0.35"/>
  <path d="M162 270 L 232 336 L 372 196" fill="none" stroke="#f4b400" stroke-width="46"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns whose elements are PNG images."""
    body = b"".join(kind + struct.pack(">I", 8 + len(images[size])) + images[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage text/SVG need it
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "app.svg").write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode()))
    if not renderer.isValid():
        print("the SVG source is not valid", file=sys.stderr)
        return 1
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    images = {size: render(renderer, size) for size in sizes}
    for size in PNG_SIZES:
        (ICONS / f"app-{size}.png").write_bytes(images[size])
    (ICONS / "app.ico").write_bytes(ico({size: images[size] for size in ICO_SIZES}))
    (ICONS / "app.icns").write_bytes(icns(images))
    print(f"wrote app.svg, app-{{{','.join(map(str, PNG_SIZES))}}}.png, app.ico and app.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
