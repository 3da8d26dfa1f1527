"""The parse_resume CLI applies the upload path's rule: a document that is not a resume is refused, with the
reason and a non-zero exit; a blind resume (no name, email or phone, but a resume by its content) is parsed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from candidates.services.documents import NOT_A_RESUME

ROOT = Path(__file__).resolve().parents[2]

INVOICE = """Invoice 2024-0193
Bill to: the accounts department
Amount due: 1,250.00
Payment within thirty days of receipt. Thank you for your business.
"""

BLIND_RESUME = """Senior Backend Developer

SUMMARY
Backend developer with eight years of Python and PostgreSQL, building payment services.

WORK EXPERIENCE
Acme Payments Ltd.    Senior Python Developer    Mar 2019 – Present
Built the settlement service in Python, Django and PostgreSQL; moved batch jobs to Celery and Redis.
Northwind Systems Inc.    Software Engineer    Jun 2015 – Feb 2019
Maintained REST APIs in Flask; introduced Docker and Kubernetes for deployment.

EDUCATION
University of Leeds, B.Sc. in Computer Science, 2011 – 2015

SKILLS
Python, Django, PostgreSQL, Redis, Docker, Kubernetes, Git
"""


def test_a_file_that_is_not_a_resume_is_refused_with_the_reason(tmp_path, capsys):
    invoice = tmp_path / "invoice.txt"
    invoice.write_text(INVOICE, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("parse_resume", str(invoice))
    assert refused.value.returncode == 1
    [out] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out["file"] == str(invoice) and out["status"] == "not_a_resume"
    assert out["error"] == NOT_A_RESUME
    assert "name" not in out and "tags" not in out, "a refused document gives no profile"


def test_a_blind_resume_is_parsed_and_a_refusal_does_not_hide_the_other_files(tmp_path, capsys):
    blind, invoice = tmp_path / "blind.txt", tmp_path / "invoice.txt"
    blind.write_text(BLIND_RESUME, encoding="utf-8")
    invoice.write_text(INVOICE, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("parse_resume", str(blind), str(invoice))
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert "error" not in first and first["name"] is None and first["experience"], first
    assert second["status"] == "not_a_resume"
    call_command("parse_resume", str(blind))  # alone: exit 0


def test_stdin_is_refused_alike_and_jsonl_lines_say_so_without_losing_their_parse(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", StringIO(INVOICE))
    with pytest.raises(CommandError):
        call_command("parse_resume", "-")
    assert json.loads(capsys.readouterr().out)["status"] == "not_a_resume"
    sentence = "Built the settlement service in Python and PostgreSQL."
    lines = [
        json.dumps({"id": "inv", "text": INVOICE}),
        json.dumps({"id": "cv", "text": BLIND_RESUME}),
        json.dumps({"id": "snippet", "text": sentence}),
    ]
    monkeypatch.setattr("sys.stdin", StringIO("\n".join(lines) + "\n"))
    call_command("parse_resume", "--jsonl")  # texts, not documents: every line keeps its parse (exit 0)
    invoice, resume, snippet = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert invoice["id"] == "inv" and invoice["resume_check"]["status"] == "not_a_resume"
    assert invoice["resume_check"]["error"] == NOT_A_RESUME and "error" not in invoice
    assert resume["id"] == "cv" and "resume_check" not in resume and resume["experience"]
    assert {tag["name"] for tag in snippet["tags"]} >= {"Python", "PostgreSQL"}, (
        "evaluation snippets keep tags"
    )


def test_the_command_line_exits_non_zero_and_says_why(tmp_path):
    invoice = tmp_path / "invoice.txt"
    invoice.write_text(INVOICE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "parse_resume", str(invoice)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=120,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"] == NOT_A_RESUME
    assert "refused" in done.stderr


JOB_AD_WITH_A_RECRUITERS_EMAIL = """Junior Software Developer (1-4 years experience)
A full-time position at a financial technology company. Contact the recruiter at jobs@northwind.example or
call (646) 555-0136 with the job code NW-331. Click the Apply Now button.
Skills required for the position: Python, Java, C++, SQL, UNIX.
MUST HAVE - a Computer Science degree. The position offers a competitive compensation package.
"""

CHINESE_JOB_AD_WITH_A_PHONE = """高级Java开发工程师
职位描述：岗位职责：1、负责公司电商平台的设计与开发；2、编写核心代码。
任职要求：1、本科及以上学历；2、5年以上Java开发经验，熟悉Spring、MySQL、Redis。
福利待遇：五险一金，带薪年假。简历投递请联系 13800138000。
"""


@pytest.mark.parametrize("text", [JOB_AD_WITH_A_RECRUITERS_EMAIL, CHINESE_JOB_AD_WITH_A_PHONE])
def test_a_job_ad_with_a_recruiters_contact_is_refused_as_a_job_ad(tmp_path, capsys, text):
    ad = tmp_path / "ad.txt"
    ad.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("parse_resume", str(ad))
    [out] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out["status"] == "not_a_resume"
    assert out["error"].startswith("This reads as a job ad (") and "not a resume" in out["error"]


def test_a_resume_with_an_email_and_a_line_about_the_position_it_seeks_is_still_a_resume(tmp_path, capsys):
    resume = tmp_path / "resume.txt"
    resume.write_text(
        BLIND_RESUME + "\nLooking for a full-time position; contact me at dev@example.org\n", encoding="utf-8"
    )
    call_command("parse_resume", str(resume))
    [out] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out.get("status") != "not_a_resume" and out["emails"] == ["dev@example.org"]
