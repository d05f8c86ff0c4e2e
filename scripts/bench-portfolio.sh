#!/usr/bin/env bash
# `convention check` and `convention portfolio` over 10,000 drafts in one
# call each (a folder, searched by the program), against Python's bare
# `json.load` of the same files, in the same run: wall-clock time (best of
# 3) and peak memory (maximum resident set size, from /usr/bin/time -v).
# Usage: scripts/bench-portfolio.sh [COUNT] [BINARY]
#   COUNT   drafts to generate (default 10000)
#   BINARY  the convention binary (default: builds target/release/convention)
set -euo pipefail
count=${1:-10000}
cd "$(dirname "$0")/.."
if [[ -n "${2:-}" ]]; then
  bin=$2
else
  cargo build --release --quiet
  bin=target/release/convention
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Drafts of three ministries over four years, in one folder per ministry.
python3 - "$work/drafts" "$count" <<'PY'
import json, sys, copy, pathlib
folder, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
reference = json.loads(pathlib.Path("examples/convention-meae-dinum-2022.json").read_text())
ministries = [("MEAE", "0105"), ("MC", "0224"), ("MTE", "0217")]
for i in range(count):
    short, programme = ministries[i % 3]
    draft = copy.deepcopy(reference)
    draft["delegant"]["short_name"] = short
    draft["object"]["beneficiary"] = f"l'équipe n° {i}"
    draft["budget"]["uo"] = f"{programme}-CDIR-DNUM"
    draft["budget"]["schedule"][0]["ae"] = f"{30000 + i}.{i % 100:02}"
    draft["budget"]["schedule"][0]["cp"] = f"{30000 + i}.{i % 100:02}"
    sub = folder / short
    sub.mkdir(parents=True, exist_ok=True)
    (sub / f"draft-{i:05}.json").write_text(json.dumps(draft, ensure_ascii=False, indent=2))
PY
# Best wall-clock time of 3 runs (ms) and the peak memory of the last (KiB).
measure() {
  local best=999999999 rss=0
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    local ms=$(( (end - start) / 1000000 ))
    (( ms < best )) && best=$ms
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  done
  echo "$best $rss"
}
read -r check_ms check_kb < <(measure "$bin" check --format json "$work/drafts")
read -r folio_ms folio_kb < <(measure "$bin" portfolio --format csv "$work/drafts")
read -r python_ms python_kb < <(measure python3 -c 'import json, pathlib, sys
for name in sorted(pathlib.Path(sys.argv[1]).rglob("*.json")):
    with open(name, encoding="utf-8") as f:
        json.load(f)' "$work/drafts")
echo "drafts: $count"
printf '%-44s %8s ms %8s MiB\n' "convention check --format json DOSSIER" "$check_ms" "$((check_kb / 1024))"
printf '%-44s %8s ms %8s MiB\n' "convention portfolio --format csv DOSSIER" "$folio_ms" "$((folio_kb / 1024))"
printf '%-44s %8s ms %8s MiB\n' "python3 json.load of the same files" "$python_ms" "$((python_kb / 1024))"
python3 -c "import sys
c, f, p = (int(x) for x in sys.argv[1:])
print(f'ratio: check {c / max(p, 1):.2f}x, portfolio {f / max(p, 1):.2f}x the time Python spends parsing')" \
  "$check_ms" "$folio_ms" "$python_ms"
