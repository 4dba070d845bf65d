"""Bad input from users: odd digits in answers, hostile files and arguments.
Whatever comes in, the answer is a Chinese message, never a traceback."""

import copy
import json
from pathlib import Path

import pytest

from assistant.interview.engine import Interview
from assistant.interview.transcript import read
from assistant.values.user_numbers import ascii_digits, choice_number, user_int, user_ints

EXAMPLES = sorted((Path(__file__).parent.parent / "transcripts").glob("*.jsonl"))
ODD_DIGITS = ["²", "①", "2²", "¹²", "⑩", "Ⅻ", "１", "٣", "2" * 5000]


@pytest.mark.parametrize("text, number", [
    ("2", 2), (" 12 ", 12), ("１２", 12), ("٣", 3), ("०७", 7),
    ("²", None), ("①", None), ("2²", None), ("⑩", None), ("Ⅻ", None), ("", None), ("-1", None),
    ("1.5", None), ("2" * 5000, None), (None, None), (3, None),
])
def test_user_int_reads_decimal_digits_of_any_script_and_nothing_else(text, number):
    assert user_int(text) == number


def test_choice_numbers_are_bounded_by_the_choices():
    assert choice_number("3", 3) == 3 and choice_number("4", 3) is None and choice_number("0", 3) is None
    assert user_ints(["1", "３"], 3) == [1, 3] and user_ints(["1", "²"], 3) is None and user_ints([], 3) is None
    assert ascii_digits("２０２３年²①") == "2023年²①"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_odd_digits_at_every_question_of_every_example_never_raise(path):
    """Walk each example interview (all forms); at every question, first try each
    odd number on a copy of the interview: it is an answer or a refusal, never an error."""
    transcript = read(path)
    interview = Interview(transcript.header.get("form"), source=transcript.header.get("source"))
    for number, (_, event) in enumerate(transcript.events):
        if number % 3 == 0:           # every third question keeps the test quick
            for text in ODD_DIGITS:
                probe = copy.copy(interview)
                probe.state = copy.deepcopy(interview.state)
                reply = probe.answer(probe.resolve(text))
                assert reply.message is None or isinstance(reply.message, str)
        interview.answer(event["answer"])
