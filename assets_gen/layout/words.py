"""Where a Vietnamese text may break between lines.

Vietnamese puts a space between syllables, not between words: "lao động", "Ngân hàng",
"thành phố" are one word each, and a line break between their syllables reads as a
typo. The text engine therefore breaks only at the gaps this module allows:

- not inside a word found by a real Vietnamese word segmenter. We use pyvi: its CRF
  model ships in the wheel (works offline), it segments a phrase in about 0.1-1.5 ms,
  and its words are the dictionary words a line must not split ("Công_đoàn
  Ngân_hàng Việt_Nam"). underthesea (also CRF) is larger and slower to start, and it
  joins named entities into long runs ("Ngân_hàng_Việt_Nam", "Khoáng_sản_Việt_Nam")
  that leave a banner too few places to break;
- not inside a phrase the brand kit protects (`[text] keep_together`: "sáng kiến",
  "Liên đoàn Lao động"), matched without regard to case;
- not inside a personal name that follows a title ("TS. Lê Quang Minh", "Bà Nguyễn Thị
  Hoa"): the title and the whole name stay on one line;
- not inside a personal name without a title ("Lê Quang Minh", "Nguyễn Huỳnh Thị Phương
  Thảo"): a run of capitalised syllables that starts with a Vietnamese family name, or
  whose second syllable is the middle name "Văn" or "Thị" ("Lò Văn Pó"). pyvi alone
  separates some ("Nguyễn / Huỳnh Thị Phương Thảo", "Đặng Thị / Minh Ngọc"). A place
  named after a person ("Hồ Chí Minh", "Nguyễn Thị Minh Khai") stays whole too, as it
  should;
- not after a dash standing between words ("Than - Khoáng sản", "sáng kiến – triệu
  việc tốt"): the dash goes to the next line with the word it introduces;
- not after a number that counts what follows ("1 triệu", "25 sáng kiến");
- not at a no-break space (U+00A0), which a writer uses to bind two syllables by hand.

Each bound gap has a cost (how much harm a break there does), so that a text that
cannot fit otherwise is broken at the least harmful place (`Gaps.cost`).

The segmenter is imported on first use (a tenth of a second), never at CLI start-up,
and its result is cached per text: the same slogans recur on every asset.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

NBSP = "\u00a0"
DASHES = frozenset("-–—")

# The harm a break does at a bound gap, from least to worst; 0 is a free gap.
FREE = 0
COUNT = 2  # between a number and what it counts
DASH = 3  # after a dash
WORD = 4  # inside a segmenter word
PHRASE = 5  # inside a protected phrase of the kit
BOUND = 6  # at a no-break space
NAME = 7  # inside a titled personal name

# Academic and professional titles written as abbreviations ("TS.", "PGS.TS.", "ThS.").
_ABBREVIATED_TITLE = re.compile(
    r"^(?:(?:GS|PGS|TS|TSKH|ThS|Ths|KS|BS|CN|NCS|DS|LS|KTS|NGƯT|NGND|NSƯT|NSND|Đ/c|đ/c)\.?)+$"
)
# Titles written out, as syllable sequences (compared without regard to case).
_WORD_TITLES = tuple(
    tuple(t.split())
    for t in (
        "ông",
        "bà",
        "anh",
        "chị",
        "đồng chí",
        "giáo sư",
        "phó giáo sư",
        "tiến sĩ",
        "thạc sĩ",
        "kỹ sư",
        "bác sĩ",
        "dược sĩ",
        "luật sư",
        "kiến trúc sư",
        "nhà giáo",
        "nghệ nhân",
    )
)
NAME_SYLLABLES = 5  # Vietnamese names: family, middle and given names, rarely more than 5
# Family names (the hundred most common cover nearly every Vietnamese), without regard to case.
_FAMILY = """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lưu đinh đoàn
    trương lâm mai trịnh cao hà tô tạ quách lương vương châu thái đào kiều chu lại tăng triệu
    phùng mạc đàm khổng thân la lục hứa từ kim nông lò lã giáp tôn thạch âu doãn khúc diệp
    nghiêm bạch hầu quan tống viên ninh lữ đồng mã phí cù mạch giang hàn ôn bế vi sầm lạc
    khương lăng ứng tiêu trình mông"""
FAMILY_NAMES = frozenset(_FAMILY.split())
# Family names that are also words capitalised in Title Case names of bodies ("Công Đoàn",
# "Hội Đồng", "Viên Chức", "Cơ Quan"): they start a name only before "Văn"/"Thị".
AMBIGUOUS_FAMILY_NAMES = frozenset(
    ["đoàn", "đồng", "viên", "quan", "từ", "thân", "la", "mã", "tiêu", "ứng", "trình", "ôn", "cù", "vi"]
)
MIDDLE_NAMES = frozenset({"văn", "thị"})
_NUMBER = re.compile(r"^[+\-−]?\d[\d.,]*%?$")
_EDGE_PUNCTUATION = "\"'“”‘’()[]{}.,;:!?…"

_PHRASES: tuple[str, ...] = ()


def use_phrases(phrases: Iterable[str]) -> None:
    """Protect the brand kit's phrases (`[text] keep_together`) in every text set from now
    on in this process (the kit loader and the batch call it)."""
    global _PHRASES
    _PHRASES = tuple(phrases)


def protected_phrases() -> tuple[str, ...]:
    return _PHRASES


@dataclass(frozen=True)
class Gaps:
    """A text as syllables, and the harm of a line break at each gap between two."""

    syllables: tuple[str, ...]
    cost: tuple[int, ...]
    """`cost[i]` is the harm of breaking between syllables i and i+1 (FREE: none)."""

    def atoms(self) -> tuple[str, ...]:
        """The runs of syllables no line break may split."""
        if not self.syllables:
            return ()
        out, current = [], self.syllables[0]
        for syllable, cost in zip(self.syllables[1:], self.cost, strict=True):
            if cost == FREE:
                out.append(current)
                current = syllable
            else:
                current = f"{current} {syllable}"
        out.append(current)
        return tuple(out)


def gaps(text: str, phrases: tuple[str, ...] | None = None) -> Gaps:
    """The syllables of one paragraph (NFC, no line breaks) and where it may break."""
    return _gaps(text, _PHRASES if phrases is None else phrases)


def atoms(text: str, phrases: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The unbreakable runs of one paragraph, in order (joined by spaces they give the
    text back, with no-break spaces as plain spaces)."""
    return gaps(text, phrases).atoms()


@lru_cache(maxsize=8192)
def _gaps(text: str, phrases: tuple[str, ...]) -> Gaps:
    pieces = re.split(r"( |\u00a0)", text.strip())
    syllables = tuple(p for p in pieces[::2])
    if not syllables or syllables == ("",):
        return Gaps((), ())
    separators = pieces[1::2]
    cost = [BOUND if sep == NBSP else FREE for sep in separators]

    def bind(i: int, harm: int) -> None:
        cost[i] = max(cost[i], harm)

    bonds = segmenter_bonds(syllables)
    for i in bonds:
        bind(i, WORD)
    keys = [_key(s) for s in syllables]
    for phrase in phrases:
        words = [_key(w) for w in unicodedata.normalize("NFC", phrase).replace(NBSP, " ").split()]
        n = len(words)
        for start in range(len(keys) - n + 1):
            # A phrase counts where it is made of whole words: in "Tổng Liên đoàn Lao động"
            # the segmenter reads "Tổng Liên đoàn" as one word, so "Liên đoàn Lao động" is
            # not the phrase there, and "Tổng Liên đoàn / Lao động" may break.
            whole = start - 1 not in bonds and start + n - 1 not in bonds
            if n > 1 and whole and keys[start : start + n] == words:
                for i in range(start, start + n - 1):
                    bind(i, PHRASE)
    for start, end in _names(syllables) + _untitled_names(syllables):
        for i in range(start, end):
            bind(i, NAME)
    for i, syllable in enumerate(syllables[:-1]):
        if syllable in DASHES:
            bind(i, DASH)
        elif _NUMBER.match(syllable) and syllables[i + 1][:1].islower():
            bind(i, COUNT)
    return Gaps(syllables, tuple(cost))


def _key(syllable: str) -> str:
    return syllable.strip(_EDGE_PUNCTUATION).casefold()


def _names(syllables: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last) syllable index of every title and the name that follows it."""
    found = []
    keys = [s.casefold() for s in syllables]
    i = 0
    while i < len(syllables):
        title_end = None
        if _ABBREVIATED_TITLE.match(syllables[i]):
            title_end = i
        else:
            for title in _WORD_TITLES:
                n = len(title)
                if tuple(keys[i : i + n]) == title:
                    title_end = i + n - 1
                    break
        if title_end is None:
            i += 1
            continue
        end = title_end
        while end + 1 < len(syllables) and end - title_end < NAME_SYLLABLES:
            nxt = syllables[end + 1]
            if not nxt[:1].isupper() or _ABBREVIATED_TITLE.match(nxt):
                break
            end += 1
            if nxt.endswith((",", ";", ":", ".", ")")):
                break
        if end > title_end:
            found.append((i, end))
        i = end + 1
    return found


def _untitled_names(syllables: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last) syllable index of every personal name written without a title: in
    a run of capitalised syllables, from a family name (or a syllable followed by the
    middle name "Văn"/"Thị") over at most NAME_SYLLABLES syllables. A text written in
    capitals has no capitals to go by: there a name needs both a family name and the
    middle name as its second or third syllable ("NGUYỄN VĂN AN")."""
    capitals = " ".join(syllables).isupper()
    keys = [_key(s) for s in syllables]

    def capitalised(i: int) -> bool:
        word = syllables[i].lstrip(_EDGE_PUNCTUATION)
        return word[:1].isupper() and word[:1].isalpha() and (capitals or not word[1:].isupper())

    def ends_phrase(i: int) -> bool:
        return syllables[i].endswith((",", ";", ":", ".", ")", "”", "!", "?"))

    found = []
    i = 0
    while i < len(syllables) - 1:
        middle = keys[i + 1] in MIDDLE_NAMES
        if capitals:  # "NGUYỄN VĂN AN", "NGUYỄN HUỲNH THỊ THẢO"
            starts = keys[i] in FAMILY_NAMES and (middle or keys[i + 2 : i + 3] in (["văn"], ["thị"]))
        else:
            starts = (keys[i] in FAMILY_NAMES and keys[i] not in AMBIGUOUS_FAMILY_NAMES) or middle
        if not (starts and capitalised(i) and capitalised(i + 1) and not ends_phrase(i)):
            i += 1
            continue
        end = i + 1
        while end + 1 < len(syllables) and end - i + 1 < NAME_SYLLABLES and not ends_phrase(end):
            if not capitalised(end + 1) or _ABBREVIATED_TITLE.match(syllables[end + 1]):
                break
            end += 1
        found.append((i, end))
        i = end + 1
    return found


# -- the segmenter ---------------------------------------------------------------------


def load_segmenter() -> None:
    """Load the segmenter now (a tenth of a second): before forking worker processes,
    so they share it instead of each loading it."""
    _tokenizer()


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], str]:
    ViTokenizer = _import_pyvi()
    tokenize = ViTokenizer.tokenize
    tokenize("khởi động")  # the tagger reads its model into memory on first use...
    # ...from a temporary copy that unpickling left in the temp folder for the life of the
    # process: remove it, so nothing of ours lingers there (the server writes nothing to disk).
    model_file = getattr(ViTokenizer.ViTokenizer.model, "modelfile", None)  # module, then class
    if model_file is not None:
        model_file.cleanup()
    return tokenize


def _import_pyvi() -> Any:
    """pyvi's tagger is a CRF run by pycrfsuite. Its wrapper, sklearn-crfsuite, takes a
    base class from scikit-learn when that is installed and a plain one otherwise
    (`sklearn_crfsuite.compat`); tagging never uses scikit-learn, whose import is nine
    tenths of the segmenter's load (1.1 of 1.25 s). So scikit-learn is hidden while pyvi
    imports, unless something has imported it already."""
    hide = "sklearn" not in sys.modules
    if hide:
        sys.modules["sklearn"] = None  # type: ignore[assignment]  # imports of it fail
    try:
        from pyvi import ViTokenizer
    finally:
        if hide and sys.modules.get("sklearn", 0) is None:
            del sys.modules["sklearn"]
    return ViTokenizer


def segmenter_bonds(syllables: tuple[str, ...]) -> set[int]:
    """Gaps (index i: between syllables i and i+1) that fall inside a segmenter word."""
    if len(syllables) < 2:
        return set()
    return _bonds(syllables)


@lru_cache(maxsize=8192)
def _bonds(syllables: tuple[str, ...]) -> set[int]:
    text = " ".join(syllables)
    if not text.isupper():
        return _align(syllables, _tokenizer()(text))
    # pyvi reads letter case as a clue: a text written in capitals loses its names
    # ("HỒ CHÍ MINH", "LÊ QUANG MINH" come back as separate syllables, as they do in
    # lower case), and in Title Case it joins a few syllables too many. Measured on the
    # kit's 103 unit names, guide, event and author texts: capitals split 34 of them
    # differently from the text as written, Title Case 20, always by joining more. A
    # text written in capitals takes the words of both readings: it never splits a word
    # either reading finds. (Texts set in capitals by a style are segmented as written,
    # before they are upper-cased.)
    lower = tuple(s.lower() for s in syllables)
    title = tuple(s[:1].upper() + s[1:].lower() for s in syllables)
    return _align(lower, _tokenizer()(" ".join(lower))) | _align(title, _tokenizer()(" ".join(title)))


def _align(syllables: tuple[str, ...], tokenized: str) -> set[int]:
    """Map the segmenter's output (words joined by "_", punctuation split off by spaces)
    back onto our syllables; an output that does not line up gives no bonds."""
    bonds: set[int] = set()
    s, pos = 0, 0
    for ch in tokenized:
        if s >= len(syllables):
            return set()
        syllable = syllables[s]
        if pos < len(syllable) and ch == syllable[pos]:
            pos += 1
            continue
        if ch in " _" and pos == len(syllable):
            if ch == "_":
                bonds.add(s)
            s, pos = s + 1, 0
            continue
        if ch == " ":  # the segmenter split punctuation off inside our syllable
            continue
        return set()
    if s != len(syllables) - 1 or pos != len(syllables[-1]):
        return set()
    return bonds
