#!/usr/bin/env python3
"""Writes analyzer/src/report_code.h: the Huffman code fast_deflate.c uses
for every block, made for report JSON, and the deflate block header that
describes it.  Run it from the repository root after changing the counts.

A report's literals are mostly English letters and digits, and its matches
have a few typical lengths and distances, so one code built in serves every
block: nothing is counted or built while compressing.  The counts below are
how often each symbol came out of fast_deflate (then with fixed codes) over
the reports of the articles in corpus/; one is added to each, so that every
byte, length and distance has a code whatever the input.  The codes are
limited to 12 bits, which lets the encoder put four literals in its 64-bit
accumulator between stores, and are complete prefix codes (deflate decoders
reject incomplete ones)."""

# literal/length symbols 0-285 (bytes, end of block, length codes)
LITLEN_COUNTS = [int(x) for x in """
0 0 0 0 0 0 0 0 0 0 187 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5012 4 4254
4 0 3 7 67 16 15 39 0 755 212 1343 28 767 897 790 559 451 990 368 458 452 296
871 9 7 6 7 6 0 33 18 22 14 24 30 4 21 159 6 3 18 38 23 19 23 5 24 49 88 8 1
45 2 4 0 23 78 250 0 133 0 2997 709 1424 1373 5759 993 1144 1421 2794 58 475
1601 1178 3112 3123 949 72 2942 2858 4410 1133 467 774 159 776 13 18 0 534 0 0
99 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 0 0 0 0 85 0 0 6 6 0 0 0 0 0 0 0 0
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 99 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
0 0 0 0 0 0 0 0 0 0 0 0 6 0 0 0 0 0 101 961 566 175 218 162 201 538 254 392
230 324 103 104 138 145 71 63 25 48 7 6 1 0
""".split()]
# distance codes 0-29
DIST_COUNTS = [int(x) for x in """
0 0 0 0 0 0 0 0 0 1 1 16 225 222 248 440 384 506 489 341 418 229 279 184 314
185 133 97 76 45
""".split()]

MAX_BITS = 12
# the order in which the code length code's lengths are sent (RFC 1951 3.2.7)
CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]


def limited_lengths(counts, limit):
    """Optimal code lengths of at most `limit` bits (package-merge); symbols
    with a count of zero get no code."""
    leaves = sorted((c, [i]) for i, c in enumerate(counts) if c > 0)
    if len(leaves) == 1:
        return [1 if c > 0 else 0 for c in counts]
    assert len(leaves) <= 1 << limit
    items = leaves
    for _ in range(limit - 1):
        packages = [(items[j][0] + items[j + 1][0], items[j][1] + items[j + 1][1])
                    for j in range(0, len(items) - 1, 2)]
        items = sorted(leaves + packages, key=lambda x: x[0])
    lengths = [0] * len(counts)
    for _, symbols in items[:2 * len(leaves) - 2]:
        for s in symbols:
            lengths[s] += 1
    assert sum(2.0 ** -n for n in lengths if n) == 1.0  # complete
    assert max(lengths) <= limit
    return lengths


def canonical_codes(lengths):
    """RFC 1951 3.2.2: codes from lengths, most significant bit first."""
    count = [0] * 16
    for n in lengths:
        if n:
            count[n] += 1
    code, next_code = 0, [0] * 16
    for bits in range(1, 16):
        code = (code + count[bits - 1]) << 1
        next_code[bits] = code
    codes = [0] * len(lengths)
    for s, n in enumerate(lengths):
        if n:
            codes[s] = next_code[n]
            next_code[n] += 1
    return codes


class Bits:
    """Deflate's bit order: values from their least significant bit, Huffman
    codes from their most significant."""

    def __init__(self):
        self.bits = []

    def value(self, v, n):
        self.bits += [(v >> i) & 1 for i in range(n)]

    def huffman(self, code, n):
        self.bits += [(code >> (n - 1 - i)) & 1 for i in range(n)]

    def to_bytes(self):
        out = bytearray((len(self.bits) + 7) // 8)
        for i, b in enumerate(self.bits):
            out[i // 8] |= b << (i % 8)
        return bytes(out)


def run_length(lengths):
    """The lengths as code length symbols: (symbol, extra value, extra bits);
    a run of one length goes as the length and then repeats (16)."""
    out, i = [], 0
    while i < len(lengths):
        v, j = lengths[i], i
        while j < len(lengths) and lengths[j] == v:
            j += 1
        assert v > 0  # every symbol has a code here
        out.append((v, 0, 0))
        left = j - i - 1
        while left >= 3:
            k = min(6, left)
            out.append((16, k - 3, 2))
            left -= k
        out += [(v, 0, 0)] * left
        i = j
    return out


def main():
    assert len(LITLEN_COUNTS) == 286 and len(DIST_COUNTS) == 30
    litlen = limited_lengths([c + 1 for c in LITLEN_COUNTS], MAX_BITS)
    dist = limited_lengths([c + 1 for c in DIST_COUNTS], MAX_BITS)
    symbols = run_length(litlen + dist)
    cl_counts = [0] * 19
    for s, _, _ in symbols:
        cl_counts[s] += 1
    cl_lengths = limited_lengths(cl_counts, 7)
    cl_codes = canonical_codes(cl_lengths)
    hclen = 19
    while hclen > 4 and cl_lengths[CL_ORDER[hclen - 1]] == 0:
        hclen -= 1

    header = Bits()
    header.value(len(litlen) - 257, 5)   # HLIT
    header.value(len(dist) - 1, 5)       # HDIST
    header.value(hclen - 4, 4)           # HCLEN
    for s in CL_ORDER[:hclen]:
        header.value(cl_lengths[s], 3)
    for s, extra, n in symbols:
        header.huffman(cl_codes[s], cl_lengths[s])
        header.value(extra, n)
    data = header.to_bytes()

    def table(name, values, per_line=16):
        rows = [", ".join(str(v) for v in values[k:k + per_line])
                for k in range(0, len(values), per_line)]
        return ["static const unsigned char %s[%d] = {" % (name, len(values))] + \
               ["    %s," % r for r in rows] + ["};"]

    out = ["/* report_code.h - generated by analyzer/tools/gen_report_code.py: do",
           " * not edit.  The Huffman code fast_deflate.c uses for report JSON:",
           " * the bit length of each literal/length and distance code (the codes",
           " * themselves follow from them, RFC 1951 3.2.2), and the dynamic block",
           " * header that describes them, its bits from the least significant of",
           " * the first byte, to be sent after BFINAL and BTYPE. */",
           "#define RC_MAX_BITS %d" % MAX_BITS,
           "#define RC_HEADER_BITS %d" % len(header.bits),
           ""]
    out += table("rc_litlen_bits", litlen) + [""]
    out += table("rc_dist_bits", dist) + [""]
    out += table("rc_header", list(data), 12)
    with open("analyzer/src/report_code.h", "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
