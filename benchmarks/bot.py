"""Benchmark of the Telegram bot end to end: the real `xiaoer run` process against the fake Bot API.

Two phases on a fresh database (SQLite by default):
- latency: buyer messages from distinct agents at a steady rate; time from injecting the
  update to the answer card arriving at the fake server (p50, p99);
- throughput: a burst of messages injected at once; updates per second until the last card.
Every message must get exactly one card (none lost).

    python benchmarks/bot.py [--latency-messages 300] [--rate 50] [--burst 2000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fake_telegram import BotProcess, Call, FakeTelegram, message  # noqa: E402

BUYER_LINES = (
    "亲，这件衣服能便宜点吗？",
    "快递到哪了？三天了还没到",
    "衣服有色差，我要退货",
    "这个有M码吗",
    "怎么开发票呀",
    "你们卖假货！不退款我就去投诉",
    "收到了，谢谢，很喜欢",
    "地址填错了能改吗",
)


def wait_for_cards(server: FakeTelegram, agents: list[int], timeout: float) -> dict[int, Call]:
    """Poll (outside the server's lock) until every agent got a card; the cards found by then."""
    deadline = time.monotonic() + timeout
    while True:
        cards = {c.chat_id: c for c in server.calls_of("sendMessage") if "意图" in c.text}
        if cards.keys() >= set(agents) or time.monotonic() > deadline:
            return cards
        time.sleep(0.05)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency_phase(server: FakeTelegram, agents: list[int], rate: float) -> list[float]:
    """Inject one message per agent at `rate` per second; latency of each card in milliseconds."""
    sent_at: dict[int, float] = {}
    start = time.monotonic()
    for index, agent in enumerate(agents):
        time.sleep(max(0.0, start + index / rate - time.monotonic()))
        sent_at[agent] = time.monotonic()
        server.inject(message(agent, f"买家{agent}：{BUYER_LINES[index % len(BUYER_LINES)]}"))
    cards = wait_for_cards(server, agents, 120)
    return [(cards[agent].at - sent_at[agent]) * 1000 for agent in agents if agent in cards]


def throughput_phase(server: FakeTelegram, agents: list[int]) -> tuple[float, int]:
    """Inject a burst, one message per agent; (updates per second, cards received)."""
    started = time.monotonic()
    for index, agent in enumerate(agents):
        server.inject(message(agent, f"买家{agent}：{BUYER_LINES[index % len(BUYER_LINES)]}"))
    cards = wait_for_cards(server, agents, 300)
    answered = [cards[agent] for agent in agents if agent in cards]
    finished = max(card.at for card in answered)
    return len(answered) / (finished - started), len(answered)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-messages", type=int, default=300)
    parser.add_argument("--rate", type=float, default=50.0, help="messages per second in the latency phase")
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--database-url", help="an empty database to use instead of a fresh SQLite file")
    args = parser.parse_args()

    latency_agents = list(range(100_000, 100_000 + args.latency_messages))
    burst_agents = list(range(200_000, 200_000 + args.burst))
    server = FakeTelegram().start()
    with tempfile.TemporaryDirectory() as workdir:
        database = {"DATABASE_URL": args.database_url} if args.database_url else {}
        bot = BotProcess(
            server, Path(workdir), XIAOER_AGENT_IDS=",".join(map(str, latency_agents + burst_agents)), **database
        )
        try:
            bot.wait_ready(timeout=180)
            cpu_before = cpu_seconds(bot.process.pid)
            latencies = latency_phase(server, latency_agents, args.rate)
            cpu_steady = (cpu_seconds(bot.process.pid) - cpu_before) / max(len(latencies), 1) * 1000
            cpu_before, server_cpu_before = cpu_seconds(bot.process.pid), time.process_time()
            per_second, received = throughput_phase(server, burst_agents)
            cpu_per_update = (cpu_seconds(bot.process.pid) - cpu_before) / max(received, 1) * 1000
            server_cpu = (time.process_time() - server_cpu_before) / max(received, 1) * 1000
        finally:
            bot.stop()
            server.stop()
            problems = [line for line in bot.output().splitlines() if " ERROR " in line or " WARNING " in line]
            durations = [
                int(line.rsplit("Duration ", 1)[1].split()[0])
                for line in bot.output().splitlines()
                if "Duration " in line
            ]
    lost = args.latency_messages - len(latencies) + args.burst - received
    backend = args.database_url.split(":")[0] if args.database_url else "sqlite"
    print(
        f"latency ({len(latencies)} cards at {args.rate:g}/s, {backend}): "
        f"p50 {statistics.median(latencies):.1f} ms, p90 {percentile(latencies, 0.9):.1f} ms, "
        f"p99 {percentile(latencies, 0.99):.1f} ms, max {max(latencies):.1f} ms"
    )
    print(f"throughput (burst of {args.burst}): {per_second:.0f} updates/s, {received}/{args.burst} answered")
    print(
        f"bot CPU per answered update: {cpu_steady:.1f} ms at the steady rate, {cpu_per_update:.1f} ms in the burst"
        f" (one core; independent of other load on the machine)"
    )
    print(f"fake Bot API server (this process) CPU per update in the burst: {server_cpu:.1f} ms")
    print(f"lost: {lost}")
    print(
        f"handler time in the bot: p50 {statistics.median(durations):.0f} ms, p99 {percentile(durations, 0.99):.0f} ms"
    )
    for line in problems[:10]:
        print(line)
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
