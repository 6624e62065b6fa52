#!/usr/bin/env bash
# Serves target/web (built by tools/web/build.sh) on 127.0.0.1 and checks it in headless
# Chromium (tools/web/check.mjs). Needs Debian's chromium, Node.js and npm; playwright-core and
# pngjs are installed into target/web-check/ when missing. Screenshots go to target/web-check/.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -f target/web/index.html ]; then
    echo "check.sh: target/web is empty: run tools/web/build.sh first" >&2
    exit 1
fi
work=target/web-check
mkdir -p "$work"
if [ ! -d "$work/node_modules/playwright-core" ] || [ ! -d "$work/node_modules/pngjs" ]; then
    npm install --silent --no-audit --no-fund --prefix "$work" playwright-core@1.64 pngjs@7 >&2
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory target/web "$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
    sleep 0.1
done

NODE_PATH="$PWD/$work/node_modules" node tools/web/check.mjs "http://127.0.0.1:$port" "$work"
