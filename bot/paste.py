"""What an agent pastes: one or more buyer lines, optionally prefixed with the buyer's nickname."""

from __future__ import annotations

import re
from dataclasses import dataclass

# `昵称：消息` or `昵称: 消息`; the nickname has no spaces and is not a field label or a URL scheme.
_PREFIXED = re.compile(r"^([^\s：:]{1,32})\s*[：:]\s*(\S.*)$")
FIELD_LABELS = frozenset(
    "订单 订单号 单号 快递 快递单号 运单号 物流 手机 手机号 电话 联系电话 地址 收货地址 收件人 姓名 邮编 金额 价格 "
    "尺码 颜色 规格 型号 商品 宝贝 链接 备注 时间 日期 优惠券 发票 税号 问题 原因 补充 另外 还有 注意 ps".split()
)


@dataclass(frozen=True, slots=True)
class Paste:
    """The buyer's words as one conversation turn, and whose they are if the paste says so."""

    nickname: str | None
    text: str


def _split_prefix(line: str) -> tuple[str | None, str]:
    match = _PREFIXED.match(line)
    if match is None:
        return None, line
    name, rest = match.groups()
    if name.lower() in FIELD_LABELS or name.isdigit() or rest.startswith("//"):
        return None, line
    return name, rest


def parse_paste(raw: str, current_buyer: str | None = None) -> Paste:
    """Strip a nickname prefix shared by the pasted lines; lines become one turn joined by newlines.

    Lines naming different people (a chat log with both sides) are kept whole, and the
    buyer is then the one set with `/buyer` (`current_buyer`), if any.
    """
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    split = [_split_prefix(line) for line in lines]
    names = {name for name, _ in split if name is not None}
    if len(names) == 1:
        return Paste(names.pop(), "\n".join(rest for _, rest in split))
    return Paste(current_buyer, "\n".join(lines))
