"""Reading a received digest: its parts, its text without markup, its images."""

from __future__ import annotations

import html as htmlmod
import io
import re
from email.message import EmailMessage

from PIL import Image


def flat(text: str) -> str:
    """Whitespace collapsed, so wrapped text compares with the stored summary."""
    return " ".join(text.split())


def html_text(html: str) -> str:
    """The visible text of an HTML body (tags dropped, entities decoded), flattened."""
    html = re.sub(r"<(style|title)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return flat(htmlmod.unescape(re.sub(r"<[^>]+>", " ", html)))


def parts(msg: EmailMessage) -> tuple[str, str, dict[str, bytes]]:
    """(plain text, HTML, {content-id: png bytes}) of a digest message, checking its shape."""
    assert msg.get_content_type() == "multipart/alternative"
    plain, alternative = list(msg.iter_parts())
    assert plain.get_content_type() == "text/plain"
    images: dict[str, bytes] = {}
    if alternative.get_content_type() == "multipart/related":
        html_part, *image_parts = list(alternative.iter_parts())
        for p in image_parts:
            assert p.get_content_type() == "image/png"
            assert p.get_content_disposition() == "inline"
            images[p["Content-ID"].strip("<>")] = p.get_content()
    else:
        html_part = alternative
    assert html_part.get_content_type() == "text/html"
    return plain.get_content(), html_part.get_content(), images


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "PNG"
        return im.size


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', html)
