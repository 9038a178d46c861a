"""The shared library exports exactly the public API.

Usage: exports.py LIBNATOPOST.so HEADER...

Compares the functions libnatopost.so exports (`nm -D --defined-only`) with
the functions the public headers declare (every prototype, NP_API or not;
static inline functions are not symbols). A function declared without NP_API
is missing from the library; an internal helper left visible is extra. Also
checks that the documents the headers cite (docs/NAME) exist, since they are
installed beside the headers, and that no header cites ../shared, which an
installed copy does not have. Exits 1 naming every difference.
"""
import os
import re
import subprocess
import sys

PROTOTYPE = re.compile(r"^(?!static\b|typedef\b|#|extern\b)[A-Za-z][\w \t*]*?\b(np_\w+)\s*\(", re.M)


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)


def declared(headers):
    names = {}
    for path in headers:
        text = strip_comments(open(path, encoding="utf-8").read())
        for match in PROTOTYPE.finditer(text):
            names[match.group(1)] = path
            if not match.group(0).startswith("NP_API "):
                print(f"{path}: {match.group(1)} is declared without NP_API")
                names[match.group(1)] = None
    return names


def cited_documents(headers):
    """The headers' references that an installed copy could not follow."""
    docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs")
    problems = []
    for path in headers:
        text = open(path, encoding="utf-8").read()
        if "../shared" in text:
            problems.append(f"{path}: cites ../shared, which is not installed")
        for name in re.findall(r"\bdocs/([\w.-]+\w)", text):
            if not os.path.exists(os.path.join(docs, name)):
                problems.append(f"{path}: cites docs/{name}, which does not exist")
    return problems


def exported(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library],
                         check=True, capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.split()[1] in "TtWwiDdBbRr"}


def main():
    library, headers = sys.argv[1], sys.argv[2:]
    decl = declared(headers)
    exp = exported(library)
    failed = [name for name, path in decl.items() if path is None]
    for problem in cited_documents(headers):
        print(problem)
        failed.append(problem)
    for name in sorted(set(decl) - exp):
        print(f"{decl[name]}: {name} is declared but libnatopost.so does not export it")
        failed.append(name)
    for name in sorted(exp - set(decl)):
        print(f"{name} is exported but no public header declares it (an internal helper "
              "should be static or hidden, and named npi_*)")
        failed.append(name)
    if len(decl) < 100:
        print(f"only {len(decl)} declarations found: the header parser is broken")
        failed.append("parser")
    print(f"{len(exp)} exported, {len(decl)} declared, {len(failed)} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
