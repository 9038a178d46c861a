"""The corpus test (issue 13, item 1): scores the notice reader against the
real notices of ../shared/corpus with ``natopost.corpus`` and fails under the
target share of right facts or on any wrong or extra value.

Usage: run_corpus.py CORPUS_DIR [natopost.corpus options...]

Without the folder the test is skipped (exit 77, meson's skip code) with the
reason, except under CI=true, where a missing corpus is a failure: CI must
never pass by not looking.
"""
import os
import sys

from natopost import corpus

SKIP = 77


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: run_corpus.py CORPUS_DIR [natopost.corpus options...]", file=sys.stderr)
        return 2
    folder = argv[1]
    if not os.path.isfile(os.path.join(folder, "expected.json")):
        reason = f"corpus folder {folder} missing (no expected.json)"
        if os.environ.get("CI") == "true":
            print(f"FAIL: {reason} (CI=true)")
            return 1
        print(f"SKIP: {reason}")
        return SKIP
    return corpus.main([folder, "-v", *argv[2:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
