#!/usr/bin/env python3
"""Writes a realistic kfjobs ledger for the ledger benchmarks (bench/ledger-scale.sh).

The keys, fingerprints, AgentIds and client machines come from a real plan (`kfjobs plan ... --output
json`), so that a later `plan` of the same manifest against the same fleet finds every key in the
ledger, as it would after months of nightly runs. Each run writes what `kfjobs apply` writes: a `run`
record (version, user, host, arguments, input digests, CI context), then for every job an `intent`
and an `outcome` (mostly `submitted`, with the server's JobId, OrchestratorId and RequestTimestamp;
now and then `rejected`, `failed`, `unknown` then reconciled, as real runs have), one day apart.
Lines are written as kfjobs writes them: keys sorted, no white space, slashes not escaped. The last run
leaves every key `submitted`, so that a re-plan skips them all.

Deterministic: the same arguments write the same bytes.

Usage: bench/ledger-gen.py PLAN_JSON RUNS OUT [--server simulator]
"""
import hashlib
import json
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone


def line(record):
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        sys.exit(__doc__)
    plan_path, runs, out = args[0], int(args[1]), args[2]
    server = "simulator"
    if "--server" in sys.argv:
        server = sys.argv[sys.argv.index("--server") + 1]
    with open(plan_path) as f:
        plan = json.load(f)
    jobs = [j for j in plan["jobs"] if j["action"] in ("submit", "skip", "adopt", "replace")]
    if not jobs:
        sys.exit(f"{plan_path}: the plan has no jobs")
    rng = random.Random(17)
    start = datetime(2026, 1, 1, 2, 30, tzinfo=timezone.utc)
    manifest_digest = hashlib.sha256(plan_path.encode()).hexdigest()
    with open(out, "w", encoding="utf-8") as f:
        for number in range(runs):
            began = start + timedelta(days=number)
            run_id = began.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.UUID(int=rng.getrandbits(128)).hex[:8]
            f.write(line({
                "v": 1, "type": "run", "at": stamp(began), "run": run_id, "server": server,
                "version": "0.1.0", "user": "ci", "host": f"runner-{number % 7}",
                "arguments": ["apply", "manifests/", "--ledger", "kfjobs-ledger.jsonl", "--max-jobs", "10000"],
                "inputs": [{"path": "manifests/fetch-logs.yaml", "sha256": manifest_digest}],
                "ci": {"GITHUB_SHA": hashlib.sha1(run_id.encode()).hexdigest(), "GITHUB_RUN_ID": str(7_000_000 + number),
                       "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "pki/orchestrator-jobs"},
            }))
            last = number == runs - 1
            moment = began
            for job in jobs:
                key = job["key"]
                manifest, rest = key.split("/", 1)
                name = rest.split("@", 1)[0].split("[", 1)[0]
                identity = {
                    "key": key, "fingerprint": job["fingerprint"], "manifest": manifest, "job": name,
                    "agentId": job["agentId"], "clientMachine": job["clientMachine"], "jobTypeName": job["jobTypeName"],
                }
                moment += timedelta(milliseconds=rng.randint(0, 3))
                f.write(line({"v": 1, "type": "intent", "at": stamp(moment), "run": run_id, "server": server, **identity}))
                roll = rng.random()
                sent = moment
                moment += timedelta(milliseconds=rng.randint(1, 40))
                outcome = {"v": 1, "type": "outcome", "at": stamp(moment), "run": run_id, "server": server, **identity,
                           "attempts": 1, "durationMs": int((moment - sent).total_seconds() * 1000)}
                if last or roll >= 0.004:
                    outcome.update({
                        "outcome": "submitted", "jobId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "orchestratorId": job["agentId"], "requestTimestamp": stamp(sent), "httpStatus": 200})
                    if roll < 0.006 and not last:
                        outcome.update({"reconciled": True, "attempts": 2})
                elif roll < 0.002:
                    outcome.update({"outcome": "failed", "httpStatus": 503, "attempts": 6,
                                    "error": {"code": "http.503", "message": "POST /OrchestratorJobs/Custom failed with HTTP 503: service unavailable"}})
                elif roll < 0.003:
                    outcome.update({"outcome": "rejected", "httpStatus": 400,
                                    "error": {"code": "0xA0140003", "message": f"Agent '{job['agentId']}' is not approved."}})
                else:
                    outcome.update({"outcome": "unknown", "httpStatus": 504,
                                    "error": {"code": "http.504", "message": "POST /OrchestratorJobs/Custom failed with HTTP 504: gateway timeout"}})
                f.write(line(outcome))


if __name__ == "__main__":
    main()
