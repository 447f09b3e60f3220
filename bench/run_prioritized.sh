#!/bin/sh
# Runs a benchmark in its own session with the highest CPU priority, so that
# other work on a small shared machine (builds, tests) takes little of its time.
#
#   bench/run_prioritized.sh COMMAND [ARGS...]
#
# Linux groups the processes of each session for scheduling ("autogroup", see
# sched(7)): nice(1) alone only ranks a process within its own session, so a
# busy neighbour session still gets an equal share of the CPUs. This script
# starts a new session and lowers that session's autogroup nice value to -20
# (needs root or CAP_SYS_NICE; without it the command just runs as is, with a
# warning). Other processes keep running, with less CPU, for the duration.
set -eu
[ $# -ge 1 ] || { echo "usage: bench/run_prioritized.sh COMMAND [ARGS...]" >&2; exit 64; }
exec setsid --wait sh -c '
  if [ -w /proc/$$/autogroup ] && echo -20 > /proc/$$/autogroup 2>/dev/null; then
    :
  else
    echo "run_prioritized: could not raise the priority; running at the usual one" >&2
  fi
  renice -n -20 -p $$ > /dev/null 2>&1 || true
  exec "$@"' run_prioritized "$@"
