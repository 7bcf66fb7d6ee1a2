"""The parts the fault drills (scripts/faults.py) are made of: the processes they start and
stop (gunicorn, the PDF worker, PostgreSQL's restart), the production environment they serve
with, the requests and the checks."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from scripts.load import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
PY = os.environ.get("PY", sys.executable)
PDF_USER = "faults-padome-latgale"
RETRY_MINUTES = 0.5
TIMEOUT = 30  # per request, seconds (gunicorn's own worker timeout is 30 s too)


class Failed(Exception):
    pass


failures: list[str] = []


def check(condition: bool, what: str) -> None:
    print(f"- {'ok' if condition else '**FAILED**'}: {what}")
    if not condition:
        failures.append(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SECRET_KEY=f"faults-{secrets.token_hex(16)}-not-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        # Production refuses to start without a mail server; the drills send no e-mail.
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT="9",
        # Kept connections, as the README advises: the restart drill proves they are replaced.
        DATABASE_CONN_MAX_AGE="60",
        REVIEW_PDF_RETRY_MINUTES=str(RETRY_MINUTES),
    )
    return env


def run(*args: str, timeout: float, log: Path) -> None:
    with log.open("a") as out:
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, check=True, timeout=timeout, stdout=out)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    parts = urllib.parse.urlsplit(url)
    if not url.startswith("postgres") or parts.hostname != "127.0.0.1":
        raise SystemExit("Run this through scripts/faults.sh (a throwaway PostgreSQL on loopback).")
    for name in ("PG_BIN", "PG_DATA", "PG_LOG"):
        if not os.environ.get(name):
            raise SystemExit(f"{name} is not set: run this through scripts/faults.sh.")
    return url


def set_up(log: Path) -> None:
    import psycopg

    server, name = database_url().rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    run("migrate", "--noinput", "-v0", timeout=300, log=log)
    run("load_programmes", timeout=300, log=log)
    run("create_demo_users", timeout=60, log=log)

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from monitoring.models import Membership
    from municipalities.models import PlanningRegion

    user, created = get_user_model().objects.get_or_create(
        username=PDF_USER, defaults={"first_name": "Latgales", "last_name": "padome"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, role=Membership.Role.COUNCIL, region=PlanningRegion.objects.get(slug="latgale")
    )


def pg_restart() -> None:
    owner = os.environ.get("PG_AS_OWNER", "").split()
    pg_ctl = [f"{os.environ['PG_BIN']}/pg_ctl", "-D", os.environ["PG_DATA"]]
    subprocess.run(
        [*owner, *pg_ctl, "-l", os.environ["PG_LOG"], "-m", "fast", "-w", "-t", "60", "restart"],
        check=True,
        timeout=90,
        stdout=subprocess.DEVNULL,
    )


class Gunicorn:
    def __init__(self, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = subprocess.Popen(
            [PY, "-m", "gunicorn", "monitoring.wsgi:application", "--bind",
             f"127.0.0.1:{self.port}", "--workers", "2", "--log-level", "info",
             "--no-control-socket"],
            cwd=ROOT,
            env=production_env(),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped:\n{log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/login/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 s")

    def boots(self) -> int:
        return self.log.read_text().count("Booting worker")

    def timeouts(self) -> int:
        return self.log.read_text().count("WORKER TIMEOUT")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def fetch(opener, url: str) -> tuple[str, str, str]:
    """(outcome, body, final path) of one GET, whatever happens."""
    try:
        with opener.open(url, timeout=TIMEOUT) as response:
            body = response.read().decode(errors="replace")
            return str(response.status), body, urllib.parse.urlsplit(response.url).path
    except urllib.error.HTTPError as error:
        return str(error.code), error.read().decode(errors="replace"), ""
    except (urllib.error.URLError, OSError) as error:
        return f"no answer: {type(error).__name__}", "", ""


class Worker:
    def __init__(self, log: Path):
        self.process = subprocess.Popen(
            [
                PY,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
            ],
            cwd=ROOT,
            env=production_env(),
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition, seconds: float, every: float = 0.2):
    """The condition's first true value within `seconds`, else None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    return None
