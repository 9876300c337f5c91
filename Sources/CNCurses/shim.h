#ifndef SONDE_CNCURSES_SHIM_H
#define SONDE_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Curses exposes these as macros or C globals, which Swift cannot import (or, for globals,
   not without strict-concurrency errors). */
static inline int sonde_color_pair(int n) { return COLOR_PAIR(n); }
static inline int sonde_lines(void) { return LINES; }
static inline int sonde_cols(void) { return COLS; }
static inline int sonde_colors(void) { return COLORS; }
static inline int sonde_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *sonde_stdscr(void) { return stdscr; }
static inline WINDOW *sonde_curscr(void) { return curscr; }
static inline int sonde_key_f(int n) { return KEY_F(n); }
static inline int sonde_cchar_max(void) { return CCHARW_MAX; }

/* The columns the C library gives a character (what curses advances by). Declared here
   because the system module's <wchar.h> hides it without _XOPEN_SOURCE. */
extern int wcwidth(wchar_t);
static inline int sonde_wcwidth(wchar_t c) { return wcwidth(c); }

/* The attributes of one cell, as the attr_t that setcchar takes. */
static inline attr_t sonde_attributes(int bold, int dim, int underline, int reverse) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (dim) a |= A_DIM;
    if (underline) a |= A_UNDERLINE;
    if (reverse) a |= A_REVERSE;
    return a;
}

/* Mouse: clicks (press and release, no synthesized click events) and the wheel. */
static inline mmask_t sonde_mouse_mask_wanted(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline mmask_t sonde_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t sonde_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t sonde_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t sonde_button5_pressed(void) { return BUTTON5_PRESSED; }

/* A string capability of the current terminal (like "BE" for bracketed paste on), or NULL
   when the terminal has none; hides tigetstr's (char *)-1 for "not a string capability". */
static inline const char *sonde_string_capability(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

/* Whether the C library's character set (after setlocale) is UTF-8. */
static inline int sonde_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

/* setupterm replaces cur_term, which an open curses screen also uses: a probe must put the
   screen's terminal back when it is done. */
static inline TERMINAL *sonde_current_terminal(void) { return cur_term; }
/* Frees the terminal that setupterm loaded and makes `previous` current again. */
static inline void sonde_release_terminal_restoring(TERMINAL *previous) {
    if (cur_term && cur_term != previous) del_curterm(cur_term);
    set_curterm(previous);
}

/* ---- Termination signals (SIGTERM, SIGHUP) while curses owns the terminal ----
   The first signal only records itself, so the app loop can close the screen and exit in its
   own time; if the loop has not done so after a grace period (SIGALRM), or when a second
   signal comes, the handler restores the terminal with async-signal-safe calls only
   (tcsetattr, write) and exits with 128 + signal.

   The state is a function-local static (Swift's importer does not emit file-scope static
   aggregates). It exists once per object file that uses it: call the functions below from one
   Swift file only (TerminationSignals.swift). */
struct sonde_term_state {
    volatile sig_atomic_t signal;
    int fd;
    int grace;
    int saved_valid;
    struct termios saved;
    volatile size_t restore_length;
    char restore[256];
    struct sigaction previous[3];
};

static inline struct sonde_term_state *sonde_term_state(void) {
    static struct sonde_term_state state = {0, -1, 3, 0};
    return &state;
}

static inline void sonde_term_emergency_exit(int sig) {
    struct sonde_term_state *s = sonde_term_state();
    if (s->fd >= 0) {
        if (s->saved_valid) tcsetattr(s->fd, TCSANOW, &s->saved);
        if (s->restore_length > 0) {
            ssize_t ignored = write(s->fd, s->restore, s->restore_length);
            (void)ignored;
        }
    }
    _exit(128 + sig);
}

static inline void sonde_term_on_signal(int sig) {
    struct sonde_term_state *s = sonde_term_state();
    if (sig == SIGALRM) sonde_term_emergency_exit(s->signal != 0 ? s->signal : SIGTERM);
    if (s->signal != 0) sonde_term_emergency_exit(sig);
    s->signal = sig;
    alarm((unsigned)s->grace);
}

/* Installs the handlers for the terminal open on `fd`, remembering its current (cooked) modes.
   No SA_RESTART: a signal wakes a blocked read, so the loop sees it soon. */
static inline int sonde_term_install(int fd, int grace_seconds) {
    struct sonde_term_state *s = sonde_term_state();
    struct sigaction action;
    int signals[3] = {SIGTERM, SIGHUP, SIGALRM};
    s->fd = fd;
    s->grace = grace_seconds > 0 ? grace_seconds : 1;
    s->saved_valid = tcgetattr(fd, &s->saved) == 0;
    s->restore_length = 0;
    s->signal = 0;
    memset(&action, 0, sizeof action);
    action.sa_handler = sonde_term_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    for (int i = 0; i < 3; i++) {
        if (sigaction(signals[i], &action, &s->previous[i]) != 0) return -1;
    }
    return 0;
}

/* The bytes the handler writes when it restores the terminal itself: leave the alternate
   screen, show the cursor, stop mouse and paste reporting. */
static inline int sonde_term_set_restore(const char *bytes, size_t length) {
    struct sonde_term_state *s = sonde_term_state();
    if (length > sizeof s->restore) length = sizeof s->restore;
    s->restore_length = 0;
    memcpy(s->restore, bytes, length);
    s->restore_length = length;
    return (int)length;
}

/* Puts the previous handlers back and cancels a pending grace alarm. */
static inline void sonde_term_uninstall(void) {
    struct sonde_term_state *s = sonde_term_state();
    int signals[3] = {SIGTERM, SIGHUP, SIGALRM};
    alarm(0);
    for (int i = 0; i < 3; i++) sigaction(signals[i], &s->previous[i], NULL);
    s->fd = -1;
}

/* The termination signal that arrived since install, or 0. */
static inline int sonde_term_pending(void) { return (int)sonde_term_state()->signal; }
#endif
