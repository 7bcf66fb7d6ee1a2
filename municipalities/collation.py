"""Latvian alphabetical order as a plain string: `latvian_key(name)` sorts, compared
character by character, as the names do in Latvian, in Python, SQLite and PostgreSQL alike.

The order is the Latvian alphabet, a ā b c č d e ē f g ģ h i ī j k ķ l ļ m n ņ o p r s š t u ū
v z ž: a letter with a diacritic is a letter of its own, right after its base letter, so
"Vārkavas" comes before "Viļānu" and "Rēzekne" before "Riebiņi" (code points put ā and ē after
every plain letter). Case does not count. Letters Latvian does not use take their Latin
place (q after p; w, x, y after v), other accented letters come after their base letter and
its Latvian variant (é after ē), letters of other scripts after all of them. Before letters
come digits, a run of them compared by its value ("2" before "10"); before digits,
punctuation; before all, a space, so "Jelgava" < "Jelgavas" and "Rēzekne" < "Rēzeknes".

Why digits only. The key is written in the ten ASCII digits and nothing else, every token
of it self-delimiting: a letter is two digits, a number "1" + its length in two digits + its
digits, punctuation "0" and other letters "9", each + a seven-digit code point. So the first
token in which two keys differ decides, by its first different digit, and a name that is the
beginning of another sorts first. Databases compare such strings the same whatever their collation:
SQLite's BINARY compares bytes; PostgreSQL under "C" compares bytes too, and under a locale
collation (glibc's en_US or lv_LV, ICU's) the digits have distinct primary weights in their
natural order, with no case, accents, contractions or ignorable characters to weigh -- which
letters would have (Danish "aa", Czech "ch", en_US skipping punctuation). The column needs
no `db_collation`: "C" does not exist on SQLite, and a name column left to the server's locale
is what made the two databases disagree.

A change to the key changes every stored one: add a migration that fills them again, as
municipalities/migrations/0005 does.
"""

import unicodedata

# The slots of letters in order: each Latin letter, its Latvian variant, then any other
# accented form of it.
_LATVIAN_VARIANTS = {"a": "ā", "c": "č", "e": "ē", "g": "ģ", "i": "ī", "k": "ķ", "l": "ļ"}
_LATVIAN_VARIANTS |= {"n": "ņ", "s": "š", "u": "ū", "z": "ž"}
_OTHER = "+"  # marks a slot for "some other accented form of the letter"
_SLOTS = []
for _base in "abcdefghijklmnopqrstuvwxyz":
    _SLOTS += [_base, *_LATVIAN_VARIANTS.get(_base, ""), _base + _OTHER]
# Two-digit tokens from 20 on (63 slots: up to 82); 0, 1 and 9 begin the other kinds of token.
_LETTER = {slot: f"{20 + n:02d}" for n, slot in enumerate(_SLOTS)}

# Letters with a stroke have no decomposition to take their base letter from.
_STROKED = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t"}

_SPACE = "0" + f"{ord(' '):07d}"  # below every other punctuation mark's code point
_NUMBER = "1"
_FOREIGN = "9"
_MAX_NUMBER_DIGITS = 99
# Control and formatting characters (a soft hyphen, a zero-width space) do not count.
_IGNORED = {"Cc", "Cf"}


def _clusters(text: str):
    """Each character of the decomposed text with the combining marks that follow it."""
    cluster = ""
    for char in unicodedata.normalize("NFD", text):
        if cluster and unicodedata.combining(char):
            cluster += char
            continue
        if cluster:
            yield cluster
        cluster = char
    if cluster:
        yield cluster


def _letter_token(cluster: str) -> str | None:
    base, marks = cluster[0], cluster[1:]
    base = _STROKED.get(base, base)
    if base not in _LETTER:
        return None
    if not marks and cluster[0] == base:
        return _LETTER[base]
    composed = unicodedata.normalize("NFC", cluster)
    if composed in _LETTER:
        return _LETTER[composed]
    return _LETTER[base + _OTHER]


def _number_token(digits: str) -> str:
    digits = digits.lstrip("0") or "0"
    return "".join(
        f"{_NUMBER}{len(part):02d}{part}"
        for part in (
            digits[i : i + _MAX_NUMBER_DIGITS] for i in range(0, len(digits), _MAX_NUMBER_DIGITS)
        )
    )


def latvian_key(text: str) -> str:
    """The key under which `text` sorts in Latvian alphabetical order (see the module)."""
    tokens: list[str] = []
    digits = ""
    for cluster in _clusters(" ".join(text.casefold().split())):
        char = cluster[0]
        if char.isdecimal():
            digits += str(unicodedata.decimal(char))
            continue
        if digits:
            tokens.append(_number_token(digits))
            digits = ""
        if char == " ":
            tokens.append(_SPACE)
        elif (token := _letter_token(cluster)) is not None:
            tokens.append(token)
        elif char.isalpha():
            tokens.append(f"{_FOREIGN}{ord(char):07d}")
        elif unicodedata.category(char) not in _IGNORED:
            tokens.append(f"0{ord(char):07d}")
    if digits:
        tokens.append(_number_token(digits))
    return "".join(tokens)
