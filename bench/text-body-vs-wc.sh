#!/usr/bin/env bash
# The response viewer on a large non-JSON text body (default 50 MB of log lines, some UTF-8 and
# tabs), against the tools that do the same work from the shell on the same file: `wc -l` for
# finding every line, `grep -c` for searching. Reports each step's median time over RUNS runs
# and the ratios viewer/peer, plus the viewer's peak resident memory against the body size.
#
# Usage: bench/text-body-vs-wc.sh [MEGABYTES] [RUNS]    (defaults: 50 5)
# SCRATCH_PATH=/some/dir builds there instead of .build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
megabytes="${1:-50}"
runs="${2:-5}"
build=(-c release)
[ -n "${SCRATCH_PATH:-}" ] && build+=(--scratch-path "$SCRATCH_PATH")
swift build "${build[@]}" --product text-body-bench >/dev/null
bench="$(swift build "${build[@]}" --show-bin-path)/text-body-bench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$megabytes" "$runs" "$bench" "$work" <<'PY'
import os, random, statistics, subprocess, sys, time
megabytes, runs, bench, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
path = os.path.join(work, "body.txt")
random.seed(7)
words = ["GET", "POST", "/users", "/posts", "ok", "error", "timeout", "café", "naïve", "日本", "retry", "\t"]
with open(path, "w", encoding="utf-8") as f:
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        line = f"2026-11-27T00:{n % 60:02d}:{n % 60:02d}Z line {n} " + " ".join(random.choice(words) for _ in range(random.randint(3, 30))) + "\n"
        f.write(line)
        size += len(line.encode())
        n += 1
body = os.path.getsize(path)

def timed(cmd):
    """CPU seconds (user + system) and peak RSS of one run: CPU time, since the machine may be busy."""
    pid = os.posix_spawn(cmd[0], cmd, {"LANG": "C.UTF-8"}, file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    if status != 0 and not cmd[0].endswith("grep"):
        sys.exit(f"{cmd} failed")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024

steps, counts = {}, {}
peak = 0
for _ in range(runs):
    out = subprocess.run([bench, path, "error"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.rsplit(" ", 2)
        if len(parts) == 3 and not parts[0].endswith(("lines", "rows", "matches")):
            steps.setdefault(parts[0], []).append((float(parts[1]), float(parts[2])))
        else:
            name, _, value = line.rpartition(" ")
            counts[name] = value
    peak = max(peak, timed([bench, path, "error"])[1])
wc = statistics.median(timed(["/usr/bin/wc", "-l", path])[0] for _ in range(runs)) * 1000
grep = statistics.median(timed(["/usr/bin/grep", "-c", "error", path])[0] for _ in range(runs)) * 1000
print(f"{body / 1e6:.1f} MB text body, {', '.join(f'{v} {k}' for k, v in counts.items())}; {runs} runs, medians of CPU (wall) ms:")
for name, values in steps.items():
    print(f"  {name:40} {statistics.median(v[0] for v in values):8.2f}  ({statistics.median(v[1] for v in values):.2f})")
print(f"  {'wc -l (whole process)':40} {wc:8.2f}")
print(f"  {'grep -c error (whole process)':40} {grep:8.2f}")
opened = statistics.median(v[0] for v in steps["open (index lines)"])
searched = statistics.median(v[0] for v in steps['search "error"'])
print(f"ratios (CPU): open/wc -l {opened / wc:.2f}   search/grep -c {searched / grep:.2f}")
print(f"peak RSS of the whole bench process: {peak / 1e6:.0f} MB = {peak / body:.2f}x the body")
PY
