"""Portable reputation: Fred downloads his published reviews signed by the platform and anyone verifies the
file offline. Only Fred may export Fred's reviews; private notes and sealed reviews never leave."""

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client

from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews import signing, verify
from openhour.reviews.services.reviews import reply_post, review_submit
from openhour.reviews.tests.kit import body, finished

PEM, SPKI = serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/users/{}/reviews/export"
ROOT = Path(__file__).resolve().parents[3]


def both_reviewed(clara: Any, fred: Any, **changes: Any) -> Any:
    """A finished contract both have reviewed (so both reviews are published); returns Clara's review."""
    contract = finished(clara, fred)
    review = review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 4, **changes))
    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5))
    return review


def exported(client_for: Any, user: Any, tmp_path: Path) -> tuple[dict[str, Any], Path, Path]:
    """The export as Fred downloads it, and the public key as served, both saved to files."""
    response = client_for(user).get(EXPORT.format(user.username))
    assert response.status_code == 200, response.content
    export_file = tmp_path / "export.json"
    export_file.write_bytes(response.content)
    key_file = tmp_path / "openhour-reviews.pub"
    key_file.write_bytes(Client().get("/.well-known/openhour-reviews.pub").content)
    return json.loads(response.content), export_file, key_file


def test_export_holds_every_published_review_and_nothing_private(
    clara: Any, fred: Any, client_for: Any, tmp_path: Path
) -> None:
    review = both_reviewed(clara, fred, could_improve="More updates.", private_note="Psst: he was late.")
    reply_post(review_id=review.pk, by=fred, text="Thank you, Clara!")
    sealed_contract = finished(clara, fred)
    review_submit(contract_id=sealed_contract.pk, by=clara, data=body(CLIENT, 1, went_well="Still sealed"))

    response = client_for(fred).get(EXPORT.format("fred"))
    assert response["Content-Disposition"] == 'attachment; filename="openhour-reviews-fred.json"'
    export = json.loads(response.content)
    assert export["algorithm"] == "Ed25519" and export["public_key"].startswith("-----BEGIN PUBLIC KEY-----")
    document = export["document"]
    assert document["issuer"]["name"] == "openhour" and document["issuer"]["url"] == "http://127.0.0.1:8000"
    assert document["subject"] == {
        "username": "fred",
        "name": "Fred Freelancer",
        "profile_url": "http://127.0.0.1:8000/u/fred",
    }
    assert document["issued_at"].endswith("Z")
    [entry] = document["reviews"]
    assert entry["id"] == str(review.pk) and entry["overall"] == 4 and entry["role"] == FREELANCER
    assert entry["criteria"] == {"quality": 4, "communication": 4, "expertise": 4, "timeliness": 4, "value": 4}
    assert entry["reviewer"] == {"name": "Clara C.", "role": CLIENT}
    assert entry["could_improve"] == "More updates." and entry["reply"] == "Thank you, Clara!"
    assert entry["would_work_again"] is True and entry["budget_band"] and entry["duration_band"]
    assert entry["published_at"].endswith("Z")
    text = response.content.decode()
    assert "Psst" not in text and "private_note" not in text and "Still sealed" not in text
    assert "Clara Client" not in text


def test_export_verifies_offline_and_tampering_fails(
    clara: Any, fred: Any, client_for: Any, tmp_path: Path, capsys: Any
) -> None:
    both_reviewed(clara, fred, went_well="Great work on the shop.")
    export, export_file, key_file = exported(client_for, fred, tmp_path)

    assert verify.main([str(export_file), str(key_file)]) == 0
    assert capsys.readouterr().out.strip() == "valid: 1 review of fred signed by openhour (http://127.0.0.1:8000)"

    export["document"]["reviews"][0]["went_well"] = "Great work on the shoP."
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(export))
    assert verify.main([str(tampered), str(key_file)]) == 1
    assert capsys.readouterr().out.strip() == "INVALID signature"


def test_another_key_does_not_verify(clara: Any, fred: Any, client_for: Any, tmp_path: Path, capsys: Any) -> None:
    both_reviewed(clara, fred)
    _export, export_file, _key = exported(client_for, fred, tmp_path)
    other = Ed25519PrivateKey.generate().public_key()
    other_file = tmp_path / "other.pub"
    other_file.write_bytes(other.public_bytes(PEM, SPKI))
    assert verify.main([str(export_file), str(other_file)]) == 1
    assert "INVALID signature" in capsys.readouterr().out


def test_a_swapped_public_key_inside_the_export_does_not_help(
    clara: Any, fred: Any, client_for: Any, tmp_path: Path
) -> None:
    """A forger who re-signs with their own key and ships it inside the file still fails against the real key."""
    both_reviewed(clara, fred)
    export, _file, key_file = exported(client_for, fred, tmp_path)
    forger = Ed25519PrivateKey.generate()
    export["document"]["reviews"][0]["overall"] = 5
    export["signature"] = base64.b64encode(forger.sign(verify.canonical(export["document"]))).decode()
    export["public_key"] = forger.public_key().public_bytes(PEM, SPKI).decode()
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(export))
    assert verify.main([str(forged), str(key_file)]) == 1


def test_verify_runs_as_a_command_without_django(clara: Any, fred: Any, client_for: Any, tmp_path: Path) -> None:
    both_reviewed(clara, fred)
    _export, export_file, key_file = exported(client_for, fred, tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}  # no DJANGO_SETTINGS_MODULE
    command = [sys.executable, "-m", "openhour.reviews.verify", str(export_file), str(key_file)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid: 1 review of fred signed by openhour")
    probe = "import sys, openhour.reviews.verify; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    imports = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)  # noqa: S603
    assert imports.stdout.strip() == "False", imports.stderr


def test_unreadable_files_are_reported(tmp_path: Path, capsys: Any) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("not json")
    key = tmp_path / "key.pub"
    key.write_text(signing.public_key_pem())
    assert verify.main([str(junk), str(key)]) == 1
    assert capsys.readouterr().out.startswith("INVALID: cannot read")


def test_only_the_person_themself_may_export(clara: Any, fred: Any, olga: Any, client_for: Any) -> None:
    both_reviewed(clara, fred)
    assert client_for(olga).get(EXPORT.format("fred")).status_code == 404
    assert client_for(clara).get(EXPORT.format("fred")).status_code == 404
    assert client_for(olga).get(EXPORT.format("nobody")).status_code == 404
    signed_out = Client().get(EXPORT.format("fred"))
    assert signed_out.status_code == 401 and b"Psst" not in signed_out.content


def test_export_with_a_personal_access_token(fred: Any, bearer: Any) -> None:
    response = Client(headers=bearer(fred)).get(EXPORT.format("fred"))
    assert response.status_code == 200 and json.loads(response.content)["document"]["reviews"] == []


def test_key_is_stable_per_installation_and_configurable(settings: Any) -> None:
    first = signing.public_key_pem()
    assert signing.public_key_pem() == first
    settings.SECRET_KEY = "another-installation-" + "x" * 40
    assert signing.public_key_pem() != first
    configured = Ed25519PrivateKey.generate()
    settings.REVIEWS_SIGNING_KEY = configured.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    expected = configured.public_key().public_bytes(PEM, SPKI)
    assert signing.public_key_pem() == expected.decode()


def test_public_key_is_served_as_text(db: Any) -> None:
    response = Client().get("/.well-known/openhour-reviews.pub")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == signing.public_key_pem()
    assert verify.load_public_key(response.content.decode())
