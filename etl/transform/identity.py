"""Who is who across documents: one person's spellings, and the surname said alone, join one actor.

Run on one row per actor (its first sighting and the number of documents naming it), never on mentions:
- names that fold alike (variant_key: case, accents, middle initials, transliterations from
  data/name_variants.tsv) are one person, unless the corpus has two middle initials for the name
  (George H. W. Bush and George W. Bush stay apart, and "George Bush" joins neither);
- a name one typo away from another in one word of six letters or more, the other words equal, joins
  it when more documents use the other and nothing as common is that close (Vladamir Putin, Jens
  Stooltenberg);
- a one-word name joins the only fuller person name ending with it (Putin), once spellings are merged.
Every merge goes to the actor most documents name (the first seen on a tie), so a full rebuild and a run
that adds documents give the same ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from etl import rules
from etl.transform.context import Actor
from etl.transform.gazetteer import DATA

NAME_VARIANTS = rules.table(DATA / "name_variants.tsv", ("kind", "written", "read"))
LETTER_READINGS = tuple((row["written"], row["read"]) for row in NAME_VARIANTS if row["kind"] == "letters")
ENDINGS = tuple(
    (re.compile(f"(?:{'|'.join(map(re.escape, row.items('written')))})+$"), row["read"]) for row in NAME_VARIANTS if row["kind"] == "ending"
)
GIVEN_NAMES = rules.words(DATA / "given_names.txt")
WORD = re.compile(r"[^\W\d_]+")
APOSTROPHES = re.compile(r"['’`]")
# A typo is only told from another name in words this long ("Regan" and "Reagan" are two people).
MIN_TYPO_WORD = 6
# A Slavic surname's feminine form (Zelenska, Ivanova) is another person's, however close the spelling.
FEMININE_ENDINGS = ("a", "а")


@lru_cache(maxsize=2**16)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name as compared across spellings: folded case and accents, letters and endings read alike."""
    folded = _without_accents(_without_accents(name).casefold())
    folded = APOSTROPHES.sub("", folded)
    return tuple(_read_ending(_read_letters(word)) for word in WORD.findall(folded))


def _without_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _read_letters(word: str) -> str:
    """The word with every letter rule applied until none applies ("czz" is "c")."""
    before = None
    while before != word:
        before = word
        for written, read in LETTER_READINGS:
            word = word.replace(written, read)
    return word


def _read_ending(word: str) -> str:
    for ending, read in ENDINGS:
        word = ending.sub(read, word)
    return word


def variant_key(name: str) -> str:
    """The name as one person's spellings share it: name_words without middle initials ("George W. Bush" is "george bush")."""
    words = name_words(name)
    return " ".join(word for i, word in enumerate(words) if len(word) > 1 or i in (0, len(words) - 1))


def middle_initials(name: str) -> str:
    """The middle initials variant_key leaves out ("w" of "George W. Bush")."""
    words = name_words(name)
    return " ".join(word for word in words[1:-1] if len(word) == 1)


def corpus_merges(first: dict[str, Actor], documents: dict[str, int], known_in: int = 3) -> dict[str, str]:
    """actor id -> the actor it is one person with, from each actor's first sighting (in first-seen order) and the
    number of documents naming it."""
    rank = {actor_id: (-documents[actor_id], order) for order, actor_id in enumerate(first)}
    spelling = spelling_merges({actor_id: actor.name for actor_id, actor in first.items() if _person_name(actor)}, rank)
    merged_documents: dict[str, int] = defaultdict(int)
    for actor_id, count in documents.items():
        merged_documents[spelling.get(actor_id, actor_id)] += count
    surname = merges_by_surname(first, merged_documents, known_in, spelling)
    return {actor_id: surname.get(target, target) for actor_id, target in spelling.items()} | surname


def _person_name(actor: Actor) -> bool:
    """A person whose name has letters and no figures ("Revs 16.4 mln vs" is no one's spelling of anyone)."""
    return actor.type == "person" and not any(c.isdigit() for c in actor.name) and bool(variant_key(actor.name))


def spelling_merges(names: dict[str, str], rank: dict[str, tuple[int, int]]) -> dict[str, str]:
    """Person actor id -> the actor whose spelling of the same name it is (same variant_key, or one typo away)."""
    groups = _same_name_groups(names)
    leader = {group: min(ids, key=rank.__getitem__) for group, ids in groups.items()}
    plain = {key: leader[(key, initials)] for key, initials in groups if not initials}
    typo = typo_merges(plain, {key: rank[actor_id] for key, actor_id in plain.items()})
    target = {group: plain[typo[group[0]]] if not group[1] and group[0] in typo else leader[group] for group in groups}
    return {actor_id: target[group] for group, ids in groups.items() for actor_id in ids if actor_id != target[group]}


def _same_name_groups(names: dict[str, str]) -> dict[tuple[str, str], list[str]]:
    """Actor ids by the name they share: (variant_key, ""), or (variant_key, middle initials) where the corpus has two
    sets of middle initials for that name."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for actor_id, name in names.items():
        by_key[variant_key(name)].append(actor_id)
    groups: dict[tuple[str, str], list[str]] = {}
    for key, ids in by_key.items():
        if len({middle_initials(names[actor_id]) for actor_id in ids} - {""}) <= 1:
            groups[(key, "")] = ids
            continue
        for actor_id in ids:
            groups.setdefault((key, middle_initials(names[actor_id])), []).append(actor_id)
    return groups


def typo_merges(keys: Iterable[str], rank: dict[str, tuple[int, int]]) -> dict[str, str]:
    """Name key -> the key it is a typo of. Within a set of keys linked by typos, the first-ranked key takes each key a
    typo from it that fewer documents name (a slip is the rarer spelling: two names as common may be two people) and
    whose other near keys are near it too or rank below the key (its own rarer typos); a key near a second
    well-ranked name stays apart (ambiguous). `rank` is (-documents, first seen)."""
    near = near_keys(keys)
    merged: dict[str, str] = {}
    for component in _components(near):
        leader = min(component, key=rank.__getitem__)
        for key in component:
            competing = {other for other in near[key] - near[leader] - {leader} if rank[other] < rank[key]}
            if key != leader and leader in near[key] and not competing and rank[leader][0] < rank[key][0]:
                merged[key] = leader
    return merged


def near_keys(keys: Iterable[str]) -> dict[str, set[str]]:
    """Each key of two words or more -> the keys one typo away from it (typo_apart), found through shared deletions of the
    last word and of the rest, not by comparing every pair."""
    buckets: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    for key in keys:
        words = key.split()
        if len(words) < 2:
            continue
        for i, word in enumerate(words):
            for deleted in _one_letter_less(word):
                buckets[(len(words), i, " ".join([*words[:i], deleted, *words[i + 1 :]]))].append(key)
    near: dict[str, set[str]] = defaultdict(set)
    for bucket in buckets.values():
        for i, key in enumerate(bucket):
            for other in bucket[i + 1 :]:
                if key != other and typo_apart(key, other):
                    near[key].add(other)
                    near[other].add(key)
    return near


def _one_letter_less(word: str) -> set[str]:
    """The word and the word with one letter dropped: two words one typo apart share one of these."""
    if len(word) < MIN_TYPO_WORD:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def typo_apart(key: str, other: str) -> bool:
    """Two name keys with the same words but one, and that one a typo of the other (one letter changed, added, dropped
    or swapped with its neighbour), both at least MIN_TYPO_WORD letters, with one initial (Mandel and Handel are two
    people), and not a feminine form of the other."""
    words, other_words = key.split(), other.split()
    if len(words) != len(other_words):
        return False
    differing = [(a, b) for a, b in zip(words, other_words, strict=True) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    return (
        min(len(a), len(b)) >= MIN_TYPO_WORD
        and a[0] == b[0]
        and a.endswith(FEMININE_ENDINGS) == b.endswith(FEMININE_ENDINGS)
        and one_edit_apart(a, b)
    )


def one_edit_apart(a: str, b: str) -> bool:
    """Damerau distance exactly one: one letter changed, added, dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i in range(len(a)) if a[i] != b[i]), len(a))
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    rest = start + 1
    return a[rest:] == b[rest:] or (rest < len(a) and a[start] == b[rest] and a[rest] == b[start] and a[rest + 1 :] == b[rest + 1 :])


def _components(near: dict[str, set[str]]) -> list[list[str]]:
    """The sets of keys linked by typos, each in sorted order."""
    seen: set[str] = set()
    components = []
    for start in sorted(near):
        if start in seen:
            continue
        component, todo = [], [start]
        seen.add(start)
        while todo:
            key = todo.pop()
            component.append(key)
            for other in near[key] - seen:
                seen.add(other)
                todo.append(other)
        components.append(sorted(component))
    return components


def merges_by_surname(
    first: dict[str, Actor], documents: dict[str, int], known_in: int = 3, same: dict[str, str] | None = None
) -> dict[str, str]:
    """A one-word person name ("Putin") to the only fuller person name that ends with it; a one-word organisation
    ("Zelenskiy", a name the model mislabelled) too, when that person is named in `known_in` documents. `same` maps
    actors already merged (spellings of one name) to the actor they joined: they count as that one.
    A given name alone ("Vladimir", or "David" cut from the line that gives his surname) joins only a surname
    written exactly as it is."""
    same = same or {}
    fuller: dict[str, set[str]] = defaultdict(set)
    for actor_id, actor in first.items():
        if actor.type == "person" and len(actor.name.split()) > 1:
            fuller[surname_key(actor.name)].add(same.get(actor_id, actor_id))

    def merged(actor: Actor) -> str | None:
        if len(actor.name.split()) != 1 or len(fuller.get(surname_key(actor.name), ())) != 1:
            return None
        person = next(iter(fuller[surname_key(actor.name)]))
        if actor.name.strip().casefold() in GIVEN_NAMES and actor.name.casefold() != first[person].name.split()[-1].casefold():
            return None
        if actor.type == "person" or (actor.type == "organization" and documents[person] >= known_in):
            return person
        return None

    return {actor_id: person for actor_id, actor in first.items() if actor_id not in same and (person := merged(actor))}


def surname_key(name: str) -> str:
    """The last word of a name as name_words reads it ("Thomas-Greenfield" whole, "Szijjártó" as "szijjarto")."""
    words = name.split()
    return " ".join(name_words(words[-1])) if words else ""
