#!/usr/bin/env bash
# Exports the reference draft to DOCX + PDF with `convention export`, and
# converts the same DOCX to PDF with LibreOffice, side by side in one run.
# Usage: scripts/bench-export.sh [RUNS]   (builds the release binary first)
set -euo pipefail
runs=${1:-20}
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "soffice (libreoffice-writer-nogui) is needed" >&2; exit 2; }
# The binary users install, the app included.
cargo build --release --quiet
bin=$PWD/target/release/convention
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/convention-meae-dinum-2022.json "$work/reference.json"
"$bin" export "$work/reference.json" --docx "$work/warmup.docx" --pdf "$work/warmup.pdf" >/dev/null

now() { date +%s%N; }
start=$(now)
for i in $(seq "$runs"); do
  "$bin" export "$work/reference.json" --docx "$work/r$i.docx" --pdf "$work/r$i.pdf" >/dev/null
done
ours_us=$(( ($(now) - start) / 1000 / runs ))

profile="$work/lo-profile"
# A first conversion creates LibreOffice's profile; it is not counted.
soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$work/lo" "$work/warmup.docx" >/dev/null 2>&1
lo_runs=3
start=$(now)
for i in $(seq "$lo_runs"); do
  soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$work/lo$i" "$work/r1.docx" >/dev/null 2>&1
done
lo_us=$(( ($(now) - start) / 1000 / lo_runs ))

echo "convention export (DOCX + PDF, whole process), mean of $runs: $(( ours_us / 1000 )).$(( ours_us % 1000 / 100 )) ms"
echo "soffice --headless --convert-to pdf (same DOCX), mean of $lo_runs: $(( lo_us / 1000 )) ms"
python3 -c "import sys; o, l = int(sys.argv[1]), int(sys.argv[2]); print(f'ratio: convention is {l / max(o, 1):.0f}x faster')" "$ours_us" "$lo_us"
