"""The incident record, declared once.

Every list of an incident's fields is derived from INCIDENT below: what the parser gives
(`parsed`), the columns of the `incidents` table (`stored`; tests/test_record.py checks
massacres/store/schema.sql declares the same, in the same order), what an upload compares with
the month already stored (`compared`) and the columns of the Incidents downloads (`exported`).
Adding a field is one line here, then its column in schema.sql.
"""

from __future__ import annotations

from typing import NamedTuple


class Field(NamedTuple):
    name: str
    source: str = "parser"  # parser: read from the paragraph; locator: the geocoder's; derived: computed at write
    compared: bool = True  # an upload shows a change in it (position fields seq and line are how rows pair up)
    export: str | None = ""  # its column name in the downloads ("" = its own name; None = not exported)


INCIDENT: tuple[Field, ...] = (
    Field("seq", compared=False),
    Field("date"),
    Field("time", export=None),
    Field("day_part", export=None),
    Field("perpetrator"),
    Field("perpetrator_text", export=None),
    Field("attribution_uncertain"),
    Field("perpetrator_note", export="attribution_note"),
    Field("governorate"),
    Field("governorate_in_text", export=None),
    Field("place"),
    Field("place_type"),
    Field("parent_place"),
    Field("site"),
    Field("killed"),
    Field("children"),
    Field("women"),
    Field("fetuses"),
    Field("wounded"),
    Field("wounded_qualifier"),
    Field("killed_is_lower_bound"),
    Field("same_family"),
    Field("idps"),
    Field("weapon"),
    Field("target"),
    Field("area_of_control"),
    Field("area_of_control_text", export=None),
    Field("lat", export=None),  # the report's own map link; the exported point is the located one
    Field("lon", export=None),
    Field("coord_source", source="linker", export=None),
    Field("map_link_name", source="linker", export=None),
    Field("line", compared=False),
    Field("paragraph"),
    Field("point_lat", source="locator", compared=False, export="lat"),
    Field("point_lon", source="locator", compared=False, export="lon"),
    Field("precision", source="locator", compared=False, export="location_precision"),
    Field("iso_code", source="locator", compared=False, export=None),
    Field("matched_name", source="locator", compared=False, export=None),
    Field("incident_month", source="derived", compared=False, export=None),
)

# The downloads' columns in a reader's order: who and when, where, how many (each count beside
# its qualifier), how and what, where it was located, then the source. Every name is a field's
# export name or one of EXPORT_EXTRA; tests/test_record.py checks the two agree.
EXPORT_ORDER = (
    "incident_id",
    "report_month",
    "seq",
    "date",
    "perpetrator",
    "party",
    "attribution_uncertain",
    "attribution_note",
    "governorate",
    "place",
    "place_type",
    "parent_place",
    "site",
    "killed",
    "killed_is_lower_bound",
    "children",
    "women",
    "fetuses",
    "wounded",
    "wounded_qualifier",
    "same_family",
    "idps",
    "weapon",
    "target",
    "area_of_control",
    "location_precision",
    "lat",
    "lon",
    "corrected",
    "source_file",
    "line",
    "paragraph",
)
# The downloads' columns that are not the incident's own: its stable ID (report month and order,
# '2017-09-12'), its report, the party's label, the fields a reviewer corrected
# (store/corrections.py), the file.
EXPORT_EXTRA = ("incident_id", "report_month", "party", "corrected", "source_file")


def parsed() -> tuple[str, ...]:
    """The fields the parser gives for each incident, in order (`massacres parse --json`)."""
    return tuple(f.name for f in INCIDENT if f.source == "parser")


def stored() -> tuple[str, ...]:
    """The columns of the `incidents` table, in order."""
    return ("report_month",) + tuple(f.name for f in INCIDENT)


def compared() -> tuple[str, ...]:
    """The fields an upload compares with the month already stored."""
    return tuple(f.name for f in INCIDENT if f.compared and f.source in ("parser", "linker"))


def exported() -> tuple[str, ...]:
    """The columns of the Incidents downloads, in order."""
    own = {f.export or f.name for f in INCIDENT if f.export is not None}
    if set(EXPORT_ORDER) != own | set(EXPORT_EXTRA):
        raise ValueError("record.EXPORT_ORDER does not list exactly the exported fields")
    return EXPORT_ORDER


class ReportField(NamedTuple):
    name: str
    summary: bool = True  # read from the report's summary (summary.py fills it; the store writes it)
    json: bool = True  # in `massacres parse --json`'s report object
    compared: bool = True  # an upload shows a change in it against the month stored


# The report record: one row of `reports` (the store adds month_start, source_file, source_form,
# sha256 and incident_count, which are about the file, not the report's words).
REPORT: tuple[ReportField, ...] = (
    ReportField("month", compared=False),  # the key an upload is matched by
    ReportField("kind"),
    ReportField("title"),
    ReportField("published"),
    ReportField("total_massacres"),
    ReportField("victims_total"),
    ReportField("victims_children"),
    ReportField("victims_women"),
    ReportField("ytd_massacres"),
    ReportField("ytd_period"),
    ReportField("ytd_period_text", json=False, compared=False),  # the period as written, beside ytd_period
    ReportField("details_complete", summary=False),  # from the details, not the summary
    ReportField("civilians_killed"),
)


def report_summary() -> tuple[str, ...]:
    """The report fields the summary reader fills."""
    return tuple(f.name for f in REPORT if f.summary)


def report_json() -> tuple[str, ...]:
    """The report object of `massacres parse --json`."""
    return tuple(f.name for f in REPORT if f.json)


def report_compared() -> tuple[str, ...]:
    """The report's figures an upload compares with the month stored."""
    return tuple(f.name for f in REPORT if f.compared)
