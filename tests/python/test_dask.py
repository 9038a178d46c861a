"""natopost on an existing distributed engine (issue 17, item 4): the README
recipe "Scaling out on Dask" on a distributed.LocalCluster of two worker
processes -- a folder of notices read with dask.bag, queried and
deduplicated; next events of a dask.dataframe of appointments with
map_partitions -- and the answers compared with the single-process ones.

Postings travel between workers and the client as posting JSON text
(Posting.to_json / natopost.loads) and the skip list as plain tuples, so
nothing here depends on pickling natopost's own types. The workers import
this module by name (the functions shipped to them live here): the fixture
puts this folder on their PYTHONPATH. No network: no dashboard, and the
scheduler listens on localhost only."""
import datetime
import logging
import os
import pathlib
import random

import pytest

import dask.bag
import dask.dataframe
import distributed
import pandas as pd

import natopost

DATA = pathlib.Path(os.environ["NATOPOST_TEST_DATA"])
EXAMPLES = DATA.parent.parent / "examples" / "postings"
QUERY = "grade >= G13 and experience >= 2"


def notice_files():
    """The files of the messy folder and the examples (both notices and
    posting JSON), in name order within each folder."""
    files = []
    for folder in (DATA / "messy", EXAMPLES):
        files += sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".json"))
    return files


# ---- shipped to the workers ----

def read_partition(paths):
    """One partition of files: its postings as posting JSON, the files it
    skipped, and the ids of the postings QUERY selects."""
    collection = natopost.Collection(list(paths), on_error="skip")
    return [(
        [p.to_json() for p in collection],
        [tuple(s) for s in collection.skipped],
        collection.query(QUERY).ids,
    )]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    here = str(pathlib.Path(__file__).parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, host="127.0.0.1",
                                  silence_logs=logging.ERROR,
                                  local_directory=str(tmp_path_factory.mktemp("dask"))) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def test_the_cluster_has_two_worker_processes(client):
    workers = client.scheduler_info()["workers"]
    assert len(workers) == 2
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_a_folder_read_queried_and_deduplicated_on_the_cluster_as_in_one_process(client):
    files = notice_files()
    parts = dask.bag.from_sequence(files, npartitions=2).map_partitions(read_partition).compute()
    assert len(parts) == 2
    postings = natopost.loads("\n".join(line for jsons, _, _ in parts for line in jsons))
    skipped = [s for _, skips, _ in parts for s in skips]
    selected = [i for _, _, ids in parts for i in ids]

    single = natopost.Collection(files, on_error="skip")
    assert postings == list(single)
    assert skipped == [tuple(s) for s in single.skipped]
    assert len(skipped) == 2  # the empty and the binary file
    assert selected == single.query(QUERY).ids and selected

    gathered = natopost.Collection(postings=postings).unique()
    alone = single.unique()
    assert list(gathered) == list(alone)
    assert [gathered.sources(i) for i in range(len(gathered))] == \
           [alone.sources(i) for i in range(len(alone))]
    assert len(alone) == len(single) - 2  # the two folded copies


def appointments(count):
    rng = random.Random(17)
    day0 = datetime.date(2018, 1, 1)
    return pd.DataFrame({
        "id": [f"a{i:05d}" for i in range(count)],
        "start": [day0 + datetime.timedelta(days=rng.randrange(0, 3000)) for _ in range(count)],
        "kind": [rng.choice(natopost.KINDS) for _ in range(count)],
        "initial_months": [rng.choice([None, 24, 36]) for _ in range(count)],
        "twin_grade": [rng.random() < 0.2 for _ in range(count)],
    })


def test_next_events_of_a_dask_dataframe_with_map_partitions_equal_one_process(client):
    roster = appointments(4000)
    after = "2026-06-30"
    meta = natopost.next_events(roster.head(1), after).iloc[:0]
    frame = dask.dataframe.from_pandas(roster, npartitions=4)
    distributed_answer = frame.map_partitions(natopost.next_events, after, meta=meta).compute()
    single = natopost.next_events(roster, after)
    pd.testing.assert_frame_equal(distributed_answer.reset_index(drop=True), single.reset_index(drop=True))
    assert single["next_event"].notna().sum() > 1000
