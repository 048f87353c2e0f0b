#!/usr/bin/env bash
# Import of a national list in ICE's participating format, g287 against the sqlite3 shell.
#
# Writes a deterministic national CSV (18,000 agencies, 32,000 rows, the same bytes as the
# generator in benches/national.rs), then times, each as a whole process, median of 5 runs:
#   sqlite3 FRESH.db ".mode csv" ".import national.csv bare"   (a bare table, nothing checked)
#   target/release/g287 --data-dir FRESH import national.csv  (validation, identity, history)
# and prints both and their ratio. The target of issue 6 is a ratio of at most 2.
#
# Run from anywhere: benches/sqlite3-compare.sh [RUNS]
# Needs: sqlite3 (apt-get install sqlite3), awk, and a release build (cargo build --release).
# Environment: G287 (the binary, default target/release/g287), KEEP=1 keeps the temp folder.
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${1:-5}
g287=${G287:-target/release/g287}

if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "sqlite3 is not installed: apt-get install sqlite3 (or your system's package), then rerun" >&2
    exit 2
fi
if [ ! -x "$g287" ]; then
    echo "$g287 not found: build it first with cargo build --release" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/g287-compare.XXXXXX")
if [ -z "${KEEP:-}" ]; then
    trap 'rm -rf "$work"' EXIT
fi
csv="$work/national.csv"

# The national list: 18,000 agencies over the 50 states and DC (agency i is in state i mod 51),
# with 1, 2 or 3 agreements each (6,000, 10,000 and 2,000 agencies: 32,000 rows), in ICE's
# participating format and spelling. Pure arithmetic, so any awk gives the same bytes.
awk 'BEGIN {
    ns = split("ALABAMA|ALASKA|ARIZONA|ARKANSAS|CALIFORNIA|COLORADO|CONNECTICUT|DELAWARE|DISTRICT OF COLUMBIA|FLORIDA|GEORGIA|HAWAII|IDAHO|ILLINOIS|INDIANA|IOWA|KANSAS|KENTUCKY|LOUISIANA|MAINE|MARYLAND|MASSACHUSETTS|MICHIGAN|MINNESOTA|MISSISSIPPI|MISSOURI|MONTANA|NEBRASKA|NEVADA|NEW HAMPSHIRE|NEW JERSEY|NEW MEXICO|NEW YORK|NORTH CAROLINA|NORTH DAKOTA|OHIO|OKLAHOMA|OREGON|PENNSYLVANIA|RHODE ISLAND|SOUTH CAROLINA|SOUTH DAKOTA|TENNESSEE|TEXAS|UTAH|VERMONT|VIRGINIA|WASHINGTON|WEST VIRGINIA|WISCONSIN|WYOMING", st, "|")
    split("Ash|Bel|Cal|Dun|Elm|Fair|Glen|Hart|Iron|Jas|Kel|Lin|Mar|North|Oak|Pine|Red|Stone|West|York", p1, "|")
    split("ford|ton|ville|field|wood|brook|dale|port|burg|ridge|mont|view|land|haven|crest|well|mill|gate|shire|water", p2, "|")
    split("Jail Enforcement Model|Task Force Model|Warrant Service Officer", model, "|")
    agencies = 18000
    print "STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA"
    for (s = 0; s < ns; s++) {
        for (j = 0; j * ns + s < agencies; j++) {
            i = j * ns + s
            place = p1[j % 20 + 1] p2[int(j / 20) % 20 + 1]
            k = j % 10
            if (k < 4) {
                name = place " County Sheriff'"'"'s Office"; type = "County"; county = place " County"
            } else if (k < 9) {
                name = place " Police Department"; type = "Municipality"
                county = p1[(j + 7) % 20 + 1] p2[j % 20 + 1] " County"
            } else {
                name = place " State Highway Patrol"; type = "State Agency"; county = ""
            }
            r = (i * 7) % 9
            n = (r < 3) ? 1 : ((r < 8) ? 2 : 3)
            for (m = 0; m < 3; m++) {
                if (n == 1 && m != i % 3) continue
                if (n == 2 && m == i % 3) continue
                month = 1 + (i * 5 + m) % 12
                day = 1 + (i * 11 + m * 3) % 28
                year = 2017 + (i * 13 + m) % 9
                printf "%s,%s,%s,%s,%s,%d/%d/%d,link\n", st[s + 1], name, type, county, model[m + 1], month, day, year
            }
        }
    }
}' >"$csv"

rows=$(($(wc -l <"$csv") - 1))
echo "national list: $rows rows, $(wc -c <"$csv") bytes, sha256 $(sha256sum "$csv" | cut -c1-16)"

now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

sqlite_times=()
g287_times=()
for run in $(seq "$runs"); do
    db="$work/bare-$run.db"
    t0=$(now_ns)
    sqlite3 "$db" ".mode csv" ".import $csv bare"
    t1=$(now_ns)
    sqlite_times+=($(((t1 - t0) / 1000)))
    got=$(sqlite3 "$db" "SELECT count(*) FROM bare")
    [ "$got" = "$rows" ] || { echo "sqlite3 imported $got rows, not $rows" >&2; exit 1; }

    dir="$work/g287-$run"
    t0=$(now_ns)
    "$g287" --data-dir "$dir" import "$csv" >"$work/g287-$run.out"
    t1=$(now_ns)
    g287_times+=($(((t1 - t0) / 1000)))
done
grep -q "$rows rows, $rows agreements: $rows new" "$work/g287-1.out" || {
    echo "g287 did not import every row:" >&2
    cat "$work/g287-1.out" >&2
    exit 1
}

s=$(printf '%s\n' "${sqlite_times[@]}" | median)
g=$(printf '%s\n' "${g287_times[@]}" | median)
echo "runs (ms):   sqlite3 $(printf '%s\n' "${sqlite_times[@]}" | awk '{ printf "%.0f ", $1 / 1000 }')"
echo "             g287    $(printf '%s\n' "${g287_times[@]}" | awk '{ printf "%.0f ", $1 / 1000 }')"
awk -v s="$s" -v g="$g" -v n="$runs" 'BEGIN {
    printf "sqlite3 .import (bare table):  %8.1f ms  (median of %d)\n", s / 1000, n
    printf "g287 import:                   %8.1f ms  (median of %d)\n", g / 1000, n
    printf "ratio g287 / sqlite3:          %8.2f   (target: at most 2)\n", g / s
}'
