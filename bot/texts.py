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
}
COMMAND_ROLES: dict[str, str] = {"help": "agent", "buyer": "agent", "check": "agent", "tier": "supervisor"}
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

# command line (owned by the lead; keep this section) -----------------------------------------
CLI: dict[str, str] = {
    "trained": "意图模型已训练：用时 {seconds:.1f} 秒，{features} 个特征，含客服纠正 {corrections} 条，已缓存到 {path}",
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
    "eval_confusion": "混淆矩阵（行：真实意图，列：预测意图）",
}
