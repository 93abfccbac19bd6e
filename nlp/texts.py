"""Every Chinese string the analysis layer shows to people, in one place."""

INTENT_NAMES: dict[str, str] = {
    "bargain": "议价",
    "return_refund": "退换货",
    "complaint": "投诉",
    "logistics": "物流",
    "product": "商品咨询",
    "order_change": "修改订单",
    "payment": "支付发票",
    "greeting": "问候",
    "thanks": "致谢",
    "other": "其他",
}

MOOD_NAMES: dict[str, str] = {
    "negative": "不满",
    "neutral": "平静",
    "positive": "满意",
}

RISK_LEVEL_NAMES: dict[str, str] = {
    "none": "无",
    "low": "低",
    "high": "高",
}

RISK_SIGNAL_NAMES: dict[str, str] = {
    "threat_bad_review": "差评威胁",
    "threat_complaint": "投诉威胁",
    "compensation_demand": "索要赔偿",
    "refund_without_return": "仅退款不退货",
    "abuse": "辱骂",
    "fraud_accusation": "指控假货/欺诈",
}

ENTITY_NAMES: dict[str, str] = {
    "order_id": "订单号",
    "phone": "手机号",
    "tracking_no": "快递单号",
    "money": "金额",
    "size": "尺码",
}

RULE_NAMES: dict[str, str] = {
    "imperative": "祈使句",
    "negative": "否定句",
    "cold": "冷淡",
    "forbidden_phrase": "服务禁语",
    "refusal_without_apology": "拒绝未致歉",
    "pushy": "替买家做决定",
    "typo": "错别字",
    "thanks": "感谢赞美",
    "apology": "致歉",
    "polite_address": "礼貌称呼",
    "inviting_question": "邀请式提问",
}

INPUT_ERRORS: dict[str, str] = {
    "empty": "消息为空，请粘贴要处理的文字。",
    "too_long": "消息过长（超过 {limit} 个字符），请分段粘贴。",
    "bad_encoding": "无法识别的文字编码，请以 UTF-8 文本粘贴。",
}

# Typo checker
TYPO_MESSAGE = "疑似错别字：“{wrong}”应为“{right}”"

# Reply checker
CHECKER_MESSAGES: dict[str, str] = {
    "imperative": "祈使句：像在命令买家，建议改成询问或请求的语气",
    "negative": "否定句过多：整条回复以否定为主，没有给买家替代方案",
    "cold": "回复冷淡：过于简短生硬，缺少称呼和温度",
    "forbidden_phrase": "服务禁语（{category}）：“{phrase}”",
    "harsh_tone": "服务禁语（语气生硬）：用“你”称呼买家并带否定或反问，整条回复没有一点温度：“{sentence}”",
    "harsh_wording": "服务禁语（语气不当）：这句话读起来像顶撞或推诿买家：“{sentence}”",
    "refusal_without_apology": "拒绝未致歉：拒绝买家时没有道歉或表示理解",
    "pushy": "替买家做决定：请把选择权交给买家",
    "thanks": "很好：感谢或赞美买家",
    "apology": "很好：向买家致歉或表示理解",
    "polite_address": "很好：使用了礼貌称呼",
    "inviting_question": "很好：用提问邀请买家做决定",
}
CHECKER_REWRITES: dict[str, str] = {
    "imperative_request": "方便{core}吗？",
    "imperative_prohibition": "请您不要{core}哦，",
    "refusal_price": "非常抱歉，亲，价格暂时没办法再优惠了，我帮您申请一个小礼品，您看可以吗？",
    "refusal_other": "非常抱歉，{core}，我帮您看看其他办法，您看可以吗？",
    "negative": "亲，非常抱歉，{core}，我帮您看看其他办法，您看可以吗？",
    "cold": "亲，{core}哦～还有什么可以帮您的吗？",
    "cold_blank": "亲，您好～请问有什么可以帮您的吗？",
    "pushy": "您可以根据自己的需要选择哦，",
    "harsh_wording": "这个问题我来帮您处理",
    "fallback": "亲，非常抱歉给您带来不便，我这边马上帮您核实处理，您看可以吗？",
}

# Independent intent evaluation (nlp/intent_eval.py)
INTENT_EVAL_ERRORS: dict[str, str] = {
    "unreadable": "无法读取评测文件 {path}：请确认文件存在并且是 UTF-8 文本。",
    "bad_line": "评测文件 {path} 第 {number} 行格式不对：应为“意图<TAB>文本”，意图为一个或两个（用 | 分隔）已知意图。",
    "empty": "评测文件 {path} 里没有任何评测语句。",
}
