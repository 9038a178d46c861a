"""Runs a notebook headlessly with nbclient (Debian's python3 kernel) and
fails on any cell error: `python3 run_notebook.py NOTEBOOK`. The notebook runs
in its own folder, so relative paths in it work as they do for a reader."""
import pathlib
import sys

import nbclient
import nbformat


def main() -> int:
    path = pathlib.Path(sys.argv[1]).resolve()
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        print(error, file=sys.stderr)
        return 1
    cells = [c for c in nb.cells if c.cell_type == "code"]
    print(f"{path.name}: {len(cells)} code cells ran without error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
