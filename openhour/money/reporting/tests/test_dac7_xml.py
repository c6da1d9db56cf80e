"""The DAC7 XML, checked for its structure since no package ships the official DPI schema: namespaces, the message
header, the platform operator, and per seller the identity and the personal services, whose quarters add up to the
year and whose amounts are the schema's decimals with their currency."""

import re
import xml.etree.ElementTree as ET  # nosec B405 -- our own output, in a test
from datetime import date
from decimal import Decimal

import pytest

from openhour.money.reporting import selectors
from openhour.money.reporting.services import tax_details_save
from openhour.money.reporting.tests.kit import YEAR, at, paid

pytestmark = pytest.mark.django_db
NS = {"dpi": "urn:oecd:ties:dpi:v1", "stf": "urn:oecd:ties:dpistf:v1"}
DECIMAL = re.compile(r"^-?\d+\.\d{2}$")


@pytest.fixture
def report(settings, clara, fred, olga, operator, client_for):
    settings.REPORTING_MIN_TRANSACTIONS = 2
    settings.OPERATOR_TAX_ID = "GB123456789"
    paid(clara, fred, 10_000, 20_000, when=at(2))
    paid(clara, fred, 40_000, when=at(8))
    paid(clara, fred, 50_000, 5_000, when=at(11), currency="EUR")
    paid(clara, olga, 70_000, 1_000, when=at(6))
    tax_details_save(
        user=olga,
        by=olga,
        kind="entity",
        entity_name="Olga Design SARL",
        registration_number="732 829 320",
        street="5 Rue Oberkampf",
        city="Paris",
        postcode="75011",
        country="FR",
        tin="3023217600053",
        tin_country="FR",
        vat_number="FR40303265045",
    )
    response = client_for(operator).get(f"/operations/reporting?year={YEAR}&format=xml")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314  # nosec B314 -- our own output


def text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None, path
    return found.text or ""


def test_the_message_header_and_the_platform_operator(report, ledger_ok):
    assert report.tag == "{urn:oecd:ties:dpi:v1}DPI_OECD" and report.get("version") == "1.0"
    spec = report.find("dpi:MessageSpec", NS)
    assert [child.tag.split("}")[1] for child in spec] == [
        "TransmittingCountry",
        "ReceivingCountry",
        "MessageType",
        "MessageRefId",
        "MessageTypeIndic",
        "ReportingPeriod",
        "Timestamp",
    ]
    assert text(spec, "dpi:MessageType") == "DPI" and text(spec, "dpi:ReportingPeriod") == f"{YEAR}-12-31"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", text(spec, "dpi:Timestamp"))
    assert text(spec, "dpi:MessageRefId")
    operator = report.find("dpi:DPIBody/dpi:PlatformOperator", NS)
    assert text(operator, "dpi:TIN") == "GB123456789" and operator.find("dpi:TIN", NS).get("issuedBy")
    assert text(operator, "dpi:Name") and text(operator, "dpi:Address/dpi:CountryCode")
    assert text(operator, "dpi:DocSpec/stf:DocTypeIndic") == "OECD1"
    ledger_ok()


def test_every_seller_has_an_identity_and_quarters_that_add_up(report, ledger_ok):
    sellers = report.findall("dpi:DPIBody/dpi:ReportableSeller", NS)
    assert len(sellers) == 3  # Fred in GBP and in EUR, Olga in GBP
    doc_ids = [text(seller, "dpi:DocSpec/stf:DocRefId") for seller in sellers]
    assert len(set(doc_ids)) == 3
    totals = {}
    for seller in sellers:
        assert seller.find("dpi:Identity", NS) is not None
        services = seller.find("dpi:RelevantActivities/dpi:PersonalServices", NS)
        amounts = services.findall("dpi:Consideration/*", NS) + services.findall("dpi:Fees/*", NS)
        assert len(amounts) == 8
        assert all(DECIMAL.match(one.text or "") and one.get("currCode") in {"GBP", "EUR"} for one in amounts)
        assert len({one.get("currCode") for one in amounts}) == 1  # one currency per seller entry, never mixed
        counts = [int(text(services, f"dpi:NumberOfActivities/dpi:NumbQ{q}")) for q in range(1, 5)]
        cons = [text(services, f"dpi:Consideration/dpi:ConsQ{q}") for q in range(1, 5)]
        key = (seller.find(".//dpi:TIN", NS).text, amounts[0].get("currCode"))
        totals[key] = (cons, counts)
    yearly = sorted(Decimal(one.total_gross) / 100 for one in selectors.seller_years(first=YEAR))
    assert sorted(sum(Decimal(cons) for cons in quarters) for quarters, _counts in totals.values()) == yearly
    assert totals[("NOTIN", "GBP")] == (["300.00", "0.00", "400.00", "0.00"], [2, 0, 1, 0])
    assert totals[("NOTIN", "EUR")] == (["0.00", "0.00", "0.00", "550.00"], [0, 0, 0, 2])
    assert totals[("3023217600053", "GBP")] == (["0.00", "710.00", "0.00", "0.00"], [0, 2, 0, 0])
    ledger_ok()


def test_an_individual_and_an_entity_are_identified_as_the_schema_asks(report, ledger_ok):
    fred, *_rest, olga = report.findall("dpi:DPIBody/dpi:ReportableSeller", NS)
    person = fred.find("dpi:Identity/dpi:IndividualSeller/dpi:Standard/dpi:IndSellerID", NS)
    assert person.find("dpi:TIN", NS).get("unknown") == "true"  # Fred has not given his details yet
    assert text(person, "dpi:Name/dpi:FirstName") == "Fred" and text(person, "dpi:Name/dpi:LastName") == "Freelancer"
    assert person.find("dpi:Address", NS) is not None and person.find("dpi:BirthInfo", NS) is not None
    entity = olga.find("dpi:Identity/dpi:EntitySeller/dpi:Standard/dpi:EntSellerID", NS)
    assert entity.find("dpi:TIN", NS).get("issuedBy") == "FR"
    assert text(entity, "dpi:Name") == "Olga Design SARL" and text(entity, "dpi:VAT") == "FR40303265045"
    assert text(entity, "dpi:Address/dpi:CountryCode") == "FR"
    assert date.fromisoformat(text(report, "dpi:MessageSpec/dpi:ReportingPeriod")).year == YEAR
    ledger_ok()
