"""The ranking evaluation's metrics (bench/quality_ranking.py): P@k, reciprocal rank and the BM25 baseline.

Pure functions on toy data written here; no database, no Kaggle file.
"""

from __future__ import annotations

import math

import pytest

from bench.quality_ranking import (
    BM25,
    Summary,
    category_slug,
    precision_at_k,
    reciprocal_rank,
    score_ranking,
    tokenize,
)


def test_precision_at_k_counts_only_the_first_k():
    assert precision_at_k([True, False, True, True], 3) == pytest.approx(2 / 3)
    assert precision_at_k([False, False, False, True], 3) == 0.0
    assert precision_at_k([True, True, True], 3) == 1.0


def test_precision_at_k_divides_by_the_relevant_count_when_fewer_than_k():
    # One relevant document, ranked first: perfect, although two of the first three are not relevant.
    assert precision_at_k([True, False, False], 3, n_relevant=1) == 1.0
    assert precision_at_k([False, True, False], 3, n_relevant=2) == pytest.approx(1 / 2)
    assert precision_at_k([True, False, False], 3, n_relevant=5) == pytest.approx(1 / 3)
    # A short ranking (must-have exclusion) still divides by min(k, relevant), not by its length.
    assert precision_at_k([True], 3, n_relevant=4) == pytest.approx(1 / 3)
    assert precision_at_k([], 3, n_relevant=2) == 0.0


def test_precision_at_k_refuses_a_zero_k():
    with pytest.raises(ValueError):
        precision_at_k([True], 0)


def test_reciprocal_rank_is_one_over_the_first_relevant_position():
    assert reciprocal_rank([True, True]) == 1.0
    assert reciprocal_rank([False, False, True, True]) == pytest.approx(1 / 3)
    assert reciprocal_rank([False, False]) == 0.0
    assert reciprocal_rank([]) == 0.0


def test_score_ranking_and_the_means():
    summary = Summary("toy")
    summary.scores.append(score_ranking("HR", ["Sales", "HR", "HR", "HR"], n_relevant=3))
    summary.scores.append(score_ranking("Sales", ["Sales", "HR", "HR", "HR"], n_relevant=1))
    first, second = summary.scores
    assert (first.p_at_k, first.rr, first.first_relevant, first.top) == (
        pytest.approx(2 / 3),
        0.5,
        2,
        ("Sales", "HR", "HR"),
    )
    assert (second.p_at_k, second.p_at_k_strict, second.rr) == (1.0, pytest.approx(1 / 3), 1.0)
    assert summary.p_at_k == pytest.approx((2 / 3 + 1) / 2)
    assert summary.p_at_k_strict == pytest.approx((2 / 3 + 1 / 3) / 2)
    assert summary.mrr == pytest.approx(0.75)


def test_tokenize_lowercases_splits_on_punctuation_and_bigrams_chinese():
    assert tokenize("Java/J2EE, Spring-Boot & SQL_Server!") == [
        "java",
        "j2ee",
        "spring",
        "boot",
        "sql",
        "server",
    ]
    assert tokenize("熟悉Java开发") == ["熟悉", "java", "开发"]
    assert tokenize("软件测试工程师") == ["软件", "件测", "测试", "试工", "工程", "程师"]
    assert tokenize("会计") == ["会计"]
    assert tokenize("税") == ["税"]


CORPUS = [
    "Java developer: Spring, Hibernate, REST services and SQL. Java 8, Java EE.",  # 0
    "Accountant: ledgers, tax returns, payroll and audits in Tally and Excel.",  # 1
    "Python developer with Django and SQL; some Java.",  # 2
    "Recruiter: sourcing, interviews, onboarding, payroll coordination.",  # 3
]


def test_bm25_orders_by_matching_rare_terms_first():
    index = BM25(CORPUS)
    assert index.rank("Java Spring Hibernate")[:2] == [0, 2]
    assert index.rank("payroll tax audits")[0] == 1
    assert index.rank("Django")[0] == 2
    # Every document without a query word scores exactly zero and keeps corpus order behind the matches.
    scores = index.scores("Django")
    assert scores[2] > 0 and scores[0] == scores[1] == scores[3] == 0.0
    assert index.rank("Django") == [2, 0, 1, 3]


def test_bm25_matches_the_formula_by_hand():
    docs = ["a b", "a a a c c c c c"]
    index = BM25(docs, k1=1.5, b=0.75)
    avgdl = (2 + 8) / 2
    idf_a = math.log(1 + (2 - 2 + 0.5) / (2 + 0.5))
    idf_b = math.log(1 + (2 - 1 + 0.5) / (1 + 0.5))

    def term(idf, tf, length):
        return idf * tf * 2.5 / (tf + 1.5 * (1 - 0.75 + 0.75 * length / avgdl))

    first, second = index.scores("a b")
    assert first == pytest.approx(term(idf_a, 1, 2) + term(idf_b, 1, 2))
    assert second == pytest.approx(term(idf_a, 3, 8))
    # A repeated query word counts each time (Lucene's behaviour for a pasted JD).
    assert index.scores("b b")[0] == pytest.approx(2 * term(idf_b, 1, 2))


def test_bm25_length_normalisation_prefers_the_shorter_document_at_equal_counts():
    index = BM25(["sql " + "filler " * 50, "sql other words", "nothing here"])
    assert index.rank("sql")[:2] == [1, 0]
    # Without length normalisation (b = 0) both get the same score and keep corpus order.
    flat = BM25(["sql " + "filler " * 50, "sql other words", "nothing here"], b=0.0)
    first, second, _ = flat.scores("sql")
    assert first == pytest.approx(second)


def test_category_slugs_name_the_jd_files():
    assert category_slug("DotNet Developer") == "dotnet-developer"
    assert category_slug("Health and fitness") == "health-and-fitness"
    assert category_slug("HR") == "hr"
