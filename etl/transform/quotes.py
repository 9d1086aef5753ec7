"""Quotes: direct, partial and reported speech, with the speaker, the cue verb and offsets.

Quote marks are paired from the characters (straight, curly, ``…'', NYT ''…'', guillemets and
single marks), so a span never crosses a mark; the parse then says who speaks: the subject of the
reporting verb the quote hangs on, or the one written next to it. Reported speech is a reporting
verb (data/cue_verbs.txt) with a clause of its own and a speaker that can speak.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from etl.transform.context import ParsedBlock, ParsedDocument, actor_id_of, row_id, text_of, tokens_of
from etl.transform.gazetteer import cue_verbs, read_lines

MARK = re.compile(r"''|``|[\"“”„«»‘’']")
DOUBLE_OPENERS = {"“", "„", "«", "``"}
DOUBLE_CLOSERS = {"”", "»"}
AMBIGUOUS_DOUBLES = {'"', "''"}
OPEN_CONTEXT = set("([{—–-/:") | {"“", "‘", '"'}
ELISIONS = re.compile(r"'(?:s|t|d|m|ll|re|ve|em|til|tis|twas|cause|n|bout|round|\d0s|\d\ds?)\b", re.IGNORECASE)
SENTENCE_END = {".", "!", "?", ";", "…"}
QUOTE_END = re.compile(r"[.!?…]\W*$")
CLAUSE_END = re.compile(r"[,.!?…—–-]\W*$")
DASHES = {"—", "―", "–", "-", "--"}
TRAILING = ",;: \t\n"
SPEAKER_DEPS = ("nsubj",)
CLIMB_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep", "acl", "relcl", "npadvmod"}
SPEAKER_PRONOUNS = {"he", "she", "they", "we", "i", "you"}
RELATIVE_TAGS = {"WP", "WDT"}
SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
NOT_SPEAKER_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
SPEAKER_ACTOR_TYPES = {"person", "organization", "group", "country"}
SPEAKER_PHRASE_LEFT = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "punct", "advmod", "cc", "conj"}
SPEAKER_PHRASE_RIGHT = {"compound", "flat", "case"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SUBORDINATORS = {
    "while",
    "although",
    "though",
    "because",
    "if",
    "when",
    "as",
    "after",
    "before",
    "since",
    "unless",
    "whereas",
    "once",
    "until",
}
MAX_CLIMB = 5
MAX_LATE_ATTRIBUTION = 8
MAX_COLON_SPEAKER = 6
MAX_TITLE_WORDS = 6
MIN_REPORTED_TOKENS = 3
MIN_UNQUOTED_WORDS = 2


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Nouns for people and bodies that can speak, from data/quote_speaker_nouns.txt."""
    return frozenset(line.lower() for line in read_lines("quote_speaker_nouns.txt") if not line.startswith("#"))


@dataclass(frozen=True)
class Segment:
    """A quoted stretch in one block: its marks and what lies between them (block offsets)."""

    open_start: int
    start: int  # first character after the opening mark
    end: int  # the closing mark's first character, or the block's end when the quote runs on
    close_end: int
    runs_on: bool = False  # no closing mark: the quote continues in the next paragraph
    family: str = "double"  # or "single": ‘…’ and '…'


@dataclass(frozen=True)
class Attribution:
    """Who said it and with which words: the cue and the speaker phrase, as spans of one block."""

    cue: Span | None
    speaker: Span | None
    speaker_id: str | None


@dataclass(frozen=True)
class Quote:
    """One extracted quote with its block, kind, block offsets and attribution."""

    block: ParsedBlock
    kind: str
    start: int
    end: int
    attribution: Attribution
    runs_on: bool = False  # goes on in the next paragraph
    continues: bool = False  # goes on from the previous paragraph


NO_ATTRIBUTION = Attribution(None, None, None)


def extract_quotes(document: ParsedDocument) -> list[dict]:
    """`quotes` rows for every direct, partial and reported quote in the document's unique blocks."""
    rows, seen = [], set()
    for quote in find_quotes(document):
        start, end = quote.block.char_span(quote.start, quote.end)
        text = document.text[start:end]
        if not text or text != text_of(quote.block.doc)[quote.start : quote.end]:
            continue
        quote_id = row_id(document.doc_id, start, end, quote.kind)
        if quote_id in seen:
            continue
        seen.add(quote_id)
        cue, speaker = quote.attribution.cue, quote.attribution.speaker
        rows.append(
            {
                "quote_id": quote_id,
                "doc_id": document.doc_id,
                "block_idx": quote.block.block_idx,
                "text": text,
                "kind": quote.kind,
                "speaker_id": quote.attribution.speaker_id,
                "speaker_text": speaker.text if speaker is not None else None,
                "cue": cue.text if cue is not None else None,
                "char_start": start,
                "char_end": end,
            }
        )
    return rows


def find_quotes(document: ParsedDocument) -> list[Quote]:
    """Every quote of the document as `Quote` objects (spans kept), in reading order."""
    quotes: list[Quote] = []
    carried: Attribution | None = None  # the last speaker of the previous paragraph
    runs_on = False  # the previous paragraph ended inside a quote
    previous_end = None
    for block in document.blocks:
        adjacent = previous_end is not None and _next_text_start(document.text, previous_end) == block.offset
        segments = quote_segments(text_of(block.doc), _runs_on_after(document, block))
        reported = _reported_speech(block, segments, document.actors)
        marked, carried = _quote_block(block, segments, carried if adjacent else None, adjacent and runs_on, document.actors)
        runs_on = bool(marked) and marked[-1].runs_on
        quotes.extend(_speakers_across_paragraphs(marked, quotes))
        quotes.extend(reported)
        previous_end = block.offset + len(text_of(block.doc))
    return sorted(quotes, key=lambda q: (q.block.offset + q.start, q.block.offset + q.end, q.kind))


def _speakers_across_paragraphs(marked: list[Quote], earlier: list[Quote]) -> list[Quote]:
    """A quote running over paragraphs has one speaker: name it on the earlier parts (updated in place)."""
    if not marked or not marked[0].continues or marked[0].attribution.speaker is None:
        return marked
    chain = []
    for number in range(len(earlier) - 1, -1, -1):
        quote = earlier[number]
        if quote.kind != "direct" or not quote.runs_on:
            break
        if quote.attribution.speaker is None:
            chain.append(number)
        if not quote.continues:
            break
    for number in chain:
        earlier[number] = replace(earlier[number], attribution=marked[0].attribution)
    return marked


# ---------------------------------------------------------------------------------------------
# Quote marks


def quote_segments(text: str, may_run_on: bool = False) -> list[Segment]:
    """Outermost quoted stretches of a paragraph; an unclosed double quote is kept only if `may_run_on`."""
    stack: list[tuple[str, int, int]] = []  # (family, mark start, mark end)
    found: list[Segment] = []
    for match in MARK.finditer(text):
        mark, start, end = match.group(), match.start(), match.end()
        family, role = _mark_role(text, mark, start, end, stack)
        if role == "open":
            stack.append((family, start, end))
        elif role == "close" and any(item[0] == family for item in stack):
            while stack:
                opened = stack.pop()
                if opened[0] == family:
                    found.append(Segment(opened[1], opened[2], start, end, family=family))
                    break
    doubles = [item for item in stack if item[0] == "double"]
    if may_run_on and doubles:
        _, open_start, open_end = doubles[0]
        end = len(text.rstrip())
        if end > open_end:
            found.append(Segment(open_start, open_end, end, end, runs_on=True))
    outermost = [seg for seg in found if not any(_contains(other, seg) for other in found if other is not seg)]
    return sorted((seg for seg in outermost if text[seg.start : seg.end].strip()), key=lambda seg: seg.start)


def _contains(outer: Segment, inner: Segment) -> bool:
    return outer.open_start <= inner.open_start and inner.close_end <= outer.close_end


def _mark_role(text: str, mark: str, start: int, end: int, stack: list) -> tuple[str, str | None]:
    """('double' or 'single', 'open' / 'close' / None) for one mark from the characters around it."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens_here = before.isspace() or before in OPEN_CONTEXT
    if mark in DOUBLE_OPENERS:
        closes_here = not opens_here and (after.isspace() or after in ",.;:!?)")
        return "double", "close" if closes_here and _open(stack, "double") else "open"
    if mark in DOUBLE_CLOSERS:
        # A typed-wrong opener: ” at the start of a paragraph or before a word after a space.
        opens_typo = start == 0 or (opens_here and after.isalnum() and not _open(stack, "double"))
        return "double", "open" if opens_typo else "close"
    if mark in AMBIGUOUS_DOUBLES:
        if opens_here and not after.isspace():
            return "double", "open"
        if not opens_here or before in '“‘"':
            return "double", "close"
        return "double", "close" if _open(stack, "double") else "open"
    if mark == "‘":
        return "single", "open" if not after.isspace() else None
    # ’ or ': a closing single mark or an apostrophe
    if mark == "'" and opens_here and after.isalnum() and not ELISIONS.match(text, start):
        return "single", "open"
    if not before.isspace() and not after.isalnum():
        return "single", "close"
    return "single", None


def _open(stack: list, family: str) -> bool:
    return any(item[0] == family for item in stack)


def _runs_on_after(document: ParsedDocument, block: ParsedBlock) -> bool:
    """News style: a quote left open at a paragraph's end goes on when the next paragraph opens one."""
    position = _next_text_start(document.text, block.offset + len(text_of(block.doc)))
    if position is None:
        return False
    match = MARK.match(document.text, position)
    if match is None:
        return False
    family, role = _mark_role(document.text, match.group(), match.start(), match.end(), [])
    return family == "double" and role == "open"


def _next_text_start(text: str, position: int) -> int | None:
    """Where the next non-space character after `position` is, if any."""
    match = re.compile(r"\S").search(text, position)
    return match.start() if match else None


# ---------------------------------------------------------------------------------------------
# Quoted speech


def _quote_block(
    block: ParsedBlock, segments: list[Segment], carried: Attribution | None, carried_runs_on: bool, actors: dict
) -> tuple[list[Quote], Attribution | None]:
    """Direct and partial quotes of one block, each with its speaker; and the block's last speaker."""
    doc = block.doc
    starts = [token.idx for token in tokens_of(doc)]
    inside = _inside_tokens(doc, starts, segments)
    spoken = _speech_events(block, inside, actors)  # (position, attribution) of who spoke where
    quotes: list[Quote] = []
    for number, segment in enumerate(segments):
        open_i = _token_at(starts, segment.open_start)
        close_i = _token_at(starts, max(segment.close_end - 1, segment.open_start))
        before = _region_before(doc, open_i, inside, segments[number - 1] if number else None, starts)
        after = _region_after(doc, close_i, inside, segment)
        content = [t for t in tokens_of(doc) if segment.start <= t.idx < segment.end]
        opens_block = not text_of(doc)[: segment.open_start].strip()
        continued = opens_block and carried_runs_on
        kind = "direct" if segment.runs_on or continued else _kind(text_of(doc), segment, before, after)
        attribution = _attribution(block, content, before, after, kind, inside, actors)
        if attribution is None and kind == "direct" and not _words(before):
            earlier = [event for position, event in spoken if position < segment.open_start]
            attribution = earlier[-1] if earlier else (carried if opens_block else None)
        if attribution is None and (kind == "partial" or segment.family == "single"):
            continue  # a scare quote, a title or a heading: nobody is quoted
        if kind == "partial" and _is_title(content):
            continue  # "Face the Nation", "Women in Power"
        if kind == "direct" and attribution is None and len(_words(content)) < 2:
            continue
        start, end = _trimmed(text_of(doc), segment.start, segment.end, kind)
        if end <= start:
            continue
        attribution = attribution or NO_ATTRIBUTION
        quotes.append(Quote(block, kind, start, end, attribution, segment.runs_on, continued))
        if attribution.speaker is not None:
            spoken.append((segment.open_start, attribution))
            spoken.sort(key=lambda item: item[0])
    return quotes, (spoken[-1][1] if spoken else None)


def _speech_events(block: ParsedBlock, inside: set[int], actors: dict) -> list[tuple[int, Attribution]]:
    """Reporting verbs outside quotes whose subject can speak, with where they stand."""
    events = []
    for token in tokens_of(block.doc):
        if token.i not in inside and _is_cue(token):
            attribution = _cue_speaker(block, token, inside)
            if attribution.speaker is not None and can_speak(attribution.speaker.root, actors):
                events.append((token.idx, attribution))
    return events


def _inside_tokens(doc: Doc, starts: list[int], segments: list[Segment]) -> set[int]:
    """Indices of tokens inside a quote, marks included."""
    inside: set[int] = set()
    for segment in segments:
        first = bisect.bisect_left(starts, segment.open_start)
        last = bisect.bisect_left(starts, segment.close_end)
        inside.update(range(first, last))
    return inside


def _token_at(starts: list[int], char: int) -> int:
    """Index of the token that holds character `char`."""
    return max(0, bisect.bisect_right(starts, char) - 1)


def _region_before(doc: Doc, open_i: int, inside: set[int], previous: Segment | None, starts: list[int]) -> list[Token]:
    """The writer's words from the sentence start (or the previous quote) up to the opening mark."""
    first = open_i
    while first > 0 and (first - 1) not in inside and doc[first - 1].text not in SENTENCE_END:
        first -= 1
    if previous is not None:
        first = max(first, bisect.bisect_left(starts, previous.close_end))
    return [t for t in doc[first:open_i] if not t.is_space]


def _region_after(doc: Doc, close_i: int, inside: set[int], segment: Segment) -> list[Token]:
    """The writer's words after the closing mark, up to the sentence end or the next quote."""
    if segment.runs_on:
        return []
    last = close_i + 1
    while last < len(doc) and last not in inside and doc[last].text not in SENTENCE_END:
        last += 1
    region = [t for t in doc[close_i + 1 : last] if not t.is_space]
    quoted = text_of(doc)[segment.start : segment.end].rstrip()
    if QUOTE_END.search(quoted) and region and region[0].is_alpha and region[0].text[:1].isupper():
        # The quote ended its sentence: what follows counts only as a short "Smith said."
        if len(_words(region)) > MAX_LATE_ATTRIBUTION or last in inside or not any(_is_cue(t) for t in region):
            return []
    return region


def _kind(text: str, segment: Segment, before: list[Token], after: list[Token]) -> str:
    """direct for a whole quoted sentence or clause, partial for a fragment in the writer's sentence."""
    words = _words(before)
    quoted = text[segment.start : segment.end].strip()
    if not words:
        if not after or after[0].is_punct or CLAUSE_END.search(quoted) or _starts_attribution(after):
            return "direct"
        return "partial"
    last = before[-1]
    if last.text in (":",) or last.text in DASHES or (last.text == "," and any(_is_cue(t) or _is_according(t) for t in before)):
        return "direct"
    if _is_cue(last) and quoted[:1].isupper():
        return "direct"
    return "partial"


def _starts_attribution(after: list[Token]) -> bool:
    """ "…" said Smith / "…" Smith said: the words after the quote open with its cue or speaker."""
    cue = next((t for t in after if _is_cue(t)), None)
    if cue is None:
        return False
    if after[0] == cue:
        return True
    head = speaker_head(cue)
    return head is not None and speaker_phrase(head).start == after[0].i


def _is_title(tokens: list[Token]) -> bool:
    """A short run of capitalised words: the name of a show, a book or a campaign."""
    words = [t for t in tokens if t.is_alpha]
    long_words = [t for t in words if len(t) > 3 or t.i == words[0].i] if words else []
    return 0 < len(words) <= MAX_TITLE_WORDS and all(t.text[:1].isupper() for t in long_words)


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct and not t.is_space]


def _trimmed(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """The quoted words without surrounding spaces and the writer's trailing comma (or full stop)."""
    strip = TRAILING + ("." if kind == "partial" else "")
    while end > start and text[end - 1] in strip:
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _attribution(
    block: ParsedBlock,
    content: list[Token],
    before: list[Token],
    after: list[Token],
    kind: str,
    inside: set[int],
    actors: dict,
) -> Attribution | None:
    """The cue and speaker of a quote: the verb it hangs on, else one written before or after it."""
    region = {t.i for t in before} | {t.i for t in after}
    cue = _governing_cue(content, region)
    if cue is None:
        after_cues = [t for t in after if _is_cue(t)]
        before_cues = [t for t in before if _is_cue(t)]
        ordered = (before_cues[::-1] + after_cues) if kind == "partial" else (after_cues + before_cues[::-1])
        cue = ordered[0] if ordered else None
    if cue is not None:
        side = before if cue in before else after
        return _attribution_for_cue(block, cue, side, inside, actors)
    according = next((t for t in before + after if _is_according(t)), None)
    if according is not None:
        return _according_to(block, according)
    if kind == "direct" and before and before[-1].text == ":":
        return _colon_speaker(block, before[:-1]) or _subject_before_colon(block, before, actors)
    if kind == "direct" and after and after[0].text in DASHES:
        return _colon_speaker(block, _upto_comma(after[1:]))
    return None


def _upto_comma(tokens: list[Token]) -> list[Token]:
    """The tokens before the first comma (a byline's name before its description)."""
    for number, token in enumerate(tokens):
        if token.text == ",":
            return tokens[:number]
    return tokens


def _governing_cue(content: list[Token], region: set[int]) -> Token | None:
    """The nearest reporting verb above the quote in the parse, if it is in the quote's sentence."""
    inside = {t.i for t in content}
    best: tuple[int, Token] | None = None
    for token in content:
        head, depth = token.head, 0
        if head.i in inside or head is token:
            continue
        child = token
        while depth < MAX_CLIMB and head.i in region:
            if _is_cue(head):
                if child.dep_ in ("nsubj", "nsubjpass") and depth == 0:
                    break  # the quote is the cue's subject: a title, not what was said
                if best is None or depth < best[0]:
                    best = (depth, head)
                break
            if head.head is head:
                break
            child, head, depth = head, head.head, depth + 1
    return best[1] if best else None


def _is_cue(token: Token) -> bool:
    """A reporting verb used as a verb (not "so-called", "self-described")."""
    if (token.pos != VERB and token.pos != AUX) or token.lemma_.lower() not in cue_verbs():
        return False
    hyphen = token.doc[token.i - 1] if token.i > 0 else None
    return not (hyphen is not None and hyphen.text in ("-", "‐") and not hyphen.whitespace_)


def _is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(child.lower_ == "to" for child in token.children)


def _attribution_for_cue(block: ParsedBlock, cue: Token, side: list[Token], inside: set[int], actors: dict) -> Attribution:
    head = speaker_head(cue)
    if head is not None and (head.i in inside or head.ent_type_ in NOT_SPEAKER_ENTITIES or _is_dateline(head)):
        head = None
    if head is None:
        head = _nearby_speaker(cue, side, actors)
    return Attribution(_cue_span(cue), *_speaker(head))


def _according_to(block: ParsedBlock, according: Token) -> Attribution:
    """ "according to X": X speaks."""
    to = next(child for child in according.children if child.lower_ == "to")
    head = next((child for child in to.children if child.dep_ == "pobj"), None)
    return Attribution(according.doc[according.i : to.i + 1], *_speaker(head))


def _colon_speaker(block: ParsedBlock, tokens: list[Token]) -> Attribution | None:
    """ "Trump: 'We will win'" or "'…' ― Jane Doe": a short name next to the quote speaks."""
    words = _words(tokens)
    if not words or len(words) > MAX_COLON_SPEAKER:
        return None
    if not words[0].text[:1].isupper() or not any(
        actor_id_of(t) or t.pos_ == "PROPN" or t.ent_type_ in SPEAKER_ENTITIES or t.is_title for t in words
    ):
        return None
    span = block.doc[words[0].i : words[-1].i + 1]
    return Attribution(None, span, _actor_of_phrase(span, span.root))


def _subject_before_colon(block: ParsedBlock, before: list[Token], actors: dict) -> Attribution | None:
    """ "Obama is rolling out a new message: '…'": the subject of the clause the colon ends, if it can speak."""
    for token in reversed(before):
        if token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ == "nsubj" and c in before), None)
            if subject is not None and can_speak(subject, actors):
                return Attribution(None, *_speaker(subject))
    return None


def _cue_span(cue: Token) -> Span:
    """The cue as written, with an adjacent particle ("pointed out")."""
    end = cue.i + 1
    for child in cue.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return cue.doc[cue.i : end]


# ---------------------------------------------------------------------------------------------
# Speakers


def speaker_head(cue: Token) -> Token | None:
    """The word for who speaks: the cue's subject, else that of the verb or noun it depends on."""
    token = cue
    for _ in range(MAX_CLIMB):
        subject = next((c for c in token.children if c.dep_ in SPEAKER_DEPS), None)
        if subject is None and token is not cue and token.lemma_.lower() == "quote":
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            if subject.tag_ in RELATIVE_TAGS and token.dep_ == "relcl":
                return token.head
            return _speaking_part(subject)
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head  # "officials saying ...", "Zelensky alleging ..."
        if token.dep_ == "pcomp" and token.head.lower_ == "with":
            pobj = next((c for c in token.head.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            return None
        token = token.head
    return None


def _speaking_part(subject: Token) -> Token:
    """ "the election, Minyon Moore, …" parsed as one subject: the apposition that can speak."""
    if can_speak(subject):
        return subject
    for child in subject.rights:
        if child.dep_ == "appos" and can_speak(child):
            return child
    return subject


def _is_dateline(token: Token) -> bool:
    """ "WASHINGTON --" at the start of a paragraph is where, not who."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    opening = all(t.is_upper or t.is_punct or t.is_space for t in doc[: token.i + 1])
    return opening and following is not None and following.text in DASHES


def _nearby_speaker(cue: Token, side: list[Token], actors: dict) -> Token | None:
    """When the parse gave the cue no usable subject: the first word that can speak on the cue's
    side of the quote, before the cue ("Flynn, an adviser, said") or else after it ("Said Ellis")."""
    before = [t for t in side if t.i < cue.i]
    after = [t for t in side if t.i > cue.i]
    for token in before + after:
        if token.is_alpha and can_speak(token, actors):
            while token.dep_ in ("compound", "flat") and token.head in side and token.head.pos_ in ("PROPN", "NOUN"):
                token = token.head
            return token
    return None


def _speaker(head: Token | None) -> tuple[Span | None, str | None]:
    """The speaker phrase around its head word and the actor it refers to."""
    if head is None:
        return None, None
    span = speaker_phrase(head)
    return span, _actor_of_phrase(span, head)


def speaker_phrase(head: Token) -> Span:
    """The noun phrase of a speaker: titles and modifiers before it, no clauses or appositions after."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in SPEAKER_PHRASE_LEFT:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.i != end:
            continue
        of_phrase = child.dep_ == "prep" and child.lower_ == "of" and head.pos_ == "NOUN"  # "the head of the agency"
        if child.dep_ in SPEAKER_PHRASE_RIGHT or (of_phrase and not any(t.is_punct for t in child.subtree)):
            end = child.right_edge.i + 1
    actor = actor_id_of(head)
    while actor and end < len(doc) and actor_id_of(doc[end]) == actor:
        end += 1
    while actor and start > 0 and actor_id_of(doc[start - 1]) == actor:
        start -= 1
    marks = [t.i for t in doc[start:end] if MARK.fullmatch(t.text)]  # never reach into a quote
    start = max([start] + [i + 1 for i in marks if i < head.i])
    end = min([end] + [i for i in marks if i > head.i])
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return doc[head.i : head.i + 1]
    return doc[start:end]


def _actor_of_phrase(span: Span, head: Token) -> str | None:
    """The head's actor, else that of a name modifying it ("a Kremlin spokesman")."""
    if actor_id_of(head):
        return actor_id_of(head)
    for token in span:
        if actor_id_of(token) and token.head == head and token.dep_ in ("compound", "amod", "nmod"):
            return actor_id_of(token)
    return None


def can_speak(head: Token, document_actors: dict | None = None) -> bool:
    """A person, body, group or country (by actor, entity, pronoun or noun), not a report or a poll."""
    if head.ent_type_ in NOT_SPEAKER_ENTITIES or _is_dateline(head):
        return False
    actor = (document_actors or {}).get(actor_id_of(head)) if actor_id_of(head) else None
    if actor is not None:
        return actor.type in SPEAKER_ACTOR_TYPES
    if actor_id_of(head) and document_actors is None:
        return True
    return (
        head.ent_type_ in SPEAKER_ENTITIES
        or head.lower_ in SPEAKER_PRONOUNS
        or head.lemma_.lower() in speaker_nouns()
        or head.lower_ in speaker_nouns()
        or (head.pos_ == "PROPN" and head.text[:1].isupper())
    )


# ---------------------------------------------------------------------------------------------
# Reported (indirect) speech


def _reported_speech(block: ParsedBlock, segments: list[Segment], actors: dict) -> list[Quote]:
    """ "Putin insisted that …", "Russian officials claimed …", "…, Zelensky said": no quote marks."""
    doc = block.doc
    starts = [token.idx for token in tokens_of(doc)]
    inside = _inside_tokens(doc, starts, segments)
    found = []
    for token in tokens_of(doc):
        if token.i in inside:
            continue
        if _is_cue(token):
            clause = None if _negated(token) or _object_gap(token) else reported_clause(token)
            attribution = _cue_speaker(block, token, inside)
        elif _is_according(token):
            clause = _according_clause(token)
            attribution = _according_to(block, token)
        else:
            continue
        if clause is None or attribution.speaker is None or attribution.speaker.root.i in inside:
            continue
        if not can_speak(attribution.speaker.root, actors):
            continue
        clause = _trim_clause(clause)
        if clause is None or len(_words(list(clause))) < MIN_REPORTED_TOKENS or clause.start <= token.i < clause.end:
            continue
        if len(_words([t for t in clause if t.i not in inside])) < MIN_UNQUOTED_WORDS:
            continue  # a quote with "that" in front is the partial quote's business
        span = _closing_quotes(clause.start_char, clause.end_char, segments)
        if span is not None:
            found.append(Quote(block, "indirect", *span, attribution))
    return found


def _cue_speaker(block: ParsedBlock, cue: Token, inside: set[int]) -> Attribution:
    head = speaker_head(cue)
    if head is None or head.i in inside or _is_dateline(head):
        return Attribution(_cue_span(cue), None, None)
    return Attribution(_cue_span(cue), *_speaker(head))


def _negated(cue: Token) -> bool:
    return any(child.dep_ == "neg" for child in cue.children)


def _object_gap(cue: Token) -> bool:
    """ "everything Trump says is a lie", "the impact it said Clinton would have": what was said is the noun outside."""
    if cue.dep_ != "relcl":
        return False
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    return subject is None or subject.tag_ not in RELATIVE_TAGS


def _closing_quotes(start: int, end: int, segments: list[Segment]) -> tuple[int, int] | None:
    """The clause's character span, stretched to close a quote it opens; None if it starts inside one."""
    for seg in segments:
        if seg.open_start < start < seg.close_end:
            return None
        if start <= seg.open_start < end < seg.close_end:
            end = seg.close_end
    return start, end


def reported_clause(cue: Token) -> Span | None:
    """What a reporting verb reports: its clause complement (with or without "that")."""
    doc = cue.doc
    root = None
    for child in cue.children:
        if child.dep_ == "ccomp" or (child.dep_ == "advcl" and _has_mark(child, {"that"})):
            root = child
            break
        if child.dep_ == "dobj" and child.i > cue.i and _has_finite_clause(child):
            root = child
            break
    if root is None:
        return _clause_before(cue)
    if root.i < cue.i and not _reads_as_clause_before(root, cue):
        return None
    start, end = root.left_edge.i, _clause_end(root)
    if root.i > cue.i:
        for child in cue.rights:
            if child.dep_ == "conj" and child.i >= end and _has_mark(child, {"that"}) and not _is_cue(child):
                end = _clause_end(child)
    return doc[start:end]


def _has_mark(verb: Token, words: set[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in verb.children)


def _clause_end(root: Token) -> int:
    """Where a reported clause stops: before a reporting verb tacked onto it ("…, adding that", "and warned")."""
    end = root.right_edge.i + 1
    for child in root.rights:
        if child.dep_ in ("conj", "advcl") and _is_cue(child) and not any(c.dep_ == "nsubj" for c in child.children):
            cut = child.left_edge.i
            while cut > root.i + 1 and (root.doc[cut - 1].is_punct or root.doc[cut - 1].dep_ == "cc"):
                cut -= 1
            end = min(end, cut)
    return end


def _reads_as_clause_before(root: Token, cue: Token) -> bool:
    """ "Russia kept up its attacks, Zelensky said": a full clause, then a comma, then who said it."""
    doc = root.doc
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
        return False
    if _has_mark(root, SUBORDINATORS) or doc[root.left_edge.i].lower_ in SUBORDINATORS:
        return False
    between = doc[root.right_edge.i + 1 : cue.i]
    return bool(between) and (between[0].text in (",", "—", "–", "--") or MARK.fullmatch(between[0].text) is not None)


def _has_finite_clause(noun: Token) -> bool:
    """ "claimed [a drone attack set fire …]": the parser made the clause's subject an object."""
    return any(
        c.dep_ in ("acl", "relcl")
        and c.tag_ in FINITE_TAGS
        and c.i > noun.i
        and not any(g.dep_ in ("nsubj", "mark") or g.tag_ in RELATIVE_TAGS for g in c.children)
        for c in noun.children
    )


def _clause_before(cue: Token) -> Span | None:
    """ "Russia kept up its attacks, Zelensky said.": the parser hung the cue on the clause it reports."""
    if cue.dep_ not in ("parataxis", "ccomp", "conj") or cue.head.i >= cue.i:
        return None
    if any(child.dep_ in ("dobj", "ccomp", "xcomp") for child in cue.children):
        return None
    if not any(child.dep_ == "nsubj" for child in cue.children):
        return None
    head = cue.head
    if not _reads_as_clause_before(head, cue) and cue.doc[cue.left_edge.i - 1].text not in (",", "—", "–", "--"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children) or _has_mark(head, SUBORDINATORS):
        return None
    start, end = head.left_edge.i, cue.left_edge.i
    return cue.doc[start:end] if end > start else None


def _according_clause(according: Token) -> Span | None:
    """ "According to X, Russia launched …": the clause the phrase hangs on, minus the phrase."""
    head = according.head
    if head is according or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = according.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    left, right = according.left_edge.i, according.right_edge.i + 1
    before, after = doc[start:left], doc[right:end]
    if _words(list(before)) and _words(list(after)):
        return None  # "Russia, according to X, launched …": the clause is in two pieces
    return after if _words(list(after)) else before


def _trim_clause(clause: Span) -> Span | None:
    """Without a leading "that", commas, dashes or "and", nor trailing ones (quote marks stay)."""
    doc = clause.doc
    start, end = clause.start, clause.end
    while start < end and (
        _is_plain_punct(doc[start]) or doc[start].dep_ == "cc" or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")
    ):
        start += 1
    while end > start and (_is_plain_punct(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end] if end > start else None


def _is_plain_punct(token: Token) -> bool:
    return token.is_space or (token.is_punct and not MARK.search(token.text))
