"""Runs a notebook headlessly with nbclient (Debian's python3 kernel) and
fails on any cell error: `python3 run_notebook.py [--elsewhere] NOTEBOOK`.
The notebook runs in its own folder, so relative paths in it work as they do
for a reader; --elsewhere first copies it alone into an empty temporary
folder (a reader who copied it anywhere)."""
import pathlib
import shutil
import sys
import tempfile

import nbclient
import nbformat


def main() -> int:
    args = sys.argv[1:]
    elsewhere = args[:1] == ["--elsewhere"]
    path = pathlib.Path(args[-1]).resolve()
    if elsewhere:
        folder = pathlib.Path(tempfile.mkdtemp(prefix="natopost-notebook-"))
        path = pathlib.Path(shutil.copy(path, folder))
    try:
        return run(path)
    finally:
        if elsewhere:
            shutil.rmtree(path.parent, ignore_errors=True)


def run(path: pathlib.Path) -> int:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        print(error, file=sys.stderr)
        return 1
    cells = [c for c in nb.cells if c.cell_type == "code"]
    print(f"{path}: {len(cells)} code cells ran without error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
