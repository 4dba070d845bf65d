"""The loop the example-making scripts share: ask the engine, let the scripted
clerk answer, write each answer as Session.send writes it, stop at a refusal."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.interview.engine import Interview
from assistant.interview.transcript import TranscriptWriter


def write_interview(iv: Interview, clerk, out: Path, header: dict) -> int:
    """Run the interview to its end with `clerk.answer(iv, question)`; 0, or 1
    with the refusal on stderr. `header["created"]` should be fixed so a re-run
    gives the same file."""
    out.unlink(missing_ok=True)
    writer = TranscriptWriter.create(out, header)
    while (question := iv.question()) is not None:
        text = clerk.answer(iv, question)
        answer = iv.resolve(text)
        writer.append({"type": "answer", "q": question.key, "text": text, "answer": answer})
        reply = iv.answer(answer)
        if not reply.accepted:
            print(f"refused at {question.key}: {text!r}: {reply.message}", file=sys.stderr)
            return 1
    record = iv.final_record()
    print(f"wrote {out.name}: total {record['total_score']}, grade {record['grade']}")
    return 0
