"""The production kit in deploy/ holds together: the same four programs under supervisor, systemd and compose,
each running a command this version has; nginx, Caddy and systemd accept their files; the settings the
operator fills in are ones openhour reads. `make prod-check` runs the kit for real."""

import configparser
import json
import re
import runpy
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PROGRAMS = {"web", "worker", "timers", "payouts"}
# What each program must run: the web is gunicorn with the kit's config, the others manage.py commands.
EXPECTED = {
    "web": {"gunicorn"},
    "worker": {"run_worker"},
    "timers": {"run_timers"},
    "payouts": {"run_payouts"},
}
GUNICORN = ["gunicorn", "-c", "deploy/gunicorn.conf.py"]


def what_it_runs(argv: list[str]) -> str:
    """The manage.py command an argv runs, or "gunicorn" when it starts the web server with the kit's config."""
    argv = [arg for arg in argv if not arg.endswith("/run-with-env")]
    names = [Path(arg).name for arg in argv]
    if names and names[0] == "gunicorn":
        assert argv[1:3] == ["-c", argv[2]] and argv[2].endswith("deploy/gunicorn.conf.py"), argv
        return "gunicorn"
    assert "manage.py" in names, f"neither gunicorn nor manage.py: {argv}"
    return names[names.index("manage.py") + 1]


def supervisor_programs() -> dict[str, list[str]]:
    parser = configparser.RawConfigParser(inline_comment_prefixes=(";",))
    parser.read(DEPLOY / "supervisor-openhour.conf")
    programs = {s.removeprefix("program:"): parser[s] for s in parser.sections() if s.startswith("program:")}
    for name, section in programs.items():
        assert section["autorestart"] == "true", name
        assert int(section["startretries"]) >= 3, name  # supervisor backs off between these
    assert parser["group:openhour"]["programs"].split(",") == list(programs)
    return {name: shlex.split(section["command"]) for name, section in programs.items()}


def systemd_programs() -> dict[str, list[str]]:
    programs = {}
    for unit in sorted((DEPLOY / "systemd").glob("openhour-*.service")):
        parser = configparser.RawConfigParser(strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        parser.read(unit)
        service = parser["Service"]
        if service.get("Type") == "oneshot":
            continue  # a job its timer starts (the backup), not a program that runs all the time
        assert service["Restart"] == "always", unit.name
        assert service["RestartSec"], unit.name
        assert parser["Unit"]["StartLimitIntervalSec"] == "0", unit.name  # never gives up restarting
        assert service["EnvironmentFile"] == "/etc/openhour/openhour.env", unit.name
        programs[unit.stem.removeprefix("openhour-")] = shlex.split(service["ExecStart"])
    return programs


def compose_file() -> dict:
    text = (DEPLOY / "compose.yaml").read_text()
    try:
        import yaml
    except ImportError:  # without a YAML parser, the services' commands read as text
        return {"services": _services_from_text(text)}
    return yaml.safe_load(text)


def _services_from_text(text: str) -> dict:
    services: dict[str, dict] = {}
    body = text.split("\nservices:\n", 1)[1].split("\nvolumes:\n", 1)[0]
    for block in re.split(r"\n(?=  [a-z]+:\n)", "\n" + body):
        name = re.match(r"\s*([a-z]+):", block)
        command = re.search(r"^    command: (\[.*\])$", block, re.M)
        restart = re.search(r'^    restart: "?([a-z-]+)"?$', block, re.M)
        if name:
            services[name.group(1)] = {
                "command": json.loads(command.group(1)) if command else None,
                "restart": restart.group(1) if restart else "unless-stopped",
            }
    return services


def compose_programs() -> dict[str, list[str]]:
    services = compose_file()["services"]
    return {
        name: service["command"]
        for name, service in services.items()
        if service.get("restart") != "no" and name not in {"nginx", "postgres", "redis"}
    }


@pytest.mark.parametrize("programs", [supervisor_programs, systemd_programs, compose_programs])
def test_the_same_four_programs_run_commands_this_version_has(programs):
    found = programs()
    commands = get_commands()
    assert set(found) == PROGRAMS
    for name, argv in found.items():
        runs = what_it_runs(argv)
        assert runs in EXPECTED[name], (name, argv)
        assert runs == "gunicorn" or runs in commands, f"{name} runs manage.py {runs}, which does not exist"


def test_the_image_serves_gunicorn_with_the_kits_config():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert f"CMD {GUNICORN}".replace("'", '"') in dockerfile
    assert "uv sync --frozen --no-dev" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER openhour$", dockerfile, re.M)  # never root at run time
    assert compose_file()["services"]["web"]["command"] == GUNICORN


def test_compose_has_the_services_of_the_tested_layout():
    services = compose_file()["services"]
    assert {"web", "worker", "timers", "payouts", "postgres", "redis", "nginx"} <= set(services)
    assert services["setup"]["command"][-1].startswith("python manage.py migrate --noinput")


def test_gunicorn_config_preloads_trusts_the_proxy_and_cleans_metrics(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    assert config["control_socket_disable"] is True
    assert config["forwarded_allow_ips"] == "10.0.0.5"  # gunicorn believes X-Forwarded-Proto from the same proxy
    assert config["timeout"] > 30  # longer than STRIPE_TIMEOUT_SECONDS
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["forwarded_allow_ips"] == "127.0.0.1,::1"

    # Counts from before a restart are not read as this run's: gunicorn starts from an empty folder.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    (tmp_path / "counter_999.db").write_bytes(b"")
    config["on_starting"](server=None)
    assert list(tmp_path.iterdir()) == []
    # A worker that exits leaves its live gauges behind unless marked dead: the hook removes them.
    (tmp_path / "gauge_livesum_4242.db").write_bytes(b"")
    (tmp_path / "gauge_livesum_4343.db").write_bytes(b"")
    config["child_exit"](server=None, worker=type("Worker", (), {"pid": 4242})())
    assert sorted(path.name for path in tmp_path.iterdir()) == ["gauge_livesum_4343.db"]


def test_proxies_set_forwarded_headers_rather_than_append_them():
    nginx = (DEPLOY / "nginx-site.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in nginx
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    assert "$proxy_add_x_forwarded_for" not in nginx  # that would pass on whatever the client wrote
    caddy = (DEPLOY / "Caddyfile").read_text()
    assert "header_up X-Forwarded-For {remote_host}" in caddy


def test_proxies_let_the_largest_request_through():
    env = env_example()
    largest = int(env["REQUEST_MAX_BYTES"])
    assert largest == 11 * int(env["UPLOAD_MAX_BYTES"])  # the default, written out
    nginx_mb = int(re.search(r"client_max_body_size (\d+)m;", (DEPLOY / "nginx-site.conf").read_text())[1])
    caddy_mib = int(re.search(r"max_size (\d+)MiB", (DEPLOY / "Caddyfile").read_text())[1])
    assert nginx_mb * 1024 * 1024 > largest
    assert caddy_mib * 1024 * 1024 > largest  # MB would be 1000 x 1000


def env_example() -> dict[str, str]:
    lines = (DEPLOY / "openhour.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_env_example_names_only_settings_openhour_reads():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, re.M))
    kit = {"GUNICORN_BIND", "GUNICORN_TIMEOUT", "WEB_CONCURRENCY", "PROMETHEUS_MULTIPROC_DIR"}  # gunicorn.conf.py
    text = (DEPLOY / "openhour.env.example").read_text()
    named = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", text, re.M))
    assert named - documented - kit == set()
    assert {"DEBUG", "SECRET_KEY", "SITE_URL", "DATABASE_URL", "REDIS_URL", "TRUSTED_PROXIES", "EMAIL_HOST"} <= set(
        env_example()
    )
    assert env_example()["DEBUG"] == "false"
    assert env_example()["PRIVATE_FILES_SERVE"] == "x-accel"


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603 -- the machine's own tools


def self_signed(directory: Path) -> None:
    key, certificate = str(directory / "privkey.pem"), str(directory / "fullchain.pem")
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
    assert run([*openssl, "-keyout", key, "-out", certificate]).returncode == 0


def nginx_binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


@pytest.mark.skipif(nginx_binary() is None or shutil.which("openssl") is None, reason="needs nginx and openssl")
def test_nginx_accepts_the_site_file(tmp_path):
    self_signed(tmp_path)
    site = (DEPLOY / "nginx-site.conf").read_text()
    site = site.replace("/etc/ssl/openhour/", f"{tmp_path}/").replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n include {tmp_path}/site.conf;\n}}\n"
    )
    nginx = [str(nginx_binary()), "-q", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)]
    result = run(nginx)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("caddy") is None or shutil.which("openssl") is None, reason="needs caddy")
def test_caddy_accepts_the_caddyfile(tmp_path):
    self_signed(tmp_path)
    caddyfile = (DEPLOY / "Caddyfile").read_text()
    caddyfile = caddyfile.replace("/etc/ssl/openhour/", f"{tmp_path}/").replace("/var/log/caddy/", f"{tmp_path}/")
    (tmp_path / "Caddyfile").write_text(caddyfile)
    caddy = ["caddy", "validate", "--adapter", "caddyfile", "--config", str(tmp_path / "Caddyfile")]
    result = run(caddy)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_units(tmp_path):
    (tmp_path / "openhour.env").write_text("")
    units = sorted((DEPLOY / "systemd").iterdir())
    for unit in units:  # where the kit's paths point on this checkout
        text = unit.read_text().replace("/etc/openhour/openhour.env", str(tmp_path / "openhour.env"))
        (tmp_path / unit.name).write_text(text.replace("/srv/openhour", str(ROOT)))
    verify = ["systemd-analyze", "verify", *(str(tmp_path / unit.name) for unit in units)]
    result = run(verify)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_prod_check_is_a_make_target():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^prod-check: setup\n\ttimeout .* deploy/prod-check\.sh$", makefile, re.M)
    assert "prod-check" in makefile.split(".PHONY:", 1)[1].splitlines()[0]


def test_a_timer_backs_up_daily_with_a_command_this_version_has():
    service = configparser.RawConfigParser(strict=False)
    service.read(DEPLOY / "systemd" / "openhour-backup.service")
    timer = configparser.RawConfigParser(strict=False)
    timer.read(DEPLOY / "systemd" / "openhour-backup.timer")
    argv = shlex.split(service["Service"]["ExecStart"])

    assert argv[1:4] == ["manage.py", "backup", "--to"] and "backup" in get_commands()
    assert service["Service"]["ReadWritePaths"] == argv[4]  # the one place the hardened unit may write
    assert timer["Timer"]["OnCalendar"].endswith("03:00:00") and timer["Timer"]["Persistent"] == "true"
