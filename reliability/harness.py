"""Pieces shared by the reliability scripts (crash.py, soak.py): the service process, plain HTTP,
a fresh PostgreSQL database or H2 directory, and SQL through psql or the H2 jar.

Python 3.11 standard library only. Every wait has a timeout; the only process ever signalled is
the service this module started, by its PID.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import http.client
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "target" / "quarkus-app"
JAR = APP / "quarkus-run.jar"
RESULTS = ROOT / "reliability" / "results"
NEGOTIATION = "russia-us-nato-security-guarantees"
PARTIES = ["russia", "united-states", "nato", "ukraine"]

PG_HOST = os.environ.get("PARLEY_PG_HOST", "127.0.0.1")
PG_PORT = os.environ.get("PARLEY_PG_PORT", "5432")
PG_USER = os.environ.get("PARLEY_PG_USER", "postgres")
PG_ADMIN_DB = os.environ.get("PARLEY_PG_ADMIN_DB", "test")


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def free_port() -> int:
    """A port nothing listens on right now (the kernel's pick for an ephemeral bind)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- HTTP


class NotSent(Exception):
    """The connection was refused: the request never reached the service, so nothing happened."""


class Unknown(Exception):
    """The request may have reached the service but no answer came: its outcome is unknown."""


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body) if self.body else None

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def request(port: int, method: str, path: str, body=None, headers: dict | None = None,
            timeout: float = 10.0, conn: http.client.HTTPConnection | None = None) -> Reply:
    """One HTTP exchange with 127.0.0.1:port. Raises NotSent when the connect fails, Unknown when
    the connection broke or timed out after it was made. With conn, reuses that keep-alive
    connection (the caller drops it on an exception)."""
    data = None
    h = dict(headers or {})
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        if conn.sock is None:
            try:
                conn.connect()
            except OSError as e:  # refused, or no listener yet: never sent
                raise NotSent(str(e)) from e
        try:
            conn.request(method, path, body=data, headers=h)
            resp = conn.getresponse()
            payload = resp.read()
        except (OSError, http.client.HTTPException) as e:
            raise Unknown(f"{type(e).__name__}: {e}") from e
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, payload)
    finally:
        if own:
            conn.close()


# ---------------------------------------------------------------- the service


class ServiceDied(Exception):
    pass


@dataclass
class Service:
    """The packaged service, started by this process; stop() and kill() signal only its PID."""

    env: dict
    log_path: Path
    java_opts: list = field(default_factory=list)
    port: int = 0
    proc: subprocess.Popen | None = None
    starts: int = 0
    _log_offset: int = 0

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, extra_opts: list | None = None) -> None:
        assert not self.alive(), "already running"
        env = dict(os.environ)
        env.update(self.env)
        env["PORT"] = str(self.port)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        logf = open(self.log_path, "ab")
        logf.write(f"\n===== start {self.starts + 1} at {time.strftime('%H:%M:%S')} =====\n".encode())
        logf.flush()
        cmd = [os.environ.get("PARLEY_JAVA", "java"), *self.java_opts, *(extra_opts or []), "-jar", str(JAR)]
        # A session of its own: a Ctrl-C in the terminal reaches this script, which then stops the
        # service by PID, rather than the JVM directly.
        self.proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                                     cwd=str(ROOT), start_new_session=True)
        logf.close()
        self.starts += 1

    def wait_ready(self, timeout: float = 180.0) -> float:
        """Seconds from now until /q/health/ready answers 200 and this JVM's log says it listens on
        our port (so a stranger on the port is never mistaken for it)."""
        t0 = time.monotonic()
        deadline = t0 + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise ServiceDied(f"service exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                r = request(self.port, "GET", "/q/health/ready", timeout=3)
                if r.status == 200 and f":{self.port}" in self._log_since_start():
                    return time.monotonic() - t0
            except (NotSent, Unknown):
                pass
            time.sleep(0.2)
        raise ServiceDied(f"not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL to the service's PID, then reap it."""
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=60)

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM (graceful shutdown), SIGKILL if it has not exited after timeout."""
        if not self.alive():
            return self.proc.returncode if self.proc else None
        os.kill(self.proc.pid, signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log(f"service {self.proc.pid} ignored SIGTERM for {timeout:.0f}s; SIGKILL")
            self.kill()
            return None

    def rss_kb(self) -> int | None:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except (OSError, AttributeError):
            return None
        return None

    def _log_since_start(self) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(self._log_offset)
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self._log_since_start().splitlines()[-lines:])


# One key for the whole run: a restarted service must open what the previous one sealed.
SECRETS_KEY = base64.b64encode(os.urandom(32)).decode()


def service_env(db: str, data_dir: Path | None, pg_db: str | None, admin_key: str) -> dict:
    env = {
        "PARLEY_BOOTSTRAP_ADMIN_KEY": admin_key,
        "PARLEY_RATE_LIMIT_PER_SECOND": "0",
        # The checks read back anonymously; anonymous reads are off by default on PostgreSQL.
        "PARLEY_ANONYMOUS_READ": "true",
        "PARLEY_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
        "PARLEY_SEED": "true",
        "PARLEY_LOG_JSON": "false",
    }
    if db == "h2":
        env["PARLEY_DB_KIND"] = "h2"
        env["PARLEY_DATA_DIR"] = str(data_dir)
    else:
        env["PARLEY_DB_KIND"] = "postgresql"
        env["PARLEY_DB_URL"] = f"jdbc:postgresql://{PG_HOST}:{PG_PORT}/{pg_db}"
        env["PARLEY_DB_USER"] = PG_USER
        env["PARLEY_DB_PASSWORD"] = ""
        # Every process on one database must seal webhook secrets with the same key.
        env["PARLEY_SECRETS_KEY"] = SECRETS_KEY
    return env


def jar_signature() -> str:
    """Changes whenever the packaged application does; names the class-data-sharing archive."""
    h = hashlib.sha1()
    for p in [JAR, *sorted((APP / "app").glob("*.jar")), *sorted((APP / "quarkus").glob("*"))]:
        try:
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns};".encode())
        except OSError:
            pass
    return h.hexdigest()[:12]


# ---------------------------------------------------------------- databases


def psql(db: str, sql: str, timeout: float = 300.0) -> list[list[str]]:
    """Rows of a query as CSV fields (NULL and '' both come back as '')."""
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER,
                          "-d", db, "--csv", "-t", "-c", sql], capture_output=True, text=True, timeout=timeout,
                         check=False)
    if out.returncode != 0:
        raise RuntimeError(f"psql failed ({out.returncode}): {out.stderr.strip()}\nSQL: {sql}")
    csv.field_size_limit(1 << 30)
    return [row for row in csv.reader(io.StringIO(out.stdout))]


def pg_create(name: str) -> None:
    psql(PG_ADMIN_DB, f'create database "{name}"', timeout=60)


def pg_drop(name: str) -> None:
    psql(PG_ADMIN_DB, f'drop database if exists "{name}" with (force)', timeout=60)


def h2_jar() -> Path:
    """The H2 jar the service itself runs with, else the newest in ~/.m2."""
    found = sorted((APP / "lib" / "main").glob("com.h2database.h2-*.jar"))
    if found:
        return found[-1]
    found = sorted(Path.home().glob(".m2/repository/com/h2database/h2/*/h2-*.jar"))
    if not found:
        raise RuntimeError("no H2 jar in target/quarkus-app/lib/main or ~/.m2")
    return found[-1]


def h2_queries(data_dir: Path, queries: dict[str, str], timeout: float = 600.0) -> dict[str, list[list[str]]]:
    """Runs each query against the (stopped) service's H2 file with the H2 jar and answers its rows.
    One JVM for all: a script of CSVWRITE calls, one CSV file per query."""
    url = f"jdbc:h2:file:{data_dir}/parley;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE"
    with tempfile.TemporaryDirectory(prefix="parley-h2q-") as tmp:
        script = []
        for name, sql in queries.items():
            target = Path(tmp) / f"{name}.csv"
            quoted = sql.replace("'", "''")
            script.append(f"CALL CSVWRITE('{target}', '{quoted}', 'charset=UTF-8');")
        (Path(tmp) / "q.sql").write_text("\n".join(script) + "\n")
        out = subprocess.run(["java", "-cp", str(h2_jar()), "org.h2.tools.RunScript", "-url", url, "-user", "parley",
                              "-password", "parley", "-script", str(Path(tmp) / "q.sql")],
                             capture_output=True, text=True, timeout=timeout, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"H2 RunScript failed ({out.returncode}): {out.stderr.strip()[:2000]}")
        csv.field_size_limit(1 << 30)
        result = {}
        for name in queries:
            with open(Path(tmp) / f"{name}.csv", newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            result[name] = rows[1:]  # CSVWRITE writes a header row
        return result


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def h2_execute(data_dir: Path, statements: list[str], timeout: float = 300.0) -> None:
    """Runs statements against the (stopped) service's H2 file, in one JVM."""
    url = f"jdbc:h2:file:{data_dir}/parley;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE"
    with tempfile.TemporaryDirectory(prefix="parley-h2x-") as tmp:
        (Path(tmp) / "x.sql").write_text("\n".join(s.rstrip(";") + ";" for s in statements) + "\n")
        out = subprocess.run(["java", "-cp", str(h2_jar()), "org.h2.tools.RunScript", "-url", url, "-user", "parley",
                              "-password", "parley", "-script", str(Path(tmp) / "x.sql")],
                             capture_output=True, text=True, timeout=timeout, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"H2 RunScript failed ({out.returncode}): {out.stderr.strip()[:2000]}")
