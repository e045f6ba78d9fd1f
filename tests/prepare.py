"""Make this machine ready for the full test suite: PostgreSQL, Redis and Debian's Chromium.

Run as `python -m tests.prepare`. Starts only what is not already running; prints each step.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def ensure_service(name: str, port: int, command: str) -> None:
    if listening(port):
        print(f"prepare: {name} is up on 127.0.0.1:{port}")
        return
    print(f"prepare: starting {name}: {command}")
    subprocess.run(command, shell=True, check=False)
    for _ in range(50):
        if listening(port):
            print(f"prepare: {name} is up")
            return
        time.sleep(0.2)
    sys.exit(f"prepare: {name} did not start on port {port}; the integration tests need it")


def ensure_chromium() -> None:
    if Path("/usr/bin/chromium").exists():
        print("prepare: Debian chromium is installed")
        return
    if not shutil.which("apt-get"):
        sys.exit("prepare: /usr/bin/chromium is missing and apt-get is not available to install it")
    print("prepare: installing Debian's chromium for the browser tests (apt-get)…")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True)


def main() -> None:
    ensure_service("PostgreSQL", 5432, START_POSTGRES)
    ensure_service("Redis", 6379, START_REDIS)
    ensure_chromium()


if __name__ == "__main__":
    main()
