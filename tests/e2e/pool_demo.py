"""A tenant whose pool shows every state of the pool's pages, for screenshots and trying the pages by hand.

Run against the development database (it writes there; pytest does not collect it)::

    .venv/bin/python tests/e2e/pool_demo.py            # prints the users and their passwords

It creates the organization "人才池演示 Pool UI" (slug ``pool-ui``) once, with the seed taxonomy, resumes in
Chinese and English parsed into tagged candidates, a manual tag and a removed one, edits, duplicates to review,
a merge and an undone merge, a finished import with rejected rows and a dry run, documents that could not be
read, and a custom, a retired and a merged tag. Run again, it only resets the passwords.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentpool.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from candidates import services  # noqa: E402
from candidates.models import Candidate, CandidateMerge, DuplicateFlag, Tag  # noqa: E402
from engagement.scoring import anchor_for_score, current_params  # noqa: E402
from talentpool.accounts.models import User  # noqa: E402
from talentpool.tenancy.context import tenant_context  # noqa: E402
from talentpool.tenancy.models import Role, Tenant  # noqa: E402
from talentpool.tenancy.services import generate_password, membership_add, seed_new_tenant, tenant_create  # noqa: E402

SLUG = "pool-ui"
PEOPLE = [
    ("pool-admin@demo.test", "池管理员", Role.ADMIN),
    ("pool-recruiter@demo.test", "李招聘", Role.RECRUITER),
    ("pool-viewer@demo.test", "Victor Viewer", Role.VIEWER),
]

ZH = """{name}
电话：{phone}  邮箱：{email}
现居：{city}
期望薪资：{salary}
工作经历
{start}-至今  {company}  {title}
{duty}
2012.07-{prev_end}  {prev_company}  {prev_title}
教育背景
2008.09-2012.06  {school}  {major}  {degree}
技能：{skills}
"""

EN = """{name}
{email} | {phone}
{city}
Experience
{title}, {company} — Mar 2019 – Present
{prev_title}, {prev_company} — Jun 2014 – Feb 2019
Education
{school}, {degree} in {major}, 2010 – 2014
Skills: {skills}
"""

RESUMES = [
    (
        ZH,
        dict(
            name="张伟",
            phone="138-0013-8000",
            email="zhangwei@example.com",
            city="深圳",
            salary="25-35K·14薪",
            start="2018.03",
            company="比亚迪股份有限公司",
            title="车间主任",
            duty="负责精益生产推进，六西格玛项目，带领 60 人团队。",
            prev_end="2018.02",
            prev_company="富士康科技集团",
            prev_title="生产主管",
            school="华中科技大学",
            major="机械工程",
            degree="本科",
            skills="精益生产、六西格玛、5S 管理、ERP",
        ),
        91,
    ),
    (
        ZH,
        dict(
            name="李娜",
            phone="139-1234-5678",
            email="lina@example.cn",
            city="佛山",
            salary="30-40K·13薪",
            start="2019.05",
            company="美的集团",
            title="精益生产经理",
            duty="主导 TPM 与价值流分析，年节约成本 1200 万。",
            prev_end="2019.04",
            prev_company="格力电器",
            prev_title="工业工程师",
            school="华南理工大学",
            major="工业工程",
            degree="硕士",
            skills="精益生产、价值流图、TPM、Python、数据分析",
        ),
        76,
    ),
    (
        ZH,
        dict(
            name="陈静",
            phone="137-0000-1111",
            email="chenjing@example.com",
            city="上海",
            salary="40-60K·15薪",
            start="2020.07",
            company="字节跳动",
            title="Python 后端工程师",
            duty="负责推荐系统服务开发，使用 Django、Kafka 和 Redis。",
            prev_end="2020.06",
            prev_company="携程",
            prev_title="软件工程师",
            school="复旦大学",
            major="计算机科学与技术",
            degree="硕士",
            skills="Python、Django、Kafka、Redis、PostgreSQL、Docker",
        ),
        58,
    ),
    (
        ZH,
        dict(
            name="赵磊",
            phone="136-2222-3333",
            email="zhaolei@example.com",
            city="北京",
            salary="20-30K",
            start="2021.03",
            company="美团",
            title="数据分析师",
            duty="搭建增长看板，使用 SQL 与 Tableau 做用户分群。",
            prev_end="2021.02",
            prev_company="京东",
            prev_title="运营专员",
            school="北京邮电大学",
            major="统计学",
            degree="本科",
            skills="SQL、Tableau、Python、数据分析、A/B 测试",
        ),
        34,
    ),
    (
        EN,
        dict(
            name="Emily Carter",
            email="emily.carter@example.org",
            phone="+1 415 555 0100",
            city="Toronto",
            title="Senior Product Manager",
            company="Shopify",
            prev_title="Product Manager",
            prev_company="Atlassian",
            school="University of Toronto",
            degree="B.Sc.",
            major="Computer Science",
            skills="Python, SQL, product management, stakeholder management, Agile",
        ),
        84,
    ),
    (
        EN,
        dict(
            name="James O'Neil",
            email="james.oneil@example.ie",
            phone="+353 87 123 4567",
            city="Dublin",
            title="Site Reliability Engineer",
            company="Google",
            prev_title="Systems Engineer",
            prev_company="Intel",
            school="Trinity College Dublin",
            degree="B.Eng.",
            major="Electronic Engineering",
            skills="Kubernetes, Terraform, Go, Linux, Prometheus",
        ),
        47,
    ),
    (
        EN,
        dict(
            name="Priya Raman",
            email="priya.raman@example.sg",
            phone="+65 9123 4567",
            city="Singapore",
            title="Data Scientist",
            company="Grab",
            prev_title="Research Engineer",
            prev_company="A*STAR",
            school="National University of Singapore",
            degree="PhD",
            major="Statistics",
            skills="Python, machine learning, PyTorch, SQL, Spark",
        ),
        66,
    ),
    # The same person as 张伟 with another address and the same company: a fuzzy duplicate to review.
    (
        ZH,
        dict(
            name="张伟",
            phone="186-8888-9999",
            email="zw.byd@example.net",
            city="深圳",
            salary="30K",
            start="2018.03",
            company="比亚迪股份有限公司",
            title="生产经理",
            duty="负责精益生产与 5S。",
            prev_end="2018.02",
            prev_company="富士康科技集团",
            prev_title="生产主管",
            school="华中科技大学",
            major="机械工程",
            degree="本科",
            skills="精益生产、5S 管理",
        ),
        22,
    ),
]

PLAIN = [
    ("刘洋", "客户成功经理", "有赞", "杭州", 5, "bachelor", 55, "import"),
    ("黄丽", "HRBP", "华为", "深圳", 7, "bachelor", 81, "linkedin"),
    ("周杰", "嵌入式软件工程师", "大疆", "深圳", 6, "master", 12, "maimai"),
    ("Sofia Rossi", "Customer Success Lead", "Salesforce", "Milan", 6, "bachelor", 63, "linkedin"),
    ("Lukas Schmidt", "Production Engineer", "Siemens", "Munich", 8, "master", 29, "import"),
    ("欧阳娜娜", "品牌市场经理", "小红书", "上海", 4, "bachelor", 88, "maimai"),
    # Same phone as 赵磊's resume: an exact duplicate.
    ("赵磊", "高级数据分析师", "美团点评", "北京", 4, "bachelor", 40, "import"),
]

IMPORT_CSV = """姓名,手机,邮箱,公司,职位,工作年限,学历,标签,入库时间
王芳,13500135000,wangfang@example.com,腾讯,产品经理,6,硕士,产品管理;数据分析,2024-03-01
孙强,13600136000,sunqiang@example.com,阿里巴巴,Java 工程师,八年,本科,Java;Spring,2024/03/02
,,not-an-email,无名公司,职员,,,,
吴昊,+86 137 0013 7000,wuhao@example.com,京东,供应链经理,11,MBA,供应链管理,2024年3月3日
,12345,,,,,,,
Emily Carter,,emily.carter@example.org,Shopify,Group Product Manager,9,Bachelor,,2024-03-05
"""


def main() -> int:
    tenant = Tenant.objects.filter(slug=SLUG).first()
    fresh = tenant is None
    if fresh:
        tenant = tenant_create(
            name="人才池演示 Pool UI", slug=SLUG, admin_email=PEOPLE[0][0], admin_name=PEOPLE[0][1]
        ).tenant
        seed_new_tenant(tenant)
    users = {}
    for email, name, role in PEOPLE:
        password = generate_password()
        user = User.objects.filter(email=email).first() or User.objects.create_user(email, name=name)
        user.set_password(password)
        user.save(update_fields=["password"])
        membership_add(tenant, user=user, role=role)
        users[role] = user
        print(f"{role:<10} {email:<28} {password}")
    if fresh:
        populate(tenant, users[Role.ADMIN], users[Role.RECRUITER])
    return 0


def populate(tenant: Tenant, admin: User, recruiter: User) -> None:
    now = timezone.now()
    by_name = {}
    for number, (template, fields, score) in enumerate(RESUMES):
        filename = f"{fields['name']}-简历.txt" if template is ZH else f"{fields['name']} resume.txt"
        [item] = services.resumes_ingest(
            tenant,
            uploads=[(filename, template.format(**fields).encode(), "text/plain")],
            actor=recruiter,
            parse_now=True,
        )
        candidate = item.document.candidate
        with tenant_context(tenant):
            Candidate.objects.filter(pk=candidate.pk).update(
                activity_anchor=anchor_for_score(score, current_params()),
                created_at=now - timedelta(days=3 * number + 1),
                last_interaction_at=now - timedelta(days=number * 9),
            )
        by_name.setdefault(fields["name"], candidate)
    for name, title, company, city, years, education, score, source in PLAIN:
        candidate = services.candidate_create(
            tenant,
            data=services.CandidateInput(
                full_name=name,
                phones=("136-2222-3333",) if name == "赵磊" else (),
                emails=(f"{name.lower().replace(' ', '.')}@pool.example",) if name != "赵磊" else (),
                fields={
                    "current_title": title,
                    "current_company": company,
                    "location": city,
                    "years_experience": years,
                    "highest_education": education,
                    "activity_score": score,
                    "source": source,
                },
            ),
            source="import",
        )
        with tenant_context(tenant):
            Candidate.objects.filter(pk=candidate.pk).update(created_at=now - timedelta(days=40 + score))
        services.duplicates_flag_for(tenant, candidate_id=candidate.pk)
        by_name.setdefault(name, candidate)

    with tenant_context(tenant):
        zhang = Candidate.objects.filter(full_name="张伟").order_by("id").first()
        # A recruiter's tag, a removed extracted tag, and a manual edit.
        leadership = (
            Tag.objects.filter(key__startswith="quality.", name_en__icontains="leadership").first()
            or Tag.objects.filter(category="quality").first()
        )
        services.candidate_tag_add(zhang, tag=leadership, source="manual", actor=recruiter)
        five_s = Tag.objects.filter(name_zh__icontains="5S").first()
        if five_s:
            services.candidate_tag_remove(zhang, tag=five_s, actor=recruiter)
        services.candidate_set_fields(
            zhang, {"location": "深圳 · 坪山", "salary_max": 38000}, source="manual", actor=recruiter
        )
        services.candidate_add_external_id(
            zhang, system="hris", value="E-10086", source="manual", actor=admin
        )

        # A custom tag, a retired one, one merged into another.
    services.tag_create(
        tenant,
        category="skill",
        name_en="Lean transformation",
        name_zh="精益转型",
        synonyms=["精益变革", "lean transformation"],
        actor=admin,
    )
    with tenant_context(tenant):
        retired = (
            Tag.objects.filter(category="skill", name_en__iexact="Lotus Notes").first()
            or Tag.objects.filter(category="skill").order_by("id")[5]
        )
        merge_source = (
            Tag.objects.filter(category="skill", name_en__iexact="Kaizen").first()
            or Tag.objects.filter(category="skill").order_by("id")[6]
        )
        merge_target = (
            Tag.objects.filter(category="skill", name_en__iexact="Lean production").first()
            or Tag.objects.filter(category="skill").order_by("id")[7]
        )
    services.tag_retire(tenant, tag=retired, actor=admin)
    if merge_source.pk != merge_target.pk:
        services.tag_merge(tenant, source=merge_source, target=merge_target, actor=admin)

    # Merges: one kept, one undone (its flag is open again).
    james = by_name["James O'Neil"]
    twin = services.candidate_create(
        tenant,
        data=services.CandidateInput(
            full_name="James O’Neil", emails=("james.oneil@example.ie",), fields={"current_company": "Google"}
        ),
        source="api",
    )
    services.candidate_merge(tenant, keep=james, remove=twin, actor=recruiter)
    sofia = by_name["Sofia Rossi"]
    sofia_twin = services.candidate_create(
        tenant,
        data=services.CandidateInput(
            full_name="Sofia Rossi", emails=("s.rossi@example.it",), fields={"current_company": "Salesforce"}
        ),
        source="import",
    )
    services.duplicates_flag_for(tenant, candidate_id=sofia_twin.pk)
    merge = services.candidate_merge(tenant, keep=sofia, remove=sofia_twin, actor=admin)
    services.candidate_merge_undo(tenant, merge=merge, actor=admin)

    # Documents that could not be read.
    services.resumes_ingest(
        tenant,
        uploads=[
            ("扫描件.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf"),
            ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
        ],
        actor=recruiter,
        parse_now=True,
    )

    # Imports: one finished with rejected rows, one dry run.
    job = services.import_create(
        tenant,
        data=IMPORT_CSV.encode(),
        filename="猎头推荐名单.csv",
        mapping_name="猎头名单",
        actor=recruiter,
    )
    services.import_run(tenant, job_id=job.pk, actor=recruiter)
    services.import_create(
        tenant,
        data=IMPORT_CSV.replace("王芳", "王芳芳").encode() + b"\n",
        filename="campus-2024.csv",
        actor=recruiter,
    )
    with tenant_context(tenant):
        print(
            "candidates",
            Candidate.objects.count(),
            "open duplicates",
            DuplicateFlag.objects.filter(status="open").count(),
            "merges",
            CandidateMerge.objects.count(),
        )


if __name__ == "__main__":
    sys.exit(main())
