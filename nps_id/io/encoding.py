"""Which character encoding a text spectrum file is in.

Libraries and spectra arrive in UTF-8, but also in the 8-bit code pages of the
lab that saved them: Windows-1252 / Latin-1 (Western Europe), Windows-1251,
KOI8-R and CP866 (Cyrillic), Windows-1250 (Central Europe), and in UTF-16
(Windows "Unicode" exports).  Read as Latin-1, a Cyrillic name becomes
mojibake ("Ìåôåäðîí" for "Мефедрон") and no longer matches anything.

Order of the decision:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. UTF-16 without a mark, from the NUL bytes of ASCII characters;
3. valid UTF-8;
4. otherwise the 8-bit code page whose reading of the non-ASCII words looks
   like words: letters of one script, in a normal letter case (lower,
   Capitalised or UPPER), for Western code pages not words made only of
   accented letters, for Cyrillic ones about as many vowels as Russian has.  This settles the short,
   name-only texts of a spectral library where statistical detectors confuse
   Windows-1251 with KOI8-R and Windows-1250 (charset-normalizer read a KOI8-R
   "Кокаин" as Windows-1251 "лПЛБЙО").  A name written only in capitals can
   still be ambiguous between Windows-1251 and KOI8-R; the whole file decides;
5. when no code page reads as words, charset-normalizer (Ahmed TAHRI,
   https://github.com/jawah/charset_normalizer) over every encoding it knows
   (Shift-JIS, GB18030, ... ), else Latin-1, which never fails.
"""
from __future__ import annotations

import re
import unicodedata

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))

#: 8-bit code pages tried, in order of preference when they read equally well.
CODE_PAGES = ("cp1252", "cp1251", "koi8_r", "cp1250", "cp866")

_WIDE = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]

#: Bytes of non-ASCII lines looked at to choose a code page.
SAMPLE_BYTES = 65536

_WORD = re.compile(r"[^\W\d_]+")


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` names, else None."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def wide_encoding(head: bytes) -> str | None:
    """UTF-16/32 (with a byte-order mark, or UTF-16 told by its NUL bytes), else None."""
    found = bom_encoding(head)
    if found and found != "utf-8-sig":
        return found
    sample = head[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _non_ascii_lines(data: bytes, limit: int = SAMPLE_BYTES) -> bytes:
    """The lines of ``data`` holding bytes above 127 (the ones that decide), at most ``limit`` bytes."""
    lines = []
    size = 0
    for line in data.splitlines():
        if max(line, default=0) > 127:
            lines.append(line)
            size += len(line) + 1
            if size >= limit:
                break
    return b"\n".join(lines)


_RUSSIAN_VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "?").split()[0]
    return name if name in ("LATIN", "CYRILLIC", "GREEK") else "OTHER"


def _penalty(text: str, latin: bool) -> float:
    """How little ``text`` (the non-ASCII lines as one code page reads them) looks like words."""
    bad = 0.0
    cyrillic = vowels = 0
    for word in _WORD.findall(text):
        high = [c for c in word if ord(c) > 127]
        if not high:
            continue
        scripts = {_script(c) for c in word if c != "µ"}  # "µg" is a unit, not a mixed word
        for c in high:
            if _script(c) == "CYRILLIC":
                cyrillic += 1
                vowels += c in _RUSSIAN_VOWELS
        if len(scripts) > 1:
            bad += len(high)  # "4-MMC" is fine; Latin and Cyrillic letters in one word are not
        rest = word[1:]
        if not (rest.islower() or word.isupper() or len(word) == 1):
            bad += len(high)  # "нЕЖЕДТПО": a code page with upper and lower case swapped
        if latin and len(high) == len(word) >= 3:
            bad += len(high) - 1  # "Ìåôåäðîí": Western words carry a few accents, not only accents
    if cyrillic >= 6:
        # Russian words are about 42 % vowels: "лплбйо" is КОКАИН in the wrong code page
        bad += cyrillic * max(0.0, 0.42 - vowels / cyrillic)
    # non-ASCII characters that are not letters (box drawing, currency, control) are suspect too
    bad += sum(1 for c in text if ord(c) > 127 and not c.isalpha() and c not in "°±µ·×÷§©®«»–—‘’“”…™²³¹¼½¾")
    bad += 5 * text.count("\ufffd")
    return bad


def code_page(data: bytes) -> str:
    """The 8-bit code page of text that is not UTF-8 (see the module notes)."""
    sample = _non_ascii_lines(data)
    if not sample:
        return "cp1252"
    high = sum(1 for b in sample if b > 127)
    scores = []
    for order, name in enumerate(CODE_PAGES):
        text = sample.decode(name, errors="replace")
        scores.append((_penalty(text, latin=name in ("cp1252", "cp1250")), order, name))
    best_penalty, _, best = min(scores)
    if best_penalty <= 0.25 * high:
        return best
    try:
        from charset_normalizer import from_bytes
        match = from_bytes(data[:SAMPLE_BYTES], cp_exclusion=_WIDE).best()
    except Exception:  # a detector failure must not stop a read
        match = None
    return match.encoding if match is not None else "latin-1"


def detect_encoding(data: bytes) -> str:
    """The encoding of text ``data`` (a whole file or its start), as a Python codec name."""
    wide = wide_encoding(data)
    if wide:
        return wide
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # a sample cut inside a character
    return code_page(data)


def decode(data: bytes, encoding: str | None = None) -> str:
    """``data`` as text in ``encoding`` (detected when None); bytes a code page lacks become U+FFFD."""
    encoding = encoding or detect_encoding(data)
    if encoding.startswith(("utf-16", "utf-32")):
        unit = 4 if encoding.startswith("utf-32") else 2
        data = data[:len(data) - len(data) % unit]
        if encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be") and bom_encoding(data) == encoding:
            data = data[unit:]
    return data.decode(encoding, errors="replace")
