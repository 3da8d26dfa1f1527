"""The resume entity tagger (candidates.parsing.ner): model files, offsets, robustness, dev quality.

No database: nothing here requests the ``db`` fixture. The quality test reads ResumeNER from
../shared/data and is skipped when it is not there.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from candidates.parsing import ner
from candidates.parsing.ner_features import (
    bmes_spans,
    code_points,
    layout,
    normalise,
    read_bmes,
    resumener_dir,
    score,
)
from candidates.parsing.types import Entity

DATA = resumener_dir()
EVAL_LABELS = ("NAME", "ORG", "TITLE", "EDU", "PRO")


def found(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.label, e.text) for e in entities}


def check_offsets(text: str, entities: list[Entity]) -> None:
    for e in entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.text == e.text.strip(), "no whitespace at the edges"
        assert e.label in ner.PUBLIC_LABELS
    starts = [e.start for e in entities]
    assert starts == sorted(starts)
    for a, b in zip(entities, entities[1:], strict=False):
        assert a.end <= b.start, "entities do not overlap"


# -- the model ---------------------------------------------------------------------------------------------


def test_model_files_exist_are_small_and_load():
    assert ner.MODEL_PATH.exists() and ner.CRF_PATH.exists()
    assert ner.MODEL_PATH.stat().st_size + ner.CRF_PATH.stat().st_size < 10_000_000
    model = ner.get_model()
    assert model is ner.get_model(), "loaded once per process"
    types = {label.partition("-")[2] for label in model.labels} - {""}
    assert {"NAME", "ORG", "TITLE", "EDU", "PRO", "LOC"} <= types


def test_numpy_decoder_matches_crfsuite():
    """The exported weights decode exactly as CRFsuite's own tagger decodes the .crfsuite model."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(ner.CRF_PATH))
    model = ner.get_model()
    texts = [*SENTENCES, "2001年起任职于Acme科技（深圳）有限公司，历任研发部高级工程师、技术总监。"]
    for text in texts:
        lay = layout(normalise(code_points(text)), [(0, len(text))])
        items = model.featurizer.keys(lay).T.astype(str).tolist()
        assert ner.tag_spans(text, [(0, len(text))], model, constrained=False)[0] == tagger.tag(items)


def test_int32_constrained_decoder_equals_a_float64_constrained_viterbi():
    """The packed int32 decoder finds the same best valid path as a plain float64 Viterbi."""
    model = ner.get_model()
    labels = model.labels
    forbidden = -1e9
    allowed = np.array([[ner._allowed(a, b) for b in labels] for a in labels])
    transitions = np.where(allowed, model.transitions.astype(np.float64), forbidden)
    first = np.where([label[0] in "ME" for label in labels], forbidden, 0.0)
    last = np.where([label[0] in "BM" for label in labels], forbidden, 0.0)
    text = "\n".join(SENTENCES * 3) + "\n" + "历任深圳市华信科技股份有限公司副总经理、总经理、董事长，" * 8
    lay = layout(normalise(code_points(text)), ner.segments(text))
    scores = model.emissions(lay).astype(np.float64)
    expected = ner.batched_viterbi(scores, lay.lengths, ner._FloatStep(transitions), first, last)
    assert model.decode(lay).tolist() == expected.tolist()


# -- hand-written resume lines ------------------------------------------------------------------------------

SENTENCES = [
    "王建国，男，1972年出生，中国国籍，无境外永久居留权，硕士研究生学历，高级经济师。",
    "2009年3月至今任广州市恒通电子科技股份有限公司董事、副总经理兼财务总监。",
    "1995年毕业于华中科技大学机械工程专业，获工学学士学位。",
    "李晓梅女士，曾任中国工商银行杭州分行信贷部经理。",
]


def test_hand_written_sentences():
    entities = [ner.extract_entities(text) for text in SENTENCES]
    for text, ents in zip(SENTENCES, entities, strict=True):
        check_offsets(text, ents)
    assert {("NAME", "王建国"), ("EDU", "硕士研究生学历"), ("TITLE", "高级经济师")} <= found(entities[0])
    assert {
        ("ORG", "广州市恒通电子科技股份有限公司"),
        ("TITLE", "董事"),
        ("TITLE", "副总经理"),
        ("TITLE", "财务总监"),
    } <= found(entities[1])
    assert ("ORG", "华中科技大学") in found(entities[2])
    assert any(e.label == "PRO" and "机械工程" in e.text for e in entities[2])
    assert any(e.label == "EDU" and "学士" in e.text for e in entities[2])
    assert ("NAME", "李晓梅") in found(entities[3])
    assert any(e.label == "ORG" and e.text.startswith("中国工商银行") for e in entities[3])
    assert {e.label for ents in entities for e in ents} <= set(ner.PUBLIC_LABELS)
    assert not any(e.label in ("CONT", "RACE") for ents in entities for e in ents)


def test_exact_offsets_in_a_text():
    text = "2009年3月至今任广州市恒通电子科技股份有限公司董事。"
    ents = ner.extract_entities(text)
    org = next(e for e in ents if e.label == "ORG")
    assert (org.start, org.end) == (text.index("广州"), text.index("董事"))
    title = next(e for e in ents if e.label == "TITLE")
    assert (title.start, title.end, title.text) == (text.index("董事"), text.index("董事") + 2, "董事")


def test_multi_line_text_with_indentation_english_and_full_width():
    text = (
        "   个人简历\n"
        "\t姓名：王建国\r\n"
        "  Email: jianguo.wang@example.com  Phone: +86 138 0000 0000\n"
        "    2009.03 - 至今   广州市恒通电子科技股份有限公司   副总经理\n"
        "教育背景：１９９５年毕业于华中科技大学，本科学历。\n"
        "Skills: Python, SQL; worked at Google as a Senior Engineer.\n"
    )
    ents = ner.extract_entities(text)
    check_offsets(text, ents)
    got = found(ents)
    assert ("ORG", "广州市恒通电子科技股份有限公司") in got
    assert ("TITLE", "副总经理") in got
    assert ("ORG", "华中科技大学") in got
    assert any(e.label == "EDU" and e.text.startswith("本科") for e in ents)
    english_line = text.index("Skills")
    assert not [e for e in ents if e.start >= english_line], "English lines are not tagged"


def test_spaces_separate_fields_like_commas():
    text = "北京大学 计算机科学与技术专业 硕士"
    ents = ner.extract_entities(text)
    check_offsets(text, ents)
    assert ("ORG", "北京大学") in found(ents)
    assert any(e.label == "EDU" and e.text == "硕士" for e in ents)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \r\n", "\u3000\u3000", "\x00\x01\x02", "。，；"])
def test_empty_and_blank_input_gives_nothing(text):
    assert ner.extract_entities(text) == []


def test_english_text_gives_no_entities():
    text = "John Smith\nSenior Software Engineer at Microsoft, 2015-2020. MBA, Harvard University."
    assert ner.extract_entities(text) == []


def test_control_characters_surrogates_and_odd_scripts_do_not_break_it():
    text = "张\x00三\x07，\ud800男，任北京\u200b百度网讯科技有限公司👍工程师。😀\ufeff🇨🇳\u202e"
    ents = ner.extract_entities(text)
    check_offsets(text, ents)


def test_long_lines_are_split_and_offsets_stay_exact():
    clause = "历任深圳市华信科技股份有限公司副总经理、总经理、董事长，"
    text = "  " + clause * 40 + "现任本公司董事长。" + "无标点的长行" * 100
    ents = ner.extract_entities(text)
    check_offsets(text, ents)
    assert sum(e.text == "深圳市华信科技股份有限公司" for e in ents) >= 30
    assert max(e - s for s, e in ner.segments(text)) <= ner.MAX_SEGMENT


def test_200_kb_input_finishes_and_returns_entities():
    lines = []
    for i in range(2_600):
        lines.append(f"{1990 + i % 30}年{1 + i % 12}月至{1991 + i % 30}年任第{i}分公司总经理、董事。")
        lines.append(f"  Project {i}: managed a team of {i % 20} engineers.")
    text = "\n".join(lines)
    assert len(text.encode("utf-8")) > 200_000
    started = time.perf_counter()
    ents = ner.extract_entities(text)
    assert time.perf_counter() - started < 60
    check_offsets(text, ents)
    assert sum(e.label == "TITLE" for e in ents) > 2_000


def test_threads_share_one_model_and_agree():
    text = SENTENCES[1]
    expected = ner.extract_entities(text)
    results = []

    def work():
        results.append(ner.extract_entities(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_bmes_spans_repairs_invalid_sequences():
    assert bmes_spans(["B-ORG", "M-ORG", "E-ORG", "O", "S-NAME"]) == [("ORG", 0, 3), ("NAME", 4, 5)]
    assert bmes_spans(["M-ORG", "E-ORG", "B-TITLE", "O"]) == [("ORG", 0, 2), ("TITLE", 2, 3)]
    assert bmes_spans(["B-ORG", "E-TITLE"]) == [("ORG", 0, 1), ("TITLE", 1, 2)]


def test_decoded_sequences_are_valid_bmes():
    model = ner.get_model()
    text = "\n".join(SENTENCES)
    spans = ner.segments(text)
    for tags in ner.tag_spans(text, spans, model):
        previous = "O"
        for tag in [*tags, "O"]:
            prefix, _, name = tag.partition("-")
            p_prefix, _, p_name = previous.partition("-")
            if prefix in ("M", "E"):
                assert p_prefix in ("B", "M") and p_name == name
            else:
                assert p_prefix not in ("B", "M")
            previous = tag


# -- quality on the dev split -------------------------------------------------------------------------------


@pytest.mark.skipif(not (DATA / "dev.char.bmes").exists(), reason=f"ResumeNER dev split not found in {DATA}")
def test_dev_micro_f1_at_least_0_88():
    dev = read_bmes(Path(DATA) / "dev.char.bmes")
    gold = [[(label, s, e) for label, s, e in bmes_spans(sent.tags)] for sent in dev]
    pred = [[(e.label, e.start, e.end) for e in ner.extract_entities(sent.text)] for sent in dev]
    counts = score(gold, pred, EVAL_LABELS)
    assert counts["micro"].f1 >= 0.88, {label: round(c.f1, 4) for label, c in counts.items()}


def test_layout_keeps_segments_apart():
    norm = normalise(code_points("ab，cd"))
    lay = layout(norm, [(0, 2), (3, 5)])
    assert lay.codes[lay.positions].tolist() == [ord("a"), ord("b"), ord("c"), ord("d")]
    assert np.all(lay.codes[:3] == 0) and np.all(lay.codes[5:8] == 0)
