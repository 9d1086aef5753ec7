"""Statistics: every figure in the text, with its value, qualifier, unit and subject.

Figures are found in the block text by character patterns: digits (with separators, decimals,
fractions, powers of ten), spelled-out numbers, scale words, currency signs and unit names, all
read from the rule files in etl/transform/data. spaCy's parse then says what a bare number counts
(the noun it modifies), what the figure is about, and who reported it. Dates, times, years,
ordinals, labels ("No. 5"), codes ("F-16") and numbers inside names are not statistics.

A number whose noun is left out takes its unit from the words around it: a casualty verb counts
people ("wounded nine"), a partitive or an earlier count names the thing ("16 of the 36 launched"
after "missiles"). Ages ("Ivanov, 48,", "men aged 18 to 60") are years, a falling pair next to a
vote word is two vote tallies, and a bare "$" is the home dollar of a document about another dollar
country that never names its dollar explicitly.

The package reads in layers, each importing only those before it: lexicon (the data files), quantity
(a figure being read), units, numbers, ranges (and qualifiers), filters (what is no statistic),
counting (what a bare number counts), subjects (what a figure is about, who reported it), rows.
"""

from __future__ import annotations

from etl.transform.statistics.lexicon import can_be_negative, load_lexicon
from etl.transform.statistics.rows import extract_statistics

__all__ = ["can_be_negative", "extract_statistics", "load_lexicon"]
