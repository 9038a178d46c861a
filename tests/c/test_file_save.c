/* Saves that never clobber or leak permissions (issue 14): what
 * npi_file_write_atomic (every save: postings, policies) does to the path it
 * is given, in a fresh temporary folder per test. The suite is linked with
 * --wrap=umask,--wrap=fsync (tests/c/meson.build): a save must never call
 * umask, and a crash at its fsync must leave no file behind. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/file_io.h"
#include "natopost/natopost.h"
#include "support.h"

mode_t __real_umask(mode_t mask);
mode_t __wrap_umask(mode_t mask);
int __real_fsync(int fd);
int __wrap_fsync(int fd);

static atomic_int umask_calls;
static bool kill_at_fsync; /* a crash at the first fsync: the data is written, not yet in place */
static int folder_syncs, file_syncs;

mode_t __wrap_umask(mode_t mask)
{
    atomic_fetch_add(&umask_calls, 1);
    return __real_umask(mask);
}

int __wrap_fsync(int fd)
{
    if (kill_at_fsync) raise(SIGKILL);
    struct stat st;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) folder_syncs++;
        else file_syncs++;
    }
    return __real_fsync(fd);
}

static char dir[PATH_MAX];

static void make_dir(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/natopost-save-XXXXXX", base && *base ? base : "/tmp");
    cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
}

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[PATH_MAX * 2];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) != 0) rmdir(p);
    }
    closedir(d);
    rmdir(dir);
}

TestSuite(file_save, .init = make_dir, .fini = remove_dir);

static const char *in_dir(const char *name)
{
    static char buf[4][PATH_MAX * 2];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, PATH_MAX * 2, "%s/%s", dir, name);
    return p;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static void expect_content(const char *path, const char *text)
{
    char *got = ts_read_file(path, NULL);
    cr_assert_not_null(got, "cannot read %s", path);
    cr_expect_str_eq(got, text, "%s", path);
    free(got);
}

/* The names in the folder other than `keep` (up to three): no temporary file. */
static int count_entries(void)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}

static np_status save(const char *path, const char *text, np_error *err)
{
    return npi_file_write_atomic(path, text, strlen(text), err);
}

static void expect_refused(const char *path, const char *kind)
{
    np_error err;
    const int before = count_entries();
    cr_assert_eq(save(path, "new\n", &err), NP_EIO, "saving over %s succeeded", kind);
    cr_expect(strstr(err.message, kind) != NULL, "message names %s: %s", kind, err.message);
    cr_expect(strstr(err.message, path) != NULL, "message names the path: %s", err.message);
    cr_expect_eq(count_entries(), before, "a refused save left a file behind");
}

Test(file_save, refuses_a_fifo)
{
    const char *fifo = in_dir("pipe");
    cr_assert_eq(mkfifo(fifo, 0600), 0, "mkfifo: %s", strerror(errno));
    expect_refused(fifo, "FIFO");
    struct stat st;
    cr_assert_eq(lstat(fifo, &st), 0);
    cr_expect(S_ISFIFO(st.st_mode), "the FIFO was replaced");
}

Test(file_save, refuses_a_directory)
{
    const char *sub = in_dir("folder");
    cr_assert_eq(mkdir(sub, 0700), 0);
    expect_refused(sub, "directory");
}

Test(file_save, refuses_a_device)
{
    if (geteuid() != 0) cr_skip_test("mknod needs root (tests run as uid %u)", (unsigned)geteuid());
    const char *dev = in_dir("null");
    if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) != 0)
        cr_skip_test("mknod is not permitted here: %s", strerror(errno));
    expect_refused(dev, "character device");
    struct stat st;
    cr_assert_eq(lstat(dev, &st), 0);
    cr_expect(S_ISCHR(st.st_mode), "the device node was replaced");
}

Test(file_save, a_link_to_a_device_is_refused_too)
{
    const char *fifo = in_dir("pipe"), *link = in_dir("link");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    cr_assert_eq(symlink("pipe", link), 0);
    expect_refused(link, "FIFO");
}

Test(file_save, follows_a_symlink_and_replaces_its_target)
{
    const char *target = in_dir("real.json"), *link = in_dir("link.json");
    put(target, "old\n");
    cr_assert_eq(symlink("real.json", link), 0);
    np_error err;
    cr_assert_eq(save(link, "new\n", &err), NP_OK, "%s", err.message);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the symlink was replaced by a regular file");
    expect_content(target, "new\n");
    expect_content(link, "new\n");
    cr_expect_eq(count_entries(), 2);
}

Test(file_save, a_dangling_symlink_creates_its_target)
{
    const char *link = in_dir("link.json");
    cr_assert_eq(symlink("made.json", link), 0);
    np_error err;
    cr_assert_eq(save(link, "new\n", &err), NP_OK, "%s", err.message);
    expect_content(in_dir("made.json"), "new\n");
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode));
}

Test(file_save, a_symlink_loop_is_an_error)
{
    const char *a = in_dir("a"), *b = in_dir("b");
    cr_assert_eq(symlink("b", a), 0);
    cr_assert_eq(symlink("a", b), 0);
    expect_refused(a, "symbolic links");
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "%s: %s", path, strerror(errno));
    return st.st_mode & 07777;
}

Test(file_save, keeps_the_mode_of_the_replaced_file)
{
    const char *path = in_dir("private.json");
    put(path, "old\n");
    cr_assert_eq(chmod(path, 0600), 0);
    np_error err;
    cr_assert_eq(save(path, "new\n", &err), NP_OK, "%s", err.message);
    cr_expect_eq(mode_of(path), 0600, "mode %o after saving over a 0600 file", (unsigned)mode_of(path));
    cr_assert_eq(chmod(path, 0751), 0);
    cr_assert_eq(save(path, "newer\n", &err), NP_OK, "%s", err.message);
    cr_expect_eq(mode_of(path), 0751, "mode %o after saving over a 0751 file", (unsigned)mode_of(path));
    expect_content(path, "newer\n");
}

Test(file_save, keeps_the_owner_where_permitted)
{
    if (geteuid() != 0) cr_skip_test("changing a file's owner needs root (uid %u)", (unsigned)geteuid());
    const char *path = in_dir("owned.json");
    put(path, "old\n");
    cr_assert_eq(chown(path, 4321, 4322), 0, "chown: %s", strerror(errno));
    np_error err;
    cr_assert_eq(save(path, "new\n", &err), NP_OK, "%s", err.message);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_uid, 4321u);
    cr_expect_eq(st.st_gid, 4322u);
}

Test(file_save, a_new_file_gets_0666_minus_the_umask)
{
    const mode_t old = __real_umask(027);
    np_error err;
    const np_status st = save(in_dir("new.json"), "x\n", &err);
    __real_umask(old);
    cr_assert_eq(st, NP_OK, "%s", err.message);
    cr_expect_eq(mode_of(in_dir("new.json")), 0640);
    cr_expect_eq(atomic_load(&umask_calls), 0, "a save called umask()");
}

Test(file_save, syncs_the_file_then_the_folder)
{
    np_error err;
    for (int round = 0; round < 2; round++) { /* a new file, then a replaced one */
        folder_syncs = file_syncs = 0;
        cr_assert_eq(save(in_dir("synced.json"), "x\n", &err), NP_OK, "%s", err.message);
        cr_expect_eq(file_syncs, 1, "round %d: the new file was synced %d times", round, file_syncs);
        cr_expect_eq(folder_syncs, 1, "round %d: the folder was synced %d times after the rename",
                     round, folder_syncs);
    }
}

Test(file_save, names_up_to_name_max)
{
    char name[NAME_MAX + 1];
    memset(name, 'n', NAME_MAX);
    name[NAME_MAX] = '\0';
    const char *path = in_dir(name);
    np_error err;
    cr_assert_eq(save(path, "long\n", &err), NP_OK, "%s", err.message);
    cr_assert_eq(save(path, "longer\n", &err), NP_OK, "saving over it: %s", err.message);
    expect_content(path, "longer\n");
    cr_expect_eq(count_entries(), 1);
}

Test(file_save, a_save_killed_at_its_fsync_leaves_no_file)
{
    const char *path = in_dir("out.json");
    put(path, "old\n");
    for (int round = 0; round < 2; round++) {
        if (round == 1) unlink(path); /* a new file, then a replaced one */
        const pid_t pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0) {
            kill_at_fsync = true;
            save(path, "new\n", NULL);
            _exit(0);
        }
        int status;
        cr_assert_eq(waitpid(pid, &status, 0), pid);
        cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the save was not killed");
        cr_expect_eq(count_entries(), round == 0 ? 1 : 0, "a killed save left a temporary file");
    }
    if (access(path, F_OK) == 0) expect_content(path, "old\n");
}

/* Other threads create files while saves run: under umask 077 every one of
 * them must come out 0600 (the old save set the umask to 0 for a moment). */
static atomic_bool saving_done;

static void *create_files(void *arg)
{
    (void)arg;
    long bad = 0;
    for (int i = 0; !atomic_load(&saving_done); i++) {
        char name[64];
        snprintf(name, sizeof name, "made-%d", i % 8);
        const char *path = in_dir(name);
        unlink(path);
        const int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0) continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && (st.st_mode & 077)) bad++;
        close(fd);
    }
    return (void *)bad;
}

Test(file_save, the_umask_stays_while_other_threads_create_files)
{
    const mode_t old = __real_umask(077);
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, create_files, NULL), 0);
    np_error err;
    np_status st = NP_OK;
    for (int i = 0; i < 300 && st == NP_OK; i++) st = save(in_dir("saved.json"), "data\n", &err);
    atomic_store(&saving_done, true);
    void *bad;
    pthread_join(th, &bad);
    __real_umask(old);
    cr_assert_eq(st, NP_OK, "%s", err.message);
    cr_expect_eq((long)bad, 0, "%ld files created during saves were group/world accessible", (long)bad);
    cr_expect_eq(atomic_load(&umask_calls), 0, "a save called umask()");
}
