"""Small parsers for the value grammar, in the order a regular expression tries
its alternatives: each takes a text and a position and yields the positions
where it can end, first choice first (a greedy `?` tries its part before
nothing, an alternation its parts in order). The first end is where the pattern
it stands for would match; a full match is an end at the text's end.

Python compiles a regular expression in Python code; the date grammar as one
pattern took 1–1.5 ms to compile in every process that read a deadline, these
parsers cost nothing to build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

Parser = Callable[[str, int], Iterator[int]]
MANY = 1 << 30  # `most` of chars for an unbounded repeat (`+`)


def words(*spellings: str) -> Parser:
    """One of `spellings`, tried in order (`年底|年末|…`)."""
    by_first: dict[str, tuple[str, ...]] = {}
    for spelling in spellings:
        by_first[spelling[0]] = (*by_first.get(spelling[0], ()), spelling)

    def parse(text: str, at: int) -> Iterator[int]:
        for spelling in by_first.get(text[at : at + 1], ()):
            if text.startswith(spelling, at):
                yield at + len(spelling)

    return parse


def chars(accepts: str | Callable[[str], bool], least: int = 1, most: int = 1) -> Parser:
    """`least` to `most` characters each in `accepts` (a string of them, or a test
    such as str.isdecimal for \\d), the most first, as a greedy repeat."""
    test = accepts if callable(accepts) else accepts.__contains__

    def parse(text: str, at: int) -> Iterator[int]:
        end = at
        while end < len(text) and end - at < most and test(text[end]):
            end += 1
        yield from range(end, at + least - 1, -1)

    return parse


def seq(*parts: Parser) -> Parser:
    """Each of `parts` after the other."""
    if len(parts) == 1:
        return parts[0]
    first, rest = parts[0], seq(*parts[1:])

    def parse(text: str, at: int) -> Iterator[int]:
        for middle in first(text, at):
            yield from rest(text, middle)

    return parse


def alt(*parts: Parser) -> Parser:
    """The first of `parts` that leads to a match, then the next."""

    def parse(text: str, at: int) -> Iterator[int]:
        for part in parts:
            yield from part(text, at)

    return parse


def opt(part: Parser) -> Parser:
    """`part` or nothing, `part` first (a greedy `?`)."""

    def parse(text: str, at: int) -> Iterator[int]:
        yield from part(text, at)
        yield at

    return parse


def ahead(part: Parser) -> Parser:
    """Nothing, where `part` could follow (a lookahead)."""

    def parse(text: str, at: int) -> Iterator[int]:
        if next(part(text, at), None) is not None:
            yield at

    return parse


def match_end(parser: Parser, text: str, at: int = 0) -> int | None:
    """Where `parser`, from `at`, matches first (what `pattern.match` ends at), or None."""
    return next(parser(text, at), None)


def ends(parser: Parser, text: str) -> frozenset[int]:
    """Every position `parser` can end at from the start of `text`. A prefix of
    `text` that `parser` matches whole is one of them (not every one is such a
    prefix: a lookahead may have looked past it)."""
    return frozenset(parser(text, 0))


def full_match(parser: Parser, text: str, at: int = 0) -> bool:
    """`parser` can match from `at` to the end of `text` (`pattern.fullmatch`)."""
    return any(end == len(text) for end in parser(text, at))
