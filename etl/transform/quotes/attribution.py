"""Attribution: the cue verb, "according to" or colon that says who said a quote, and the records that carry it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.symbols import AUX, VERB
from spacy.tokens import Span, Token

from etl import rules
from etl.transform.context import ParsedBlock, actor_id_of
from etl.transform.gazetteer import DATA, cue_verbs
from etl.transform.quotes.marks import DASHES, word_tokens
from etl.transform.quotes.speakers import (
    MAX_CLIMB,
    SPEAKER_ENTITIES,
    actor_of_phrase,
    can_speak,
    is_dateline,
    is_not_speaker_entity,
    nearby_speaker,
    speaker_head,
    speaker_of,
    subject_of,
)

MAX_COLON_SPEAKER = 6
MAX_LABEL_WORDS = 3


@cache
def heading_words() -> frozenset[str]:
    """Capitalised words that head a quoted paragraph without naming a speaker, from data/quote_heading_words.txt."""
    return rules.words(DATA / "quote_heading_words.txt")


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


def quote_attribution(
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
    if cue is not None and _mute_cue(cue):
        cue = _speaking_cue_after(cue, before) or cue
    if cue is None:
        after_cues = [t for t in after if is_cue(t)]
        before_cues = [t for t in before if is_cue(t)]
        ordered = (before_cues[::-1] + after_cues) if kind == "partial" else (after_cues + before_cues[::-1])
        ordered = [t for t in ordered if not _mute_subject(t)] + [t for t in ordered if _mute_subject(t)]
        cue = ordered[0] if ordered else None
    if cue is not None:
        side = before if cue in before else after
        return _attribution_for_cue(block, cue, side, inside, actors)
    according = next((t for t in before + after if is_according(t)), None)
    if according is not None:
        return according_to(block, according)
    if kind == "direct" and before and before[-1].text == ":":
        return _colon_speaker(block, before[:-1]) or _subject_before_colon(block, before, actors)
    if kind == "direct" and dash_after(after):
        return _colon_speaker(block, _upto_comma(after[1:] if after[0].text in DASHES else after))
    return None


def dash_after(after: list[Token]) -> bool:
    """ "…” ― Jane Doe": a dash sets the words after the quote off as its speaker, alone or kept on the closing
    mark by the tokenizer ("”―")."""
    if not after:
        return False
    closing = after[0].doc[after[0].i - 1] if after[0].i > 0 else None
    glued = closing is not None and len(closing.text) > 1 and closing.text.endswith(tuple(DASHES))
    return after[0].text in DASHES or glued


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
            if is_cue(head) and not _mute_subject(head):
                if child.dep_ in ("nsubj", "nsubjpass") and depth == 0:
                    break  # the quote is the cue's subject: a title, not what was said
                if best is None or depth < best[0]:
                    best = (depth, head)
                break
            if head.head is head:
                break
            child, head, depth = head, head.head, depth + 1
    return best[1] if best else None


def _mute_subject(cue: Token) -> bool:
    """ "Wong said the meeting had emphasised '…'": a cue whose subject cannot speak reports for the cue above it."""
    subject = subject_of(cue)
    return subject is not None and cue.dep_ == "ccomp" and not can_speak(subject)


def _mute_cue(cue: Token) -> bool:
    """ "The spot concludes with …": a reporting verb whose own subject cannot speak."""
    subject = subject_of(cue)
    return subject is not None and not can_speak(subject)


def _speaking_cue_after(cue: Token, before: list[Token]) -> Token | None:
    """ "The spot concludes with footage of Trump saying, '…'": the nearest reporting verb between a mute cue and
    the quote whose subject can speak says it."""
    for token in reversed(before):
        if token.i > cue.i and is_cue(token) and not _mute_cue(token):
            head = speaker_head(token)
            if head is not None and can_speak(head):
                return token
    return None


def is_cue(token: Token) -> bool:
    """A reporting verb used as a verb (not "so-called", "self-described")."""
    if (token.pos != VERB and token.pos != AUX) or token.lemma_.lower() not in cue_verbs():
        return False
    hyphen = token.doc[token.i - 1] if token.i > 0 else None
    return not (hyphen is not None and hyphen.text in ("-", "‐") and not hyphen.whitespace_)


def is_according(token: Token) -> bool:
    """ "according" with its "to": the source of what follows or precedes is named."""
    return token.lower_ == "according" and any(child.lower_ == "to" for child in token.children)


def _attribution_for_cue(block: ParsedBlock, cue: Token, side: list[Token], inside: set[int], actors: dict) -> Attribution:
    """The cue's subject as the speaker, else the first word that can speak on the quote's side of the cue."""
    head = speaker_head(cue)
    if head is not None and (head.i in inside or is_not_speaker_entity(head) or is_dateline(head)):
        head = None
    if head is None:
        head = nearby_speaker(cue, side, actors)
    if head is None and cue.tag_ == "VBG":
        head = _sentence_subject(cue, inside, actors)
    return Attribution(_cue_span(cue), *speaker_of(head))


def _sentence_subject(participle: Token, inside: set[int], actors: dict) -> Token | None:
    """ "Trump hardly clarified it, … and, when asked, asserting, '…'": a participle the parse lost (hung inside a
    quote) has the subject that opens its sentence, outside the quotes, if it can speak."""
    for token in participle.sent:
        if token.i >= participle.i:
            return None
        if token.dep_ == "nsubj" and token.i not in inside:
            return token if can_speak(token, actors) else None
    return None


def cue_speaker(block: ParsedBlock, cue: Token, inside: set[int]) -> Attribution:
    """The cue and its parsed subject only (no guess nearby): who reports a clause or speaks outside quotes."""
    head = speaker_head(cue)
    if head is None or head.i in inside or is_dateline(head):
        return Attribution(_cue_span(cue), None, None)
    return Attribution(_cue_span(cue), *speaker_of(head))


def according_to(block: ParsedBlock, according: Token) -> Attribution:
    """ "according to X": X speaks."""
    to = next(child for child in according.children if child.lower_ == "to")
    head = next((child for child in to.children if child.dep_ == "pobj"), None)
    return Attribution(according.doc[according.i : to.i + 1], *speaker_of(head))


def _colon_speaker(block: ParsedBlock, tokens: list[Token]) -> Attribution | None:
    """ "Trump: 'We will win'" or "'…' ― Jane Doe": a short name next to the quote speaks."""
    words = word_tokens(tokens)
    if not words or len(words) > MAX_COLON_SPEAKER:
        return None
    if not words[0].text[:1].isupper() or not any(
        actor_id_of(t) or t.pos_ == "PROPN" or t.ent_type_ in SPEAKER_ENTITIES or t.is_title for t in words
    ):
        return None
    span = block.doc[words[0].i : words[-1].i + 1]
    return Attribution(None, span, actor_of_phrase(span, span.root))


def transcript_label(content: list[Token], actors: dict) -> tuple[Attribution, int] | None:
    """ "PENCE: Well, look, …" opening a transcript's quoted paragraph: the name in capitals before the colon
    speaks; with the character offset where the spoken words start. A heading ("VIDEO: …") names nobody."""
    colon = next((number for number, t in enumerate(content[: MAX_LABEL_WORDS + 2]) if t.text == ":"), None)
    if colon is None or not word_tokens(content[colon + 1 :]):
        return None
    label = content[:colon]
    if not label or len(word_tokens(label)) != len(label) or len(label) > MAX_LABEL_WORDS:
        return None
    if not all(t.text.rstrip(".").isalpha() and t.text.isupper() for t in label):
        return None
    if label[-1].lower_ in heading_words():
        return NO_ATTRIBUTION, content[0].idx
    span = label[0].doc[label[0].i : label[-1].i + 1]
    actor = actor_of_phrase(span, span.root) or _person_by_surname(label[-1].text, actors)
    return Attribution(None, span, actor), content[colon].idx + 1


def _person_by_surname(surname: str, actors: dict) -> str | None:
    """The one person of the document whose name ends with this word, in any case ("PENCE" is Mike Pence)."""
    found = [a.actor_id for a in actors.values() if a.type == "person" and a.name.split()[-1].casefold() == surname.casefold()]
    return found[0] if len(found) == 1 else None


def _subject_before_colon(block: ParsedBlock, before: list[Token], actors: dict) -> Attribution | None:
    """ "Obama is rolling out a new message: '…'": the subject of the clause the colon ends, if it can speak."""
    for token in reversed(before):
        if token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ == "nsubj" and c in before), None)
            if subject is not None and can_speak(subject, actors):
                return Attribution(None, *speaker_of(subject))
    return None


def _cue_span(cue: Token) -> Span:
    """The cue as written, with an adjacent particle ("pointed out")."""
    end = cue.i + 1
    for child in cue.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return cue.doc[cue.i : end]
