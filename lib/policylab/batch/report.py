"""``report.json``: what the build did, machine-readable, for batch operators and CI."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from policylab import atomic
from policylab.batch.outcome import JobResult
from policylab.batch.pages import Provenance
from policylab.batch.plan import Job, PackInfo
from policylab.batch.workshop import Workshop

REPORT_NAME = "report.json"


def build_report(workshop: Workshop, jobs: list[Job], results: dict[str, JobResult],
                 pack: PackInfo, provenance: Provenance, duration: float) -> dict:
    """Every planned job with its status (``not run`` when the build was interrupted)."""
    entries = []
    for job in jobs:
        result = results.get(job.key)
        entry = {
            "key": job.key,
            "country": job.folder,
            "notebook": job.notebook,
            "status": result.status if result else _unrecorded(job),
            "duration_s": result.duration if result else None,
            "error": result.error if result else None,
            "input_hash": job.input_hash,
            "parameters": job.parameters,
            "log": str(job.log.relative_to(job.output)),
        }
        data = job.output / job.folder / "data"
        if data.is_dir():  # the CSVs behind the job's charts, as pages are listed
            entry["data"] = sorted(str(p.relative_to(job.output))
                                   for p in data.glob(f"{job.notebook}--*.csv"))
        if result and result.status == "failed" and job.failed_copy.exists():
            entry["failed_notebook"] = str(job.failed_copy.relative_to(job.output))
        entries.append(entry)
    counts = Counter(e["status"] for e in entries)
    return {
        "workshop": {
            "name": workshop.name,
            "title": workshop.title,
            "date": workshop.date,
            "organiser": workshop.organiser,
            "source": str(workshop.source),
        },
        "provenance": asdict(provenance),
        "data_pack": {"path": str(pack.path), "manifest_sha256": pack.manifest_hash},
        "summary": {
            "total": len(entries),
            "ok": counts.get("ok", 0),
            "failed": counts.get("failed", 0),
            "skipped": counts.get("skipped", 0),
            "not_run": counts.get("not run", 0),
            "duration_s": round(duration, 3),
        },
        "jobs": entries,
    }


def _unrecorded(job: Job) -> str:
    """A job without a result (the build was interrupted): its outputs may still be on disk
    and current (built earlier, or just before the interrupt), and the index says so."""
    return "skipped" if job.is_up_to_date() else "not run"


def merge_previous(report: dict, previous_path: Path) -> dict:
    """Keep the previous report's jobs that this build did not plan (a ``--only`` build
    plans some countries; the others' pages are still on disk and stay on the index)."""
    try:
        previous = json.loads(previous_path.read_text(encoding="utf-8"))
        earlier = previous["jobs"]
    except (OSError, ValueError, KeyError, TypeError):
        return report
    planned = {job["key"] for job in report["jobs"]}
    kept = [job for job in earlier if isinstance(job, dict) and job.get("key") not in planned]
    jobs = kept + report["jobs"]
    counts = Counter(job["status"] for job in jobs)
    summary = {**report["summary"], "total": len(jobs), "ok": counts.get("ok", 0),
               "failed": counts.get("failed", 0), "skipped": counts.get("skipped", 0),
               "not_run": counts.get("not run", 0)}
    return {**report, "summary": summary, "jobs": jobs}


def write_report(output: Path, report: dict) -> Path:
    path = output / REPORT_NAME
    atomic.write_text(path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return path
