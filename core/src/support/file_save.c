/* Atomic whole-file saves (npi_file_write_atomic in file_io.h).
 *
 * What a save must never do, and how:
 * - change the process umask (other threads create files meanwhile): a new
 *   file gets 0666 through open(), which applies the umask in the kernel; a
 *   replaced file gets its old mode with fchmod, which ignores the umask;
 * - replace what is not a regular file (a device, a FIFO, a directory): the
 *   target is checked first and refused with its kind named;
 * - turn a symlink into a regular file: the link is followed and its target
 *   replaced, so every name of the file sees the new content;
 * - leave a named temporary file behind a crash: on Linux the data is
 *   written to an unnamed O_TMPFILE and only linked into the folder once it
 *   is complete and synced (a name exists for the instant between link and
 *   rename only when an old file is replaced); elsewhere, or where the
 *   filesystem lacks O_TMPFILE, a short hidden temporary name is used;
 * - fail on long names: the temporary name never derives from the target's;
 * - lose the rename in a crash: the folder is fsynced after it.
 */
#if defined(__linux__)
#define _GNU_SOURCE /* O_TMPFILE, linkat's AT_SYMLINK_FOLLOW on /proc/self/fd */
#else
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "support/file_io.h"

/* Symbolic links followed before giving up, as the kernel's ELOOP limit. */
enum { MAX_LINK_HOPS = 40 };

typedef struct save_target {
    char *path;          /* the file to replace or create (links resolved); malloc'd */
    const char *base;    /* its last component, inside `path` */
    char *dir;           /* its folder; malloc'd */
    bool exists;
    struct stat st;      /* when it exists */
} save_target;

static void target_free(save_target *t)
{
    free(t->path);
    free(t->dir);
}

static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "a special file";
}

static char *join_dir(const char *link_path, const char *rel)
{
    const char *slash = strrchr(link_path, '/');
    const size_t dlen = slash ? (size_t)(slash - link_path) + 1 : 0, rlen = strlen(rel);
    char *out = malloc(dlen + rlen + 1);
    if (!out) return NULL;
    memcpy(out, link_path, dlen);
    memcpy(out + dlen, rel, rlen + 1);
    return out;
}

/* The link's target as a path usable from here (relative targets are
 * relative to the link's folder). NULL with errno set on failure. */
static char *read_link(const char *path, off_t size_hint)
{
    size_t cap = size_hint > 0 ? (size_t)size_hint + 1 : PATH_MAX;
    for (;;) {
        char *buf = malloc(cap);
        if (!buf) return NULL;
        const ssize_t n = readlink(path, buf, cap);
        if (n < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < cap) {
            buf[n] = '\0';
            if (buf[0] == '/') return buf;
            char *out = join_dir(path, buf);
            free(buf);
            return out;
        }
        free(buf);
        cap *= 2; /* the link changed (grew) since lstat */
    }
}

static np_status oom(np_error *err, const char *path)
{
    return np_error_set(err, NP_ENOMEM, "out of memory saving %s", path);
}

/* Resolves `path` through symbolic links to the file a save replaces and
 * refuses anything there that is not a regular file. */
static np_status find_target(save_target *t, const char *path, np_error *err)
{
    memset(t, 0, sizeof *t);
    if (!*path) return np_error_set(err, NP_EINVAL, "cannot save: the file name is empty");
    t->path = strdup(path);
    if (!t->path) return oom(err, path);
    /* A local stat buffer: the analyzer takes lstat(.., &t->st) to overwrite
     * all of *t, t->path included, and then reports it as leaked. */
    struct stat st;
    for (int hops = 0;; hops++) {
        if (lstat(t->path, &st) != 0) {
            if (errno != ENOENT)
                return npi_file_error(err, "cannot save", path, errno);
            break; /* absent (or a dangling link's target): created */
        }
        if (!S_ISLNK(st.st_mode)) {
            if (!S_ISREG(st.st_mode)) {
                if (strcmp(t->path, path) == 0) {
                    np_error_set(err, NP_EIO, "cannot save %s: it is %s, not a regular file", path,
                                 file_kind(st.st_mode));
                    np_error_os(err, S_ISDIR(st.st_mode) ? EISDIR : 0, path);
                    return NP_EIO;
                }
                return np_error_set(err, NP_EIO,
                                    "cannot save %s: its link target %s is %s, not a regular file",
                                    path, t->path, file_kind(st.st_mode));
            }
            t->st = st;
            t->exists = true;
            break;
        }
        if (hops == MAX_LINK_HOPS)
            return np_error_set(err, NP_EIO, "cannot save %s: too many levels of symbolic links", path);
        char *next = read_link(t->path, st.st_size);
        if (!next)
            return errno == ENOMEM ? oom(err, path)
                                   : npi_file_error(err, "cannot save", path, errno);
        free(t->path);
        t->path = next;
    }
    const char *slash = strrchr(t->path, '/');
    t->base = slash ? slash + 1 : t->path;
    if (!*t->base)
        return np_error_set(err, NP_EIO, "cannot save %s: it names a directory, not a file", path);
    t->dir = slash ? strndup(t->path, slash == t->path ? 1 : (size_t)(slash - t->path)) : strdup(".");
    return t->dir ? NP_OK : oom(err, path);
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        const ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += w;
        len -= (size_t)w;
    }
    return true;
}

/* A name for the fallback's temporary file: short (whatever the target's
 * length), hidden, and unlikely to exist; O_EXCL settles the rest. */
static void temp_name(char *out, size_t size, unsigned attempt)
{
    static atomic_uint counter;
    const uintptr_t stack = (uintptr_t)&out;
    const unsigned long mix = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^
                              (unsigned long)(stack >> 4) ^ (unsigned long)attempt * 2654435761u ^
                              (unsigned long)atomic_fetch_add(&counter, 1u) * 40503u;
    snprintf(out, size, ".natopost-%08lx.tmp", mix & 0xffffffffUL);
}

static int open_named_temp(int dir_fd, char *name, size_t size)
{
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        temp_name(name, size, attempt);
        const int fd = openat(dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

/* Gives the new file the replaced file's mode and, where permitted, owner
 * (chown first: it may clear set-id bits that chmod then restores). */
static bool keep_mode_and_owner(int fd, const struct stat *old)
{
    struct stat now;
    if (fstat(fd, &now) != 0) return false;
    if ((now.st_uid != old->st_uid || now.st_gid != old->st_gid) &&
        fchown(fd, old->st_uid, old->st_gid) != 0 && errno != EPERM)
        return false;
    return fchmod(fd, old->st_mode & 07777) == 0;
}

#ifdef O_TMPFILE
/* Links the complete unnamed file into the folder: straight to the final
 * name when nothing is there, else to a temporary name renamed over it
 * (link cannot replace). Returns 0, or -1 with errno. *named is set once a
 * temporary name exists (the caller removes it on failure). */
static int link_unnamed(int fd, int dir_fd, const save_target *t, char *tmp, size_t size, bool *named)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (!t->exists) {
        if (linkat(AT_FDCWD, proc, dir_fd, t->base, AT_SYMLINK_FOLLOW) == 0) return 0;
        if (errno != EEXIST) return -1;
    }
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        temp_name(tmp, size, attempt);
        if (linkat(AT_FDCWD, proc, dir_fd, tmp, AT_SYMLINK_FOLLOW) == 0) {
            *named = true;
            return renameat(dir_fd, tmp, dir_fd, t->base);
        }
        if (errno != EEXIST) return -1;
    }
    return -1;
}
#endif

np_status npi_file_write_atomic(const char *path, const char *data, size_t len, np_error *err)
{
    save_target t;
    np_status st = find_target(&t, path, err);
    if (st != NP_OK) {
        target_free(&t);
        return st;
    }
    const int dir_fd = open(t.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) {
        const int errnum = errno;
        st = np_error_set(err, NP_EIO, "cannot save %s: folder %s: %s", path, t.dir, strerror(errnum));
        np_error_os(err, errnum, t.dir);
        target_free(&t);
        return st;
    }
    char tmp[32] = "";
    bool named = false, unnamed = false;
    int fd = -1;
#ifdef O_TMPFILE
    fd = openat(dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    unnamed = fd >= 0;
#endif
    if (fd < 0) {
        fd = open_named_temp(dir_fd, tmp, sizeof tmp);
        named = fd >= 0;
    }
    const char *step = "cannot create a temporary file";
    bool ok = fd >= 0;
    if (ok) {
        step = "cannot write";
        ok = write_all(fd, data, len) && (!t.exists || keep_mode_and_owner(fd, &t.st)) && fsync(fd) == 0;
    }
#ifdef O_TMPFILE
    if (ok && unnamed) {
        step = "cannot link the new file into place";
        ok = link_unnamed(fd, dir_fd, &t, tmp, sizeof tmp, &named) == 0;
        if (!ok && errno == ENOENT && !named) { /* no /proc: save through a named file */
            const int named_fd = open_named_temp(dir_fd, tmp, sizeof tmp);
            named = named_fd >= 0;
            ok = named && write_all(named_fd, data, len) &&
                 (!t.exists || keep_mode_and_owner(named_fd, &t.st)) && fsync(named_fd) == 0;
            close(fd);
            fd = named_fd;
            unnamed = false;
        }
    }
#endif
    if (ok && !unnamed) {
        step = "cannot rename the new file into place";
        ok = renameat(dir_fd, tmp, dir_fd, t.base) == 0;
    }
    if (ok) {
        named = false; /* renamed: the temporary name is gone */
        step = "cannot sync the folder after saving";
        /* Some filesystems cannot sync a folder (EINVAL): nothing to wait for. */
        ok = fsync(dir_fd) == 0 || errno == EINVAL;
    }
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        saved = errno;
        ok = false;
        step = "cannot write";
    }
    if (named) unlinkat(dir_fd, tmp, 0);
    close(dir_fd);
    if (!ok) st = npi_file_error(err, step, path, saved);
    target_free(&t);
    return st;
}
