"""With PROMETHEUS_MULTIPROC_DIR set, as under several gunicorn workers, a scrape answered by any one worker
counts the requests every worker served."""

from prometheus_client.parser import text_string_to_metric_families

from tests.observability.processes import run_django

TOKEN = "a-scraper-token-long-enough-to-guess-never"
SERVE = """
from django.test import Client
for _ in range({count}):
    assert Client(HTTP_HOST="localhost").get("/healthz").status_code == 200
"""
SCRAPE = """
from django.test import Client
print(Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION="Bearer {token}").get("/metrics").content.decode())
"""


def healthz_requests(exposition: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
        if sample.name == "openhour_http_requests_total" and sample.labels.get("route") == "healthz"
    )


def test_a_scrape_sums_the_requests_of_every_worker(tmp_path):
    shared = tmp_path / "prometheus"
    shared.mkdir()
    environment = {"PROMETHEUS_MULTIPROC_DIR": str(shared), "METRICS_TOKEN": TOKEN}

    for count in (3, 4):  # two workers, one after the other, each its own process
        served = run_django(SERVE.format(count=count), var_dir=tmp_path, **environment)
        assert served.returncode == 0, served.stderr
    scraped = run_django(SCRAPE.format(token=TOKEN), var_dir=tmp_path, **environment)

    assert scraped.returncode == 0, scraped.stderr
    assert healthz_requests(scraped.stdout) == 7
    assert len(list(shared.glob("*.db"))) >= 2  # each worker wrote its own file


def test_without_the_shared_folder_a_process_counts_only_its_own(tmp_path):
    served = run_django(SERVE.format(count=3) + SCRAPE.format(token=TOKEN), var_dir=tmp_path, METRICS_TOKEN=TOKEN)

    assert served.returncode == 0, served.stderr
    assert healthz_requests(served.stdout) == 3
