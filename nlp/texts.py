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
    "empty": "消息为空，请粘贴买家的消息。",
    "too_long": "消息过长（超过 {limit} 个字符），请分段粘贴。",
    "bad_encoding": "无法识别的文字编码，请以 UTF-8 文本粘贴。",
}

# Typo checker
TYPO_MESSAGE = "疑似错别字：“{wrong}”应为“{right}”"
