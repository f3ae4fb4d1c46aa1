"""The ``kbqa`` command line: ingest, ask, docs, serve."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kbqa.config import Settings, get_settings, quiet_offline_environment
from kbqa.models import IngestSummary, validate_question

app = typer.Typer(help="Question answering over reply and policy documents, with citations.",
                  no_args_is_help=True, add_completion=False)
docs_app = typer.Typer(help="List, show and delete ingested documents.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")

out = Console()
err = Console(stderr=True)


def _plain(console: Console, text: str) -> None:
    """Print text from documents as it is: no markup, no highlighting, no hard wraps."""
    console.print(text, markup=False, highlight=False, soft_wrap=True)

StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Store directory (default: $KBQA_STORE or .kbqa)")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON")]


def _knowledge_base(store: Path | None):  # type: ignore[no-untyped-def]
    quiet_offline_environment()
    from qa.service import KnowledgeBase

    return KnowledgeBase(get_settings(store=store))


def _print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default kb/docs)")]
    = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest documents. Exit 0 when all went in, 1 when some failed, 2 on usage errors."""
    settings = get_settings(store=store)
    targets = paths or [settings.docs_dir]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        err.print(f"[red]error:[/] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    kb = _knowledge_base(store)
    try:
        summary = _run_ingest(kb, targets, show_progress=not as_json)
    finally:
        kb.close()
    if as_json:
        _print_json(summary.model_dump())
    else:
        _print_ingest_summary(summary)
    raise typer.Exit(1 if summary.failed else 0)


def _run_ingest(kb, targets: list[Path], show_progress: bool) -> IngestSummary:  # type: ignore[no-untyped-def]
    from ingest.pipeline import discover

    total = len(discover(targets))
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        console=err, disable=not show_progress, transient=True)
    with progress:
        task = progress.add_task("ingesting", total=total)

        def advance(name: str) -> None:
            progress.update(task, advance=1, description=f"ingesting {name}")

        return kb.ingest(targets, advance)  # type: ignore[no-any-return]


def _print_ingest_summary(summary: IngestSummary) -> None:
    table = Table("file", "result", "chunks", "embedded", "reason")
    for result in summary.results:
        style = {"failed": "red", "unchanged": "dim"}.get(result.status, "green")
        table.add_row(result.source, f"[{style}]{result.status}[/]", str(result.chunks),
                      str(result.chunks_embedded), result.error or "")
    out.print(table)
    out.print(
        f"{summary.files} files: {summary.added} added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {len(summary.failed)} failed; "
        f"{summary.chunks_embedded} chunks embedded"
    )
    for failure in summary.failed:
        _plain(err, f"failed {failure.source}: {failure.error}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in Chinese or English")],
    top_k: Annotated[int | None, typer.Option("--top-k", min=1, max=20)] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ask a question; the answer cites the passages it comes from."""
    try:
        validate_question(question)
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    kb = _knowledge_base(store)
    try:
        response = kb.ask(question, top_k)
    finally:
        kb.close()
    if as_json:
        _print_json(response.model_dump())
        return
    _plain(out, response.answer)
    for c in response.citations:
        _plain(out, f"[{c.n}] {c.title or c.source} {c.doc_number or ''} · {c.locator}")
        _plain(out, f"    “{c.quote}”")
    for d in response.nearest_documents:
        _plain(out, f"  · {d.title or d.source} ({d.source})")


@docs_app.command("list")
def docs_list(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List ingested documents."""
    kb = _knowledge_base(store)
    try:
        documents = kb.documents()
    finally:
        kb.close()
    if as_json:
        _print_json([d.model_dump() for d in documents])
        return
    table = Table("doc_id", "source", "type", "number", "title", "chunks", "status")
    for d in documents:
        status = f"superseded by {d.superseded_by}" if d.superseded_by else ""
        table.add_row(d.doc_id, d.source, d.doc_type or "", str(d.metadata.get("doc_number", "")),
                      d.title or "", str(d.n_chunks), status, style="dim" if status else None)
    out.print(table)


@docs_app.command("show")
def docs_show(doc_id: Annotated[str, typer.Argument(help="doc_id or file name")],
              store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Show one document's metadata and chunks."""
    kb = _knowledge_base(store)
    try:
        document = kb.document(doc_id)
        chunks = kb.store.table.chunks(document.doc_id) if document else []
    finally:
        kb.close()
    if document is None:
        err.print(f"[red]error:[/] no document {doc_id!r}")
        raise typer.Exit(1)
    payload = document.model_dump() | {
        "chunks": [{"seq": c.seq, "locator": c.locator, "text": c.text} for c in chunks]
    }
    if as_json:
        _print_json(payload)
        return
    out.print_json(json.dumps(document.model_dump(), ensure_ascii=False))
    for c in chunks:
        _plain(out, f"{c.locator}\n{c.text}\n")


@docs_app.command("delete")
def docs_delete(doc_id: Annotated[str, typer.Argument(help="doc_id or file name")],
                store: StoreOption = None) -> None:
    """Delete a document with all its chunks."""
    kb = _knowledge_base(store)
    try:
        deleted = kb.delete(doc_id)
    finally:
        kb.close()
    if not deleted:
        err.print(f"[red]error:[/] no document {doc_id!r}")
        raise typer.Exit(1)
    _plain(out, f"deleted {doc_id}")


@app.command()
def commitments(
    agency: Annotated[str | None, typer.Option(help="Acting agency contains this")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the reply document")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic contains this")] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the commitments made in reply documents, with later progress reports."""
    kb = _knowledge_base(store)
    try:
        items = kb.commitments.filter(agency=agency, year=year, topic=topic)
    finally:
        kb.close()
    if as_json:
        _print_json([c.model_dump() for c in items])
        return
    _plain(out, f"{len(items)} commitments")
    for i, c in enumerate(items, 1):
        terms = " ".join(x for x in (c.deadline, c.target) if x)
        _plain(out, f"\n[{i}] {c.date or ''} {c.doc_number or c.source} {c.agency or ''}"
                    f" · {c.topic}{' · ' + terms if terms else ''}")
        _plain(out, f"    承诺：{c.quote}（{c.locator}）")
        for report in c.progress:
            _plain(out, f"    进展：{report.date or ''} {report.source}：{report.quote}")


@app.command()
def eligibility(
    text: Annotated[str | None, typer.Argument(help="What the enterprise says about itself")]
    = None,
    registered_in: Annotated[str | None, typer.Option(help="District of registration")] = None,
    industry: Annotated[str | None, typer.Option(help="Industry, e.g. 大模型")] = None,
    revenue: Annotated[float | None, typer.Option(help="Last year's revenue, 万元")] = None,
    rd_ratio: Annotated[float | None, typer.Option(help="R&D spending share, %")] = None,
    headcount: Annotated[int | None, typer.Option(help="Employees")] = None,
    founded: Annotated[int | None, typer.Option(help="Year founded")] = None,
    park: Annotated[str | None, typer.Option(help="Park, e.g. 模力社区")] = None,
    qualification: Annotated[list[str] | None, typer.Option(help="e.g. 高新技术企业")] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Which support measures may apply to an enterprise, criterion by criterion."""
    from qa.eligibility import EnterpriseProfile

    try:
        profile = EnterpriseProfile(
            free_text=text, registered_in=registered_in, industry=industry,
            annual_revenue_wan=revenue, rd_ratio_percent=rd_ratio, headcount=headcount,
            founded_year=founded, park=park, qualifications=qualification or [])
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    kb = _knowledge_base(store)
    try:
        result = kb.eligibility.match(profile)
    finally:
        kb.close()
    if as_json:
        _print_json(result.model_dump())
        return
    marks = {"met": "✓", "not_met": "✗", "unknown": "?"}
    for match in result.matches:
        m = match.measure
        _plain(out, f"\n{m.name} [{match.outcome}] {m.title or m.source} {m.doc_number or ''}")
        _plain(out, f"    {m.support}（{m.locator}）")
        for c in match.criteria:
            _plain(out, f"    {marks[c.outcome]} {c.criterion.description}")
    for question in result.questions:
        _plain(out, f"? {question}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    store: StoreOption = None,
) -> None:
    """Serve the HTTP API; ingests kb/docs first when the store is empty."""
    import uvicorn

    from api.app import create_app

    settings = get_settings(store=store)
    _ingest_if_empty(settings)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def _ingest_if_empty(settings: Settings) -> None:
    kb = _knowledge_base(settings.store)
    try:
        if kb.is_empty() and settings.docs_dir.exists():
            err.print(f"store is empty: ingesting {settings.docs_dir}")
            _print_ingest_summary(_run_ingest(kb, [settings.docs_dir], show_progress=True))
    finally:
        kb.close()
