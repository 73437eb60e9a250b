#!/bin/sh
# store.sh: tests of the event store (ingest, merge, query, events show, export). Usage:
# tests/store.sh BUILD_DIR; tests/run.sh calls it. Stories are tests/store/*, written for
# this project. Prints ok/FAIL/skip lines like run.sh and ends with "store: N passed, N
# failed, N skipped"; exits 1 when any failed.
set -u
B=${1:-build}
SITREP="$B/sitrep"
D=tests/store
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0 fail=0 skip=0
ok()   { pass=$((pass + 1)); echo "ok    store: $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL  store: $1"; [ -s "$T/err" ] && sed 's/^/      /' "$T/err" | head -20; }
skipped() { skip=$((skip + 1)); echo "skip  store: $1"; }
check() { if [ "$2" = 0 ]; then ok "$1"; else bad "$1"; fi; }   # name, 0 for success
# the whole content of a store, in a canonical order: every article with its records and
# their merged event, then every merged event with its counts (not the file's bytes)
dump() { "$SITREP" export --db "$1" --format jsonl && "$SITREP" query --db "$1" --format csv; }

# 1. three outlets, one event: conflicting requesters and tolls stay variants of one cluster
DB=$T/multi.db
"$SITREP" ingest --db "$DB" $D/cgtn-batken.txt $D/xinhua-batken.txt $D/trt-batken.txt > "$T/out" 2> "$T/err"
check "ingest three outlets" $?
"$SITREP" query --db "$DB" --root 02 --format jsonl > "$T/q02" 2> "$T/err"
grep -F '"date":"2025-03-11"' "$T/q02" > "$T/req"
n=$(wc -l < "$T/req")
if [ "$n" -eq 1 ] && grep -q '"sources":3' "$T/req"; then ok "requests from three outlets: one merged event, three sources"
else cat "$T/q02" > "$T/err"; bad "requests from three outlets: one merged event, three sources"; fi
id=$(sed 's/^{"cluster":\([0-9]*\),.*/\1/' "$T/req" | head -1)
"$SITREP" events show --db "$DB" --json "${id:-0}" > "$T/show" 2> "$T/err"
if grep -q '"variants":{"source":\[' "$T/show" && grep -q '"value":"BEL"' "$T/show" && grep -q '"value":"DEU"' "$T/show" &&
   grep -q '"value":"EST"' "$T/show"; then ok "requesters kept as variants with their reports (BEL, DEU, EST)"
else cat "$T/show" > "$T/err"; bad "requesters kept as variants with their reports (BEL, DEU, EST)"; fi
"$SITREP" query --db "$DB" --root 19 --actor KGZ --format jsonl > "$T/q19" 2> "$T/err"
grep -F '"date":"2025-03-10"' "$T/q19" | grep -F '"source":"KGZ"' > "$T/fight"
if [ "$(wc -l < "$T/fight")" -eq 1 ] && grep -q '"killed_low":55,"killed_best":95,"killed_high":95' "$T/fight" &&
   grep -q '"sources":3' "$T/fight"; then ok "tolls 55 and 95 from three outlets: one event, low 55, best 95, high 95"
else cat "$T/q19" > "$T/err"; bad "tolls 55 and 95 from three outlets: one event, low 55, best 95, high 95"; fi
fid=$(sed 's/^{"cluster":\([0-9]*\),.*/\1/' "$T/fight" | head -1)
"$SITREP" events show --db "$DB" "${fid:-0}" > "$T/show" 2> "$T/err"
if grep -q '^  fatalities' "$T/show" && grep -q 'Xinhua xinhua-batken.txt#' "$T/show" && grep -q 'CGTN cgtn-batken.txt#' "$T/show"
then ok "events show: fatality variants with outlet and report"; else cat "$T/show" >> "$T/err"; bad "events show: fatality variants with outlet and report"; fi

# 2. day 1 and day 2, a daily toll and a running total: never one event
"$SITREP" ingest --db "$DB" $D/cgtn-batken-day2.txt > "$T/out" 2> "$T/err"
"$SITREP" query --db "$DB" --root 19 --actor KGZ --format jsonl | grep -F '"source":"KGZ"' > "$T/q19"
d1=$(grep -c '"date":"2025-03-10"' "$T/q19"); d2=$(grep -c '"date":"2025-03-12"' "$T/q19")
if [ "$d1" -ge 1 ] && [ "$d2" -ge 1 ] && ! grep '"date":"2025-03-12"' "$T/q19" | grep -q '"mentions":[1-9],"sources":[2-9]'
then ok "day 1 and day 2 of fighting stay apart"; else cat "$T/q19" > "$T/err"; bad "day 1 and day 2 of fighting stay apart"; fi
if grep '"date":"2025-03-10"' "$T/q19" | grep '"toll_kind":"event"' | grep -q '"killed_high":95,' &&
   grep '"toll_kind":"cumulative"' "$T/q19" | grep -q '"killed_best":107,'
then ok "a daily toll (95) and a running total (107) stay apart"; else cat "$T/q19" > "$T/err"; bad "a daily toll (95) and a running total (107) stay apart"; fi

# 3. ingesting twice changes nothing
dump "$DB" > "$T/before" 2> "$T/err"
"$SITREP" ingest --db "$DB" $D/cgtn-batken.txt $D/xinhua-batken.txt $D/trt-batken.txt $D/cgtn-batken-day2.txt > "$T/out" 2> "$T/err"
rc=$?
dump "$DB" > "$T/after" 2>> "$T/err"
if [ $rc -eq 0 ] && grep -q '0 new, 4 already stored' "$T/err" && cmp -s "$T/before" "$T/after"; then ok "ingesting twice changes nothing"
else diff "$T/before" "$T/after" | head -5 >> "$T/err"; bad "ingesting twice changes nothing"; fi

# 4. a republished wire story (other outlet line, a word changed) is linked, not counted
sed -e 's/^CGTN$/Steppe Daily/' -e 's/emergency meeting/urgent meeting/' $D/cgtn-batken.txt > "$T/steppe-batken.txt"
"$SITREP" ingest --db "$DB" "$T/steppe-batken.txt" > "$T/out" 2> "$T/err"
dump "$DB" > "$T/after2"
if grep -q '1 republication' "$T/err" && [ "$(grep -c '"duplicate_of":"' "$T/after2")" -eq 1 ] &&
   [ "$(grep -v sitrep_export "$T/after2" | md5sum)" = "$(grep -v sitrep_export "$T/before" | md5sum)" ]
then ok "a near-duplicate is linked to its original and counts nothing"; else bad "a near-duplicate is linked to its original and counts nothing"; fi

# 5. export jsonl -> ingest -> the same events
"$SITREP" export --db "$DB" --format jsonl > "$T/exp.jsonl" 2> "$T/err"
"$SITREP" ingest --db "$T/re.db" "$T/exp.jsonl" > "$T/out" 2> "$T/err"
dump "$T/re.db" > "$T/re" 2>> "$T/err"
if [ -s "$T/re" ] && cmp -s "$T/after2" "$T/re"; then ok "export jsonl, ingest: the same store"
else diff "$T/after2" "$T/re" | head -5 >> "$T/err"; bad "export jsonl, ingest: the same store"; fi

# 6. other formats: GDELT's 61 columns, ACLED's header, PLOVER lines, filters
"$SITREP" export --db "$DB" --format gdelt > "$T/gdelt" 2> "$T/err"
if [ -s "$T/gdelt" ] && awk -F'\t' 'NF != 61 { exit 1 }' "$T/gdelt"; then ok "export gdelt: 61 tab-separated columns"; else bad "export gdelt: 61 tab-separated columns"; fi
"$SITREP" export --db "$DB" --format acled --root 19 > "$T/acled" 2> "$T/err"
if head -1 "$T/acled" | grep -q '^event_id_cnty,event_date,year,' && grep -q ',Battles,Armed clash,' "$T/acled" &&
   ! grep -q ',Agreement,' "$T/acled"; then ok "export acled: header, battles, filter by root"; else bad "export acled: header, battles, filter by root"; fi
"$SITREP" export --db "$DB" --format plover > "$T/plover" 2> "$T/err"
if grep -q '"event_type":"ASSAULT"' "$T/plover" && grep -q '"dead":{"low":55,"best":95,"high":95}' "$T/plover"
then ok "export plover: types and dead low/best/high"; else bad "export plover: types and dead low/best/high"; fi
"$SITREP" query --db "$DB" --text '"emergency meeting"' --format jsonl > "$T/q" 2> "$T/err"
if [ "$(wc -l < "$T/q")" -ge 1 ] && grep -q 'emergency meeting' "$T/q"; then ok "query --text: full-text search"; else bad "query --text: full-text search"; fi
"$SITREP" query --db "$DB" --actor KGZ --min-killed 100 --format jsonl > "$T/q" 2> "$T/err"
if [ "$(wc -l < "$T/q")" -ge 1 ] && ! grep -q '"killed_best":95' "$T/q"; then ok "query --place --min-killed"; else bad "query --place --min-killed"; fi
"$SITREP" query --db "$DB" --since 2025-03-11 --until 2025-03-11 --format jsonl > "$T/q" 2> "$T/err"
if [ -s "$T/q" ] && ! grep -v '"date":"2025-03-11"' "$T/q" | grep -q .; then ok "query --since --until"; else bad "query --since --until"; fi

# 7. HTML pages and RSS/Atom feeds: main text only, each item an article
"$SITREP" ingest --db "$T/web.db" $D/page.html $D/feed.xml $D/atom.xml > "$T/out" 2> "$T/err"
check "ingest HTML, RSS, Atom" $?
"$SITREP" export --db "$T/web.db" --format jsonl > "$T/web"
if grep -q '"outlet":"Steppe Daily"' "$T/web" && grep -q '"cameo":"173"' "$T/web" && ! grep -q 'RUS' "$T/web" &&
   [ "$(grep -c '"outlet":"Caspian Wire"' "$T/web")" -eq 2 ] && grep -q '"url":"https://andes-report.example/peru-recalls"' "$T/web"
then ok "HTML: navigation, ads, scripts dropped; feed items with outlet and link"; else bad "HTML: navigation, ads, scripts dropped; feed items with outlet and link"; fi

# 8. bad input is named, the rest goes in
mkdir -p "$T/in/sub" "$T/in/locked"
cp $D/page.html "$T/in/good.html"
cp $D/feed.xml "$T/in/sub/good-feed.xml"
head -c 700 $D/page.html > "$T/in/truncated.html"
printf '<?xml version="1.0"?>\n<rss><channel><item><title>Broken</item></channel>\n' > "$T/in/invalid-feed.xml"
printf '{"id":"w1","text":"Peru recalled its ambassador to Chile on Monday.","date":"2025-06-10"}\n{"id":"w2","text":5}\n' > "$T/in/wrong-types.jsonl"
: > "$T/in/empty.txt"
cp $D/cgtn-batken.txt "$T/in/locked/story.txt"
chmod 000 "$T/in/locked"
locked=1
if ls "$T/in/locked" > /dev/null 2>&1; then locked=0; fi   # root reads it anyway
"$SITREP" ingest --db "$T/bad.db" "$T/in" > "$T/out" 2> "$T/err"
rc=$?
missing=0
for name in truncated.html invalid-feed.xml wrong-types.jsonl:2 empty.txt; do
    grep -A20 'failed (the rest is stored)' "$T/err" | grep -q "$name" || { echo "summary lacks $name" >> "$T/err"; missing=1; }
done
if [ $rc -eq 1 ] && [ $missing -eq 0 ]; then ok "bad input named in the summary (truncated HTML, invalid feed, wrong JSON types, 0-byte file)"
else bad "bad input named in the summary (truncated HTML, invalid feed, wrong JSON types, 0-byte file)"; fi
if [ $locked -eq 1 ]; then
    if grep -A20 'failed (the rest is stored)' "$T/err" | grep -q "locked: Permission denied"; then ok "an unreadable directory is named"
    else bad "an unreadable directory is named"; fi
else skipped "unreadable directory: running as root, which reads a chmod 000 directory anyway"; fi
chmod 755 "$T/in/locked"
"$SITREP" export --db "$T/bad.db" --format jsonl > "$T/badx" 2> "$T/err"
if grep -q '"doc":"good.html"' "$T/badx" && grep -q '"doc":"w1"' "$T/badx" && [ "$(grep -c '"format":"feed"' "$T/badx")" -eq 2 ]
then ok "bad input: every good article is stored"; else bad "bad input: every good article is stored"; fi

# 9. usage and database errors: exit 2 with a message
"$SITREP" query --db "$T/none.db" > "$T/out" 2> "$T/err"
if [ $? -eq 2 ] && grep -q "no database at" "$T/err"; then ok "query without a database: exit 2"; else bad "query without a database: exit 2"; fi
mkdir -p "$T/dir.db"
"$SITREP" ingest --db "$T/dir.db" $D/page.html > "$T/out" 2> "$T/err"
if [ $? -eq 2 ] && grep -q "dir.db" "$T/err"; then ok "a database that cannot be opened: exit 2"; else bad "a database that cannot be opened: exit 2"; fi
"$SITREP" query --db "$DB" --since 2025-13-01 > "$T/out" 2> "$T/err"
if [ $? -eq 2 ] && grep -q "bad date" "$T/err"; then ok "query --since with a bad date: exit 2"; else bad "query --since with a bad date: exit 2"; fi
"$SITREP" export --db "$DB" --format frob > "$T/out" 2> "$T/err"
if [ $? -eq 2 ] && grep -q "unknown --format" "$T/err"; then ok "export with an unknown format: exit 2"; else bad "export with an unknown format: exit 2"; fi
for cmd in ingest query events export; do
    "$SITREP" $cmd --help > "$T/out" 2> "$T/err"
    if [ $? -eq 0 ] && grep -q "^usage: sitrep $cmd" "$T/out" && grep -q "exit status" "$T/out"; then ok "$cmd --help"; else bad "$cmd --help"; fi
done
if [ -w /dev/full ]; then
    "$SITREP" export --db "$DB" --format csv > /dev/full 2> "$T/err"
    if [ $? -eq 1 ] && grep -q "No space left" "$T/err"; then ok "export to a full disk: ENOSPC reported"; else bad "export to a full disk: ENOSPC reported"; fi
else skipped "export to a full disk (/dev/full not writable)"; fi

# 10. places: one GeoNames place under two spellings is one event, two cities of a region
# are two, a region or the country fits either; queries by name, admin1 code and region
# name; the place in every export. places.jsonl is export lines: stored as written, so the
# merge rule is tested whatever the gazetteer holds
P=$T/places.db
"$SITREP" ingest --db "$P" $D/places.jsonl > "$T/out" 2> "$T/err"
"$SITREP" query --db "$P" --format jsonl > "$T/q" 2>> "$T/err"
if [ "$(wc -l < "$T/q")" -eq 2 ] && grep '"place":"Kharkiv"' "$T/q" | grep -q '"geonames_id":706483,"place_precision":"city"' &&
   grep '"place":"Kharkiv"' "$T/q" | grep -q '"sources":4' && grep '"place":"Chuhuyiv"' "$T/q" | grep -q '"mentions":1,'
then ok "places: Kharkiv and Kharkov (one GeoNames id), its region and the country merge; Chuhuyiv stays apart"
else cat "$T/q" >> "$T/err"; bad "places: Kharkiv and Kharkov (one GeoNames id), its region and the country merge; Chuhuyiv stays apart"; fi
n1=$("$SITREP" query --db "$P" --place ua-63 --format csv | tail -n +2 | wc -l)
n2=$("$SITREP" query --db "$P" --place "Kharkiv region" --format csv | tail -n +2 | wc -l)
n3=$("$SITREP" query --db "$P" --place kharkov --format csv | tail -n +2 | wc -l)
if [ "$n1" -eq 2 ] && [ "$n2" -eq 2 ] && [ "$n3" -eq 1 ]; then ok "query --place: a name, an admin1 code, a region's name"
else echo "UA-63: $n1, Kharkiv region: $n2, kharkov: $n3" > "$T/err"; bad "query --place: a name, an admin1 code, a region's name"; fi
"$SITREP" query --db "$P" > "$T/q" 2> "$T/err"
if grep -q '^1 .*Kharkiv, UA-63, UKR' "$T/q"; then ok "query table: place, admin1, country"; else cat "$T/q" >> "$T/err"; bad "query table: place, admin1, country"; fi
"$SITREP" events show --db "$P" 1 > "$T/show" 2> "$T/err"
if grep -q '^  place    Kharkiv, UA-63, UKR (city)  49.9808, 36.2527  GeoNames 706483' "$T/show" && grep -q '^    Kharkov ' "$T/show"
then ok "events show: the place with its admin1, coordinates and GeoNames id; spellings as variants"
else cat "$T/show" >> "$T/err"; bad "events show: the place with its admin1, coordinates and GeoNames id; spellings as variants"; fi
"$SITREP" export --db "$P" --format gdelt > "$T/gdelt" 2> "$T/err"
if awk -F'\t' '$1 == 1 { exit !($52 == "4" && $53 == "Kharkiv, UA-63, UKR" && $54 == "UKR" && $55 == "UA-63" &&
                                 $57 == "49.9808" && $58 == "36.2527" && $59 == "706483") }' "$T/gdelt"
then ok "export gdelt: ActionGeo type, full name, country, ADM1, lat, long, feature id"; else cat "$T/gdelt" >> "$T/err"; bad "export gdelt: ActionGeo type, full name, country, ADM1, lat, long, feature id"; fi
"$SITREP" export --db "$P" --format acled > "$T/acled" 2> "$T/err"
if grep -q '^UKR1,2024-05-10,.*,UKR,UA-63,Kharkiv,49.9808,36.2527,1,' "$T/acled"; then ok "export acled: admin1, location, latitude, longitude"
else cat "$T/acled" >> "$T/err"; bad "export acled: admin1, location, latitude, longitude"; fi
"$SITREP" export --db "$P" --format plover > "$T/plover" 2> "$T/err"
if grep -q '"location":{"name":"Kharkiv","country":"UKR","admin1":"UA-63","lat":49.98081,"lon":36.25272,"geonames_id":706483,"precision":"city"}' "$T/plover"
then ok "export plover: location with GeoNames id and precision"; else cat "$T/plover" >> "$T/err"; bad "export plover: location with GeoNames id and precision"; fi
"$SITREP" export --db "$P" --format jsonl > "$T/pexp" 2> "$T/err"
"$SITREP" ingest --db "$T/pre.db" "$T/pexp" > "$T/out" 2> "$T/err"
if [ -s "$T/pexp" ] && [ "$(dump "$P")" = "$(dump "$T/pre.db")" ]; then ok "places: export jsonl, ingest: the same store"
else bad "places: export jsonl, ingest: the same store"; fi

# 11. kill -9 in the middle of a large ingest, then a rerun: the same store as one clean run
N=${SITREP_STORE_KILL_N:-1500}
awk -v n="$N" 'BEGIN {
    split("Armenia Azerbaijan Georgia Turkey Iran Iraq Syria Lebanon Israel Jordan Egypt Libya Sudan Chad Niger Mali", c, " ")
    split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", w, " ")
    for (i = 0; i < n; i++) {
        a = c[i % 16 + 1]; b = c[(i * 7 + 3) % 16 + 1]; if (a == b) b = "Russia"
        d = sprintf("2024-%02d-%02d", i % 12 + 1, i % 27 + 1)
        printf "{\"id\":\"k%d\",\"date\":\"%s\",\"outlet\":\"Outlet %d\",\"text\":\"%s accused %s of shelling border villages on %s. At least %d people were killed, officials said. %s and %s later held talks in Geneva.\"}\n", i, d, i % 5, a, b, w[i % 7 + 1], i % 40 + 1, a, b
    } }' > "$T/large.jsonl"
"$SITREP" ingest --db "$T/clean.db" "$T/large.jsonl" > /dev/null 2> "$T/err"
dump "$T/clean.db" > "$T/clean" 2>> "$T/err"
"$SITREP" ingest --db "$T/killed.db" "$T/large.jsonl" > /dev/null 2>&1 &
pid=$!
# wait until part of it is in (the WAL has grown), then kill it
i=0
while [ $i -lt 200 ] && [ "$(stat -c %s "$T/killed.db-wal" 2>/dev/null || echo 0)" -lt 400000 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.3
if kill -9 $pid 2>/dev/null; then
    wait $pid 2>/dev/null
    partial=$("$SITREP" export --db "$T/killed.db" --format jsonl 2>/dev/null | wc -l)
    "$SITREP" ingest --db "$T/killed.db" "$T/large.jsonl" > /dev/null 2> "$T/err2"
    dump "$T/killed.db" > "$T/rerun" 2>> "$T/err"
    if [ "$partial" -gt 0 ] && [ "$partial" -lt "$N" ] && [ -s "$T/clean" ] && cmp -s "$T/clean" "$T/rerun"; then
        ok "kill -9 after $partial of $N articles, then a rerun: the same store as one clean run"
    else echo "partial $partial of $N" >> "$T/err"; diff "$T/clean" "$T/rerun" | head -5 >> "$T/err"; bad "kill -9 mid-ingest, then a rerun: the same store as one clean run"; fi
else
    wait $pid 2>/dev/null
    echo "the ingest of $N articles ended before it could be killed (raise SITREP_STORE_KILL_N)" > "$T/err"
    bad "kill -9 mid-ingest, then a rerun: the same store as one clean run"
fi

# 12. -j N codes on N threads and stores in input order: the same database as -j 1, from
# inputs with duplicates, a republication (in the same round as its original), bad input
# and many articles; the failures named in the same order
mkdir -p "$T/jobs"
head -n 400 "$T/large.jsonl" > "$T/jobs/a-large.jsonl"
cp $D/*.txt $D/*.xml $D/page.html "$T/jobs/"
cp "$T/steppe-batken.txt" "$T/jobs/"
cp "$T/in/truncated.html" "$T/in/invalid-feed.xml" "$T/in/wrong-types.jsonl" "$T/in/empty.txt" "$T/jobs/"
head -n 50 "$T/large.jsonl" > "$T/jobs/z-again.jsonl"   # already met earlier in the run
for j in 1 3; do
    "$SITREP" ingest -j $j --db "$T/j$j.db" "$T/jobs" > /dev/null 2> "$T/jerr$j"
    echo "exit $?" >> "$T/jerr$j"
    dump "$T/j$j.db" > "$T/jdump$j" 2>> "$T/jerr$j"
done
sed -i 's/ in [0-9.]* s:/:/; s/j[13]\.db holds/jN.db holds/' "$T/jerr1" "$T/jerr3"
if [ -s "$T/jdump1" ] && cmp -s "$T/jdump1" "$T/jdump3" && cmp -s "$T/jerr1" "$T/jerr3" &&
   grep -q '1 republication' "$T/jerr3" && grep -q '^exit 1$' "$T/jerr3"
then ok "ingest -j 3: the same database and messages as -j 1"
else { diff "$T/jerr1" "$T/jerr3"; diff "$T/jdump1" "$T/jdump3" | head -5; } > "$T/err"; bad "ingest -j 3: the same database and messages as -j 1"; fi
"$SITREP" ingest -j 0 --db "$T/j0.db" "$T/jobs" > /dev/null 2> "$T/err"
if [ $? -eq 2 ] && grep -q -- "-j takes a number" "$T/err"; then ok "ingest -j 0: exit 2"; else bad "ingest -j 0: exit 2"; fi

# ingest takes the dictionary options of code: a compiled image of sitrep's own dictionaries
# stores the same as the dictionaries themselves
"$SITREP" compile -o "$T/own.sdi" > /dev/null 2> "$T/err" &&
    "$SITREP" ingest -q --db "$T/img.db" --dict-image "$T/own.sdi" $D/cgtn-batken.txt $D/trt-batken.txt > /dev/null 2>> "$T/err" &&
    "$SITREP" ingest -q --db "$T/txt.db" $D/cgtn-batken.txt $D/trt-batken.txt > /dev/null 2>> "$T/err"
dump "$T/img.db" > "$T/imgdump" 2>> "$T/err"; dump "$T/txt.db" > "$T/txtdump" 2>> "$T/err"
if [ -s "$T/imgdump" ] && cmp -s "$T/imgdump" "$T/txtdump"; then ok "ingest --dict-image: the same store as the dictionaries"
else bad "ingest --dict-image: the same store as the dictionaries"; fi

echo "store: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
