"""The gate of the patterns read from knowledge/ (lazy_regex.required_words):
every match holds one of the words it reads off a pattern, so the gated search
finds what the plain search found, on the bundled patterns and on generated
patterns and texts."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regex_reference import fixture_strings

from assistant.lazy_regex import gated_search, required_words
from assistant.paths import knowledge_dir


def bundled_patterns() -> list[str]:
    """Every pattern rule_params.json holds for the field rules."""
    with open(knowledge_dir() / "rule_params.json", encoding="utf-8") as handle:
        params = json.load(handle)
    keys = ("input_process_patterns", "placeholder_patterns", "placeholder_value_patterns")
    patterns = [p for key in keys for p in params[key]]
    patterns += [entry[k] for entry in params["misfiled_names"] for k in ("pattern", "unless") if k in entry]
    return patterns


def span(match: re.Match | None):
    return None if match is None else (match.span(), match.groups())


def test_every_bundled_pattern_is_gated_and_searches_as_before():
    patterns = bundled_patterns()
    assert len(patterns) > 20
    texts = fixture_strings()
    hits = 0
    for pattern in patterns:
        assert required_words(pattern), pattern  # a gate for each: none is compiled for a text without its words
        search, plain = gated_search(pattern), re.compile(pattern)
        for text in texts:
            assert span(search(text)) == span(plain.search(text)), (pattern, text)
            hits += plain.search(text) is not None
    assert hits > 50


@pytest.mark.parametrize(
    "pattern, words",
    [
        ("(资金|经费)\\S{0,6}?(到位|拨付)", {"资金", "经费"}),
        ("(财务|内控)?管理制度\\S{0,2}(健全|完善)", {"管理制度"}),
        ("…{2,}|\\.{6,}|。{3,}", {"…", ".", "。"}),
        ("^(?:[≥≤]|不少于)?\\s*[NnＮ]\\s*[^A-Za-z0-9]{0,6}$", {"N", "n", "Ｎ"}),
        ("(及时|按时)(完成)?(率|性)$|完成时[间限]$", {"及时", "按时", "完成时"}),
        ("率$", {"率"}),
        ("ab?c", {"a"}),
        ("[a-z]x", {"x"}),
        ("[]a]b", {"]", "a"}),
        # no gate: a part that needs no word, or syntax the reading leaves alone
        ("a|", None),
        ("(a|)", None),
        ("[^a]", None),
        ("\\d+", None),
        ("(?i)a", None),
        ("(?P<n>a)", None),
        ("a{,2}", None),
        ("[\\]]x", None),
        ("a]", None),
        ("\\1a", None),
        ("", None),
    ],
)
def test_the_words_read_off_a_pattern(pattern, words):
    assert required_words(pattern) == (frozenset(words) if words else None)


_ATOMS = st.sampled_from(["a", "b", "c", "ab", ".", "\\.", "[ab]", "[^a]", "[a-c]", "\\d", "\\s", "^", "$"])
_QUANTIFIERS = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "+?", "??", "*?"])


def _group(alternatives: list[str], capturing: bool) -> str:
    return ("(" if capturing else "(?:") + "|".join(alternatives) + ")"


_PATTERNS = st.recursive(
    st.lists(st.tuples(_ATOMS, _QUANTIFIERS).map("".join), min_size=0, max_size=4).map("".join),
    lambda inner: st.one_of(
        st.tuples(st.lists(inner, min_size=1, max_size=3), st.booleans(), _QUANTIFIERS).map(
            lambda t: _group(t[0], t[1]) + t[2]
        ),
        st.lists(inner, min_size=2, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map("|".join),
    ),
    max_leaves=6,
)


@given(_PATTERNS, st.data())
@settings(max_examples=300, deadline=None)
def test_a_match_of_any_pattern_holds_one_of_its_words(pattern, data):
    """Texts that match (drawn from the pattern itself) and texts that may not."""
    try:
        plain = re.compile(pattern)
    except re.error:
        return
    texts = data.draw(st.lists(st.text(alphabet="abc.x1 \n", max_size=8), max_size=3))
    # At most 10 characters: a generated pattern may nest quantifiers over overlapping
    # alternatives, which backtrack exponentially in the text's length (a longer text
    # drawn by from_regex once kept a run busy for minutes).
    texts += data.draw(st.lists(st.from_regex(plain).map(lambda text: text[:10]), min_size=1, max_size=3))
    search = gated_search(pattern)
    for text in texts:
        assert span(search(text)) == span(plain.search(text)), (pattern, text, required_words(pattern))
