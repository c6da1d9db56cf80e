"""A web process starts without the review checks' heavy libraries: a gunicorn worker on a busy two-core host must
answer its first request well inside its timeout, so scipy (through datasketch), scikit-learn, the tokenizer,
numpy and Stripe's client load only where they are used, in the task worker or on first use."""

import json
import os
import subprocess
import sys

HEAVY = ("scipy", "datasketch", "sklearn", "tokenizers", "numpy", "stripe", "weasyprint")

LOAD_THE_SITE = """
import json, sys
import django
django.setup()
import openhour.urls, openhour.wsgi
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {heavy!r})))
"""


def test_the_web_process_loads_no_heavy_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "openhour.settings"}
    script = LOAD_THE_SITE.format(heavy=set(HEAVY))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)  # noqa: S603

    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
