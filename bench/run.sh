#!/bin/sh
# bench/run.sh: sitrep's speed benchmark, run from the repo root by `make bench` (after `make all`).
# Assembles the corpora in build/bench (real news text from ../shared repeated to 50 MB, and a
# synthetic one), then measures throughput against `wc -w`, start-up, peak RSS and a callgrind
# profile per pipeline stage. Prints the report and writes it to build/bench/report.md.
# These are figures, not tests: nothing here fails on a slow result.
#
# Knobs (environment): BENCH_RUNS (timed runs per figure, default 5; Phoenix: 3),
# BENCH_MIN_BYTES (corpus size, default 50 MiB), BENCH_LINEAR=1 (also time a 10x corpus),
# SITREP_SHARED (default ../shared).
set -eu

B=build/bench
BUILT=${SITREP:-build/sitrep}
SHARED=${SITREP_SHARED:-../shared}
RUNS=${BENCH_RUNS:-5}
MIN_BYTES=${BENCH_MIN_BYTES:-52428800}
STARTUP_RUNS=10
PHX_RUNS=3
SEED=20201
REPORT=$B/report.md
# wc -w counts multibyte words under a UTF-8 locale; fixing the locale keeps the baseline the
# same from one machine to the next (C.UTF-8 is built into glibc >= 2.35).
LC_ALL=C.UTF-8
export LC_ALL

[ "$RUNS" -ge 3 ] || { echo "bench: BENCH_RUNS must be at least 3 (medians)" >&2; exit 2; }
[ -x "$BUILT" ] || { echo "bench: $BUILT not built (run make)" >&2; exit 2; }
# A fresh directory each time: no figure or corpus can come from an earlier run.
rm -rf "$B"
mkdir -p "$B/snap"
: > "$REPORT"
# Time a copy of the binary and of its dictionaries taken now: others working in the tree may
# rebuild build/sitrep while this runs, and every figure must come from the same build.
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
cp "$BUILT" "$B/snap/sitrep"
cp -R data "$B/snap/data"
cp -R build/data "$B/snap/gen"
SITREP=$B/snap/sitrep
SITREP_DATA=$B/snap/data
SITREP_GEN=$B/snap/gen
export SITREP_DATA SITREP_GEN

say() { printf '%s\n' "$*" | tee -a "$REPORT"; }
note() { printf 'bench: %s\n' "$*" >&2; }

# The helpers are built here rather than by the Makefile: they are not part of sitrep.
JANSSON=$(pkg-config --cflags --libs jansson 2>/dev/null || echo -ljansson)
# shellcheck disable=SC2086
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$B/mkcorpus" bench/mkcorpus.c $JANSSON
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$B/rusage" bench/rusage.c

# ---- small tools -------------------------------------------------------------------------

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { sort -g | tail -n 1; }
field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$1"; }   # field FILE KEY, from a rusage line
calc() { awk "BEGIN { printf \"$1\", $2 }"; }      # calc FORMAT EXPR
# rate COUNT SECONDS: COUNT per second, or "?" when --stats gave no count
rate() { case $1 in *[!0-9]* | "") echo "?" ;; *) calc %.0f "$1/$2" ;; esac; }
# "sitrep: N articles, N sentences, N events, ..." (--stats) -> "N N N"
stats_of() { sed -n 's/^sitrep: \([0-9]*\) articles, \([0-9]*\) sentences, \([0-9]*\) events.*/\1 \2 \3/p' "$1" | tail -n 1; }

# timed NAME RUNS CMD...: runs CMD RUNS times under rusage, stdout to /dev/null. Leaves the
# median wall and CPU seconds, the fastest and slowest wall ("min-max", so that noise from
# other work on the machine shows), the largest RSS and the median CPU other processes used
# meanwhile (in cores) in $B/NAME.{wall,cpu,range,rss,others}, the last run's
# stderr in $B/NAME.err, and in $B/NAME.fail a line per failed run (exit status or signal).
timed() {
    name=$1 n=$2
    shift 2
    : > "$B/$name.walls"; : > "$B/$name.cpus"; : > "$B/$name.rsss"; : > "$B/$name.otherss"; : > "$B/$name.fail"
    i=0
    while [ "$i" -lt "$n" ]; do
        i=$((i + 1))
        rc=0
        "$B/rusage" -o "$B/$name.ru" "$@" < /dev/null > /dev/null 2> "$B/$name.err" || rc=$?
        if [ "$rc" -ne 0 ]; then
            printf 'run %s: %s; stderr: %s\n' "$i" "$(sed -n 's/.*\(exit=[0-9]*\).*/\1/p; s/.*\(signal=[0-9]*\).*/\1/p' "$B/$name.ru")" \
                "$(head -c 400 "$B/$name.err" | tr '\n' ' ')" >> "$B/$name.fail"
        fi
        field "$B/$name.ru" wall_s >> "$B/$name.walls"
        awk -v u="$(field "$B/$name.ru" user_s)" -v s="$(field "$B/$name.ru" sys_s)" 'BEGIN { print u + s }' >> "$B/$name.cpus"
        field "$B/$name.ru" maxrss_mb >> "$B/$name.rsss"
        field "$B/$name.ru" others_cores >> "$B/$name.otherss"
    done
    median < "$B/$name.walls" > "$B/$name.wall"
    median < "$B/$name.cpus" > "$B/$name.cpu"
    maxof < "$B/$name.rsss" > "$B/$name.rss"
    median < "$B/$name.otherss" > "$B/$name.others"
    echo "$(sort -g "$B/$name.walls" | awk 'NR == 1 { printf "%.2f", $1 }')-$(maxof < "$B/$name.walls" | awk '{ printf "%.2f", $1 }')" > "$B/$name.range"
}

# Reports failed runs of NAME precisely (sitrep exits 1 when some article failed, the rest coded).
failures() {
    if [ -s "$B/$1.fail" ]; then
        say ""
        say "**$2 failed** ($(wc -l < "$B/$1.fail") of the runs):"
        say '```'
        sed 's/^/    /' "$B/$1.fail" | head -n 5 | tee -a "$REPORT"
        say '```'
    fi
}

has_opt() { "$SITREP" code --help 2>/dev/null | grep -q -- "$1"; }

# ---- machine -----------------------------------------------------------------------------

NPROC=$(nproc 2>/dev/null || echo 1)
CPU=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
# --no-optional-locks: read-only, never rewrites the index while others work in the tree.
if [ -n "$(git --no-optional-locks status --porcelain -- src cli include data Makefile 2>/dev/null)" ]; then
    COMMIT="$COMMIT (with uncommitted changes to src/cli/include/data)"
fi
HAS_J=no; has_opt '-j' && HAS_J=yes
HAS_DICT=no; has_opt '--dict-format' && HAS_DICT=yes

say "# sitrep benchmark"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "- commit: $COMMIT"
say "- machine: ${CPU:-unknown CPU}, $NPROC cores (nproc), $MEM memory, $(uname -sr)"
say "- compiler: $(cc --version 2>/dev/null | head -n 1); sitrep built by \`make\` (-O2 -g), copied with"
say "  its dictionaries to $B/snap at the start so that a rebuild meanwhile cannot mix two builds"
say "- method: median of $RUNS runs per figure (start-up: median of $STARTUP_RUNS), output to /dev/null,"
say "  one thread unless said; wall time from a fork/exec/wait4 timer (bench/rusage.c); MB = 10^6 bytes;"
say "  \`wc -w\` with LC_ALL=$LC_ALL"

# ---- corpora -----------------------------------------------------------------------------

say ""
say "## Corpora (assembled in $B, never committed)"
say ""
CORPORA=""
if [ -d "$SHARED/validation" ] || [ -d "$SHARED/news" ]; then
    note "assembling the real corpus from $SHARED"
    "$B/mkcorpus" real "$SHARED" "$B/real.jsonl" "$MIN_BYTES" > "$B/real.info"
    info=$(cat "$B/real.info")
    say "- real: $(calc %.1f "$(echo "$info" | sed 's/.*bytes=//')/1e6") MB, JSON lines: $(echo "$info" | sed 's/.*articles=\([0-9]*\).*/\1/') distinct articles"
    say "  ($(echo "$info" | sed 's/.*hrds=\([0-9]*\).*/\1/') HRDsAttack train+dev articles, tags stripped; $(echo "$info" | sed 's/.*gsr=\([0-9]*\).*/\1/') PLOVER GSR sentences, one"
    say "  article each; $(echo "$info" | sed 's/.*news=\([0-9]*\).*/\1/') reference article from news/), $(calc %.2f "$(echo "$info" | sed 's/.*base_bytes=\([0-9]*\).*/\1/')/1e6") MB once,"
    say "  shuffled with a fixed seed and **repeated $(echo "$info" | sed 's/.*repeats=\([0-9]*\).*/\1/') times** to reach $(calc %.1f "$MIN_BYTES/1e6") MB"
    CORPORA="real"
else
    say "- real: **$SHARED is absent**: no real news text here; the synthetic corpus only"
fi
note "generating the synthetic corpus (seed $SEED)"
"$B/mkcorpus" synth "$B/synth.jsonl" "$MIN_BYTES" "$SEED" > "$B/synth.info"
info=$(cat "$B/synth.info")
say "- synthetic: $(calc %.1f "$(echo "$info" | sed 's/.*bytes=//')/1e6") MB, $(echo "$info" | sed 's/.*articles=\([0-9]*\).*/\1/') wire stories of templated sentences"
say "  (bench/mkcorpus.c, seed $SEED; no real news text), not repeated"
CORPORA="$CORPORA synth"

# ---- throughput --------------------------------------------------------------------------

say ""
say "## Throughput, one thread"
say ""
say "| corpus | MB | articles | sentences | events | sitrep s | runs s | MB/s | sentences/s | CPU s | peak RSS MB | other load, cores | wc -w s | wc -w MB/s | sitrep / wc time |"
say "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in $CORPORA; do
    f="$B/$c.jsonl"
    bytes=$(wc -c < "$f")
    note "timing sitrep code on $f ($RUNS runs)"
    timed "$c.sitrep" "$RUNS" "$SITREP" code --stats "$f"
    note "timing wc -w on $f ($RUNS runs)"
    timed "$c.wc" "$RUNS" wc -w "$f"
    # shellcheck disable=SC2046 # three numbers, split on purpose; "?" when --stats said nothing
    set -- $(stats_of "$B/$c.sitrep.err") "?" "?" "?"
    arts=$1 sents=$2 evs=$3
    t=$(cat "$B/$c.sitrep.wall") w=$(cat "$B/$c.wc.wall")
    say "| $c | $(calc %.1f "$bytes/1e6") | $arts | $sents | $evs | $(calc %.2f "$t") | $(cat "$B/$c.sitrep.range") | $(calc %.2f "$bytes/1e6/$t") | $(rate "$sents" "$t") | $(calc %.2f "$(cat "$B/$c.sitrep.cpu")") | $(cat "$B/$c.sitrep.rss") | $(cat "$B/$c.sitrep.others") | $(calc %.3f "$w") | $(calc %.0f "$bytes/1e6/$w") | $(calc %.1f "$t/$w") |"
    echo "$c $bytes $t" >> "$B/onethread.txt.tmp"
done
mv "$B/onethread.txt.tmp" "$B/onethread.txt"
for c in $CORPORA; do failures "$c.sitrep" "sitrep code on $c.jsonl"; done
say ""
say "sitrep s is the median wall time, runs s the fastest and slowest run. Peak RSS is the largest"
say "ru_maxrss of the full-corpus runs; sitrep reads each input file whole, so the file's own size is"
say "part of it. Other load is the CPU other processes used during the runs (median, in cores, from"
say "/proc/stat): on a shared machine it is what was not left for sitrep."

say ""
say "## Threads"
say ""
if [ "$HAS_J" = yes ]; then
    say "| corpus | -j | sitrep s | runs s | CPU s | other load, cores | MB/s | speed-up over one thread | output same as -j 1 |"
    say "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    while read -r c bytes t1; do
        f="$B/$c.jsonl"
        note "timing sitrep code -j $NPROC on $f ($RUNS runs)"
        timed "$c.sitrepj" "$RUNS" "$SITREP" code -j "$NPROC" --stats "$f"
        tj=$(cat "$B/$c.sitrepj.wall")
        # Order must not depend on threads: compare one run's records byte for byte.
        "$SITREP" code -j 1 "$f" > "$B/$c.j1.out" 2> /dev/null || true
        "$SITREP" code -j "$NPROC" "$f" > "$B/$c.jn.out" 2> /dev/null || true
        same=no; cmp -s "$B/$c.j1.out" "$B/$c.jn.out" && same=yes
        rm -f "$B/$c.j1.out" "$B/$c.jn.out"
        say "| $c | $NPROC | $(calc %.2f "$tj") | $(cat "$B/$c.sitrepj.range") | $(calc %.2f "$(cat "$B/$c.sitrepj.cpu")") | $(cat "$B/$c.sitrepj.others") | $(calc %.2f "$bytes/1e6/$tj") | $(calc %.2f "$t1/$tj") | $same |"
    done < "$B/onethread.txt"
    for c in $CORPORA; do failures "$c.sitrepj" "sitrep code -j $NPROC on $c.jsonl"; done
    say ""
    say "CPU s is user + system time over all threads. With other load near a whole core, the threads"
    say "shared the one core left and the speed-up says little about sitrep; run again on a quiet machine."
else
    say "-j $NPROC: n/a (no -j yet)"
fi

# ---- start-up ----------------------------------------------------------------------------

say ""
say "## Start-up"
say ""
printf 'Norway asked the council for an urgent meeting on Tuesday.\n' > "$B/one.txt"
note "timing start-up ($STARTUP_RUNS runs)"
timed startup "$STARTUP_RUNS" "$SITREP" code --date 2020-09-29 "$B/one.txt"
say "- default dictionaries: **$(calc %.1f "$(cat "$B/startup.wall")*1000") ms** median wall ($(calc %.1f "$(sort -g "$B/startup.walls" | head -n 1)*1000") ms best) for a one-sentence input, peak RSS $(cat "$B/startup.rss") MB"
failures startup "sitrep code on a one-line input"
PHX="$SHARED/dictionaries/phoenix"
PHX_ARGS=""
if [ "$HAS_DICT" = yes ] && [ -d "$PHX" ]; then
    case $PHX in
    *[[:space:]]*) say "- Phoenix dictionaries: skipped (a space in the path $PHX)" ;;
    *)  # The PETRARCH-2 reader's command line as issue 3 gives it; split on spaces where used.
        PHX_ARGS="--dict-format petrarch --verbs $PHX/CAMEO.2.0.txt"
        PHX_ARGS="$PHX_ARGS --actors $PHX/Phoenix.Countries.actors.txt,$PHX/Phoenix.International.actors.txt,$PHX/Phoenix.MilNonState.actors.txt"
        PHX_ARGS="$PHX_ARGS --agents $PHX/Phoenix.agents.txt --discards $PHX/Phoenix.discards.txt"
        note "timing start-up with the Phoenix dictionaries ($STARTUP_RUNS runs)"
        # shellcheck disable=SC2086
        timed startup_phx "$STARTUP_RUNS" "$SITREP" code $PHX_ARGS --date 2020-09-29 "$B/one.txt"
        say "- Phoenix dictionaries (--dict-format petrarch): **$(calc %.1f "$(cat "$B/startup_phx.wall")*1000") ms** median wall ($(calc %.1f "$(sort -g "$B/startup_phx.walls" | head -n 1)*1000") ms best), peak RSS $(cat "$B/startup_phx.rss") MB"
        failures startup_phx "sitrep code --dict-format petrarch (Phoenix) on a one-line input"
        # the same dictionaries compiled into an image (sitrep compile), mapped at start
        # shellcheck disable=SC2086
        if "$SITREP" code --help | grep -q -- --dict-image && "$SITREP" compile $PHX_ARGS -o "$B/phx.sdi" 2> /dev/null; then
            note "timing start-up with the Phoenix image ($STARTUP_RUNS runs)"
            timed startup_img "$STARTUP_RUNS" "$SITREP" code --dict-image "$B/phx.sdi" --date 2020-09-29 "$B/one.txt"
            say "- Phoenix dictionaries compiled into an image (sitrep compile, $(calc %.1f "$(wc -c < "$B/phx.sdi")/1e6") MB; code --dict-image): **$(calc %.1f "$(cat "$B/startup_img.wall")*1000") ms** median wall ($(calc %.1f "$(sort -g "$B/startup_img.walls" | head -n 1)*1000") ms best), peak RSS $(cat "$B/startup_img.rss") MB"
            failures startup_img "sitrep code --dict-image (Phoenix) on a one-line input"
        else say "- Phoenix dictionaries compiled into an image: n/a (no sitrep compile yet)"; fi
        ;;
    esac
elif [ "$HAS_DICT" = yes ]; then
    say "- Phoenix dictionaries: n/a ($PHX is absent)"
else
    say "- Phoenix dictionaries: n/a (no --dict-format yet)"
fi

if [ -n "$PHX_ARGS" ] && [ -f "$B/real.jsonl" ]; then
    say ""
    say "## Phoenix dictionaries, one thread"
    say ""
    # Three runs: each takes several times as long as with the default dictionaries.
    note "timing sitrep code with the Phoenix dictionaries ($PHX_RUNS runs)"
    # shellcheck disable=SC2086
    timed real.phx "$PHX_RUNS" "$SITREP" code $PHX_ARGS --stats "$B/real.jsonl"
    # shellcheck disable=SC2046
    set -- $(stats_of "$B/real.phx.err") "?" "?" "?"
    bytes=$(wc -c < "$B/real.jsonl") t=$(cat "$B/real.phx.wall")
    say "| corpus | MB | sentences | events | sitrep s | runs s | MB/s | sentences/s | peak RSS MB | other load, cores | time / default dictionaries |"
    say "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    say "| real | $(calc %.1f "$bytes/1e6") | $2 | $3 | $(calc %.2f "$t") | $(cat "$B/real.phx.range") | $(calc %.2f "$bytes/1e6/$t") | $(rate "$2" "$t") | $(cat "$B/real.phx.rss") | $(cat "$B/real.phx.others") | $(calc %.1f "$t/$(cat "$B/real.sitrep.wall")") |"
    failures real.phx "sitrep code --dict-format petrarch on real.jsonl"
fi

# ---- linearity (opt-in: a 500 MB run takes a minute or more and as much memory) -----------

if [ "${BENCH_LINEAR:-0}" = 1 ]; then
    c=$(awk 'NR == 1 { print $1 }' "$B/onethread.txt")
    note "linearity: a 10x $c corpus (one run)"
    if [ "$c" = real ]; then "$B/mkcorpus" real "$SHARED" "$B/big.jsonl" "$((MIN_BYTES * 10))" > /dev/null
    else "$B/mkcorpus" synth "$B/big.jsonl" "$((MIN_BYTES * 10))" "$SEED" > /dev/null; fi
    timed big 1 "$SITREP" code --stats "$B/big.jsonl"
    big=$(wc -c < "$B/big.jsonl")
    read -r _ small t1 < "$B/onethread.txt"
    say ""
    say "## Linearity"
    say ""
    say "- $(calc %.0f "$big/1e6") MB $c corpus: $(calc %.1f "$(cat "$B/big.wall")") s, $(calc %.2f "$big/1e6/$(cat "$B/big.wall")") MB/s; time ratio to the $(calc %.0f "$small/1e6") MB run: $(calc %.2f "$(cat "$B/big.wall")/$t1") for $(calc %.2f "$big/$small")x the bytes; peak RSS $(cat "$B/big.rss") MB"
    failures big "sitrep code on big.jsonl"
    rm -f "$B/big.jsonl"
fi

# ---- where the time goes -----------------------------------------------------------------

# profile TAG TITLE FULL ARG...: runs `sitrep code ARG... slice.jsonl` under callgrind and reports
# the cost per stage and the hottest functions (FULL=1: also the top-25 inclusive table).
profile() {
    tag=$1 title=$2 full=$3
    shift 3
    note "callgrind, $title, on a $(wc -c < "$B/slice.jsonl")-byte slice (a minute or two)"
    rc=0
    valgrind --tool=callgrind --callgrind-out-file="$B/$tag.callgrind.out" "$SITREP" code "$@" "$B/slice.jsonl" \
        < /dev/null > /dev/null 2> "$B/$tag.callgrind.err" || rc=$?
    say ""
    say "### $title"
    say ""
    [ "$rc" -eq 0 ] || say "(sitrep exited $rc under valgrind: $(grep -v '^==' "$B/$tag.callgrind.err" | head -n 3 | tr '\n' ' '))"
    # callgrind_annotate 3.19 renames a function "src/x.c:f" when src/x.c resolves from its working
    # directory, but only in some of its entries, which splits the call graph in two; from
    # build/bench every name stays absolute.
    (
        cd "$B"
        callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$tag.callgrind.out" > "$tag.cg.incl.txt"
        callgrind_annotate --inclusive=no --auto=no --threshold=100 "$tag.callgrind.out" > "$tag.cg.self.txt"
        callgrind_annotate --inclusive=no --tree=caller --auto=no --threshold=100 "$tag.callgrind.out" > "$tag.cg.tree.txt"
    )
    total=$(sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$B/$tag.cg.self.txt" | tr -d ,)
    slice=$(wc -c < "$B/slice.jsonl")
    say "$(calc %.0f "$total/1e6") million instructions, $(calc %.0f "$total/$slice") per input byte, dictionary loading included."
    say ""
    say "| stage | % of Ir | what runs there |"
    say "|---|---:|---|"
    # Costs from the caller tree: an edge dispatcher -> stage is charged to the stage, an edge
    # stage -> dispatcher (a callback) is taken back from the stage; dispatchers (engine.c, cli/)
    # keep their own code and the helpers and libraries they call directly.
    awk -v root="$ROOT/" -v total="$total" '
    function grp(n,   s) {
        if (index(n, root) == 1) n = substr(n, length(root) + 1)
        if (n ~ /^cli\//) return "cli"
        if (n ~ /^src\/[a-z0-9_]+\.c:/) { s = substr(n, 5); sub(/\.c:.*/, "", s); return s }
        return "lib"
    }
    function disp(g) { return g == "engine" || g == "cli" }
    function helper(g) { return g == "lib" || g == "util" || g == "utf8" || g == "strtab" || g == "arena" }
    function parse(line,   m) {   # sets COST, MARK, NAME
        sub(/^ +/, "", line); COST = line; sub(/ .*/, "", COST); gsub(/,/, "", COST)
        m = index(line, ")  "); line = substr(line, m + 3); MARK = substr(line, 1, 1)
        NAME = substr(line, 2); sub(/^ +/, "", NAME); sub(/ \[[^]]*\]$/, "", NAME); sub(/ \([0-9,]+x\)$/, "", NAME)
    }
    /^ *[0-9,]+ \( *[0-9.]+%\)  [<*] / {
        parse($0)
        if (MARK == "<") { nc++; cname[nc] = NAME; ccost[nc] = COST; next }
        g = grp(NAME)
        if (disp(g)) cost[g] += COST
        if (NAME !~ /cli\/main\.c:main$/)
            for (i = 1; i <= nc; i++) {
                r = grp(cname[i])
                if (disp(r) && !disp(g)) cost[helper(g) ? r : g] += ccost[i]
                else if (!disp(r) && disp(g) && !helper(r)) cost[r] -= ccost[i]
            }
        nc = 0; next
    }
    /^$/ { nc = 0 }
    END {
        for (g in cost) { sum += cost[g]; printf "%s\t%.1f\n", g, 100 * cost[g] / total }
        printf "other\t%.1f\n", 100 * (total - sum) / total
    }' "$B/$tag.cg.tree.txt" | sort -t "$(printf '\t')" -k2 -g -r > "$B/$tag.cg.stages.txt"
    while IFS="$(printf '\t')" read -r g pct; do
        case $g in
        text) w="tokens, normalised forms, sentence splitting" ;;
        doc) w="article structure: headline, dateline, paragraphs, captions" ;;
        actors) w="actor mentions: dictionary phrases, roles, remembered names" ;;
        attrib) w="reporting clauses and speakers" ;;
        code) w="clauses, verb patterns, source/target" ;;
        when) w="dates in sentences" ;;
        where) w="places" ;;
        count) w="casualty figures" ;;
        record) w="the JSON record" ;;
        dict) w="loading the dictionaries (start-up)" ;;
        compat) w="the TABARI/PETRARCH dictionary reader (start-up)" ;;
        engine) w="per-sentence dispatch and article memory (own code and the helpers it calls)" ;;
        cli) w="reading the file, parsing the JSON lines, writing the output" ;;
        other) w="dynamic loader and libc start-up, outside main" ;;
        *) w="" ;;
        esac
        say "| $g | $pct | $w |"
    done < "$B/$tag.cg.stages.txt"
    if [ "$full" = 1 ]; then
        say ""
        say "Top functions by inclusive cost (the function and all it calls), with their self cost;"
        say "text_split includes every later stage, which runs inside its per-sentence callback."
        say ""
        say "| function | incl % | self % |"
        say "|---|---:|---:|"
        # Join the inclusive and the self listings on the function name.
        awk -v root="$ROOT/" '
        function name(line,   n) { n = line; sub(/^ *[0-9,]+ \( *[0-9.]+%\)  /, "", n); return n }
        function pct(line,   p) { p = line; sub(/^[^(]*\( */, "", p); sub(/%\).*/, "", p); return p }
        function short(n,   o) {
            o = ""; if (match(n, /\[[^]]*\]$/)) { o = substr(n, RSTART + 1, RLENGTH - 2); n = substr(n, 1, RSTART - 2) }
            sub(/.*\//, "", o); gsub(root, "", n)
            if (n ~ /^\?\?\?:/ || n ~ /^\.\//) { sub(/^.*:/, "", n); n = n " (" o ")" }
            return n
        }
        /^ *[0-9,]+ \( *[0-9.]+%\)  / {
            if (FILENAME ~ /self/) { self[name($0)] = pct($0); next }
            n = name($0)
            if (n ~ /PROGRAM TOTALS|below main|libc_start|ld-linux|^\?\?\?:0x/) next   # start-up plumbing, anonymous
            if (++k <= 25) { order[k] = n; incl[n] = pct($0) }
        }
        END { for (i = 1; i <= k && i <= 25; i++) printf "| %s | %s | %s |\n", short(order[i]), incl[order[i]], (order[i] in self) ? self[order[i]] : "0.0" }
        ' "$B/$tag.cg.self.txt" "$B/$tag.cg.incl.txt" | tee -a "$REPORT"
    fi
    say ""
    say "Hottest by self cost, with their main callers:"
    say ""
    # For each of the 8 costliest functions by self cost, its 4 costliest callers.
    awk -v root="$ROOT/" '
    function short(n,   o) {
        o = ""; if (match(n, /\[[^]]*\]$/)) { o = substr(n, RSTART + 1, RLENGTH - 2); sub(/.*\//, "", o) }
        sub(/ \[[^]]*\]$/, "", n); sub(/ \([0-9,]+x\)$/, "", n); gsub(root, "", n); sub(/^\.\/.*:/, "", n)
        if (sub(/^\?\?\?:/, "", n) && o != "") n = n " (" o ")"
        return n
    }
    function pct(line,   p) { p = line; sub(/^[^(]*\( */, "", p); sub(/%\).*/, "", p); return p }
    FILENAME ~ /self/ && /^ *[0-9,]+ \( *[0-9.]+%\)  / && !/PROGRAM TOTALS/ {
        if (++k <= 8) { n = $0; sub(/^ *[0-9,]+ \( *[0-9.]+%\)  /, "", n); top[k] = short(n); tp[k] = pct($0) }
        next
    }
    FILENAME ~ /tree/ && /^ *[0-9,]+ \( *[0-9.]+%\)  < / { n = $0; sub(/^.*%\)  < /, "", n); cn[++nc] = short(n); cp[nc] = pct($0); next }
    FILENAME ~ /tree/ && /^ *[0-9,]+ \( *[0-9.]+%\)  \* / {
        n = $0; sub(/^.*%\)  \*  /, "", n); n = short(n)
        s = ""
        for (i = 1; i <= nc && i <= 4; i++) s = s (i > 1 ? ", " : "") cn[i] " " cp[i] "%"
        callers[n] = s; nc = 0; next
    }
    END { for (i = 1; i <= k && i <= 8; i++) printf "- %s, %s%% self: called from %s\n", top[i], tp[i], (top[i] in callers && callers[top[i]] != "") ? callers[top[i]] : "-" }
    ' "$B/$tag.cg.self.txt" "$B/$tag.cg.tree.txt" | tee -a "$REPORT"
    say ""
    say "Full listings: $B/$tag.cg.incl.txt, $tag.cg.self.txt, $tag.cg.tree.txt (callgrind_annotate)."
}

say ""
say "## Where the time goes (callgrind)"
say ""
if command -v valgrind > /dev/null 2>&1 && command -v callgrind_annotate > /dev/null 2>&1; then
    ROOT=$(pwd)
    c=$(awk 'NR == 1 { print $1 }' "$B/onethread.txt")
    # The corpus is shuffled, so its first ~1 MB of whole lines mixes the sources like the rest.
    LC_ALL=C awk '{ n += length($0) + 1; print; if (n >= 1000000) exit }' "$B/$c.jsonl" > "$B/slice.jsonl"
    say "Instructions executed (Ir, callgrind's cost: a proxy for time, blind to cache misses) coding the"
    say "first $(calc %.2f "$(wc -c < "$B/slice.jsonl")/1e6") MB of the $c corpus. A stage (src/<stage>.c) is charged with everything it"
    say "calls, helpers and libc included, as engine.c and the command line call it; callbacks back"
    say "into engine.c (text_split hands each sentence to the later stages) are taken back from the"
    say "stage that made them."
    profile default "Default dictionaries" 1
    if [ -n "$PHX_ARGS" ]; then
        # shellcheck disable=SC2086 # PHX_ARGS holds options split on purpose; no path has a space
        profile phoenix "Phoenix dictionaries (--dict-format petrarch)" 0 $PHX_ARGS
    fi
else
    say "valgrind (callgrind) is not installed: no profile. \`apt-get install valgrind\` and run again."
fi

say ""
say "## Against the targets of issue 6"
say ""
say "| target | measured |"
say "|---|---|"
read -r c bytes t1 < "$B/onethread.txt"
per_core=$(calc %.2f "$bytes/1e6/$t1")
say "| >= 20 MB/s per core, default dictionaries ($c corpus) | $per_core MB/s: $(awk -v v="$per_core" 'BEGIN { print (v >= 20 ? "met" : "not met") }') |"
if [ -f "$B/real.phx.wall" ]; then
    v=$(calc %.2f "$(wc -c < "$B/real.jsonl")/1e6/$(cat "$B/real.phx.wall")")
    say "| >= 10 MB/s per core, Phoenix dictionaries | $v MB/s: $(awk -v v="$v" 'BEGIN { print (v >= 10 ? "met" : "not met") }') |"
elif [ "$HAS_DICT" = yes ]; then
    say "| >= 10 MB/s per core, Phoenix dictionaries | n/a (no real corpus or no $PHX) |"
else
    say "| >= 10 MB/s per core, Phoenix dictionaries | n/a (no --dict-format yet) |"
fi
if [ "$HAS_J" = yes ]; then
    v=$(calc %.2f "$t1/$(cat "$B/$c.sitrepj.wall")")
    o=$(cat "$B/$c.sitrepj.others")
    say "| -j $NPROC >= 1.8x one thread | ${v}x: $(awk -v v="$v" 'BEGIN { print (v >= 1.8 ? "met" : "not met") }')$(awk -v o="$o" 'BEGIN { if (o >= 0.5) printf " (other processes held %s cores meanwhile: not a fair figure)", o }') |"
else
    say "| -j 2 >= 1.8x one thread | n/a (no -j yet) |"
fi
v=$(calc %.1f "$(cat "$B/startup.wall")*1000")
say "| start-up <= 50 ms | $v ms with the default dictionaries: $(awk -v v="$v" 'BEGIN { print (v <= 50 ? "met" : "not met") }') |"
if [ -f "$B/startup_phx.wall" ]; then
    v=$(calc %.1f "$(cat "$B/startup_phx.wall")*1000")
    say "| start-up <= 50 ms, Phoenix dictionaries | $v ms: $(awk -v v="$v" 'BEGIN { print (v <= 50 ? "met" : "not met") }') |"
fi
if [ -f "$B/startup_img.wall" ]; then
    v=$(calc %.1f "$(cat "$B/startup_img.wall")*1000")
    say "| start-up <= 50 ms, Phoenix dictionaries compiled into an image | $v ms: $(awk -v v="$v" 'BEGIN { print (v <= 50 ? "met" : "not met") }') |"
fi
v=$(for c in $CORPORA; do cat "$B/$c.sitrep.rss"; done | maxof)
say "| peak RSS <= 300 MB | $v MB on the corpora above: $(awk -v v="$v" 'BEGIN { print (v <= 300 ? "met" : "not met") }') |"
say ""
note "report written to $REPORT"
