"""Content-Encoding undone under a size cap, so a compression bomb stops at the cap.

httpx decodes a whole network chunk at once: 5 KB of `Content-Encoding: gzip, gzip` on the
wire became gigabytes in memory before the body's size was ever compared with the limit.
Here each layer is inflated with zlib's `max_length`, so no layer ever holds more than the
cap plus one byte. Only the encodings factwatch asks for (`Accept-Encoding: gzip, deflate`)
are accepted, at most two layers deep.
"""

from __future__ import annotations

import zlib

ACCEPT_ENCODING = "gzip, deflate"
MAX_LAYERS = 2


class EncodingError(ValueError):
    """The body cannot be decoded: an unknown or too deeply nested encoding, or bad data."""


class TooLarge(ValueError):
    """The decoded body would exceed the cap."""


class _Layer:
    def __init__(self, coding: str, limit: int) -> None:
        self.raw_deflate_tried = coding != "deflate"
        wbits = 16 + zlib.MAX_WBITS if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self.inflater = zlib.decompressobj(wbits)
        self.limit = limit
        self.produced = 0

    def feed(self, data: bytes) -> bytes:
        if not data:
            return b""
        try:
            out = self.inflater.decompress(data, self.limit + 1 - self.produced)
        except zlib.error:
            if self.raw_deflate_tried or self.produced:
                raise
            # "deflate" is zlib-wrapped by the standard, raw by some servers.
            self.raw_deflate_tried = True
            self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self.inflater.decompress(data, self.limit + 1)
        self.produced += len(out)
        if self.produced > self.limit or self.inflater.unconsumed_tail:
            raise TooLarge
        return out

    def flush(self) -> bytes:
        out = self.inflater.flush()
        self.produced += len(out)
        if self.produced > self.limit:
            raise TooLarge
        return out


class BoundedDecoder:
    """Feed raw body chunks in order; every call returns at most `limit` decoded bytes in all.

    Raises TooLarge past the cap and EncodingError for what cannot be decoded.
    """

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        unknown = sorted({c for c in codings if c not in ("gzip", "x-gzip", "deflate")})
        if unknown:
            raise EncodingError(f"unsupported content encoding {', '.join(unknown)}")
        if len(codings) > MAX_LAYERS:
            raise EncodingError(f"content encoded {len(codings)} times (at most {MAX_LAYERS})")
        self.layers = [_Layer(c, limit) for c in reversed(codings)]  # last applied, first undone
        self.limit = limit
        self.raw = 0

    def feed(self, chunk: bytes) -> bytes:
        self.raw += len(chunk)
        if self.raw > self.limit:
            raise TooLarge
        data = chunk
        try:
            for layer in self.layers:
                data = layer.feed(data)
        except zlib.error as exc:
            raise EncodingError(f"undecodable compressed body ({exc})") from None
        return data

    def flush(self) -> bytes:
        data = b""
        try:
            for layer in self.layers:
                data = layer.feed(data) + layer.flush()
        except zlib.error as exc:
            raise EncodingError(f"undecodable compressed body ({exc})") from None
        return data
