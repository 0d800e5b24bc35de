"""A throwaway PostgreSQL server for the test session, in a temporary folder on 127.0.0.1.

Why not pytest-postgresql: its executor runs `pg_ctl` as the current user, and PostgreSQL
refuses to run as root ("initdb: cannot be run as root"), which is how CI and `scripts/dev.sh
test` run here (dbfixtures/pytest-postgresql#341, #455). This module starts the server as the
`postgres` system user when run as root (as the current user otherwise), with durability off
(the tests kill clients, never the server).

Each test gets a database of its own copied from a template migrated once
(`CREATE DATABASE … TEMPLATE`, ~40 ms), so no test sees another's rows.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

HOW_TO = (
    "PostgreSQL tests skipped: no PostgreSQL server programs here; run `scripts/dev.sh test` as root "
    "(it installs Debian's postgresql), or set ANNOTATOR_TEST_POSTGRES to an admin URL of a server"
)


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A server this session may create and drop databases on."""

    admin_url: str  # postgresql+psycopg://user@host:port/postgres
    folder: Path | None = None  # the data folder of a server started here
    bin_dir: Path | None = None
    user: str | None = None  # the system user it runs as, when started as root
    template: str = ""  # a migrated database that tests copy
    _numbers: count[int] = field(default_factory=lambda: count(1))

    def url(self, database: str, user: str | None = None) -> str:
        base, _, _ = self.admin_url.rpartition("/")
        if user is not None:
            scheme, _, rest = base.partition("://")
            base = f"{scheme}://{user}@{rest.partition('@')[2]}"
        return f"{base}/{database}"

    def execute(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url.replace("+psycopg", ""), autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def new_database(self, template: str | None = None) -> str:
        name = f"t{os.getpid()}_{next(self._numbers)}"
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.folder is None or self.bin_dir is None:
            return
        subprocess.run(
            [str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.folder / "data"), "-m", "immediate"],
            user=self.user,
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server | str:
    """The session's server, or why there is none (a line for the skip)."""
    external = os.environ.get("ANNOTATOR_TEST_POSTGRES")
    if external:
        return Server(external)
    bin_dir = _bin_dir()
    if bin_dir is None:
        return HOW_TO
    user = None
    folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
    if os.geteuid() == 0:  # PostgreSQL will not run as root
        user = "postgres" if _user_exists("postgres") else "nobody"
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    data = folder / "data"
    try:
        subprocess.run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            user=user,
            capture_output=True,
            check=True,
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            [
                str(bin_dir / "pg_ctl"),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
            ],
            user=user,
            capture_output=True,
            check=True,
        )
    except subprocess.CalledProcessError as e:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        return (
            f"PostgreSQL tests skipped: the test server did not start: {(e.stderr or b'').decode()[-500:]} {log[-500:]}"
        )
    return Server(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", folder, bin_dir, user)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
