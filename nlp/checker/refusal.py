"""拒绝未致歉: turning the buyer down without an apology anywhere in the reply."""

from __future__ import annotations

import re

from nlp.checker.cold import WARMTH
from nlp.checker.resources import alternation, data_lines
from nlp.checker.rewrite import without_address
from nlp.checker.sentences import Segment, clauses, sentences
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

_REFUSAL = alternation(data_lines("refusal.txt"))
_EXEMPT = alternation(data_lines("refusal_exempt.txt"))
_APOLOGY = alternation(data_lines("apology.txt"), literal=True)
# A refusal about the price (not 评价, 价值, 多少, 折叠): the suggestion offers a small gift instead of a discount.
_PRICE = re.compile(r"便宜|优惠|(?<![评代])价(?!值)|少(?:点|一点|些|钱|个零)|(?<!对)折(?![叠腾])|贵|抹零")
_CONDITIONAL = re.compile(r"^(?:如果|若|要是|万一)")
_SERVICE = alternation(data_lines("refusal_service.txt"))
# The shop as the one who will not (我们不回收, 这边没法适配): a refusal, whatever the clause names.
_SHOP_AGENT = re.compile(r"我们|我这边|咱们|本店|小店|店里|商家")
_CLAUSE_EDGE = re.compile(r"[，,。.！!？?；;～~\s]")
_PARTICLES = re.compile(r"[哦喔呢啊呀的了啦吧亲哈]+$")
# A contrast announces an alternative without offering one; 另外 may only send the buyer elsewhere (您另外找找吧).
_NOT_OFFERS = frozenset({"不过", "但是", "但", "另外"})
_OFFER = re.compile(
    alternation([w for w in data_lines("alternative.txt") if w not in _NOT_OFFERS], literal=True).pattern
    + r"|满\d+|(?<!才)送|赠|包换|补发"  # 买正装才送 sets a condition, offers nothing
)
_NEGATION = re.compile(r"(?!不过)[不没无别]")
_ASKING_ONLY = re.compile(r"^\W*(?:亲|您看|你看|这样)*(?:可以|行|好)(?:吗|么|嘛)")  # 您看可以吗 alone offers nothing


def has_apology(form: str) -> bool:
    """Whether the reply apologises or shows sympathy somewhere."""
    return _APOLOGY.search(form) is not None


def _states_a_fact(sentence: str, refusal: re.Match[str]) -> bool:
    """A negation about the product (这款不支持无线充电哦), not turning down a request (不能改地址, 价格不能再降了,
    bare 不行哦, 我们没法适配): its clause names no service nor the shop, and something is negated."""
    edges = [m.start() for m in _CLAUSE_EDGE.finditer(sentence)]
    start = max((e + 1 for e in edges if e < refusal.start()), default=0)
    end = min((e for e in edges if e >= refusal.end()), default=len(sentence))
    negated = _PARTICLES.sub("", sentence[refusal.end() : end])
    clause = sentence[start:end]
    return bool(negated) and _SERVICE.search(clause) is None and _SHOP_AGENT.search(clause) is None


def refusals(form: str) -> list[Segment]:
    """Sentences of `form` that turn the buyer down (conditionals, kindly stated product facts and exempt wordings aside)."""
    warm = WARMTH.search(form) is not None
    found = []
    for sentence in sentences(form):
        masked = _EXEMPT.sub(lambda m: " " * len(m.group()), sentence.text)
        if _CONDITIONAL.match(sentence.text.lstrip("亲，, ")):
            continue
        if any(not (warm and _states_a_fact(masked, refusal)) for refusal in _REFUSAL.finditer(masked)):
            found.append(sentence)
    return found


def offers_alternative(form: str) -> bool:
    """A clause that neither refuses nor negates offers the buyer something else (不过满99就包邮啦, 您可以拒收后重新下单)."""
    return any(
        _OFFER.search(clause.text)
        and not _REFUSAL.search(clause.text)
        and not _NEGATION.search(clause.text)
        and not _ASKING_ONLY.match(clause.text)
        for sentence in sentences(form)
        for clause in clauses(sentence)
    )


def _suggestion(sentence: Segment, original: str) -> str:
    if _PRICE.search(sentence.text):
        return CHECKER_REWRITES["refusal_price"]
    address, core = without_address(original.rstrip("，,。.！!；;～~ "))
    return address + CHECKER_REWRITES["refusal_other"].format(core=core)


def says_no_politely(form: str) -> bool:
    """An apology anywhere: the shop rules ask for one with every refusal, alternative offered or not."""
    return has_apology(form)


def refusal_finding(text: str, sentence: Segment) -> Finding:
    """The warning for a refusing sentence of `text`, suggesting an apology and a way forward."""
    return Finding("refusal_without_apology", "warning", sentence.start, sentence.end,
                   CHECKER_MESSAGES["refusal_without_apology"], _suggestion(sentence, text[sentence.start : sentence.end]))


def find_refusals(text: str, form: str) -> list[Finding]:
    """One warning per refusing sentence when the reply does not say no politely."""
    if says_no_politely(form):
        return []
    return [refusal_finding(text, s) for s in refusals(form)]
