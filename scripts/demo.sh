#!/usr/bin/env bash
# Runs sonde on the bundled demo collection against the bundled demo API on 127.0.0.1:8787.
#   scripts/demo.sh                      opens the TUI on collections/ with the local environment
#                                        (without a terminal: sends a tour of demo requests instead)
#   scripts/demo.sh tour                 sends the tour of demo requests with `sonde send`
#   scripts/demo.sh send demo/users/get --env local -v   any sonde command, with the server running
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh
swift build -c release --static-swift-stdlib --product sonde >&2
sonde="$(swift build -c release --show-bin-path)/sonde"
# The OAuth2 example reads its client secret from the git-ignored .env beside the collection.
[ -f collections/demo/.env ] || cp collections/demo/.env.example collections/demo/.env

port=8787
"$sonde" demo-server --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/health" && break
  sleep 0.1
done

if [ $# -eq 0 ] && [ -t 0 ] && [ -t 1 ]; then
  "$sonde" --collections collections --env local
  exit $?
fi
[ "${1:-}" = "tour" ] && shift
if [ $# -gt 0 ]; then
  "$sonde" "$@"
  exit $?
fi
for request in users/list users/get users/create auth/oauth2 examples/echo; do
  echo "\$ sonde send demo/$request --env local" >&2
  "$sonde" send "demo/$request" --env local
  echo >&2
done
# Captures and expectations: each check and captured value (the token masked), exit 0.
for request in flows/users flows/login; do
  echo "\$ sonde send demo/$request --env local -v" >&2
  "$sonde" send "demo/$request" --env local -v 2>&1 >/dev/null | grep -E '^(✓|✗|\* captured|expect:)' >&2
  echo >&2
done
echo "\$ sonde send demo/examples/slow --env local --timing" >&2
"$sonde" send demo/examples/slow --env local --timing
