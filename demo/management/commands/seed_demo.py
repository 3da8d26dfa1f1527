"""The demo tenant for `make run`: an admin, a recruiter, a hiring manager, a viewer, a small tagged pool and a role."""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from analytics.tasks import refresh_tenant
from candidates.models import Candidate, EducationLevel, Tag, TagSource
from candidates.services import CandidateInput, candidate_create, candidate_tag_add
from candidates.services.profile import candidate_sync_tag_ids
from candidates.services.taxonomy import tenant_matcher
from profiles.matching import MatchOptions, rank
from profiles.models import RoleProfile
from profiles.services import hiring_managers_set, profile_create_from_jd, shortlist_create, shortlist_send
from talentpool.accounts.models import User
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Role, Tenant
from talentpool.tenancy.services import generate_password, membership_add, seed_new_tenant, tenant_create

DEMO_SLUG = "demo"
DEMO_PEOPLE = [
    ("admin@demo.talentpool.local", "演示管理员", Role.ADMIN),
    ("recruiter@demo.talentpool.local", "李招聘", Role.RECRUITER),
    ("manager@demo.talentpool.local", "Maria Manager", Role.HIRING_MANAGER),
    ("viewer@demo.talentpool.local", "Victor Viewer", Role.VIEWER),
]
# name, title, company, city, years, education, the skills their resume would show (tagged by the taxonomy)
DEMO_CANDIDATES = [
    (
        "王伟",
        "车间主任",
        "比亚迪",
        "深圳",
        12,
        EducationLevel.BACHELOR,
        "精益生产 生产管理 制造业 5S管理 安全生产 团队管理 ERP 六西格玛",
    ),
    (
        "李娜",
        "精益生产经理",
        "美的集团",
        "佛山",
        9,
        EducationLevel.MASTER,
        "精益生产 生产管理 六西格玛 持续改善 团队管理 家电",
    ),
    ("张敏", "SaaS 销售总监", "纷享销客", "北京", 8, EducationLevel.BACHELOR, "大客户销售 CRM 团队管理 谈判"),
    ("刘洋", "客户成功经理", "有赞", "杭州", 5, EducationLevel.BACHELOR, "客户成功 CRM 沟通能力"),
    (
        "陈静",
        "Python 后端工程师",
        "字节跳动",
        "上海",
        4,
        EducationLevel.MASTER,
        "Python Django PostgreSQL Redis Docker",
    ),
    (
        "杨帆",
        "六西格玛黑带",
        "富士康",
        "郑州",
        10,
        EducationLevel.BACHELOR,
        "六西格玛 精益生产 质量管理 5S管理",
    ),
    ("赵磊", "数据分析师", "美团", "北京", 3, EducationLevel.MASTER, "SQL Python Tableau 数据分析"),
    ("黄丽", "HRBP", "华为", "深圳", 7, EducationLevel.BACHELOR, "招聘 员工关系 绩效管理 沟通能力"),
    ("周杰", "嵌入式软件工程师", "大疆", "深圳", 6, EducationLevel.MASTER, "C++ 嵌入式 Linux RTOS"),
    ("吴昊", "供应链经理", "京东", "北京", 11, EducationLevel.MASTER, "供应链管理 采购 ERP 团队管理"),
    (
        "Emily Carter",
        "Product Manager",
        "Shopify",
        "Toronto",
        7,
        EducationLevel.BACHELOR,
        "product management agile SQL stakeholder management",
    ),
    (
        "James O'Neil",
        "Site Reliability Engineer",
        "Google",
        "Dublin",
        9,
        EducationLevel.BACHELOR,
        "Kubernetes Linux Go Python Terraform",
    ),
    (
        "Priya Raman",
        "Data Scientist",
        "Grab",
        "Singapore",
        5,
        EducationLevel.DOCTOR,
        "Python machine learning SQL statistics",
    ),
    (
        "Lukas Schmidt",
        "Production Engineer",
        "Siemens",
        "Munich",
        8,
        EducationLevel.MASTER,
        "lean manufacturing Six Sigma SAP continuous improvement",
    ),
    (
        "Sofia Rossi",
        "Customer Success Lead",
        "Salesforce",
        "Milan",
        6,
        EducationLevel.BACHELOR,
        "customer success Salesforce team leadership",
    ),
    (
        "欧阳娜娜",
        "品牌市场经理",
        "小红书",
        "上海",
        4,
        EducationLevel.BACHELOR,
        "品牌管理 内容营销 新媒体运营",
    ),
    ("司马懿", "战略规划总监", "腾讯", "深圳", 15, EducationLevel.MASTER, "战略规划 投资并购 团队管理"),
    (
        "Ng Wei Ling",
        "Frontend Engineer",
        "Sea Group",
        "Singapore",
        3,
        EducationLevel.BACHELOR,
        "JavaScript React TypeScript CSS",
    ),
]
DEMO_JD = """车间主任

岗位职责：
1. 全面负责车间生产计划的执行，确保产量、质量、成本和交期目标达成；
2. 推行精益生产和5S管理，持续改进生产效率；
3. 负责车间安全生产和团队管理。

任职要求：
1. 本科及以上学历，机械、工业工程相关专业；
2. 8年以上制造业生产管理经验，3年以上车间管理经验；
3. 精通精益生产，熟悉六西格玛、ERP系统；
4. 具备良好的沟通能力和团队管理能力；
5. 有汽车或家电行业经验者优先。

薪资：25-35K·14薪
"""


class Command(BaseCommand):
    help = "Create or refresh the demo tenant and print its URL and credentials (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=DEMO_SLUG).first()
        if tenant is None:
            tenant = tenant_create(
                name="演示科技 Demo Tech",
                slug=DEMO_SLUG,
                admin_email=DEMO_PEOPLE[0][0],
                admin_name=DEMO_PEOPLE[0][1],
            ).tenant
        seed_new_tenant(tenant)  # idempotent: a demo made before a seeder existed gets it now
        credentials = []
        for email, name, role in DEMO_PEOPLE:
            # Fresh passwords on every run: the demo never has a password that sits in the repository.
            password = generate_password()
            user = User.objects.filter(email=email).first() or User.objects.create_user(email, name=name)
            user.set_password(password)
            user.save(update_fields=["password"])
            membership_add(tenant, user=user, role=role)
            credentials.append((role, email, password))
        self._seed_candidates(tenant)
        self._seed_role(
            tenant,
            recruiter=User.objects.get(email=DEMO_PEOPLE[1][0]),
            manager=User.objects.get(email=DEMO_PEOPLE[2][0]),
        )
        self._seed_engagement(tenant, recruiter=User.objects.get(email=DEMO_PEOPLE[1][0]))
        # Analytics has figures on the first visit instead of after beat's first refresh (15 minutes).
        refresh_tenant.apply(args=[tenant.pk])
        url = f"{settings.SITE_URL}/"
        self.stdout.write("")
        self.stdout.write(f"Talent Pool is starting at {url}")
        self.stdout.write(f"Demo tenant: {tenant.name} ({tenant.slug})")
        for role, email, password in credentials:
            self.stdout.write(f"  {role:<15} {email:<36} password: {password}")
        self.stdout.write("")

    def _seed_candidates(self, tenant):
        with tenant_context(tenant):
            if Candidate.objects.exists():
                return
        generator = random.Random(2026)
        now = timezone.now()
        for number, (name, title, company, city, years, education, skills) in enumerate(
            DEMO_CANDIDATES, start=1
        ):
            fields = {
                "current_title": title,
                "current_company": company,
                "location": city,
                "years_experience": years,
                "highest_education": education,
                "source": generator.choice(["upload", "import", "linkedin", "maimai"]),
            }
            candidate = candidate_create(
                tenant,
                data=CandidateInput(
                    full_name=name, emails=(f"demo.candidate{number}@example.com",), fields=fields
                ),
                source="import",
            )
            with tenant_context(tenant):
                # 李娜 is the product's example: imported two years ago, when no role fitted.
                age = 730 if name == "李娜" else generator.randint(120, 700)
                Candidate.objects.filter(pk=candidate.pk).update(created_at=now - timedelta(days=age))
                self._tag(candidate, f"{title} {skills}")

    def _seed_engagement(self, tenant, *, recruiter):
        """A history of touches behind every score (scores come from interactions, never typed in), a content
        item, and the product's example today: 李娜 opens and replies to the "精益生产落地案例" email, becomes
        high activity, and the recruiter is asked to follow up first with the role that fits."""
        from engagement.models import Interaction
        from engagement.services.interactions import follow_up_for_high_tier, interaction_record
        from engagement.services.templates import content_create

        with tenant_context(tenant):
            if Interaction.objects.filter(external_id__startswith="demo:").exists():
                return
            lean = Tag.objects.filter(
                key__in=[hit.tag_key for hit in tenant_matcher().find("精益生产")]
            ).first()
            content_create(
                title="精益生产落地案例：一个车间的 5S 与持续改善",
                url="https://example.com/lean-case",
                summary="从看板到快速换模，一年把换线时间缩短一半。",
                tag_ids=[lean.pk] if lean else [],
                language="zh-hans",
                kind="article",
            )
            now = timezone.now()
            generator = random.Random(2027)
            people = {candidate.full_name: candidate for candidate in Candidate.objects.all()}
            # (days ago, kind) per person; everyone else gets an old email or two, opened or not.
            plans = {
                "李娜": [(700, "sent"), (0.05, "sent"), (0.04, "opened"), (0.01, "replied")],
                "陈静": [(40, "sent"), (3, "applied"), (2, "opened"), (1, "clicked")],
                "王伟": [(90, "sent"), (12, "resume_updated"), (5, "opened"), (5, "clicked")],
                "张敏": [(60, "sent"), (30, "event_attended"), (20, "call")],
                "Emily Carter": [(80, "sent"), (60, "replied"), (10, "opened")],
            }
            for number, (name, candidate) in enumerate(sorted(people.items())):
                plan = plans.get(name) or [
                    (days, kind)
                    for days in sorted(generator.sample(range(30, 600), 2), reverse=True)
                    for kind in (("sent", "opened") if generator.random() < 0.5 else ("sent",))
                ]
                for step, (days, kind) in enumerate(plan):
                    interaction_record(
                        candidate=candidate,
                        kind=kind,
                        channel="phone" if kind == "call" else "email",
                        occurred_at=now - timedelta(days=days),
                        external_id=f"demo:{number}:{step}",
                        actor=recruiter if kind == "call" else None,
                        metadata={"subject": "精益生产落地案例"} if name == "李娜" and days < 1 else {},
                        body="很感兴趣，方便的话这周电话聊聊。"
                        if name == "李娜" and kind == "replied"
                        else "",
                    )
            # The worker would do this from the queue a moment later; the demo shows it at once (safe twice).
            for candidate in Candidate.objects.all():
                candidate.refresh_from_db()
                if candidate.activity_tier == "high":
                    follow_up_for_high_tier(candidate_id=candidate.pk)

    @staticmethod
    def _tag(candidate, text):
        """The tags the taxonomy finds in the demo person's title and skills, as a parsed resume would give."""
        keys = {hit.tag_key for hit in tenant_matcher().find(text) if hit.tag_key}
        for tag in Tag.objects.filter(key__in=keys):
            candidate_tag_add(candidate, tag=tag, source=TagSource.EXTRACTED, sync=False)
        candidate_sync_tag_ids(candidate)

    def _seed_role(self, tenant, *, recruiter, manager):
        """One open role made from a JD, its best matches shortlisted and sent to the hiring manager."""
        with tenant_context(tenant):
            if RoleProfile.objects.exists():
                return
            profile = profile_create_from_jd(
                jd_text=DEMO_JD, actor=recruiter, department="制造中心", location="深圳"
            )
            hiring_managers_set(profile, user_ids=[manager.pk], actor=recruiter)
            best = [
                match.candidate_id for match in rank(profile, MatchOptions(must_have_mode="flag", limit=3))
            ]
            if best:
                shortlist = shortlist_create(profile=profile, candidate_ids=best, actor=recruiter)
                shortlist_send(shortlist, actor=recruiter)
