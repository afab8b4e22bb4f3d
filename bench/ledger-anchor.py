#!/usr/bin/env python3
"""The anchor of bench/ledger-scale.sh: what a user's own script would do with a kfjobs ledger, in
plain Python 3: `json.loads` of every line, keeping the latest record per (server, key) and the run
records. Prints how many keys and runs it kept.

Usage: bench/ledger-anchor.py LEDGER
"""
import json
import sys

latest = {}
runs = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        if record["type"] == "run":
            runs.append(record)
        else:
            latest[(record["server"], record["key"])] = record
print(f"{len(latest)} keys, {len(runs)} runs")
