"""Extract: find input files, decode them, split each document into blocks with offsets, and mark repeats
(inside a document, across documents) and boilerplate; merge what was read with what is published."""
