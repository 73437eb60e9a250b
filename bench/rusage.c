/* rusage: runs a command and reports its wall time, CPU time and peak resident set size.
 *   rusage [-o FILE] COMMAND [ARG...]
 * Prints "wall_s=.. user_s=.. sys_s=.. maxrss_mb=.. others_cores=.. exit=N" (or "signal=N") to
 * FILE or stderr; others_cores is the CPU that other processes used meanwhile, in cores (Linux
 * /proc/stat; "nan" elsewhere). The command keeps this process's stdin, stdout and stderr. Used
 * by bench/run.sh instead of GNU time, which a fresh machine may not have. Exits with the
 * command's status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

/* Busy CPU seconds of the whole machine so far (all cores), or -1. On a shared machine this
 * tells a slow run caused by other work from a slow program: a -j run cannot be faster than
 * the cores left free. */
static double machine_busy(void)
{
    FILE *f = fopen("/proc/stat", "r");
    if (!f) return -1;
    unsigned long long v[8] = {0};
    int k = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
    fclose(f);
    if (k < 4) return -1;
    long hz = sysconf(_SC_CLK_TCK);
    /* user nice system idle iowait irq softirq steal: all but idle and iowait are busy */
    return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (double)(hz > 0 ? hz : 100);
}

int main(int argc, char **argv)
{
    const char *outpath = NULL;
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "-o")) { outpath = argv[2]; first = 3; }
    if (first >= argc) { fputs("usage: rusage [-o FILE] COMMAND [ARG...]\n", stderr); return 2; }
    /* Open the report file before starting the clock, so its cost is not timed. */
    FILE *out = outpath ? fopen(outpath, "w") : stderr;
    if (!out) { fprintf(stderr, "rusage: %s: %s\n", outpath, strerror(errno)); return 2; }
    struct timespec t0, t1;
    double busy0 = machine_busy();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) { perror("rusage: fork"); return 2; }
    if (pid == 0) {
        execvp(argv[first], argv + first);
        fprintf(stderr, "rusage: %s: %s\n", argv[first], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) { perror("rusage: wait4"); return 2; }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double busy1 = machine_busy();
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    /* Linux reports ru_maxrss in KiB; MB here means MiB. */
    double cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
    fprintf(out, "wall_s=%.6f user_s=%.6f sys_s=%.6f maxrss_mb=%.1f ", wall, seconds(ru.ru_utime), seconds(ru.ru_stime),
            (double)ru.ru_maxrss / 1024.0);
    /* Ticks are coarse (10 ms): a short run's figure is noise, and is clamped at zero. */
    if (busy0 >= 0 && busy1 >= 0 && wall > 0) {
        double others = (busy1 - busy0 - cpu) / wall;
        fprintf(out, "others_cores=%.2f ", others > 0 ? others : 0.0);
    } else {
        fputs("others_cores=nan ", out);
    }
    int rc;
    if (WIFSIGNALED(status)) { fprintf(out, "signal=%d\n", WTERMSIG(status)); rc = 128 + WTERMSIG(status); }
    else { rc = WEXITSTATUS(status); fprintf(out, "exit=%d\n", rc); }
    if (out != stderr && fclose(out)) { fprintf(stderr, "rusage: %s: %s\n", outpath, strerror(errno)); return 2; }
    return rc;
}
