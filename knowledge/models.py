"""Typed shapes of the knowledge base files, strict so that a typo in a TOML file is an error, not a silent default.

Every fact carries its source id and the verbatim quote that supports it; the loader proves the quote is in
the source and that every number in the value appears in the quote (see `numbers()` on each fact kind).

Each record is defined once, as a plain immutable record (knowledge.records): the program runs on these
without importing pydantic (a start from the snapshot builds them straight from JSON), and the loader validates
each TOML file into the same classes with `pydantic.TypeAdapter`, reading the limits written beside a field
(`Check(ge=0)`) only then. No `from __future__ import annotations` here: the `kind` Literals are read at import
to derive FACT_KINDS, and pydantic reads the field types as they are.
"""

from dataclasses import field
from typing import Annotated, Literal, Union, get_args

from knowledge.records import Check, Record, Tagged, record
Id = Annotated[str, Check(pattern=r"^[a-z0-9_]+$")]
Quote = Annotated[str, Check(min_length=3)]
Year = Annotated[int | None, Check(ge=1990, le=2100)]
Months = Annotated[int | None, Check(ge=0, le=240)]

Unit = Literal["money", "months", "percent", "count", "year"]
"""How a number in a fact's value may be written in its quote (see knowledge.numbers)."""

PatientContact = Literal["none", "some", "lots"]
Amount = Literal["low", "moderate", "high"]
Equipment = Literal["none", "some", "heavy"]


@record
class FactBase(Record):
    """What every fact has: an id unique within its career, the source, the quote and the year of the data."""

    id: Id
    source: str
    quote: Quote
    year: Year = None
    """The year of the data, only where the text states it: in the quote, or in `year_quote`."""
    year_quote: str | None = None
    """A second verbatim span of the same source that dates the figure when the quote itself does not."""
    inferred_year: Year = None
    """Our inference of the year of an undated figure (then `year` stays unset and `note` says why); shown, if at
    all, as inferred — never as a bare year."""
    note: str | None = None
    """Our own remark (e.g. why a figure is undated); shown as ours, never as the source's words."""

    def numbers(self) -> list[tuple[float, Unit]]:
        """The numbers of the value that the quote must contain."""
        return []

    def summary(self) -> str:
        """A short plain-words rendering of the value, for tables and chat answers."""
        return self.quote


PayStatistic = Literal[
    "median", "mean", "p10", "p90", "range_low", "range_high", "starting_low", "starting_high"
]
PAY_STATISTIC_LABELS: dict[str, str] = {
    "median": "median pay",
    "mean": "average pay",
    "p10": "the lowest-paid 10% earn less than",
    "p90": "the highest-paid 10% earn more than",
    "range_low": "pay ranges from",
    "range_high": "pay ranges up to",
    "starting_low": "starting pay from",
    "starting_high": "starting pay up to",
}
"""Each pay statistic in words a student reads, placed before the amount ("median pay $47,190")."""


@record
class PayFact(FactBase):
    """A yearly pay figure in US dollars, with its statistic and, where given, industry or experience level."""

    kind: Literal["pay"]
    statistic: PayStatistic
    amount: Annotated[int, Check(ge=0, le=10_000_000)]
    approximate: bool = False
    industry: str | None = None
    level: str | None = None

    def numbers(self) -> list[tuple[float, Unit]]:
        return [(self.amount, "money")]

    def summary(self) -> str:
        about = "about " if self.approximate else ""
        where = f" ({self.industry})" if self.industry else ""
        level = f" ({self.level})" if self.level else ""
        return f"{PAY_STATISTIC_LABELS[self.statistic]} {about}${self.amount:,} a year{where}{level}"


@record
class GrowthFact(FactBase):
    """Projected employment growth over a period."""

    kind: Literal["growth"]
    percent: float
    period_start: int | None = None
    period_end: int | None = None
    period_years: int | None = None
    """When the source says 'over the next ten years' instead of naming the years."""
    comparison: str | None = None
    jobs_added: Annotated[int | None, Check(ge=0)] = None
    """The net number of jobs the projection adds over its period (not openings: openings also replace workers
    who leave)."""

    def numbers(self) -> list[tuple[float, Unit]]:
        found: list[tuple[float, Unit]] = [(self.percent, "percent")]
        found += [(y, "year") for y in (self.period_start, self.period_end) if y is not None]
        if self.period_years is not None:
            found.append((self.period_years, "count"))
        if self.jobs_added is not None:
            found.append((self.jobs_added, "count"))
        return found

    def summary(self) -> str:
        if self.period_start and self.period_end:
            period = f" {self.period_start}–{self.period_end}"
        elif self.period_years:
            period = f" over {self.period_years} years"
        else:
            period = ""
        comparison = f" ({self.comparison})" if self.comparison else ""
        added = f", {self.jobs_added:,} more jobs" if self.jobs_added is not None else ""
        return f"{self.percent:g}% growth{period}{added}{comparison}"


@record
class EmploymentFact(FactBase):
    """Number of jobs held (or projected) in a year."""

    kind: Literal["employment"]
    jobs: Annotated[int, Check(ge=0)]
    projected: bool = False

    def numbers(self) -> list[tuple[float, Unit]]:
        return [(self.jobs, "count")]

    def summary(self) -> str:
        return f"{'projected ' if self.projected else ''}{self.jobs:,} jobs"


@record
class OpeningsFact(FactBase):
    """Job openings (new jobs plus replacements for workers who leave): per year, or over a period.

    Net job growth is not openings: it belongs on a GrowthFact as `jobs_added`.
    """

    kind: Literal["openings"]
    count: Annotated[int, Check(ge=0)]
    per: Literal["year", "period"]

    def numbers(self) -> list[tuple[float, Unit]]:
        return [(self.count, "count")]

    def summary(self) -> str:
        return f"about {self.count:,} openings {'a year' if self.per == 'year' else 'over the period'}"


ScheduleItem = Literal["evenings", "weekends", "holidays", "overnight"]
SCHEDULE_ITEM_WORDS: dict[str, str] = {"overnight": "nights"}


def either(items: list[str]) -> str:
    """Schedule items as a list joined by 'or': 'evenings, weekends or holidays'."""
    words = [SCHEDULE_ITEM_WORDS.get(item, item) for item in items]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def irregular_hours(items: list[str]) -> str:
    """Irregular hours as a source lists them ('hours that may include evenings or nights'); LEVEL_WORDS says the
    level itself the same way, with all three items a rule's 'daytime only' is about."""
    return f"hours that may include {either(items)}"


LEVEL_WORDS: dict[str, dict[str, str]] = {
    "patient_contact": {"none": "no direct patient contact", "some": "some contact with patients",
                        "lots": "hands-on care of patients"},
    "science": {"low": "little science in the training", "moderate": "some science in the training",
                "high": "a lot of science in the training"},
    "equipment": {"none": "no clinical equipment", "some": "some clinical equipment",
                  "heavy": "operating imaging or other clinical equipment"},
    "computer_time": {"low": "little time at a computer", "moderate": "a fair amount of time at a computer",
                      "high": "long hours at a computer"},
    "remote_work": {"none": "no remote work", "some": "some remote work", "growing": "growing options for remote work"},
    "schedule": {"standard_daytime": "standard daytime hours",
                 "irregular": irregular_hours(["evenings", "weekends", "holidays"])},
    "exam": {"exam_required": "a required exam", "exam_some": "an exam some states or employers require",
             "exam_preferred": "an exam-based certification employers prefer",
             "exam_optional": "an optional exam-based certification",
             "no_exam_stated": "a credential with no exam named"},
}
"""Each level in words, per attribute: the one table of them. A level is where a career sits on a scale read from
its facts: the `level` of a patient contact, science, equipment, computer time or remote work fact, the `hours` of
a schedule fact (LEVEL_FIELDS), and `exam`, how strongly a career's credentials ask for an exam (strictest first;
knowledge.levels.exam_level). Every front end and rule sentence takes its words from here: a fact's summary (kb
show, compare cells, chat answers, the report) shows a phrase alone, and rules.toml's reasons put it in a slot
(`{{ levels }}`, e.g. "the sources say the work of coders involves no direct patient contact"), so each is a noun
phrase that reads on its own and after "involves", "describe", "spend", "work" or "name". A test checks the levels
are exactly the values the models allow (tests/test_level_words.py)."""
LEVEL_FIELDS: dict[str, str] = {"schedule": "hours"}
"""The fact field an attribute's level is read from, where it is not `level` (`exam` is read by knowledge.levels)."""


def science_comparison(other: str) -> str:
    """A science fact that only compares ('more science classes' than another career's programs), in words."""
    return f"more science than in {other} training"


@record
class LevelFact(FactBase):
    """Base for facts that place a career on a scale (patient contact, science, equipment, screen time)."""

    def summary(self) -> str:
        return LEVEL_WORDS[self.kind][str(getattr(self, "level"))]


@record
class PatientContactFact(LevelFact):
    """How much the work is with patients: none, some, or hands-on care (lots)."""

    kind: Literal["patient_contact"]
    level: PatientContact


@record
class ScienceFact(LevelFact):
    """How much science the training has: a level, or — when the source only compares — more than another career's.

    'More science classes' than technicians is a comparison, not 'a lot of science': such a fact leaves `level`
    unset and names the other career in `more_than`.
    """

    kind: Literal["science"]
    level: Amount | None = None
    more_than: str | None = None
    """The career id whose training the source says has less science than this one's."""

    def __post_init__(self) -> None:
        if (self.level is None) == (self.more_than is None):
            raise ValueError("give either level or more_than (a comparison with another career), not both")

    def summary(self) -> str:
        if self.more_than is not None:
            return science_comparison(self.more_than.replace("_", " "))
        return LevelFact.summary(self)


@record
class EquipmentFact(LevelFact):
    """How much clinical equipment the work uses: none, some, or heavy (imaging and the like)."""

    kind: Literal["equipment"]
    level: Equipment


@record
class ComputerTimeFact(LevelFact):
    """How much of the day is spent at a computer."""

    kind: Literal["computer_time"]
    level: Amount


@record
class RemoteWorkFact(LevelFact):
    """Whether the work can be done remotely, and whether that is growing."""

    kind: Literal["remote_work"]
    level: Literal["none", "some", "growing"]


@record
class ScheduleFact(FactBase):
    """When the work happens: standard daytime hours, or hours that may include evenings and weekends."""

    kind: Literal["schedule"]
    hours: Literal["standard_daytime", "irregular"]
    includes: list[ScheduleItem] = field(default_factory=list)
    """Hours the work may include; with standard_daytime, what some roles may require beyond it."""
    full_time: bool | None = None

    def summary(self) -> str:
        """The hours in LEVEL_WORDS' words; what this source says they may include, where it says."""
        hours = LEVEL_WORDS["schedule"][self.hours]
        if not self.includes:
            return hours
        if self.hours == "standard_daytime":
            return f"mostly {hours}; some roles may include {either(self.includes)}"
        return irregular_hours(self.includes)


TrainingRoute = Literal[
    "certificate", "associate", "bachelor", "master", "on_the_job", "high_school", "bootcamp", "licence_program"
]
ROUTE_WORDS: dict[str, str] = {
    "certificate": "certificate program", "associate": "associate degree", "bachelor": "bachelor's degree",
    "master": "master's degree", "on_the_job": "on-the-job training", "high_school": "high school diploma",
    "bootcamp": "bootcamp or online program", "licence_program": "licence program",
}
"""A training route in words (tables, chat answers and reason texts)."""


@record
class TrainingFact(FactBase):
    """One route into the career, with its length in months and cost in USD where the source states them."""

    kind: Literal["training"]
    route: TrainingRoute
    months_min: Months = None
    months_max: Months = None
    cost_min: Annotated[int | None, Check(ge=0)] = None
    cost_max: Annotated[int | None, Check(ge=0)] = None
    typical: bool = True
    """False for routes the source calls possible but less usual (e.g. on-the-job only)."""

    def numbers(self) -> list[tuple[float, Unit]]:
        found: list[tuple[float, Unit]] = []
        found += [(m, "months") for m in (self.months_min, self.months_max) if m is not None]
        found += [(c, "money") for c in (self.cost_min, self.cost_max) if c is not None]
        return found

    def summary(self) -> str:
        parts = [ROUTE_WORDS.get(self.route, self.route.replace("_", " "))]
        if self.months_min is not None or self.months_max is not None:
            low, high = self.months_min, self.months_max
            parts.append(f"{low}–{high} months" if low is not None and high is not None and low != high
                         else f"{high if high is not None else low} months")
        if self.cost_min is not None and self.cost_max is not None:
            parts.append(f"${self.cost_min:,}–${self.cost_max:,}")
        return ", ".join(parts)


CredentialStatus = Literal["required", "often_required", "required_some", "preferred", "optional", "in_postings"]
CREDENTIAL_STATUS_WORDS: dict[str, str] = {
    "required": "required",
    "often_required": "often required",
    "required_some": "required in some states or by some employers",
    "preferred": "preferred by employers",
    "optional": "optional",
    "in_postings": "asked for by some job postings",
}
"""How each status reads, strictest first (a fact's summary, a pathway step); the loader checks the quote has
words that support it (see knowledge.meaning)."""


@record
class CredentialFact(FactBase):
    """A certification or licence, how strongly it is asked for, and whether it means passing an exam."""

    kind: Literal["credential"]
    name: str
    abbreviation: str | None = None
    status: CredentialStatus
    """required (must have) · often_required ('often required', 'often prerequisites') · required_some (some
    states, facilities or employers) · preferred (employers prefer / choose) · optional (the quote says only that
    it exists or helps) · in_postings (asked for by particular, dated job postings only)."""
    exam: bool | None = None
    """True when the sources say an exam must be passed (in the quote, or in `exam_quote`); None when they don't."""
    exam_source: str | None = None
    """The source of `exam_quote` when it is not the fact's own source."""
    exam_quote: str | None = None
    """Verbatim words (of `exam_source`, else of the fact's source) saying this credential is earned by an exam,
    when the quote itself only says how strongly it is asked for."""
    body: str | None = None

    def summary(self) -> str:
        label = f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name
        return f"{label}: {CREDENTIAL_STATUS_WORDS[self.status]}{', exam' if self.exam else ''}"


REQUIREMENT_WORDS: dict[str, str] = {
    "physical_exam": "a physical exam", "tb_test": "a TB test", "immunizations": "current immunizations",
    "background_check": "a criminal background check", "high_school_diploma": "a high school diploma",
    "prerequisite_courses": "prerequisite courses", "internship": "an internship or externship",
    "experience": "work experience", "continuing_education": "continuing education",
    "postsecondary_education": "postsecondary education",
}
"""What a program or employer asks for, in words."""


@record
class RequirementFact(FactBase):
    """Something a program or employer asks of an applicant."""

    kind: Literal["requirement"]
    item: Literal[
        "physical_exam", "tb_test", "immunizations", "background_check", "high_school_diploma",
        "prerequisite_courses", "internship", "experience", "continuing_education", "postsecondary_education",
    ]
    stage: Literal["program", "job", "career"]

    def summary(self) -> str:
        item = REQUIREMENT_WORDS.get(self.item, self.item.replace("_", " "))
        return f"{item} ({'to enter a program' if self.stage == 'program' else 'for work'})"


@record
class SettingFact(FactBase):
    """A place the career works, with its share of jobs where given."""

    kind: Literal["setting"]
    name: str
    share_percent: float | None = None

    def numbers(self) -> list[tuple[float, Unit]]:
        return [] if self.share_percent is None else [(self.share_percent, "percent")]

    def summary(self) -> str:
        return self.name + (f" ({self.share_percent:g}% of jobs)" if self.share_percent is not None else "")


@record
class TextFact(FactBase):
    """Base for facts whose value is a short phrase: duties, skills, outlook remarks."""

    text: str

    def summary(self) -> str:
        return self.text


@record
class DutyFact(TextFact):
    """A task the job involves."""

    kind: Literal["duty"]


@record
class SkillFact(TextFact):
    """A skill or quality the work asks for."""

    kind: Literal["skill"]


@record
class OutlookFact(TextFact):
    """A remark on the career's prospects that is not a figure."""

    kind: Literal["outlook"]


PayFactor = Literal[
    "location", "state", "setting", "facility_size", "experience", "certification", "specialisation", "skills",
    "benefits",
]


@record
class PayFactorFact(TextFact):
    """Something the sources say makes pay vary (where, for whom, with what), and which way."""

    kind: Literal["pay_factor"]
    factor: PayFactor


PressureAspect = Literal["pace", "repetition", "frustration", "overtime", "balance", "stakes", "deadlines",
                         "physical"]


@record
class PressureFact(TextFact):
    """What the work asks of a person day to day: pace, monotony, stakes, overtime, deadlines."""

    kind: Literal["pressure"]
    aspect: PressureAspect


@record
class TimelineFact(FactBase):
    """How long it takes to become job-ready, or to prepare for a certification exam, where the sources say."""

    kind: Literal["timeline"]
    stage: Literal["job_ready", "exam_preparation"]
    text: str
    months_min: Months = None
    months_max: Months = None

    def numbers(self) -> list[tuple[float, Unit]]:
        return [(m, "months") for m in (self.months_min, self.months_max) if m is not None]

    def summary(self) -> str:
        return self.text


@record
class SubjectFact(FactBase):
    """A school subject: one that helps admission to a program, or a course the program teaches."""

    kind: Literal["subject"]
    name: str
    use: Literal["admission", "program_course"]

    def summary(self) -> str:
        return self.name + (" (a high school course that helps admission)" if self.use == "admission"
                            else " (taught in the program)")


MarketAspect = Literal["balance", "demand", "competition", "geography", "urban_rural"]


@record
class MarketFact(TextFact):
    """The job market: supply and demand, competition, and where the jobs are (regions, urban and rural)."""

    kind: Literal["market"]
    aspect: MarketAspect


@record
class LinkFact(FactBase):
    """A link to another career: where it leads, what it specialises into, or what is related."""

    kind: Literal["advancement", "specialization", "related"]
    career: str | None = None
    """The linked career's id, when the knowledge base has it."""
    title: str
    requires: str | None = None
    years_min: int | None = None
    years_max: int | None = None

    def numbers(self) -> list[tuple[float, Unit]]:
        return [(y, "count") for y in (self.years_min, self.years_max) if y is not None]

    def summary(self) -> str:
        years = ""
        if self.years_min is not None:
            years = f" after {self.years_min}" + (f"–{self.years_max}" if self.years_max else "+") + " years"
        needs = f" (needs {self.requires})" if self.requires else ""
        verb = {"advancement": "can lead to", "specialization": "can specialise as", "related": "related:"}
        return f"{verb[self.kind]} {self.title}{years}{needs}"


FACT_CLASSES: tuple[type[FactBase], ...] = (
    PayFact, GrowthFact, EmploymentFact, OpeningsFact, PatientContactFact, ScienceFact, EquipmentFact,
    ComputerTimeFact, RemoteWorkFact, ScheduleFact, TrainingFact, CredentialFact, RequirementFact, SettingFact,
    DutyFact, SkillFact, OutlookFact, LinkFact, PayFactorFact, PressureFact, TimelineFact, SubjectFact, MarketFact,
)
"""Every fact class; a class may serve several kinds (LinkFact: advancement, specialization, related)."""
FACT_CLASS: dict[str, type[FactBase]] = {
    kind: cls for cls in FACT_CLASSES for kind in get_args(cls.__dataclass_fields__["kind"].type)
}
"""The class of each fact kind, read from the classes' `kind` Literals (the snapshot builds facts with it)."""
FACT_KINDS: tuple[str, ...] = tuple(FACT_CLASS)
"""Every fact kind, in the order of FACT_CLASSES. New in #10: pay_factor (what makes pay vary), pressure (pace,
monotony, overtime…), timeline (time to job-ready, exam preparation), subject (school subjects for admission,
program courses), market (supply and demand, urban/rural)."""
Fact = Annotated[Union[FACT_CLASSES], Tagged("kind")]  # type: ignore[valid-type]
"""Any fact, told apart by `kind` when a file is validated."""


@record
class Specialisation(Record):
    """The sources say this career is a kind of another one (its parent): which fact kinds pass down, and why.

    A specialisation with no facts of an inherited kind uses its parent's (see knowledge.inheritance), always
    shown as said of the parent, with the parent's quote — never as the specialisation's own figure.
    """

    parent: Id
    """The parent career's id."""
    inherits: Annotated[list[str], Check(min_length=1)]
    """Fact kinds (names from FACT_KINDS) that pass down from the parent."""
    source: str
    quote: Quote
    """Verbatim words of the source that say this career is a kind of the parent."""
    note: str | None = None
    """Our remark: why these kinds pass down and the others don't."""


@record
class Career(Record):
    """One career file: its names, whether its facts are thin, what it specialises, and the facts themselves."""

    id: Id
    name: str
    aliases: list[str] = field(default_factory=list)
    """Other names and abbreviations a user may type (LPN, RHIT, coder …)."""
    thin: bool = False
    thin_note: str | None = None
    specialises: Specialisation | None = None
    facts: list[Fact] = field(default_factory=list)


NonContentKind = Literal["advertising", "sign_up", "navigation", "school_listing", "job_listing", "heading"]


@record
class NonContent(Record):
    """A region of a source text that is not content (an advertisement, a sign-up form, navigation, a list of
    schools or job ads, a page heading): never quoted, never searched. Lines from the one where `first` starts
    to the one where `last` starts (the same line when `last` is absent, the end of the text with `to_end`)."""

    kind: NonContentKind
    first: Quote
    """Verbatim words on the region's first line (the first place they stand in the text)."""
    last: Annotated[str | None, Check(min_length=3)] = None
    """Verbatim words on its last line, searched from the first line on."""
    to_end: bool = False


@record
class Source(Record):
    """One row of sources.toml."""

    id: Id
    title: str
    publisher: str | None = None
    cites: str | None = None
    """Whose data the document says it reports (e.g. the U.S. Bureau of Labor Statistics)."""
    years: list[int] = field(default_factory=list)
    not_content: list[NonContent] = field(default_factory=list)
    """Regions that are not content (see NonContent), checked by the loader and skipped by quotes and search."""


@record
class SourcesFile(Record):
    """sources.toml as a whole."""

    sources: list[Source]


@record
class Citation(Record):
    """Where a claim comes from: the source, the line the quote starts on, the quote and the data's year."""

    source: str
    title: str
    line: int
    quote: str
    year: int | None
    inferred_year: int | None = None
    """Set when `year` is None and we infer one (the fact's note says why); show it marked as inferred."""


@record
class Disagreement(Record):
    """Facts of one career about the same thing whose values differ between sources or years."""

    career: str
    topic: str
    facts: list[str]
    values: list[str]
