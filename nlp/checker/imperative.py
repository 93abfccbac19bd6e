"""祈使句: clauses that order the buyer about instead of asking (cues in nlp/data/checker/imperative.txt)."""

from __future__ import annotations

import re

from nlp.checker.resources import alternation, data_sections
from nlp.checker.sentences import Segment, clauses, sentences
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

_CUES = data_sections("imperative.txt")
_OPENERS = re.compile(r"^(?:亲亲|亲爱的|亲|宝贝|宝|那你|那您|你|您|那就|那|就|现在|然后|另外|顺便|先|再)+")
_COMMAND = re.compile(r"^(?:" + alternation(_CUES["command"]).pattern + ")")
_PROHIBITION = re.compile(r"^(?:别|不要)")
_ALWAYS_COMMAND = re.compile(r"^(?:" + "|".join(p for p in _CUES["command"] if p.startswith(("别", "不要", "把"))) + ")")
_PRESSING = alternation(_CUES["pressing"])
_POLITE = alternation(_CUES["polite"])
_SOFTENER = alternation(_CUES["softener"], literal=True)  # 哦, 呢, ～, 即可…
_CLOSING = alternation(_CUES["closing"], literal=True)
_CONDITIONAL = alternation(_CUES["conditional"], literal=True)
_AGENT = alternation(_CUES["agent"], literal=True)
_MODAL = alternation(_CUES["modal"], literal=True)
_STATEMENT = re.compile(r"(?:了|过)$|过的$|^\w{1,6}?(?:不了|不到|才能|才会)|^\w{1,8}?就")
_TIME_CLAUSE = re.compile(r"^\w{1,6}?(?:的时候|时(?![间刻效长])|之前|以前|之后|以后|(?<![售稍然最落背])后(?![台面续天])|前)")
_SETS_TIME = re.compile(r"(?:的时候|(?<![随及同暂临平准按小当])时|之前|以前|之后|以后|(?<![售稍然最落背])后|(?<![往提])前)$")
_AGENT_AFTERWARDS = re.compile(r"(?:后|之后|以后|时|前|之前|流程|规定)[，,]?(?:" + _AGENT.pattern + ")")
_SEQUENCE = alternation(_CUES["sequence"])
MAX_SEQUENCE_LEAD = 8
_PRESSING_LEAD = re.compile(r"^(?:(?:你|您)?们?(?:要|应该|必须|得)(?!到)|马上|立刻|立即|赶紧|赶快|快点|快去|给我(?=[等看说听]))+")
_PRESSING_INSIDE = re.compile(r"必须|务必|(?<=现在)就")  # 今天必须下单 -> 方便今天下单吗？
_SETTLED_TAIL = re.compile(r"(?:就行|就好|就可以|就完事)了?$")
_THING_AFTER_AGENT = frozenset("单员柜号费盒袋箱站点消信")
_TOPIC_THEN_COMMAND = re.compile(r"^(.{0,6}?)(?:" + alternation(_CUES["tail"]).pattern + ")$")
_LONG_TOPIC_THEN_COMMAND = re.compile(r"^(.{0,12}?)(?:" + alternation(_CUES["far_tail"]).pattern + ")$")
_ACTION_ONCE = re.compile(r"^(.{0,8}?)(?:" + alternation(_CUES["once"]).pattern + ")")
_BUYER_SUBJECT = re.compile(r"^(?:你|您)")


_BUYER_AS_OBJECT = re.compile(r"^\w{0,4}[您你](?!那边|这边)")  # 马上联系你那边的师傅 orders
_ASKS = re.compile(r"(?:哪|什么|吗|么|呢|几|怎|多少|是否|谁|(\w)[不没]\1)\w*[？?][\W\s]*$")  # 你看看喜欢哪个？ asks


def _is_pressing(core: str) -> bool:
    """A pressing word aimed at the buyer (not "我马上帮您…", "到货马上通知您")."""
    match = _PRESSING.search(core)
    return (
        match is not None
        and not _AGENT.search(core[: match.start()])
        and not _BUYER_AS_OBJECT.match(core[match.end() :])
    )


def _opens_with_command(rest: str) -> bool:
    """A bare verb first, unless it only states a fact (发不了, 下单就送) or sets a time (下单的时候…, 确认收货后我们…).

    别…, 不要… and 把… are commands even when they end in 了 (别问了, 把钱付了).
    """
    if _ALWAYS_COMMAND.match(rest):
        return True
    command = _COMMAND.match(rest)
    return (
        command is not None
        and "的" not in rest[command.end() : command.end() + 2]  # 您拍下的两件… describes, not orders
        and not _STATEMENT.search(rest)
        and not _TIME_CLAUSE.match(rest)
        and not _AGENT_AFTERWARDS.search(rest)
    )


def _has_agent_subject(topic: str) -> bool:
    """The agent's side acts in `topic` (仓库…, 我们…), unless the word only qualifies a thing (快递单号, 系统消息)."""
    return any(topic[m.end() : m.end() + 1] not in _THING_AFTER_AGENT for m in _AGENT.finditer(topic))


def _buyer_acts_after(topic: re.Match[str]) -> bool:
    """What follows `topic` is the buyer's act: no agent acting in the topic (unless 你/您 takes over), no modal."""
    lead = topic.group(1)
    return (
        (_BUYER_SUBJECT.match(topic.string[topic.end(1) :]) is not None or not _has_agent_subject(lead))
        and not _MODAL.search(lead)
    )


def _closes_with_command(rest: str) -> bool:
    """A topic, then the verb the buyer should do (地址发一下, 快递单号填上, 发票自己去开, 快递来了你下楼签;
    after a long topic only strong tails: 罐底的批号拍给我), not a statement nor a time set for what follows
    (地址填写完整后，系统会…)."""
    if rest.endswith(("的", "了", "过")) or _SETS_TIME.search(rest):
        return False
    command = _TOPIC_THEN_COMMAND.match(rest) or _LONG_TOPIC_THEN_COMMAND.match(rest)
    return command is not None and _buyer_acts_after(command)


def _acts_once(rest: str) -> bool:
    """A buyer's action verb + 一下 after a short lead-in (收到书检查一下有没有破损), not a question."""
    action = _ACTION_ONCE.match(rest)
    return action is not None and _buyer_acts_after(action) and not _STATEMENT.search(rest[: action.end()])


def _is_command(core: str) -> bool:
    """A clause opening or closing with a bare verb aimed at the buyer (maybe after 收到货先…), not a statement."""
    rest = _OPENERS.sub("", core)
    if _opens_with_command(rest) or _closes_with_command(rest) or _acts_once(rest):
        return True
    return any(
        not _AGENT.search(rest[: sequence.start()])
        and not _MODAL.search(rest[: sequence.start()])
        and _opens_with_command(_OPENERS.sub("", rest[sequence.end() :]))
        for sequence in _SEQUENCE.finditer(rest, 0, MAX_SEQUENCE_LEAD + 4)
        if sequence.start() <= MAX_SEQUENCE_LEAD
    )


def _suggestion(original: Segment) -> str:
    """The segment turned into a polite question (or a gentle request for a prohibition)."""
    core = _PRESSING_INSIDE.sub("", _PRESSING_LEAD.sub("", _OPENERS.sub("", original.core))).replace("你", "您")
    if _PROHIBITION.match(core):
        return CHECKER_REWRITES["imperative_prohibition"].format(core=_PROHIBITION.sub("", core))
    return CHECKER_REWRITES["imperative_request"].format(core=_SETTLED_TAIL.sub("", core).rstrip("吧了啊"))


def imperative_finding(text: str, segment: Segment) -> Finding:
    """The warning for a commanding segment of `text`, suggesting a polite question instead."""
    original = Segment(segment.start, segment.end, text[segment.start : segment.end])
    return Finding("imperative", "warning", segment.start, segment.end, CHECKER_MESSAGES["imperative"],
                   _suggestion(original))


def find_imperatives(text: str, form: str) -> list[Finding]:
    """One warning per commanding clause of a sentence that has no polite marker.

    A bare verb clause is softened by a particle of its own (拍下后记得备注哦), by a
    closing word of its sentence (…，填写好退货单，取件就行了; not for 别…) or by a
    condition in its sentence (如果…，拍照给我们); pressing words (马上, 你必须…) are not.
    """
    findings = []
    for sentence in sentences(form):
        if _POLITE.search(sentence.text):
            continue
        parts = clauses(sentence)
        conditional = bool(_CONDITIONAL.search(sentence.text))
        closing = bool(parts and _CLOSING.search(parts[-1].text))
        for clause in parts:
            core = clause.core
            softened = (
                conditional
                or bool(_SOFTENER.search(clause.text))
                or (closing and not _PROHIBITION.match(_OPENERS.sub("", core)))
            )
            if _is_pressing(core) or (not softened and not _ASKS.search(clause.text) and _is_command(core)):
                findings.append(imperative_finding(text, clause))
    return findings
