#ifndef SONDE_CZLIB_SHIM_H
#define SONDE_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 is a macro; Swift cannot call macros, so wrap it. */
static inline int sonde_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
