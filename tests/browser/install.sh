#!/usr/bin/env bash
# Installs what the browser suite needs, and nothing that is already there:
# Debian's chromium (+ chromium-driver), a Java runtime for the Nu HTML
# Checker, xmllint, and the pinned npm packages (npm ci). Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)

if [ "${#need[@]}" -gt 0 ]; then
  echo "install.sh: apt-get install ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install.sh: node and npm are needed (Node 20 or later)" >&2
  exit 1
fi

cd "$here"
# npm ci is skipped when node_modules already matches the lockfile.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s <(node -e 'const l=require("./package-lock.json");console.log(JSON.stringify(Object.fromEntries(Object.entries(l.packages).filter(([k])=>k).map(([k,v])=>[k,v.version]))))') \
     <(node -e 'const l=require("./node_modules/.package-lock.json");console.log(JSON.stringify(Object.fromEntries(Object.entries(l.packages).filter(([k])=>k).map(([k,v])=>[k,v.version]))))'); then
  echo "install.sh: npm ci in tests/browser"
  npm ci --no-audit --no-fund --ignore-scripts
fi
test -f node_modules/vnu-jar/build/dist/vnu.jar || { echo "install.sh: vnu.jar missing after npm ci" >&2; exit 1; }

echo "install.sh: ready ($(/usr/bin/chromium --version 2>/dev/null | head -1); $(java -version 2>&1 | head -1); $(xmllint --version 2>&1 | head -1))"
