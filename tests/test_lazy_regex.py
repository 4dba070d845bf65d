"""Patterns compiled on first use behave as compiled ones, and a module's
patterns are not compiled by importing it."""

import re
import subprocess
import sys

from assistant.lazy_regex import lazy_regex


def test_a_lazy_pattern_matches_as_the_compiled_one():
    lazy = lazy_regex(r"(?P<n>\d+)\s*(万元|元)", re.I)
    compiled = re.compile(r"(?P<n>\d+)\s*(万元|元)", re.I)
    text = "共 48 万元，单价 2400元"
    assert lazy.search(text).group("n") == compiled.search(text).group("n") == "48"
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("#", text) == compiled.sub("#", text)
    assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags and lazy.groupindex == {"n": 1}
    assert lazy.match("x") is None and lazy.fullmatch("12元")


PROBE = """
import re, sys
compiled = []
real = re._compiler.compile


def counting(pattern, flags=0):
    frame = sys._getframe(1)
    while "/re/" in frame.f_code.co_filename:
        frame = frame.f_back
    if "/assistant/" in frame.f_code.co_filename:  # jixiao's own patterns
        compiled.append(pattern)
    return real(pattern, flags)


re._compiler.compile = counting
import assistant.values.dates, assistant.values.indicator_value, assistant.rules.field_rules
before = len(compiled)
from assistant.values import parse_value
assert parse_value("2024年12月底前完成").kind == "deadline"
print(before, len(compiled) > before)
"""


def test_importing_the_value_grammar_and_rules_compiles_no_pattern_until_used():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    before, used = out.stdout.split()
    assert used == "True"
    assert before == "0"
