"""The container files, on paper: containers cannot run here, so these tests read the files and check
each property deploy/docker/README.md promises, one test per property.

Nothing here builds an image or starts a container. What can be run without Docker is run: the
runtime requirements against the imports of the apps, the one-off `migrate` job's command, the nginx
configuration (by the course's nginx, which predates one word of it), and the database roles' script
(against the course's throwaway PostgreSQL server).
"""

import ast
import importlib.metadata
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings as django_settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from course_helpers.environment import SUPPORTED_PYTHON, pinned_requirements
from course_helpers.scale_out import main as print_nginx_config
from course_helpers.scale_out import nginx_program
from course_helpers.servers import APPS, STREAMLIT_SERVERS, server_command
from course_helpers.wsgi_servers import WSGI_SERVERS
from penguin_model.data import REPO_ROOT
from penguin_model.persistence import MANIFEST_FILE
from tests.support.django_project import manage, project_environment
from tests.support.needs import posix_only, unavailable

DOCKER = REPO_ROOT / "deploy" / "docker"
RUNTIME_REQUIREMENTS = REPO_ROOT / "requirements-runtime.txt"
COURSE_TOOLS = ("jupyterlab", "ipykernel", "matplotlib", "pytest", "nbval", "locust", "ruff")
# open-source nginx accepts `resolve` on an upstream's server lines from this version on (its CHANGES)
NGINX_RESOLVE_SINCE = Version("1.27.3")
# PostgreSQL's images keep their data below /var/lib/postgresql from 18 on (docker-library/postgres#1259)
POSTGRES_NEW_LAYOUT_SINCE = 18
SECRETS_FOLDER = "/run/secrets/"
DATA_FOLDER = "/var/lib/penguin"  # the app user's one writable folder in the image


# --- Reading the files ------------------------------------------------------------------------------

def dockerfile_stages(path=DOCKER / "Dockerfile"):
    """``{stage: [(INSTRUCTION, arguments), ...]}`` in order; continued lines joined, comments left out."""
    stages, current, pending = {}, None, ""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        pending += stripped.removesuffix("\\").strip() + " "
        if stripped.endswith("\\"):
            continue
        instruction, _, arguments = pending.strip().partition(" ")
        pending = ""
        if instruction.upper() == "FROM":
            current = arguments.split(" AS ")[-1].strip() if " AS " in arguments else arguments
            stages[current] = []
        if current is None:  # an ARG before the first FROM
            stages.setdefault("", []).append((instruction.upper(), arguments))
        else:
            stages[current].append((instruction.upper(), arguments))
    return stages


def runtime_stage():
    stages = dockerfile_stages()
    return stages[list(stages)[-1]]


def compose():
    return yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))


def services():
    return compose()["services"]


def course_image_services():
    """The services that run the course's image (built from the Dockerfile)."""
    return {name: service for name, service in services().items() if "build" in service}


def run_commands(stage):
    return [arguments for instruction, arguments in stage if instruction == "RUN"]


def dockerignore_patterns():
    lines = (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _glob(pattern):
    """Docker's pattern as a regular expression: * and ? within one folder, ** across folders."""
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", pattern.strip("/"))
    wildcards = {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wildcards.get(part, re.escape(part)) for part in parts))


def left_out_of_the_build(path):
    """Whether .dockerignore keeps ``path`` (relative, with /) out of the build context, as Docker does:
    the last pattern that matches the path or a folder above it decides; `!` lets it back in."""
    parts = path.split("/")
    left_out = False
    for pattern in dockerignore_patterns():
        regex = _glob(pattern.removeprefix("!"))
        if any(regex.fullmatch("/".join(parts[:end])) for end in range(1, len(parts) + 1)):
            left_out = not pattern.startswith("!")
    return left_out


# --- The runtime requirements -----------------------------------------------------------------------

def test_the_image_installs_the_runtime_requirements_and_no_course_tool():
    """A careless copy installs requirements.txt: JupyterLab, pytest, locust and matplotlib in every image."""
    build = dockerfile_stages()["build"]
    copied = [arguments.split()[0] for instruction, arguments in build if instruction == "COPY"]
    assert "requirements-runtime.txt" in copied and "requirements.txt" not in copied
    assert any("--requirement /tmp/requirements-runtime.txt" in command for command in run_commands(build))
    names = {canonicalize_name(requirement.name) for requirement in pinned_requirements(RUNTIME_REQUIREMENTS)}
    assert names.isdisjoint(COURSE_TOOLS)


def test_requirements_txt_includes_the_runtime_pins_so_each_pin_has_one_source():
    """A pin retyped in both files drifts: students and the image would then run different versions."""
    lines = (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.split(" #")[0].strip() == "-r requirements-runtime.txt" for line in lines)
    runtime = [requirement.name for requirement in pinned_requirements(RUNTIME_REQUIREMENTS)]
    everything = [requirement.name for requirement in pinned_requirements(REPO_ROOT / "requirements.txt")]
    assert sorted(set(runtime)) == sorted(runtime), "a package pinned twice in requirements-runtime.txt"
    assert len(everything) == len(set(everything)), "a package pinned in both files"
    assert set(runtime) <= set(everything)


def _imports(path):
    """``(module, level)`` for each import statement in the file, wherever it stands."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


def _module_file(name, folders):
    parts = name.split(".")
    for folder in folders:
        for end in range(len(parts), 0, -1):
            base = folder.joinpath(*parts[:end])
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file():
                    return candidate
    return None


def imported_at_run_time():
    """The top-level names of the third-party modules the apps import, and the course's modules they
    import in turn (following src/ and each app's own modules; every import counts, even in a function)."""
    starts = [(path, [app, REPO_ROOT / "apps"]) for app in (REPO_ROOT / "apps").iterdir() if app.is_dir()
              for path in app.rglob("*.py")]
    helpers = REPO_ROOT / "src" / "course_helpers"
    starts += [(helpers / name, []) for name in ("serve.py", "gunicorn_config.py")]
    seen, third_party = set(), set()
    while starts:
        path, folders = starts.pop()
        if path in seen:
            continue
        seen.add(path)
        for name, level in _imports(path):
            if level:  # from . import x: a module of the same package
                package = path.parents[level - 1]
                found = _module_file(name, [package]) if name else package / "__init__.py"
            elif name.split(".")[0] in sys.stdlib_module_names:
                continue
            else:
                found = _module_file(name, [REPO_ROOT / "src", *folders])
            if found:
                starts.append((found, folders))
            elif not level:
                third_party.add(name.split(".")[0])
    return third_party


def named_at_run_time():
    """Modules nobody imports by name in the code but that run: the servers (``python -m``), what Django's
    settings list by dotted path, and PostgreSQL's driver, which Django loads for compose's database."""
    commands = [server_command(app, 8000, wsgi_server=server) for app in ("flask", "django")
                for server in WSGI_SERVERS]
    commands += [server_command("streamlit", 8000, streamlit_server=server) for server in STREAMLIT_SERVERS]
    commands += [server_command("fastapi", 8000)]
    servers = {command[command.index("-m") + 1] for command in commands}
    dotted = [*django_settings.INSTALLED_APPS, *django_settings.MIDDLEWARE,
              *django_settings.AUTHENTICATION_BACKENDS]
    django_project = REPO_ROOT / "apps" / "django_demo"
    third_party = {path.split(".")[0] for path in dotted if not _module_file(path, [django_project])}
    return servers | third_party | {"psycopg"}


def distributions_installed_by(requirements):
    """The distributions (canonical names) that installing ``requirements`` brings, dependencies included,
    read from this environment's metadata (extras and markers honoured)."""
    pending = [(requirement.name, frozenset(requirement.extras)) for requirement in requirements
               if not requirement.marker or requirement.marker.evaluate()]
    found = set()
    while pending:
        name, extras = pending.pop()
        if (canonicalize_name(name), extras) in found:
            continue
        found.add((canonicalize_name(name), extras))
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            environments = [{"extra": extra} for extra in extras or {""}]
            if requirement.marker is None or any(map(requirement.marker.evaluate, environments)):
                pending.append((requirement.name, frozenset(requirement.extras)))
    return {name for name, _ in found}


def test_every_module_the_servers_load_comes_with_the_runtime_requirements():
    """A runtime list cut too short builds an image whose servers fail at start, or at the first request
    that reaches a lazy import. Checked statically (a fresh virtual environment per test run is too slow
    for `make test`): every module the apps and src/ import, and every module named by the servers'
    commands and Django's settings, belongs to a package requirements-runtime.txt installs."""
    installed = distributions_installed_by(pinned_requirements(RUNTIME_REQUIREMENTS))
    owners = importlib.metadata.packages_distributions()
    modules = imported_at_run_time() | named_at_run_time()
    assert {"sklearn", "flask", "django", "gunicorn", "psycopg", "whitenoise"} <= modules  # the walk works
    missing = {module: owners.get(module) for module in modules
               if not {canonicalize_name(owner) for owner in owners.get(module, [])} & installed}
    assert missing == {}, "add these modules' packages to requirements-runtime.txt"


# --- The image --------------------------------------------------------------------------------------

def test_the_build_has_a_build_stage_and_a_slim_runtime_stage():
    """One stage ships the compiler and pip's work files; the runtime stage copies only the installed
    packages out of the build stage."""
    stages = dockerfile_stages()
    names = [name for name in stages if name]
    assert names == ["build", "runtime"]
    assert any("build-essential" in command for command in run_commands(stages["build"]))
    runtime = stages["runtime"]
    installs = [command for command in run_commands(runtime) if re.search(r"apt-get install|\bpip ", command)]
    assert installs == []
    assert ("COPY", "--from=build /opt/venv /opt/venv") in runtime
    (base,) = [arguments for instruction, arguments in runtime if instruction == "FROM"]
    assert base.startswith("${PYTHON_IMAGE}")


def test_the_server_runs_as_a_user_without_privileges():
    """Without USER, the server runs as root: a hole in an app becomes a root shell in the container."""
    runtime = runtime_stage()
    users = [arguments for instruction, arguments in runtime if instruction == "USER"]
    assert users and users[-1] not in {"root", "0"}
    last_user = max(index for index, (instruction, _) in enumerate(runtime) if instruction == "USER")
    cmd = max(index for index, (instruction, _) in enumerate(runtime) if instruction == "CMD")
    assert last_user < cmd
    assert any(f"useradd --system --uid 10001 --user-group --no-create-home --home-dir {DATA_FOLDER} "
               f"{users[-1]}" in command for command in run_commands(runtime))


def test_the_image_starts_the_courses_serve_command_in_exec_form():
    """In shell form, /bin/sh is the main process and the server never receives Docker's stop signal."""
    (command,) = [arguments for instruction, arguments in runtime_stage() if instruction == "CMD"]
    words = yaml.safe_load(command)  # the JSON form
    assert words[:3] == ["python", "-m", "course_helpers.serve"] and words[3] in APPS


def test_every_path_the_image_copies_exists_and_is_let_into_the_build():
    """A COPY of a path .dockerignore leaves out fails the build; one of a missing path too."""
    sources = []
    for stage in dockerfile_stages().values():
        for instruction, arguments in stage:
            if instruction == "COPY" and not arguments.startswith("--from"):
                sources += arguments.split()[:-1]
    assert sources
    assert [source for source in sources if not (REPO_ROOT / source).exists()] == []
    assert [source for source in sources if left_out_of_the_build(source.rstrip("/") + "/x")
            and left_out_of_the_build(source.rstrip("/"))] == []


def test_the_dockerignore_keeps_local_state_out_of_the_build():
    """Without it, a local db.sqlite3 full of predictions, the virtualenv, git's history, a model trained
    on a laptop and the notebooks' outputs all go to the builder, and a careless COPY into the image."""
    for path in ("apps/django_demo/db.sqlite3", "apps/django_demo/db.sqlite3-wal", ".venv/bin/python",
                 ".git/config", "models/current.txt", "models/releases/1.0.0-3f2a9c1e/manifest.json",
                 "notebooks/01_train.ipynb", "var/tls/server.key", "tests/.pytest_cache/v/x", ".env",
                 "deploy/docker/secrets/django_secret_key", "src/penguin_model/__pycache__/data.pyc",
                 "apps/django_demo/staticfiles/admin/css/base.css", "bench/results/run.json"):
        assert left_out_of_the_build(path), path
    for path in ("src/penguin_model/releases.py", "apps/flask_demo/api.py", "requirements-runtime.txt",
                 "docs/openapi.yaml", "data/penguins.csv"):
        assert not left_out_of_the_build(path), path


def test_the_model_is_promoted_by_checksum_and_never_trained_in_the_build():
    """Training at build time serves a model nobody evaluated, different at every build. The image takes
    one release, by name, and refuses it unless its manifest has the checksum given and every file
    matches the manifest (switch_release loads it by both paths before making it current)."""
    runtime = runtime_stage()
    everything = [arguments for stage in dockerfile_stages().values() for _, arguments in stage]
    training = re.compile(r"penguin_model\.train|make model")
    assert not [arguments for arguments in everything if training.search(arguments)]
    assert ("ARG", "MODEL_RELEASE") in runtime and ("ARG", "MODEL_MANIFEST_SHA256") in runtime
    assert ("COPY", "--from=model . models/releases/${MODEL_RELEASE}/") in runtime
    (promote,) = [command for command in run_commands(runtime) if "switch_release" in command]
    assert f'"$MODEL_MANIFEST_SHA256  models/releases/$MODEL_RELEASE/{MANIFEST_FILE}"' in promote
    assert "sha256sum --check --strict" in promote
    assert promote.index("sha256sum") < promote.index("switch_release")
    for service in course_image_services().values():
        build = service["build"]
        assert build["additional_contexts"]["model"].startswith("../../models/releases/${MODEL_RELEASE:?")
        assert set(build["args"]) == {"MODEL_RELEASE", "MODEL_MANIFEST_SHA256"}
        dockerfile = DOCKER / build["context"] / build["dockerfile"]
        assert dockerfile.resolve() == (DOCKER / "Dockerfile").resolve()


def test_the_writable_volume_belongs_to_the_apps_user():
    """A volume on a folder root owns leaves SQLite and collectstatic unable to write as the app's user.
    A new named volume takes the owner of the image's folder it is mounted on: the image makes it."""
    runtime = runtime_stage()
    (user,) = {arguments for instruction, arguments in runtime if instruction == "USER"}
    assert any(f"chown -R {user}:{user} {DATA_FOLDER}" in command for command in run_commands(runtime))
    environment = " ".join(arguments for instruction, arguments in runtime if instruction == "ENV")
    assert f"DJANGO_DB_PATH={DATA_FOLDER}/" in environment
    assert f"DJANGO_STATIC_ROOT={DATA_FOLDER}/static" in environment
    mounts = [volume for service in course_image_services().values() for volume in service.get("volumes", [])]
    assert mounts and all(volume.split(":")[1].startswith(DATA_FOLDER) for volume in mounts)
    writable = [volume for volume in services()["migrate"]["volumes"] if not volume.endswith(":ro")]
    assert writable == [f"static:{DATA_FOLDER}/static"]


# --- compose.yaml -----------------------------------------------------------------------------------

def test_migrate_is_a_one_off_job_the_servers_wait_for():
    """Each replica migrating at start races the others; servers started before migration fail requests."""
    jobs = services()
    migrate, django = jobs["migrate"], jobs["django"]
    assert migrate["command"] == ["python", "-m", "course_helpers.serve", "django", "--prepare-only"]
    assert migrate["restart"] == "no"
    assert django["command"][-1] == "--no-prepare"
    assert django["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert migrate["depends_on"]["db"] == {"condition": "service_healthy"}


def test_the_prepare_only_command_migrates_and_exits(tmp_path):
    """The job's command exists and does the job: it migrates, collects the static files, and exits 0."""
    database = tmp_path / "history.sqlite3"
    environment = project_environment(DJANGO_SETTINGS_MODULE="config.settings_production",
                                      DJANGO_SECRET_KEY="a-key-for-this-test-only-" + "x" * 40,
                                      DJANGO_DB_PATH=str(database),
                                      DJANGO_STATIC_ROOT=str(tmp_path / "static"))
    done = subprocess.run([sys.executable, "-m", "course_helpers.serve", "django", "--prepare-only"],
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert database.stat().st_size > 0 and (tmp_path / "static" / "admin").is_dir()
    shown = manage("showmigrations", "--plan", environment=environment)
    assert "[ ]" not in shown.stdout and "[X]" in shown.stdout


def test_long_running_services_restart_and_are_health_checked():
    """Without `restart:` a crashed server stays down; without a healthcheck, nginx and compose send
    requests to an instance whose database is gone."""
    for name in ("db", "django", "nginx"):
        service = services()[name]
        assert service["restart"] in {"unless-stopped", "always", "on-failure"}, name
        assert service["healthcheck"]["test"][0] == "CMD", name
    django = services()["django"]
    port = django["command"][django["command"].index("--port") + 1]
    test = django["healthcheck"]["test"]
    assert test[1] == "python", "the slim image has Python, not curl"
    assert f"'http://127.0.0.1:{port}/api/ready'" in test[-1]  # readiness: the database answers too
    assert services()["nginx"]["depends_on"]["django"] == {"condition": "service_healthy"}
    # The probe speaks plain HTTP: the production settings must not redirect it to HTTPS.
    production = (REPO_ROOT / "apps" / "django_demo" / "config" / "settings_production.py").read_text()
    assert 'r"^api/ready$"' in production.split("SECURE_REDIRECT_EXEMPT =")[1].splitlines()[0]


def test_only_nginx_is_published():
    """The apps' sync gunicorn workers are reached through nginx only, which buffers slow clients."""
    assert [name for name, service in services().items() if "ports" in service] == ["nginx"]


def test_the_servers_believe_forwarded_headers_from_nginx_only():
    """In containers nginx is not 127.0.0.1: trusting nobody logs every client as nginx and loses the
    scheme; trusting a whole network lets any container there forge a client's address."""
    nginx = services()["nginx"]["networks"]["backend"]["ipv4_address"]
    environment = services()["django"]["environment"]
    assert environment["PENGUIN_TRUSTED_PROXIES"] == environment["FORWARDED_ALLOW_IPS"] == nginx


def test_secrets_reach_the_containers_as_files_never_as_variables():
    """A password in an environment variable shows in `docker inspect` and every child process's
    environment; compose's secrets are files under /run/secrets/, read by *_FILE variables."""
    declared = compose()["secrets"]
    for name, service in services().items():
        for variable, value in (service.get("environment") or {}).items():
            value = str(value)
            if variable.endswith("_FILE"):
                secret = value.removeprefix(SECRETS_FOLDER)
                assert value.startswith(SECRETS_FOLDER) and secret in service["secrets"], (name, variable)
            else:
                assert not re.search(r"PASSWORD|SECRET|KEY", variable), (name, variable)
                assert urlsplit(value).password is None, (name, variable)
    for secret in declared.values():
        path = DOCKER / secret["file"]
        ignored = subprocess.run(["git", "check-ignore", "--quiet", "--no-index", str(path)], cwd=REPO_ROOT)
        assert path.parent == DOCKER / "secrets" and ignored.returncode == 0, "secrets stay out of git"


def test_the_servers_connect_as_the_least_privileged_role_and_migrate_as_the_owner():
    """Connected as the superuser (the image's POSTGRES_USER), a hole in the app owns the whole server."""
    jobs = services()
    assert urlsplit(jobs["django"]["environment"]["DJANGO_DATABASE_URL"]).username == "penguin_app"
    assert urlsplit(jobs["migrate"]["environment"]["DJANGO_DATABASE_URL"]).username == "penguin_owner"
    assert jobs["django"]["environment"]["DJANGO_DATABASE_PASSWORD_FILE"].endswith("penguin_app_password")
    assert "POSTGRES_USER" not in jobs["db"]["environment"]  # the superuser keeps its own name
    assert ("./postgres/10-penguin-roles.sh:/docker-entrypoint-initdb.d/10-penguin-roles.sh:ro"
            in jobs["db"]["volumes"])


@posix_only("the course's PostgreSQL server")
def test_the_roles_script_gives_the_app_rows_and_not_the_schema(postgres_url, tmp_path, model_dir):
    """The init script run as the image runs it (psql, as the superuser): migrate as the owner builds the
    schema; the app's role then stores a prediction but can neither create nor drop a table."""
    import psycopg

    if not (psql := _program("psql")):
        unavailable("psql (PostgreSQL's client) is not installed.")
    from course_helpers.postgres import create_database

    server = urlsplit(create_database(postgres_url, "penguin"))
    passwords = {role: f"{role}-password" for role in ("penguin_owner", "penguin_app")}
    for role, password in passwords.items():
        (tmp_path / role).write_text(password + "\n", encoding="utf-8")
    environment = {"PATH": os.pathsep.join([str(Path(psql).parent), os.environ["PATH"]]),
                   "PGHOST": server.hostname, "PGPORT": str(server.port),
                   "PGPASSWORD": server.password, "POSTGRES_USER": server.username, "POSTGRES_DB": "penguin",
                   "PENGUIN_OWNER_PASSWORD_FILE": str(tmp_path / "penguin_owner"),
                   "PENGUIN_APP_PASSWORD_FILE": str(tmp_path / "penguin_app")}
    script = subprocess.run(["sh", str(DOCKER / "postgres" / "10-penguin-roles.sh")], env=environment,
                            capture_output=True, text=True, timeout=60)
    assert script.returncode == 0, script.stderr

    def url(role):
        return f"postgresql://{role}@{server.hostname}:{server.port}/penguin"

    as_owner = project_environment(PENGUIN_MODEL_DIR=str(model_dir), DJANGO_DATABASE_URL=url("penguin_owner"),
                                   DJANGO_DATABASE_PASSWORD_FILE=str(tmp_path / "penguin_owner"))
    migrated = manage("migrate", "--noinput", environment=as_owner)
    assert migrated.returncode == 0, migrated.stderr
    as_app = project_environment(PENGUIN_MODEL_DIR=str(model_dir), DJANGO_DATABASE_URL=url("penguin_app"),
                                 DJANGO_DATABASE_PASSWORD_FILE=str(tmp_path / "penguin_app"))
    stored = manage("shell", "--no-imports", "-c",
                    "from predictor.models import Prediction, record_predictions; "
                    "from penguin_model.examples import ADELIE; "
                    "answer = {'species': 'Adelie', 'probabilities': {}}; "
                    "record_predictions('api', [ADELIE], [answer], '1.0.0'); "
                    "print(Prediction.objects.count())",
                    environment=as_app)
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout.split() == ["1"]
    connection = f"host={server.hostname} port={server.port} dbname=penguin user=penguin_app password=" \
                 f"{passwords['penguin_app']}"
    for statement in ("CREATE TABLE intruder (id int)", "DROP TABLE predictor_prediction"):
        with psycopg.connect(connection) as app, pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute(statement)


def _program(name):
    import shutil

    from course_helpers.postgres import server_programs

    folder = server_programs()
    return shutil.which(name) or (folder and shutil.which(name, path=str(folder)))


# --- nginx ------------------------------------------------------------------------------------------

NGINX_COMMAND = re.compile(r"^#\s+(python -m course_helpers\.scale_out .*) > deploy/docker/nginx\.conf$",
                           re.MULTILINE)


def containers_nginx_arguments():
    (command,) = NGINX_COMMAND.findall((DOCKER / "compose.yaml").read_text(encoding="utf-8"))
    return shlex.split(command)[3:]


def test_the_containers_nginx_config_is_the_courses_filled_in(capsys):
    """A config written by hand for the containers drifts from deploy/nginx/penguin.conf's rules (Host
    allow-list, limits, forwarded headers, JSON errors). deploy/docker/nginx.conf is exactly what the
    command in compose.yaml prints: regenerate it with that command when this fails."""
    print_nginx_config(containers_nginx_arguments())
    assert (DOCKER / "nginx.conf").read_text(encoding="utf-8") == capsys.readouterr().out
    assert "./nginx.conf:/etc/nginx/penguin.conf:ro" in services()["nginx"]["volumes"]


def test_nginx_looks_the_instances_up_while_it_runs():
    """An upstream named once at start keeps a replica's old address after it restarts elsewhere: every
    request to it fails until nginx restarts. Docker's DNS answers at 127.0.0.11."""
    config = (DOCKER / "nginx.conf").read_text(encoding="utf-8")
    assert re.search(r"^\s+resolver 127\.0\.0\.11 valid=\d+s;", config, re.M)
    upstream = config.split("upstream penguin_instances {")[1].split("}")[0]
    lines = [line.split("#")[0].strip() for line in upstream.splitlines()]
    servers = [line for line in lines if line.startswith("server ")]
    assert servers and all(line.endswith(" resolve;") for line in servers)
    assert "zone penguin_instances" in upstream  # `resolve` needs the upstream in shared memory
    assert all(line.split()[1] == "django:8000" for line in servers)
    assert "django" in services()
    assert nginx_image_version() >= NGINX_RESOLVE_SINCE


@posix_only("nginx")
def test_the_containers_nginx_config_is_accepted_by_nginx(tmp_path):
    """`nginx -t` on the container's file, with what only a container has swapped for local stand-ins:
    the `resolve` word (this nginx may predate it), the service name, the secrets' paths, /tmp."""
    if not nginx_program():
        unavailable("nginx is not installed.")
    from course_helpers.certificates import local_certificate

    certificate = local_certificate(("localhost",))
    config = (DOCKER / "nginx.conf").read_text(encoding="utf-8")
    # /tmp first: the certificate's own path is under /tmp when the course is cloned there.
    for container, local in ((" /tmp/", f" {tmp_path}/"), (" resolve;", ";"), ("django:8000", "127.0.0.1:9"),
                             ("/run/secrets/tls_certificate", str(certificate.certificate)),
                             ("/run/secrets/tls_key", str(certificate.key))):
        assert container in config
        config = config.replace(container, local)
    (tmp_path / "nginx.conf").write_text(config, encoding="utf-8")
    command = [nginx_program(), "-t", "-q", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path),
               "-c", str(tmp_path / "nginx.conf")]
    checked = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr


# --- Image tags -------------------------------------------------------------------------------------

def nginx_image_version():
    return Version(services()["nginx"]["image"].split(":")[1])


def test_every_image_names_a_current_line_and_says_when_it_was_chosen():
    """`latest` or no tag changes under you; nginx:1.27 and postgres:15 were superseded. The tags cannot
    be checked offline, so each file says when they were chosen and that they must be checked."""
    images = {name: service["image"] for name, service in services().items() if "build" not in service}
    assert all(":" in image and not image.endswith(":latest") for image in images.values())
    assert int(images["db"].split(":")[1].split("-")[0]) >= POSTGRES_NEW_LAYOUT_SINCE
    assert "history:/var/lib/postgresql" in services()["db"]["volumes"]  # not .../data, from 18 on
    (python_image,) = [arguments for instruction, arguments in dockerfile_stages()[""]]  # the ARG before FROM
    major, minor = map(int, re.fullmatch(r"PYTHON_IMAGE=python:(\d+)\.(\d+)-slim-\w+", python_image).groups())
    assert SUPPORTED_PYTHON[0] <= (major, minor) <= SUPPORTED_PYTHON[1]
    for name in ("Dockerfile", "compose.yaml"):
        text = (DOCKER / name).read_text(encoding="utf-8")
        assert re.search(r"chosen offline,? on \d{4}-\d{2}-\d{2}", text) and "check" in text, name


# --- Labelled as on paper ---------------------------------------------------------------------------

def test_the_files_say_they_were_never_run_and_the_readme_points_to_them():
    """Files copied without the label read as a tested deployment; the label sends readers to what was
    checked, and what was not."""
    for name in ("Dockerfile", "compose.yaml", "README.md"):
        assert "ON PAPER" in (DOCKER / name).read_text(encoding="utf-8").upper(), name
    assert "deploy/docker/README.md" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")
