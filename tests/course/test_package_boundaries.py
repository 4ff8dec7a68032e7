"""Each package keeps to its job: the model knows nothing of the web, the contract no web framework.

Checked in a fresh interpreter, by what importing the package (every module of it) pulls in.
"""

import subprocess
import sys

import pytest

FRAMEWORKS = ["flask", "werkzeug", "django", "rest_framework", "streamlit", "gunicorn"]
FORBIDDEN = {
    "penguin_model": ["api_contract", "course_helpers", "requests", "yaml", *FRAMEWORKS],
    "api_contract": ["course_helpers", *FRAMEWORKS],
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_imports_nothing_outside_its_job(package):
    script = (
        "import importlib, pkgutil, sys\n"
        f"package = importlib.import_module({package!r})\n"
        "for module in pkgutil.iter_modules(package.__path__):\n"
        "    if module.name != '__main__':\n"
        "        importlib.import_module(f'{package.__name__}.{module.name}')\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    loaded = set(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                check=True, timeout=120).stdout.split())
    trespassing = sorted(loaded & set(FORBIDDEN[package]))
    assert not trespassing, f"importing {package} pulls in {trespassing}"
