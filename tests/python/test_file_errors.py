"""Issue 16, item 7: file errors are the OSError subclasses Python's own open()
raises (FileNotFoundError, IsADirectoryError, PermissionError), with errno
and filename; Timeline.get never raises for a valid-but-absent code."""
import pytest

import natopost


def unreadable(tmp_path):
    """A file the process cannot read: chmod 000 (root reads it anyway, so
    then a /proc file a container's root cannot read, if there is one)."""
    path = tmp_path / "secret.txt"
    path.write_text("Executive Officer\n")
    path.chmod(0)
    for candidate in (str(path), "/proc/1/environ"):
        try:
            with open(candidate, "rb"):
                pass
        except PermissionError:
            return candidate
    return str(path)


def python_error(path, mode="rb"):
    try:
        with open(path, mode) as f:
            if "r" in mode:
                f.read()
    except OSError as error:
        return error
    return None


READERS = {
    "read_notice_file": natopost.read_notice_file,
    "load": natopost.load,
    "Policy.load": natopost.Policy.load,
    "Candidate.load": natopost.Candidate.load,
    "Collection": lambda path: natopost.Collection([path]),
}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("kind", ["missing", "folder", "unreadable"])
def test_file_errors_are_what_open_raises(reader, kind, tmp_path):
    path = {"missing": str(tmp_path / "nothing.json"), "folder": str(tmp_path),
            "unreadable": unreadable(tmp_path)}[kind]
    if kind == "folder" and reader == "Collection":
        return  # a folder is what Collection reads: no error to compare
    want = python_error(path)
    if want is None:  # readable after all (root): whatever natopost says, it is no OSError
        try:
            READERS[reader](path)
        except OSError as error:  # pragma: no cover - a failure
            pytest.fail(f"{reader}({path!r}) raised {error!r}, open() did not")
        except ValueError:
            pass
        return
    with pytest.raises(OSError) as info:
        READERS[reader](path)
    assert type(info.value) is type(want), (reader, kind, info.value)
    assert info.value.errno == want.errno
    assert info.value.filename == path
    assert path in str(info.value)


def test_missing_file_inside_the_message_keeps_its_name(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        natopost.read_notice_file(tmp_path / "no" / "notice.txt")
    assert info.value.filename == str(tmp_path / "no" / "notice.txt")


def test_saving_onto_a_folder_or_into_a_missing_folder(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        natopost.save(str(tmp_path), [])
    assert info.value.filename == str(tmp_path)
    with pytest.raises(FileNotFoundError) as info:
        natopost.Policy().save(str(tmp_path / "missing" / "policy.json"))
    assert info.value.errno and str(tmp_path / "missing") in info.value.filename


def test_timeline_get_with_a_default():
    t = natopost.timeline("2025-09-01", renewal_months=0)
    assert t.get("renewal_start") is None
    assert t.get("renewal_start", "none") == "none"
    assert t.get("renewal_start", default=0) == 0
    assert t.get("contract_end", default=None) == t["contract_end"]
    with pytest.raises(natopost.Error, match="contract_end"):
        t.get("contract_ends", default=None)  # not a code at all: the codes are listed
    with pytest.raises(TypeError, match="unexpected keyword argument 'fallback'"):
        t.get("renewal_start", fallback=1)
    with pytest.raises(KeyError):
        t["renewal_start"]
