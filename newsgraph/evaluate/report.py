"""Plain-text rendering of Scores, readable in a terminal and in a CI log."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.evaluate.scorer import Scores


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def format_scores_table(scores: Scores) -> str:
    """Per-article actor and event P/R/F1, then micro and macro totals and the extras."""
    width = max([len("micro (headline)")] + [len(a.doc_id) for a in scores.articles])
    head = (
        f"{'article':<{width}}  {'actors P':>8} {'R':>5} {'F1':>5}   "
        f"{'events P':>8} {'R':>5} {'F1':>5}   {'match/gold/pred':>15}"
    )
    lines = [head, "-" * len(head)]

    def row(
        label: str, ap: float, ar: float, af: float, ep: float, er: float, ef: float, counts: str
    ) -> str:
        return (
            f"{label:<{width}}  {ap:8.2f} {ar:5.2f} {af:5.2f}   "
            f"{ep:8.2f} {er:5.2f} {ef:5.2f}   {counts:>15}"
        )

    for a in scores.articles:
        label = a.doc_id if a.has_prediction else f"{a.doc_id} (no prediction)"
        counts = f"{a.matched}/{a.events.n_gold}/{a.events.n_pred}"
        lines.append(
            row(
                label,
                a.actors.precision,
                a.actors.recall,
                a.actors.f1,
                a.events.precision,
                a.events.recall,
                a.events.f1,
                counts,
            )
        )
    lines.append("-" * len(head))
    am, em = scores.actors_micro, scores.events_micro
    lines.append(
        row(
            "micro (headline)",
            am.precision,
            am.recall,
            am.f1,
            em.precision,
            em.recall,
            em.f1,
            f"{scores.matched}/{em.n_gold}/{em.n_pred}",
        )
    )
    n = len(scores.articles) or 1
    macro = [
        sum(getattr(getattr(a, part), metric) for a in scores.articles) / n
        for part in ("actors", "events")
        for metric in ("precision", "recall", "f1")
    ]
    lines.append(row("macro", *macro, ""))
    acc = scores.attribute_accuracy
    lines.append("")
    lines.append(
        f"Over {scores.matched} matched events: "
        + "  ".join(f"{name} {_pct(value).strip()}" for name, value in acc.items())
    )
    ident = scores.identity
    lines.append(
        f"Cross-article identity: {ident.kept}/{ident.eligible} actors spelled differently "
        f"across keys kept whole ({_pct(ident.share).strip()}); "
        f"all actors in 2+ keys: {ident.multi_article_kept}/{ident.multi_article} "
        f"({_pct(ident.multi_article_share).strip()})"
    )
    lines.append(f"Headline: events micro F1 = {scores.headline:.3f}")
    if scores.unscored_predictions:
        lines.append(f"Predictions without an answer key: {len(scores.unscored_predictions)}")
    return "\n".join(lines)
