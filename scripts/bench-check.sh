#!/usr/bin/env bash
# Checks 1,000 drafts in one call of `convention check` and compares it with
# Python merely parsing the same files as JSON, in the same run.
# Usage: scripts/bench-check.sh [COUNT]   (builds the release binary first)
set -euo pipefail
count=${1:-1000}
cd "$(dirname "$0")/.."
# The binary users install, the app included.
cargo build --release --quiet
bin=target/release/convention
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$count" <<'PY'
import json, sys, copy, pathlib
folder, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
reference = json.loads(pathlib.Path("examples/convention-meae-dinum-2022.json").read_text())
for i in range(count):
    draft = copy.deepcopy(reference)
    draft["object"]["beneficiary"] = f"l'équipe n° {i}"
    draft["budget"]["schedule"][0]["ae"] = f"{30000 + i}.00"
    draft["budget"]["schedule"][0]["cp"] = f"{30000 + i}.00"
    (folder / f"draft-{i:04}.json").write_text(json.dumps(draft, ensure_ascii=False, indent=2))
PY
best() { # best of 5 wall-clock runs, in milliseconds
  local best=999999
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    local ms=$(( (end - start) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  echo "$best"
}
files=("$work"/draft-*.json)
rust_ms=$(best "$bin" check --format json "${files[@]}")
python_ms=$(best python3 -c 'import json, sys
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        json.load(f)' "${files[@]}")
echo "convention check, ${#files[@]} drafts: ${rust_ms} ms"
echo "python3 json.load only, same files: ${python_ms} ms"
python3 -c "import sys; r, p = int(sys.argv[1]), int(sys.argv[2]); print(f'ratio: check takes {r / max(p, 1):.2f}x the time Python spends parsing')" "$rust_ms" "$python_ms"
