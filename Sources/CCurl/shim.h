#ifndef SONDE_CCURL_SHIM_H
#define SONDE_CCURL_SHIM_H
#include <curl/curl.h>
/* What `CurlEventLoop` waits with (Linux). */
#include <sys/epoll.h>
#include <sys/eventfd.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
   One typed wrapper per argument kind keeps every call type-checked. */

static inline CURLcode sonde_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sonde_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sonde_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sonde_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sonde_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sonde_setopt_mime(CURL *h, curl_mime *v) { return curl_easy_setopt(h, CURLOPT_MIMEPOST, v); }

/* CURLAUTH_* are cast expressions, which Swift does not import as constants. */
static const long sonde_curlauth_digest = (long)CURLAUTH_DIGEST;
static const long sonde_curlauth_ntlm = (long)CURLAUTH_NTLM;

typedef size_t (*sonde_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*sonde_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode sonde_setopt_write_function(CURL *h, sonde_data_callback f) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode sonde_setopt_header_function(CURL *h, sonde_data_callback f) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
static inline CURLcode sonde_setopt_progress_function(CURL *h, sonde_progress_callback f) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }
typedef int (*sonde_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);
static inline CURLcode sonde_setopt_debug_function(CURL *h, sonde_debug_callback f) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, f); }

static inline CURLcode sonde_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sonde_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sonde_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sonde_getinfo_slist(CURL *h, CURLINFO i, struct curl_slist **v) { return curl_easy_getinfo(h, i, v); }

/* The share interface is variadic too. */
typedef void (*sonde_lock_function)(CURL *handle, curl_lock_data data, curl_lock_access access, void *context);
typedef void (*sonde_unlock_function)(CURL *handle, curl_lock_data data, void *context);
static inline CURLSHcode sonde_share_setopt_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }
static inline CURLSHcode sonde_share_setopt_pointer(CURLSH *s, CURLSHoption o, void *v) { return curl_share_setopt(s, o, v); }
static inline CURLSHcode sonde_share_setopt_lock(CURLSH *s, sonde_lock_function f) { return curl_share_setopt(s, CURLSHOPT_LOCKFUNC, f); }
static inline CURLSHcode sonde_share_setopt_unlock(CURLSH *s, sonde_unlock_function f) { return curl_share_setopt(s, CURLSHOPT_UNLOCKFUNC, f); }

/* And so is the multi interface's. */
static inline CURLMcode sonde_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode sonde_multi_setopt_pointer(CURLM *m, CURLMoption o, void *v) { return curl_multi_setopt(m, o, v); }
/* The socket interface (curl_multi_socket_action), which `CurlEventLoop` drives with epoll. */
typedef int (*sonde_socket_callback)(CURL *easy, curl_socket_t socket, int what, void *context, void *socketContext);
typedef int (*sonde_timer_callback)(CURLM *multi, long milliseconds, void *context);
static inline CURLMcode sonde_multi_setopt_socket_function(CURLM *m, sonde_socket_callback f) { return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, f); }
static inline CURLMcode sonde_multi_setopt_timer_function(CURLM *m, sonde_timer_callback f) { return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, f); }
static const curl_socket_t sonde_socket_timeout = CURL_SOCKET_TIMEOUT;
static const int sonde_poll_in = CURL_POLL_IN;
static const int sonde_poll_out = CURL_POLL_OUT;
static const int sonde_poll_remove = CURL_POLL_REMOVE;
static const int sonde_cselect_in = CURL_CSELECT_IN;
static const int sonde_cselect_out = CURL_CSELECT_OUT;
static const int sonde_cselect_err = CURL_CSELECT_ERR;
#endif
