"""Starting a self-evaluation from a stored declaration: the project one from a
项目支出绩效目标申报表, the department one from a 部门整体支出绩效目标申报表.
Next to the workspace (it opens a session in the home); the handlers know
nothing of stores and sessions."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from assistant.forms import FORM_KINDS, FORM_LABELS, title_of
from assistant.interview.session import Session
from assistant.interview.workspace import new_transcript_path

FORM = "self-evaluation"


class SelfEvaluationError(ValueError):
    """The record cannot start a self-evaluation (Chinese message)."""


# Which declaration each self-evaluation starts from.
SOURCE_FORM = {kind.id: kind.source_form for kind in FORM_KINDS if kind.source_form}


def start_self_evaluation(home: str | os.PathLike, record_id: str, form: str = FORM):
    """A new self-evaluation session (`form`: the project or the department
    one) from the declaration `record_id` in the store under `home`. Raises
    SelfEvaluationError (or StoreError) with a Chinese message when the record
    is missing or not the declaration this self-evaluation starts from."""
    declaration = stored_declaration(home, record_id, form)
    source = copy.deepcopy(declaration)
    source["_id"] = record_id
    name = title_of(declaration) or record_id
    # named like every interview in progress, so `jixiao` offers to resume it
    return Session.start(new_transcript_path(Path(home)), form, source=source, title=f"{name}（绩效自评）")


def self_evaluation_of(home: str | os.PathLike, record_id: str) -> str:
    """The self-evaluation form that follows the stored record `record_id`."""
    from assistant.records import Store

    form = Store(home).get(record_id).get("form")
    return next((se for se, source in SOURCE_FORM.items() if source == form), FORM)


def stored_declaration(home: str | os.PathLike, record_id: str, form: str = FORM) -> dict:
    """The declaration `record_id` that the self-evaluation `form` starts from;
    SelfEvaluationError (or StoreError) with a Chinese message when it is
    missing or another form."""
    from assistant.records import Store

    declaration = Store(home).get(record_id)
    wanted = SOURCE_FORM[form]
    if declaration.get("form") != wanted:
        kind = FORM_LABELS.get(declaration.get("form"), str(declaration.get("form")))
        raise SelfEvaluationError(
            f"记录 {record_id} 是{kind}，不是{FORM_LABELS[wanted]}。{FORM_LABELS[form]}只能从"
            f"{FORM_LABELS[wanted]}开始；请用 jixiao list 查看{FORM_LABELS[wanted]}的编号。"
        )
    return declaration
