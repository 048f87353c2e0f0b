#!/usr/bin/env bash
# The window's memory with the national dataset, after visiting every page: resident memory
# (VmRSS) and its peak (VmHWM) from /proc, at start and after each page. The target of issue 15
# is under 150 MB resident after visiting every screen.
#
# Builds the national dataset (g287 demo --agencies 18000, about 20 s), starts
# target/release/g287 on it under Xvfb at 1280x800, waits for the Agencies list, then presses
# Alt+1 to Alt+7 (the page shortcuts, in the navigation bar's order), then Alt+2 (Agencies),
# Down and Enter (the first agency's page), giving each page WAIT seconds to load and draw.
#
# Run from anywhere: benches/memory.sh
# Needs: xvfb, xdotool (apt-get install xvfb xdotool) and cargo build --release.
# Environment: G287 (the binary), RENDERER=wgpu or RENDERER=tiny-skia to force a renderer,
# WAIT (seconds per page, default 4), KEEP=1 keeps the temp folder.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=benches/window-setup.sh
source benches/window-setup.sh memory

cat >"$work/measure.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
wait_s=${WAIT:-4}
"$G287_BIN" --data-dir "$DATA" &
pid=$!
until wid=$(xdotool search --onlyvisible --name '^g287' 2>/dev/null | head -1) && [ -n "$wid" ]; do
    sleep 0.05
done
# Bare Xvfb has no window manager: keys reach the window only once it has the focus.
xdotool windowfocus --sync "$wid"
sleep "$wait_s"
mem() {
    local rss hwm
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
    printf '%-28s resident %4d MB   peak %4d MB\n' "$1" $((rss / 1024)) $((hwm / 1024))
}
mem "at start (Agencies)"
pages=(Dashboard Agencies Calendar Import Review Catalogue Data)
for n in 1 2 3 4 5 6 7; do
    xdotool key --window "$wid" "alt+$n"
    sleep "$wait_s"
    mem "after Alt+$n (${pages[$((n - 1))]})"
done
xdotool key --window "$wid" alt+2
sleep 1
xdotool key --window "$wid" Down Return
sleep "$wait_s"
mem "after an agency's page"
echo "window title at the end: $(xdotool getwindowname "$wid")"
kill $pid
wait $pid 2>/dev/null || true
INNER
chmod +x "$work/measure.sh"

G287_BIN="$g287" DATA="$work/data" xvfb-run -a -s "-screen 0 1280x800x24" "$work/measure.sh"
echo "target: under 150 MB resident after visiting every page"
