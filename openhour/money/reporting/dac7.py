"""The DAC7 report as the OECD's DPI XML (namespace urn:oecd:ties:dpi:v1): the platform operator, then one
ReportableSeller per seller and currency with their personal services' consideration, activities and fees per quarter.

A seller paid in two currencies gets one ReportableSeller per currency: each amount carries its currency code and
nothing is converted. A seller who has not given tax details is still listed, with what the platform knows."""

import uuid
import xml.etree.ElementTree as ET  # nosec B405 -- writing only, never parsing
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from openhour.money.reporting.models import TaxDetails
from openhour.money.reporting.selectors import QUARTERS, Seller, SellerYear

DPI = "urn:oecd:ties:dpi:v1"
STF = "urn:oecd:ties:dpistf:v1"
ET.register_namespace("dpi", DPI)
ET.register_namespace("stf", STF)
UNKNOWN_TIN = "NOTIN"  # the schema's word for a TIN the seller has not given


def _q(name: str, namespace: str = DPI) -> str:
    return f"{{{namespace}}}{name}"


def _add(parent: ET.Element, name: str, text: str | None = None, namespace: str = DPI, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, _q(name, namespace), attrs)
    if text is not None:
        child.text = text
    return child


def amount(minor: int) -> str:
    """Minor units as the schema's decimal with two places (every currency here has a hundred minor units)."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}"


def operator_country() -> str:
    return settings.OPERATOR_COUNTRY


def dac7_xml(*, year: int, sellers: list[Seller], now: datetime | None = None) -> bytes:
    """The whole message, UTF-8 with its XML declaration."""
    now = now or timezone.now()
    root = ET.Element(_q("DPI_OECD"), {"version": "1.0"})
    _message_spec(root, year=year, now=now)
    body = _add(root, "DPIBody")
    _platform_operator(body, year)
    for seller in sellers:
        for one in seller.years:
            _reportable_seller(body, seller, one)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _message_spec(root: ET.Element, *, year: int, now: datetime) -> None:
    country = operator_country()
    spec = _add(root, "MessageSpec")
    _add(spec, "TransmittingCountry", country)
    _add(spec, "ReceivingCountry", country)
    _add(spec, "MessageType", "DPI")
    _add(spec, "MessageRefId", f"{country}{year}-{uuid.uuid4().hex}")
    _add(spec, "MessageTypeIndic", "DPI401")  # new information
    _add(spec, "ReportingPeriod", f"{year}-12-31")
    _add(spec, "Timestamp", now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"))


def _doc_spec(parent: ET.Element, year: int, what: str) -> None:
    spec = _add(parent, "DocSpec")
    _add(spec, "DocTypeIndic", "OECD1", STF)  # new data
    _add(spec, "DocRefId", f"{operator_country()}{year}-{what}", STF)


def _platform_operator(body: ET.Element, year: int) -> None:
    country = operator_country()
    operator = _add(body, "PlatformOperator")
    _add(operator, "ResCountryCode", country)
    _add(operator, "TIN", settings.OPERATOR_TAX_ID or UNKNOWN_TIN, issuedBy=country)
    if settings.OPERATOR_VAT_NUMBER:
        _add(operator, "VAT", settings.OPERATOR_VAT_NUMBER)
    _add(operator, "Name", settings.OPERATOR_LEGAL_NAME)
    _address(operator, country, settings.OPERATOR_ADDRESS)
    _doc_spec(operator, year, "operator")


def _address(parent: ET.Element, country: str, free: str) -> None:
    address = _add(parent, "Address", legalAddressType="OECD301")  # residential or business
    _add(address, "CountryCode", country)
    _add(address, "AddressFree", free)


def _reportable_seller(body: ET.Element, seller: Seller, one: SellerYear) -> None:
    element = _add(body, "ReportableSeller")
    identity = _add(element, "Identity")
    details = seller.details
    if details is not None and details.kind == TaxDetails.Kind.ENTITY:
        _entity(identity, details)
    else:
        _individual(identity, seller, details)
    _activities(_add(element, "RelevantActivities"), one)
    _doc_spec(element, one.year, f"seller-{seller.user.pk}-{one.currency}")


def _individual(identity: ET.Element, seller: Seller, details: TaxDetails | None) -> None:
    standard = _add(_add(identity, "IndividualSeller"), "Standard")
    found = _add(standard, "IndSellerID")
    country = str(details.country) if details else ""
    _add(found, "ResCountryCode", country or operator_country())
    _tin(found, details)
    name = _add(found, "Name", nameType="OECD202")  # individual's name
    first, last = (details.first_name, details.last_name) if details else _split(seller.user.name)
    _add(name, "FirstName", first or last)
    _add(name, "LastName", last or first)
    _address(found, country or operator_country(), details.address_line if details else "")
    birth = _add(found, "BirthInfo")
    if details and details.birth_date:
        _add(birth, "BirthDate", details.birth_date.isoformat())


def _entity(identity: ET.Element, details: TaxDetails) -> None:
    standard = _add(_add(identity, "EntitySeller"), "Standard")
    found = _add(standard, "EntSellerID")
    _add(found, "ResCountryCode", str(details.country))
    _tin(found, details)
    if details.registration_number:
        _add(found, "IN", details.registration_number, issuedBy=str(details.country), INType="BRN")
    if details.vat_number:
        _add(found, "VAT", details.vat_number)
    _add(found, "Name", details.entity_name)
    _address(found, str(details.country), details.address_line)


def _tin(parent: ET.Element, details: TaxDetails | None) -> None:
    if details is None:
        _add(parent, "TIN", UNKNOWN_TIN, unknown="true")
        return
    _add(parent, "TIN", details.tin, issuedBy=str(details.tin_country))


def _split(name: str) -> tuple[str, str]:
    first, _space, last = name.strip().rpartition(" ")
    return first, last


def _activities(activities: ET.Element, one: SellerYear) -> None:
    services = _add(activities, "PersonalServices")
    consideration = _add(services, "Consideration")
    for quarter in range(QUARTERS):
        _add(consideration, f"ConsQ{quarter + 1}", amount(one.gross[quarter]), currCode=one.currency)
    numbers = _add(services, "NumberOfActivities")
    for quarter in range(QUARTERS):
        _add(numbers, f"NumbQ{quarter + 1}", str(one.activities[quarter]))
    fees = _add(services, "Fees")
    for quarter in range(QUARTERS):
        _add(fees, f"FeesQ{quarter + 1}", amount(one.fees[quarter]), currCode=one.currency)
    taxes = _add(services, "Taxes")  # the platform withholds no taxes
    for quarter in range(QUARTERS):
        _add(taxes, f"TaxQ{quarter + 1}", amount(0), currCode=one.currency)
