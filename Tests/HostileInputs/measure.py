#!/usr/bin/env python3
"""Runs a command and reports, as one line of JSON, how it ended and what it cost.

    python3 Tests/HostileInputs/measure.py TIMEOUT STDOUT_FILE STDERR_FILE -- COMMAND...

The command is started with posix_spawn (standard input /dev/null, its output to the two files) and
reaped with wait4, whose rusage gives its CPU time and peak resident set size. This small process,
not the test runner, is the command's parent on purpose: on Linux a child's ru_maxrss starts at its
parent's high-water mark (posix_spawn's vfork and fork both carry it over), so measured from a test
runner of a few hundred megabytes every child would look that large.

A command still running after TIMEOUT seconds of wall time (a hang: a FIFO read that waits for ever
uses no CPU) is killed and reported with "timedOut": true. Runaways are also bounded by the kernel:
60 s of CPU and 4 GB of address space.
"""
import json
import os
import resource
import signal
import sys

timeout, stdout_path, stderr_path = float(sys.argv[1]), sys.argv[2], sys.argv[3]
assert sys.argv[4] == "--"
command = sys.argv[5:]

# A parent (the Swift test runner) may have blocked signals in the thread that started this process:
# unblock them, or the alarm below never comes, and give the command a clean mask too.
signal.pthread_sigmask(signal.SIG_SETMASK, [])
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
actions = [
    (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
    (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    (os.POSIX_SPAWN_OPEN, 2, stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
]
pid = os.posix_spawnp(command[0], command, os.environ, file_actions=actions, setsigmask=[],
                     setsigdef=[signal.SIGPIPE, signal.SIGINT, signal.SIGTERM])

timed_out = False


def expire(signum, frame):
    global timed_out
    timed_out = True
    os.kill(pid, signal.SIGKILL)


signal.signal(signal.SIGALRM, expire)
signal.setitimer(signal.ITIMER_REAL, timeout)
while True:
    try:
        _, status, usage = os.wait4(pid, 0)
        break
    except InterruptedError:
        continue
signal.setitimer(signal.ITIMER_REAL, 0)

print(json.dumps({
    "exitCode": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
    "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
    "cpuSeconds": usage.ru_utime + usage.ru_stime,
    "peakMegabytes": usage.ru_maxrss / 1024,
    "timedOut": timed_out,
}))
