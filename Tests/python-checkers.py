#!/usr/bin/env python3
"""Makes, or reuses, the virtual environment of the tests' independent checkers, and prints its python.

Usage: python3 Tests/python-checkers.py [--venv DIR] [--requirements FILE]

The checkers (PyYAML, jsonschema, xmlschema, schemathesis) run in a virtual environment of their own,
made from the pinned Tests/python-checkers.txt, so that `swift test` and `.ci/run` need nothing from
the system's Python but the interpreter and its venv module. The environment (by default
.build/python-checkers) is made once, under an exclusive lock on DIR.lock, so that parallel tests and
test processes starting together do not race: the first to take the lock makes it, the others wait and
reuse it. It is made again when the requirements file changes (a copy of the file it was made from is
kept inside it, written last, so a half-made environment is never taken for a finished one).

Prints the environment's python on stdout. Says "created DIR" on stderr when it made the environment.
Exits 1 with the reason (and what to install) when it cannot.
"""
import argparse
import fcntl
import os
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
STAMP = "kfjobs-requirements.txt"


def packages(requirements):
    """The requirement lines of the file, without comments and blank lines."""
    lines = (line.split("#", 1)[0].strip() for line in requirements.splitlines())
    return [line for line in lines if line]


def fail(message):
    print(f"python-checkers: {message}", file=sys.stderr)
    sys.exit(1)


def create(venv, requirements_path, requirements):
    """Makes the environment from scratch; the stamp goes in last."""
    shutil.rmtree(venv, ignore_errors=True)
    wanted = packages(requirements)
    # Without requirements there is nothing for pip to install, and making pip is most of venv's time.
    command = [sys.executable, "-m", "venv"] + ([] if wanted else ["--without-pip"]) + [venv]
    made = subprocess.run(command, capture_output=True, text=True)
    if made.returncode != 0:
        fail(f"cannot make a virtual environment with {sys.executable}: {made.stderr.strip() or made.stdout.strip()}\n"
             "install python's venv module (Debian/Ubuntu: apt-get install python3-venv)")
    python = os.path.join(venv, "bin", "python")
    if wanted:
        install = subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements_path],
            capture_output=True, text=True)
        if install.returncode != 0:
            fail(f"pip could not install {requirements_path} into {venv}:\n{install.stdout}{install.stderr}"
                 "check the network or the pip configuration (PIP_INDEX_URL, PIP_FIND_LINKS), then run the tests again")
    temporary = os.path.join(venv, STAMP + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(requirements)
        handle.flush()
        os.fsync(handle.fileno())
    os.rename(temporary, os.path.join(venv, STAMP))


def is_made_from(venv, requirements):
    try:
        with open(os.path.join(venv, STAMP), encoding="utf-8") as handle:
            return handle.read() == requirements and os.access(os.path.join(venv, "bin", "python"), os.X_OK)
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", default=os.path.join(ROOT, ".build", "python-checkers"))
    parser.add_argument("--requirements", default=os.path.join(ROOT, "Tests", "python-checkers.txt"))
    arguments = parser.parse_args()
    venv = os.path.abspath(arguments.venv)
    try:
        with open(arguments.requirements, encoding="utf-8") as handle:
            requirements = handle.read()
    except OSError as error:
        fail(f"cannot read the requirements {arguments.requirements}: {error.strerror}")
    os.makedirs(os.path.dirname(venv), exist_ok=True)
    with open(venv + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_made_from(venv, requirements):
            create(venv, arguments.requirements, requirements)
            print(f"python-checkers: created {venv}", file=sys.stderr)
    print(os.path.join(venv, "bin", "python"))


if __name__ == "__main__":
    main()
