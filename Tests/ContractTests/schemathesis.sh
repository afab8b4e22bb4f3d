#!/usr/bin/env bash
# Property-based tests of the simulator against Keyfactor's published OpenAPI document (RELIABILITY.md,
# "Contract"): schemathesis generates requests for the operations kfjobs uses (the fixture
# Tests/ContractTests/Fixtures/keyfactor-operations.json, null allowed for response properties) and sends
# them to `kfjobs simulator` on 127.0.0.1 (a free port). It fails on any 5xx, on any success response
# whose body does not conform, and on a wrong content type. Status codes are not held to the document,
# which lists success codes only; a generated request the simulator refuses (400, 404) is fine.
#   Tests/ContractTests/schemathesis.sh [KFJOBS]     KFJOBS: the binary (default: swift build's)
# Bounded: at most SCHEMATHESIS_EXAMPLES (default 60) cases per operation, fixed seed.
# SCHEMATHESIS_FLEET=FILE serves that fleet instead of the built-in one (a fleet with `faults:` shows
# that the run does fail on 5xx).
set -euo pipefail
cd "$(dirname "$0")/../.."
python=$(python3 Tests/python-checkers.py)
kfjobs=${1:-$(swift build --show-bin-path)/kfjobs}
work=$(mktemp -d)
simulator=
cleanup() { [ -n "$simulator" ] && kill "$simulator" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$python" Tests/ContractTests/contract-check.py Tests/ContractTests/Fixtures/keyfactor-operations.json --as-served "$work/served.json"
mkfifo "$work/url"
"$kfjobs" simulator --port 0 ${SCHEMATHESIS_FLEET:+--fleet "$SCHEMATHESIS_FLEET"} > "$work/url" 2> "$work/simulator.log" &
simulator=$!
# The simulator prints its base URL as its first line once it listens.
if ! read -r -t 60 url < "$work/url"; then
    echo "schemathesis.sh: the simulator did not start: $(cat "$work/simulator.log")" >&2
    exit 1
fi
case "$url" in http://127.0.0.1:*) ;; *) echo "schemathesis.sh: unexpected simulator URL '$url'" >&2; exit 1 ;; esac

start=$(date +%s)
# From the scratch folder, where schemathesis leaves its .schemathesis folder.
cd "$work"
"$(dirname "$python")/schemathesis" run "$work/served.json" --url "$url" \
    --checks not_a_server_error,response_schema_conformance,content_type_conformance \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-60}" --seed 2026 --request-timeout 10 \
    --header "x-keyfactor-requested-with: APIClient" --generation-database none --no-color
echo "schemathesis.sh: $(( $(date +%s) - start )) s against $url"
