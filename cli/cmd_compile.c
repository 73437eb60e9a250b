/* cmd_compile: `sitrep compile`, the dictionaries into one image file. Opens them as `sitrep
 * code` would (sitrep's own, or another coder's with --dict-format and --set), then writes
 * the finished dictionary, which `sitrep code --dict-image` maps at start instead of reading
 * text: the Phoenix dictionaries take a few milliseconds to open that way, not 150. */
#include "cli.h"
#include "dictopts.h"
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
"usage: sitrep compile [DICTIONARY OPTIONS] -o FILE.sdi\n"
"\n"
"Reads the dictionaries, builds their lookup indexes and applies the coding options, then\n"
"writes the result into FILE.sdi, a compiled dictionary image. `sitrep code --dict-image\n"
"FILE.sdi` codes exactly as with the dictionaries it was compiled from, and starts in a few\n"
"milliseconds. An image is tied to the version of sitrep that wrote it and to the machine's\n"
"byte order: after upgrading sitrep, compile it again (an old image is refused, saying so).\n"
"\n"
"options:\n"
"  -o, --output FILE      the image to write (written whole to FILE.tmp, then renamed)\n"
"  --data DIR             sitrep's dictionaries (default: data/ beside the build, or $SITREP_DATA)\n"
"  --gen DIR              dictionaries generated at set-up (default: build/data, or $SITREP_GEN)\n"
"  -h, --help             this text\n"
"\n"
"dictionaries of another coder (as for sitrep code; without them the image holds sitrep's\n"
"own dictionaries):\n"
"  --dict-format FMT      petrarch (PETRARCH-2) or tabari\n"
"  --verbs FILE           verb dictionary\n"
"  --actors FILE[,FILE]   actor dictionaries, comma-separated (the option may be repeated)\n"
"  --agents FILE          agent dictionary\n"
"  --discards FILE        discard list (petrarch)\n"
"  --options FILE         TABARI .options file (tabari)\n"
"  --set NAME=VALUE       a coding option, kept in the image (sitrep code --set still\n"
"                         overrides it); may be repeated\n"
"\n"
"exit status: 0 image written; 2 usage error, dictionaries that cannot be loaded, or an\n"
"image that cannot be written.\n";

int cmd_compile(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
        DICTOPTS_LONG,
        {0, 0, 0, 0},
    };
    dictopts o;
    memset(&o, 0, sizeof o);
    o.cmd = "sitrep compile";
    const char *output = NULL;
    int c, took;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", LONG, NULL)) != -1) {
        if ((took = dictopts_take(&o, c, optarg))) {
            if (took < 0) { dictopts_free(&o); return EXIT_USAGE; }
            continue;
        }
        switch (c) {
        case 'o': output = optarg; break;
        case 'h': fputs(HELP, stdout); dictopts_free(&o); return EXIT_OK;
        default:
            fputs("try 'sitrep compile --help'\n", stderr);
            dictopts_free(&o);
            return EXIT_USAGE;
        }
    }
    const char *why = NULL;
    if (optind < argc) why = "unexpected argument (the dictionaries are named by options)";
    else if (!output) why = "no output (give -o FILE.sdi)";
    else if (o.image) why = "--dict-image is what compile writes; give the dictionaries it is made from";
    if (why) {
        fprintf(stderr, "sitrep compile: %s\ntry 'sitrep compile --help'\n", why);
        dictopts_free(&o);
        return EXIT_USAGE;
    }
    if (dictopts_check(&o)) { fputs("try 'sitrep compile --help'\n", stderr); dictopts_free(&o); return EXIT_USAGE; }
    sr_engine *e;
    if (dictopts_open(&o, &e)) { dictopts_free(&o); return EXIT_USAGE; }
    const char *first;
    size_t nwarn = sr_engine_warnings(e, &first);
    if (nwarn) fprintf(stderr, "sitrep: warning: %zu dictionary line%s skipped; the first: %s\n", nwarn, nwarn == 1 ? "" : "s", first);
    sr_error err = {0};
    int rc = sr_engine_write_image(e, output, &err);
    if (rc) fprintf(stderr, "sitrep compile: cannot write the image: %s\n", err.message);
    sr_engine_free(e);
    dictopts_free(&o);
    return rc ? EXIT_USAGE : EXIT_OK;
}
