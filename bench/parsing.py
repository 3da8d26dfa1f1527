"""Benchmarks of the candidates issue: parse speed (text and PDF), the parse worker's memory, bulk import.

Corpus: one-page resumes in both languages built from real public text in ../shared/data — the English
resumes of kaggle-resumes-en (cut to about one page) and Chinese resumes assembled from ResumeNER's
sentences (real resume sentences, varied, with a contact block and dated sections). Varied text matters:
tokenisers cache, and repeated sentences make them look 20× faster than they are (PERFORMANCE.md).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from .common import Figure, figure, progress

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TALENTPOOL_DATA_DIR", ROOT.parent / "shared" / "data"))
ONE_PAGE_CHARS = {"en": 3_500, "zh": 1_300}


def english_resumes(limit: int = 96) -> list[str]:
    path = DATA / "kaggle-resumes-en"
    texts = []
    for file in sorted(path.rglob("*.csv")):
        with file.open(encoding="utf-8", errors="replace", newline="") as handle:
            reader = csv.DictReader(handle)
            column = next(
                (c for c in reader.fieldnames or [] if "resume" in c.lower() and "str" in c.lower()), None
            )
            column = column or next((c for c in reader.fieldnames or [] if "resume" in c.lower()), None)
            for row in reader:
                text = (row.get(column) or "").strip()
                if len(text) > 400:
                    texts.append(text[: ONE_PAGE_CHARS["en"]])
    return texts[:limit]


def _resumener_sentences() -> list[str]:
    sentences, chars = [], []
    for name in ("train.char.bmes", "dev.char.bmes", "train.txt", "dev.txt"):
        for file in (DATA / "resumener-zh").rglob(name):
            for line in file.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if parts:
                    chars.append(parts[0])
                elif chars:
                    sentences.append("".join(chars))
                    chars = []
    if chars:
        sentences.append("".join(chars))
    return sentences


def chinese_resumes(count: int = 96, seed: int = 7) -> list[str]:
    """Chinese one-page resumes: a contact block, dated experience and education, and real resume sentences."""
    sentences = _resumener_sentences()
    rng = random.Random(seed)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
    resumes = []
    for number in range(count):
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2)))
        start = rng.randint(2005, 2016)
        body = rng.sample(sentences, min(len(sentences), 12))
        text = (
            f"{name}\n手机：13{rng.randint(100000000, 999999999)}  邮箱：candidate{number}@example.com\n"
            f"期望薪资：{rng.randint(10, 40)}-{rng.randint(41, 70)}K·{rng.choice([12, 13, 14, 16])}薪\n工作经历\n"
            f"{start}.{rng.randint(1, 12):02d}-至今  {body[0][:40]}\n" + "\n".join(body[1:8]) + "\n教育背景\n"
            f"{start - 4}.09-{start}.06  华中科技大学  机械工程  本科\n" + "\n".join(body[8:])
        )
        resumes.append(text[: ONE_PAGE_CHARS["zh"]])
    return resumes


def mixed_corpus() -> list[str]:
    english, chinese = english_resumes(), chinese_resumes()
    corpus = [text for pair in zip(english, chinese, strict=False) for text in pair]
    if not corpus:
        raise RuntimeError(f"no corpus: {DATA} has neither kaggle-resumes-en nor resumener-zh")
    return corpus


def _rate(work, items) -> float:
    started = time.perf_counter()
    for item in items:
        work(item)
    return len(items) / (time.perf_counter() - started)


def bench_parse_text(_settings=None) -> list[Figure]:
    """Text → parsed profile per second on one core (no file decoding, no database)."""
    import spacy

    from candidates.parsing.pipeline import parse_text

    corpus = mixed_corpus()
    parse_text(corpus[0])  # load the models outside the timing
    rate = max(_rate(parse_text, corpus) for _ in range(2))
    english, chinese = spacy.blank("en"), spacy.blank("zh")
    english("warm up"), chinese("热身")

    def tokenise(text: str):
        return (chinese if sum("\u4e00" <= ch <= "\u9fff" for ch in text[:200]) > 20 else english)(text)

    baseline = max(_rate(tokenise, corpus) for _ in range(2))
    progress(
        f"parse_text: {rate:.0f} resumes/s over {len(corpus)} mixed resumes; spaCy blank tokenisers {baseline:.0f}/s"
    )
    return [
        figure(
            "parse_text_resumes_per_s",
            rate,
            "resumes/s",
            baseline,
            "spaCy blank zh/en tokenisers alone on the same corpus",
        )
    ]


def _pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("STSong-Light", 9)
    y = 800
    for line in text.splitlines():
        for start in range(0, max(len(line), 1), 90):
            page.drawString(40, y, line[start : start + 90])
            y -= 12
            if y < 40:
                page.showPage()
                page.setFont("STSong-Light", 9)
                y = 800
    page.save()
    return buffer.getvalue()


def bench_parse_pdf(_settings=None) -> list[Figure]:
    """PDF bytes → parsed profile per second on one core; baseline: pdfminer.six's text extraction alone."""
    from pdfminer.high_level import extract_text as pdfminer_text

    from candidates.parsing.pipeline import parse_text
    from candidates.parsing.text import extract_text

    pdfs = [_pdf(text) for text in mixed_corpus()[:40]]

    def profile(data: bytes):
        return parse_text(extract_text(data, "resume.pdf").text)

    profile(pdfs[0])
    rate = max(_rate(profile, pdfs) for _ in range(2))
    baseline = _rate(lambda data: pdfminer_text(io.BytesIO(data)), pdfs[:20])
    progress(f"pdf → profile: {rate:.1f}/s; pdfminer text alone {baseline:.1f}/s")
    return [
        figure("parse_pdf_resumes_per_s", rate, "resumes/s", baseline, "pdfminer.six text extraction alone")
    ]


WORKER_SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentpool.settings")
import django
django.setup()
mode = sys.argv[1]
if mode == "parse":
    from bench.parsing import mixed_corpus
    from candidates.parsing.pipeline import parse_text
    from candidates.parsing.text import extract_text
    from candidates.tasks import parse_document  # what the worker imports
    corpus = mixed_corpus()
    for _ in range(3):
        for text in corpus:
            parse_text(text)
# VmHWM is this program's own peak: ru_maxrss survives exec and can report the forking parent's size.
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({{"max_rss_mb": peak_kb / 1024}}))
"""


def bench_parse_worker_memory(_settings=None) -> list[Figure]:
    """Peak resident memory of a process that loaded every parsing model and parsed the corpus 3 times."""
    script = WORKER_SCRIPT.format(root=str(ROOT))

    def peak(mode: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", script, mode],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            timeout=600,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])["max_rss_mb"]

    value, baseline = peak("parse"), peak("bare")
    progress(f"parse worker peak RSS {value:.0f} MB; bare Django process {baseline:.0f} MB")
    return [
        figure("parse_worker_max_rss_mb", value, "MB", baseline, "a bare Django process (django.setup only)")
    ]


def _import_csv(rows: int, seed: int = 11) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["姓名", "手机", "邮箱", "公司", "职位", "城市", "工作年限", "学历", "标签"])
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
    companies = [
        "华为",
        "腾讯",
        "阿里巴巴",
        "比亚迪",
        "美的集团",
        "Siemens",
        "Shopify",
        "京东",
        "字节跳动",
        "小米",
    ]
    titles = ["产品经理", "车间主任", "Java 开发工程师", "HRBP", "Data Scientist", "销售总监", "客户成功经理"]
    for i in range(rows):
        name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        phone = f"13{rng.randint(0, 9)}{i:08d}"
        email = f"person{i}@example.com" if rng.random() < 0.8 else ""
        writer.writerow(
            [
                name,
                phone,
                email,
                rng.choice(companies),
                rng.choice(titles),
                rng.choice(["上海", "深圳", "北京"]),
                f"{rng.randint(0, 20)}年",
                rng.choice(["本科", "硕士", "大专", "博士"]),
                rng.choice(["Python,精益生产", "SQL", "", "PMP"]),
            ]
        )
        if rng.random() < 0.01:  # a few broken rows, as real exports have
            writer.writerow(["", "", "not-an-email", "", "", "", "", "", ""])
    return out.getvalue().encode("utf-8-sig")


def bench_import_csv(settings) -> list[Figure]:
    """Seconds to import 100,000 CSV rows (BENCH_IMPORT_ROWS) through the import service, into a fresh tenant."""
    from bench.generate import delete_tenant, ensure_tenant
    from candidates import services
    from candidates.services.profile import CandidateInput
    from talentpool.tenancy.context import tenant_context

    rows = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
    slug = "bench-import"
    delete_tenant(slug)
    tenant = ensure_tenant(slug)
    data = _import_csv(rows)
    started = time.perf_counter()
    job = services.import_create(tenant, data=data, filename="bench.csv")
    job = services.import_run(tenant, job_id=job.pk)
    seconds = time.perf_counter() - started
    progress(f"import: {rows:,} rows in {seconds:.1f} s → {job.counts}")
    # Baseline: the one-candidate-at-a-time service a naive import loop would call, timed on a sample.
    sample = 300
    reader = list(csv.reader(io.StringIO(_import_csv(sample, seed=99).decode("utf-8-sig"))))[1 : sample + 1]
    started = time.perf_counter()
    with tenant_context(tenant):
        for name, phone, email, company, title, *_rest in reader:
            if services.candidate_find_exact(emails=[email], phones=[phone]) is not None:
                continue
            try:
                services.candidate_create(
                    tenant,
                    data=CandidateInput(
                        full_name=name,
                        emails=(email,) if email else (),
                        phones=(phone,) if phone else (),
                        fields={"current_company": company, "current_title": title},
                    ),
                    source="bench",
                )
            except services.CandidateError:
                pass  # a rejected row, as the import rejects it
    per_row = (time.perf_counter() - started) / len(reader)
    baseline = per_row * rows
    delete_tenant(slug)
    return [
        figure(
            "import_csv_seconds",
            seconds,
            f"s for {rows} rows",
            baseline,
            f"row-by-row candidate_create, {sample}-row sample extrapolated",
        )
    ]


BENCHMARKS = (bench_parse_text, bench_parse_pdf, bench_parse_worker_memory, bench_import_csv)


def run(settings=None) -> list[Figure]:
    figures = []
    for benchmark in BENCHMARKS:
        figures += benchmark(settings)
    return figures


if __name__ == "__main__":
    from .common import emit, setup_django

    setup_django()
    for result in run():
        emit(result)
    del resource  # imported for the worker script's sake only
