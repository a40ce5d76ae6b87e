#!/usr/bin/env bash
# Checks that each shipped environment's traffic picture is readable in a pull request (issue 12):
# renders its Mermaid source with mermaid-cli 11 at 880 px (a PR's column) to PNG and SVG under
# target/picture-check/, and prints the smallest text as displayed there, failing below 10 px.
# Not part of `mvn verify`: it needs Chromium. Installs what is missing (Debian's chromium, and
# mermaid-cli from npm without Puppeteer's own browser); run again, it installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
WIDTH=880
MIN_PX=10
if ! command -v chromium >/dev/null; then
  apt-get install -y chromium >/dev/null
fi
if ! command -v mmdc >/dev/null; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @mermaid-js/mermaid-cli@11 >/dev/null
fi
out=target/picture-check
rm -rf "$out" && mkdir -p "$out"
printf '{"executablePath":"%s","args":["--no-sandbox","--disable-gpu"]}\n' "$(command -v chromium)" >"$out/puppeteer.json"
./meshgen render --all --out "$out/rendered" >/dev/null 2>&1 || ./meshgen render --all --out "$out/rendered"
status=0
for readme in "$out"/rendered/*/README.md; do
  env=$(basename "$(dirname "$readme")")
  # The picture is the one mermaid block of the environment's README.md.
  sed -n '/^```mermaid$/,/^```$/p' "$readme" | sed '1d;$d' >"$out/$env.mmd"
  for format in png svg; do
    mmdc -q -p "$out/puppeteer.json" -i "$out/$env.mmd" -o "$out/$env.$format" -w "$WIDTH" -b white
  done
  # Shown in a column WIDTH px wide, the SVG is scaled by WIDTH / its width (never enlarged), so the
  # smallest font-size it sets, times that scale, is the smallest text a reviewer sees.
  python3 - "$out/$env.svg" "$env" "$WIDTH" "$MIN_PX" <<'PY' || status=1
import re, sys
svg, env, width, min_px = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
view = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
# Every font-size the SVG sets, but the hover tooltip's (not part of the picture).
css = re.sub(r'[^{}]*\.mermaidTooltip\{[^}]*\}', '', svg)
sizes = [float(s) for s in re.findall(r'font-size:\s*([0-9.]+)px', css)]
scale = min(1.0, width / view[2])
smallest = min(sizes) * scale
verdict = "ok" if smallest >= min_px else "TOO SMALL"
print(f"{env}: {view[2]:.0f} x {view[3]:.0f} px, smallest font {min(sizes):g} px x {scale:.2f} = {smallest:.1f} px at {width} px wide: {verdict}")
sys.exit(0 if smallest >= min_px else 1)
PY
done
echo "pictures: $out/*.png"
exit $status
