"""Every Chinese string of the Telegram bot and the terminal chat, in one place.

Tier and role names live in `knowledge.texts`, intent, mood, risk and rule names in `nlp.texts`.
"""

# settings ------------------------------------------------------------------------------------
SETTINGS_NO_TOKEN = (
    "未设置 BOT_TOKEN：请在环境变量或 .env 文件中填写从 @BotFather 获得的机器人令牌，"
    "例如 BOT_TOKEN=123456789:AAE…。不用 Telegram 也可以先运行 xiaoer chat 体验。"
)
SETTINGS_BAD_TOKEN = "BOT_TOKEN 格式不正确：应为“数字:字母数字串”，例如 123456789:AAE…，请到 @BotFather 重新复制。"
SETTINGS_BAD_IDS = "用户 ID 列表格式不正确：请用英文逗号分隔的数字，例如 12345,67890"
SETTINGS_BAD_TIMEZONE = "未知的时区“{value}”，例如 Asia/Shanghai"
SETTINGS_INVALID = "配置有误：{reasons}"
SETTINGS_BAD_TIMES = "检查时间“{value}”格式不正确：请用英文逗号分隔的 时:分，例如 08:00,13:30"
RUN_HELP = "启动 Telegram 机器人（长轮询）"
CHAT_HELP = "在终端里离线体验客服流程（无需 Telegram）"
RUN_STARTED = "店小二机器人已启动（@{username}），按 Ctrl-C 停止。"
RUN_STOPPED = "店小二机器人已停止。"
RUN_NETWORK_ERROR = "无法连接 Telegram 服务器：{reason}"
RUN_UNAUTHORIZED = "Telegram 拒绝了 BOT_TOKEN（令牌无效或已被撤销），请到 @BotFather 检查。"

# access and robustness -----------------------------------------------------------------------
NOT_REGISTERED = "抱歉，您还不是本店登记的客服人员，暂时无法使用。如需开通，请联系店铺管理员。"
NEEDS_SUPERVISOR = "抱歉，该操作需要主管或管理员权限。"
THROTTLED = "您发送得有点快，请稍等几秒再发，谢谢理解～"
TRY_AGAIN = "抱歉，系统暂时出了点问题，刚才的消息没有处理成功，请稍后重新发送一次。"
NON_TEXT = "目前只能处理文字消息：请把买家的话以文字粘贴过来，或发送 /help 查看用法。"
EDITED = "已收到修改后的消息。修改不会重新分析，如需分析请重新发送一次。"
UNKNOWN_COMMAND = "没有这个命令，发送 /help 查看可用命令。"
BUTTON_EXPIRED = "这个按钮已失效，请重新发送买家消息。"

# commands --------------------------------------------------------------------------------------
COMMANDS: dict[str, str] = {
    "help": "查看用法",
    "buyer": "买家档案或设定当前买家：/buyer 昵称",
    "check": "检查草稿回复：/check 草稿",
    "tier": "设定买家等级：/tier 昵称 颜色 原因",
    "kb": "话术库：查看、新增、修改、导入导出",
    "review": "复核队列：审核客服回复和话术修改",
    "reviews": "店铺评价：好评率、差评跟进、录入评价",
    "stats": "统计报表：/stats today|7d|30d",
    "staff": "员工管理：添加、改角色、停用",
}
COMMAND_ROLES: dict[str, str] = {
    "help": "agent",
    "buyer": "agent",
    "check": "agent",
    "tier": "supervisor",
    "kb": "agent",
    "review": "supervisor",
    "reviews": "supervisor",
    "stats": "supervisor",
    "staff": "admin",
}
START = "您好，{name}！我是店小二，您的客服助手。把买家的消息粘贴给我，我来分析意图、情绪和风险，并给出推荐回复。"
HELP_TITLE = "<b>店小二使用说明</b>（您的角色：{role}）"
HELP_USAGE = (
    "直接粘贴买家消息即可得到分析卡片；可写成“昵称：消息”标明买家，"
    "一次粘贴多行会作为同一轮对话一起分析。回复卡片发送您自己的草稿，即可检查措辞。"
)

# the answer card -----------------------------------------------------------------------------
CARD_INTENT = "意图：{intent}（置信度 {confidence:.0%}）"
CARD_NEEDS_HUMAN = "（把握不大，请人工确认）"
CARD_MOOD = "情绪：{mood}"
CARD_BUYER = "买家：{nickname} · {tier}"
CARD_NO_BUYER = "买家：未指定（可写成“昵称：消息”）"
CARD_RISK = "风险：{level}{signals}"
CARD_HIGH_RISK = "⚠ 风险：{reason}，请谨慎回复，必要时请主管介入。"
CARD_BLACK_TIER = "黑名单买家"
CARD_SUGGESTIONS = "推荐回复："
CARD_NO_SUGGESTIONS = "暂无合适的推荐回复，请人工回复。"
BUTTON_USE = "用第 {number} 条"
BUTTON_MORE = "换一批"
BUTTON_WRONG_INTENT = "意图不对"
BUTTON_FLAG = "标记为棘手买家"
PICK_INTENT = "请选择正确的意图："
CORRECTION_SAVED = "谢谢！已记录为“{intent}”，训练时会学习这条纠正。"
USED = "已记录采用第 {number} 条，请复制下一条消息发送给买家。"
NO_MORE = "暂时没有更多推荐了。"
FLAGGED = "已记录买家“{nickname}”的棘手行为。"
BLACKLISTED = "买家“{nickname}”已累计两次棘手行为，已按规则列入黑名单。"
FLAG_NEEDS_BUYER = "这条消息没有指定买家，无法标记。请用“昵称：消息”格式重新发送。"

# drafts ----------------------------------------------------------------------------------------
CHECK_USAGE = "用法：/check 您的草稿回复，或直接回复分析卡片发送草稿。"
CHECK_SCORE = "<b>草稿检查</b>：得分 {score}/100"
CHECK_CLEAN = "措辞得体，没有发现问题，谢谢您的用心！"
CHECK_FINDING = "{index}. {rule}：“{span}” — {message}"
CHECK_FINDING_FIX = "   建议改为：{suggestion}"
CHECK_REWRITE = "参考改写：\n{rewrite}"
CHECK_SAVED = "草稿已保存，供主管复核。"

# buyers ----------------------------------------------------------------------------------------
BUYER_USAGE = "用法：/buyer 昵称"
BUYER_CURRENT = "当前买家已设为“{nickname}”，接下来粘贴的消息都会记在该买家名下。"
BUYER_PROFILE = "<b>买家：{nickname}</b>\n等级：{tier}（{source}）"
BUYER_EVENTS = "记录："
BUYER_EVENT = "· {when} {event}{note}"
BUYER_NO_EVENTS = "暂无记录。"
BUYER_UNKNOWN = "还没有买家“{nickname}”的记录。"
TIER_USAGE = "用法：/tier 昵称 颜色 原因，颜色可选：{colors}"
TIER_UNKNOWN = "未知的等级“{value}”，可选：{colors}"
TIER_SET = "已将买家“{nickname}”的等级设为 {tier}。"

# terminal chat ---------------------------------------------------------------------------------
CHAT_WELCOME = (
    "店小二离线体验（不需要 Telegram）。粘贴买家消息后回车即可分析，可写成“昵称：消息”。\n"
    "命令：输入数字采用对应的推荐回复，/more 换一批，/check 草稿 检查措辞，/buyer 昵称 查看买家，/quit 退出。"
)
CHAT_PROMPT = "买家消息> "
CHAT_NO_CARD = "请先粘贴一条买家消息。"
CHAT_BYE = "再见，辛苦了！"
CHAT_USED = "已采用第 {number} 条，可直接复制：\n{text}"
CHAT_BAD_ENCODING = "无法识别这一行的文字编码，请以 UTF-8 文本粘贴。"

# supervisors: review queue ---------------------------------------------------------------------
REVIEW_EMPTY = "复核队列是空的，辛苦了！"
REVIEW_HEADER = "<b>待复核 {count} 条</b>，以下是最早的 {shown} 条："
REVIEW_ITEM = "<b>复核 #{id}</b>{why}"
REVIEW_WHY_REWROTE = "客服改写了推荐回复"
REVIEW_WHY_LOW = "检查得分偏低（{score}）"
REVIEW_WHY_RISK = "高风险买家"
REVIEW_BUYER_MESSAGE = "买家（{buyer}）：{text}"
REVIEW_MESSAGE_PURGED = "（原文已按保留期限删除）"
REVIEW_NO_BUYER = "未指定"
REVIEW_SUGGESTED = "推荐回复：{text}"
REVIEW_SENT = "客服发送：{text}"
REVIEW_FINDINGS = "检查发现："
REVIEW_FINDING = "· {rule}：“{span}” — {message}"
REVIEW_NO_FINDINGS = "检查未发现问题。"
REVIEW_REVISION = "<b>话术修改 #{id}</b>（{author} 提交，待审核）\n话术：{title}\n修改后：{text}"
BUTTON_APPROVE = "通过"
BUTTON_REJECT = "驳回"
BUTTON_PROMOTE = "设为话术"
REVIEW_APPROVED = "已通过复核 #{id}。"
REVIEW_REJECTED = "已驳回复核 #{id}，并已告知客服。"
REVIEW_ASK_REASON = "请写下驳回复核 #{id} 的理由（会转告客服），或发送 /cancel 取消。"
REVIEW_AGENT_TOLD = "主管驳回了您发给买家的回复（复核 #{id}）：\n“{sent}”\n理由：{reason}\n谢谢配合，下次注意～"
REVISION_APPROVED = "已通过话术修改 #{id}，已上线。"
REVISION_REJECTED = "已驳回话术修改 #{id}，并已告知提交人。"
REVISION_AGENT_TOLD = "您提交的话术修改 #{id} 未通过审核。理由：{reason}"
REVISION_AGENT_APPROVED = "您提交的话术修改 #{id} 已通过审核并上线，谢谢！"
CANCELLED = "已取消。"
REASON_EMPTY = "理由不能为空，请写下理由，或发送 /cancel 取消。"

# supervisors: shop reviews and the floor --------------------------------------------------------
REVIEWS_USAGE = (
    "用法：/reviews 查看好评率和待处理差评；/reviews add 订单号 买家昵称 好评|中评|差评 [评价内容]；"
    "或发送卖家工作台导出的 CSV 文件（列：订单号、买家、评价、评价内容、评价时间），说明里写 /reviews。"
)
REVIEWS_RATE = "近 {days} 天好评率：<b>{rate}</b>（好评 {good} / 共 {total} 条，底线 {floor}）"
REVIEWS_NO_RATE = "近 {days} 天还没有评价记录（底线 {floor}）。"
REVIEWS_BELOW = "⚠ 好评率低于 {floor} 的底线，请尽快跟进差评！"
REVIEWS_UNHANDLED = "待处理差评 {count} 条："
REVIEWS_NONE_UNHANDLED = "没有待处理的差评。"
REVIEWS_ITEM = "#{id} {date} 订单 {order} · {buyer}：{text}"
BUTTON_REVIEW_CHANGED = "#{id} 已改好评"
BUTTON_REVIEW_REFUSED = "#{id} 拒绝修改"
REVIEW_ADDED = "已记录订单 {order} 的{rating}（买家：{buyer}，当前等级：{tier}）。"
REVIEWS_IMPORTED = "已导入 {added} 条评价（其中差评 {bad} 条），跳过已记录的订单 {skipped} 条。"
REVIEWS_FILE_ERROR = "评价文件有误，未写入任何记录：\n{errors}"
REVIEWS_FILE_TYPE = "请发送 .csv 文件（UTF-8 编码）。"
REVIEWS_FILE_TOO_BIG = "文件太大（最多 {limit} MB），请分批导入。"
REVIEW_SETTLED_CHANGED = "差评 #{id} 已标记处理：买家已改为好评。"
REVIEW_SETTLED_REFUSED = "差评 #{id} 已标记处理：买家拒绝修改（买家等级：{tier}）。"
FLOOR_ALERT = "⚠ <b>好评率告警</b>：近 {days} 天好评率 {rate}，已低于 {floor} 的底线（好评 {good} / 共 {total} 条）。请发送 /reviews 查看并跟进差评。"

# supervisors: the scheduled bad-review check -----------------------------------------------------
CHECK_REPORT_TITLE = "<b>差评巡检</b>（{time}）"
CHECK_REPORT_NEW = "上次巡检以来新增差评 {count} 条："
CHECK_REPORT_NO_NEW = "上次巡检以来没有新增差评。"
CHECK_REPORT_RISKY = "当前橙色/黑色买家："
CHECK_REPORT_NO_RISKY = "当前没有橙色或黑色买家。"
CHECK_REPORT_BUYER = "· {nickname}（{tier}）"

# the knowledge base in chat ----------------------------------------------------------------------
KB_USAGE = (
    "用法：/kb 按意图统计；/kb 意图 列出该意图的话术；/kb show 编号 查看话术及历史；/kb add 新增；"
    "/kb edit 编号 修改；/kb retire 编号 停用；/kb revert 编号 修订号 恢复到某次修订；"
    "/kb export [yaml|csv] 导出；发送 YAML 或 CSV 文件并在说明里写 /kb import 导入。每一步都可发送 /cancel 取消。"
)
KB_LIST_TITLE = "<b>话术库</b>（已上线话术数）"
KB_LIST_INTENT = "· {intent}（{key}）：{count} 条"
KB_UNKNOWN_INTENT = "未知的意图“{value}”，发送 /kb 查看全部意图。"
KB_INTENT_TITLE = "<b>{intent}</b> 的话术："
KB_TEMPLATE_LINE = "#{id} {title}（{status}）"
KB_SHOW = "<b>话术 #{id}：{title}</b>\n意图：{intent} · 状态：{status} · 版本 {version}\n{text}"
KB_HISTORY = "修订历史："
KB_REVISION_LINE = "· 修订 #{id} {when} {state} 版本 {version}：{text}"
KB_REVISION_STATES: dict[str, str] = {"pending": "待审核", "applied": "已生效", "rejected": "已驳回"}
KB_ASK_INTENT = "请选择话术的意图（发送 /cancel 取消）："
KB_PREFILLED = "话术内容已预填：\n{text}"
KB_ASK_TITLE = "意图：{intent}。请发送话术标题（发送 /cancel 取消）。"
KB_ASK_TEXT = "请发送话术内容，可使用 {{buyer}}、{{shop}} 等占位符（发送 /cancel 取消）。"
KB_EDIT_START = "正在修改话术 #{id}（版本 {version}），当前内容：\n{text}\n请发送新的内容（发送 /cancel 取消）。"
KB_SAVED = "话术 #{id} 已保存（版本 {version}，状态：{status}）。"
KB_PROPOSED = "修改已提交，等待主管在复核队列中审核（话术 #{id}）。"
KB_NOT_SAVED = "未保存：{error}"
KB_FORCE_HINT = "主管如确认无误，可发送 /force 理由 强制保存；也可以直接发送修改后的内容，或发送 /cancel 取消。"
KB_EXPORTED = "话术库导出文件"
KB_IMPORT_HOW = "请发送 YAML 或 CSV 文件，并在文件说明里写 /kb import。"
KB_FILE_TYPE = "请发送 .yaml、.yml 或 .csv 文件（UTF-8 编码）。"
KB_IMPORT_FAILED = "导入失败，未做任何修改：\n{errors}"
KB_IMPORTED = "导入完成：新增 {added} 条，更新 {updated} 条，未变 {unchanged} 条。{shop}"
KB_SHOP_CHANGED = "店铺信息已更新。"

# supervisors: reports -----------------------------------------------------------------------------
STATS_USAGE = "用法：/stats [today|7d|30d]，默认 today（今天）。"
STATS_PERIODS: dict[str, str] = {"today": "今天", "7d": "近 7 天", "30d": "近 30 天"}
STATS_TITLE = "<b>统计报表 · {period}</b>"
STATS_INTENTS = "意图分布（共 {total} 条消息）："
STATS_INTENT = "· {intent}：{count} 条（{share:.0%}）"
STATS_NO_MESSAGES = "这段时间还没有买家消息。"
STATS_USAGE_LINE = "推荐回复采用率：{used}；客服改写率：{rewrote}（共 {cards} 张卡片）"
STATS_NOT_AVAILABLE = "—"
STATS_AGENTS = "客服检查平均分："
STATS_AGENT = "· {name}：{average:.0f} 分（{replies} 条）"
STATS_NO_AGENTS = "这段时间没有客服自写回复的检查记录。"
STATS_RISKY = "风险买家（橙色/黑色）：{buyers}"
STATS_NO_RISKY = "风险买家：无"
CHART_INTENTS = "意图分布"
CHART_MESSAGES = "消息数"
CHART_REVIEWS = "每日好评率"
CHART_RATE = "好评率"
CHART_FLOOR = "底线 {floor}"
CHART_NO_REVIEWS = "暂无评价"

# admins: the team --------------------------------------------------------------------------------
STAFF_USAGE = (
    "用法：/staff 列出全部员工；/staff add Telegram数字ID 角色 [姓名]；/staff role Telegram数字ID 角色；"
    "/staff off Telegram数字ID 停用。角色可选：{roles}"
)
NEEDS_ADMIN = "抱歉，该操作需要管理员权限。"
STAFF_LIST_TITLE = "<b>员工名单</b>（{count} 人）"
STAFF_LINE = "· {name}（ID {telegram_id}）{role}{inactive}"
STAFF_INACTIVE = " · 已停用"
STAFF_BAD_ID = "“{value}”不是有效的 Telegram 数字 ID。"
STAFF_BAD_ROLE = "未知的角色“{value}”，可选：{roles}"
STAFF_ADDED = "已添加 {name}（ID {telegram_id}），角色：{role}。"
STAFF_ROLE_CHANGED = "已将 ID {telegram_id} 的角色改为 {role}。"
STAFF_DEACTIVATED = "已停用 ID {telegram_id}，对方即刻起无法使用机器人。"
STAFF_FROM_ENVIRONMENT = "ID {telegram_id} 的权限来自环境变量 XIAOER_ADMIN_IDS / XIAOER_SUPERVISOR_IDS / XIAOER_AGENT_IDS，请在那里修改并重启机器人。"

# command line (owned by the lead; keep this section) -----------------------------------------
CLI: dict[str, str] = {
    "upgraded": "数据库已升级到最新版本：{url}",
    "purged": "已删除 {messages} 条超过 {days} 天的买家消息原文（统计数据保留）。",
    "exported": "已导出 {count} 条话术到 {path}。",
    "imported": "导入完成：新增 {added} 条，更新 {updated} 条，未变 {unchanged} 条。",
    "retired": "话术 #{template_id} 已停用。",
    "saved": "话术 #{template_id} 已保存（版本 {version}，状态：{status}）。",
    "bad_arguments": "{prog}：参数有误（{reason}）。运行 {prog} -h 查看用法。",
    "trained": "意图模型已训练：用时 {seconds:.1f} 秒，{features} 个特征，含客服纠正 {corrections} 条，已缓存到 {path}",
    "trained_mood": "情绪模型已训练：用时 {seconds:.1f} 秒，{features} 个特征，已缓存到 {path}",
    "trained_checker": "回复检查模型已训练：用时 {seconds:.1f} 秒，{features} 个特征，已缓存到 {path}",
    "eval_title": "意图分类评估（训练 {train_size} 条，留出 {test_size} 条）",
    "eval_header": "意图              精确率  召回率  F1     样本数",
    "eval_macro": "宏平均 F1：{macro_f1:.3f}    准确率：{accuracy:.3f}",
    "eval_needs_human": "需人工确认的比例：{share:.1%}；其余消息的准确率：{accuracy:.3f}",
    "checker_title": "回复检查评估（{split}：{replies} 条，其中合格回复 {good} 条）",
    "checker_header": "规则                              精确率  召回率  样本数",
    "checker_false_alarms": "合格回复的误报率：{rate:.1%}",
    "typos_scores": "{name}（{sentences} 句）句级检错：精确率 {precision:.3f}，召回率 {recall:.3f}，F1 {f1:.3f}",
    "typos_false_alarms": "误报率：无错新闻句 {clean:.1%}，正确的客服回复 {shop:.1%}",
    "typos_latency": "单句耗时：p50 {p50:.2f} 毫秒，p99 {p99:.2f} 毫秒",
    "typos_no_data": "找不到错别字基准数据目录：{path}",
    "eval_independent": "独立评测集 {name}（{size} 条，另一位作者编写，从未用于训练或调参；可接受两个意图的消息猜中其一即算对）",
    "eval_confusion": "混淆矩阵（行：真实意图，列：预测意图）",
}

CLI_HELP: dict[str, str] = {
    "xiaoer": "店小二：网店客服助手",
    "analyze": "分析买家消息，输出 JSON",
    "analyze.text": "买家消息；用 - 从标准输入逐行读取",
    "check": "检查客服草稿回复的措辞与错别字，输出 JSON",
    "check.text": "草稿回复；用 - 从标准输入逐行读取",
    "suggest": "分析买家消息并给出推荐回复，输出 JSON",
    "suggest.buyer": "买家昵称（用于客户等级和议价阶梯）",
    "suggest.k": "推荐条数（默认 3）",
    "db": "数据库：升级结构、清理过期消息",
    "db.upgrade": "把数据库升级到最新结构（并装入默认话术）",
    "db.purge": "删除超过保留期的买家消息原文，保留统计",
    "db.older_than": "保留天数（默认 {days}）",
    "eval": "评估意图分类（及回复检查、错别字检查）",
    "eval.checker": "评估回复检查（各规则的精确率、召回率与误报率）",
    "eval.typos": "错别字检查基准：SIGHAN-15 与无错句子的误报率",
    "eval.data": "错别字基准数据目录（默认：仓库旁的 shared/data/typos）",
    "train": "重新训练意图分类模型（含客服纠正过的意图）和情绪模型",
    "kb": "话术知识库：导入导出、查看与编辑",
    "kb.export": "导出话术和店铺信息（.yaml/.yml/.csv）",
    "kb.import": "导入话术（先全部校验，有错则什么都不写）",
    "kb.import.override": "回复检查有警告时强制导入的理由",
    "kb.list": "列出话术",
    "kb.show": "查看一条话术",
    "kb.history": "查看修订历史",
    "kb.add": "新增话术",
    "kb.edit": "修改话术（需给出正在编辑的版本号）",
    "kb.retire": "停用话术",
    "kb.revert": "恢复到某个修订",
    "kb.tiers": "客户等级，用 | 分隔；留空表示适合所有等级",
    "kb.tags": "标签，用 | 分隔",
    "kb.override": "回复检查有警告时强制保存的理由（主管）",
}
