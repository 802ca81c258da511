"""Data files verified once and kept, so a later start reads them back without validating them again.

The engine snapshot (rules/snapshot.py) and the reader's vocabulary (rules/vocabulary.py) are each kept as one
JSON file in the user's cache folder, named by a fingerprint: a hash of the bytes of every file it was made
from, its code included, so a changed file always means a full, validated load. The file's first line is the
SHA-256 of the rest, checked before anything in it is used: a file edited by hand (say, an LPN's pay) or cut
short no longer matches and is replaced by a full load. It is written atomically (temporary file, rename) into
a folder only its owner may enter. A missing, stale, damaged or unwritable cache only means a full load: it
never stops the program. Standard library only: reading back is what keeps pydantic out of a headless start.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rules.cache_folder import CACHE_ENV, cache_dir

__all__ = ["CACHE_ENV", "cache_dir", "fingerprint", "read", "write"]


def fingerprint(label: str, files: Iterable[Path]) -> str:
    """A short hash of `label` and every file's name and bytes (a missing file counts as missing)."""
    digest = hashlib.sha256(label.encode())
    for path in files:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()[:20]


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode("ascii")


def read(path: Path | None) -> Any | None:
    """The data kept at `path`, or None when there is none or it does not match its digest."""
    if path is None:
        return None
    try:
        digest, _, body = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    if digest != _digest(body):
        return None  # edited or damaged: a full verified load replaces it
    try:
        return json.loads(body)
    except ValueError:
        return None


def write(path: Path, data: Any, prefix: str, family: str) -> None:
    """Keep `data` at `path`, replacing the files of the same `family` glob ('engine-*.json'); never raises.

    Temporary files named `prefix…` that a killed write left behind are swept first."""
    from knowledge.files import private_folder, sweep, write_atomic

    body = json.dumps(data).encode("utf-8")
    try:
        private_folder(path.parent)
        sweep(path.parent, prefix)
        write_atomic(path, _digest(body) + b"\n" + body, prefix=prefix)
        for stale in path.parent.glob(family):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        return
