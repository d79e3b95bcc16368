#!/usr/bin/env bash
# Builds build/build.zip (what Zapier runs) and build/source.zip from a clean staging folder.
#
# Why not plain `zapier-platform build`: it copies the whole project, node_modules included, with
# one open file per entry at once; with our dev tools installed that exceeds the open-file limit
# (EMFILE), and even with --skip-dep-install it would zip the package.json of every dev package.
# So we stage dist/ with production dependencies only and let the CLI zip that.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

cd "$root"
npm run --silent build
cp package.json package-lock.json .zapierapprc "$stage"/
cp -r dist "$stage"/dist
cp -r api README.md "$stage"/ 2>/dev/null || true

cd "$stage"
npm pkg delete scripts devDependencies allowScripts >/dev/null
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
"$root/node_modules/.bin/zapier-platform" build --skip-validation --skip-dep-install
mkdir -p "$root/build"
cp build/build.zip build/source.zip "$root/build/"
echo "build/build.zip: $(wc -c <"$root/build/build.zip") bytes"
