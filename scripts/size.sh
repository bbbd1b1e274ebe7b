#!/usr/bin/env bash
# Prints the raw and gzipped (-9) size of every file in dist/, the bytes a browser downloads.
set -euo pipefail
cd "$(dirname "$0")/../dist"
total_raw=0 total_gz=0
printf '%-48s %10s %10s\n' file bytes gzip-9
while IFS= read -r f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "$f" "$raw" "$gz"
done < <(find . -type f ! -name 'README.txt' | sort)
printf '%-48s %10d %10d\n' total "$total_raw" "$total_gz"
