"""The questions a clerk asks in the chat, and their answers (knowledge/qa.json).

Each entry has a few ways of asking, the key terms one of which a question
must mention, the answer, and its basis (the document it rests on). Loaded
once per process; the bundled file is not re-validated (tests/test_knowledge.py
checks it against its schema), another directory's is. Matching is the
interview's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.knowledge.base import _read
from assistant.paths import knowledge_dir

BASES = ("财预〔2020〕10号", "财预〔2021〕101号", "财预〔2015〕88号", "RULES.md")


@dataclass(frozen=True)
class QAEntry:
    id: str
    questions: tuple[str, ...]
    keywords: tuple[str, ...]
    answer: str
    basis: tuple[str, ...]

    def text(self) -> str:
        """The answer as the chat shows it, its basis on the last line."""
        return f"{self.answer}\n依据：{'；'.join(self.basis)}"


def load_qa_from(directory: Path, *, validate: bool = True) -> tuple[QAEntry, ...]:
    data = _read(Path(directory) / "qa.json", "qa", validate)
    return tuple(
        QAEntry(
            id=row["id"],
            questions=tuple(row["questions"]),
            keywords=tuple(row["keywords"]),
            answer=row["answer"],
            basis=tuple(row["basis"]),
        )
        for row in data["entries"]
    )


@cache
def load_qa() -> tuple[QAEntry, ...]:
    return load_qa_from(knowledge_dir(), validate=False)


__all__ = ["BASES", "QAEntry", "load_qa", "load_qa_from"]
