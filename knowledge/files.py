"""Files we are given and files we keep, handled so that no file can hang, crash or half-overwrite anything.

Reading (answers files, saved sessions, the knowledge base): only a regular file is opened — a fifo would hang
the program and a link to /dev/zero would read until memory runs out — and at most `limit` bytes are read.
Text is UTF-8, with or without a byte-order mark. JSON and TOML are parsed the same way: a key given twice is
refused in both (JSON silently kept the last one), and so is nesting deeper than `MAX_DEPTH` (the parsers
would otherwise die with a RecursionError). Every problem is a `FileProblem` whose message is one line.

Writing (reports, sessions, the start-up snapshot): a temporary file in the same folder, flushed to disk, then
renamed over the target, so the old file survives a full disk or a kill; the temporary file is removed when
anything fails, and `sweep` removes the ones a killed process left behind.

Standard library only, so every layer (knowledge, rules, tui) may use it.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

MAX_DEPTH = 32
"""Deepest nesting of tables and lists accepted in any file we read (ours need 4)."""
BOM = "\ufeff"
TEMP_SUFFIX = ".tmp"
STALE_AFTER = 60.0
"""Seconds after which a temporary file is taken to be left over from a killed process (sweep)."""


class FileProblem(ValueError):
    """A file that cannot be used; the message says why in a few words ('is not a regular file (a fifo)')."""


def shown(path: Path | str) -> str:
    """A path as it may be echoed to a terminal: control characters written out, never sent raw."""
    text = str(path)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


# --- reading -----------------------------------------------------------------------------------------------

def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def read_bytes(path: Path | str, limit: int) -> bytes:
    """The file's bytes, if it is a regular file of at most `limit` bytes; else FileProblem.

    FileNotFoundError and PermissionError pass through (callers word those themselves).
    """
    path = Path(path)
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(f"is not a regular file (it is {_kind(info.st_mode)})")
    if info.st_size > limit:
        raise FileProblem(f"is too large ({info.st_size:,} bytes; at most {limit:,})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags)  # O_NONBLOCK: a fifo swapped in after the check cannot hang the open
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise FileProblem("is not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(handle)
    if size > limit:
        raise FileProblem(f"is too large (more than {limit:,} bytes)")
    return b"".join(chunks)


def decode(raw: bytes) -> str:
    """UTF-8 text, a leading byte-order mark dropped (editors on Windows add one)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FileProblem("is not UTF-8 text") from None
    return text[1:] if text.startswith(BOM) else text


def depth(value: object) -> int:
    """How deeply tables and lists nest in a parsed value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if level + 1 > MAX_DEPTH:
            return level + 1
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep() -> FileProblem:
    return FileProblem(f"nests tables or lists too deeply (more than {MAX_DEPTH} levels)")


def _line_of(text: str, pattern: str, occurrence: int) -> int | None:
    found = list(re.finditer(pattern, text))
    if len(found) < occurrence:
        return None
    return text.count("\n", 0, found[occurrence - 1].start()) + 1


def parse_json(text: str) -> Any:
    """JSON with duplicate keys and deep nesting refused (FileProblem: 'is not valid JSON: …')."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        table: dict[str, Any] = {}
        for key, value in pairs:
            if key in table:
                line = _line_of(text, re.escape(json.dumps(key)) + r"\s*:", 2)
                where = f" (line {line})" if line else ""
                raise FileProblem(f"gives the key '{shown(key)}' twice{where}")
            table[key] = value
        return table

    try:
        data = json.loads(text, object_pairs_hook=unique)
    except RecursionError:
        raise _too_deep() from None
    except json.JSONDecodeError as error:
        raise FileProblem(f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None
    if depth(data) > MAX_DEPTH:
        raise _too_deep()
    return data


_TOML_DUPLICATE = re.compile(r"Cannot (?:overwrite a value|declare .* twice)|Duplicate", re.IGNORECASE)
_TOML_LINE = re.compile(r"line (\d+)")


def parse_toml(text: str) -> dict[str, Any]:
    """TOML with the same wording as `parse_json` for a key given twice and for deep nesting."""
    import tomllib  # here: a start from the snapshot parses no TOML

    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise _too_deep() from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        if _TOML_DUPLICATE.search(message):
            line = _TOML_LINE.search(message)
            number = int(line.group(1)) if line else None
            key = _key_on_line(text, number) if number else None
            named = f"the key '{shown(key)}'" if key else "a key"
            where = f" (line {number})" if number else ""
            raise FileProblem(f"gives {named} twice{where}") from None
        raise FileProblem(f"is not valid TOML: {message}") from None
    if depth(data) > MAX_DEPTH:
        raise _too_deep()
    return data


def _key_on_line(text: str, number: int) -> str | None:
    lines = text.splitlines()
    if not 1 <= number <= len(lines):
        return None
    match = re.match(r"\s*\[*\s*([\w\-\".' ]+?)\s*(?:=|\])", lines[number - 1])
    return match.group(1).strip("\"' ") if match else None


def read_table(path: Path | str, limit: int, fmt: str | None = None) -> Any:
    """Read, decode and parse a .json or .toml file (by `fmt` or the file's suffix); FileProblem on any fault."""
    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    text = decode(read_bytes(path, limit))
    return parse_json(text) if fmt == "json" else parse_toml(text)


# --- writing -----------------------------------------------------------------------------------------------

@contextmanager
def replacing(path: Path | str, *, prefix: str | None = None, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Write `path` through a temporary file in its folder: `with replacing(p) as f: f.write(data)`.

    The rename happens only when the block ends without an error; otherwise the temporary file is removed
    and the old file is untouched. `mode` is the new file's permission (0600: reports and sessions are
    personal; the folder's umask never widens it).
    """
    import tempfile  # here: most runs write nothing

    path = Path(path)
    prefix = prefix or f".{path.name}."
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if mode != 0o600:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = ""
        _fsync_directory(path.parent)
    finally:
        if temporary:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def write_atomic(path: Path | str, data: bytes | str, *, prefix: str | None = None, mode: int = 0o600) -> None:
    """Replace `path` with `data` (text is written as UTF-8) all at once, or not at all (OSError)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(path, prefix=prefix, mode=mode) as stream:
        stream.write(payload)


def sweep(folder: Path | str, prefix: str, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove temporary files `prefix*.tmp` left in `folder` by a killed process; the paths removed.

    Only files older than `older_than` seconds go, so another process's write in progress is never touched.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue
    return removed


def private_folder(folder: Path | str) -> Path:
    """Make `folder` (and its parents) if needed and make sure only its owner may enter it (0700)."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        current = stat.S_IMODE(folder.stat().st_mode)
        if current & 0o077:
            os.chmod(folder, 0o700)
    return folder


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a folder)."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_new(paths: list[Path], data: list[bytes | str], *, mode: int = 0o600) -> list[Path]:
    """Write each data to a path that did not exist — never replacing a file — numbering the stem when taken.

    `paths` share one folder and stem (e.g. report.md and report.html): the first free stem, `stem`, `stem-2`,
    `stem-3`…, is used for all of them, so a pair stays a pair. Each file appears whole or not at all (written
    to a temporary file, then hard-linked into place, which fails rather than replaces).
    """
    first = Path(paths[0])
    folder, stem = first.parent, first.stem
    for number in range(1, 1000):
        name = stem if number == 1 else f"{stem}-{number}"
        targets = [folder / f"{name}{Path(p).suffix}" for p in paths]
        if any(os.path.lexists(target) for target in targets):
            continue
        written: list[Path] = []
        try:
            for target, payload in zip(targets, data):
                _write_exclusive(target, payload, mode)
                written.append(target)
        except FileExistsError:
            _remove_all(written)
            continue
        except BaseException:
            _remove_all(written)  # a pair is whole or absent: never a Markdown report without its HTML
            raise
        return targets
    raise FileExistsError(f"no free file name for {first.name} in {folder}")


def _remove_all(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink()
        except OSError:
            pass


def _write_exclusive(target: Path, data: bytes | str, mode: int) -> None:
    import tempfile

    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if mode != 0o600:
            os.chmod(temporary, mode)
        try:
            os.link(temporary, target)  # fails with FileExistsError instead of replacing
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: check, then rename (a tiny window, no data loss)
            if os.path.lexists(target):
                raise FileExistsError(target) from None
            os.replace(temporary, target)
    finally:
        try:
            os.unlink(temporary)
        except OSError:
            pass
    _fsync_directory(target.parent)
