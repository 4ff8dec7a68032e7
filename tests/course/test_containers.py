"""The container files are on paper (containers cannot run here): check what they name exists.

Neither file is built or run by the tests. What can go stale without Docker is checked: every path
the Dockerfile copies, the command it starts, and that compose's services use those files.
"""

import shlex

import yaml

from course_helpers.scale_out import main as print_nginx_config
from course_helpers.servers import APPS
from penguin_model.data import REPO_ROOT

DOCKER = REPO_ROOT / "deploy" / "docker"


def instructions(dockerfile):
    """``(instruction, arguments)`` for each line of a Dockerfile that is not a comment."""
    lines = [line.strip() for line in dockerfile.read_text(encoding="utf-8").splitlines()]
    return [tuple(line.split(maxsplit=1)) for line in lines if line and not line.startswith("#")]


def test_the_pins_are_installed_before_the_code_is_copied():
    """So that editing code does not reinstall every package (a layer Docker can keep)."""
    steps = [name + " " + arguments for name, arguments in instructions(DOCKER / "Dockerfile")]
    pins = next(index for index, step in enumerate(steps) if "pip install -r" in step)
    code = next(index for index, step in enumerate(steps) if step.startswith("COPY src/"))
    assert pins < code


def test_every_path_the_dockerfile_copies_exists():
    dockerfile = instructions(DOCKER / "Dockerfile")
    copies = [arguments.split()[:-1] for name, arguments in dockerfile if name == "COPY"]
    sources = [source for sources in copies for source in sources]
    assert "requirements.txt" in sources
    assert [source for source in sources if not (REPO_ROOT / source).exists()] == []


def test_the_image_starts_the_courses_serve_command():
    (command,) = [arguments for name, arguments in instructions(DOCKER / "Dockerfile") if name == "CMD"]
    words = yaml.safe_load(command)  # the JSON form: an exec command, so the server gets Docker's signals
    assert words[:3] == ["python", "-m", "course_helpers.serve"] and words[3] in APPS
    assert ("USER", "penguin") in instructions(DOCKER / "Dockerfile"), "the server must not run as root"


def test_compose_publishes_only_nginx():
    """The apps' sync gunicorn workers are reached through nginx only, which buffers slow clients."""
    services = yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))["services"]
    assert [name for name, service in services.items() if "ports" in service] == ["nginx"]


def test_compose_builds_that_image_and_keeps_secrets_out_of_the_file():
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    for name in ("flask", "django"):
        build = services[name]["build"]
        image_file = DOCKER / build["context"] / build["dockerfile"]
        assert image_file.resolve() == (DOCKER / "Dockerfile").resolve()
    assert services["django"]["command"][:4] == ["python", "-m", "course_helpers.serve", "django"]
    environment = services["django"]["environment"]
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    assert "${POSTGRES_PASSWORD:?" in environment["DJANGO_DATABASE_URL"]


def test_the_nginx_config_compose_mounts_is_the_courses_filled_in(capsys):
    """The command in compose.yaml's comment prints deploy/nginx/penguin.conf with the service's address."""
    arguments = ["--listen", "0.0.0.0:443", "--listen-http", "0.0.0.0:80", "--instance", "flask:8000",
                 "--access-log", "/dev/stdout"]
    command = f"python -m course_helpers.scale_out {shlex.join(arguments)} > deploy/docker/nginx.conf"
    assert command in (DOCKER / "compose.yaml").read_text(encoding="utf-8")
    print_nginx_config(arguments)
    config = capsys.readouterr().out
    assert "server flask:8000 " in config
    assert "listen 0.0.0.0:443 ssl;" in config and "listen 0.0.0.0:80;" in config
    assert "access_log /dev/stdout penguin;" in config
