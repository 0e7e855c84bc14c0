"""A briefing a reader can check: one self-contained HTML file (or PDF) per period/actor.

Sections: period covered and what the database holds; key events in date order,
each with its evidence sentence and numbered citations to the articles (title,
outlet, date, url); how the main relations changed month by month; the main
claims and who made them; disputed events; a network picture and an activity
chart drawn with matplotlib (embedded as base64 PNG, so the file stands alone).
All database text is HTML-escaped; only http(s) links are kept.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from newsgraph.api import KnowledgeBase
from newsgraph.errors import NewsgraphError

MAX_KEY_EVENTS = 25
MAX_RELATIONS = 6
COLOURS = {"cooperative": "#2b8a3e", "conflictual": "#c92a2a", "other": "#868e96"}
KIND_COLOURS = {"person": "#4e79a7", "organization": "#f28e2b", "country": "#59a14f"}


class BriefError(NewsgraphError):
    """The briefing cannot be written (bad output path, PDF renderer missing)."""


def esc(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else html.escape(str(v))


def _safe_url(u: Any) -> str | None:
    return u if isinstance(u, str) and u.lower().startswith(("http://", "https://")) else None


def _ids(text: Any) -> list[str]:
    return [p.strip() for p in text.split(";") if p.strip()] if isinstance(text, str) else []


def _cls(kb: KnowledgeBase, t: str) -> str:
    return ("cooperative" if kb.plover.is_cooperative(t)
            else "conflictual" if kb.plover.is_conflictual(t) else "other")


def _png(fig: Any) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def activity_chart(kb: KnowledgeBase, events: pd.DataFrame) -> str | None:
    """Events per month, stacked by cooperative / conflictual (base64 PNG data URL)."""
    from matplotlib.figure import Figure

    dated = events[events["date"].notna()]
    if dated.empty:
        return None
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for d, t in zip(dated["date"], dated["type"], strict=True):
        counts[str(d)[:7] if len(str(d)) >= 7 else str(d)[:4]][_cls(kb, t)] += 1
    periods = sorted(counts)
    fig = Figure(figsize=(7.5, 2.6))
    ax = fig.add_subplot()
    bottom = [0] * len(periods)
    for cls in ("cooperative", "conflictual", "other"):
        vals = [counts[p][cls] for p in periods]
        if any(vals):
            ax.bar(periods, vals, bottom=bottom, color=COLOURS[cls], label=cls)
            bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    ax.set_ylabel("events")
    ax.set_title("Events per month (year-dated events under their year)")
    ax.legend(frameon=False, fontsize=8)
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def network_picture(kb: KnowledgeBase, events: pd.DataFrame) -> str | None:
    """The actor network of the period (base64 PNG data URL)."""
    import networkx as nx
    from matplotlib.figure import Figure

    g = nx.Graph()
    weights: Counter[tuple[str, str, str]] = Counter()
    for r in events.to_dict(orient="records"):
        for s in _ids(r["source_ids"]):
            for t in _ids(r["target_ids"]):
                if s != t:
                    a, b = sorted((s, t))
                    weights[(a, b, _cls(kb, r["type"]))] += 1
                    g.add_edge(a, b)
    if not g:
        return None
    actors = kb.actors().set_index("id")
    pos = nx.spring_layout(g, seed=7)
    fig = Figure(figsize=(7.5, 5))
    ax = fig.add_subplot()
    for (a, b, cls), w in weights.items():
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot([x1, x2], [y1, y2], color=COLOURS[cls], linewidth=1 + 1.5 * w, alpha=0.6,
                zorder=1)
    deg = Counter()
    for (a, b, _), w in weights.items():
        deg[a] += w
        deg[b] += w
    for n, (x, y) in pos.items():
        kind = actors.loc[n, "kind"] if n in actors.index else "organization"
        name = actors.loc[n, "name"] if n in actors.index else n
        ax.scatter([x], [y], s=80 + 60 * deg[n], color=KIND_COLOURS.get(kind, "#999"),
                   edgecolors="white", zorder=2)
        ax.annotate(str(name), (x, y), xytext=(0, -14), textcoords="offset points",
                    ha="center", fontsize=8, zorder=3)
    ax.set_axis_off()
    ax.set_title("Who interacted with whom (green cooperative, red conflictual)")
    ax.margins(0.15)
    return _png(fig)


class _Citations:
    """Numbered references to articles, in order of first citation."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}
        self.items: list[dict[str, Any]] = []

    def cite(self, ev: dict[str, Any]) -> int:
        key = ev["article_id"]
        if key not in self.order:
            self.order[key] = len(self.items) + 1
            self.items.append(ev)
        return self.order[key]

    def html(self) -> str:
        rows = []
        for i, a in enumerate(self.items, 1):
            url = _safe_url(a.get("url"))
            link = f' <a href="{esc(url)}">{esc(url)}</a>' if url else ""
            rows.append(f'<li id="ref-{i}"><em>{esc(a.get("title") or "untitled")}</em>, '
                        f'{esc(a.get("outlet") or "unknown outlet")}, '
                        f'{esc(a.get("published") or "undated")}.{link}</li>')
        return "<ol class='refs'>" + "".join(rows) + "</ol>"


def _date_label(r: dict[str, Any]) -> str:
    d, p = r.get("date"), r.get("date_precision")
    if not isinstance(d, str):
        return "undated"
    return d if p in (None, "day") else f"{d} ({p})"


def _key_events(events: pd.DataFrame) -> pd.DataFrame:
    if len(events) <= MAX_KEY_EVENTS:
        return events
    ranked = events.sort_values(["source_count", "mention_count", "confidence", "id"],
                                ascending=[False, False, False, True])
    keep = set(ranked.head(MAX_KEY_EVENTS)["id"])
    return events[events["id"].isin(keep)]


def _relations(kb: KnowledgeBase, events: pd.DataFrame) -> str:
    dyads: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for r in events.to_dict(orient="records"):
        src, tgt = _ids(r["source_ids"]), _ids(r["target_ids"])
        for i, s in enumerate(src):
            names[s] = _ids(r["source"])[i] if i < len(_ids(r["source"])) else s
        for i, t in enumerate(tgt):
            names[t] = _ids(r["target"])[i] if i < len(_ids(r["target"])) else t
        period = str(r["date"])[:7] if isinstance(r["date"], str) else "undated"
        for s in src:
            for t in tgt:
                if s != t:
                    dyads[tuple(sorted((s, t)))][(period, _cls(kb, r["type"]))] += 1
    if not dyads:
        return "<p>No relations between actors in this period.</p>"
    top = sorted(dyads, key=lambda d: (-sum(dyads[d].values()), d))[:MAX_RELATIONS]
    parts = []
    for a, b in top:
        c = dyads[(a, b)]
        periods = sorted({p for p, _ in c})
        cells = "".join(
            f"<tr><td>{esc(p)}</td><td class='num coop'>{c[(p, 'cooperative')]}</td>"
            f"<td class='num conf'>{c[(p, 'conflictual')]}</td></tr>" for p in periods)
        coop = sum(v for (p, k), v in c.items() if k == "cooperative")
        conf = sum(v for (p, k), v in c.items() if k == "conflictual")
        trend = _trend(c, periods)
        parts.append(
            f"<div class='relation'><h3>{esc(names.get(a, a))} – {esc(names.get(b, b))}</h3>"
            f"<p>{coop} cooperative and {conf} conflictual events. {esc(trend)}</p>"
            "<table><thead><tr><th>month</th><th>cooperative</th><th>conflictual</th></tr>"
            f"</thead><tbody>{cells}</tbody></table></div>")
    return "".join(parts)


def _trend(c: Counter[tuple[str, str]], periods: list[str]) -> str:
    dated = [p for p in periods if p != "undated"]
    if len(dated) < 2:
        return "Reported in one period only."

    def tone(p: str) -> str:
        co, cf = c[(p, "cooperative")], c[(p, "conflictual")]
        return "cooperative" if co > cf else "conflictual" if cf > co else "mixed"

    first, last = tone(dated[0]), tone(dated[-1])
    if first == last:
        return f"Mostly {first} from {dated[0]} to {dated[-1]}."
    return f"Moved from {first} ({dated[0]}) to {last} ({dated[-1]})."


def build_brief_html(kb: KnowledgeBase, actor: str | None = None, since: str | None = None,
                     until: str | None = None) -> str:
    """The briefing as one HTML string (images inline)."""
    events = kb.events(actor=actor, since=since, until=until)
    summary = kb.summary()
    cites = _Citations()
    who = kb.actor(actor).name if actor else "all actors"
    dated = events[events["date"].notna()]
    lo = since or (min(dated["date"]) if not dated.empty else None)
    hi = until or (max(dated["date"]) if not dated.empty else None)
    period = f"{lo} to {hi}" if lo and hi else "all dates"
    evidence_cache: dict[str, list[dict[str, Any]]] = {}

    def evidence(eid: str) -> list[dict[str, Any]]:
        if eid not in evidence_cache:
            evidence_cache[eid] = kb.evidence(eid).to_dict(orient="records")
        return evidence_cache[eid]

    key_rows = []
    for r in _key_events(events).to_dict(orient="records"):
        ev = evidence(r["id"])
        refs = sorted({cites.cite(e) for e in ev})
        refs_html = " ".join(f"<a href='#ref-{n}'>[{n}]</a>" for n in refs)
        flags = []
        if r["status"] != "occurred":
            flags.append(f"<span class='flag'>{esc(r['status'])}</span>")
        if isinstance(r["reported_by"], str):
            flags.append(f"<span class='flag claim'>according to {esc(r['reported_by'])}</span>")
        if r["disputed"]:
            flags.append("<span class='flag disputed'>disputed</span>")
        sentence = ev[0]["sentence"] if ev else r["first_sentence"]
        key_rows.append(
            f"<li><span class='date'>{esc(_date_label(r))}</span> "
            f"<strong>{esc(r['type'])}</strong> {esc(r['source'] or '?')} → "
            f"{esc(r['target'] or '?')}"
            + (f" at {esc(r['location'])}" if isinstance(r["location"], str) else "")
            + f" {' '.join(flags)} {refs_html}"
            f"<blockquote>{esc(sentence)}</blockquote></li>")
    claims: dict[str, list[str]] = defaultdict(list)
    disputed = []
    for r in events.to_dict(orient="records"):
        for e in evidence(r["id"]) if r["disputed"] or isinstance(r["reported_by"], str) else []:
            if isinstance(e.get("reported_by"), str):
                n = cites.cite(e)
                claims[e["reported_by"]].append(
                    f"<li>{esc(_date_label(r))}: {esc(r['type'])} {esc(r['source'])} → "
                    f"{esc(r['target'])} — “{esc(e['sentence'])}” "
                    f"<a href='#ref-{n}'>[{n}]</a></li>")
        if r["disputed"]:
            sides = []
            for e in evidence(r["id"]):
                n = cites.cite(e)
                sides.append(f"<li><em>{esc(e['status'])}</em>: “{esc(e['sentence'])}” "
                             f"<a href='#ref-{n}'>[{n}]</a></li>")
            disputed.append(f"<li>{esc(_date_label(r))} {esc(r['type'])} {esc(r['source'])} → "
                            f"{esc(r['target'])}<ul>{''.join(sides)}</ul></li>")
    claims_html = "".join(
        f"<h3>{esc(who_)} ({len(items)})</h3><ul>{''.join(items)}</ul>"
        for who_, items in sorted(claims.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    net = network_picture(kb, events)
    act = activity_chart(kb, events)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = f"""
<h1>Briefing: {esc(who)}</h1>
<p class="meta">Period covered: <strong>{esc(period)}</strong> · {len(events)} events from
{summary['articles']} articles in the database · generated {esc(generated)} by newsgraph.
Events are machine-extracted; every one below cites the articles it was read from.</p>
<h2 id="activity">Activity</h2>
{f'<img alt="Events per month" src="{act}">' if act else '<p>No dated events.</p>'}
<h2 id="key-events">Key events</h2>
{('<ol class="events">' + ''.join(key_rows) + '</ol>') if key_rows else '<p>No events.</p>'}
{f'<p class="meta">The {MAX_KEY_EVENTS} best-attested of {len(events)} events.</p>'
 if len(events) > MAX_KEY_EVENTS else ''}
<h2 id="relations">How the main relations changed</h2>
{_relations(kb, events)}
<h2 id="claims">Main claims and who made them</h2>
{claims_html or '<p>No attributed claims in this period.</p>'}
<h2 id="disputed">Where sources disagree</h2>
{('<ul>' + ''.join(disputed) + '</ul>') if disputed else '<p>No disputed events.</p>'}
<h2 id="network">Network</h2>
{f'<img alt="Actor network" src="{net}">' if net else '<p>No relations to draw.</p>'}
<h2 id="sources">Sources</h2>
{cites.html()}
"""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Briefing: {esc(who)} ({esc(period)})</title>
<style>
body {{ font: 14px/1.5 Georgia, serif; max-width: 52rem; margin: 2rem auto; color: #212529; }}
h1 {{ font-size: 1.6rem; }} h2 {{ border-bottom: 1px solid #dee2e6; margin-top: 2rem; }}
.meta {{ color: #6c757d; }} .date {{ font-family: monospace; }}
blockquote {{ margin: .2rem 0 .8rem 1rem; color: #495057; font-style: italic; }}
.flag {{ font-size: .8rem; background: #fff3bf; padding: 0 .3rem; border-radius: 3px; }}
.flag.claim {{ background: #e5dbff; }} .flag.disputed {{ background: #ffdeeb; }}
table {{ border-collapse: collapse; }} td, th {{ padding: .1rem .6rem;
 border-bottom: 1px solid #eee; }}
.num {{ text-align: right; }} .coop {{ color: #2b8a3e; }} .conf {{ color: #c92a2a; }}
img {{ max-width: 100%; }}
</style></head><body>{body}</body></html>
"""


def write_brief(kb: KnowledgeBase, out: Path | str, actor: str | None = None,
                since: str | None = None, until: str | None = None) -> Path:
    """Write the briefing to ``out``: HTML, or PDF when ``out`` ends with ``.pdf``."""
    out = Path(out)
    doc = build_brief_html(kb, actor=actor, since=since, until=until)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".pdf":
            try:
                from weasyprint import HTML
            except (ImportError, OSError) as exc:
                raise BriefError(f"PDF output needs weasyprint ({exc}); write .html instead"
                                 ) from exc
            HTML(string=doc).write_pdf(out)
        else:
            out.write_text(doc, encoding="utf-8")
    except OSError as exc:
        raise BriefError(f"cannot write {out}: {exc}") from exc
    return out
