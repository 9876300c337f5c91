#!/usr/bin/env bash
# Peak resident memory of `sonde send` printing a very large body, against curl's in the same
# run (issue: a 2 GB body peaked at 8.4 GB with a secret or a terminal, a 1 GB gzip bomb at
# 2.1 GB). Goal: under 100 MB whatever the body's size, secrets or not.
#
# Cases, each measured with GNU time's "Maximum resident set size":
#   piped     2 GB text body, request with a {{env:}} secret header, stdout a pipe (to wc -c)
#   terminal  the same on a pseudo-terminal (util-linux `script`), sonde printing for a person
#   gzip bomb 1 GB of JSON sent gzip-compressed (~1 MB on the wire), piped
# The bodies come from a small Python server on 127.0.0.1 that makes them as it sends them.
#
# Usage: bench/body-memory.sh [TEXT_BYTES] [BOMB_BYTES]   (defaults: 2000000000 1000000000)
# SONDE=path/to/sonde picks the binary (default: the debug build, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
text_bytes="${1:-2000000000}"
bomb_bytes="${2:-1000000000}"
sonde="${SONDE:-.build/debug/sonde}"
[ -x "$sonde" ] || swift build --product sonde >/dev/null
sonde="$(cd "$(dirname "$sonde")" && pwd)/$(basename "$sonde")"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$port" "$bomb_bytes" <<'PY' &
import http.server, sys, zlib
port, bomb_size = int(sys.argv[1]), int(sys.argv[2])
line = b'{"id": 12345, "name": "a line of text that repeats", "ok": true}\n'
block = line * (1048576 // len(line))
compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
parts, left = [compressor.compress(b'{"pad": "')], bomb_size
zeros = b"0" * 1048576
while left > 0:
    parts.append(compressor.compress(zeros[:min(left, len(zeros))])); left -= len(zeros)
parts.append(compressor.compress(b'"}')); parts.append(compressor.flush())
bomb = b"".join(parts)
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        if self.path.startswith("/bomb"):
            self.send_response(200); self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip"); self.send_header("Content-Length", str(len(bomb)))
            self.end_headers(); self.wfile.write(bomb); return
        size = int(self.path.split("size=")[1]) if "size=" in self.path else 1000
        self.send_response(200); self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(size)); self.end_headers()
        while size > 0:
            piece = block[:min(size, len(block))]; self.wfile.write(piece); size -= len(piece)
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/text?size=1" && break; sleep 0.1; done

mkdir -p "$work/bench"
echo "name: bench" > "$work/bench/collection.yaml"
printf 'url: "http://127.0.0.1:%s/text?size=%s"\nheaders:\n  - {name: X-Token, value: "{{env:BENCH_TOKEN}}"}\noptions: {timeout: 0}\n' "$port" "$text_bytes" > "$work/bench/text.yaml"
printf 'url: "http://127.0.0.1:%s/bomb"\nheaders:\n  - {name: X-Token, value: "{{env:BENCH_TOKEN}}"}\noptions: {timeout: 0}\n' "$port" > "$work/bench/bomb.yaml"
export BENCH_TOKEN="bench-secret-token" HOME="$work" TMPDIR="$work"

# Peak RSS in MB of a command line run by bash, stdout to wc -c (bytes printed go to $work/bytes).
peak() {
    /usr/bin/time -v -o "$work/time" bash -c "$1" >/dev/null 2>&1 || true
    awk '/Maximum resident set size/ { printf "%.1f", $6 / 1024 }' "$work/time"
}
# The same with stdout on a pseudo-terminal; what reaches the terminal is thrown away.
peak_tty() {
    script -qfec "/usr/bin/time -v -o $work/time bash -c '$1'" /dev/null >/dev/null 2>&1 || true
    awk '/Maximum resident set size/ { printf "%.1f", $6 / 1024 }' "$work/time"
}
text_url="http://127.0.0.1:$port/text?size=$text_bytes"
sonde_cmd="exec $sonde send bench/text --collections $work"
printf '%-10s %12s %12s %8s %s\n' case "sonde MB" "curl MB" ratio "goal"
report() {
    ratio=$(awk -v s="$2" -v c="$3" 'BEGIN { printf "%.1f", s / c }')
    verdict=$(awk -v s="$2" 'BEGIN { print (s < 100 ? "< 100 MB: met" : "< 100 MB: MISSED") }')
    printf '%-10s %12s %12s %8s %s\n' "$1" "$2" "$3" "${ratio}x" "$verdict"
}
# /usr/bin/time measures the command it starts: sonde or curl itself, after exec.
report piped "$(peak "$sonde_cmd | wc -c")" "$(peak "exec curl -s -H 'X-Token: $BENCH_TOKEN' '$text_url' | wc -c")"
report terminal "$(peak_tty "$sonde_cmd")" "$(peak_tty "exec curl -s -H X-Token:$BENCH_TOKEN $text_url")"
report "gzip bomb" "$(peak "exec $sonde send bench/bomb --collections $work | wc -c")" \
    "$(peak "exec curl -s --compressed -H 'X-Token: $BENCH_TOKEN' http://127.0.0.1:$port/bomb | wc -c")"
