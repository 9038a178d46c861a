"""Issue 5, item 3: `meson install` into a staging folder (DESTDIR), then use
the result as a C programmer and a Lua user would:

  - pkg-config --cflags --libs natopost (and natopost-lua) find the
    installed library (the prefix moved below DESTDIR with
    --define-variable), and a C program built with those flags runs against
    the shared library (and another against the static one);
  - luaopen_natopost is exported by libnatopost-lua for luaL_requiref;
  - lua5.4 loads the installed module from <prefix>/lib/lua/5.4.

    install_check.py BUILD_DIR"""
import os
import pathlib
import subprocess
import sys
import tempfile

build = pathlib.Path(sys.argv[1]).resolve()


def run(args, **kw):
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, **kw)
    if proc.returncode != 0:
        sys.exit(f"FAILED: {' '.join(map(str, args))}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


PROGRAM = r"""
#include <stdio.h>
#include <string.h>
#include <natopost/natopost.h>
int main(void)
{
    np_error err;
    np_appointment a = NP_APPOINTMENT_INIT;
    if (np_date_parse(&a.start, "2025-09-01", 10, &err) != NP_OK) return 1;
    np_timeline t;
    if (np_timeline_build(&t, NULL, &a, &err) != NP_OK) return 2;
    char buf[NP_DATE_ISO_LEN + 1];
    np_date_format(np_timeline_find(&t, NP_EVENT_CONTRACT_END)->date, buf);
    np_posting *p = NULL;
    const char *text = "Officer, Plans\nNATO Grade G15/G16\n";
    if (np_notice_read(&p, text, strlen(text), NULL, &err) != NP_OK) return 3;
    printf("%s %d\n", buf, p->grade.high);
    np_posting_free(p);
    return 0;
}
"""

EMBED = r"""
#include <lauxlib.h>
#include <lualib.h>
#include <natopost/lua.h>
int main(void)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    luaL_requiref(L, "natopost", luaopen_natopost, 1);
    lua_pop(L, 1);
    int rc = luaL_dostring(L, "print(natopost.timeline('2025-09-01'):date('contract_end'))");
    if (rc) fprintf(stderr, "%s\n", lua_tostring(L, -1));
    lua_close(L);
    return rc;
}
"""

with tempfile.TemporaryDirectory(prefix="natopost-install-") as tmp:
    tmp = pathlib.Path(tmp)
    dest = tmp / "root"
    run(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"])
    pcs = sorted(dest.rglob("natopost*.pc"))
    names = sorted(p.name for p in pcs)
    assert names == ["natopost-lua.pc", "natopost.pc"], names
    env = dict(os.environ, PKG_CONFIG_PATH=os.pathsep.join(sorted({str(p.parent) for p in pcs})))
    # The staged files keep the configured prefix below DESTDIR; tell
    # pkg-config where that prefix now is (--define-prefix guesses wrong on
    # multiarch libdirs such as lib/x86_64-linux-gnu).
    prefix = run(["pkg-config", "--variable=prefix", "natopost"], env=env).strip()
    staged = f"--define-variable=prefix={dest}{prefix}"
    libdir = pathlib.Path(run(["pkg-config", staged, "--variable=libdir", "natopost"], env=env).strip())
    assert str(libdir).startswith(str(dest)), libdir

    flags = run(["pkg-config", staged, "--cflags", "--libs", "natopost"], env=env).split()
    (tmp / "prog.c").write_text(PROGRAM)
    run(["cc", "-std=c11", "-Wall", "-Werror", tmp / "prog.c", "-o", tmp / "prog", *flags, f"-Wl,-rpath,{libdir}"])
    out = run([tmp / "prog"]).strip()
    assert out == "2031-08-31 16", out
    static_flags = run(["pkg-config", staged, "--static", "--cflags", "--libs", "natopost"], env=env).split()
    static_lib = libdir / "libnatopost.a"
    assert static_lib.is_file(), static_lib
    cflags = [f for f in static_flags if f.startswith("-I")]
    others = [f for f in static_flags if not f.startswith("-I") and f != "-lnatopost"]
    run(["cc", "-std=c11", tmp / "prog.c", "-o", tmp / "prog_static", *cflags, static_lib, *others])
    assert run([tmp / "prog_static"]).strip() == out

    lua_flags = (run(["pkg-config", staged, "--cflags", "--libs", "natopost-lua"], env=env).split()
                 + run(["pkg-config", "--cflags", "--libs", "lua5.4"]).split())
    (tmp / "embed.c").write_text(EMBED)
    run(["cc", "-std=c11", tmp / "embed.c", "-o", tmp / "embed", *lua_flags, f"-Wl,-rpath,{libdir}"])
    assert run([tmp / "embed"]).strip() == "2031-08-31"
    symbols = run(["nm", "-D", "--defined-only", *sorted(libdir.glob("libnatopost-lua.so*"))[:1]])
    assert " T luaopen_natopost" in symbols, symbols[:500]

    modules = sorted(dest.rglob("lua/5.4/natopost.so"))
    assert modules, "natopost.so not installed under lib/lua/5.4"
    cpath = f"{modules[0].parent}/?.so"
    lua_out = run(["lua5.4", "-e", "print(require('natopost').timeline('2025-09-01'):date('contract_end'))"],
                  env=dict(os.environ, LUA_CPATH=cpath))
    assert lua_out.strip() == "2031-08-31", lua_out
    print(f"installed into {dest}: pkg-config natopost and natopost-lua, shared and static "
          f"C programs, luaopen_natopost exported, the Lua module loads")
