#!/usr/bin/env bash
# Builds the browser version of the app into target/web/: index.html, range-rings.js (the
# glue wasm-bindgen writes) and range-rings_bg.wasm. Serve that folder with any static file
# server, e.g. `python3 -m http.server -d target/web 8080`, and open http://127.0.0.1:8080/.
#
# Needs only a Rust toolchain: the wasm32 target and wasm-bindgen-cli (pinned to the version
# of the wasm-bindgen crate in Cargo.lock, since the two must match) are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=target/web
target=wasm32-unknown-unknown

if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    echo "Installing the $target target" >&2
    rustup target add "$target"
fi

# The CLI must be exactly the version of the crate the app links.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$version" ]; then
    echo "build.sh: no wasm-bindgen in Cargo.lock" >&2
    exit 1
fi
bindgen=$(command -v wasm-bindgen || true)
if [ -z "$bindgen" ] || [ "$("$bindgen" --version | awk '{print $2}')" != "$version" ]; then
    echo "Installing wasm-bindgen-cli $version" >&2
    # Its own Cargo.lock first; where the registry lacks one of the versions locked there
    # (seen here: webpki-roots 1.0.11), its dependencies are resolved afresh: the CLI itself
    # stays at the pinned version.
    cargo install --force --locked --quiet wasm-bindgen-cli --version "$version" ||
        cargo install --force --quiet wasm-bindgen-cli --version "$version"
    bindgen=$(command -v wasm-bindgen || echo "$HOME/.cargo/bin/wasm-bindgen")
fi

cargo build --release --locked --target "$target" --bin range-rings
rm -rf "$out"
mkdir -p "$out"
"$bindgen" --target web --no-typescript --remove-name-section --out-dir "$out" \
    "target/$target/release/range-rings.wasm"
cp tools/web/index.html "$out/index.html"

wasm="$out/range-rings_bg.wasm"
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "Built $out: $wasm is $((raw / 1024)) KiB, $((gz / 1024)) KiB gzipped" >&2
