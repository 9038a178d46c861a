/* oom_host: runs a Lua script once per allocation it makes, refusing that
 * allocation and the one after it (Lua retries a refused allocation once,
 * after an emergency collection: refusing the retry too makes the memory
 * error surface there), then closes the state, which finalises every
 * userdata. Later allocations succeed again, as they would once the error
 * has unwound a real program.
 *
 *     oom_host SCRIPT.lua [STRIDE]
 *
 * The script gets no arguments and must succeed when nothing is refused.
 * STRIDE > 1 refuses only every STRIDE-th allocation (a sample, for runs
 * under valgrind). Fails when a run ends in anything but success or an
 * error with a message, or when the run with nothing refused fails.
 *
 * Leaks: a C object the module creates before the userdata that frees it
 * is lost when a refusal lands between the two. Under valgrind
 * (scripts/valgrind.sh) the host checks the heap after each run and fails
 * naming the refusal that leaked, with valgrind's record of the block.
 * One loss is Lua's, not the module's: when the refused allocation is the
 * one Lua needs to call a finaliser, Lua skips that finaliser for good
 * (its "error in __gc" warning), and the object it would have freed leaks
 * whatever the module does. Such runs are counted, not failed. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/lua.h"

/* Under valgrind, a leak check after each run; elsewhere these do nothing. */
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#endif
#endif
#ifndef VALGRIND_COUNT_LEAKS
#define VALGRIND_DO_ADDED_LEAK_CHECK
#define VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed) \
    ((leaked) = (dubious) = (reachable) = (suppressed) = 0)
#endif

static unsigned long leaked_bytes(void)
{
    unsigned long leaked, dubious, reachable, suppressed;
    VALGRIND_DO_ADDED_LEAK_CHECK;
    VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed);
    (void)dubious;
    (void)reachable;
    (void)suppressed;
    return leaked;
}

typedef struct {
    long count;          /* allocations (growths) since the script started */
    long fail_at;        /* refuse this allocation and the next; -1: none */
    bool counting;
    char warning[256];   /* the warning being assembled (Lua sends it in pieces) */
    int lost_finalizers; /* "error in __gc" warnings */
} budget;

/* Lua assumes that shrinking and freeing never fail: only growths count. */
static void *refusing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    budget *b = ud;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    if (b->counting && (!ptr || nsize > osize)) {
        const long k = b->count++;
        if (b->fail_at >= 0 && k >= b->fail_at && k <= b->fail_at + 1) return NULL;
    }
    return realloc(ptr, nsize);
}

static void warn(void *ud, const char *piece, int tocont)
{
    budget *b = ud;
    const size_t used = strlen(b->warning);
    snprintf(b->warning + used, sizeof b->warning - used, "%s", piece);
    if (tocont) return;
    if (strstr(b->warning, "error in __gc")) b->lost_finalizers++;
    b->warning[0] = '\0';
}

/* One run: a fresh state with the module, the script compiled, then run
 * with allocation `fail_at` (and its retry) refused; -1 refuses nothing.
 * Returns the pcall status, its message in `message`. */
static int run(const char *script, budget *b, char *message, size_t message_size)
{
    lua_State *L = lua_newstate(refusing_alloc, b);
    if (!L) {
        fputs("oom_host: cannot create a Lua state\n", stderr);
        exit(2);
    }
    lua_setwarnf(L, warn, b);
    luaL_openlibs(L);
    luaL_requiref(L, "natopost", luaopen_natopost, 1);
    lua_pop(L, 1);
    if (luaL_loadfile(L, script) != LUA_OK) {
        fprintf(stderr, "oom_host: %s\n", lua_tostring(L, -1));
        exit(2);
    }
    b->counting = true;
    const int status = lua_pcall(L, 0, 0, 0);
    b->counting = false;
    message[0] = '\0';
    if (status != LUA_OK) {
        /* luaL_tolstring: the module's errors are natopost.Error tables
         * whose __tostring gives the message (nothing is refused any more). */
        const char *m = luaL_tolstring(L, -1, NULL);
        snprintf(message, message_size, "%s", m ? m : "");
    }
    lua_close(L);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: oom_host SCRIPT.lua [STRIDE]\n", stderr);
        return 2;
    }
    const long stride = argc == 3 ? strtol(argv[2], NULL, 10) : 1;
    if (stride < 1) {
        fputs("oom_host: STRIDE must be at least 1\n", stderr);
        return 2;
    }
    char message[512];
    budget b = {.fail_at = -1};
    if (run(argv[1], &b, message, sizeof message) != LUA_OK) {
        fprintf(stderr, "oom_host: the script fails with nothing refused: %s\n", message);
        return 1;
    }
    const long total = b.count;
    long memory_errors = 0, other_errors = 0, completed = 0, leaks = 0, lua_losses = 0;
    unsigned long leaked = leaked_bytes();
    for (long k = 0; k < total; k += stride) {
        b = (budget){.fail_at = k};
        const int status = run(argv[1], &b, message, sizeof message);
        if (status == LUA_ERRMEM) {
            memory_errors++;
        } else if (status == LUA_ERRRUN && message[0]) {
            other_errors++; /* the module's own message, e.g. "candidate: out of memory" */
        } else if (status == LUA_OK) {
            completed++; /* the refused allocation was optional (Lua grows a cache later) */
        } else {
            fprintf(stderr, "oom_host: refusal %ld: status %d, message '%s'\n", k, status, message);
            return 1;
        }
        const unsigned long now = leaked_bytes();
        if (b.lost_finalizers) lua_losses++;
        if (now != leaked && !b.lost_finalizers) {
            fprintf(stderr, "oom_host: refusal %ld leaked %lu bytes (the run ended: %s)\n", k,
                    now - leaked, message[0] ? message : "ok");
            leaks++;
        }
        leaked = now;
    }
    printf("oom_host: %ld allocations, %ld runs refusing one (and its retry): %ld memory errors, "
           "%ld module errors, %ld completed; %ld leaking runs; %ld runs where Lua could not call a "
           "finaliser\n",
           total, (total + stride - 1) / stride, memory_errors, other_errors, completed, leaks,
           lua_losses);
    return leaks ? 1 : 0;
}
