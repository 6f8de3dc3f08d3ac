"""`monitor organisation ...` and `monitor user add --organisation` through the entry point: what
they make, and every refusal one line with a non-zero exit."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import run


def test_organisations_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    added = run(url, "organisation", "add", "zmina", "--name", "ZMINA", "--name-uk", "ЗМІНА")
    assert added.returncode == 0, added.stderr
    assert "added organisation zmina" in added.stdout
    made = run(
        url,
        "user",
        "add",
        "olena",
        "--role",
        "editor",
        "--organisation",
        "ZMINA",
        "--password-stdin",
        stdin="a-long-password-1\n",
    )
    assert made.returncode == 0, made.stderr
    listed = run(url, "organisation", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("default\t")  # the first seed made it
    assert "zmina\tZMINA / ЗМІНА\t1 accounts" in lines
    renamed = run(url, "organisation", "rename", "zmina", "--name", "Zmina")
    assert renamed.returncode == 0, renamed.stderr
    moved = run(url, "organisation", "assign", "olena", "default")
    assert moved.returncode == 0 and "olena now belongs to default" in moved.stdout
    assert "zmina\tZmina\t0 accounts" in run(url, "organisation", "list").stdout
    kept = run(url, "organisation", "remove", "default")  # olena and the seed's rows name it
    assert kept.returncode == 1 and "cannot be removed" in kept.stderr, kept.stderr
    removed = run(url, "organisation", "remove", "zmina")
    assert removed.returncode == 0 and "removed organisation zmina" in removed.stdout
    assert "zmina" not in run(url, "organisation", "list").stdout


def test_bad_input_is_refused_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    for args, says in [
        (("organisation", "add", "bad code", "--name", "X"), "letters, digits"),
        (("organisation", "add", "ok", "--name", ""), "required"),
        (("organisation", "add", "default", "--name", "Again"), "exists already"),
        (("organisation", "rename", "nope", "--name", "X"), "no organisation has the code nope"),
        (("organisation", "assign", "ghost", "default"), "ghost"),
    ]:
        done = run(url, *args)
        assert done.returncode == 1, (args, done.stdout)
        assert says in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    refused = run(
        url,
        "user",
        "add",
        "olena",
        "--role",
        "viewer",
        "--organisation",
        "nope",
        "--password-stdin",
        stdin="a-long-password-1\n",
    )
    assert refused.returncode == 1 and "no organisation has the code nope" in refused.stderr
