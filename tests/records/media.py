"""A corpus of tiny images and videos, built in code (no binary file is kept in the repo).

Each is a minimal, structurally valid header followed by a few bytes of body: enough for
any tool that judges a file by its bytes to call it that kind of image or video.
"""

from __future__ import annotations

import struct
import zlib


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\x00" + bytes(range(1, 65))
    sof0 = b"\x08\x00\x01\x00\x01\x01\x01\x11\x00"
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", len(app0) + 2)
        + app0
        + b"\xff\xdb"
        + struct.pack(">H", len(dqt) + 2)
        + dqt
        + b"\xff\xc0"
        + struct.pack(">H", len(sof0) + 2)
        + sof0
        + b"\xff\xd9"
    )


def gif() -> bytes:
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
        b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )


def webp() -> bytes:
    vp8l = b"\x2f\x00\x00\x00\x00\x88\x88\x08\x00\x00\x00"
    chunk = b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l + b"\x00"
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _ftyp(major: bytes, *compatible: bytes) -> bytes:
    return _box(b"ftyp", major + b"\x00\x00\x00\x00" + b"".join(compatible))


def heic() -> bytes:
    return (
        _ftyp(b"heic", b"mif1", b"heic") + _box(b"meta", b"\x00" * 24) + _box(b"mdat", b"\x00" * 32)
    )


def avif() -> bytes:
    return (
        _ftyp(b"avif", b"mif1", b"avif", b"miaf")
        + _box(b"meta", b"\x00" * 24)
        + _box(b"mdat", b"\x00" * 32)
    )


def mp4() -> bytes:
    return (
        _ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41")
        + _box(b"moov", _box(b"mvhd", b"\x00" * 100))
        + _box(b"mdat", b"\x00" * 64)
    )


def mov() -> bytes:
    return (
        _ftyp(b"qt  ", b"qt  ")
        + _box(b"wide", b"")
        + _box(b"mdat", b"\x00" * 64)
        + _box(b"moov", _box(b"mvhd", b"\x00" * 100))
    )


def webm() -> bytes:
    # EBML header: version 1, read version 1, max id 4, max size 8, doc type "webm".
    ebml = (
        b"\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
        b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02"
    )
    segment = b"\x18\x53\x80\x67\x01\x00\x00\x00\x00\x00\x00\x20" + b"\xec\x9f" + b"\x00" * 31
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(ebml)]) + ebml + segment


def bmp() -> bytes:
    pixels = b"\x00\x00\xff\x00"  # one blue pixel, padded to 4 bytes
    info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    size = 14 + len(info) + len(pixels)
    return b"BM" + struct.pack("<IHHI", size, 0, 0, 14 + len(info)) + info + pixels


def tiff() -> bytes:
    # Header, then an image file directory with one entry (width 1) and no next directory.
    entry = struct.pack("<HHII", 256, 4, 1, 1)
    return (
        b"II*\x00"
        + struct.pack("<I", 8)
        + struct.pack("<H", 1)
        + entry
        + b"\x00" * 4
        + b"\x00" * 16
    )


# The kinds the issue names, then two more that the validator knows.
MEDIA = {
    "jpeg": (jpeg, "image/jpeg", "photo.jpg"),
    "png": (png, "image/png", "photo.png"),
    "gif": (gif, "image/gif", "photo.gif"),
    "webp": (webp, "image/webp", "photo.webp"),
    "heic": (heic, "image/heic", "IMG_0001.HEIC"),
    "avif": (avif, "image/avif", "photo.avif"),
    "mp4": (mp4, "video/mp4", "video.mp4"),
    "mov": (mov, "video/quicktime", "IMG_0002.MOV"),
    "webm": (webm, "video/webm", "clip.webm"),
}
MORE_MEDIA = {
    "bmp": (bmp, "image/bmp", "photo.bmp"),
    "tiff": (tiff, "image/tiff", "scan.tif"),
}
