"""Every Chinese string the knowledge base shows to people, in one place."""

TIER_NAMES: dict[str, str] = {
    "blue": "蓝色·潜在客户",
    "green": "绿色·优质客户",
    "yellow": "黄色·议价客户",
    "orange": "橙色·棘手客户",
    "black": "黑色·黑名单",
}

TIER_SOURCE_NAMES: dict[str, str] = {
    "rule": "按规则",
    "manual": "人工设定",
}

ROLE_NAMES: dict[str, str] = {
    "agent": "客服",
    "supervisor": "主管",
    "admin": "管理员",
}

TEMPLATE_STATUS_NAMES: dict[str, str] = {
    "pending": "待审核",
    "live": "已上线",
    "retired": "已停用",
}

BUYER_EVENT_NAMES: dict[str, str] = {
    "purchased": "下单购买",
    "bargained": "议价",
    "tricky": "棘手行为",
    "bad_review": "差评",
    "refused_review_change": "拒绝修改差评",
    "blacklisted": "拉黑",
    "tier_override": "人工调整等级",
}

REVIEW_RATING_NAMES: dict[str, str] = {
    "good": "好评",
    "neutral": "中评",
    "bad": "差评",
}

# Neutral wording used when a placeholder has no value, so a reply never shows a raw `{name}`.
# Ids have none: templates write them as `订单{order_id}`, which reads well without the id.
PLACEHOLDER_FALLBACKS: dict[str, str] = {
    "shop": "本店",
    "buyer": "亲",
    "product": "这款宝贝",
    "price": "页面显示的价格",
    "shipping_fee": "页面显示的运费",
    "free_shipping_threshold": "店铺包邮门槛",
    "return_days": "规定天数",
    "order_id": "",
    "tracking_no": "",
    "gift": "一份小礼品",
    "shipping_discount": "一点运费",
    "price_discount": "一点差价",
}

CONCESSION_NAMES: dict[str, str] = {
    "gift": "赠送小礼品",
    "shipping_discount": "运费优惠",
    "price_step": "小幅让价",
}

REASONS: dict[str, str] = {
    "intent": "意图匹配：{intent}（{fit:.0%}）",
    "tier": "适合{tier}",
    "tier_generic": "通用话术",
    "similarity": "与买家消息相似（{value:.0%}）",
    "usage": "同类消息中被采用 {count} 次",
    "concession": "议价第 {step} 次：{concession}",
}

ERRORS: dict[str, str] = {
    "stale_edit": "话术 #{template_id} 已被他人修改（您编辑的是版本 {expected}，已不是最新版本），本次修改未保存，请刷新后重新编辑。",
    "template_not_found": "找不到话术 #{template_id}。",
    "revision_not_found": "找不到修订记录 #{revision_id}。",
    "buyer_not_found": "找不到买家“{nickname}”。",
    "message_not_found": "找不到消息 #{message_id}。",
    "suggestion_not_found": "消息 #{message_id} 没有第 {number} 条建议。",
    "not_pending": "修订 #{revision_id} 不在待审核状态。",
    "needs_supervisor": "该操作需要主管或管理员权限。",
    "checker_warnings": "话术未通过回复检查：{warnings}。如确需保存，请由主管填写理由后强制保存。",
    "override_needs_reason": "强制保存必须填写理由。",
    "unknown_placeholder": "未知的占位符 {{{name}}}，可用的占位符：{known}。",
    "bad_placeholder": "占位符写法不正确：“{text}”，请使用 {{名称}} 的形式。",
    "empty_field": "不能为空。",
    "too_long": "过长（最多 {limit} 个字符）。",
    "unknown_intent": "未知的意图“{value}”。",
    "unknown_tier": "未知的客户等级“{value}”。",
    "unknown_status": "未知的状态“{value}”。",
    "unknown_role": "未知的角色“{value}”。",
    "unknown_event": "未知的买家事件“{value}”。",
    "unknown_rating": "未知的评价“{value}”，可选：好评 good、中评 neutral、差评 bad。",
    "review_not_found": "找不到评价 #{review_id}。",
    "not_bad_review": "评价 #{review_id} 不是差评，无需跟进修改。",
    "bad_number": "“{value}”不是有效的数字。",
    "duplicate_key": "编号“{value}”在文件中重复出现。",
    "row_error": "第 {row} 行，字段“{field}”：{message}",
    "file_format": "无法识别的文件格式“{suffix}”，请使用 .yaml、.yml 或 .csv 文件。",
    "file_unreadable": "无法读写文件：{reason}",
    "file_structure": "文件结构不正确：{reason}",
    "missing_columns": "文件结构不正确：缺少列：{columns}",
    "empty_file": "文件结构不正确：文件为空",
    "yaml_top_level": "文件结构不正确：顶层应包含 shop 和 templates 列表",
    "yaml_shop": "文件结构不正确：shop 应是键值对",
    "bad_days": "保留天数必须是正整数。",
    "database": "无法连接数据库：{reason}",
    "empty_message": "消息为空，请粘贴买家的消息。",
    # supervision (review queue, shop reviews)
    "already_reviewed": "这一项（#{item}）已由其他主管处理过，无需重复处理。",
    "bad_date": "“{value}”不是有效的日期，例如 2026-11-28 或 2026/11/28 14:30。",
    "needs_admin": "该操作需要管理员权限。",
    "cannot_deactivate_self": "不能停用自己的账号。",
    "staff_not_found": "找不到 Telegram ID 为 {telegram_id} 的员工。",
}

CLI: dict[str, str] = {
    "cli_staff_name": "命令行管理员",
}
