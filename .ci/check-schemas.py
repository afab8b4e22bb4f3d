#!/usr/bin/env python3
"""Checks that the manifest JSON Schema agrees with the decoder on the repository's manifests.

Every examples/*.yaml must pass the schema; every invalid test manifest must fail it, except those
listed in decoder-only.txt, which must pass it (so the list stays honest). YAML is read with
yaml.safe_load_all, as an independent reader would read it.

Runs in the tests' checkers environment (.build/python-checkers, made by Tests/python-checkers.py
from the pinned Tests/python-checkers.txt): started by any other python, it makes or reuses that
environment and runs itself again there.
"""
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CHECKERS = os.path.join(ROOT, ".build", "python-checkers")
if os.path.realpath(sys.prefix) != os.path.realpath(CHECKERS):
    made = subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "python-checkers.py"), "--venv", CHECKERS],
                          stdout=subprocess.PIPE, text=True, check=False)
    if made.returncode != 0:
        sys.exit(1)
    os.execv(made.stdout.strip(), [made.stdout.strip()] + sys.argv)

import jsonschema  # noqa: E402 (from the checkers' environment, above)
import yaml  # noqa: E402
SCHEMA = os.path.join(ROOT, "schemas", "kfjobs-manifest.schema.json")
INVALID = os.path.join(ROOT, "Tests", "KFJobsTests", "Fixtures", "manifests", "invalid")


def problems(validator, path):
    """The schema's complaints about every document of a file; a file with no document is one."""
    with open(path, encoding="utf-8") as handle:
        documents = [d for d in yaml.safe_load_all(handle) if d is not None]
    if not documents:
        return ["no manifest in the file"]
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for d in documents for e in validator.iter_errors(d)]


def main():
    with open(SCHEMA, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures = []

    examples = sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml")))
    if not examples:
        failures.append("no examples/*.yaml found")
    for path in examples:
        with open(path, encoding="utf-8") as handle:
            first = handle.readline().strip()
        if first != "# yaml-language-server: $schema=../schemas/kfjobs-manifest.schema.json":
            failures.append(f"{path}: does not start with the yaml-language-server schema line")
        for problem in problems(validator, path):
            failures.append(f"{path}: {problem}")

    with open(os.path.join(INVALID, "decoder-only.txt"), encoding="utf-8") as handle:
        decoder_only = {line.split()[0] for line in handle if line.strip() and not line.startswith("#")}
    invalid = sorted(glob.glob(os.path.join(INVALID, "*.yaml")))
    if len(invalid) - len(decoder_only) < 30:
        failures.append(f"only {len(invalid) - len(decoder_only)} invalid manifests the schema rejects; want at least 30")
    for name in sorted(decoder_only - {os.path.basename(p) for p in invalid}):
        failures.append(f"decoder-only.txt lists {name}, which does not exist")
    for path in invalid:
        name = os.path.basename(path)
        found = problems(validator, path)
        if name in decoder_only:
            if found and name != "no-manifest.yaml":
                failures.append(f"{path}: listed as decoder-only but the schema rejects it: {found[0]}")
        elif not found:
            failures.append(f"{path}: the schema accepts this invalid manifest")

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"check-schemas: {len(examples)} examples, {len(invalid)} invalid manifests, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
