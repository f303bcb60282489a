"""Regenerates the stopwords-iso and spaCy lists in this folder (not the Snowball ones, which
were transcribed from snowballstem.org, nor the Yiddish one, written for this project).

Usage (from a scratch folder):
    npm pack stopwords-iso@1.1.0 && tar xzf stopwords-iso-1.1.0.tgz
    pip download --no-deps spacy==3.8.18 && unzip -q spacy-3.8.18-*.whl 'spacy/lang/*'
    python3 make_lists.py OUT_DIR
Entries are NFC-normalized, lowercased, typographic apostrophes made ASCII, entries with spaces
dropped, then sorted.
"""
import json
import sys
import unicodedata

out = sys.argv[1].rstrip('/') + '/'


def clean(w):
    w = unicodedata.normalize('NFC', w.strip()).replace('\u2019', "'").replace('\u02bc', "'")
    return w.lower()


def write(name, words, header):
    ws = {clean(w) for w in words}
    ws = {w for w in ws if w and not any(c.isspace() for c in w)}
    with open(out + name + '.txt', 'w') as f:
        f.write(header)
        for w in sorted(ws):
            f.write(w + '\n')


iso = json.load(open('package/stopwords-iso.json'))
ISO = {'ar': 'arabic', 'hy': 'armenian', 'eu': 'basque', 'ca': 'catalan', 'cs': 'czech',
       'eo': 'esperanto', 'et': 'estonian', 'el': 'greek', 'hi': 'hindi', 'id': 'indonesian',
       'ga': 'irish', 'lt': 'lithuanian', 'fa': 'persian', 'pl': 'polish', 'ro': 'romanian',
       'tr': 'turkish'}
for code, name in ISO.items():
    write(name, iso[code],
          f"| {name.capitalize()} stopwords from stopwords-iso 1.1.0 (npm package stopwords-iso, MIT licence,\n"
          f"| (c) Gene Diaz); normalized by make_lists.py. See NOTICE.md.\n")

SERBIAN_LATIN = dict(zip('абвгдђежзијклљмнњопрстћуфхцчџш',
                         ['a', 'b', 'v', 'g', 'd', 'đ', 'e', 'ž', 'z', 'i', 'j', 'k', 'l', 'lj', 'm',
                          'n', 'nj', 'o', 'p', 'r', 's', 't', 'ć', 'u', 'f', 'h', 'c', 'č', 'dž', 'š']))
for code, name in {'ne': 'nepali', 'sr': 'serbian', 'ta': 'tamil'}.items():
    ns = {}
    exec(open(f'spacy/lang/{code}/stop_words.py').read(), ns)
    words = set(ns['STOP_WORDS'])
    extra = ''
    if code == 'sr':
        words |= {''.join(SERBIAN_LATIN.get(c, c) for c in w) for w in words}
        extra = '| Latin-script transliterations of every entry were added (Serbian is written in both scripts).\n'
    write(name, words,
          f"| {name.capitalize()} stopwords from spaCy 3.8.18 (spacy/lang/{code}/stop_words.py, MIT licence,\n"
          f"| (c) Explosion AI); normalized by make_lists.py. See NOTICE.md.\n" + extra)
