"""The benchmark's verdicts and tables: each target measured in wall time (what is met) and in CPU time."""

from __future__ import annotations

from typing import Any

STAGES = ("discover", "parse", "validate", "check", "lint", "resolve", "render", "write")


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The issues' targets, for each explainer measured."""
    out: list[dict[str, Any]] = []

    def ratio(name: str, a: dict[str, Any], b: dict[str, Any], limit: float) -> None:
        value, cpu = a["total"] / b["total"], a["cpu"] / b["cpu"]
        out.append(
            {"target": name, "value": round(value, 4), "cpu": round(cpu, 4), "limit": limit, "met": value <= limit}
        )

    def at_most(name: str, value: float, cpu: float | None, limit: float) -> None:
        entry = {"target": name, "value": round(value, 4), "limit": limit, "met": value <= limit}
        out.append(entry if cpu is None else {**entry, "cpu": round(cpu, 4)})

    for kind, measured in results["corpora"].items():
        sizes = measured["sizes"]
        if sizes and kind == "synthetic":
            largest = max(sizes, key=int)
            size = sizes[largest]
            jobs, full = fastest(size)
            ratio(f"{kind}: generate {largest} briefs ({jobs} jobs) / C-loader floor", full, size["floor"], 1.5)
            at_most(f"{kind}: generate {largest} briefs ({jobs} jobs): peak MB", full["peak_mb"], None, 300)
            for edit in ("title", "body"):
                ratio(
                    f"{kind}: regenerate after a {edit} edit / generate ({largest})",
                    size["regenerate"][edit],
                    full,
                    0.03,
                )
        if sizes and kind == "real":
            for briefs, size in sizes.items():
                jobs, full = fastest(size)
                ratio(f"{kind}: generate {briefs} briefs ({jobs} jobs) / C-loader floor", full, size["floor"], 3.0)
            if len(sizes) > 1:
                small, large = min(sizes, key=int), max(sizes, key=int)
                a, b = fastest(sizes[small])[1], fastest(sizes[large])[1]
                fa, fb = sizes[small]["floor"], sizes[large]["floor"]
                growth, cpu = (
                    (b["total"] / a["total"]) / (fb["total"] / fa["total"]),
                    (b["cpu"] / a["cpu"]) / (fb["cpu"] / fa["cpu"]),
                )
                at_most(f"{kind}: generate {large} / {small}, against the floor's growth (linear)", growth, cpu, 1.2)
        for briefs, preview in measured["preview"].items():
            at_most(
                f"{kind}: serve {briefs} briefs, save → browser, body edit (s)",
                preview["body"]["seconds"],
                preview["body"]["cpu"],
                1.0,
            )
            at_most(
                f"{kind}: serve {briefs} briefs, save → browser, title edit (s)",
                preview["title"]["seconds"],
                preview["title"]["cpu"],
                2.0,
            )
            at_most(f"{kind}: serve {briefs} briefs, start-up (s)", preview["startup"], preview["startup_cpu"], 30.0)
        sites = measured["site"]
        if sites:
            small = min(sites, key=int)
            if "mkdocs_minimal" in sites[small]:
                entry = sites[small]
                ratio(
                    f"{kind}: site build {small} / mkdocs, minimal nav", entry["build"], entry["mkdocs_minimal"], 1.25
                )
            if len(sites) > 1:
                large = max(sites, key=int)
                a, b = sites[small]["build"], sites[large]["build"]
                ratio(f"{kind}: site build time {large} / {small}", b, a, 3.3)
                size_ratio = b["site_bytes"] / a["site_bytes"]
                at_most(f"{kind}: site size {large} / {small}", size_ratio, None, 3.3)
    return out


def fastest(size: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The quickest full generation of one size with the pictures kept: (jobs, its figures)."""
    warm = {jobs: run for jobs, run in size["generate"].items() if "cold" not in jobs}
    jobs = min(warm, key=lambda n: warm[n]["total"])
    return jobs, warm[jobs]


def table(results: dict[str, Any]) -> str:
    """The results as plain-text tables."""
    corpora = results["corpora"]
    lines = [
        *_section("Full generation (wall seconds), into an empty docs/", *_generation(corpora)),
        *_section("Regeneration after editing one brief (preview session)", *_regeneration(corpora)),
        *_section("The editor's loop: explainer serve, save → the served page shows it", *_previews(corpora)),
        *_section("Site build (generate + engine), and the engine alone", *_sites(corpora)),
        *_section("Targets", *_targets(results["targets"])),
    ]
    before, after = results["load_before"], results["load_after"]
    lines.append(f"load average before {before[0]:.2f}, after {after[0]:.2f} ({results['cpus']} CPUs)")
    return "\n".join(lines)


def _section(title: str, head: list[str], rows: list[list[str]]) -> list[str]:
    return [title, *_grid(head, rows), ""] if rows else []


def _generation(corpora: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    head = ["corpus", "briefs", "files", "jobs", *STAGES, "total", "cpu", "floor", "floor cpu", "×floor", "×floor cpu"]
    head += ["drawn", "peak MB"]
    rows = []
    for kind, measured in corpora.items():
        for briefs, size in measured["sizes"].items():
            floor = size["floor"]
            for jobs, gen in size["generate"].items():
                stages = [f"{gen['stages'].get(stage, 0.0):.2f}" for stage in STAGES]
                totals = [f"{gen['total']:.2f}", f"{gen['cpu']:.2f}", f"{floor['total']:.2f}", f"{floor['cpu']:.2f}"]
                ratios = [f"{gen['total'] / floor['total']:.2f}", f"{gen['cpu'] / floor['cpu']:.2f}"]
                drawn = f"{gen.get('pictures_drawn', 0)}/{gen.get('pictures', 0)}"
                rows.append(
                    [kind, briefs, str(size["files"]), jobs, *stages, *totals, *ratios, drawn, f"{gen['peak_mb']:.0f}"]
                )
    return head, rows


def _regeneration(corpora: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    head = ["corpus", "briefs", "first run", "edit", "seconds", "cpu", "% of full", "% cpu", "files rewritten"]
    rows = []
    for kind, measured in corpora.items():
        for briefs, size in measured["sizes"].items():
            regen, full = size["regenerate"], fastest(size)[1]
            for edit in ("title", "body"):
                run = regen[edit]
                percents = [f"{100 * run['total'] / full['total']:.1f}", f"{100 * run['cpu'] / full['cpu']:.1f}"]
                rows.append([kind, briefs, f"{regen['first']:.2f}", edit, f"{run['total']:.3f}", f"{run['cpu']:.3f}"])
                rows[-1] += [*percents, str(run["written"])]
    return head, rows


def _previews(corpora: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    head = [
        "corpus",
        "briefs",
        "start-up s",
        "cpu s",
        "body edit s",
        "cpu s",
        "title edit s",
        "cpu s",
        "runs (body; title)",
    ]
    rows = []
    for kind, measured in corpora.items():
        for briefs, run in measured["preview"].items():
            each = "; ".join(", ".join(f"{r['seconds']:.2f}" for r in run[edit]["runs"]) for edit in ("body", "title"))
            rows.append([kind, briefs, f"{run['startup']:.1f}", f"{run['startup_cpu']:.1f}"])
            rows[-1] += [f"{run['body']['seconds']:.2f}", f"{run['body']['cpu']:.2f}"]
            rows[-1] += [f"{run['title']['seconds']:.2f}", f"{run['title']['cpu']:.2f}", each]
    return head, rows


def _sites(corpora: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    head = ["corpus", "briefs", "build", "seconds", "cpu s", "site MB"]
    rows = []
    for kind, measured in corpora.items():
        for briefs, entry in measured["site"].items():
            for name, run in entry.items():
                rows.append(
                    [kind, briefs, name, f"{run['total']:.2f}", f"{run['cpu']:.2f}", f"{run['site_bytes'] / 1e6:.1f}"]
                )
    return head, rows


def _targets(found: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    head = ["target", "wall", "cpu", "limit", "met"]
    rows = []
    for t in found:
        cpu = f"{t['cpu']:.3f}" if "cpu" in t else ""
        rows.append([t["target"], f"{t['value']:.3f}", cpu, str(t["limit"]), "yes" if t["met"] else "NO"])
    return head, rows


def _grid(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    return [fmt.format(*head), fmt.format(*("-" * w for w in widths)), *(fmt.format(*row) for row in rows)]
