"""A stand-in for the served app in tests/tui/test_serve_stop.py: speaks textual-serve's packet protocol (a
`__GANGLION__` line, then length-prefixed D/M packets both ways) and misbehaves on request.

    python fake_web_app.py [--ignore-quit] [--ignore-term] [--child] [--flood BYTES]

It says "ready" (a D packet) once started; on a "quit" meta packet it writes `--flood` bytes of output, an
"exit" meta packet and exits 0 — unless `--ignore-quit`. `--ignore-term` ignores SIGTERM; `--child` starts a
process of its own (in its process group) that sleeps, as a grandchild of the server would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def main(argv: list[str]) -> int:
    if "--ignore-term" in argv:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if "--child" in argv:
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    flood = int(argv[argv.index("--flood") + 1]) if "--flood" in argv else 0
    out = sys.stdout.buffer
    out.write(b"__GANGLION__\n" + packet(b"D", b"ready"))
    out.flush()
    buffered = b""
    while chunk := os.read(0, 4096):
        buffered += chunk
        while len(buffered) >= 5 and len(buffered) >= 5 + int.from_bytes(buffered[1:5], "big"):
            size = int.from_bytes(buffered[1:5], "big")
            kind, payload, buffered = buffered[:1], buffered[5:5 + size], buffered[5 + size:]
            if kind == b"M" and json.loads(payload).get("type") == "quit" and "--ignore-quit" not in argv:
                for _ in range(flood // 1024):
                    out.write(packet(b"D", b"x" * 1024))
                out.write(packet(b"M", json.dumps({"type": "exit"}).encode()))
                out.flush()
                return 0
    while "--ignore-quit" in argv:  # input ended: a well-behaved app would quit now
        time.sleep(1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
