# sitrep: GNU Makefile. `make` builds build/sitrep and build/libsitrep.a (release flags);
# `make test` rebuilds under ASan+UBSan in build/asan and runs every test;
# `make run` installs what is missing, builds, ingests the sample stories into a fresh
# $(BUILD)/sitrep.db and prints the merged events.

CC      ?= cc
PKGS    := jansson libutf8proc sqlite3 libxml-2.0 gumbo
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -ljansson -lutf8proc -lsqlite3 -lxml2 -lgumbo)
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
BUILD   ?= build
ifeq ($(SANITIZE),1)
  OPT   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Werror
else
  OPT   := -O2 -g
endif
CFLAGS  += $(WARN) $(OPT) -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS)
LDFLAGS += $(filter -fsanitize=%,$(OPT))
LDLIBS  += $(PKG_LIBS) -lm -lpthread

LIB_SRC := $(wildcard src/*.c)
CLI_SRC := $(wildcard cli/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
GEN     := $(BUILD)/data/countries.gen.txt
ISO_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
# the gazetteer image: iso-codes, data/places.txt and GeoNames cities1000 (fetched by
# scripts/setup.sh into vendor-data/; without it the image has countries and regions only)
GAZ     := $(BUILD)/data/gazetteer.img
ISO2_JSON ?= /usr/share/iso-codes/json/iso_3166-2.json
CITIES  ?= vendor-data/cities1000.txt

.PHONY: all run test setup clean bench fuzz
all: $(BUILD)/sitrep $(GEN) $(GAZ)

$(BUILD)/%.o: %.c $(wildcard src/*.h include/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libsitrep.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/sitrep: $(CLI_OBJ) $(BUILD)/libsitrep.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/gen-countries: tools/gen_countries.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(GEN): $(BUILD)/gen-countries $(ISO_JSON)
	@mkdir -p $(dir $@)
	$(BUILD)/gen-countries $(ISO_JSON) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen-gazetteer: tools/gen_gazetteer.c $(BUILD)/src/gazetteer.o $(BUILD)/src/util.o $(BUILD)/src/utf8.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(GAZ): $(BUILD)/gen-gazetteer $(ISO_JSON) $(ISO2_JSON) data/places.txt $(wildcard $(CITIES))
	@mkdir -p $(dir $@)
	$(BUILD)/gen-gazetteer $@ $(ISO_JSON) $(ISO2_JSON) data/places.txt $(wildcard $(CITIES))

$(BUILD)/tests/golden_check: tests/golden_check.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libsitrep.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

setup:
	sh scripts/setup.sh

run: setup
	$(MAKE) all
	rm -f $(BUILD)/sitrep.db $(BUILD)/sitrep.db-wal $(BUILD)/sitrep.db-shm
	$(BUILD)/sitrep ingest --db $(BUILD)/sitrep.db samples/
	$(BUILD)/sitrep query --db $(BUILD)/sitrep.db

# The test command: sanitizer build in build/asan, then unit, golden and reference tests.
# TEST_BUILD lets two working copies of one checkout test side by side.
TEST_BUILD ?= build/asan
test: setup
	$(MAKE) SANITIZE=1 BUILD=$(TEST_BUILD) all $(TEST_BUILD)/tests/golden_check $(patsubst $(BUILD)/%,$(TEST_BUILD)/%,$(UNIT_BIN))
	sh tests/run.sh $(TEST_BUILD)

# Speed: release build, corpora assembled at run time in build/bench (not part of `make test`).
bench: setup
	$(MAKE) all
	sh bench/run.sh

# Fuzzing (not part of `make test`): libFuzzer targets built with clang, each run for
# FUZZ_SECONDS; needs clang and libclang-rt-14-dev (Debian). Crashes land in build/fuzz/.
FUZZ_SECONDS ?= 60
fuzz: all
	@command -v clang >/dev/null || { echo "make fuzz: needs clang (apt-get install clang libclang-rt-14-dev)"; exit 2; }
	mkdir -p build/fuzz
	clang $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) \
	    fuzz/fuzz_code.c $(LIB_SRC) -o build/fuzz/fuzz_code $(PKG_LIBS) -lm -lpthread
	clang $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) \
	    fuzz/fuzz_dict.c $(LIB_SRC) -o build/fuzz/fuzz_dict $(PKG_LIBS) -lm -lpthread
	clang $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Iinclude -Icli $(PKG_CFLAGS) \
	    fuzz/fuzz_jsonl.c cli/jsonl.c -o build/fuzz/fuzz_jsonl
	mkdir -p build/fuzz/corpus-code build/fuzz/corpus-dict build/fuzz/corpus-jsonl
	# the first directory is where libFuzzer keeps what it finds; the others only seed it
	build/fuzz/fuzz_code -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus-code samples tests/golden/*/
	build/fuzz/fuzz_dict -max_total_time=$(FUZZ_SECONDS) -max_len=2048 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus-dict tests/golden/compat
	build/fuzz/fuzz_jsonl -max_total_time=$(FUZZ_SECONDS) -max_len=2048 -artifact_prefix=build/fuzz/ \
	    build/fuzz/corpus-jsonl tests/golden/jsonl

clean:
	rm -rf build
