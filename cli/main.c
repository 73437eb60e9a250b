/* main: the sitrep command-line tool. Subcommands are rows of COMMANDS; add a row and a
 * cmd_<name>.c to add one. */
#include "cli.h"
#include "cmd_store.h"
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} COMMANDS[] = {
    { "code", cmd_code, "code news articles into event records (JSON lines)" },
    { "compile", cmd_compile, "compile dictionaries into an image that code maps at start" },
    { "eval", cmd_eval, "score sitrep on articles with gold events" },
    { "ingest", cmd_ingest, "code articles into the event store (SQLite), merging reports" },
    { "query", cmd_query, "list the store's merged events that match filters" },
    { "events", cmd_events, "show one merged event: every report and where they disagree" },
    { "export", cmd_export, "write merged events as GDELT, ACLED, PLOVER, CSV or JSON lines" },
};

static void usage(FILE *f)
{
    fprintf(f, "usage: sitrep COMMAND [OPTIONS] [ARGS]\n\n"
               "sitrep turns news articles into political event records: who did what to whom,\n"
               "when, where, how many were killed, and according to whom.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(f, "\n'sitrep COMMAND --help' describes a command. Exit status: 0 success, 1 some input\n"
               "failed (each failure named on stderr), 2 usage error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) { usage(stderr); return EXIT_USAGE; }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        if (argc > 2 && !strcmp(argv[1], "help")) {
            char *sub[] = { argv[2], "--help", NULL };
            for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
                if (!strcmp(COMMANDS[i].name, argv[2])) return COMMANDS[i].fn(2, sub);
        }
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) { printf("sitrep %s\n", SITREP_VERSION); return EXIT_OK; }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (!strcmp(COMMANDS[i].name, argv[1])) return COMMANDS[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "sitrep: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
