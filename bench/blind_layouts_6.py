"""Blind held-out resume set 6: a recruitment agency's inbox (non-tech roles).

Deterministic generator of .docx / .pdf / .txt resumes with hand-written truth.
"""

import datetime
import io
import zipfile
from xml.sax.saxutils import escape

import docx
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

_FIXED = datetime.datetime(2024, 1, 1, 9, 0, 0)


def _parse(text):
    """Mini markup: !name #heading -bullet *bold |table|row @header ~ sidebar ~~."""
    side, main, hdr = [], [], None
    blocks = main
    for line in text.strip("\n").split("\n"):
        line = line.rstrip()
        if line in ("~", "~~"):
            blocks = side if line == "~" else main
        elif line.startswith("@"):
            hdr = line[1:].strip()
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if blocks and blocks[-1][0] == "tbl":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("tbl", [cells]))
        else:
            kind = {"!": "name", "#": "head", "-": "bul", "*": "bold"}.get(line[:1], "para")
            blocks.append((kind, line if kind == "para" else line[1:].strip()))
    return hdr, side, main


def _fill_docx(box, blocks, alt):
    for kind, body in blocks:
        if kind == "tbl":
            t = box.add_table(len(body), max(len(r) for r in body))
            if alt:
                t.style = "Table Grid"
            for r, row in enumerate(body):
                for c, val in enumerate(row):
                    parts = val.split("^")
                    cell = t.cell(r, c)
                    cell.text = parts[0]
                    for extra in parts[1:]:
                        cell.add_paragraph(extra)
        elif kind == "name":
            if alt:
                box.add_paragraph(body, style="Title")
            else:
                run = box.add_paragraph().add_run(body)
                run.bold, run.font.size = True, Pt(20)
        elif kind == "head":
            if alt:
                box.add_paragraph(body, style="Heading 2")
            else:
                box.add_paragraph().add_run(body.upper()).bold = True
        elif kind == "bul":
            box.add_paragraph(body, style="List Bullet")
        elif kind == "bold":
            box.add_paragraph().add_run(body).bold = True
        else:
            box.add_paragraph(body)


def _docx(text, alt):
    hdr, side, main = _parse(text)
    d = docx.Document()
    cp = d.core_properties
    cp.author = cp.last_modified_by = "Agency Inbox"
    cp.title, cp.revision = "CV", 1
    cp.created = cp.modified = cp.last_printed = _FIXED
    if hdr:
        d.sections[0].header.paragraphs[0].text = hdr
    if side:
        left, right = d.add_table(1, 2).rows[0].cells
        _fill_docx(left, side, alt)
        _fill_docx(right, main, alt)
    else:
        _fill_docx(d, main, alt)
    raw = io.BytesIO()
    d.save(raw)
    src, out = zipfile.ZipFile(raw), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0))
            zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _pdf(text, alt):
    hdr, side, main = _parse(text)
    ss = getSampleStyleSheet()
    w, h = A4
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, invariant=1, title="CV", author="", creator="")

    def on_page(canvas, _doc):
        if hdr:
            canvas.setFont("Helvetica-Bold", 9)
            canvas.drawString(40, h - 30, hdr)

    one = Frame(40, 40, w - 80, h - 95, id="one")
    temps = [PageTemplate("one", [one], onPage=on_page)]
    if side:
        frames = [Frame(40, 40, 150, h - 95, id="s"), Frame(200, 40, w - 240, h - 95, id="m")]
        temps.insert(0, PageTemplate("two", frames, onPage=on_page))
    doc.addPageTemplates(temps)

    def flow(blocks, width):
        out = []
        for kind, body in blocks:
            if kind == "tbl":
                rows = [[Paragraph(escape(c).replace("^", "<br/>"), ss["BodyText"]) for c in r] for r in body]
                out.append(Table(rows, colWidths=[width / len(body[0])] * len(body[0])))
            elif kind == "name":
                out.append(Paragraph(escape(body), ss["Title"] if alt else ss["Heading1"]))
            elif kind == "head":
                out.append(Paragraph(escape(body.upper() if alt else body), ss["Heading3"]))
            elif kind == "bul":
                out.append(Paragraph(escape(body), ss["BodyText"], bulletText="\u2022"))
            elif kind == "bold":
                out.append(Paragraph(f"<b>{escape(body)}</b>", ss["BodyText"]))
            elif body:
                out.append(Paragraph(escape(body), ss["BodyText"]))
            else:
                out.append(Spacer(1, 6))
        return out

    story = flow(side, 150) + [NextPageTemplate("one"), FrameBreak()] if side else []
    story += flow(main, w - 240 if side else w - 80)
    doc.build(story)
    return buf.getvalue()


def _build(spec, i):
    fname, text, jobs, degrees, names = spec
    alt = i % 2 == 0
    if fname.endswith(".docx"):
        data = _docx(text, alt)
    elif fname.endswith(".pdf"):
        data = _pdf(text, alt)
    else:
        data = text.strip("\n").encode("utf-8") + b"\n"
        if fname in _CRLF:
            data = data.replace(b"\n", b"\r\n")
    truth = {
        "jobs": [list(j) for j in jobs],
        "degrees": [list(d) for d in degrees],
        "names": list(names),
    }
    return fname, data, truth


def documents() -> list[tuple[str, bytes, dict]]:
    """(file name with extension, file bytes, truth) for each resume."""
    return [_build(s, i) for i, s in enumerate(_SPECS)]


_CRLF = {"ciara_dunne.txt", "anju_mary_joseph_resume.txt"}

_SPECS = [
    (
        "aoife_brennan_cv.docx",
        """
~
!Aoife Brennan
Staff Nurse / CNM2
Dublin 9, Ireland
aoife.brennan@eircom.net
087 214 5590
#Key Skills
-Acute medical care
-Rostering & audit
-Epic EHR
#Certifications
-BLS Instructor (2022)
-Manual Handling (2021)
~~
#Profile
NMBI-registered nurse with ten years in acute care, currently leading a 28-bed ward at St. James's Hospital after five years at Beaumont Hospital.
#Professional Experience
*Clinical Nurse Manager 2
St. James's Hospital | Mar 2019 – Present
-Manage a team of 34 nurses and HCAs
*Staff Nurse
Beaumont Hospital | Sep 2014 – Feb 2019
-Respiratory and general medicine
#Education
BSc (Hons) General Nursing, University College Dublin, 2014
Leaving Certificate, Loreto College, Swords, 2010
#References
Ms. Deirdre Moran, Director of Nursing, Beaumont Hospital – available on request
""",
        [
            ("St. James's Hospital", "Clinical Nurse Manager 2", "2019-03"),
            ("Beaumont Hospital", "Staff Nurse", "2014-09"),
        ],
        [("University College Dublin", "bachelor", 2014), ("Loreto College", "secondary", 2010)],
        ["Aoife Brennan"],
    ),
    (
        "Rajesh_Iyer_CA.pdf",
        """
!RAJESH KUMAR IYER
Chartered Accountant | Dubai, UAE | +971 50 381 2290 | rajesh.iyer@gmail.com
#Career Summary
CA with 12 years across audit and FP&A; formerly with Deloitte Haskins & Sells and Emirates NBD.
#Work History
*Al Futtaim Group — Finance Manager
04/2021 - Present
-Own monthly close for the automotive division (AED 2.1bn revenue)
*Emirates NBD — Senior Financial Analyst
07/2016 - 03/2021
*Deloitte Haskins & Sells — Audit Senior
08/2012 - 06/2016
#Qualifications
|Chartered Accountant|Institute of Chartered Accountants of India|2012
|B.Com|University of Mumbai|2009
|HSC (Commerce)|R. A. Podar College|2006
#Skills
SAP FICO, IFRS 16, Power BI, VAT compliance
""",
        [
            ("Al Futtaim Group", "Finance Manager", "2021-04"),
            ("Emirates NBD", "Senior Financial Analyst", "2016-07"),
            ("Deloitte Haskins & Sells", "Audit Senior", "2012-08"),
        ],
        [
            ("Institute of Chartered Accountants of India", None, 2012),
            ("University of Mumbai", "bachelor", 2009),
            ("R. A. Podar College", "secondary", 2006),
        ],
        ["RAJESH KUMAR IYER", "Rajesh Kumar Iyer"],
    ),
    (
        "CV - Olumide Adeyemi.txt",
        """
Dear Recruiter,

Please find my CV below for the Procurement Officer role advertised on your site.

Kind regards,
Olumide

----------------------------------------
OLUMIDE ADEYEMI
Lagos, Nigeria | 0803 555 1290 | olumide.adeyemi@yahoo.com

WORK EXPERIENCE
Procurement Officer - Dangote Cement Plc (January 2020 - Present)
  * Sourcing of spare parts and consumables for two plants
Assistant Buyer - Nigerian Breweries Plc (June 2016 - December 2019)
Purchasing Clerk - Chi Limited (2014 - 2016)

EDUCATION
B.Sc. Business Administration, University of Lagos - 2013
WASSCE (WAEC), Kings College, Lagos - 2008

PROFESSIONAL CERTIFICATION
CIPS Level 4 Diploma in Procurement and Supply (2018)

REFEREES
Mr. Tunde Bakare, Head of Supply Chain, Dangote Cement Plc
Mrs. Ngozi Eze, Procurement Manager, Nigerian Breweries Plc
""",
        [
            ("Dangote Cement Plc", "Procurement Officer", "2020-01"),
            ("Nigerian Breweries Plc", "Assistant Buyer", "2016-06"),
            ("Chi Limited", "Purchasing Clerk", "2014"),
        ],
        [("University of Lagos", "bachelor", 2013), ("Kings College", "secondary", 2008)],
        ["OLUMIDE ADEYEMI", "Olumide Adeyemi"],
    ),
    (
        "SiobhanOConnell_Teacher.docx",
        """
@Siobhán O'Connell  •  Secondary Teacher (English & History)  •  Cork  •  087 660 1123
#Teaching Experience
|Sept 2018 – present|Coláiste Chríost Rí|Teacher of English and History
|Sept 2015 – June 2018|St. Angela's College|Substitute Teacher
#Education & Qualifications
|2015|Professional Master of Education (PME)|University College Cork
|2013|BA English and History|Mary Immaculate College
#Extra-curricular
Debating coach since 2016; camogie team mentor
#Referees
Mr. Pádraig Ó Sé, Principal, Coláiste Chríost Rí
""",
        [
            ("Coláiste Chríost Rí", "Teacher of English and History", "2018-09"),
            ("St. Angela's College", "Substitute Teacher", "2015-09"),
        ],
        [("University College Cork", "master", 2015), ("Mary Immaculate College", "bachelor", 2013)],
        ["Siobhán O'Connell", "Siobhan O'Connell"],
    ),
    (
        "HTP_candidate_FBello.pdf",
        """
@Harbour Talent Partners Ltd · 14 Marine Road, Dún Laoghaire · Candidate Profile (Confidential)
!Candidate: Fatima Bello
Role sought: HR Business Partner | Availability: 1 month notice
#Consultant Summary
Fatima is presented by Harbour Talent Partners. She has progressed from HR Officer at MTN Nigeria to HRBP at Unilever Nigeria.
#Employment History
*Unilever Nigeria Plc
HR Business Partner, Mar 2021 – Present
*MTN Nigeria
HR Officer, Jan 2017 – Feb 2021
#Academic Background
MSc Human Resource Management — University of Leeds (2016)
BSc Sociology — Obafemi Awolowo University (2013)
#Professional Membership
CIPD Level 7 Associate Member, 2019
""",
        [
            ("Unilever Nigeria Plc", "HR Business Partner", "2021-03"),
            ("MTN Nigeria", "HR Officer", "2017-01"),
        ],
        [("University of Leeds", "master", 2016), ("Obafemi Awolowo University", "bachelor", 2013)],
        ["Fatima Bello"],
    ),
    (
        "HTP-20931.txt",
        """
CURRICULUM VITAE
Ref: HTP-20931 (name withheld by agency)

Position: Key Account Manager - FMCG
Location: Abu Dhabi, UAE

Employment
----------
2019 – 2024    Key Account Manager, Agthia Group PJSC
2015 – 2019    Sales Supervisor, Al Islami Foods
2012 – 2015    Sales Executive, Almarai

Education
---------
MBA, Abu Dhabi University, 2018
Bachelor of Commerce, University of Kerala, 2011

Languages: English, Arabic (working), Malayalam
""",
        [
            ("Agthia Group PJSC", "Key Account Manager", "2019"),
            ("Al Islami Foods", "Sales Supervisor", "2015"),
            ("Almarai", "Sales Executive", "2012"),
        ],
        [("Abu Dhabi University", "master", 2018), ("University of Kerala", "bachelor", 2011)],
        [None],
    ),
    (
        "M_Usman_Tariq_CEng.docx",
        """
!Muhammad Usman Tariq
CEng MICE | Civil / Structural Engineer | Manchester, UK
#Experience
*Senior Civil Engineer – AECOM
Jan '20 – Present
-Highways structures, bridge assessments (Eurocodes)
*Civil Engineer – Mott MacDonald Pakistan
Jun '15 – Dec '19
*Site Engineer – Habib Rafiq (Pvt) Ltd
Aug '12 – May '15
#Education
MSc Structural Engineering, University of Manchester, 2019 (distance learning)
BSc Civil Engineering, University of Engineering and Technology, Lahore, 2012
#Professional Memberships
Chartered Member, Institution of Civil Engineers (2021)
#Board Positions
Trustee, Engineers Without Borders UK, 2022 – present
""",
        [
            ("AECOM", "Senior Civil Engineer", "2020-01"),
            ("Mott MacDonald Pakistan", "Civil Engineer", "2015-06"),
            ("Habib Rafiq (Pvt) Ltd", "Site Engineer", "2012-08"),
        ],
        [
            ("University of Manchester", "master", 2019),
            ("University of Engineering and Technology", "bachelor", 2012),
        ],
        ["Muhammad Usman Tariq"],
    ),
    (
        "TanMeiLing_Pharmacist.pdf",
        """
~
!Tan Mei Ling
Registered Pharmacist
Kuala Lumpur
+60 12-388 4410
#Skills
Clinical screening
Inventory (Pyxis)
Patient counselling
#Languages
English, Malay, Mandarin
~~
#Work Experience
*Pharmacist | Gleneagles Hospital Kuala Lumpur
March 2019 to date
*Provisionally Registered Pharmacist | Hospital Kuala Lumpur
2017 – 2019
*Retail Pharmacist | Guardian Health & Beauty
Feb 2016 – Jan 2017
#Education
Bachelor of Pharmacy (Hons), Universiti Sains Malaysia, 2015
Sijil Tinggi Persekolahan Malaysia (STPM), SMK Bukit Bintang, 2010
""",
        [
            ("Gleneagles Hospital Kuala Lumpur", "Pharmacist", "2019-03"),
            ("Hospital Kuala Lumpur", "Provisionally Registered Pharmacist", "2017"),
            ("Guardian Health & Beauty", "Retail Pharmacist", "2016-02"),
        ],
        [("Universiti Sains Malaysia", "bachelor", 2015), ("SMK Bukit Bintang", "secondary", 2010)],
        ["Tan Mei Ling"],
    ),
    (
        "JM_Santos_FrontOffice.pdf",
        """
!JOSE MIGUEL R. SANTOS
Front Office Supervisor
Dubai Marina, UAE  |  jm.santos@yahoo.com  |  +971 55 210 7781
#OBJECTIVE
To obtain a supervisory role in a 5-star property.
#WORK EXPERIENCE
*Front Office Supervisor
JW Marriott Marquis Hotel Dubai
Oct 2018 - Present

*Guest Service Agent
Shangri-La Makati
May 2014 - Sep 2018

*Front Desk Trainee (OJT)
Manila Hotel
2013
#EDUCATIONAL ATTAINMENT
Tertiary: Associate in Hotel and Restaurant Management
Lyceum of the Philippines University, 2013
Secondary: Manila Science High School, 2010
#SEMINARS & TRAININGS
Opera PMS Certification - 2019
""",
        [
            ("JW Marriott Marquis Hotel Dubai", "Front Office Supervisor", "2018-10"),
            ("Shangri-La Makati", "Guest Service Agent", "2014-05"),
            ("Manila Hotel", "Front Desk Trainee (OJT)", "2013"),
        ],
        [
            ("Lyceum of the Philippines University", "associate", 2013),
            ("Manila Science High School", "secondary", 2010),
        ],
        ["JOSE MIGUEL R. SANTOS", "Jose Miguel R. Santos"],
    ),
    (
        "Peter Njoroge CV.docx",
        """
!Peter Kamau Njoroge
Logistics & Supply Chain Coordinator · Nairobi, Kenya · peter.njoroge@gmail.com
#Career History
|Company|Position|Period
|Bollore Transport & Logistics Kenya|Logistics Coordinator|05/2019 – present
|Kenya Airways Cargo|Cargo Documentation Officer|02/2015 – 04/2019
|Twiga Foods|Dispatch Clerk|2013 – 2015
#Education
|Bachelor of Commerce (Logistics)|Moi University|2012
|Diploma in Freight Forwarding|Kenya Institute of Management|2016
|Kenya Certificate of Secondary Education (KCSE)|Alliance High School|2008
#Referees
Jane Wanjiru – Operations Manager, Kenya Airways Cargo
""",
        [
            ("Bollore Transport & Logistics Kenya", "Logistics Coordinator", "2019-05"),
            ("Kenya Airways Cargo", "Cargo Documentation Officer", "2015-02"),
            ("Twiga Foods", "Dispatch Clerk", "2013"),
        ],
        [
            ("Moi University", "bachelor", 2012),
            ("Kenya Institute of Management", None, 2016),
            ("Alliance High School", "secondary", 2008),
        ],
        ["Peter Kamau Njoroge"],
    ),
    (
        "Hannah_Whitfield_Marketing.pdf",
        """
!Hannah Whitfield
Marketing Manager · Bristol · hannah.whitfield@outlook.com · 07700 900412
#About me
Brand marketer with FMCG and retail experience (Ella's Kitchen, Boots, Lidl GB).
#Experience
*Ella's Kitchen, Marketing Manager, 2021 – present
Led the relaunch of the toddler range across three markets.
*Boots UK, Brand Executive, 2018 – 2021
*Lidl GB, Marketing Graduate, 2016 – 2018
#Education
University of Exeter — BA (Hons) Business and Marketing, 2016
Clifton High School — A-Levels: Economics (A), English (A), French (B), 2013
#Certifications
CIM Diploma in Professional Marketing (2019)
""",
        [
            ("Ella's Kitchen", "Marketing Manager", "2021"),
            ("Boots UK", "Brand Executive", "2018"),
            ("Lidl GB", "Marketing Graduate", "2016"),
        ],
        [("University of Exeter", "bachelor", 2016), ("Clifton High School", "secondary", 2013)],
        ["Hannah Whitfield"],
    ),
    (
        "ciara_dunne.txt",
        """
Name: Ciara Dunne
Address: 12 Oakfield Park, Naas, Co. Kildare
Mobile: 086 441 2093
Email: ciaradunne@gmail.com

Career Objective
Experienced office administrator seeking a full-time role in the Naas area.

Employment History

Office Manager
Kildare County Council
June 2020 – Present

Administrative Assistant
Brady Family Ham
March 2017 – May 2020

Receptionist
Osprey Hotel
2014 – 2017

Education
2013  QQI Level 6 Advanced Certificate in Office Administration – Kildare and Wicklow ETB
2011  Leaving Certificate – Scoil Mhuire Community School, Clane

Hobbies
GAA, reading, sea swimming

References available on request.
""",
        [
            ("Kildare County Council", "Office Manager", "2020-06"),
            ("Brady Family Ham", "Administrative Assistant", "2017-03"),
            ("Osprey Hotel", "Receptionist", "2014"),
        ],
        [
            ("Kildare and Wicklow ETB", None, 2013),
            ("Scoil Mhuire Community School", "secondary", 2011),
        ],
        ["Ciara Dunne"],
    ),
    (
        "ARJUN_MENON_Electrical.docx",
        """
~
!ARJUN MENON
Electrical Engineer
Riyadh, KSA
arjun.menon@hotmail.com
#Core Competencies
-HV/LV switchgear
-ETAP, AutoCAD
-Commissioning
#Certifications
-PMP (2020)
-NEBOSH IGC (2017)
~~
#Professional Summary
Electrical engineer with 11 years on utility and infrastructure projects for Saudi Electricity Company and Larsen & Toubro.
#Employment Record
*Saudi Electricity Company – Lead Electrical Engineer
Nov 2018 – Present
-132/33 kV substation upgrades, Central Region
*Larsen & Toubro Ltd. – Electrical Engineer
Jul 2013 – Oct 2018
#Academic Qualifications
B.Tech Electrical and Electronics Engineering – National Institute of Technology Calicut – 2013
""",
        [
            ("Saudi Electricity Company", "Lead Electrical Engineer", "2018-11"),
            ("Larsen & Toubro Ltd.", "Electrical Engineer", "2013-07"),
        ],
        [("National Institute of Technology Calicut", "bachelor", 2013)],
        ["ARJUN MENON", "Arjun Menon"],
    ),
    (
        "Nkosi_T_CV_2024.pdf",
        """
!Thandiwe Nkosi
Attorney of the High Court of South Africa · Johannesburg · thandi.nkosi@law.co.za
#Legal Experience
*Senior Associate
Bowmans | Johannesburg | February 2020 – Present
*Associate
Webber Wentzel | 2017 – 2020
*Candidate Attorney
Norton Rose Fulbright South Africa | Jan 2015 – Dec 2016
#Education
LLM (Commercial Law), University of Cape Town, 2019
LLB, University of the Witwatersrand, 2014
National Senior Certificate (Matric), St Mary's School, Waverley, 2009
#Admissions
Admitted as Attorney, 2017
#Pro Bono
Legal Aid volunteer, Lawyers for Human Rights, 2016 – 2018
""",
        [
            ("Bowmans", "Senior Associate", "2020-02"),
            ("Webber Wentzel", "Associate", "2017"),
            ("Norton Rose Fulbright South Africa", "Candidate Attorney", "2015-01"),
        ],
        [
            ("University of Cape Town", "master", 2019),
            ("University of the Witwatersrand", "bachelor", 2014),
            ("St Mary's School", "secondary", 2009),
        ],
        ["Thandiwe Nkosi"],
    ),
    (
        "priya sharma resume.txt",
        """
Priya Sharma | Customer Service Team Lead | Pune | priya.sharma91@gmail.com

SUMMARY: 8+ yrs in voice & chat support (Concentrix, Teleperformance).

EXPERIENCE
* Team Lead - Customer Support, Concentrix Daksh Services | Jan '21 – Present
* Senior Customer Care Executive, Teleperformance India | Jan '18 – Dec '20
* Customer Care Executive, Teleperformance India | Jul '15 – Dec '17

EDUCATION
* B.A. (Economics), Savitribai Phule Pune University, 2015
* HSC, Fergusson College, 2012

SKILLS: Zendesk, Salesforce Service Cloud, escalation handling, QA audits
""",
        [
            ("Concentrix Daksh Services", "Team Lead - Customer Support", "2021-01"),
            ("Teleperformance India", "Senior Customer Care Executive", "2018-01"),
            ("Teleperformance India", "Customer Care Executive", "2015-07"),
        ],
        [
            ("Savitribai Phule Pune University", "bachelor", 2015),
            ("Fergusson College", "secondary", 2012),
        ],
        ["Priya Sharma"],
    ),
    (
        "Daniel_Okafor_Retail.docx",
        """
!Daniel Okafor
Store Manager | Leeds | 07911 223344
#Career Summary
Retail leader; previously Deputy Manager at Next and Supervisor at Primark.
#Employment
*Store Manager — TK Maxx
April 2021 – Present
-£9m turnover store, team of 45
*Deputy Store Manager — Next plc
Sep 2017 – Mar 2021
*Sales Supervisor — Primark
Oct 2014 – Aug 2017
#Education
BA (Hons) Retail Management, Leeds Beckett University, 2014
A-Levels, Notre Dame Catholic Sixth Form College, 2011
#Volunteering
Youth football coach, Chapeltown Juniors FC, 2018 – present
""",
        [
            ("TK Maxx", "Store Manager", "2021-04"),
            ("Next plc", "Deputy Store Manager", "2017-09"),
            ("Primark", "Sales Supervisor", "2014-10"),
        ],
        [
            ("Leeds Beckett University", "bachelor", 2014),
            ("Notre Dame Catholic Sixth Form College", "secondary", 2011),
        ],
        ["Daniel Okafor"],
    ),
    (
        "MC_DelaCruz_RN.pdf",
        """
~
!Maria Cristina Dela Cruz
RN, NMC PIN 19H0421O
Birmingham, UK
#Competencies
IV therapy
Tissue viability
Medicines management
#Training
OSCE passed 2019
ALS 2023
~~
#Nursing Experience
|03/2021 – Present|Band 6 Senior Staff Nurse|Queen Elizabeth Hospital Birmingham
|08/2019 – 02/2021|Band 5 Staff Nurse|Heartlands Hospital
|06/2014 – 05/2019|Staff Nurse|St. Luke's Medical Center
#Education
Bachelor of Science in Nursing – University of Santo Tomas – 2013
#Referees
Sr. Janet Price, Ward Manager, Queen Elizabeth Hospital Birmingham
""",
        [
            ("Queen Elizabeth Hospital Birmingham", "Band 6 Senior Staff Nurse", "2021-03"),
            ("Heartlands Hospital", "Band 5 Staff Nurse", "2019-08"),
            ("St. Luke's Medical Center", "Staff Nurse", "2014-06"),
        ],
        [("University of Santo Tomas", "bachelor", 2013)],
        ["Maria Cristina Dela Cruz"],
    ),
    (
        "kwame_asante_maths.txt",
        """
KWAME MENSAH ASANTE
Mathematics Teacher (QTS)
London | kwame.asante@gmail.com

PERSONAL STATEMENT
Committed maths teacher with experience in Ghana and inner-London academies.

TEACHING POSTS
2020-09 to present: Head of Mathematics, Harris Academy Peckham
2017-09 to 2020-08: Teacher of Mathematics, Ark Globe Academy
2011-01 to 2016-07: Mathematics Tutor, Achimota School

QUALIFICATIONS
PGCE Secondary Mathematics, UCL Institute of Education (2017)
BSc Mathematics, Kwame Nkrumah University of Science and Technology (2010)
WASSCE, Prempeh College (2005)

INTERESTS
Chess club, athletics
""",
        [
            ("Harris Academy Peckham", "Head of Mathematics", "2020-09"),
            ("Ark Globe Academy", "Teacher of Mathematics", "2017-09"),
            ("Achimota School", "Mathematics Tutor", "2011-01"),
        ],
        [
            ("UCL Institute of Education", None, 2017),
            ("Kwame Nkrumah University of Science and Technology", "bachelor", 2010),
            ("Prempeh College", "secondary", 2005),
        ],
        ["KWAME MENSAH ASANTE", "Kwame Mensah Asante"],
    ),
    (
        "Conor Fitzgerald FCCA.docx",
        """
@Conor Fitzgerald FCCA — Financial Controller — conor.fitz@gmail.com — +353 85 100 2299
#Summary
Financial controller with Big Four training (KPMG) and food-sector industry experience.
#Professional Experience
|Financial Controller|Glanbia plc|Jan 2022 – Present
|Management Accountant|Kerry Group|Aug 2018 – Dec 2021
|Audit Senior|KPMG Ireland|Sept 2014 – Jul 2018
#Education & Professional Qualifications
ACCA Qualification – Association of Chartered Certified Accountants – 2017
Bachelor of Business Studies – University of Limerick – 2014
#Interests
Rugby (Munster supporter), hill walking
""",
        [
            ("Glanbia plc", "Financial Controller", "2022-01"),
            ("Kerry Group", "Management Accountant", "2018-08"),
            ("KPMG Ireland", "Audit Senior", "2014-09"),
        ],
        [
            ("Association of Chartered Certified Accountants", None, 2017),
            ("University of Limerick", "bachelor", 2014),
        ],
        ["Conor Fitzgerald"],
    ),
    (
        "Benjamin_Lim_Procurement.pdf",
        """
!Lim Wei Jie, Benjamin
Procurement Manager · Singapore · +65 9123 4567
#Experience
*Procurement Manager, Sembcorp Industries
Jun 2020 – Present
*Senior Buyer, Keppel Offshore & Marine
Mar 2016 – May 2020
*Buyer, ST Engineering
Jan 2013 – Feb 2016
#Education
Master of Science in Supply Chain Management, Nanyang Technological University, 2019
Bachelor of Business Management, Singapore Management University, 2012
GCE 'A' Level, Raffles Junior College, 2007
#Certifications
CPSM – Institute for Supply Management, 2018
""",
        [
            ("Sembcorp Industries", "Procurement Manager", "2020-06"),
            ("Keppel Offshore & Marine", "Senior Buyer", "2016-03"),
            ("ST Engineering", "Buyer", "2013-01"),
        ],
        [
            ("Nanyang Technological University", "master", 2019),
            ("Singapore Management University", "bachelor", 2012),
            ("Raffles Junior College", "secondary", 2007),
        ],
        ["Lim Wei Jie, Benjamin", "Benjamin Lim Wei Jie"],
    ),
    (
        "CV_Nour_Hassan.docx",
        """
!Curriculum Vitae – Nour El-Din Hassan
Contact: nour.hassan@gmail.com / +971 52 888 3310 / Dubai
Professional experience:
HR Manager @ Emaar Hospitality Group
01/03/2019 – present
Senior HR Generalist @ Majid Al Futtaim
15/06/2015 – 28/02/2019
HR Coordinator @ Vodafone Egypt
01/09/2011 – 31/05/2015
Education:
Master of Business Administration (MBA) — American University in Cairo, 2015
B.A. Business Administration — Cairo University, 2011
Certs: SHRM-SCP (2020), CIPD Level 5 (2016)
""",
        [
            ("Emaar Hospitality Group", "HR Manager", "2019-03"),
            ("Majid Al Futtaim", "Senior HR Generalist", "2015-06"),
            ("Vodafone Egypt", "HR Coordinator", "2011-09"),
        ],
        [("American University in Cairo", "master", 2015), ("Cairo University", "bachelor", 2011)],
        ["Nour El-Din Hassan"],
    ),
    (
        "Eoin_Gallagher_MechEng.docx",
        """
~
!Eoin Gallagher
Mechanical Engineer
Galway
eoin.gallagher@gmail.com
#Software
-SolidWorks
-ANSYS
-Minitab
#Memberships
-Engineers Ireland (CEng, 2021)
~~
#Experience
*Medtronic | Senior Mechanical Engineer | Mar 2019 – Present
-Catheter delivery systems, design verification
*Boston Scientific | Mechanical Engineer | Jun 2015 – Feb 2019
#Projects
Open-source low-cost ventilator design (volunteer), 2020
#Education
|M.Eng. Biomedical Engineering|University of Limerick|2015
|B.E. Mechanical Engineering|NUI Galway|2014
""",
        [
            ("Medtronic", "Senior Mechanical Engineer", "2019-03"),
            ("Boston Scientific", "Mechanical Engineer", "2015-06"),
        ],
        [("University of Limerick", "master", 2015), ("NUI Galway", "bachelor", 2014)],
        ["Eoin Gallagher"],
    ),
    (
        "PSR-2024-118_Perera.pdf",
        """
@Prime Select Recruitment (Colombo) — Confidential candidate submission — Ref PSR/2024/118
!Dilshan Perera
Senior Sales Executive · Colombo 05 · +94 77 123 4567
#Employment Details
Designation: Regional Sales Manager
Organisation: Ceylinco Life Insurance PLC
Duration: Aug 2019 – Present

Designation: Senior Sales Executive
Organisation: Dialog Axiata PLC
Duration: Feb 2015 – Jul 2019
#Educational Qualifications
Bachelor of Business Administration — University of Colombo (2014)
G.C.E. Advanced Level — Ananda College, Colombo (2009)
#Referee
Mr. Ruwan Silva, General Manager – Sales, Dialog Axiata PLC
""",
        [
            ("Ceylinco Life Insurance PLC", "Regional Sales Manager", "2019-08"),
            ("Dialog Axiata PLC", "Senior Sales Executive", "2015-02"),
        ],
        [("University of Colombo", "bachelor", 2014), ("Ananda College", "secondary", 2009)],
        ["Dilshan Perera"],
    ),
    (
        "SJ_McCloskey_Pharmacist.pdf",
        """
!SARAH-JANE McCLOSKEY MPharm MPSNI
Belfast, Northern Ireland · 07712 345 678
== Profile ==
Clinical pharmacist with Belfast Health and Social Care Trust background.
== Employment ==
Royal Victoria Hospital — Specialist Pharmacist (Critical Care) — 2020 – present
Boots UK — Pharmacist Manager — 2016 – 2020
Boots UK — Pre-registration Pharmacist — 2015 – 2016
== Education ==
MPharm (Hons), Queen's University Belfast, 2015
Postgraduate Diploma in Clinical Pharmacy, Ulster University, 2021
A-Levels (Chemistry, Biology, Maths), Methodist College Belfast, 2011
""",
        [
            ("Royal Victoria Hospital", "Specialist Pharmacist (Critical Care)", "2020"),
            ("Boots UK", "Pharmacist Manager", "2016"),
            ("Boots UK", "Pre-registration Pharmacist", "2015"),
        ],
        [
            ("Queen's University Belfast", "master", 2015),
            ("Ulster University", None, 2021),
            ("Methodist College Belfast", "secondary", 2011),
        ],
        ["SARAH-JANE McCLOSKEY", "Sarah-Jane McCloskey"],
    ),
    (
        "Grace Mwangi - Housekeeping.docx",
        """
!Grace Wanjiku Mwangi
Executive Housekeeper
Mombasa, Kenya · grace.mwangi@yahoo.com
#Work Experience
*Executive Housekeeper
Serena Beach Resort & Spa
2018 – Present
*Assistant Executive Housekeeper
Sarova Whitesands Beach Resort
2012 – 2018
*Room Attendant
Voyager Beach Resort
2008 – 2012
#Education & Training
Diploma in Hospitality Management – Kenya Utalii College – 2007
KCSE – Loreto High School Limuru – 2005
#Referees
1. Mr. James Otieno, General Manager, Serena Beach Resort & Spa
2. Ms. Halima Said, HR Manager, Sarova Whitesands Beach Resort
""",
        [
            ("Serena Beach Resort & Spa", "Executive Housekeeper", "2018"),
            ("Sarova Whitesands Beach Resort", "Assistant Executive Housekeeper", "2012"),
            ("Voyager Beach Resort", "Room Attendant", "2008"),
        ],
        [("Kenya Utalii College", None, 2007), ("Loreto High School Limuru", "secondary", 2005)],
        ["Grace Wanjiku Mwangi"],
    ),
    (
        "Rafiqul_Islam_Accounts.pdf",
        """
~
!Md. Rafiqul Islam
Accounts Officer
Dhaka-1207
+880 1711 223344
#Software
Tally ERP 9
QuickBooks
MS Excel (advanced)
#Personal
Nationality: Bangladeshi
~~
#Job Experience
*Senior Accounts Officer
BRAC Bank Limited
July 2018 – Present
*Accounts Officer
Square Pharmaceuticals Ltd.
January 2014 – June 2018
#Academic Qualification
|Degree|Institution|Passing Year
|MBA (Accounting)|University of Dhaka|2013
|BBA (Accounting)|University of Dhaka|2012
|HSC|Notre Dame College|2007
""",
        [
            ("BRAC Bank Limited", "Senior Accounts Officer", "2018-07"),
            ("Square Pharmaceuticals Ltd.", "Accounts Officer", "2014-01"),
        ],
        [
            ("University of Dhaka", "master", 2013),
            ("University of Dhaka", "bachelor", 2012),
            ("Notre Dame College", "secondary", 2007),
        ],
        ["Md. Rafiqul Islam", "Rafiqul Islam"],
    ),
    (
        "anju_mary_joseph_resume.txt",
        """
RESUME

Name             : Anju Mary Joseph
Position applied : Staff Nurse (ICU)
Email            : anjumaryjoseph@gmail.com

PROFESSIONAL EXPERIENCE
1) King Fahad Medical City
   Designation : Staff Nurse - ICU
   Period      : 12/2017 to till date

2) Amrita Institute of Medical Sciences
   Designation : Staff Nurse
   Period      : 06/2014 to 11/2017

EDUCATIONAL QUALIFICATION
B.Sc Nursing - Rajiv Gandhi University of Health Sciences - 2014
Higher Secondary (Plus Two) - St. Teresa's Higher Secondary School - 2010

LICENSE
Saudi Commission for Health Specialties (SCFHS) - 2017
Kerala Nurses and Midwives Council - 2014

DECLARATION
I hereby declare that the above information is true to the best of my knowledge.
""",
        [
            ("King Fahad Medical City", "Staff Nurse - ICU", "2017-12"),
            ("Amrita Institute of Medical Sciences", "Staff Nurse", "2014-06"),
        ],
        [
            ("Rajiv Gandhi University of Health Sciences", "bachelor", 2014),
            ("St. Teresa's Higher Secondary School", "secondary", 2010),
        ],
        ["Anju Mary Joseph"],
    ),
    (
        "Niamh_Keane_BD.docx",
        """
!Niamh Keane
Business Development Manager
Limerick · niamh.keane@icloud.com
#Career
|2021 – Now|Business Development Manager^Analog Devices
|2018 – 2021|Account Manager^Dell Technologies
|2015 – 2018|Inside Sales Representative^Dell Technologies
#Education
|2015|Bachelor of Arts in Languages and Marketing^University of Limerick
|2011|Leaving Certificate^Laurel Hill Coláiste FCJ
""",
        [
            ("Analog Devices", "Business Development Manager", "2021"),
            ("Dell Technologies", "Account Manager", "2018"),
            ("Dell Technologies", "Inside Sales Representative", "2015"),
        ],
        [("University of Limerick", "bachelor", 2015), ("Laurel Hill Coláiste FCJ", "secondary", 2011)],
        ["Niamh Keane"],
    ),
    (
        "NguyenVanMinh_CV.pdf",
        """
!NGUYEN VAN MINH
Civil Engineer – Project Manager · Ho Chi Minh City · minh.nguyen@gmail.com
#Working Experience
*Coteccons Construction JSC (2016 – present)
Project Manager
*Hoa Binh Construction Group (2011 – 2016)
Site Engineer
#Education
PhD in Construction Engineering and Management, Asian Institute of Technology, 2020
Bachelor of Civil Engineering, Ho Chi Minh City University of Technology, 2011
#Certificates
PMP – Project Management Institute – 2018
""",
        [
            ("Coteccons Construction JSC", "Project Manager", "2016"),
            ("Hoa Binh Construction Group", "Site Engineer", "2011"),
        ],
        [
            ("Asian Institute of Technology", "doctor", 2020),
            ("Ho Chi Minh City University of Technology", "bachelor", 2011),
        ],
        ["NGUYEN VAN MINH", "Nguyen Van Minh"],
    ),
    (
        "Ahmed Raza Khan.docx",
        """
!Ahmed Raza Khan
Warehouse & Transport Supervisor | Birmingham
ahmed.raza.khan@gmail.com | 07456 112233
#Key Skills
Forklift (counterbalance, reach), WMS (Manhattan), HGV Class 2
#Career History
DHL Supply Chain | Shift Supervisor | November 2019 – present
Amazon UK | Warehouse Associate | April 2017 – October 2019
TCS Express | Dispatch Officer | 2012 – 2016
#Education
Bachelor of Commerce – University of Karachi – 2013
Intermediate (HSSC) – Government Degree College, Karachi – 2010
""",
        [
            ("DHL Supply Chain", "Shift Supervisor", "2019-11"),
            ("Amazon UK", "Warehouse Associate", "2017-04"),
            ("TCS Express", "Dispatch Officer", "2012"),
        ],
        [("University of Karachi", "bachelor", 2013), ("Government Degree College", "secondary", 2010)],
        ["Ahmed Raza Khan"],
    ),
]
