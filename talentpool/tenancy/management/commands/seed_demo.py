"""The demo tenant for `make run`: an admin, a recruiter, a hiring manager, a viewer and a small pool."""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from candidates.models import Candidate, EducationLevel
from candidates.services import CandidateInput, candidate_create
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
DEMO_CANDIDATES = [
    ("王伟", "车间主任", "比亚迪", "深圳", 12, EducationLevel.BACHELOR),
    ("李娜", "精益生产经理", "美的集团", "佛山", 9, EducationLevel.MASTER),
    ("张敏", "SaaS 销售总监", "纷享销客", "北京", 8, EducationLevel.BACHELOR),
    ("刘洋", "客户成功经理", "有赞", "杭州", 5, EducationLevel.BACHELOR),
    ("陈静", "Python 后端工程师", "字节跳动", "上海", 4, EducationLevel.MASTER),
    ("杨帆", "六西格玛黑带", "富士康", "郑州", 10, EducationLevel.BACHELOR),
    ("赵磊", "数据分析师", "美团", "北京", 3, EducationLevel.MASTER),
    ("黄丽", "HRBP", "华为", "深圳", 7, EducationLevel.BACHELOR),
    ("周杰", "嵌入式软件工程师", "大疆", "深圳", 6, EducationLevel.MASTER),
    ("吴昊", "供应链经理", "京东", "北京", 11, EducationLevel.MASTER),
    ("Emily Carter", "Product Manager", "Shopify", "Toronto", 7, EducationLevel.BACHELOR),
    ("James O'Neil", "Site Reliability Engineer", "Google", "Dublin", 9, EducationLevel.BACHELOR),
    ("Priya Raman", "Data Scientist", "Grab", "Singapore", 5, EducationLevel.DOCTOR),
    ("Lukas Schmidt", "Production Engineer", "Siemens", "Munich", 8, EducationLevel.MASTER),
    ("Sofia Rossi", "Customer Success Lead", "Salesforce", "Milan", 6, EducationLevel.BACHELOR),
    ("欧阳娜娜", "品牌市场经理", "小红书", "上海", 4, EducationLevel.BACHELOR),
    ("司马懿", "战略规划总监", "腾讯", "深圳", 15, EducationLevel.MASTER),
    ("Ng Wei Ling", "Frontend Engineer", "Sea Group", "Singapore", 3, EducationLevel.BACHELOR),
]


class Command(BaseCommand):
    help = "Create or refresh the demo tenant and print its URL and credentials (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=DEMO_SLUG).first()
        if tenant is None:
            tenant = tenant_create(name="演示科技 Demo Tech", slug=DEMO_SLUG, admin_email=DEMO_PEOPLE[0][0],
                                   admin_name=DEMO_PEOPLE[0][1]).tenant
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
        for number, (name, title, company, city, years, education) in enumerate(DEMO_CANDIDATES, start=1):
            fields = {"current_title": title, "current_company": company, "location": city, "years_experience": years,
                      "highest_education": education, "activity_score": round(generator.uniform(10, 98), 1),
                      "source": generator.choice(["upload", "import", "linkedin", "maimai"])}
            candidate = candidate_create(tenant, data=CandidateInput(
                full_name=name, emails=(f"demo.candidate{number}@example.com",), fields=fields), source="import")
            with tenant_context(tenant):
                Candidate.objects.filter(pk=candidate.pk).update(
                    last_interaction_at=now - timedelta(days=generator.randint(0, 200)),
                    created_at=now - timedelta(days=generator.randint(0, 400)))
