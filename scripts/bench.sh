#!/usr/bin/env bash
# Benchmarks the site and prints the figures issue 7 asks for, with ratios.
# Runs on a fresh Debian machine: installs wrk, nginx, hugo and hyperfine.
#
#   bash scripts/bench.sh            # all figures (about 5 minutes)
#   DURATION=5 bash scripts/bench.sh # shorter load runs
#
# Every number printed here is measured on this machine in this run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
DURATION="${DURATION:-10}"
CONNS=64
work="$(mktemp -d "${TMPDIR:-/tmp}/careers-bench.XXXXXX")"
chmod 755 "$work" # nginx's workers run as another user and must read the export
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

need=()
for tool in wrk nginx hugo hyperfine curl; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}" >/dev/null
fi

cargo build --release -q --bin careers --bin gen_content
bin="$root/target/release/careers"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.05; done; echo "not up: $1"; return 1; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $(date -u +%Y-%m-%d)"

echo
echo "== 1. requests per second, $CONNS connections, ${DURATION}s each: ours vs nginx serving the static export"
port=$(free_port)
"$bin" serve --port "$port" --database "$work/db.sqlite3" --site-url "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pids+=($!); ours_pid=$!
wait_up "http://127.0.0.1:$port/healthz"
paths=("/" "/roles/health-information-manager/" "/articles/what-the-2025-wage-data-says/" "/search?q=informatics" "/api/v1/roles/chief-medical-information-officer")
have_export=""
if "$bin" build --help >/dev/null 2>&1; then
  "$bin" build "$work/export" >"$work/build.log" 2>&1 && have_export=1
fi
nport=$(free_port)
if [ -n "$have_export" ]; then
  cat >"$work/nginx.conf" <<NGINX
worker_processes auto; pid $work/nginx.pid; error_log $work/nginx-error.log;
events { worker_connections 4096; }
http { access_log off; include /etc/nginx/mime.types; sendfile on; tcp_nopush on; keepalive_requests 100000;
  gzip_static on;
  server { listen 127.0.0.1:$nport; root $work/export; location / { try_files \$uri \$uri/index.html =404; } } }
NGINX
  nginx -c "$work/nginx.conf" -p "$work"
  pids+=("$(cat "$work/nginx.pid")")
fi
wrk_line() { # url -> "rps p50 p99"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H 'Accept-Encoding: gzip' "$1" 2>/dev/null |
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}'
}
printf "%-45s %12s %9s %9s | %12s %9s %9s | %s\n" path "ours req/s" p50 p99 "nginx req/s" p50 p99 "ours/nginx"
for p in "${paths[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$p")
  if [ "$code" != 200 ]; then printf "%-45s not measured: our server answers %s\n" "$p" "$code"; continue; fi
  read -r ours op50 op99 < <(wrk_line "http://127.0.0.1:$port$p")
  if [ -n "$have_export" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$nport$p")" = 200 ]; then
    read -r theirs np50 np99 < <(wrk_line "http://127.0.0.1:$nport$p")
    ratio=$(python3 -c "print(f'{float(\"$ours\")/float(\"$theirs\"):.2f}')")
  else
    theirs="-"; np50="-"; np99="-"; ratio="(no static copy)"
  fi
  printf "%-45s %12s %9s %9s | %12s %9s %9s | %s\n" "$p" "$ours" "$op50" "$op99" "$theirs" "$np50" "$np99" "$ratio"
done
echo "resident memory of our server after the load runs (real pack): $(( $(rss_kb "$ours_pid") / 1024 )) MiB"

echo
echo "== 5. bytes on the wire, role page (brotli) and stylesheet"
css=$(curl -s "http://127.0.0.1:$port/" | grep -o '/static/site\.[0-9a-f]*\.css' | head -1)
html_br=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$port/roles/health-information-manager/" | wc -c)
css_br=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$port$css" | wc -c)
html_raw=$(curl -s "http://127.0.0.1:$port/roles/health-information-manager/" | wc -c)
echo "role page HTML: $html_raw bytes raw, $html_br bytes br; CSS $css_br bytes br; HTML+CSS on the wire: $((html_br + css_br)) bytes (target < 30,000)"
kill "$ours_pid"

echo
echo "== 2. compiling synthetic trees from cold: ours (careers check) vs Hugo"
for n in 1000 10000; do
  "$root/target/release/gen_content" "$n" "$work/content-$n" >/dev/null
  hugo_dir="$work/hugo-$n"
  mkdir -p "$hugo_dir/layouts/_default" "$hugo_dir/content"
  cp -r "$work/content-$n/roles" "$work/content-$n/articles" "$hugo_dir/content/"
  printf 'baseURL = "http://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy","term","RSS","sitemap"]\n[markup.goldmark.parser.attribute]\ntitle = true\n' >"$hugo_dir/hugo.toml"
  printf '<!doctype html><title>{{ .Title }}</title>{{ .TableOfContents }}{{ .Content }}\n' >"$hugo_dir/layouts/_default/single.html"
  printf '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}\n' >"$hugo_dir/layouts/_default/list.html"
  ours=$(hyperfine -N --warmup 1 --runs 5 --export-json "$work/o.json" "$bin check --content $work/content-$n" >/dev/null 2>&1; python3 -c "import json;print(json.load(open('$work/o.json'))['results'][0]['mean'])")
  theirs=$(hyperfine -N --warmup 1 --runs 3 --export-json "$work/h.json" "hugo --quiet -s $hugo_dir -d $work/hugo-out-$n" >/dev/null 2>&1; python3 -c "import json;print(json.load(open('$work/h.json'))['results'][0]['mean'])")
  python3 -c "o=$ours;h=$theirs;print(f'{$n} roles + {$n} articles: ours {o*1000:.0f} ms, hugo {h*1000:.0f} ms, ours/hugo {o/h:.2f}')"
done

echo
echo "== 3 and 4. the 10k tree (10,000 roles + 10,000 articles = 20,000 pages) served: memory at idle and under load, search, one-file reload"
port=$(free_port)
"$bin" serve --port "$port" --content "$work/content-10000" --database "$work/db10k.sqlite3" --site-url "http://127.0.0.1:$port" >"$work/serve10k.log" 2>&1 &
pid=$!; pids+=($pid)
wait_up "http://127.0.0.1:$port/healthz"
echo "resident memory at idle, 10k tree: $(( $(rss_kb $pid) / 1024 )) MiB"
wrk -t2 -c"$CONNS" -d"${DURATION}s" "http://127.0.0.1:$port/roles/role-5000/" >/dev/null 2>&1 &
sleep $(( DURATION / 2 )); echo "resident memory under load, 10k tree: $(( $(rss_kb $pid) / 1024 )) MiB"; wait $! || true
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/search?q=workflow")
if [ "$code" = 200 ]; then
  read -r rps p50 p99 < <(wrk_line "http://127.0.0.1:$port/search?q=workflow")
  echo "search at 20k documents, one query repeated (page cache): $rps req/s, p50 $p50, p99 $p99"
  # Every query above after the first is answered by the page cache; these
  # are 144 different queries, one request each, so each one runs FTS5.
  words=(analysis testing patients records quality workflow training design systems review reports data)
  for a in "${words[@]}"; do for b in "${words[@]}"; do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/search?q=$a+$b"
  done; done >"$work/search-times"
  python3 - "$work/search-times" <<'PY'
import sys
t = sorted(float(x) * 1000 for x in open(sys.argv[1]))
pick = lambda q: t[min(len(t) - 1, int(q * len(t)))]
print(f"search at 20k documents, {len(t)} different uncached queries one at a time: p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms")
PY
else
  echo "search: not measured (answers $code)"
fi
# Edits role-42's summary and waits for the page to show it; prints the
# time from the save to the new page, and the reload time the server logs.
edit_and_wait() { # label
  local marker="reload-marker-$RANDOM" start seen="" reload_ms
  start=$(date +%s%N)
  sed -i "s/^summary = .*/summary = \"$marker\"/" "$work/content-10000/roles/role-42.md"
  for _ in $(seq 400); do
    if curl -s "http://127.0.0.1:$port/roles/role-42/" | grep -q "$marker"; then seen=1; break; fi
    sleep 0.01
  done
  if [ -z "$seen" ]; then
    echo "$1: not measured (the server did not pick up the change within 4 s; is live reload on?)"
    return
  fi
  local served=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 0.5
  reload_ms=$(sed 's/\x1b\[[0-9;]*m//g' "$work/serve10k.log" | grep 'content reloaded' | tail -1 | grep -o ' ms=[0-9]*' | cut -d= -f2)
  echo "$1, 10k tree: reload ${reload_ms:-?} ms as the server logs it (recompile, re-seed, swap, search index); ${served} ms from save to new page served (with the watcher's debounce and the first render)"
}
# The first reload after start looks at every file (edits made before the
# watcher started have no event); later ones trust the watcher's list.
edit_and_wait "first one-file edit after start"
edit_and_wait "next one-file edit"
kill "$pid" 2>/dev/null || true

echo
echo "== 4b. memory with 10,000 pages: the 5k tree (5,000 roles + 5,000 articles)"
"$root/target/release/gen_content" 5000 "$work/content-5000" >/dev/null
port=$(free_port)
"$bin" serve --port "$port" --content "$work/content-5000" --database "$work/db5k.sqlite3" --site-url "http://127.0.0.1:$port" >"$work/serve5k.log" 2>&1 &
pid=$!; pids+=($pid)
wait_up "http://127.0.0.1:$port/healthz"
sleep 1
echo "resident memory at idle, 10,000 pages: $(( $(rss_kb $pid) / 1024 )) MiB (target < 100 MB)"
