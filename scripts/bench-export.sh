#!/usr/bin/env bash
# Exports the reference draft to DOCX + PDF with `convention export`, and
# converts the same DOCX to PDF with LibreOffice, side by side in one run:
# the two are interleaved (a batch of exports, then one conversion, and so
# on), so that a load on a shared machine weighs on both alike. Reports the
# best and the mean of each, and the ratios of bests and of means.
# Usage: scripts/bench-export.sh [RUNS] [LO_RUNS]
#   RUNS exports (default 100), LO_RUNS conversions (default 4): the best of
#   a 10 ms process needs more tries than that of a 1 s one on a shared machine.
#   Builds the release binary first, unless CONVENTION_BIN names one.
set -euo pipefail
runs=${1:-100}
lo_runs=${2:-4}
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "soffice (libreoffice-writer-nogui) is needed" >&2; exit 2; }
if [[ -n "${CONVENTION_BIN:-}" ]]; then
  bin=$CONVENTION_BIN
else
  # The binary users install, the app included.
  cargo build --release --quiet
  bin=$PWD/target/release/convention
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/convention-meae-dinum-2022.json "$work/reference.json"
"$bin" export "$work/reference.json" --docx "$work/warmup.docx" --pdf "$work/warmup.pdf" >/dev/null

profile="$work/lo-profile"
# A first conversion creates LibreOffice's profile; it is not counted.
soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$work/lo" "$work/warmup.docx" >/dev/null 2>&1

# Bash's own clock in microseconds, read in place: `date` or a command
# substitution would start a process whose time counts in each export.
(( BASH_VERSINFO[0] >= 5 )) || { echo "bash 5 or later is needed (EPOCHREALTIME)" >&2; exit 2; }
ours=()
lo=()
per_batch=$(( (runs + lo_runs - 1) / lo_runs ))
done_runs=0
for batch in $(seq "$lo_runs"); do
  for i in $(seq "$per_batch"); do
    (( done_runs < runs )) || break
    done_runs=$((done_runs + 1))
    start=${EPOCHREALTIME/[.,]/}
    "$bin" export "$work/reference.json" --docx "$work/r.docx" --pdf "$work/r.pdf" >/dev/null 2>&1
    end=${EPOCHREALTIME/[.,]/}
    ours+=($(( end - start )))
  done
  start=${EPOCHREALTIME/[.,]/}
  soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$work/lo$batch" "$work/warmup.docx" >/dev/null 2>&1
  end=${EPOCHREALTIME/[.,]/}
  lo+=($(( end - start )))
done

python3 - "${#ours[@]}" "${ours[@]}" "${lo[@]}" <<'EOF'
import sys
n = int(sys.argv[1])
values = [int(v) for v in sys.argv[2:]]
ours, lo = values[:n], values[n:]
mean = lambda xs: sum(xs) / len(xs)
print(f"convention export (DOCX + PDF, whole process), {len(ours)} runs: best {min(ours) / 1000:.1f} ms, mean {mean(ours) / 1000:.1f} ms")
print(f"soffice --headless --convert-to pdf (same DOCX), {len(lo)} runs: best {min(lo) / 1000:.0f} ms, mean {mean(lo) / 1000:.0f} ms")
print(f"ratio: convention is {min(lo) / max(min(ours), 1):.0f}x faster (bests), {mean(lo) / max(mean(ours), 1):.0f}x (means)")
EOF
