"""Format checks of the mood data: no training line is a near-duplicate of another mood line or of an evaluation line."""

from importlib import resources

from nlp.mood_training import CORPUS, parse_labelled
from nlp.normalize import normalize

NEAR = 0.8  # character-bigram Jaccard at or above which two lines count as the same review
EVALUATION = (
    "data/mood/dev.tsv",
    "data/mood/heldout.tsv",
    "data/mood/heldout_late.tsv",
    "data/mood/heldout_final.tsv",
    "data/mood/blind.tsv",
    "data/mood/reviews_heldout.tsv",
    "data/mood/voices_heldout.tsv",
    "data/mood/blind_dev.tsv",
    "data/mood/hard_a.tsv",
    "data/mood/hard_b.tsv",
)


def _texts(name: str) -> list[str]:
    raw = resources.files("nlp").joinpath(name).read_text("utf-8")
    return [text for text, _ in parse_labelled(raw, name)]


def _bigrams(text: str) -> frozenset[str]:
    text = normalize(text)
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset({text})


def _near_pairs(
    lines: list[tuple[str, str]], earlier: list[tuple[str, str]], within: bool = True
) -> list[tuple[str, str]]:
    """Pairs (line, line of `earlier`, or with `within` an earlier line of `lines`) at bigram Jaccard >= NEAR."""
    seen: list[tuple[str, frozenset[str]]] = []
    index: dict[str, list[int]] = {}

    def add(source: str, text: str) -> None:
        grams = _bigrams(text)
        for gram in grams:
            index.setdefault(gram, []).append(len(seen))
        seen.append((f"{source}: {text}", grams))

    for source, text in earlier:
        add(source, text)
    close: list[tuple[str, str]] = []
    for source, text in lines:
        grams = _bigrams(text)
        candidates = {i for gram in grams for i in index.get(gram, ())}
        close += [
            (f"{source}: {text}", seen[i][0])
            for i in sorted(candidates)
            if len(grams & seen[i][1]) / len(grams | seen[i][1]) >= NEAR
        ]
        if within:
            add(source, text)
    return close


def test_every_mood_data_file_parses_and_evaluation_files_are_not_trained_on():
    assert not set(EVALUATION) & set(CORPUS)
    for name in (*CORPUS, *EVALUATION):
        assert _texts(name), name


def test_the_newest_corpus_file_has_no_near_duplicates_of_any_mood_line():
    newest = CORPUS[-1]
    earlier = [(name, text) for name in (*EVALUATION, *CORPUS[:-1]) for text in _texts(name)]
    assert _near_pairs([(newest, text) for text in _texts(newest)], earlier) == []


def test_no_training_line_is_a_near_duplicate_of_an_evaluation_line():
    evaluation = [(name, text) for name in EVALUATION for text in _texts(name)]
    training = [(name, text) for name in CORPUS for text in _texts(name)]
    assert _near_pairs(training, evaluation, within=False) == []
