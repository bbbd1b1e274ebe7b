#!/usr/bin/env bash
# Prints the raw, gzipped (-9) and brotli size of every file in dist/, the bytes a browser
# downloads (the .gz and .br copies written at build time are what a precompressing host sends).
set -euo pipefail
cd "$(dirname "$0")/../dist"
total_raw=0 total_gz=0 total_br=0
printf '%-48s %10s %10s %10s\n' file bytes gzip-9 brotli
while IFS= read -r f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  if [[ -f "$f.br" ]]; then br=$(stat -c %s "$f.br"); else br=0; fi
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-48s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
done < <(find . -type f ! -name 'README.txt' ! -name '*.gz' ! -name '*.br' | sort)
printf '%-48s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
