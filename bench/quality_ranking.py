"""Ranking quality: role-profile ranking from a job description against BM25 keyword search, same resumes.

    python -m bench.quality_ranking              # one JSON line per figure on stdout, progress on stderr
    python -m bench.quality_ranking --details    # also each profile's requirements and who holds them
    python -m bench.quality_ranking --resumes held-out.csv --jds held-out-jds/ --lang zh    # another set

Data: ``../shared/data/kaggle-resumes-en/resumes.csv`` (96 English resumes, 23 categories; the folder can be
moved with ``TALENTPOOL_DATA_DIR``), read at run time and never copied into the repository; the category of a
resume is its label. Queries: one job description per category, written for this evaluation
(``bench/jds/en/<category slug>.md``, see bench/jds/README.md). Another set in the same shape (a CSV with
``Category`` and ``Resume`` columns, a folder of ``<category slug>.md``) goes through the same code with
``--resumes``/``--jds``/``--lang``; the language names the figures (``ranking_p_at_3_<lang>``) and the tenant.

Ours, through the product's own paths only: a dedicated tenant ``quality-en`` is deleted and created again
(seeded taxonomy), every resume goes in as a ``.txt`` upload through ``resumes_ingest`` (store → extract →
parse → candidate with extracted tags), every JD becomes a role profile through ``profile_create_from_jd``,
and ``matching.rank`` orders the pool for it, all of it (paged). The default mode (``"combined"``: everyone
meeting every must-have first, then the others below a divider) is reported as ``*_default``;
``must_have_mode="flag"`` keeps the historical headline names:
a candidate missing a must-have stays in the list with half the score, so a must-have the suggestion chose
wrongly demotes a relevant resume instead of hiding it, and both rankers are judged on the same pool;
``"exclude"`` is reported beside it. ``rank`` returns only candidates who meet at least one requirement; the
others count as unranked (behind every ranked one, never relevant for P@3 or the reciprocal rank). Most
Kaggle resumes carry no name or contact; parsing would import them as unnamed (blind) candidates, but each
upload gets one synthetic contact line (``resume-017@quality-en.invalid``) above the resume text so every
resume stays one identifiable candidate across runs; the tagger finds nothing in it.

Baseline, measured in the same run over exactly the same resumes: Okapi BM25 (k1 = 1.5, b = 0.75, Lucene's
non-negative idf) over the raw resume text, the whole JD as the query (a repeated query word counts each
time, as in a search box backed by Lucene), lowercase word tokens (CJK runs as character bigrams).

Metrics, relevant = same category as the JD: P@3 = relevant among the first 3 / min(3, number relevant)
(Health and fitness has one resume, four categories two); ``strict`` also reports the plain /3. MRR = mean
over JDs of 1 / rank of the first relevant resume (0 when none is ranked). Ties keep the order each ranker
returns (BM25: score, then CSV order).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("TALENTPOOL_DATA_DIR", "").strip() or ROOT.parent / "shared" / "data")
RESUMES_CSV = DATA / "kaggle-resumes-en" / "resumes.csv"
JD_ROOT = ROOT / "bench" / "jds"
LANG = "en"
K = 3
BM25_K1 = 1.5
BM25_B = 0.75
BASELINE_NAME = "Okapi BM25 (k1 1.5, b 0.75) over the raw resume text, the JD as the query"

# -- metrics and the baseline: pure, no Django -----------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_CJK_RUN = re.compile(rf"[{_CJK}]+")


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens (letters and digits; punctuation splits). A run of CJK characters, which has
    no spaces between words, gives its character bigrams (a lone character stays itself)."""
    tokens: list[str] = []
    for run in _TOKEN.findall((text or "").lower()):
        if _CJK_RUN.fullmatch(run):
            tokens.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        else:
            tokens.append(run)
    return tokens


class BM25:
    """Okapi BM25 over a fixed list of documents.

    score(d, q) = Σ over the query's tokens t (repeats included) of
    idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl)),
    idf(t) = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5)) — never negative, so a word in most documents counts
    little instead of against.
    """

    def __init__(self, documents: Sequence[str], *, k1: float = BM25_K1, b: float = BM25_B):
        self.k1, self.b = k1, b
        self.term_counts = [Counter(tokenize(document)) for document in documents]
        self.lengths = [sum(counts.values()) for counts in self.term_counts]
        self.avgdl = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        document_frequency: Counter = Counter()
        for counts in self.term_counts:
            document_frequency.update(counts.keys())
        n = len(documents)
        self.idf = {t: math.log(1.0 + (n - df + 0.5) / (df + 0.5)) for t, df in document_frequency.items()}

    def scores(self, query: str) -> list[float]:
        """The score of every document for ``query``, in document order."""
        query_terms = [t for t in tokenize(query) if t in self.idf]
        out = []
        for counts, length in zip(self.term_counts, self.lengths, strict=True):
            norm = self.k1 * (1.0 - self.b + self.b * length / self.avgdl) if self.avgdl else self.k1
            total = 0.0
            for term in query_terms:
                tf = counts.get(term, 0)
                if tf:
                    total += self.idf[term] * tf * (self.k1 + 1.0) / (tf + norm)
            out.append(total)
        return out

    def rank(self, query: str) -> list[int]:
        """Document indexes, best first; equal scores keep document order."""
        scores = self.scores(query)
        return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def precision_at_k(relevant: Sequence[bool], k: int = K, n_relevant: int | None = None) -> float:
    """Relevant results among the first ``k``, divided by ``k`` — or by min(k, n_relevant) when the number of
    relevant documents is given, so a query with fewer than k relevant ones can still reach 1.0."""
    if k <= 0:
        raise ValueError("k must be positive")
    denominator = k if n_relevant is None else min(k, n_relevant)
    if denominator <= 0:
        return 0.0
    return sum(1 for hit in list(relevant)[:k] if hit) / denominator


def reciprocal_rank(relevant: Sequence[bool]) -> float:
    """1 / the 1-based rank of the first relevant result; 0.0 when none is relevant."""
    for position, hit in enumerate(relevant, start=1):
        if hit:
            return 1.0 / position
    return 0.0


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class QueryScore:
    """How one ranking did for one JD."""

    category: str
    n_relevant: int
    p_at_k: float
    p_at_k_strict: float
    rr: float
    first_relevant: int | None  # 1-based rank of the first relevant resume, None when none is ranked
    top: tuple[str, ...]  # the categories of the first k results
    ranked: int  # how many resumes the ranking returned


def score_ranking(category: str, ranked_categories: Sequence[str], n_relevant: int, k: int = K) -> QueryScore:
    """Score one ranking (the category of each ranked resume, best first) against the JD's ``category``."""
    hits = [c == category for c in ranked_categories]
    rr = reciprocal_rank(hits)
    return QueryScore(
        category=category,
        n_relevant=n_relevant,
        p_at_k=precision_at_k(hits, k, n_relevant),
        p_at_k_strict=precision_at_k(hits, k),
        rr=rr,
        first_relevant=round(1 / rr) if rr else None,
        top=tuple(ranked_categories[:k]),
        ranked=len(ranked_categories),
    )


@dataclass
class Summary:
    name: str
    scores: list[QueryScore] = field(default_factory=list)

    @property
    def p_at_k(self) -> float:
        return mean(s.p_at_k for s in self.scores)

    @property
    def p_at_k_strict(self) -> float:
        return mean(s.p_at_k_strict for s in self.scores)

    @property
    def mrr(self) -> float:
        return mean(s.rr for s in self.scores)


# -- data ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resume:
    index: int  # row number in the CSV, 0-based
    category: str
    text: str


@dataclass(frozen=True)
class JobDescription:
    category: str
    slug: str
    title: str
    text: str


def category_slug(category: str) -> str:
    """Category name → JD file slug: "DotNet Developer" → "dotnet-developer", "HR" → "hr" (Chinese kept)."""
    return re.sub(rf"[^a-z0-9{_CJK}]+", "-", category.lower()).strip("-")


def read_resumes(path: Path = RESUMES_CSV) -> list[Resume]:
    """The resumes of the CSV in file order (text as stored: the data's mojibake is left as it is)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Resume(i, row["Category"].strip(), row["Resume"])
            for i, row in enumerate(csv.DictReader(handle))
            if row["Resume"].strip()
        ]


def read_jds(categories: Iterable[str], directory: Path = JD_ROOT / LANG) -> list[JobDescription]:
    """One JD per category, from ``<slug>.md``; its first line (without ``#``) is the role title. A missing
    file is an error: every category must be asked for."""
    jds = []
    for category in sorted(set(categories)):
        slug = category_slug(category)
        path = directory / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        title = text.strip().splitlines()[0].lstrip("#").strip()
        jds.append(JobDescription(category, slug, title, text))
    return jds


def tenant_slug(lang: str) -> str:
    return f"quality-{lang}"


def contact_line(resume: Resume, slug: str) -> str:
    """The synthetic contact line each anonymised resume gets (parsing needs a name, email or phone)."""
    return f"resume-{resume.index:03d}@{slug}.invalid"


def upload_bytes(resume: Resume, slug: str) -> bytes:
    return f"{contact_line(resume, slug)}\n\n{resume.text}\n".encode()


# -- ours: through the product -----------------------------------------------------------------------------------


def delete_tenant(slug: str) -> bool:
    """Delete an evaluation tenant: its stored files, its rows and its bench admin. False when there is none."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from bench.generate import bench_admin_email
    from candidates.models import Candidate, Document
    from profiles.models import RoleProfile
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant

    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is None:
        return False
    with transaction.atomic(), tenant_context(tenant):
        for document in Document.objects.all():
            document.file.delete(save=False)
        # Role profiles first (their requirements protect the tags), then candidates, whose children
        # (tags, history, contacts) cascade in the ORM, not in SQL; then the tenant and the rest.
        RoleProfile.objects.all().delete()
        Candidate.objects.all().delete()
        tenant.delete()
    get_user_model().objects.filter(email=bench_admin_email(slug)).delete()
    return True


def recreate_tenant(slug: str, language: str = "en"):
    """Delete the evaluation tenant if it exists and create it again (seeded taxonomy, a bench admin)."""
    from bench.common import progress
    from bench.generate import bench_admin_email
    from talentpool.tenancy.services import tenant_create

    if delete_tenant(slug):
        progress(f"quality_ranking: deleted the old tenant {slug!r}")
    return tenant_create(
        name=f"Bench {slug}", slug=slug, admin_email=bench_admin_email(slug), default_language=language
    ).tenant


def import_resumes(tenant, resumes: Sequence[Resume]) -> tuple[dict[int, int], list[str]]:
    """Upload every resume as a .txt file and parse it now. Returns ({resume index: candidate id}, problems)."""
    from candidates.services import resumes_ingest

    candidate_of: dict[int, int] = {}
    problems: list[str] = []
    for resume in resumes:
        name = f"resume-{resume.index:03d}.txt"
        data = upload_bytes(resume, tenant.slug)
        items = resumes_ingest(tenant, uploads=[(name, data, "text/plain")], parse_now=True)
        document = items[0].document if items else None
        if document is None or document.parse_status != "parsed" or not document.candidate_id:
            error = (items[0].error if items else "") or (document.parse_error if document else "no document")
            problems.append(f"not imported: row {resume.index} ({resume.category}): {error}")
            continue
        candidate_of[resume.index] = document.candidate_id
    return candidate_of, problems


@dataclass
class ProfileRun:
    jd: JobDescription
    profile_id: int
    requirements: list[dict]
    rankings: dict[str, list[int]]  # must-have mode → candidate ids, best first
    matches: dict[str, list] = field(default_factory=dict)  # must-have mode → matching.Match, best first


def rank_jds(tenant, jds: Sequence[JobDescription], pool_size: int, modes: Sequence[str]) -> list[ProfileRun]:
    """Create a profile from each JD and rank the whole pool for it in each must-have mode."""
    from profiles.services import profile_create_from_jd
    from talentpool.tenancy.context import tenant_context

    runs = []
    with tenant_context(tenant):
        for jd in jds:
            profile = profile_create_from_jd(title=jd.title, jd_text=jd.text)
            requirements = [
                {
                    "key": r.tag.key,
                    "group": r.group,
                    "weight": r.weight,
                    "must_have": r.must_have,
                    "evidence": r.evidence_text,
                }
                for r in profile.requirements.select_related("tag").order_by("position", "id")
            ]
            matches = {mode: rank_all(profile, mode, pool_size) for mode in modes}
            rankings = {mode: [m.candidate_id for m in found] for mode, found in matches.items()}
            runs.append(ProfileRun(jd, profile.pk, requirements, rankings, matches))
    return runs


def rank_all(profile, mode: str, pool_size: int) -> list:
    """Every match ``rank`` returns for ``profile`` (page by page: one call returns at most MAX_LIMIT)."""
    from profiles.matching import MAX_LIMIT, MatchOptions, rank

    found: list = []
    while len(found) < pool_size:
        page = rank(profile, MatchOptions(must_have_mode=mode, limit=MAX_LIMIT, offset=len(found)))
        found += page
        if len(page) < MAX_LIMIT:
            break
    return found


def candidate_tag_keys(tenant, candidate_ids: Iterable[int]) -> dict[int, set[str]]:
    """The live tag keys of each candidate (for the per-category diagnostics)."""
    from candidates.models import CandidateTag
    from talentpool.tenancy.context import tenant_context

    keys: dict[int, set[str]] = {cid: set() for cid in candidate_ids}
    with tenant_context(tenant):
        rows = CandidateTag.objects.filter(removed_at__isnull=True, candidate_id__in=list(keys)).values_list(
            "candidate_id", "tag__key"
        )
        for candidate_id, key in rows:
            keys[candidate_id].add(key)
    return keys


# -- the evaluation --------------------------------------------------------------------------------------------

# "combined" is the product's default (everyone meeting every must-have first, then the others below a
# divider); "flag" mixes the others in at half the score; "exclude" leaves them out.
MODES = ("combined", "flag", "exclude")


@dataclass
class Evaluation:
    lang: str
    resumes: int
    jds: int
    problems: list[str]
    bm25: Summary
    ours: dict[str, Summary]
    runs: list[ProfileRun]
    tag_keys: dict[int, set[str]]
    category_of: dict[int, str]  # candidate id → category


def evaluate(
    *, resumes_csv: Path = RESUMES_CSV, jd_dir: Path | None = None, lang: str = LANG, details: bool = False
) -> Evaluation:
    """Run the whole evaluation (needs Django set up and the database)."""
    from bench.common import Stopwatch, progress

    resumes = read_resumes(resumes_csv)
    jds = read_jds((r.category for r in resumes), jd_dir or JD_ROOT / lang)
    with Stopwatch() as watch:
        tenant = recreate_tenant(tenant_slug(lang), "zh-hans" if lang.startswith("zh") else "en")
        candidate_of, problems = import_resumes(tenant, resumes)
    progress(f"quality_ranking: imported {len(candidate_of)}/{len(resumes)} resumes in {watch.seconds:.1f} s")
    # Two rows that became one candidate (same contact) would make the label ambiguous: keep neither.
    shared = {cid for cid, n in Counter(candidate_of.values()).items() if n > 1}
    kept = [r for r in resumes if r.index in candidate_of and candidate_of[r.index] not in shared]
    if shared:
        problems.append(f"{len(shared)} candidates hold more than one row; those rows are left out of both")
    category_of = {candidate_of[r.index]: r.category for r in kept}
    relevant = Counter(r.category for r in kept)

    with Stopwatch() as watch:
        runs = rank_jds(tenant, jds, len(category_of) + len(shared), MODES)
    progress(f"quality_ranking: {len(runs)} profiles created and ranked in {watch.seconds:.1f} s")
    ours = {mode: Summary(f"tags, must-have {mode}") for mode in MODES}
    for run in runs:
        for mode in MODES:
            ranked = [category_of[cid] for cid in run.rankings[mode] if cid in category_of]
            ours[mode].scores.append(score_ranking(run.jd.category, ranked, relevant[run.jd.category]))

    bm25 = Summary("BM25")
    index = BM25([r.text for r in kept])
    for jd in jds:
        ranked = [kept[i].category for i in index.rank(jd.text)]
        bm25.scores.append(score_ranking(jd.category, ranked, relevant[jd.category]))

    tag_keys = candidate_tag_keys(tenant, category_of) if details else {}
    return Evaluation(lang, len(kept), len(jds), problems, bm25, ours, runs, tag_keys, category_of)


def figures(evaluation: Evaluation) -> list[dict]:
    """The bench's JSON lines: ours (must-have flag, then exclude) against BM25 of the same run."""
    from bench.common import figure

    base = evaluation.bm25
    what = f"{BASELINE_NAME}; {evaluation.resumes} resumes, {evaluation.jds} JDs"
    flag, exclude, lang = evaluation.ours["flag"], evaluation.ours["exclude"], evaluation.lang
    default = evaluation.ours["combined"]
    out = [
        figure(f"ranking_p_at_3_{lang}_default", default.p_at_k, "P@3", base.p_at_k, what),
        figure(f"ranking_mrr_{lang}_default", default.mrr, "MRR", base.mrr, what),
        figure(f"ranking_p_at_3_{lang}", flag.p_at_k, "P@3", base.p_at_k, what),
        figure(f"ranking_mrr_{lang}", flag.mrr, "MRR", base.mrr, what),
        figure(f"ranking_p_at_3_strict_{lang}", flag.p_at_k_strict, "P@3 (/3)", base.p_at_k_strict, what),
        figure(f"ranking_p_at_3_{lang}_must_have_exclude", exclude.p_at_k, "P@3", base.p_at_k, what),
        figure(f"ranking_mrr_{lang}_must_have_exclude", exclude.mrr, "MRR", base.mrr, what),
    ]
    return [asdict(f) for f in out]


def category_table(evaluation: Evaluation) -> str:
    """A Markdown table: per category, P@3 / first relevant rank for ours (the default, flag, exclude) and BM25;
    then each mode's means over all categories and over the development and check halves (``halves``)."""
    lines = [
        "| category | resumes | default P@3 | default 1st relevant | flag P@3 | exclude P@3 | exclude ranked "
        "| BM25 P@3 | BM25 1st relevant | default top 3 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    ours = evaluation.ours
    rows = zip(
        ours["combined"].scores,
        ours["flag"].scores,
        ours["exclude"].scores,
        evaluation.bm25.scores,
        strict=True,
    )
    for default, flag, exclude, base in rows:
        lines.append(
            f"| {default.category} | {default.n_relevant} | {default.p_at_k:.2f} | {default.first_relevant or '–'} "
            f"| {flag.p_at_k:.2f} | {exclude.p_at_k:.2f} | {exclude.ranked} | {base.p_at_k:.2f} "
            f"| {base.first_relevant or '–'} | {', '.join(default.top)} |"
        )
    summary = [
        ("tags (default: combined)", ours["combined"]),
        ("tags (flag)", ours["flag"]),
        ("tags (exclude)", ours["exclude"]),
        ("BM25", evaluation.bm25),
    ]
    lines.append("")
    for name, s in summary:
        dev, check = halves(s.scores)
        lines.append(
            f"{name}: P@3 {s.p_at_k:.3f} (strict /3: {s.p_at_k_strict:.3f}), MRR {s.mrr:.3f}; "
            f"P@3 development half {mean(q.p_at_k for q in dev):.3f}, check half {mean(q.p_at_k for q in check):.3f}"
        )
    return "\n".join(lines)


def halves(scores: Sequence[QueryScore]) -> tuple[list[QueryScore], list[QueryScore]]:
    """The development and check halves of docs/quality.md: categories sorted by name, the odd positions
    (second, fourth, …) are the development half whose details were read, the others only measured."""
    ordered = sorted(scores, key=lambda q: q.category)
    return ordered[1::2], ordered[0::2]


def requirement_report(evaluation: Evaluation) -> str:
    """Each profile's requirements, with how many of the category's resumes hold each tag and how many of
    the other resumes do (a requirement that no resume of the category has cannot help)."""
    by_category: dict[str, list[int]] = {}
    for cid, category in evaluation.category_of.items():
        by_category.setdefault(category, []).append(cid)
    lines = []
    for run in evaluation.runs:
        own = by_category.get(run.jd.category, [])
        others = [cid for cid in evaluation.category_of if cid not in set(own)]
        lines.append(f"## {run.jd.category} — {run.jd.title} ({len(run.requirements)} requirements)")
        for r in run.requirements:
            in_own = sum(1 for cid in own if r["key"] in evaluation.tag_keys.get(cid, ()))
            in_other = sum(1 for cid in others if r["key"] in evaluation.tag_keys.get(cid, ()))
            lines.append(
                f"  {r['key']:<45} {r['group']:<10} w{r['weight']} {'MUST' if r['must_have'] else '    '} "
                f"own {in_own}/{len(own)} other {in_other}/{len(others)}  ← {r['evidence'][:50]!r}"
            )
    return "\n".join(lines)


def run(
    *, resumes_csv: Path = RESUMES_CSV, jd_dir: Path | None = None, lang: str = LANG, details: bool = False
) -> list[dict]:
    """Run the evaluation; return the figures as dicts. Without the data there are none."""
    from bench.common import progress

    if not resumes_csv.exists():
        progress(f"quality_ranking: {resumes_csv} not found (set TALENTPOOL_DATA_DIR); nothing to measure")
        return []
    evaluation = evaluate(resumes_csv=resumes_csv, jd_dir=jd_dir, lang=lang, details=details)
    for problem in evaluation.problems:
        progress(f"quality_ranking: {problem}")
    progress("quality_ranking:\n" + category_table(evaluation))
    if details:
        progress("quality_ranking: requirements\n" + requirement_report(evaluation))
    return figures(evaluation)


def quality_ranking(_settings=None) -> list[dict]:
    """The entry ``python -m bench`` runs (its settings do not apply: the pool is the data set)."""
    return run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.quality_ranking", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--details", action="store_true", help="also print each profile's requirements")
    parser.add_argument(
        "--resumes", type=Path, default=RESUMES_CSV, help="CSV with Category and Resume columns"
    )
    parser.add_argument(
        "--jds", type=Path, default=None, help="folder of <category slug>.md (default bench/jds/LANG)"
    )
    parser.add_argument(
        "--lang", default=LANG, help="language code: names the figures and the tenant (default en)"
    )
    parser.add_argument(
        "--delete-tenant", action="store_true", help="delete the language's tenant, then exit"
    )
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z]{2}(-[a-z]+)?", args.lang):
        parser.error("--lang must be a language code such as en or zh")
    from bench.common import Figure, emit, setup_django

    setup_django()
    if args.delete_tenant:
        print(
            json.dumps({"tenant": tenant_slug(args.lang), "deleted": delete_tenant(tenant_slug(args.lang))})
        )
        return 0
    for values in run(resumes_csv=args.resumes, jd_dir=args.jds, lang=args.lang, details=args.details):
        emit(Figure(**values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
