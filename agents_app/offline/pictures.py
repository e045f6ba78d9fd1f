"""The offline model's pictures: a small PNG drawn with Pillow, so image generation works offline.

No Django here: the benchmark's reference app runs the offline model without settings.
"""
from __future__ import annotations

import base64
import io
import re
import zlib

from PIL import Image, ImageDraw, ImageFont

SIZE = (480, 300)
_SKIES = (((255, 183, 94), (247, 111, 120)), ((120, 190, 255), (208, 234, 255)), ((40, 48, 110), (120, 92, 170)))


def draw_picture(subject: str) -> bytes:
    """A small landscape PNG: sky, sun or moon, hills and a caption, varied by the subject's words."""
    seed = zlib.crc32(subject.lower().encode())
    night = bool(re.search(r"night|moon|star|dark", subject, re.I))
    top, bottom = _SKIES[2] if night else _SKIES[seed % 2]
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    for y in range(height):  # a vertical gradient for the sky
        mix = y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)))
    sun_x = 80 + seed % (width - 160)
    draw.ellipse([sun_x - 34, 50, sun_x + 34, 118], fill=(245, 245, 220) if night else (255, 236, 140))
    for offset, colour in ((0, (34, 120, 90)), (60, (15, 118, 110)), (120, (22, 78, 64))):
        peak = 150 + (seed >> (offset // 20)) % 60
        draw.polygon([(-40 + offset, height), (width // 3 + offset, peak), (width + 40, height)], fill=colour)
    draw.rectangle([0, height - 56, width, height], fill=(22, 78, 64))  # the valley floor, edge to edge
    caption = (subject.strip() or "A picture")[:48]
    draw.rectangle([0, height - 34, width, height], fill=(255, 255, 255))
    # Pillow's own scalable font: no font file to ship or find on the host.
    draw.text((12, height - 26), f"Drawn offline with Pillow: {caption}", fill=(20, 30, 40), font=ImageFont.load_default(size=16))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def picture_base64(subject: str) -> str:
    return base64.b64encode(draw_picture(subject)).decode()
