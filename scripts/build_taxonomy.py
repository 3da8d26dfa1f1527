"""Build the seed taxonomy: candidates/taxonomy/seed.jsonl and common_words.txt.

    python scripts/build_taxonomy.py [--data ../shared/data] [--out candidates/taxonomy]

Sources, in order of precedence (a later term whose name is already a name or synonym of an earlier term is
merged into it as synonyms; a synonym already owned by another term is dropped):

1. ``candidates/taxonomy/cn_terms.txt``: hand-written Chinese-market terms (Chinese and English names);
2. O*NET 29.2 technology skills (CC BY 4.0): every Hot Technology and In Demand example, and examples named
   by three or more occupations that look like product names; their commodity titles become parent terms;
3. ESCO v1.2.0 (EU reuse with attribution): the transversal skills collection, the language names, the
   digital-skills knowledge items that are product or language names, the ISCED-F fields of study, and the
   ESCO skills listed (with their Chinese names) in ``candidates/taxonomy/zh_names.txt``, which also names
   the O*NET commodity titles and the ISCED-F fields in Chinese.

Product and language names (Python, MySQL, Microsoft Excel) keep their English name as the Chinese name.
Forms that are also ordinary words or other things ("Go", "Scratch", "RED", "小红书") are marked per term as
``ambiguous`` ({form: tier}, decided with wordfreq by candidates/parsing/word_sense.py ``form_tier``).
The output is sorted and stable: running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "candidates" / "taxonomy"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CATEGORY_ORDER = (
    "skill",
    "experience",
    "industry",
    "quality",
    "education",
    "certificate",
    "title",
    "language",
    "location",
)

VENDORS = (
    "Microsoft",
    "Adobe",
    "Oracle",
    "IBM",
    "Google",
    "Apple",
    "Amazon",
    "Apache",
    "Autodesk",
    "SAP",
    "Atlassian",
    "Cisco",
    "Red Hat",
    "The MathWorks",
    "MathWorks",
    "Intuit",
    "Dassault Systemes",
    "Trimble",
    "Bentley",
    "ESRI",
    "Esri",
    "Salesforce",
    "Corel",
    "Avid Technology",
    "Avid",
    "Siemens",
    "Hewlett Packard",
    "Hewlett-Packard",
    "National Instruments",
    "Sage",
    "Infor",
    "Epic",
    "Cerner",
    "Blackbaud",
    "Embarcadero",
    "PTC",
    "MSC Software",
    "Symantec",
    "Sun Microsystems",
    "Eclipse",
    "Meta",
    "Qlik Tech",
    "Tableau Software",
    "SmartDraw",
    "Mozilla",
    "Facebook",
    "Kronos",
    "StataCorp",
    "Maplesoft",
    "Mathsoft",
    "Golden Software",
)
# Vendor-less forms that are fine although they are common words (the matcher then matches them as written).
VENDORLESS_ALLOWED = {"Excel", "PowerPoint", "Outlook", "Visio", "Photoshop", "Illustrator", "InDesign"}
VENDORLESS_REFUSED = {
    "Calendar",
    "Presenter",
    "Painter",
    "Inventor",
    "Workspace",
    "Middleware",
    "Safari",
    "Domino",
    "Distiller",
    "Ventura",
    "Costimater",
    "Softdesk",
}
# Words that never make a vendor-less product name on their own ("Amazon Web Services" → not "Web Services").
GENERIC_WORDS = {
    "web",
    "services",
    "service",
    "cloud",
    "server",
    "data",
    "software",
    "suite",
    "platform",
    "studio",
    "tools",
    "system",
    "systems",
    "database",
    "office",
    "online",
    "business",
    "enterprise",
    "management",
    "center",
    "manager",
    "professional",
    "standard",
    "edition",
    "app",
    "apps",
    "network",
    "analytics",
    "engine",
}
# ESCO transversal groups whose skills are personal qualities rather than skills.
QUALITY_GROUPS = {
    "taking a proactive approach",
    "demonstrating willingness to learn",
    "maintaining a positive attitude",
    "following ethical code of conduct",
    "collaborating in teams and networks",
    "communicating",
    "leading others",
    "supporting others",
    "thinking creatively and innovatively",
    "processing information, ideas and concepts",
    "dealing with problems",
    "working efficiently",
}
EXTRA_COMMON_WORDS = (
    "access",
    "ant",
    "blink",
    "chef",
    "excel",
    "express",
    "go",
    "hive",
    "less",
    "meteor",
    "node",
    "pig",
    "project",
    "puppet",
    "react",
    "rest",
    "ruby",
    "rust",
    "salt",
    "scheme",
    "sketch",
    "slack",
    "spark",
    "spring",
    "storm",
    "swift",
    "teams",
    "unity",
    "word",
    "zoom",
    "canvas",
    "prism",
    "origin",
    "maple",
)
_PAREN = re.compile(r"\s*\([^)]*\)\s*")
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower())


def slug(text: str) -> str:
    text = text.lower().replace("c++", "cpp").replace("c#", "csharp").replace("f#", "fsharp")
    text = re.sub(r"(^|\s)\.net", r"\1dotnet", text).replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"[^0-9a-z\u3400-\u9fff]+", "-", text).strip("-")
    return text[:60].strip("-") or "term"


class Builder:
    """Collects terms in precedence order and merges duplicates by normalised name."""

    def __init__(self) -> None:
        self.terms: list[dict] = []
        self.owner: dict[str, int] = {}  # normalised form -> index of the term that owns it
        self.category_owner: dict[tuple[str, str], int] = {}  # (category, form) -> term to merge into

    def add(
        self,
        category: str,
        name_en: str,
        name_zh: str,
        synonyms=(),
        parent_ref: str | None = None,
        source: str = "",
    ) -> int:
        name_en, name_zh = name_en.strip(), (name_zh or name_en).strip()
        for form in (name_en, name_zh):
            index = self.category_owner.get((category, norm(form)))
            if index is not None:
                self._merge(index, synonyms)
                if name_en != self.terms[index]["name_en"]:
                    self._merge(index, [name_en])
                return index
        index = len(self.terms)
        self.terms.append(
            {
                "category": category,
                "name_en": name_en,
                "name_zh": name_zh,
                "synonyms": [],
                "parent_ref": parent_ref,
                "source": source,
            }
        )
        for form in (name_en, name_zh):
            key = norm(form)
            self.category_owner.setdefault((category, key), index)
            other = self.owner.get(key)
            if other is None:
                self.owner[key] = index
            elif key not in (norm(self.terms[other]["name_en"]), norm(self.terms[other]["name_zh"])):
                # a name beats another term's synonym: the synonym moves to this term
                self.terms[other]["synonyms"] = [s for s in self.terms[other]["synonyms"] if norm(s) != key]
                self.owner[key] = index
        self._merge(index, synonyms)
        return index

    def _merge(self, index: int, synonyms) -> None:
        term = self.terms[index]
        for synonym in synonyms:
            synonym = _SPACE.sub(" ", synonym).strip()
            key = norm(synonym)
            if not key or key in (norm(term["name_en"]), norm(term["name_zh"])):
                continue
            self.category_owner.setdefault((term["category"], key), index)
            if self.owner.setdefault(key, index) == index and synonym not in term["synonyms"]:
                if not any(norm(s) == key for s in term["synonyms"]):
                    term["synonyms"].append(synonym)

    def finish(self) -> list[dict]:
        keys: dict[int, str] = {}
        used: set[str] = set()
        for index, term in enumerate(self.terms):
            base = f"{term['category']}.{slug(term['name_en'])}"
            key, n = base, 2
            while key in used:
                key, n = f"{base}-{n}", n + 1
            used.add(key)
            keys[index] = key
        by_name = {}
        for index, term in enumerate(self.terms):
            by_name.setdefault(norm(term["name_en"]), index)
        out = []
        for index, term in enumerate(self.terms):
            parent = None
            if term["parent_ref"]:
                target = by_name.get(norm(term["parent_ref"]), self.owner.get(norm(term["parent_ref"])))
                if target is None:
                    raise SystemExit(f"unknown parent {term['parent_ref']!r} of {term['name_en']!r}")
                parent = keys[target] if target != index else None
            row = {
                "key": keys[index],
                "category": term["category"],
                "name_en": term["name_en"],
                "name_zh": term["name_zh"],
                "synonyms": term["synonyms"],
            }
            if parent:
                row["parent"] = parent
            out.append(row)
        out.sort(key=lambda r: (CATEGORY_ORDER.index(r["category"]), r["key"]))
        return out


# -- sources -------------------------------------------------------------------------------------------------


def read_cn_terms(path: Path) -> list[tuple[str, str, str, list[str], str | None]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(";")
        if len(parts) != 5 or parts[0] not in CATEGORY_ORDER:
            raise SystemExit(f"{path.name}:{number}: bad line {line!r}")
        category, name_en, name_zh, synonyms, parent = parts
        rows.append(
            (category, name_en, name_zh, [s for s in synonyms.split(",") if s.strip()], parent or None)
        )
    return rows


def read_zh_names(path: Path) -> dict[str, str]:
    names = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, zh = line.partition("|")
        if not sep or not zh.strip():
            raise SystemExit(f"{path.name}:{number}: bad line {line!r}")
        names[norm(label)] = zh.strip()
    return names


def clean_label(label: str) -> str:
    return _SPACE.sub(" ", _PAREN.sub(" ", label)).strip()


def alt_labels(raw: str) -> list[str]:
    parts = re.split(r"\s*\|\s*|\n", raw or "")
    out = []
    for part in parts:
        part = clean_label(part)
        if " " not in part and part.lower() in COMMON:
            continue  # "lead", "plan": too plain to stand for the skill
        if 3 <= len(part) <= 60 and len(part.split()) <= 6 and not part.lower().startswith("ability to"):
            out.append(part)
    return out


def onet_name(example: str) -> tuple[str, list[str]]:
    """A sensible name for an O*NET technology example and its other spellings."""
    synonyms = [example]
    name = example
    if name.endswith(" software") and any(c.isupper() for c in name[1:]):
        name = name[: -len(" software")]
        synonyms.append(name)
    words = name.split()
    if len(words) >= 3 and re.fullmatch(r"[A-Z][A-Z0-9/]{1,7}", words[-1]):
        acronym, expansion = words[-1], " ".join(words[:-1])
        if all(w.islower() for w in words[1:-1]):  # "Extensible markup language XML": the acronym is the name
            name = acronym
            synonyms.append(expansion)
        else:  # "Oracle JavaServer Pages JSP": the product name, the acronym a synonym when not too short
            name = expansion
            capitals = iter(c for c in expansion if c.isupper())
            if len(acronym) >= 3 and all(c in capitals for c in acronym if c.isalpha()):
                synonyms.append(acronym)  # its letters are capitals of the name, in order
    for vendor in VENDORS:
        if name.startswith(vendor + " ") and len(name) > len(vendor) + 3:
            rest = name[len(vendor) + 1 :]
            words = rest.lower().split()
            if len(words) > 1:
                keep = any(
                    w not in COMMON and w not in GENERIC_WORDS for w in words
                )  # "SQL Server", not "Web Services"
            else:
                keep = (
                    rest in VENDORLESS_ALLOWED
                    or rest not in VENDORLESS_REFUSED
                    and (
                        rest.lower() not in COMMON
                        and (len(rest) >= 5 or any(c.isupper() or c.isdigit() for c in rest[1:]))
                    )
                )
            if keep:
                synonyms.append(rest)
            break
    return name, [s for s in dict.fromkeys(synonyms) if s != name]


def looks_like_product(example: str) -> bool:
    words = example.split()
    if len(words) == 1:
        return True
    return any(w[:1].isupper() or any(c.isupper() or c.isdigit() for c in w[1:]) for w in words[1:])


def add_onet(builder: Builder, data: Path, zh: dict[str, str]) -> None:
    rows = list(
        csv.DictReader((data / "onet-29.2" / "Technology Skills.txt").open(encoding="utf-8"), delimiter="\t")
    )
    occupations: Counter = Counter()
    flagged: set[str] = set()
    commodities: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        example = row["Example"].strip()
        occupations[example] += 1
        commodities[example][row["Commodity Title"].strip()] += 1
        if row["Hot Technology"] == "Y" or row["In Demand"] == "Y":
            flagged.add(example)
    chosen = sorted(e for e in occupations if e in flagged or (occupations[e] >= 2 and looks_like_product(e)))
    for commodity in sorted({c for e in chosen for c in commodities[e]}):
        if norm(commodity) not in zh:
            raise SystemExit(f"zh_names.txt lacks the O*NET commodity title {commodity!r}")
        # "ERP software" → "software" would match every English resume: drop acronyms only when two words remain.
        kept = [w for w in commodity.split() if not re.fullmatch(r"[A-Z]{2,}", w)]
        name = " ".join(kept) if len(kept) >= 2 else commodity
        builder.add("skill", name, zh[norm(commodity)], [commodity], source="onet")
    # hot and in-demand first so they win shared forms
    for example in sorted(chosen, key=lambda e: (e not in flagged, -occupations[e], e)):
        name, synonyms = onet_name(example)
        if len(name) <= 2 and name not in ("C", "R"):
            continue  # "J", "ES": too ambiguous to tag
        parent = commodities[example].most_common(1)[0][0]
        builder.add("skill", name, name, synonyms, parent_ref=parent, source="onet")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def add_esco(builder: Builder, data: Path, zh: dict[str, str]) -> None:
    esco = data / "esco-1.2.0"
    alts: dict[str, str] = {}
    sources = [esco / "derived" / "esco_skills_cross_sector_transversal.csv"] + sorted(
        esco.glob("*SkillsCollection_en.csv")
    )
    for path in sources:
        for row in read_csv(path):
            alts.setdefault(norm(row["preferredLabel"]), row.get("altLabels") or "")

    done: set[str] = set()  # ESCO labels already placed in a category

    # languages
    for row in read_csv(esco / "languageSkillsCollection_en.csv"):
        label = row["preferredLabel"].strip()
        if row["skillType"] == "knowledge" and label[:1].isupper() and norm(label) in zh:
            builder.add("language", label, zh[norm(label)], [], source="esco")
            done.add(norm(label))

    # transversal skills
    for row in sorted(
        read_csv(esco / "transversalSkillsCollection_en.csv"), key=lambda r: r["preferredLabel"]
    ):
        label = clean_label(row["preferredLabel"])
        if norm(label) not in zh:
            continue
        groups = {g.strip() for g in row["broaderConceptPT"].split("|")}
        category = "quality" if groups & QUALITY_GROUPS else "skill"
        builder.add(
            category,
            label,
            zh[norm(label)],
            alt_labels(alts.get(norm(row["preferredLabel"]), "")),
            source="esco",
        )
        done.update((norm(label), norm(row["preferredLabel"])))

    # ISCED-F fields of study
    for row in sorted(read_csv(esco / "skillGroups_en.csv"), key=lambda r: r["code"]):
        if "isced-f" in row["conceptUri"] and len(row["code"]) == 4 and norm(row["preferredLabel"]) in zh:
            label = clean_label(row["preferredLabel"])
            builder.add("education", label, zh[norm(row["preferredLabel"])], [], source="esco")
            done.add(norm(row["preferredLabel"]))

    # digital knowledge items that are names of products or languages
    for row in sorted(read_csv(esco / "digitalSkillsCollection_en.csv"), key=lambda r: r["preferredLabel"]):
        label = row["preferredLabel"].strip()
        if row["skillType"] != "knowledge" or not label[:1].isupper() or label.startswith("ICT "):
            continue
        name = clean_label(label)
        if norm(label) in zh:
            builder.add("skill", name, zh[norm(label)], alt_labels(alts.get(norm(label), "")), source="esco")
        elif len(name) <= 40:
            builder.add("skill", name, name, alt_labels(alts.get(norm(label), "")), source="esco")
        done.add(norm(label))

    # every other ESCO skill named in zh_names.txt
    known = {}
    for path in sources:
        for row in read_csv(path):
            known.setdefault(norm(row["preferredLabel"]), row["preferredLabel"].strip())
    profiles = esco / "derived" / "esco_occupation_profiles.jsonl"
    for line in profiles.open(encoding="utf-8"):
        profile = json.loads(line)
        for field in ("essential_skills", "essential_knowledge", "optional_skills"):
            for label in profile.get(field) or ():
                known.setdefault(norm(label), label.strip())
    for label_norm in sorted(known):
        if label_norm in zh and label_norm not in done:
            label = known[label_norm]
            builder.add(
                "skill",
                clean_label(label),
                zh[label_norm],
                alt_labels(alts.get(label_norm, "")),
                source="esco",
            )


def build_common_words(data: Path) -> list[str]:
    """Lowercase words that ESCO descriptions and O*NET task statements use as ordinary words."""
    lower: Counter = Counter()
    capital: Counter = Counter()
    texts = []
    esco = data / "esco-1.2.0"
    for path in sorted(esco.glob("*SkillsCollection_en.csv")) + [esco / "occupations_en.csv"]:
        texts.extend(row.get("description") or "" for row in read_csv(path))
    tasks = data / "onet-29.2" / "Task Statements.txt"
    texts.extend(row["Task"] for row in csv.DictReader(tasks.open(encoding="utf-8"), delimiter="\t"))
    for text in texts:
        for sentence in re.split(r"[.!?;:]\s+|\n", text):
            for i, word in enumerate(re.findall(r"[A-Za-z]+", sentence)):
                if word.islower():
                    lower[word] += 1
                elif i > 0 and word[:1].isupper():
                    capital[word.lower()] += 1
    words = {w for w, n in lower.items() if n >= 3 and n >= 4 * capital[w] and len(w) >= 2}
    words.update(EXTRA_COMMON_WORDS)
    return sorted(words)


COMMON: set[str] = set()


def mark_ambiguous(rows: list[dict], common: frozenset[str]) -> None:
    """Store, per term, the forms that are also ordinary words or other things ({form: tier}; see
    candidates/parsing/word_sense.py): the matcher checks their context before tagging them."""
    sys.path.insert(0, str(ROOT))
    from candidates.parsing.word_sense import TIER_NAMES, form_tier

    for row in rows:
        tiers = {}
        for form in dict.fromkeys((row["name_en"], row["name_zh"], *row["synonyms"])):
            tier = form_tier(
                form,
                name_en=row["name_en"],
                name_zh=row["name_zh"],
                category=row["category"],
                common=common,
                parent=row.get("parent") or "",
            )
            if tier:
                tiers[form] = TIER_NAMES[tier]
        if tiers:
            row["ambiguous"] = tiers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--out", type=Path, default=TAXONOMY, help="folder for seed.jsonl and common_words.txt"
    )
    args = parser.parse_args()
    data = args.data
    common = build_common_words(data)
    COMMON.update(common)
    zh = read_zh_names(TAXONOMY / "zh_names.txt")

    builder = Builder()
    for category, name_en, name_zh, synonyms, parent in read_cn_terms(TAXONOMY / "cn_terms.txt"):
        builder.add(category, name_en, name_zh, synonyms, parent_ref=parent, source="cn")
    add_onet(builder, data, zh)
    add_esco(builder, data, zh)
    rows = builder.finish()
    mark_ambiguous(rows, frozenset(common))

    args.out.mkdir(parents=True, exist_ok=True)
    seed = args.out / "seed.jsonl"
    with seed.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    (args.out / "common_words.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    counts = Counter(r["category"] for r in rows)
    sources = Counter(t["source"] for t in builder.terms)
    print(
        f"{len(rows)} terms {dict(sorted(counts.items()))} from {dict(sources)}; "
        f"{seed.stat().st_size / 1e6:.2f} MB; {len(common)} common words",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
