#ifndef SONDE_CNCURSES_SHIM_H
#define SONDE_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Curses exposes these as macros, which Swift cannot import. */
static inline int sonde_color_pair(int n) { return COLOR_PAIR(n); }
static inline int sonde_lines(void) { return LINES; }
static inline int sonde_cols(void) { return COLS; }
#endif
