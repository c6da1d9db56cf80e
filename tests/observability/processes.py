"""Running a few lines of Python in a fresh process with the project's settings: what an environment variable
read at start-up changes is only seen in a process that starts with it."""

import os
import subprocess  # nosec B404 -- runs this project's own Python with a fixed script
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INHERITED = ("PATH", "HOME", "LANG", "VIRTUAL_ENV")


def run_django(script: str, *, var_dir: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """`script` runs after `django.setup()` on an embedded database of its own under `var_dir`."""
    env = {key: value for key, value in os.environ.items() if key in INHERITED}
    env |= {"DJANGO_SETTINGS_MODULE": "openhour.settings", "VAR_DIR": str(var_dir), **environment}
    prelude = "import django\ndjango.setup()\n"
    return subprocess.run(  # noqa: S603  # nosec B603 -- fixed interpreter, no shell
        [sys.executable, "-c", prelude + script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
