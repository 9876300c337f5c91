// The C peer of `sonde run` in bench/run-vs-wrk.sh: libcurl's multi interface driven as sonde's
// event loop drives it (epoll and curl_multi_socket_action on one thread), one GET repeated
// TOTAL times with JOBS transfers at once, and nothing else: no flow, no checks, no masking.
// It is the ceiling for a client built on libcurl on this machine.
//
// With "options", each transfer first gets what sonde sets on every transfer (curl_easy_reset,
// the cookie engine, every encoding offered, "Expect:" cleared, a header callback, a timeout);
// without, the handle keeps its options between transfers, the least libcurl can do.
//
// Usage: curl-multi-peer URL TOTAL JOBS [options]   Prints: "<requests> <seconds>".
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>

static int epoll_fd;
static long timer_ms = -1;
static int with_options;
static const char *url;
static struct curl_slist *headers;

static size_t discard(char *data, size_t size, size_t count, void *context) {
    (void)data;
    (void)context;
    return size * count;
}

static int watch(CURL *easy, curl_socket_t socket, int what, void *context, void *socket_context) {
    (void)easy;
    (void)context;
    (void)socket_context;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(epoll_fd, EPOLL_CTL_DEL, socket, NULL);
        return 0;
    }
    struct epoll_event event = {0};
    event.data.fd = socket;
    event.events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
    if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, socket, &event) != 0) epoll_ctl(epoll_fd, EPOLL_CTL_ADD, socket, &event);
    return 0;
}

static int set_timer(CURLM *multi, long milliseconds, void *context) {
    (void)multi;
    (void)context;
    timer_ms = milliseconds;
    return 0;
}

static void configure(CURL *easy) {
    if (with_options) {
        curl_easy_reset(easy);
        curl_easy_setopt(easy, CURLOPT_COOKIEFILE, "");
        curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 30000L);
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    }
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s URL TOTAL JOBS [options]\n", argv[0]);
        return 2;
    }
    url = argv[1];
    long total = atol(argv[2]);
    int jobs = atoi(argv[3]);
    with_options = argc > 4 && strcmp(argv[4], "options") == 0;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    headers = curl_slist_append(NULL, "Expect:");
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, watch);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, set_timer);
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)jobs);
    long started = 0, done = 0, failed = 0;
    int running = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < jobs && started < total; i++, started++) {
        CURL *easy = curl_easy_init();
        configure(easy);
        curl_multi_add_handle(multi, easy);
    }
    curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
    struct epoll_event events[64];
    while (done < total) {
        int ready = epoll_wait(epoll_fd, events, 64, timer_ms < 0 ? 100 : (int)timer_ms);
        if (ready <= 0) curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        for (int i = 0; i < ready; i++) {
            int flags = (events[i].events & EPOLLIN ? CURL_CSELECT_IN : 0) | (events[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0)
                | (events[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
            curl_multi_socket_action(multi, events[i].data.fd, flags, &running);
        }
        CURLMsg *message;
        int queued;
        while ((message = curl_multi_info_read(multi, &queued))) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL *easy = message->easy_handle;
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            if (message->data.result != CURLE_OK || status != 200) failed++;
            curl_multi_remove_handle(multi, easy);
            done++;
            if (started < total) {
                started++;
                configure(easy);
                curl_multi_add_handle(multi, easy);
            } else {
                curl_easy_cleanup(easy);
            }
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (failed) {
        fprintf(stderr, "%ld of %ld transfers failed\n", failed, total);
        return 1;
    }
    printf("%ld %.6f\n", done, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    curl_multi_cleanup(multi);
    curl_slist_free_all(headers);
    return 0;
}
