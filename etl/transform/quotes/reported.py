"""Reported speech without quote marks: a reporting verb, the clause it reports and a speaker that can speak."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from etl import rules
from etl.transform.context import ParsedBlock, tokens_of
from etl.transform.gazetteer import DATA
from etl.transform.quotes.attribution import Quote, according_to, cue_speaker, is_according, is_cue
from etl.transform.quotes.marks import MARK, Segment, inside_tokens, word_tokens
from etl.transform.quotes.speakers import RELATIVE_TAGS, can_speak

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
MIN_REPORTED_TOKENS = 3
MIN_UNQUOTED_WORDS = 2


@cache
def subordinators() -> frozenset[str]:
    """Words that open a subordinate clause, from data/quote_subordinators.txt."""
    return rules.words(DATA / "quote_subordinators.txt")


def reported_speech(block: ParsedBlock, segments: list[Segment], actors: dict) -> list[Quote]:
    """ "Putin insisted that …", "Russian officials claimed …", "…, Zelensky said": no quote marks."""
    doc = block.doc
    starts = [token.idx for token in tokens_of(doc)]
    inside = inside_tokens(doc, starts, segments)
    found = []
    for token in tokens_of(doc):
        if token.i in inside:
            continue
        if is_cue(token):
            clause = None if _negated(token) or _object_gap(token) else reported_clause(token)
            attribution = cue_speaker(block, token, inside)
        elif is_according(token):
            clause = _according_clause(token)
            attribution = according_to(block, token)
        else:
            continue
        if clause is None or attribution.speaker is None or attribution.speaker.root.i in inside:
            continue
        if not can_speak(attribution.speaker.root, actors):
            continue
        clause = _trim_clause(clause)
        if clause is None or len(word_tokens(list(clause))) < MIN_REPORTED_TOKENS or clause.start <= token.i < clause.end:
            continue
        if len(word_tokens([t for t in clause if t.i not in inside])) < MIN_UNQUOTED_WORDS:
            continue  # a quote with "that" in front is the partial quote's business
        span = _closing_quotes(clause.start_char, clause.end_char, segments)
        if span is not None:
            found.append(Quote(block, "indirect", *span, attribution))
    return found


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
            if child.dep_ == "conj" and child.i >= end and _has_mark(child, {"that"}) and not is_cue(child):
                end = _clause_end(child)
    return doc[start:end]


def _has_mark(verb: Token, words: set[str] | frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in verb.children)


def _clause_end(root: Token) -> int:
    """Where a reported clause stops: before a reporting verb tacked onto it ("…, adding that", "and warned")."""
    end = root.right_edge.i + 1
    for child in root.rights:
        if child.dep_ in ("conj", "advcl") and is_cue(child) and not any(c.dep_ == "nsubj" for c in child.children):
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
    if _has_mark(root, subordinators()) or doc[root.left_edge.i].lower_ in subordinators():
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
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children) or _has_mark(head, subordinators()):
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
    if word_tokens(list(before)) and word_tokens(list(after)):
        return None  # "Russia, according to X, launched …": the clause is in two pieces
    return after if word_tokens(list(after)) else before


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
