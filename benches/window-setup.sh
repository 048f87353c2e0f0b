# Sourced by the window benchmarks (startup.sh, memory.sh), from the repository's root, with
# the benchmark's name as $1: checks the tools and the release binary, makes a temporary
# folder ($work, removed at exit unless KEEP=1) holding private XDG folders and the national
# dataset in $work/data, its automatic backup of the day already taken so that it does not
# count. Sets $g287 to the binary's full path. RENDERER=wgpu or tiny-skia forces a renderer.
g287=${G287:-target/release/g287}
for tool in xvfb-run xdotool; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed: apt-get install xvfb xdotool" >&2; exit 2; }
done
[ -x "$g287" ] || { echo "$g287 not found: build it first with cargo build --release" >&2; exit 2; }
g287=$(realpath "$g287")

work=$(mktemp -d "${TMPDIR:-/tmp}/g287-$1.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/runtime" "$work/cache" "$work/config" "$work/xdg-data"
chmod 700 "$work/runtime"
export XDG_RUNTIME_DIR="$work/runtime" XDG_CACHE_HOME="$work/cache" \
    XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/xdg-data"
[ -z "${RENDERER:-}" ] || export ICED_BACKEND="$RENDERER"

"$g287" --data-dir "$work/data" demo --agencies 18000 >/dev/null
# The first start of a day makes its automatic backup on a thread of its own; take it now so
# every measured run starts alike.
"$g287" --data-dir "$work/data" backup "$work/warm.sqlite3" >/dev/null
