"""One normalisation of a typed or printed value before any grammar looks at it.

Unicode compatibility forms are folded once (NFKC: full-width ＞＝１２％, ideographic
space, compatibility ㎡ …) instead of listing characters; digits of any script
become ASCII digits; the operator symbols that NFKC leaves alone (≧ ≦ ⩾ ⩽ ≒)
and the ASCII two-character spellings (>= <= =< ==) become one symbol each.
The original text is never changed: records keep what the form prints.
"""

from __future__ import annotations

import unicodedata

from assistant.lazy_regex import lazy_regex

# Symbols NFKC does not fold, and ASCII digraphs, onto ≥ ≤ = < > and 约.
_SYMBOLS = [
    (">=", "≥"),
    ("=>", "≥"),
    ("≥=", "≥"),
    ("≧", "≥"),
    ("⩾", "≥"),
    ("≿", "≥"),
    ("<=", "≤"),
    ("=<", "≤"),
    ("≤=", "≤"),
    ("≦", "≤"),
    ("⩽", "≤"),
    ("≾", "≤"),
    ("==", "="),
    ("═", "="),
    ("≡", "="),
    ("〓", "="),
    ("≒", "约"),
    ("≈", "约"),
    ("≃", "约"),
    ("～", "~"),
    ("〜", "~"),
    ("萬", "万"),
    ("億", "亿"),  # traditional forms of the multipliers
    ("∶", ":"),
    ("︰", ":"),  # the ratio colon
]
# Dashes used between the two ends of a range or period.
_DASH_CHARACTERS = "‐‑‒–—―−－﹣"
_DASHES = lazy_regex(rf"[{_DASH_CHARACTERS}]+|-{{2,}}")
_SPACES = lazy_regex(r"\s+")
# NFKC turns ㎡ into m2 and ㎥ into m3: give the area and volume units back their one spelling.
_SQUARE = lazy_regex(r"(?<![A-Za-z])m2(?![\d.])")
_CUBE = lazy_regex(r"(?<![A-Za-z])m3(?![\d.])")


def ascii_digits(text: str) -> str:
    """Any Unicode decimal digit (١٢٣, ১২৩, 𝟏𝟐) → 0–9; other characters unchanged."""
    out = []
    for ch in text:
        if ch.isdigit() and not ("0" <= ch <= "9"):
            value = unicodedata.decimal(ch, None)
            if value is None:
                value = unicodedata.digit(ch, None)
            out.append(str(value) if value is not None else ch)
        else:
            out.append(ch)
    return "".join(out)


def _one_dash(text: str) -> str:
    """Each run of 1–3 dashes (or of two or more -) becomes one -; the pattern is
    compiled only for a text holding a dash other than a single -."""
    if "--" not in text and not any(dash in text for dash in _DASH_CHARACTERS):
        return text
    return _DASHES.sub(lambda m: "-" if len(m.group()) < 4 else m.group(), text)


def normalise(text: str) -> str:
    """The canonical spelling a grammar reads: folded, digits ASCII, no spaces,
    one symbol per operator, one dash for ranges, trailing full stops gone."""
    folded = unicodedata.normalize("NFKC", text)
    folded = ascii_digits(folded)
    folded = _SPACES.sub("", folded)
    for spelling, symbol in _SYMBOLS:
        folded = folded.replace(spelling, symbol)
    folded = _one_dash(folded)
    folded = _SQUARE.sub("㎡", folded)
    folded = _CUBE.sub("m³", folded)
    return folded.strip("。.;；,，、")
