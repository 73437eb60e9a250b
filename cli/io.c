/* io: reading whole inputs for the subcommands (see cli.h). */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_read_file(const char *path, char **out, size_t *len, char *err, size_t errcap)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) { snprintf(err, errcap, "%s: %s", path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errcap, "%s: is a directory", path);
        fclose(f);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        size_t k = fread(b + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
        if (n == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
            cap *= 2;
        }
    }
    int rerr = ferror(f);
    int saved = errno;
    if (f != stdin) fclose(f);
    if (!b) { snprintf(err, errcap, "%s: out of memory", path); return -1; }
    if (rerr) { snprintf(err, errcap, "%s: read error: %s", path, strerror(saved ? saved : EIO)); free(b); return -1; }
    /* fit the buffer to the input: no slack after the last byte, so that under the
     * sanitizers a stage that reads past the end of its input is caught */
    char *fit = realloc(b, n ? n : 1);
    *out = fit ? fit : b;
    *len = n;
    return 0;
}
