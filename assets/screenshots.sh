#!/usr/bin/env bash
# Regenerates every screenshot the README shows (assets/screenshot-*.png), so that they can
# be taken again after a change to the window.
#
#   cargo build --release && assets/screenshots.sh       # G287=target/release/g287, OUT=assets
#   G287=target/debug/g287 OUT=/tmp/shots assets/screenshots.sh
#   assets/screenshots.sh dashboard agency               # only these scenes (names below)
#
# Needs Xvfb, xdotool, ImageMagick (import, convert), sqlite3 (the Verify scene) and
# PostgreSQL's server programs (the Team scene: a throwaway server in $SHOTS_TMP/pg); takes
# about 5 minutes. Each scene builds its own data in /tmp/g287-screens/SCENE (`g287 demo
# --agencies 300`, or ICE's lists of 18 July 2025 from tests/fixtures/ice/, then CLI commands
# where the picture needs a record: signatures, an attestation), opens the window under its own
# Xvfb (:97, 1366x768x24; 1024x700x24 for that scene), drives it with the keyboard shortcuts
# (src/ui/shortcuts.rs) and, where no key reaches a control, with a click at a position read
# off the screen at that size, then writes the window's picture. With no window manager the
# window is resized by xdotool: to fill the screen, except the Agencies scene, which keeps
# g287's opening size (1280x720).
#
# The clicks and scrolls were read at 1366x768 on tiny-skia (the renderer g287 picks under
# Xvfb); after a layout change, look at every picture and adjust them (SHOTS_DEBUG=1 keeps the
# screen before each click as $OUT/debug-N.png).
#
# Settings (environment): G287, OUT, DISPLAY_NUM (97), PAUSE (seconds after each step, 1.5),
# SEED (the demo's, 287: the scenes pick agencies and agreements of that seed by name and id),
# SHOTS_TMP (/tmp/g287-screens; must not exist).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
G287=$(realpath -m "${G287:-target/release/g287}")
OUT=${OUT:-assets}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
ICE="$ROOT/tests/fixtures/ice"
DISPLAY_NUM=${DISPLAY_NUM:-97}
PAUSE=${PAUSE:-1.5}          # seconds after each step
SEED=${SEED:-287}

for tool in Xvfb xdotool import convert sqlite3; do
    command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is needed" >&2; exit 1; }
done
[ -x "$G287" ] || { echo "screenshots.sh: no g287 binary at $G287 (set G287)" >&2; exit 1; }

# The scenes' data folders: a fixed path, since the status line shows it in every picture.
TMP=${SHOTS_TMP:-/tmp/g287-screens}
mkdir "$TMP" || { echo "screenshots.sh: $TMP exists (left by a run?); remove it or set SHOTS_TMP" >&2; exit 1; }
XVFB_PID=""
APP_PID=""
W=""
WIDTH=0
HEIGHT=0

PG_DIR=""
PG_BIN=""
RUN_PG=()
stop_pg() {
    if [ -n "$PG_DIR" ]; then
        "${RUN_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
        PG_DIR=""
    fi
}
stop_app() {
    if [ -n "$APP_PID" ]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=""
    fi
}
stop_x() {
    stop_app
    if [ -n "$XVFB_PID" ]; then
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
        XVFB_PID=""
        # The next Xvfb on this display needs the lock gone.
        for _ in $(seq 50); do
            [ -e "/tmp/.X$DISPLAY_NUM-lock" ] || break
            sleep 0.1
        done
    fi
}
cleanup() {
    stop_x
    stop_pg
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_x WIDTH HEIGHT: a fresh Xvfb of that size on :DISPLAY_NUM.
start_x() {
    stop_x
    WIDTH=$1
    HEIGHT=$2
    if [ -e "/tmp/.X$DISPLAY_NUM-lock" ]; then
        echo "screenshots.sh: display :$DISPLAY_NUM is taken (set DISPLAY_NUM)" >&2
        exit 1
    fi
    Xvfb ":$DISPLAY_NUM" -screen 0 "${WIDTH}x${HEIGHT}x24" -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$DISPLAY_NUM"
    for _ in $(seq 50); do
        kill -0 "$XVFB_PID" 2>/dev/null || break
        [ -e "/tmp/.X$DISPLAY_NUM-lock" ] && xdotool getmouselocation >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "screenshots.sh: Xvfb did not start on :$DISPLAY_NUM" >&2
    exit 1
}

# start_app DIR [WIDTHxHEIGHT]: g287's window on the data folder DIR, resized (default: the
# whole screen), focused, the pointer parked on the status line.
start_app() {
    stop_app
    local dir=$1 size=${2:-${WIDTH}x${HEIGHT}} attempt
    for attempt in 1 2; do
        # shellcheck disable=SC2086 # APP_ARGS: more arguments, as words (--database URL)
        "$G287" --data-dir "$dir" ${APP_ARGS:-} >"$TMP/app.log" 2>&1 &
        APP_PID=$!
        W=""
        for _ in $(seq 100); do
            W=$(xdotool search --name '^g287' 2>/dev/null | head -1 || true)
            [ -n "$W" ] && break
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.2
        done
        [ -n "$W" ] && break
        # Seen once in a while: the display refuses g287 (XOpenDisplayFailed). A new Xvfb.
        echo "screenshots.sh: no g287 window (attempt $attempt):" >&2
        grep -m1 -i 'panicked\|error' "$TMP/app.log" >&2 || true
        stop_app
        start_x "$WIDTH" "$HEIGHT"
    done
    [ -n "$W" ] || { echo "screenshots.sh: no g287 window" >&2; cat "$TMP/app.log" >&2; exit 1; }
    # g287 sizes its window itself once shown (to the screen, less a margin): resize until the
    # size holds.
    for _ in $(seq 10); do
        sleep 1
        [ "$(win_w)x$(win_h)" = "$size" ] && break
        xdotool windowsize "$W" "${size%x*}" "${size#*x}"
    done
    sleep 1
    [ "$(win_w)x$(win_h)" = "$size" ] || echo "screenshots.sh: the window is $(win_w)x$(win_h), not $size" >&2
    xdotool windowfocus --sync "$W" 2>/dev/null || true
    park
    sleep "$PAUSE"
}

# The pointer on the status line (bottom left), where it highlights nothing; without a window
# manager the keyboard follows the pointer, so it stays inside the window.
park() { xdotool mousemove 300 $(( $(win_h) - 8 )); }

win_w() { xdotool getwindowgeometry "$W" | sed -n 's/.*Geometry: \([0-9]*\)x.*/\1/p'; }
win_h() { xdotool getwindowgeometry "$W" | sed -n 's/.*Geometry: [0-9]*x\([0-9]*\).*/\1/p'; }

key() { xdotool key --delay 80 "$@"; sleep "$PAUSE"; }
typ() { xdotool type --delay 40 "$1"; sleep "$PAUSE"; }
# click X Y: a click (with SHOTS_DEBUG=1, the screen before it is kept as $OUT/debug-N.png).
DEBUG_N=0
click() {
    if [ -n "${SHOTS_DEBUG:-}" ]; then
        DEBUG_N=$(( DEBUG_N + 1 ))
        import -window root "$OUT/debug-$DEBUG_N.png"
        echo "  debug-$DEBUG_N.png: before a click at $1,$2"
    fi
    xdotool mousemove "$1" "$2" click 1; sleep "$PAUSE"; park; sleep 0.5; }
# wheel N [X Y]: scroll down N notches (up if N < 0) over the page's body.
wheel() {
    local n=$1 x=${2:-640} y=${3:-400} button=5
    if [ "$n" -lt 0 ]; then button=4; n=$(( -n )); fi
    xdotool mousemove "$x" "$y"
    for _ in $(seq "$n"); do xdotool click "$button"; sleep 0.1; done
    park
    sleep "$PAUSE"
}

# shot NAME: the window into $OUT/NAME.png.
shot() {
    local file="$OUT/$1.png" w h
    w=$(win_w)
    h=$(win_h)
    import -window root "$file"
    convert "$file" -crop "${w}x${h}+0+0" +repage "$file"
    echo "  $file (${w}x${h})"
}

# open_agency TEXT [N]: the Agencies page, TEXT in its search, the Nth agency found (default
# the first) opened.
open_agency() {
    key alt+2
    key ctrl+f
    key ctrl+a BackSpace
    typ "$1"
    for _ in $(seq "${2:-1}"); do key Down; done
    key Return
    sleep 1
}

# Data folders.
demo_data() { # demo_data DIR
    "$G287" --data-dir "$1" demo --agencies 300 --seed "$SEED" >/dev/null
}
ice_data() { # ice_data DIR: ICE's participating and pending lists of 18 July 2025
    "$G287" --data-dir "$1" import \
        "$ICE/participatingAgencies07182025pm.xlsx" "$ICE/pendingAgencies07182025pm.xlsx" \
        >/dev/null || [ $? -eq 1 ] # 1: imported, with values flagged for review
}

# ---- the scenes -------------------------------------------------------------------------------

# The Dashboard on ICE's lists of 18 July 2025: nothing failing, everything unrecorded.
scene_dashboard() {
    ice_data "$TMP/dashboard"
    start_app "$TMP/dashboard"
    key alt+1
    sleep 3
    shot screenshot-dashboard
}

# The Agencies screen (300 demo agencies, the window at its opening size, 1280x720).
scene_agencies() {
    demo_data "$TMP/agencies"
    start_app "$TMP/agencies" 1280x720
    key alt+2
    shot screenshot-agencies
}

# The Agencies list of the 300-agency demo filling a 1366x768 screen.
scene_1366x768() {
    demo_data "$TMP/s1366"
    start_app "$TMP/s1366"
    key alt+2
    shot screenshot-1366x768
}

# An agency: its agreement, the MOA's two signatures recorded (a pending agreement went active
# on the later one), and the lifecycle.
scene_agency() {
    local dir="$TMP/agency"
    demo_data "$dir"
    # Agreement 173: Habersham County Sheriff's Office's (GA) JEM agreement, pending in the demo.
    "$G287" --data-dir "$dir" sign --agreement 173 \
        --agency-signer "Maria Harris" --agency-title "Sheriff" --agency-date 2026-11-02 \
        --component-signer "Nancy Thomas" --component-title "Acting Director" \
        --component-date 2026-11-16 --template-year 2025 >/dev/null
    start_app "$dir"
    open_agency "Habersham"
    wheel 3
    shot screenshot-agency
}

# Etowah County, AL, JEM, known only from ICE's list: its checklist.
scene_checklist_ice() {
    ice_data "$TMP/ice"
    start_app "$TMP/ice"
    open_agency "Etowah"
    wheel 6
    shot screenshot-checklist-ice
}

# A demo agency's checklist: an obligation recorded (by the command line, so the checklist
# names the login), another being recorded through its Record… form, the FOD meeting overdue
# shown as not met.
scene_checklist() {
    local dir="$TMP/checklist"
    demo_data "$dir"
    # Agreement 197: Gaston County Police Department (NC), JEM, active, its FOD meeting overdue.
    "$G287" --data-dir "$dir" attest --agreement 197 --requirement agency.complaint_procedure \
        --met yes --date 2026-11-20 \
        --evidence "Posters in English and Spanish seen in the lobby" >/dev/null
    start_app "$dir"
    open_agency "Gaston County Police"
    wheel 9
    # "Record…" beside "Officers' access to DHS and ICE systems set up".
    click "$REC_X" "$REC_Y"
    # The form: "Yes, in place", the date, the evidence.
    click "$YES_X" "$YES_Y"
    click "$EVID_X" "$EVID_Y"
    typ "Accounts for 2 officers set up; checked on a site visit"
    # Down to the FOD meeting (not met) below the form; the form keeps what was typed.
    wheel 2
    shot screenshot-checklist
}
REC_X=1282 REC_Y=589
YES_X=197 YES_Y=691
EVID_X=945 EVID_Y=693

# The compliance calendar.
scene_calendar() {
    demo_data "$TMP/calendar"
    start_app "$TMP/calendar"
    key alt+3
    sleep 1
    shot screenshot-calendar
}

# The Data screen: the agencies a search left in the list, exported to CSV.
scene_data() {
    demo_data "$TMP/data"
    start_app "$TMP/data"
    key alt+2
    key ctrl+f
    typ "Police"
    # Out of the search field first: Alt+7 typed in a field also types its "7".
    click 640 111
    key alt+7
    click "$PATH_X" "$PATH_Y"
    key ctrl+a BackSpace
    typ "$TMP/police.csv"
    click "$ONLY_X" "$ONLY_Y"
    click "$EXPORT_X" "$EXPORT_Y"
    sleep 1
    shot screenshot-data
}
PATH_X=700 PATH_Y=218
ONLY_X=34 ONLY_Y=291
EXPORT_X=1270 EXPORT_Y=218

# Verify now on a registry edited with sqlite3 outside g287: an agency renamed, a declined
# agreement made active.
scene_verify() {
    local dir="$TMP/verify"
    demo_data "$dir"
    sqlite3 "$dir/g287.sqlite3" \
        "UPDATE agencies SET name = 'Tampered PD' WHERE id = 5;
         UPDATE agreements SET status = 'active'
          WHERE id = (SELECT min(id) FROM agreements WHERE status = 'declined');"
    start_app "$dir"
    key alt+7
    wheel 5
    click "$VERIFY_X" "$VERIFY_Y"
    sleep 3
    shot screenshot-verify
}
VERIFY_X=78 VERIFY_Y=361

# The Catalogue screen: a threshold being changed (officers nominated, at least 1 -> 2).
scene_catalogue() {
    demo_data "$TMP/catalogue"
    start_app "$TMP/catalogue"
    key alt+6
    click "$REQ_X" "$REQ_Y"
    click "$THR_X" "$THR_Y"
    key ctrl+a BackSpace
    typ "2"
    shot screenshot-catalogue
}
REQ_X=140 REQ_Y=515
THR_X=946 THR_Y=490

# The Agencies screen at 1024x700.
scene_1024x700() {
    demo_data "$TMP/s1024"
    start_x 1024 700
    start_app "$TMP/s1024"
    key alt+2
    shot screenshot-1024x700
}

# An agency in high contrast, the theme chosen in the menu at the top right.
scene_high_contrast() {
    demo_data "$TMP/contrast"
    start_app "$TMP/contrast"
    open_agency "Kootenai"
    click $(( $(win_w) - 80 )) 24
    typ "High"
    key Return
    # Close the menu, should it open again under the pointer: a click on the status line.
    click 300 $(( $(win_h) - 8 ))
    shot screenshot-high-contrast
}

# The Review screen on ICE's lists of 18 July 2025: agencies waiting to be linked to the national
# list, each with its reason and candidates.
scene_links() {
    ice_data "$TMP/links"
    start_app "$TMP/links"
    key alt+5
    sleep 1
    wheel 4
    shot screenshot-links
}

# A new agency: the national list found as its name is typed.
scene_new_agency() {
    demo_data "$TMP/new"
    start_app "$TMP/new"
    key alt+2
    key ctrl+n
    typ "AL"
    key Tab
    typ "Colbert County Sheriff"
    sleep 1
    shot screenshot-new-agency
}

# An agency of ICE's list linked to its ORI: the National list card (population served, sworn
# officers, nominees against them).
scene_national_card() {
    ice_data "$TMP/card"
    start_app "$TMP/card"
    open_agency "Colbert"
    shot screenshot-national-card
}

# The Dashboard's coverage: agencies, sworn officers and population under an active agreement.
scene_coverage() {
    ice_data "$TMP/coverage"
    start_app "$TMP/coverage"
    key alt+1
    sleep 3
    wheel 9
    shot screenshot-coverage
}

# An agreement with its signed MOA and what was read from it: ICE's lists of 18 July 2025,
# then the 14 MOAs of tests/fixtures/moa attached by `g287 attach-moas`.
scene_documents() {
    ice_data "$TMP/documents"
    "$G287" --data-dir "$TMP/documents" attach-moas "$ROOT/tests/fixtures/moa" >/dev/null ||
        [ $? -eq 1 ] # 1: attached, some listed as matching nothing or disagreeing
    start_app "$TMP/documents"
    # Hamilton County, IN: the second Hamilton County Sheriff's Office by state (FL, IN, ...).
    key alt+2
    key ctrl+f
    typ "Hamilton County Sheriff"
    key Down
    key Down
    key Return
    sleep 1
    wheel "${DOCUMENTS_WHEEL:-4}"
    shot screenshot-documents
}

# A team's registry on a throwaway PostgreSQL server (initdb and pg_ctl in $TMP/pg, a Unix
# socket there and no TCP port, as the postgres user when run as root), the demo written on it
# by its owner, and the window opened as jdoe, a coordinator: the status line names the server
# and what the role may do, and the Agency screen offers no Record decision, saying why.
scene_team() {
    PG_BIN=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")
    PG_DIR="$TMP/pg"
    mkdir -p "$PG_DIR"
    RUN_PG=()
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PG_DIR"
        RUN_PG=(runuser -u postgres --)
    fi
    "${RUN_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust --username=owner \
        --encoding=UTF8 --locale=C >/dev/null
    "${RUN_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR'" start >/dev/null
    "$PG_BIN/psql" -q -h "$PG_DIR" -U owner -d postgres -c \
        "CREATE DATABASE g287 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    local host=${PG_DIR//\//%2F}
    local dir="$TMP/team"
    "$G287" --data-dir "$dir" --database "postgres://owner@$host/g287" admin init >/dev/null
    "$G287" --data-dir "$dir" --database "postgres://owner@$host/g287" demo --agencies 300 \
        --seed "$SEED" >/dev/null
    "$G287" --data-dir "$dir" --database "postgres://owner@$host/g287" admin grant \
        coordinator jdoe >/dev/null
    APP_ARGS="--database postgres://jdoe@$host/g287" start_app "$dir"
    open_agency "Habersham"
    wheel "${TEAM_WHEEL:-17}"
    shot screenshot-team
    stop_app
    stop_pg
}

ALL="dashboard agencies 1366x768 agency checklist_ice checklist calendar data verify catalogue
1024x700 high_contrast links new_agency national_card coverage documents team"
SCENES=${*:-$ALL}
start=$(date +%s)
for s in $SCENES; do
    echo "$s"
    start_x 1366 768 # a fresh display for each scene
    "scene_${s//-/_}"
    stop_app
done
stop_x
echo "done in $(( $(date +%s) - start )) s: $OUT"
