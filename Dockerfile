# xiaoer (店小二): the bot and the command line in one image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    XIAOER_CACHE_DIR=/opt/xiaoer/cache \
    XIAOER_HOME=/data

# WenQuanYi Micro Hei: Chinese labels in the /stats chart.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 xiaoer \
    && mkdir -p /opt/xiaoer/cache /data \
    && chown xiaoer:xiaoer /data

WORKDIR /opt/xiaoer/src
COPY pyproject.toml README.md ./
COPY nlp nlp
COPY knowledge knowledge
COPY bot bot
# Train and cache the models now (a throwaway database: there are no corrections yet),
# and warm jieba's dictionary cache, so the first message is answered in milliseconds.
RUN pip install . \
    && XIAOER_HOME=/tmp/build xiaoer train \
    && rm -rf /tmp/build \
    && chmod -R a+rX /opt/xiaoer /tmp

USER xiaoer
VOLUME ["/data"]
ENTRYPOINT ["xiaoer"]
CMD ["run"]
