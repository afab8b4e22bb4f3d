#!/usr/bin/env python3
"""Writes the hostile inputs too large to commit, or impossible to commit (FIFOs, sockets, symbolic
link loops, unreadable files), into OUTDIR/manifests and OUTDIR/fleets.

    python3 Tests/HostileInputs/generate.py OUTDIR

What kfjobs must say about each is committed beside this script, in generated/KIND/NAME.expected (the
format is described in Tests/HostileInputs/README.md). The end-to-end test
(Tests/EndToEndTests/HostileInputTests.swift) runs this into .build/hostile-inputs; every file is made
the same way on every run (fixed seeds), in a few seconds.
"""
import os
import random
import socket
import sys

out = sys.argv[1]
M = os.path.join(out, "manifests")
F = os.path.join(out, "fleets")
os.makedirs(M, exist_ok=True)
os.makedirs(F, exist_ok=True)

HEAD = "apiVersion: kfjobs/v1\nkind: JobManifest\nmetadata:\n  name: hostile\n"
JOB = "  - name: job\n    jobType: FetchLogs\n    agents:\n      query: 'Status -eq 2'\n"
FLEET = "apiVersion: kfjobs/v1\nkind: SimulatorFleet\nmetadata: {name: hostile}\njobTypes:\n  - name: FetchLogs\n"
MB = 1024 * 1024


def write(directory, name, data):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


for directory, prefix in ((M, HEAD), (F, FLEET)):
    # 100,000 nested flow sequences; the limit (256, the root mapping included) stops the parser early.
    write(directory, "deep-flow-nesting-100k.yaml", prefix + "vars: " + "[" * 100_000 + "\n")
    # 33 MB, over the 32 MB limit: refused from its size alone. Sparse, so it costs no disk and no time.
    with open(os.path.join(directory, "over-size-limit.yaml"), "wb") as f:
        f.write(prefix.encode())
        f.truncate(33 * MB)
    # A FIFO nobody writes to: reading it must not wait for a writer that never comes.
    os.mkfifo(os.path.join(directory, "fifo-without-writer.yaml"))
    # An endless device: read up to the size limit, then refused.
    os.symlink("/dev/zero", os.path.join(directory, "dev-zero.yaml"))
    # A symbolic link to itself.
    os.symlink("symlink-loop.yaml", os.path.join(directory, "symlink-loop.yaml"))
    # A Unix socket where a file belongs: open(2) fails with ENXIO.
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(os.path.join(directory, "socket.yaml"))
    listener.close()
    # Unreadable: mode 000 stops everyone but root; root cannot read /proc/self/mem at offset 0 either.
    unreadable = os.path.join(directory, "unreadable.yaml")
    if os.geteuid() == 0:
        os.symlink("/proc/self/mem", unreadable)
    else:
        write(directory, "unreadable.yaml", prefix)
        os.chmod(unreadable, 0)
    # A megabyte of random bytes, the same every run.
    rng = random.Random(20260101)
    write(directory, "binary-garbage.yaml", bytes(rng.getrandbits(8) for _ in range(MB)))
    # A 4 MB unknown key ("did you mean" must not cost a matrix of 4 MB by each known key). An explicit
    # key, since libyaml refuses implicit keys over 1,024 characters by itself.
    write(directory, "huge-unknown-key.yaml", prefix + "? " + "k" * (4 * MB) + "\n: 1\n")
    # Unknown keys, each an error: the first thousand are reported, the rest only counted. A million
    # keys make a tree of two million nodes, so that input has its own ceilings.
    count = 1_000_000 if directory == M else 100_000
    write(directory, f"unknown-keys-{count}.yaml", prefix + "".join(f"u{i}: 1\n" for i in range(count)))
    # The same key a million times: the parser stops after a thousand problems.
    write(directory, "million-duplicate-keys.yaml", prefix + "dup: 1\n" * 1_000_000)

# ---- manifests only
# 1,000 levels of indented mappings.
write(M, "deep-block-nesting.yaml", HEAD + "vars:\n" + "".join("  " * (level + 1) + f"k{level}:\n" for level in range(1000)))
# A 30 MB description (under the limit) and an error elsewhere.
write(M, "huge-scalar.yaml", HEAD.replace("hostile", "Hostile") + "  description: " + "x" * (30 * MB) + "\njobs:\n" + JOB)
# A 4 MB kind: the suggestion of JobManifest must stay cheap.
write(M, "huge-kind.yaml", "apiVersion: kfjobs/v1\nkind: " + "J" * (4 * MB) + "\n")
# 100,000 vars, all valid, then one bad name.
write(M, "vars-100k.yaml", HEAD + "vars:\n" + "".join(f"  v{i}: x\n" for i in range(100_000)) + "  9bad: x\njobs:\n" + JOB)
# 300,000 matrix values: the duplicate check must not be quadratic.
write(M, "matrix-300k-values.yaml", HEAD + "jobs:\n" + JOB + "    matrix:\n      site: [" + ", ".join(f"s{i}" for i in range(300_000)) + "]\n")
# 100,000 fields in one job, merged with the defaults' by name (not by a search each), one of them null.
write(M, "fields-100k.yaml", HEAD + "defaults:\n  fields: {F7: default, G: default}\njobs:\n" + JOB + "    fields:\n"
      + "".join(f"      F{i}: v\n" for i in range(100_000)) + "      Last: ~\n")
# 100,000 sensitive names that match no field, on one line: a warning each, and an error to fail on.
write(M, "sensitive-100k.yaml", HEAD + "jobs:\n" + JOB + "    sensitive: [" + ", ".join(f"S{i}" for i in range(100_000))
      + "]\n    fields: {A: ~}\n")
# 100,000 agent ids, the last one not a GUID.
write(M, "ids-100k.yaml", HEAD + "jobs:\n  - name: job\n    jobType: FetchLogs\n    agents:\n      ids:\n"
      + "".join(f"        - {i:08x}-0000-4000-8000-000000000000\n" for i in range(100_000)) + "        - not-a-guid\n")
# 2,000 jobs of 100 x 100 combinations (20 million instances) from 2 MB, then a second manifest with an
# error, so that kfjobs exits 1 only after whatever it expands of the first.
axis_a = "[" + ", ".join(f"a{i}" for i in range(100)) + "]"
axis_b = "[" + ", ".join(f"b{i}" for i in range(100)) + "]"
write(M, "expansion-20-million.yaml", HEAD + "jobs:\n" + "".join(
    f"  - name: j{n}\n    jobType: FetchLogs\n    agents: {{query: 'Status -eq 2'}}\n    matrix: {{a: {axis_a}, b: {axis_b}}}\n"
    for n in range(2000)) + "---\n" + HEAD.replace("hostile", "second") + "jobs: []\n")
# A thousand documents, each just under the alias budget: the budget is the input's, not each document's.
doc = ("---\napiVersion: kfjobs/v1\nkind: JobManifest\nmetadata: {name: d%d}\n"
       "vars: &v {a: [x,x,x,x,x,x,x,x,x]}\nx0: &x0 [*v,*v,*v,*v,*v,*v,*v,*v,*v,*v]\n"
       "x1: &x1 [*x0,*x0,*x0,*x0,*x0,*x0,*x0,*x0,*x0,*x0]\nx2: &x2 [*x1,*x1,*x1,*x1,*x1,*x1,*x1,*x1,*x1,*x1]\n"
       "x3: [*x2,*x2,*x2,*x2,*x2,*x2,*x2]\n")
write(M, "alias-budget-across-documents.yaml", "".join(doc % n for n in range(1000)))
# One line of a megabyte with 20,000 errors along it: each printed with the part of the line around it.
write(M, "long-line.yaml", HEAD + "jobs: [" + "{name: j, jobType: FetchLogs, agents: {query: q}}, " * 20_000 + "{name: J}]\n")
# Half a million empty documents.
write(M, "empty-documents-500k.yaml", "---\n" * 500_000)
# A directory named like a manifest, with nothing in it.
os.mkdir(os.path.join(M, "directory.yaml"))
# Symbolic links looping back to their directory and its parent, walked with -R: must end, and read
# the one bad file once.
loop = os.path.join(M, "looping-directory")
os.mkdir(loop)
os.symlink(".", os.path.join(loop, "a"))
os.symlink("..", os.path.join(loop, "b"))
os.symlink(".", os.path.join(loop, "c"))
write(loop, "bad.yaml", HEAD + "jobs: 7\n")

# ---- fleets only
# 50,000 agents, the last a duplicate of the first.
write(F, "agents-50k-duplicate-last.yaml", FLEET + "agents:\n" + "".join(f"  - {{clientMachine: m{i}}}\n" for i in range(50_000))
      + "  - {clientMachine: m0}\n")
# A thousand generators of 100,000 agents each, declared in 40 KB: refused before any is built.
write(F, "generators-overflow-total.yaml", FLEET + "generate:\n" + "".join(
    f"  - {{count: 100000, name: 'g{i}-{{index}}'}}\n" for i in range(1000)))
