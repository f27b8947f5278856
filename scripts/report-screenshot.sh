#!/usr/bin/env bash
# Retakes the picture of report.html in the docs: runs a library scenario (default no-prestop) and
# photographs its report.html, the whole page, in headless Chromium (Debian's package `chromium`).
#
#   scripts/report-screenshot.sh [SCENARIO [PNG [WIDTH [HEIGHT]]]]
#   scripts/report-screenshot.sh                      # library/no-prestop.yaml -> docs/report-no-prestop.png
#   scripts/report-screenshot.sh library/no-prestop.yaml docs/report-no-prestop-top.png 1100 1200   # the README's picture
#
# The page's height is measured first (in the same browser, at the same width), so the picture
# holds every section however many there are.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="${1:-$here/library/no-prestop.yaml}"
png="${2:-$here/docs/report-no-prestop.png}"
width="${3:-1100}"
top="${4:-}"   # a height: photograph only the top of the page
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "report-screenshot: $chromium not found (apt-get install chromium, or set CHROMIUM)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$here/kubesim" run "$scenario" --out "$work/run" -q

browser() {
  local profile
  profile="$(mktemp -d "$work/profile.XXXXXX")"
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars "$@" 2>>"$work/chromium.log"
}

if [ -n "$top" ]; then
  mkdir -p "$(dirname "$png")"
  browser --window-size="$width,$top" --screenshot="$png" "file://$work/run/report.html" >/dev/null
  echo "wrote $png (${width}x${top}, the top of the page) from $scenario"
  exit 0
fi

# The height: a copy of the page that writes its own height into the DOM once it has loaded.
sed 's#</body>#<script>addEventListener("load", function () { document.body.setAttribute("data-height", Math.ceil(document.documentElement.getBoundingClientRect().height)); });</script></body>#' \
  "$work/run/report.html" > "$work/measure.html"
height="$(browser --window-size="$width,800" --dump-dom "file://$work/measure.html" \
  | grep -o 'data-height="[0-9]*"' | grep -o '[0-9]*' || true)"
if [ -z "$height" ]; then
  echo "report-screenshot: could not measure the page (Chromium's log: $work/chromium.log)" >&2
  cat "$work/chromium.log" >&2
  exit 1
fi

mkdir -p "$(dirname "$png")"
browser --window-size="$width,$height" --screenshot="$png" "file://$work/run/report.html" >/dev/null
echo "wrote $png (${width}x${height}) from $scenario"
