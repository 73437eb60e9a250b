/* dictimg: the compiled dictionary image. `sitrep compile` writes a finished dict (after
 * dict_finish and the coding options) into one file; `sitrep code --dict-image` maps it
 * instead of reading TABARI/PETRARCH or sitrep's own text dictionaries, so that start-up
 * costs an mmap, a checksum and one pass that points the dict's structs into the mapping.
 * Writer and reader live together so that both agree on the layout. */
#ifndef SR_DICTIMG_H
#define SR_DICTIMG_H
#include "dict.h"

/* The image format. Bump it whenever the layout below changes, or what dict_finish or the
 * word classes (dict.c: CLASSES) put into a finished dict: an image keeps their result, and
 * one of another version is refused with a message to compile it again. */
enum { DICTIMG_VERSION = 1 };

/* Writes the finished dictionary d to path (through path.tmp, renamed at the end).
 * Returns 0, or SR_EIO with "path: reason" in err. d is not changed. */
int dictimg_write(const dict *d, const char *path, sr_error *err);

/* Maps the image at path into d (not yet initialised). Returns 0; SR_EIO when the file
 * cannot be read; SR_EDICT with "path: what" when it is not an image this sitrep reads:
 * bad magic, another byte order, format or sitrep version, a wrong checksum (damaged or
 * truncated), or an index out of range. On success d's arrays point into the mapping (d->map)
 * and d->mem; dict_free releases both. The dict is read-only except its coding options. */
int dictimg_open(dict *d, const char *path, sr_error *err);

/* Sets the checksum of an image of size bytes held in memory to what its bytes call for. For
 * tests: an image damaged on purpose and stamped again reaches the index checks. */
void dictimg_stamp(void *image, size_t size);
#endif
