#!/usr/bin/env bash
# Builds the site, serves it on loopback with a throwaway database, and runs
# the real-browser check suite (tests/browser/suite.mjs) against it.
#
#   scripts/browser-suite.sh            # needs tests/browser/install.sh once
#
# Exit codes: the suite's (0 all passed, 1 something failed); 1 when the build
# or the server fails; 2 when the suite did not run because chromium (or the
# suite's npm packages) is missing, except under CI=true, where that is 1.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
in_ci() { [[ "${CI:-}" =~ ^(true|1|yes)$ ]]; }

not_run() { # reason
  if in_ci; then
    echo "browser suite FAILED: $1: the browser suite cannot run in CI (CI must run tests/browser/install.sh)"
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "browser suite DID NOT RUN: $1 (run tests/browser/install.sh)"
  exit 2
}

[ -x "$chromium" ] || not_run "chromium not found"
[ -d tests/browser/node_modules/playwright-core ] || not_run "the suite's npm packages are not installed"
command -v java >/dev/null 2>&1 || not_run "java (for the Nu HTML Checker) not found"
command -v xmllint >/dev/null 2>&1 || not_run "xmllint not found"

# The dev build by default: the binary `cargo test` builds (with the test
# build's features), so in CI, after `cargo test`, nothing is compiled again;
# a release build is minutes on two cores, and the suite measures no speed.
# BROWSER_SUITE_PROFILE=release checks the release build instead.
case "${BROWSER_SUITE_PROFILE:-dev}" in
  dev) bin=target/debug/careers build=(cargo test --no-run -q) ;;
  release) bin=target/release/careers build=(cargo build --release --bin careers) ;;
  *) echo "browser suite FAILED: BROWSER_SUITE_PROFILE is dev or release, not $BROWSER_SUITE_PROFILE"; exit 1 ;;
esac
echo "browser-suite: ${build[*]}"
"${build[@]}" || { echo "browser suite FAILED: ${build[*]} failed"; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/browser-suite.XXXXXX")"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
server_pid=""
out="$root/tests/browser/out"

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null
  fi
  wait "$server_pid" 2>/dev/null
  if [ -f "$tmp/server.log" ]; then
    mkdir -p "$out" && cp "$tmp/server.log" "$out/server.log"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "browser-suite: serving $base (database $tmp/careers.sqlite3; the server's log is copied to tests/browser/out/server.log on exit)"
"$bin" serve --address 127.0.0.1 --port "$port" \
  --database "$tmp/careers.sqlite3" --site-url "$base" >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=""
deadline=$((SECONDS + 60))
while [ "$SECONDS" -lt "$deadline" ]; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "browser suite FAILED: the server exited before it was ready; its log:"
    cat "$tmp/server.log"
    exit 1
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/healthz")" = "200" ]; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "browser suite FAILED: $base/healthz did not answer 200 within 60 s; the server's log:"
  tail -n 50 "$tmp/server.log"
  exit 1
fi

node tests/browser/suite.mjs "$base"
exit $?
