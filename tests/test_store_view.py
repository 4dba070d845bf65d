"""The interview's declared view of the store (interview/store_view.py): given
at construction, empty by default, kept across a replay, and what copy-paste
and the department form's task offer read."""

from __future__ import annotations

from conftest import good, seed

from assistant.interview import engine as engine_module
from assistant.interview import workspace
from assistant.interview.engine import Interview
from assistant.interview.session import Session
from assistant.interview.store_view import EMPTY, RecordsView, StoreBackedView
from assistant.records.store import Store

COPIED, ORIGINAL = "003_01_backbone_network", "003_04_fund_supervision"


def copy_paste(iv: Interview) -> list[str]:
    return [f.path for f in iv.findings() if f.rule == "records.copy_paste"]


def test_an_interview_sees_an_empty_store_unless_given_one():
    iv = Interview(source=seed(COPIED), form="project-declaration")
    assert iv.store is EMPTY and iv.store.others() == [] and iv.store.records("project-declaration", 2022) == []
    assert copy_paste(iv) == []
    assert not hasattr(iv, "others") and not hasattr(iv, "store_records")


def test_copy_paste_compares_with_the_records_of_the_view():
    view = RecordsView([("003_04", seed(ORIGINAL))])
    iv = Interview("project-declaration", source=seed(COPIED), store=view)
    assert copy_paste(iv) and all(p.startswith("indicators") for p in copy_paste(iv))


def test_a_records_view_lists_the_records_of_one_form_and_year():
    labour, leasing = good("project_labour_dispatch_2022"), good("project_network_leasing_2023")
    view = RecordsView([labour, ("x", leasing)])
    assert view.records("project-declaration", labour["year"]) == [labour]
    assert view.records("self-evaluation", labour["year"]) == []
    assert [label for label, _ in view.others()][0] == labour["project"]["name"]


def test_a_store_view_reads_the_stored_records_and_excludes_the_one_being_fixed(tmp_path):
    store = Store(tmp_path / "home")
    kept = store.save(seed(ORIGINAL))
    fixed = store.save(seed(COPIED))
    year = seed(ORIGINAL)["year"]
    view = StoreBackedView(store, exclude=fixed)
    assert sorted(r["project"]["name"] for r in view.records("project-declaration", year)) == sorted(
        seed(name)["project"]["name"] for name in (ORIGINAL, COPIED)
    )
    assert view.records("self-evaluation", year) == []
    iv = Interview("project-declaration", source=seed(COPIED), store=view)
    found = [f for f in iv.findings() if f.rule == "records.copy_paste"]
    assert found and all(kept in f.message and fixed not in f.message for f in found)


def test_the_findings_are_checked_once_per_record_with_an_empty_or_a_store_view(tmp_path, monkeypatch):
    counts = {"full": 0}
    check = engine_module.check

    def counting_check(record, **kwargs):
        counts["full"] += kwargs.get("rules") is None
        return check(record, **kwargs)

    monkeypatch.setattr(engine_module, "check", counting_check)
    for view in (None, StoreBackedView(Store(tmp_path / "home"))):
        before = counts["full"]
        iv = Interview("project-declaration", source=seed(COPIED), store=view)
        assert iv.findings() == iv.findings() == iv.findings()
        assert counts["full"] - before == 1


def test_a_session_keeps_its_view_when_it_replays_and_the_workspace_gives_the_home_store(home):
    session = workspace.start_session(home, "project-declaration")
    assert isinstance(session.interview.store, StoreBackedView) and session.interview.store.store.home == home
    session.send("2023")
    resumed = workspace.resume_session(session.path, home)
    assert isinstance(resumed.interview.store, StoreBackedView)
    view = RecordsView()
    other = Session.resume(session.path, store=view)
    other._rebuild()
    assert other.interview.store is view
    assert Session.resume(session.path).interview.store is EMPTY
