#!/usr/bin/env bash
# The Nu HTML checker over every HTML page of a built site; prints each error and their count.
#   tests/tools/vnu.sh [SITE_DIR]          (default: site/, built by `make site`)
# Needs Java (Debian: default-jre-headless) and the npm package vnu-jar (`npm ci`).
# Exits 0 when there is no error, 1 when there are errors, 2 when a tool or the site is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
site="${1:-site}"
jar="node_modules/vnu-jar/build/dist/vnu.jar"
if ! command -v java >/dev/null 2>&1; then
  echo "java is missing: install a Java runtime (Debian: apt-get install default-jre-headless)" >&2
  exit 2
fi
if [ ! -f "$jar" ]; then
  echo "$jar is missing: run \`npm ci\`" >&2
  exit 2
fi
if [ ! -f "$site/index.html" ]; then
  echo "no built site at $site" >&2
  exit 2
fi
pages=$(find "$site" -name '*.html' | wc -l)
set +e
out=$(java -Xss1024k -jar "$jar" --skip-non-html --errors-only --format gnu "$site" 2>&1)
status=$?
set -e
errors=$(printf '%s' "$out" | grep -c ': error: ' || true)
[ -n "$out" ] && printf '%s\n' "$out"
echo "vnu: $errors errors in $pages pages"
if [ "$status" -ne 0 ] && [ "$errors" -eq 0 ]; then
  echo "vnu failed (exit $status)" >&2
  exit 2
fi
[ "$errors" -eq 0 ]
