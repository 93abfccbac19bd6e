"""Function-word typos that the grammar around them decides, and function words it confirms.

Fixes (each a position and the character it should be):
- 的 -> 得 between a verb and its degree or potential complement (做的比较宽松, 写的清清楚楚,
  穿的下吗); after a pronoun and before a degree adverb 的 may end a noun phrase (我买的很好看)
  and is left alone;
- 在 -> 再 where 在 cannot be the preposition or the progressive: before a verb after a future time
  (明天在说, 下次在来), after a finished action (到了在联系), after 先 (先确认在发货) or
  after "no need" (不用在考虑了, 别在催了), in 在问也没用, and in 不能在少了;
- 以 -> 已 before a finished action when 以 is not part of a word with the character before it
  (订单以发货, 以签收; not 可以发货);
- 以下 -> 一下 after a verb that takes 一下 (帮您查以下物流);
- 吗 -> 码 in size advice (拍大一吗哦, 选小半吗).
`settled` marks the 再 and 已 that these patterns show to be right (再拍, 已为您), so the
candidate model does not "fix" them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Verbs that take a degree or potential complement with 得 (写得清楚, 穿得下).
COMPLEMENT_VERBS = frozenset(
    "做写穿洗显说讲长跑吃睡卖变弄搞装修改拍画织缝剪晒看听想用放搭配涨降收送走玩学记算擦刷贴住站坐戴压折叠缩跟办煮炒烤蒸"
) | frozenset({"处理", "包装", "打包", "设计", "解释", "回答", "回复", "安排", "保存", "清洗", "发展", "搭配", "准备"})
DEGREE_WORDS = tuple("很 非常 比较 特别 挺 太 十分 更 超 相当 蛮 有点 这么 那么 越来越".split())
QUANTITIES = ("很多", "很少", "更多", "太多")  # 卖的很多: how many were sold, not how well
POTENTIAL_COMPLEMENTS = frozenset("下完动到见及起着清懂住开进")
NOT_REDUPLICATED = frozenset("下上一")  # 下下周, 一一: not an adjective doubled
DE_WORD_VERBS = frozenset("显觉记值舍免")  # 显得, 觉得: 的 after them is a typo unless they end another word
DE_VERBS = COMPLEMENT_VERBS | DE_WORD_VERBS
PRONOUNS = frozenset("我你您他她它们咱家")  # before the verb: 的 may end a noun phrase (我买的很好看)
CLAUSE_END = frozenset("吗呢哦啊吧哈呀嘛的啦")

# Verbs that 再 (again, then) comes before; 在 before them is not a preposition.
REPEAT_VERBS = frozenset(
    [*"说来问买发看试聊拍补给退换寄找选订送催等改查谈"]
    + "联系 下单 处理 安排 确认 回复 商量 考虑 决定 光临 申请 提交 核实 购买".split()
    + "发货 退货 退款 付款 拍下 收货 签收 评价 咨询 沟通 补发 打扰 犹豫 纠结 担心 操心 等待".split()
)
LESS_WORDS = frozenset({"少", "多", "降", "减", "便宜", "低", "优惠", "让", "加"})  # 不能再少了
AGAIN_WORDS = REPEAT_VERBS | LESS_WORDS
FUTURE_TIMES = tuple("明天 后天 下次 以后 回头 晚点 稍后 改天 等会 待会 过几天 过两天 下回 到时候 明早 之后".split())
NEGATIONS = ("不能", "不要", "别", "不用", "不会", "没法", "不好", "不可能", "无法")
NO_NEED = ("不用", "不要", "别", "不必", "无需", "没必要")  # 不用在考虑了: no need to do it again
LOCATIVE_AFTER = frozenset("前后时中之期")  # 在发货前: 在 is the preposition after all

# Finished actions 已 comes before.
DONE_VERBS = frozenset(
    "发 发货 发出 到 到达 签收 收到 经 处理 安排 退款 退回 提交 备注 修改 改 通知 核实".split()
    + "补发 寄出 完成 付款 揽收 取消 申请 登记 同意 拦截 退 出库 打包 确认 更新 上传 下单".split()
    + "入境 出境 清关 派送 派件 到货 到账 发往 受理 退还 寄回 入库 补寄 重发 生效 售罄 送达".split()
)
AFTER_DONE_YI = DONE_VERBS | {"为您"}  # 已为您申请
# Verbs 一下 follows; 以下 (the following) after them is a typo.
ONCE_VERBS = frozenset(
    [*"查问等试催改核说拍发聊讲想帮"] + "确认 核实 登记 反馈 稍等 核对 联系 处理 检查 催促 备注".split()
)

SIZE_STEPS = ("大一", "小一", "大半", "小半", "大两", "小两", "大个", "小个")  # 拍大一码

MAX_PATTERN_LEN = 3  # the longest word of the lists above that is looked up by position

_AS_THE_STANDARD = re.compile(r"为(?:准|主|例|由|依据|标准|单位)")
_CLAUSE = re.compile(r"[^，。！？!?,；;～~\s]+")


def _starts_with(text: str, position: int, words: frozenset[str]) -> str | None:
    """The longest of `words` (of at most MAX_PATTERN_LEN characters) that `text` has at `position`."""
    for length in range(MAX_PATTERN_LEN, 0, -1):
        if text[position : position + length] in words:
            return text[position : position + length]
    return None


def _ends_with(text: str, end: int, words: frozenset[str]) -> str | None:
    """The longest of `words` (of at most MAX_PATTERN_LEN characters) that `text` has just before `end`."""
    for length in range(min(MAX_PATTERN_LEN, end), 0, -1):
        if text[end - length : end] in words:
            return text[end - length : end]
    return None


def _longest_word(text: str, position: int, freq: Mapping[str, int], limit: int = 4) -> str:
    """The longest dictionary word of `text` starting at `position` (the character itself if none)."""
    for end in range(min(len(text), position + limit), position + 1, -1):
        if freq.get(text[position:end]):
            return text[position:end]
    return text[position : position + 1]


class FunctionWords:
    """The grammar patterns over one dictionary (word -> frequency, to tell 可以 from 以)."""

    def __init__(self, freq: Mapping[str, int]) -> None:
        self.freq = freq

    def fixes(self, text: str) -> list[tuple[int, str]]:
        """`(position, right character)` of the wrong 的, 在, 以 and 吗 of `text`."""
        found = []
        for clause in _CLAUSE.finditer(text):
            start, part = clause.start(), clause.group()
            for offset, char in enumerate(part):
                right = None
                if char == "的":
                    right = "得" if self._complement_de(part, offset) else None
                elif char == "在":
                    right = "再" if self._again_zai(part, offset) else None
                elif char == "以":
                    right = self._yi(part, offset)
                elif char == "吗":
                    right = "码" if part.endswith(SIZE_STEPS, 0, offset) else None
                if right:
                    found.append((start + offset, right))
        return found

    def settled(self, text: str) -> list[bool]:
        """True at each 再 before a verb it modifies and each 已 before a finished action."""
        mask = [False] * len(text)
        for position, char in enumerate(text):
            if char == "再" and _starts_with(text, position + 1, AGAIN_WORDS):
                mask[position] = True
            elif char == "已" and _starts_with(text, position + 1, AFTER_DONE_YI):
                mask[position] = True
        return mask

    def _complement_de(self, clause: str, position: int) -> bool:
        """的 between a verb and a degree word, a reduplicated adjective or a potential complement."""
        verb = _ends_with(clause, position, DE_VERBS)
        if not verb:
            return False
        before = position - len(verb)
        if len(verb) == 1 and before > 0 and self.freq.get(clause[before - 1 : position]):
            return False  # the verb is the end of another word (好看的, 小说的)
        rest = clause[position + 1 :]
        if verb in DE_WORD_VERBS:
            return True
        if rest[:1] in POTENTIAL_COMPLEMENTS and (len(rest) == 1 or rest[1] in CLAUSE_END):
            return True  # 穿的下, 来的及吗
        if len(rest) >= 2 and rest[0] == rest[1] and rest[0] not in NOT_REDUPLICATED:
            return True  # 写的清清楚楚, 装的满满
        if not rest.startswith(DEGREE_WORDS) or rest.startswith(QUANTITIES):
            return False
        return before == 0 or clause[before - 1] not in PRONOUNS

    def _again_zai(self, clause: str, position: int) -> bool:
        """在 standing for 再: not part of a word with the character before, and before a verb in a repeat context."""
        if position and self.freq.get(clause[position - 1 : position + 1]):
            return False  # 现在, 正在, 还在, 不在
        verb = _starts_with(clause, position + 1, AGAIN_WORDS)
        if not verb:
            return False
        after = clause[position + 1 + len(verb) :]
        if after[:1] in LOCATIVE_AFTER:
            return False  # 在发货前
        if after[:1] in ("也", "都"):
            return True  # 在问也没用
        head = clause[:position]
        if verb in LESS_WORDS:
            return head.endswith(NEGATIONS) and after[:1] in ("了", "点", "一", "些")
        if head.endswith(NO_NEED):
            return True
        after_first_step = "先" in head[:-1] and not head.endswith("先")
        return any(t in head for t in FUTURE_TIMES) or head.endswith("了") or after_first_step

    def _yi(self, clause: str, position: int) -> str | None:
        """以 -> 已 before a finished action, 以下 -> 一下 after a verb taking 一下."""
        if position and self.freq.get(clause[position - 1 : position + 1]):
            return None  # 可以, 所以, 难以
        if _AS_THE_STANDARD.search(clause, position):
            return None  # 以收到的实物为准: 以 … 为准
        if clause.startswith("以下", position):
            return "一" if _ends_with(clause, position, ONCE_VERBS) else None
        word = _longest_word(clause, position + 1, self.freq)
        if word in DONE_VERBS:
            return "已"
        if word == "为" and position == 0 and clause.startswith("为您", position + 1):
            return "已"
        return None
