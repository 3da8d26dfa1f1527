"""Real English CVs converted from PDF (issue 12, item 5), jobs round: ranges written over two lines (start
opening one line, end the next, year first or month first), jobs under an education header, letter-spaced
text from PDF kerning, and fields conversions confuse with a company (a city, a technology, a school).
Synthetic text only: no database. The real-CV figures are in make bench (``layouts_real_*``)."""

from __future__ import annotations

from candidates.parsing.fields import extract_experience
from candidates.parsing.fields.dates import leading_end, leading_start
from candidates.parsing.fields.layout import unglue
from candidates.parsing.text import dekern


def _jobs(text: str) -> list[tuple]:
    return [(e.company, e.title, e.start, e.end, e.current) for e in extract_experience(text)]


def test_a_range_over_two_lines_month_first_with_a_present_phrase():
    text = (
        "Work experience\n"
        "Joint Stock Company ORBITA-BANK\n"
        "September 2019  Senior Team Manager\n"
        "currently working\n"
        "Process management of four teams: planning, risks, mentoring.\n"
        "Quasar Consulting\n"
        "August 2012  Senior System Analyst\n"
        "December 2017\n"
        "Requirements and documentation for a field staff system.\n"
    )
    assert _jobs(text) == [
        ("Joint Stock Company ORBITA-BANK", "Senior Team Manager", "2019-09", None, True),
        ("Quasar Consulting", "Senior System Analyst", "2012-08", "2017-12", False),
    ]


def test_a_range_over_two_lines_year_first_company_then_title():
    text = (
        "Experience\n"
        "2020, June  GLOBEX GROUP (globex.example), Russia\n"
        "2021, August Python Developer\n"
        " Created an api for an ML model.\n"
        "2012  , November  KESTREL BANK (kestrel.example), Russia\n"
        "2014, May Senior Software Developer\n"
    )
    assert _jobs(text) == [
        ("GLOBEX GROUP", "Python Developer", "2020-06", "2021-08", False),
        ("KESTREL BANK", "Senior Software Developer", "2012-11", "2014-05", False),
    ]


def test_an_end_month_without_its_year_and_a_one_word_company_before_its_country():
    # the anonymisation removed the end's year; "MAPPO, Russia" opens the line: a company, not a city
    text = "Experience\n2016, July  MAPPO, Russia\nSeptember SWE Intern\n Built a web page.\n"
    assert _jobs(text) == [("MAPPO", "SWE Intern", "2016-07", None, False)]


def test_single_dates_in_a_list_are_not_ranges():
    assert leading_start("2018 Award for the best thesis") is None  # a year alone: no month
    assert leading_start("March 2018 - June 2019 Developer") is None  # a range of its own line
    assert leading_end("June 2017", "2018-03") is None  # an end before the start
    assert leading_end("Developed the billing service", "2018-03") is None
    text = "Experience\nMarch 2019  Developer at Hooli Inc.\nJune 2017  Analyst at Initech LLC\n"
    assert all(end is None for _, _, _, end, _ in _jobs(text))  # reversed: never one range of the two


def test_jobs_under_the_other_columns_education_header():
    text = (
        "Profile\n"
        "Web developer for almost ten years.\n"
        "Education\n"
        "Second degree, Ulyanovo State Technical University, Ulyanovo\n"
        "September 2009  June 2011\n"
        "Web-developer at Digital Lantern LLC, Ulyanovo\n"
        "August 2012  August 2013\n"
        "Website development on a CMS platform.\n"
        "Web-developer, Teamleader at iBrushy , Moscow\n"
        "October 2015  December 2018\n"
        "Languages\n"
        "English\n"
    )
    assert _jobs(text) == [
        ("Digital Lantern LLC", "Web-developer", "2012-08", "2013-08", False),
        ("iBrushy", "Web-developer", "2015-10", "2018-12", False),
    ]


def test_an_education_section_without_titles_gives_no_job():
    text = (
        "Education\n"
        "Lakeside University, Faculty of Mathematics\n"
        "September 2010  June 2014\n"
        "Cisco Networking Academy\n"
        "2015 - 2016\n"
    )
    assert _jobs(text) == []


def test_a_school_without_a_title_is_a_study_not_a_job():
    text = (
        "Experience\n"
        "Backend Developer\n"
        "Quillon | 2019 - Present\n"
        "Lakeside State University, Department of Chemistry\n"
        "Sep 2018 - Aug 2019\n"
        "Evening School of Physics and Technology\n"
        "Sep 2017 - May 2018\n"
    )
    assert _jobs(text) == [("Quillon", "Backend Developer", "2019-01", None, True)]


def test_letter_spaced_text_from_pdf_kerning_is_joined_back():
    text = (
        "Skills: J ava, T ypeScript, S pring B oot, D ocker, K ubernetes, J enkins, G radle, M aven\n"
        "Work experience\n"
        "Quillon Services ( Israel, Haifa) I w orking a s a S oftware E ngineer w ith t he t eam\n"
        "S oftware E ngineer\n"
        "December 2 019 - p resent - J ava, S pring\n"
    )
    assert _jobs(text) == [("Quillon Services", "Software Engineer", "2019-12", None, True)]


def test_ordinary_text_is_not_dekerned():
    text = "I am a C developer. I wrote a compiler in C and a parser in R for a x ray lab."
    assert dekern(text) == text


def test_a_technology_pair_or_a_word_of_the_title_is_not_the_company():
    text = (
        "Experience\n"
        "Sever Soft\n"
        "February 2009  PL/SQL, SQL Developer\n"
        "August 2012\n"
        "Java Developer - Java\n"
        "June 2017 - February 2018\n"
    )
    jobs = _jobs(text)
    assert ("Sever Soft", "SQL Developer", "2009-02", "2012-08", False) in jobs
    assert all(company not in ("PL/SQL", "Java") for company, *_ in jobs)


def test_a_lone_start_date_opening_a_job_heading():
    text = (
        "Work experience\n"
        "2014  Junior Android Developer @ Mobilo (Android apps)\n"
        " Built two shopping apps.\n"
        "2018  Flexiplate AVIA Israel\n"
        "Role: Production manager.\n"
        "2019  Best Paper Award, Lakeside Conference\n"  # a lone date without a title: no job
    )
    assert _jobs(text) == [
        ("Mobilo", "Junior Android Developer", "2014-01", None, False),
        ("Flexiplate AVIA Israel", "Production manager", "2018-01", None, False),
    ]


def test_a_lone_start_date_above_its_own_range_is_not_a_second_job():
    text = (
        "Work experience\n"
        "2019  Embedded Linux Engineer @ Cogento\n"
        "Automotive software / 2018  2019\n"
        " Maintained Yocto layers.\n"
    )
    assert _jobs(text) == [("Cogento", "Embedded Linux Engineer", "2018-01", "2019-12", False)]


def test_jobs_under_a_side_column_header_when_no_experience_header_is_left():
    text = (
        "Israel, Tel-Aviv\n"
        "Dependable game developer\n"
        "Languages\n"
        "Russian - native\n"
        "Artteamo,MoscowDeveloper English -B2\n"  # a title word glued to the city before it
        "SEPTEMBER 2017 - JULY 2019\n"
        "Made an application for interior presentation.\n"
    )
    [(company, title, start, end, _)] = _jobs(text)
    assert (company, start, end) == ("Artteamo", "2017-09", "2019-07")
    assert title.startswith("Moscow Developer")  # the glued city stays in the title; the company is right


def test_a_long_heading_of_title_company_and_place_above_the_dates():
    text = (
        "Work history\n"
        "C# Software Developer Professional Registry Center, Ekaterinburg, Russia\n"
        "Jan 2016 - Oct 2018  Implemented a software development project from scratch that reorganised\n"
        "the work of the entire organisation;\n"
    )
    assert _jobs(text) == [
        ("Professional Registry Center", "C# Software Developer", "2016-01", "2018-10", False)
    ]


def test_chinese_sections_are_kept_as_they_are():
    # a guard: the education-header and school rules read Latin text only; a Chinese education section
    # stays education, and a Chinese job without a title is not dropped for a school nearby
    text = "教育背景\n2015.09-2019.06  北京大学  计算机  本科\n2018.07-2018.09  腾讯科技有限公司  实习生\n"
    assert _jobs(text) == []
    text = "工作经历\n2004.01-2011.06  利德科技发展有限公司\n毕业于华南农业大学。\n"
    assert [company for company, *_ in _jobs(text)] == ["利德科技发展有限公司"]


def test_the_side_columns_skills_between_a_title_and_its_dates_are_stepped_over_to_the_company():
    text = (
        "Experience\n"
        "Golang Developer\n"
        "Orbital Payments\n"
        "Nov 2021 - Present\n"
        "Built the payment gateway and its monitoring, used by every branch of the bank.\n"
        "Machine Learning Engineer Intern Prometheus,\n"
        "Linux/Bash, Docker,\n"
        "Quantcell\n"
        "SQL\n"
        "May 2019 - Oct 2019\n"
        "Worked closely with data scientists, building data pipelines and REST APIs for model predictions.\n"
    )
    jobs = _jobs(text)
    assert jobs[-1][:3] == ("Quantcell", "Machine Learning Engineer Intern", "2019-05")
    # a common word alone is the side column's heading, never the company
    assert "Projects" not in {company for company, *_ in _jobs(text.replace("Quantcell", "Projects"))}


def test_a_title_above_and_the_company_beside_the_dates():
    text = (
        "Work experience\n"
        "Outsourcing data analyst\n"
        "Pinecone Labs | Nov 2020 - present\n"
        "Conducted projects on cohort analysis and conversion.\n"
        "Interviewer\n"
        "Northway | Sept 2018 - Feb 2020\n"
        "Conducted surveys of programme participants and wrote reports.\n"
    )
    assert [job[:3] for job in _jobs(text)] == [
        ("Pinecone Labs", "Outsourcing data analyst", "2020-11"),
        ("Northway", "Interviewer", "2018-09"),
    ]


def test_an_undated_heading_of_title_company_place_and_country():
    text = (
        "Experience\n"
        "DATA ANALYST VOLGA ESTATES, KAZAN, RUSSIA\n"
        "Maintaining of databases (SQL).\n"
        "PROJECT MANAGER NORTHWIND, LEEDS, UK\n"
        "Preparation of reporting.\n"
    )
    assert _jobs(text) == [
        ("VOLGA ESTATES", "DATA ANALYST", None, None, False),
        ("NORTHWIND", "PROJECT MANAGER", None, None, False),
    ]


def test_a_description_opening_with_an_ing_verb_is_not_split_off_as_a_heading():
    # two columns read across: the title line carries the other column's description, which a conversion
    # ended with a sentence; "Creating …" must not become a heading line of its own above the dates
    text = (
        "Experience\n"
        "SevenTest Developing desktop WPF applications for utility purposes (.Net 4.5,\n"
        "Middle .Net Developer WPF). Creating MSI packages (InstallShield, WIX).\n"
        "OCT 2012 TO SEP 2015\n"
    )
    assert _jobs(unglue(text)) == [("SevenTest", "Middle .Net Developer", "2012-10", "2015-09", False)]


# Templates of the blind set (bench/blind_layouts.py): rules chosen from its misses, tested on text of our own.


def test_a_city_and_state_after_the_company_are_no_title():
    text = (
        "Employment\n"
        "Harlow & Finch LLP — Chicago, IL\n"
        "Senior Associate, Jul 2020 – Present\n"
        "Securities litigation.\n"
        "Mercer Street Partners — San Francisco, CA\n"
        "Associate, Sep 2016 – Jun 2020\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(text)] == [
        ("Harlow & Finch LLP", "Senior Associate"),
        ("Mercer Street Partners", "Associate"),
    ]


def test_roles_under_a_company_named_once_take_its_name():
    text = (
        "Experience\n"
        "NORTHWIND & COMPANY  New York, NY\n"
        "Engagement Manager  2021–present\n"
        "Lead teams of consultants on operations work.\n"
        "Associate  2019–2021\n"
        "Supply-chain network redesign.\n"
        "Business Analyst  2017–2019\n"
        "Pricing diagnostics.\n"
        "Larchmont Motors Limited  Pune, India\n"
        "Manufacturing Engineer  2013–2017\n"
    )
    assert [(c, t, start) for c, t, start, *_ in _jobs(text)] == [
        ("NORTHWIND & COMPANY", "Engagement Manager", "2021-01"),
        ("NORTHWIND & COMPANY", "Associate", "2019-01"),
        ("NORTHWIND & COMPANY", "Business Analyst", "2017-01"),
        ("Larchmont Motors Limited", "Manufacturing Engineer", "2013-01"),
    ]


def test_the_next_roles_company_line_is_not_taken_from_below():
    text = (
        "Professional experience\n"
        "Senior Management Accountant\tApr 2021 – Present\n"
        "Own the monthly close.\n"
        "Kestrel Audit LLP\tLeeds, UK\n"
        "Audit Associate\tSep 2015 – Mar 2021\n"
    )
    assert [c for c, *_ in _jobs(text)] == [None, "Kestrel Audit LLP"]


def test_a_city_beside_the_company_on_the_date_line_gives_way_to_the_title_below():
    text = "Experience\nVantara Foods Limited, Lucknow  Jul 2015 – Mar 2020\nArea Sales Manager\nGrew the region.\n"
    assert [(c, t) for c, t, *_ in _jobs(text)] == [("Vantara Foods Limited", "Area Sales Manager")]


def test_labelled_employer_title_and_dates_of_a_federal_resume():
    text = (
        "Work Experience\n"
        "Employer: Defense Supply Agency\n"
        "Address: 8725 Kingman Rd, Fort Belvoir, VA 22060\n"
        "Title: Logistics Management Specialist\n"
        "Series/Grade: GS-0346-12\n"
        "Dates: 10/2019 - Present\n"
        "Hours per week: 40\n"
    )
    assert [(c, t, start) for c, t, start, *_ in _jobs(text)] == [
        ("Defense Supply Agency", "Logistics Management Specialist", "2019-10")
    ]


def test_a_teachers_employer_is_the_school_below_the_role():
    text = (
        "Employment History\n"
        "Head of English Sept. 2020 – Present\n"
        "Fellside Grammar School, Ripon, North Yorkshire\n"
        "Lead a department of 11 teachers.\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(text)] == [("Fellside Grammar School", "Head of English")]


def test_the_time_at_a_company_is_not_its_name():
    text = (
        "Experience\n"
        "Quanta Pay\n"
        "5 years 11 months\n"
        "Staff Software Engineer\n"
        "January 2022 - Present (2 years 11 months)\n"
        "San Francisco, California, United States\n"
    )
    assert [c for c, *_ in _jobs(text)] != ["5 years 11 months"]


def test_a_city_alone_beside_the_dates_is_no_company():
    text = (
        "Work Experience\n"
        "Data Analyst\n"
        "Paystack Ventures\n"
        "03/2021 – Present Lagos, Nigeria\n"
        "Built churn dashboards.\n"
        "Social Worker August 2017 – June 2019\n"
        "Barnardos New Zealand, Hamilton\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(text)] == [
        ("Paystack Ventures", "Data Analyst"),
        ("Barnardos New Zealand", "Social Worker"),
    ]


def test_a_title_keeps_its_department_after_a_comma():
    text = (
        "Experience\n"
        "Royal Bank of Ontario  Toronto, ON\n"
        "Manager, Corporate Finance  Jan 2020 – Present\n"
        "Senior Analyst, Corporate Finance  Mar 2017 – Dec 2019\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(text)] == [
        ("Royal Bank of Ontario", "Manager, Corporate Finance"),
        ("Royal Bank of Ontario", "Senior Analyst, Corporate Finance"),
    ]


def test_numbered_labelled_fields_and_a_continuing_range():
    text = (
        "Employment History:\n"
        "1. Organization\t: Padma Savings Bank Limited\n"
        "    Designation\t: Senior Teller\n"
        "    Department\t: Gulshan Branch, Dhaka\n"
        "    Duration\t: January 2020 to Continuing\n"
    )
    assert _jobs(text) == [("Padma Savings Bank Limited", "Senior Teller", "2020-01", None, True)]


def test_a_city_with_its_state_and_the_kind_of_employment_are_no_company():
    text = (
        "Employment History\n"
        "Site Manager 01/2021 – Present\n"
        "Harbourline Constructions Pty Ltd, Sydney NSW Permanent full-time\n"
        "• Managing a 28-level residential tower.\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(text)] == [("Harbourline Constructions Pty Ltd", "Site Manager")]


def test_a_job_boards_pasted_section_on_one_line():
    text = unglue(
        "Work Experience: Company Name: Umoja Telecom Limited Job Title: Customer Care Agent From: 03/2019 To: "
        "Present Description: Handled 80+ inbound billing queries per shift; FCR 87%. Company Name: Khanyisa "
        "Contact Centres Job Title: Call Centre Agent From: 02/2016 To: 02/2019 Description: Outbound sales.\n"
    )
    assert [(c, t, start) for c, t, start, *_ in _jobs(text)] == [
        ("Umoja Telecom Limited", "Customer Care Agent", "2019-03"),
        ("Khanyisa Contact Centres", "Call Centre Agent", "2016-02"),
    ]


def test_pipe_and_semicolon_separated_entries_on_one_line():
    piped = unglue(
        "EXPERIENCE | AZ Licensed Truck Driver | Northline Motor Freight | Mar 2018 - Present | Long-haul runs "
        "to the US Midwest, clean record || DZ Truck Driver | Purolux Inc. | Jun 2014 - Feb 2018 | City pick-up "
        "and delivery, 120 stops a day\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(piped)] == [
        ("Northline Motor Freight", "AZ Licensed Truck Driver"),
        ("Purolux Inc.", "DZ Truck Driver"),
    ]
    semicolons = unglue(
        "WORK EXPERIENCE: Staff Nurse, Luzon General Hospital (June 2018 - present) - medical-surgical ward, "
        "1:12 ratio; Ward Nurse, The Pasig Medical City (April 2015 - May 2018) - pediatric ward\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(semicolons)] == [
        ("Luzon General Hospital", "Staff Nurse"),
        ("The Pasig Medical City", "Ward Nurse"),
    ]


def test_a_hospital_trust_named_after_a_university_is_the_employer_not_the_previous_roles():
    text = (
        "Employment History\n"
        "Band 6 Senior Staff Nurse\n"
        "Leicester Royal Infirmary NHS Trust\n"
        "Mar 2021 - Present\n"
        " Nurse-in-charge on a 28-bed acute medical ward.\n"
        "Staff Nurse\n"
        "Trent University Hospitals NHS Trust\n"
        "Sep 2017 - Feb 2021\n"
        " Delivered care for up to eight patients.\n"
    )
    assert [c for c, *_ in _jobs(text)] == [
        "Leicester Royal Infirmary NHS Trust",
        "Trent University Hospitals NHS Trust",
    ]


def test_a_legal_form_in_parentheses_stays_in_the_company():
    text = "Experience\nStore Manager  Mar 2019 – Present\nVeld Fresh Retailers (Pty) Ltd, Pretoria\n"
    assert [c for c, *_ in _jobs(text)] == ["Veld Fresh Retailers (Pty) Ltd"]


def test_volunteering_and_board_seats_after_the_jobs_are_not_jobs():
    text = (
        "Work Experience\n"
        "Programme Officer  Mar 2018 – Present\n"
        "Kibera Health Trust, Nairobi\n"
        "Volunteering\n"
        "Volunteer Tutor  Jan 2012 – Dec 2014\n"
        "Mathare Youth Sports Association\n"
        "Board Positions\n"
        "Non-Executive Director  2020 – Present\n"
        "Lakeside Sports Institute\n"
    )
    assert [t for _, t, *_ in _jobs(text)] == ["Programme Officer"]


def test_dates_alone_count_for_the_years_but_are_no_job():
    from candidates.parsing.pipeline import parse_text

    text = (
        "Jane Mwangi\njane@example.org\n"
        "Experience\n"
        "Programme Officer, Kibera Health Trust  Mar 2018 – Mar 2022\n"
        "Jan 2012 – Dec 2016\n"
        "Delivered outreach sessions.\n"
    )
    parsed = parse_text(text)
    assert [(e.company, e.title) for e in parsed.experience] == [("Kibera Health Trust", "Programme Officer")]
    assert parsed.years_experience >= 8


def test_roles_under_an_employers_own_dated_line_take_its_name():
    text = (
        "Professional Experience\n"
        "Nile Delta Gas – Cairo, Egypt\tJul 2019 – Present\n"
        "Production Technologist\tJul 2019 – Present\n"
        "Well performance for 60 gas wells.\n"
        "Saharan Wireline Services – Cairo & Abu Dhabi\tOct 2012 – Jun 2019\n"
        "Senior Field Engineer\tJan 2016 – Jun 2019\n"
        "Led well testing crews of 8.\n"
        "Field Engineer\tOct 2012 – Dec 2015\n"
        "Completed the training programme in 2013.\n"
    )
    assert [(c, t, start) for c, t, start, *_ in _jobs(text)] == [
        ("Nile Delta Gas", "Production Technologist", "2019-07"),
        ("Saharan Wireline Services", "Senior Field Engineer", "2016-01"),
        ("Saharan Wireline Services", "Field Engineer", "2012-10"),
    ]


def test_a_title_keeps_its_region_and_a_place_line_is_no_company():
    text = (
        "Professional Experience\n"
        "Federal Transit Office\n"
        "Washington, DC\n"
        "Program Analyst\t05/2017 – Present\n"
        "Analyze grant programs.\n"
        "Harbour Bank\n"
        "Chief Risk Officer, Greater China & North Asia  Apr 2019 – Present\n"
    )
    assert [(c, t) for c, t, *_ in _jobs(text)] == [
        ("Federal Transit Office", "Program Analyst"),
        ("Harbour Bank", "Chief Risk Officer, Greater China & North Asia"),
    ]


def test_since_a_date_a_career_break_a_middle_dot_and_a_school_beside_its_teacher():
    text = (
        "Work Experience\n"
        "HR Business Partner\n"
        "Meridian Healthcare AG, Erlangen | since 02/2020\n"
        "Strategic HR partner for the diagnostics unit.\n"
        "Career break (parental leave), 03/2019 – 01/2020\n"
        "Sales Coordinator 2014 - 2016 (2 yrs)\n"
        "Tanjung Trading Sdn. Bhd. · Petaling Jaya\n"
        "St. Brigid's National School, Dublin — Primary Teacher\n"
        "SEPTEMBER 2018 - PRESENT\n"
    )
    assert [(c, t, start, current) for c, t, start, _, current in _jobs(text)] == [
        ("Meridian Healthcare AG", "HR Business Partner", "2020-02", True),
        ("Tanjung Trading Sdn. Bhd.", "Sales Coordinator", "2014-01", False),
        ("St. Brigid's National School", "Primary Teacher", "2018-09", True),
    ]
