"""The one reader of whole numbers typed by a user (choice numbers, counts).

``str.isdigit()`` is true for ``²``, ``①`` and ``2²``, which ``int()`` then
refuses with a ValueError; ``str.isdecimal()`` is true exactly for the
characters ``int()`` reads (Unicode category Nd: ASCII, fullwidth ``１``,
Arabic-Indic, Devanagari … digits). Every place that turns user text into a
number goes through here, so a superscript or a circled digit is simply "not
a number" instead of a crash, and a fullwidth ``２`` typed by a Chinese input
method means 2. The digit count is bounded: a choice number never has more
than a few digits, and a 5,000-digit string would exceed Python's int limit.
"""

from __future__ import annotations

import unicodedata

MAX_DIGITS = 9


def user_int(text: object, *, max_digits: int = MAX_DIGITS) -> int | None:
    """``text`` (surrounding spaces ignored) as a non-negative integer if it is
    made of decimal digits only, at most ``max_digits`` of them; else None."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if not stripped or len(stripped) > max_digits or not stripped.isdecimal():
        return None
    return int(stripped)


def is_user_int(text: object) -> bool:
    return user_int(text) is not None


def choice_number(text: object, count: int) -> int | None:
    """The number typed to pick one of ``count`` listed choices (1-based), or None."""
    number = user_int(text)
    return number if number is not None and 1 <= number <= count else None


def user_ints(words: list[str], count: int) -> list[int] | None:
    """Several choice numbers (each 1..count), or None if any word is not one."""
    numbers = [choice_number(word, count) for word in words]
    if not numbers or any(n is None for n in numbers):
        return None
    return numbers  # type: ignore[return-value]


def ascii_digits(text: str) -> str:
    """Decimal digits of any script written as ASCII (``２０２３`` → ``2023``);
    every other character, ``²`` and ``①`` included, is left as it is."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


__all__ = ["MAX_DIGITS", "ascii_digits", "choice_number", "is_user_int", "user_int", "user_ints"]
