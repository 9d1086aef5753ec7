"""Extract: find input files, decode them, split each document into blocks with offsets."""
