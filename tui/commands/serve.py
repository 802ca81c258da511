"""`career-quiz serve`: the chat app in a web browser, through textual-serve.

Each browser connection starts the app as its own subprocess (`python -m tui`). Each browser keeps its own saved
session, named by a random key in a cookie (tui/web_sessions.py): a reload, a closed tab, a crashed app or a
stopped server loses no answer, and the next visit from that browser offers to continue; another browser never
sees it. `--no-save` runs the apps with `--no-save` and sets no cookie: nothing is saved. Saved sessions unused
for `--keep-days` days are removed when the server starts and hourly while it runs. It listens on this computer
only unless told otherwise, and says so loudly when it is told otherwise. Only the page's own origin may open a
session (`--allow-origin` adds others), at most `--max-sessions` run at once, and every browser message is
checked (tui/web.py). textual-serve is imported only when this command runs.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path

from knowledge.files import shown
from tui.web_sessions import DEFAULT_KEEP_DAYS

EXIT_USAGE = 2
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "Career Quiz"
WILDCARDS = {"0.0.0.0", "::", ""}


def port_number(text: str) -> int:
    """argparse type for --port: a whole number from 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port; give a whole number from 1 to 65535, "
                                         f"e.g. --port {DEFAULT_PORT}")
    return port


def session_count(text: str) -> int:
    """argparse type for --max-sessions: a whole number from 1 to 1000."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= 1000:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of sessions; give a whole number from 1 to "
                                         "1000, e.g. --max-sessions 8")
    return count


def day_count(text: str) -> int:
    """argparse type for --keep-days: a whole number from 1 to 3650."""
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= 3650:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days; give a whole number from 1 to 3650, "
                                         f"e.g. --keep-days {DEFAULT_KEEP_DAYS}")
    return days


def origin(text: str) -> str:
    """argparse type for --allow-origin: an http(s) origin such as https://advisor.school.example."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        valid = parts.scheme in {"http", "https"} and bool(parts.hostname) and parts.path in {"", "/"} \
            and not parts.query and not parts.fragment
    except ValueError:
        valid = False
    if not valid:
        raise argparse.ArgumentTypeError(f"'{text}' is not a web origin; give one like https://quiz.school.example")
    return text.strip().rstrip("/")


def register(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve", help="use the app in a web browser (each visitor gets their own session)",
        description="Serve the chat app to web browsers with textual-serve. Each browser tab runs its own "
                    "copy of the app; each browser's answers are saved for that browser only (a reopened page "
                    "offers to continue), unless --no-save.")
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=f"address to listen on (default {DEFAULT_HOST}: this computer only)")
    serve.add_argument("--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address browsers use to reach the server, when it differs from --host/--port "
                            "(e.g. behind a proxy)")
    serve.add_argument("--max-sessions", type=session_count, default=8, metavar="N",
                       help="how many browser tabs may use the app at once (default 8; each takes about 55 MB); "
                            "past that the page says the quiz is full")
    serve.add_argument("--allow-origin", type=origin, action="append", default=[], metavar="ORIGIN",
                       help="also accept sessions from pages at this origin (repeatable); by default only the "
                            "page served here may open one")
    serve.add_argument("--no-save", action="store_true",
                       help="save nothing: a closed or reloaded tab starts over (e.g. a demo computer)")
    serve.add_argument("--keep-days", type=day_count, default=DEFAULT_KEEP_DAYS, metavar="N",
                       help=f"remove a browser's saved answers N days after its last visit (default "
                            f"{DEFAULT_KEEP_DAYS})")
    serve.set_defaults(handler=run_serve)


def is_loopback(host: str) -> bool | None:
    """True when `host` only reaches this computer; None when the name does not resolve."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return None
    return all(ipaddress.ip_address(info[4][0]).is_loopback for info in found)


def app_command(saving: bool = True) -> str:
    """The command run for each browser connection, written as for a shell (tui/app_process.py splits it and
    runs it without one, in a process group of its own). A saving app learns its browser's key from its
    environment (tui/web.py), never from its command line, which other users of the computer can read."""
    return f"{shlex.quote(sys.executable)} -m tui" + ("" if saving else " --no-save")


def public_url(host: str, port: int) -> str:
    """The URL the page tells the browser to connect back to (its websocket is built from it)."""
    if host in WILDCARDS:
        host = _outward_address()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _outward_address() -> str:
    """This computer's address on its network, for a server listening on every interface (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()
    finally:
        probe.close()


def _check_port_free(host: str, port: int) -> str | None:
    """Bind once before starting, so a taken or forbidden port is one clear line, not a server traceback."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return f"cannot listen on '{shown(host)}': no such address on this computer"
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except PermissionError:
            return f"cannot listen on port {port}: permission denied (ports below 1024 need special rights); " \
                   "try e.g. --port 8000"
        except OSError as error:
            if error.errno in {98, 48, 10048}:  # EADDRINUSE on Linux, macOS, Windows
                return f"port {port} is already in use; try another, e.g. --port {port + 1 if port < 65535 else 8000}"
            return f"cannot listen on {shown(host)}:{port}: {error.strerror or error}"
    return None


def run_serve(args: argparse.Namespace) -> int:
    host: str = args.host.strip()
    loopback = is_loopback(host) if host not in WILDCARDS else False
    if loopback is None:
        print(f"career-quiz: cannot listen on '{shown(host)}': the name does not resolve; give an address such as "
              f"{DEFAULT_HOST}", file=sys.stderr)
        return EXIT_USAGE
    problem = _check_port_free(host, args.port)
    if problem:
        print(f"career-quiz: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if not loopback:
        print(f"career-quiz: warning: listening on {shown(host) or 'every address'}, not only this computer: anyone on "
              f"your network could use it. Use --host {DEFAULT_HOST} to keep it private.", file=sys.stderr)
    from tui.web import SafeServer, allowed_origins
    from tui.web_sessions import web_root

    _importable_from_anywhere()
    url = args.public_url or public_url(host, args.port)
    saving = not args.no_save
    server = SafeServer(app_command(saving), host=host, port=args.port, title=TITLE, public_url=url,
                        origins=allowed_origins(url, args.port, bool(loopback), args.allow_origin),
                        max_sessions=args.max_sessions, saved_in=web_root() if saving else None,
                        keep_days=args.keep_days)
    try:
        server.serve()
    except OSError as error:
        print(f"career-quiz: the server stopped: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0


def _importable_from_anywhere() -> None:
    """Let `python -m tui` find this package from any working folder, installed or not."""
    root = str(Path(__file__).resolve().parents[2])
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])
