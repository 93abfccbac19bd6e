"""Knowledge-base figures: suggestion quality and latency for a message, and import of 1,000 templates.

Run from the repository root: `python benchmarks/knowledge.py` (SQLite file in a
temporary folder), plus PostgreSQL when `XIAOER_TEST_PG_URL` or `DATABASE_URL` names
one (a scratch database is created and dropped). Messages are the intent corpus lines.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.assist import AssistService  # noqa: E402
from knowledge.checking import default_checker  # noqa: E402
from knowledge.concessions import concession_for  # noqa: E402
from knowledge.db import create_engine, prepare  # noqa: E402
from knowledge.defaults import default_document  # noqa: E402
from knowledge.staff import cli_admin  # noqa: E402
from knowledge.transfer import Document, import_document  # noqa: E402
from nlp import analyze  # noqa: E402

MESSAGES = 300
TEMPLATES = 1000
LABELLED = (
    Path(__file__).resolve().parent / "knowledge_suggestions.tsv",
    Path(__file__).resolve().parent / "knowledge_suggestions_heldout.tsv",
    Path(__file__).resolve().parent / "knowledge_suggestions_fresh.tsv",
)


def corpus_messages(count: int) -> list[str]:
    """A fixed random sample of buyer messages from the intent corpus."""
    lines = []
    for path in sorted(resources.files("nlp").joinpath("data/intent_corpus").iterdir()):
        lines += [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    return random.Random(4).sample(lines, min(count, len(lines)))


def thousand_templates() -> Document:
    """1,000 distinct template rows made from the default ones (same checker-clean texts, new keys)."""
    rows = default_document().rows
    return Document(
        shop=None,
        rows=[
            {**rows[i % len(rows)], "key": f"bench.{i:04d}", "title": f"{rows[i % len(rows)]['title']}·{i}"}
            for i in range(TEMPLATES)
        ],
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def labelled_messages(path: Path) -> list[tuple[str, str, set[str]]]:
    """(tier, message, acceptable template keys) from a labelled `.tsv` file."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            tier, message, keys = line.split("\t")
            rows.append((tier, message, set(keys.split(","))))
    return rows


async def suggestion_quality(url: str, path: Path) -> None:
    """Top-1 and top-3 hits of the labelled messages, each from a buyer of the given tier."""
    from sqlalchemy import select

    from knowledge.models import Template

    engine = create_engine(url)
    sessions = await prepare(engine)
    async with sessions() as session:
        keys = dict((await session.execute(select(Template.id, Template.key))).all())
    service = AssistService(sessions)
    rows = labelled_messages(path)
    top1 = top3 = 0
    misses = []
    async with sessions() as session:
        facts = await service._suggester.refresh(session)
        for tier, message, acceptable in rows:
            analysis = analyze(message)
            concession = concession_for(1, facts) if tier == "yellow" else None
            shown = [
                keys[s.template_id] for s in await service._suggester.suggest(session, analysis, tier, {}, concession)
            ]
            top1 += shown[0] in acceptable
            top3 += bool(acceptable & set(shown))
            if shown[0] not in acceptable:
                misses.append(f"{message} -> {shown[0]}")
    await engine.dispose()
    print(
        f"suggestion quality, {path.name}, {len(rows)} messages (real analysis): top-1 {top1}/{len(rows)}"
        f" ({top1 / len(rows):.0%}), top-3 {top3}/{len(rows)} ({top3 / len(rows):.0%})"
    )
    for miss in misses:
        print(f"  top-1 miss: {miss}")


async def measure(url: str) -> None:
    engine = create_engine(url)
    sessions = await prepare(engine)
    service = AssistService(sessions)
    messages = corpus_messages(MESSAGES)
    analyses = [analyze(m) for m in messages]  # warm-up and the analysis-free path below
    await service.assist(messages[0], "bench")

    full, ranking = [], []
    cpu = time.process_time()
    for i, message in enumerate(messages):
        start = time.perf_counter()
        await service.assist(message, f"buyer{i % 20}")
        full.append(time.perf_counter() - start)
    cpu_per_assist = (time.process_time() - cpu) / len(messages)
    async with sessions() as session:
        for analysis in analyses:
            start = time.perf_counter()
            await service._suggester.refresh(session)
            await service._suggester.suggest(session, analysis, "yellow", {})
            ranking.append(time.perf_counter() - start)

    document = thousand_templates()
    checker = default_checker()
    async with sessions.begin() as session:
        admin = await cli_admin(session)
        start = time.perf_counter()
        result = await import_document(session, document, admin, checker)
        first_import = time.perf_counter() - start
    async with sessions.begin() as session:
        start = time.perf_counter()
        again = await import_document(session, document, admin, checker)
        second_import = time.perf_counter() - start
    await engine.dispose()

    backend = make_url(url).get_backend_name()
    ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
    print(f"[{backend}] messages: {len(messages)}")
    print(
        f"  assist (analyse + record + tier + rank + fill + record shown): median {ms(statistics.median(full))},"
        f" p95 {ms(percentile(full, 0.95))}; CPU {ms(cpu_per_assist)} per assist (all threads of this process)"
    )
    print(
        f"  suggestions only (change check + rank + fill over the default live templates, analysis given): median"
        f" {ms(statistics.median(ranking))}, p95 {ms(percentile(ranking, 0.95))}"
    )
    print(
        f"  import of {TEMPLATES} templates (validate + checker + write): {first_import:.2f} s,"
        f" added {result.added}; re-import: {second_import:.2f} s, unchanged {again.unchanged}"
    )


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for number, path in enumerate(LABELLED):
            await suggestion_quality(f"sqlite+aiosqlite:///{Path(folder) / f'quality{number}.db'}", path)
        await measure(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
    pg = os.environ.get("XIAOER_TEST_PG_URL") or os.environ.get("DATABASE_URL")
    if pg and make_url(pg).get_backend_name() == "postgresql":
        name = f"bench_{uuid.uuid4().hex[:8]}"
        server = create_engine(
            make_url(pg).set(database="postgres").render_as_string(hide_password=False), isolation_level="AUTOCOMMIT"
        )
        async with server.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            await measure(make_url(pg).set(database=name).render_as_string(hide_password=False))
        finally:
            async with server.connect() as connection:
                await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            await server.dispose()


if __name__ == "__main__":
    asyncio.run(main())
