"""gunicorn settings for openhour: `gunicorn -c deploy/gunicorn.conf.py` (the app is named below).

Every value can be tuned from the environment the web process runs in (deploy/openhour.env.example), so the
same file serves systemd, supervisor and the container image.
"""

import multiprocessing
import os

wsgi_app = "openhour.wsgi:application"

# nginx (or Caddy) on this host talks to gunicorn over loopback; nothing else should reach it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Load Django once in the master and fork: faster restarts of workers, less memory per worker.
preload_app = True
# A page that calls Stripe may wait STRIPE_TIMEOUT_SECONDS (30 s): kill a worker only well after that.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On SIGTERM (a deploy, a stop), requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5  # seconds an idle connection from the proxy stays open
# Recycle workers now and then, so a slow leak in a dependency never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# No ~/.gunicorn control socket: the process manager (systemd, supervisor, the container) controls gunicorn.
control_socket_disable = True

# Believe X-Forwarded-Proto only from the proxy that openhour trusts for X-Forwarded-For (TRUSTED_PROXIES);
# a proxy count ("1") names no address, so then loopback, where the proxy of these files listens.
_proxies = os.environ.get("TRUSTED_PROXIES", "")
forwarded_allow_ips = "127.0.0.1,::1" if not _proxies or _proxies.strip().isdigit() else _proxies

# Logs to stdout/stderr: the process manager stores them (journald, /var/log/openhour, docker logs).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The client is the address nginx saw (it overwrites X-Forwarded-For), then the usual combined fields and the
# time taken in milliseconds.
access_log_format = '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


def on_starting(server: object) -> None:
    """Metrics of all workers add up through files in PROMETHEUS_MULTIPROC_DIR: start from an empty folder, so
    counts from before a restart are not read as this run's."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.endswith(".db"):
            os.remove(os.path.join(folder, name))


def child_exit(server: object, worker: object) -> None:
    """A worker that exits leaves its Prometheus gauge files behind unless they are marked dead."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    try:
        from prometheus_client import multiprocess
    except ImportError:  # metrics are optional: no client, nothing to clean
        return
    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
