#!/bin/sh
# run.sh: sitrep's test suite. Usage: tests/run.sh BUILD_DIR (make test passes build/asan).
# Runs the unit programs, the golden stories (tests/golden/*/NAME.txt with NAME.expect),
# the bad-input cases, and the reference-article check against ../shared (skipped, with
# the reason, when ../shared is absent). Ends with the line "N passed, N failed, N skipped".
set -u
B=${1:-build}
SITREP="$B/sitrep"
SHARED=${SITREP_SHARED:-../shared}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0 skip=0
ok()   { pass=$((pass + 1)); echo "ok    $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL  $1"; [ -s "$T/err" ] && sed 's/^/      /' "$T/err" | head -20; }
skipped() { skip=$((skip + 1)); echo "skip  $1"; }
# sanitizers: any report fails the test that triggered it
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# 1. unit programs
for u in "$B"/tests/test_*; do
    [ -x "$u" ] || continue
    if "$u" > "$T/err" 2>&1; then ok "unit $(basename "$u")"; else bad "unit $(basename "$u")"; fi
done

# 2. golden stories
for exp in tests/golden/*/*.expect; do
    [ -f "$exp" ] || continue
    story=${exp%.expect}.txt
    [ -f "$story" ] || story=${exp%.expect}.jsonl
    args=$(sed -n 's/^args: *//p' "$exp")
    want_exit=$(sed -n 's/^exit *//p' "$exp"); want_exit=${want_exit:-0}
    # shellcheck disable=SC2086
    if grep -q '^stdin' "$exp"; then "$SITREP" code $args - < "$story" > "$T/out" 2> "$T/err"
    else "$SITREP" code $args "$story" > "$T/out" 2> "$T/err"; fi
    got=$?
    name="golden ${exp#tests/golden/}"
    if [ "$got" -ne "$want_exit" ]; then echo "exit status $got, expected $want_exit" >> "$T/err"; bad "$name"; continue; fi
    missing=0
    while IFS= read -r s; do
        [ -n "$s" ] || continue
        grep -qF -- "$s" "$T/err" || { echo "stderr lacks: $s" >> "$T/err"; missing=1; }
    done <<EOS
$(sed -n 's/^stderr *//p' "$exp")
EOS
    if [ $missing -eq 0 ] && "$B/tests/golden_check" "$exp" "$T/out" 2> "$T/err"; then ok "$name"; else bad "$name"; fi
done

# 3. bad input: a clear message on stderr, the right exit status, no crash
badcase() {  # name, expected exit, stderr substring, args...
    name=$1 want=$2 msg=$3; shift 3
    "$SITREP" "$@" > "$T/out" 2> "$T/err"
    got=$?
    if [ "$got" -eq "$want" ] && grep -qF -- "$msg" "$T/err"; then ok "bad input: $name"
    else echo "exit $got (want $want); stderr above should contain: $msg" >> "$T/err"; bad "bad input: $name"; fi
}
: > "$T/empty.txt"
printf '\000\001\002binary\000junk\377\376' > "$T/junk.bin"
printf 'Armenia accused Azerbaijan \377\376of shelling Stepanakert on Monday.\n' > "$T/badutf8.txt"
badcase "missing file" 1 "no-such-file.txt: No such file or directory" code "$T/no-such-file.txt"
badcase "empty file" 1 "empty input" code "$T/empty.txt"
badcase "binary junk" 1 "binary input" code "$T/junk.bin"
badcase "directory" 1 "is a directory" code "$T"
badcase "bad --date" 2 "bad date" code --date 2020-13-45 "$T/badutf8.txt"
badcase "unknown option" 2 "try 'sitrep code --help'" code --frobnicate "$T/badutf8.txt"
badcase "unknown command" 2 "unknown command" frobnicate
badcase "no input" 2 "no input" code
badcase "invalid UTF-8 is counted, still coded" 0 "invalid UTF-8 bytes skipped" code --date 2020-09-29 "$T/badutf8.txt"
if grep -q '"source":{"code":"ARM' "$T/out"; then ok "invalid UTF-8: the sentence is still coded"; else bad "invalid UTF-8: the sentence is still coded"; fi
printf '{"id":"a1","date":"2020-09-29","text":"Armenia accused Azerbaijan of shelling Stepanakert."}\n{"id":2,"text":5}\nnot json\n{"id":"a3","text":"Russia condemned Ukraine."}\n' > "$T/mixed.jsonl"
badcase "JSON lines with bad lines" 1 "mixed.jsonl:2: \"text\" must be a string" code "$T/mixed.jsonl"
if grep -q '"doc":"a3"' "$T/out" && grep -q '"doc":"a1"' "$T/out" && grep -q 'mixed.jsonl:3: invalid JSON' "$T/err"; then
    ok "JSON lines: good lines coded around the bad ones"; else bad "JSON lines: good lines coded around the bad ones"; fi
# regressions found by `make fuzz`: inputs that end inside a token (no final newline) were
# read past their end by the date parser and the tokeniser
n=0
for input in 'Azerbaijan shelled Armenia on Sept 28' 'The U.N.' 'Talks on relation/s\342\210\226' 'Updated 11:34, 29-Sep-2020'; do
    n=$((n + 1))
    printf "$input" > "$T/end$n.txt"
    if "$SITREP" code --date 2020-09-29 "$T/end$n.txt" > "$T/out" 2> "$T/err"; then ok "regression: input ending inside a token ($n)"
    else bad "regression: input ending inside a token ($n)"; fi
done
# -j N: the same records in the same order as one thread
for e in tests/golden/*/*.expect; do f=${e%.expect}.txt; [ -f "$f" ] && { cat "$f"; echo; }; done > "$T/all.txt"
awk 'BEGIN { RS = ""; n = 0 } { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/[\n\t]/, " "); printf "{\"id\":\"p%d\",\"date\":\"2024-01-01\",\"text\":\"%s\"}\n", n++, $0 }' "$T/all.txt" > "$T/many.jsonl"
"$SITREP" code -j 1 "$T/many.jsonl" > "$T/j1" 2> "$T/err" && "$SITREP" code -j 3 "$T/many.jsonl" > "$T/j3" 2>> "$T/err"
if [ -s "$T/j1" ] && cmp -s "$T/j1" "$T/j3"; then ok "-j 3 gives the same records in the same order as -j 1"
else bad "-j 3 gives the same records in the same order as -j 1"; fi
badcase "-j out of range" 2 "-j takes a number" code -j 0 "$T/badutf8.txt"
# a malformed dictionary line names its file and line
mkdir -p "$T/dict"
cp data/* "$T/dict/"
printf 'AZE nmae Azerbaijan\n' >> "$T/dict/countries.txt"
badcase "malformed dictionary" 2 "countries.txt:$(wc -l < "$T/dict/countries.txt" | tr -d ' '): unknown kind 'nmae'" code --data "$T/dict" "$T/badutf8.txt"
cp data/verbs.txt "$T/dict/"; cp data/countries.txt "$T/dict/"
printf '999 frobnicate+\n' >> "$T/dict/verbs.txt"
badcase "unknown CAMEO code in verbs" 2 "unknown CAMEO code '999'" code --data "$T/dict" "$T/badutf8.txt"
# the gazetteer image: a damaged one stops sitrep naming the file; a missing one is a warning
mkdir -p "$T/gen"
cp "$B/data/countries.gen.txt" "$T/gen/"
badcase "no gazetteer image" 0 "no gazetteer" code --gen "$T/gen" --date 2020-09-29 "$T/badutf8.txt"
head -c 4096 /dev/urandom > "$T/gen/gazetteer.img"
badcase "damaged gazetteer image" 2 "gazetteer.img: not a sitrep gazetteer image" code --gen "$T/gen" "$T/badutf8.txt"
# compiled dictionary images: coding with one gives the same bytes as with the dictionaries
# it was compiled from (sitrep's own, the toy PETRARCH-2 ones with an option kept in the
# image, and the PETRARCH-2 and TABARI validation dictionaries from ../shared)
imgcase() {  # name, input, publication date, dictionary args...: compiled into an image, coded both ways
    name=$1 input=$2 date=$3; shift 3
    if "$SITREP" compile "$@" -o "$T/img.sdi" 2> "$T/err" &&
       "$SITREP" code --date "$date" "$@" "$input" > "$T/text.out" 2>> "$T/err" &&
       "$SITREP" code --date "$date" --dict-image "$T/img.sdi" "$input" > "$T/img.out" 2>> "$T/err" &&
       [ -s "$T/text.out" ] && cmp "$T/text.out" "$T/img.out" >> "$T/err" 2>&1
    then ok "dictionary image: $name"; else bad "dictionary image: $name"; fi
}
imgcase "sitrep's own dictionaries, the golden stories" "$T/many.jsonl" 2024-01-01
TOY="--dict-format petrarch --verbs tests/golden/compat/toy.verbs.txt --actors tests/golden/compat/toy.actors.txt --agents tests/golden/compat/toy.agents.txt"
cat tests/golden/compat/*.txt > "$T/toy.txt"
# shellcheck disable=SC2086
imgcase "toy PETRARCH-2 dictionaries" "$T/toy.txt" 2018-03-06 $TOY
# shellcheck disable=SC2086
imgcase "toy dictionaries with require_dyad=false kept" "$T/toy.txt" 2018-03-06 $TOY --set require_dyad=false
P2="$SHARED/validation/petrarch2"
if [ -f "$P2/PETR.Validate.verbs.txt" ] && [ -f "$P2/PETR.UnitTest.records.xml" ]; then
    # the unit tests' sentences as plain text, a paragraph each
    awk '/<\/Text>/ { t = 0; print "" } t { print } /<Text>/ { t = 1 }' "$P2/PETR.UnitTest.records.xml" > "$T/p2.txt"
    imgcase "PETRARCH-2 validation dictionaries" "$T/p2.txt" 2014-09-01 --dict-format petrarch \
        --verbs "$P2/PETR.Validate.verbs.txt" --actors "$P2/PETR.Validate.actors.txt" \
        --agents "$P2/PETR.Validate.agents.txt" --discards "$P2/PETR.Validate.discards.txt"
else skipped "dictionary image: PETRARCH-2 validation dictionaries ($P2 is absent)"; fi
TB="$SHARED/validation/tabari"
if [ -f "$TB/TABARI.Demo.verbs" ] && [ -f "$TB/Validate.text" ]; then
    imgcase "TABARI validation dictionaries and options" "$TB/Validate.text" 2012-06-02 --dict-format tabari \
        --verbs "$TB/TABARI.Demo.verbs" --actors "$TB/TABARI.Demo.actors" --agents "$TB/Validate.agents" \
        --options "$TB/Validate.options"
else skipped "dictionary image: TABARI validation dictionaries ($TB is absent)"; fi
# a damaged image stops sitrep naming the file, whatever the damage (exit 2, no crash)
"$SITREP" compile $TOY -o "$T/good.sdi" 2> /dev/null
size=$(wc -c < "$T/good.sdi" | tr -d ' ')
badcase "missing dictionary image" 2 "no-such.sdi: No such file or directory" code --dict-image "$T/no-such.sdi" "$T/badutf8.txt"
head -c 4096 /dev/urandom > "$T/junk.sdi"
badcase "junk dictionary image" 2 "junk.sdi: not a sitrep dictionary image (bad magic)" code --dict-image "$T/junk.sdi" "$T/badutf8.txt"
badcase "gazetteer image as dictionary image" 2 "gazetteer.img: not a sitrep dictionary image" code --dict-image "$B/data/gazetteer.img" "$T/badutf8.txt"
head -c 100 "$T/good.sdi" > "$T/short.sdi"
badcase "dictionary image shorter than its header" 2 "short.sdi: not a sitrep dictionary image (shorter than its header)" code --dict-image "$T/short.sdi" "$T/badutf8.txt"
head -c $((size / 2)) "$T/good.sdi" > "$T/trunc.sdi"
badcase "truncated dictionary image" 2 "trunc.sdi: corrupt dictionary image (its size is not the file's: truncated?)" code --dict-image "$T/trunc.sdi" "$T/badutf8.txt"
cp "$T/good.sdi" "$T/flip.sdi"
printf 'XYZ' | dd of="$T/flip.sdi" bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
badcase "damaged dictionary image" 2 "flip.sdi: corrupt dictionary image (wrong checksum" code --dict-image "$T/flip.sdi" "$T/badutf8.txt"
cp "$T/good.sdi" "$T/old.sdi"
dd if=/dev/zero of="$T/old.sdi" bs=1 seek=8 count=4 conv=notrunc 2> /dev/null   # format version 0
badcase "dictionary image of an older format" 2 "old.sdi: dictionary image of format 0 by sitrep" code --dict-image "$T/old.sdi" "$T/badutf8.txt"
if grep -q "run \`sitrep compile\` again" "$T/err"; then ok "an old image: the message says to compile it again"; else bad "an old image: the message says to compile it again"; fi
cp "$T/good.sdi" "$T/endian.sdi"
# the byte-order mark (offset 12) as the other byte order writes it
if [ "$(printf '\001\002\003\004' | od -An -tu4 | tr -d ' ')" = 67305985 ]; then printf '\001\002\003\004'; else printf '\004\003\002\001'; fi |
    dd of="$T/endian.sdi" bs=1 seek=12 conv=notrunc 2> /dev/null
badcase "dictionary image of the other byte order" 2 "endian.sdi: dictionary image of another byte order" code --dict-image "$T/endian.sdi" "$T/badutf8.txt"
badcase "compile with no output" 2 "no output" compile $TOY
badcase "compile into a missing directory" 2 "cannot write the image" compile $TOY -o "$T/no/such/dir.sdi"
badcase "--dict-image with --dict-format" 2 "--dict-image holds the dictionaries" code --dict-image "$T/good.sdi" $TOY "$T/badutf8.txt"
# a 100 MB line with no sentence boundary: bounded memory, linear time, no crash
if [ "${SITREP_SKIP_HUGE:-0}" = 1 ]; then skipped "100 MB single line (SITREP_SKIP_HUGE=1)"; else
    awk 'BEGIN { s = "Armenia shelled Azerbaijan and Azerbaijan shelled Armenia and "; for (i = 0; i < 1600000; i++) printf "%s", s; printf "\n" }' > "$T/huge.txt"
    if "$SITREP" code --date 2020-09-29 "$T/huge.txt" > "$T/out" 2> "$T/err" && [ -s "$T/out" ]; then ok "100 MB single line"; else bad "100 MB single line"; fi
    rm -f "$T/huge.txt"
fi
# a full disk: write errors are reported, not lost
if [ -w /dev/full ]; then
    "$SITREP" code --date 2020-09-29 tests/golden/compounds/france-germany.txt > /dev/full 2> "$T/err"
    if [ $? -eq 1 ] && grep -q "No space left" "$T/err"; then ok "full disk: ENOSPC reported"; else bad "full disk: ENOSPC reported"; fi
else skipped "full disk (/dev/full not writable)"; fi

# 4. real text from ../shared, scored against the floors in tests/floors.txt
suite() {  # name, path...
    name=$1; shift
    for p in "$@"; do
        [ -e "$p" ] || { skipped "$name: $p is absent"; return; }
    done
    if "$SITREP" eval --floors tests/floors.txt "$@" > "$T/out" 2> "$T/err"; then
        cat "$T/out"; ok "$name: figures at their floors"
    else cat "$T/out"; bad "$name: figures at their floors"; fi
}
suite "reference article (gold events)" "$SHARED/news/cgtn-2020-09-29-unsc-armenia-azerbaijan.gold.json"
# the reference article's facts (issue 4): the fighting's date, the meeting's time in UTC,
# both casualty figures with their sources (and low/high), the spokesman's attribution
REF="$SHARED/news/cgtn-2020-09-29-unsc-armenia-azerbaijan.txt"
if [ -f "$REF" ]; then
    "$SITREP" code "$REF" > "$T/ref" 2> "$T/err"
    refcheck() {  # name, expectation lines
        name=$1; shift
        printf '%s\n' "$@" > "$T/ref.expect"
        if "$B/tests/golden_check" "$T/ref.expect" "$T/ref" 2> "$T/err"; then ok "reference article: $name"; else bad "reference article: $name"; fi
    }
    refcheck "fighting on 2020-09-28" "event root=19 sentence=Fighting_escalated date=2020-09-28"
    refcheck "the meeting at 2020-09-29T21:00:00Z" "event root=04 source=IGOUNO factuality=planned time_utc=2020-09-29T21:00:00Z"
    refcheck "55 by Reuters and 95 by AFP with 11 civilians, both kept" \
        "event killed=55 qualifier=at_least reported_by=Reuters low=55 high=95 figures=55,95" \
        "event killed=95 qualifier=at_least civilians=11 reported_by=Agence_France-Presse low=55 high=95"
    refcheck "Dujarric speaks for Guterres (IGOUNO)" \
        "event speaker=Guterres_spokesman_Stephane_Dujarric on_behalf_of=Guterres speaker_code=IGOUNO"
    refcheck "published 2020-09-29 on every record" "none published=null" "event published=2020-09-29"
    refcheck "since 1988/1994 is background" "event sentence=since_1994 background=true" "none sentence=since_1994 background=false"
else
    skipped "reference article facts: $REF is absent"
fi
suite "PLOVER gold-standard records" "$SHARED/validation/plover-gsr/PLOVER_GSR_CAMEO.txt"
suite "HRDsAttack train and dev" "$SHARED/validation/hrdsattack/train.json" "$SHARED/validation/hrdsattack/dev.json"
suite "PETRARCH-2 unit tests (its own dictionaries)" "$SHARED/validation/petrarch2/PETR.UnitTest.records.xml"
suite "TABARI validation suite (its own dictionaries)" "$SHARED/validation/tabari/Validate.text"

# 5. the event store (ingest, merge, query, export, crash and bad input): tests/store.sh
sh tests/store.sh "$B" > "$T/store.out" 2>&1
grep -v '^store: ' "$T/store.out"
pass=$((pass + $(grep -c '^ok' "$T/store.out"))); fail=$((fail + $(grep -c '^FAIL' "$T/store.out")))
skip=$((skip + $(grep -c '^skip' "$T/store.out")))

echo
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
