#ifndef SONDE_CNCURSES_SHIM_H
#define SONDE_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Curses exposes these as macros, which Swift cannot import. */
static inline int sonde_color_pair(int n) { return COLOR_PAIR(n); }
static inline int sonde_lines(void) { return LINES; }
static inline int sonde_cols(void) { return COLS; }
/* Frees the terminal that setupterm loaded; cur_term is a C global Swift cannot touch safely. */
static inline void sonde_release_terminal(void) { if (cur_term) del_curterm(cur_term); cur_term = NULL; }
#endif
