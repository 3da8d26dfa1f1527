"""Resume parsing: bytes → text → language → entities, fields and taxonomy tags. No database access here.

Modules:
- ``types``: the shared result types;
- ``text``: text from PDF, DOCX, DOC, TXT, MD, HTML, RTF in any encoding;
- ``language``: zh / en / mixed;
- ``fields``: contacts, education, experience, date ranges, years of experience, salary, name;
- ``ner``: the entity tagger trained by ``make train`` (labels NAME, ORG, TITLE, EDU, PRO, LOC);
- ``tagging``: the taxonomy matcher (Aho–Corasick over the tenant's or the seed taxonomy);
- ``pipeline``: ``parse_text`` ties them together into a ``ParsedResume``.
"""
