"""Create a role profile from a job description file with the JD's suggested requirements."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from candidates.parsing.text import clean_text, decode_bytes
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ...services import profile_create_from_jd


class Command(BaseCommand):
    help = (
        "Create a role profile from a JD: title, requirements, minimum years, education and salary suggested."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="the tenant's slug")
        parser.add_argument("--title", default="", help="the role's title (default: the JD's title line)")
        parser.add_argument(
            "--jd-file", required=True, help="the JD as a text file (any common encoding); - reads stdin"
        )
        parser.add_argument("--json", action="store_true", help='print {"id", "requirements": [...]} as JSON')

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        jd_text = _read(options["jd_file"], sys.stdin)
        try:
            with tenant_context(tenant.pk):
                profile = profile_create_from_jd(jd_text=jd_text, title=options["title"])
                requirements = [
                    {
                        "tag": {
                            "id": req.tag_id,
                            "key": req.tag.key,
                            "name": req.tag.name_zh
                            if tenant.default_language.startswith("zh") and req.tag.name_zh
                            else req.tag.name_en or req.tag.name_zh,
                            "category": req.tag.category,
                        },
                        "group": req.group,
                        "weight": req.weight,
                        "must_have": req.must_have,
                    }
                    for req in profile.requirements.select_related("tag")
                ]
        except ServiceError as exc:
            raise CommandError(f"{exc.field or 'error'}: {exc}") from exc
        if options["json"]:
            result = {
                "id": profile.pk,
                "title": profile.title,
                "requirements": requirements,
                "min_years": float(profile.min_years) if profile.min_years is not None else None,
                "education": profile.education,
            }
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(f"Role profile {profile.pk}: {profile.title}, {len(requirements)} requirements")
            for req in requirements:
                flag = " (must-have)" if req["must_have"] else ""
                self.stdout.write(f"  {req['tag']['name']} [{req['group']}] weight {req['weight']}{flag}")


def _read(path: str, stdin) -> str:
    if path == "-":
        data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
    else:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        data = file.read_bytes()
    text = clean_text(decode_bytes(data)[0])
    if not text.strip():
        raise CommandError("jd-file: the job description is empty.")
    return text
