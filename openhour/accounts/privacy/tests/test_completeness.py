"""The archive holds every kind of data the site keeps about the person, and the files they sent."""

from .conftest import archive_of


def test_every_kind_of_data_is_in_the_archive(fred, fred_everywhere, requested):
    data, _archive, _raw = archive_of(requested(fred))

    account, security, work = data["account"], data["security"], data["work"]
    assert account["email"] == "fred@example.com" and account["roles"] == ["client", "freelancer"]
    assert account["profile"]["headline"] == "Django developer" and account["profile"]["skills"]
    assert [item["title"] for item in account["portfolio"]] == ["Bakery shop"]
    assert [factor["type"] for factor in account["second_factors"]] == ["totp"]
    assert [token["label"] for token in security["api_tokens"]] == ["tests"]
    assert security["sessions"] and security["access_records"]
    assert security["personal_data_accesses"][0]["what"] == "export_requested"
    assert [project["title"] for project in work["projects"]] == ["Fred needs a logo"]
    assert work["invitations_received"][0]["invited_by"] == "Clara Client"
    assert work["proposals"][0]["milestones"] and work["hourlies"][0]["packages"]
    assert {c["your_role"] for c in data["contracts"]} == {"freelancer"}
    milestones = [m for c in data["contracts"] for m in c["milestones"]]
    assert any(m["deliveries"] for m in milestones) and any(m["disputes"] for m in milestones)
    assert any(c["change_orders"] for c in data["contracts"]) and any(c["time_sheets"] for c in data["contracts"])
    money = data["money"]
    assert money["accounts"] and money["ledger_lines"] and money["card_payments"] and money["payouts"]
    assert money["payout_methods"][0]["account"].endswith("3000")
    messages = data["messages"]
    assert {c["with"] for c in messages["conversations"]} == {"Clara Client", "Olga Outsider"}
    assert messages["uploads"] and messages["blocked"] and messages["reports_made"] and messages["notifications"]
    reviews = data["reviews"]
    assert reviews["written"][0]["went_well"] == "Clara pays on time."
    assert reviews["received"][0]["your_reply"] == "Thank you, Clara!" and reviews["reputation"]
    assert reviews["testimonials"][0]["client_name"] == "Carol Shop"
    assert data["tools"]["saved_searches"] and data["tools"]["webhooks"]
    assert {step["about"] for step in data["activity"]} >= {"proposal", "milestone", "change_order", "review"}
    assert data["missing_files"] == []


def test_the_files_the_person_sent_are_in_it(fred, fred_everywhere, requested):
    _data, archive, raw = archive_of(requested(fred))

    folders = {name.split("/")[1] for name in archive.namelist() if name.startswith("files/")}
    assert folders == {"profile", "portfolio", "projects", "proposals", "deliveries", "disputes", "messages", "uploads"}
    for marker in ("fred-brief", "fred-plan", "fred-design", "fred-proof", "fred-attachment", "fred-upload"):
        assert marker.encode() in raw
