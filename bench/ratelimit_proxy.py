"""How many wrong passwords get through before a 429, with 4 gunicorn workers behind Debian's nginx.

For each counter store — `memory` (each worker counts alone: the old embedded default, for comparison),
`file` (the embedded default now, CACHE_FILE) and `redis` (REDIS_URL, when it answers) — the script starts
gunicorn with 4 workers on a fresh embedded database, nginx in front (`proxy_bind 127.0.0.2`, the one address
in TRUSTED_PROXIES, and `X-Forwarded-For $proxy_add_x_forwarded_for`), then fires from 8 threads at once:

- 40 wrong passwords for one account from one client (127.0.0.6), each with a fresh forged X-Forwarded-For:
  the limit is RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS (5 per 5 minutes);
- 40 wrong passwords for 40 different e-mails from another client (127.0.0.7), forged headers again: the
  limit is RATE_LOGIN_FAILURES_PER_ADDRESS (10 a minute);
- then the owner signs in with the right password from a third client (127.0.0.5): never locked out.

    uv run python bench/ratelimit_proxy.py [--redis-url redis://127.0.0.1:6379/12] [--stores memory,file,redis]
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROXY, OWNER, GUESSER, SPRAYER = "127.0.0.2", "127.0.0.5", "127.0.0.6", "127.0.0.7"
EMAIL, PASSWORD = "owner@example.com", "the-right-passphrase-42"
LOCMEM_SETTINGS = """
from openhour.settings import *  # noqa: F403
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
"""
CONF = """
worker_processes 1;
user root;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://127.0.0.1:{upstream};
      proxy_bind {proxy};
      proxy_set_header Host 127.0.0.1;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on {port}")


def environment(folder: Path, store: str, redis_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "VAR_DIR": str(folder),
        "CACHE_FILE": str(folder / "cache.sqlite3"),
        "TRUSTED_PROXIES": PROXY,
        "DJANGO_SETTINGS_MODULE": "openhour.settings",
    }
    env.pop("REDIS_URL", None)
    env["LOG_LEVEL"] = "ERROR"  # every refused guess would otherwise be a warning line
    if store == "redis":
        env["REDIS_URL"] = redis_url
    if store == "memory":
        (folder / "bench_locmem_settings.py").write_text(LOCMEM_SETTINGS)
        env["DJANGO_SETTINGS_MODULE"] = "bench_locmem_settings"
        env["PYTHONPATH"] = f"{folder}:{ROOT}"
    return env


def prepare(env: dict[str, str]) -> None:
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    code = (
        "from openhour.accounts.models import User; from allauth.account.models import EmailAddress;"
        f"u = User.objects.create_user(username='owner', email='{EMAIL}', password='{PASSWORD}', name='Owner');"
        "EmailAddress.objects.create(user=u, email=u.email, primary=True, verified=True)"
    )
    subprocess.run([*manage, "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    if env.get("REDIS_URL"):
        flush = "from django.core.cache import cache; cache.clear()"
        subprocess.run([*manage, "shell", "-c", flush], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603


def token(port: int, source: str, email: str, password: str, forged: str | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    headers = {"Content-Type": "application/json"} | ({"X-Forwarded-For": forged} if forged else {})
    connection.request(
        "POST", "/api/v1/auth/tokens", json.dumps({"email": email, "password": password, "label": "bench"}), headers
    )
    status = connection.getresponse().status
    connection.close()
    return status


def passed(statuses: list[int]) -> int:
    """Wrong passwords answered 400 (checked and refused) rather than 429 (not even checked)."""
    return sum(1 for status in statuses if status == 400)


def run_store(store: str, redis_url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix=f"openhour-proxy-{store}-") as name:
        folder = Path(name)
        env = environment(folder, store, redis_url)
        prepare(env)
        upstream, port = free_port(), free_port()
        gunicorn = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "openhour.wsgi",
                "--no-control-socket",
                "--workers",
                "4",
                "--bind",
                f"127.0.0.1:{upstream}",
                "--log-level",
                "error",
            ],
            cwd=ROOT,
            env=env,
        )
        (folder / "nginx").mkdir()
        (folder / "nginx" / "nginx.conf").write_text(
            CONF.format(dir=folder / "nginx", port=port, upstream=upstream, proxy=PROXY)
        )
        nginx = subprocess.Popen(  # noqa: S603
            [NGINX, "-c", str(folder / "nginx" / "nginx.conf"), "-p", str(folder / "nginx"), "-g", "daemon off;"]
        )
        try:
            wait_for(upstream)
            wait_for(port)
            token(port, OWNER, "warm-up@example.com", "x")  # every worker imports the app before the burst
            with ThreadPoolExecutor(8) as pool:
                guessed = list(pool.map(lambda n: token(port, GUESSER, EMAIL, "wrong", f"198.51.100.{n}"), range(40)))
                sprayed = list(
                    pool.map(lambda n: token(port, SPRAYER, f"x{n}@example.com", "wrong", f"203.0.113.{n}"), range(40))
                )
            owner = token(port, OWNER, EMAIL, PASSWORD)
        finally:
            nginx.terminate()
            gunicorn.terminate()
            nginx.wait(timeout=10)
            gunicorn.wait(timeout=30)
    return {
        "one account, one client": passed(guessed),
        "many accounts, one client": passed(sprayed),
        "owner's right password": owner,
    }


def redis_answers(url: str) -> bool:
    try:
        import redis

        redis.Redis.from_url(url).ping()
        return True
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
    parser.add_argument("--stores", default="memory,file,redis")
    args = parser.parse_args()
    if not Path(NGINX).exists():
        sys.exit("needs Debian's nginx (apt-get install -y nginx-light)")
    stores = [s for s in args.stores.split(",") if s != "redis" or redis_answers(args.redis_url)]
    print("wrong passwords that got through before 429, 4 gunicorn workers behind nginx, 8 threads at once")
    print("(limits: 5 per account and client, 10 per client; forged X-Forwarded-For on every guess)")
    for store in stores:
        result = run_store(store, args.redis_url)
        print(f"  {store:7s}", "   ".join(f"{what}: {value}" for what, value in result.items()))


if __name__ == "__main__":
    main()
