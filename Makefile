# nestguard — plain Makefile. `make` builds ./nestguard; `make test` runs every suite;
# `make asan` builds the sanitizer variant into build-asan/; `make fuzz` builds libFuzzer targets.
PKGS    := libmicrohttpd sqlite3 jansson libsodium cairo pangocairo xlsxwriter libpq gnutls libqrencode libxxhash
CC      ?= cc
BUILD   ?= build
CFLAGS_BASE := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter \
               -fstack-protector-strong -fPIE -g -Isrc -I$(BUILD)
OPT     ?= -O2 -D_FORTIFY_SOURCE=2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  += $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS += -pie -Wl,-z,relro,-z,now $(EXTRA_LDFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -lpthread

SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
GEN_SRC  := $(BUILD)/gen/embedded_assets.c $(BUILD)/gen/embedded_migrations.c $(BUILD)/gen/embedded_data.c
OBJ      := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(patsubst %.c,%.o,$(GEN_SRC))
ASSETS   := $(shell find assets -type f 2>/dev/null | sort) 
MIGRATIONS := $(shell find src/db/migrations -name '*.sql' | sort)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC)) $(BUILD)/tests/test_csv_reader_portable
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)

.PHONY: all test unit asan fuzz clean css
all: nestguard

nestguard: $(BUILD)/nestguard
	cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/nestguard: $(BUILD)/src/main.o $(BUILD)/libnestguard.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libnestguard.a: $(OBJ)
	rm -f $@; ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

# Stylesheet and script: govuk-frontend compiled with Sass, without the GDS Transport font (tools/build-static).
$(BUILD)/static/nestguard.css: assets-src/nestguard.scss tools/build-static
	tools/build-static $(BUILD)/static

$(BUILD)/gen/embedded_assets.c: $(BUILD)/tools/embed $(ASSETS) $(BUILD)/static/nestguard.css
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_assets $(BUILD)/static assets > $@

$(BUILD)/gen/embedded_data.c: $(BUILD)/tools/embed $(shell find data -type f 2>/dev/null)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_data data > $@

$(BUILD)/gen/embedded_migrations.c: $(BUILD)/tools/embed $(MIGRATIONS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_migrations src/db/migrations > $@

unit: $(UNIT_BIN)
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnestguard.a
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	@$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libnestguard.a $(LDFLAGS) $(LDLIBS) -lcmocka

# The CSV reader again, built without its SSE2 scan: the portable code other machines run.
$(BUILD)/tests/test_csv_reader_portable: tests/unit/test_csv_reader.c src/util/csv.c $(BUILD)/libnestguard.a
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	@$(CC) $(CFLAGS) -U__SSE2__ -Itests/unit -o $@ tests/unit/test_csv_reader.c src/util/csv.c $(BUILD)/libnestguard.a $(LDFLAGS) $(LDLIBS) -lcmocka

test: all unit
	tests/run-all

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" build-asan/nestguard unit-asan

unit-asan: $(patsubst tests/unit/%.c,build-asan/tests/%,$(UNIT_SRC)) build-asan/tests/test_csv_reader_portable

# libFuzzer targets (clang): one binary per tests/fuzz/fuzz_*.c, linked against the sanitizer objects.
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libnestguard.a
	@mkdir -p build-fuzz/fuzz
	for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  clang $(CFLAGS_BASE) -O1 $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -o build-fuzz/fuzz/$$n $$f \
	    build-fuzz/libnestguard.a $(PKG_LIBS) -lm -lpthread || exit 1; done

clean:
	rm -rf build build-asan build-fuzz nestguard

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
