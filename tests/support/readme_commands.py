"""The commands the READMEs give, read from the files, as this machine runs them.

A Windows line (``.venv\\Scripts\\python -m ...``) runs here with this test session's own virtual
environment folder for ``.venv\\Scripts`` and ``/`` for ``\\``; a PowerShell block runs through a
small reader of the few forms the READMEs use (``Activate.ps1``, ``cd``, ``$env:NAME = ...``).
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

from penguin_model.data import REPO_ROOT

VENV_BIN = Path(sys.executable).parent  # .venv/bin here, .venv\Scripts on Windows
WINDOWS_VENV = re.compile(r"(\.\.\\)?\.venv\\Scripts\\")
SET_VARIABLE = re.compile(r'^\$env:(\w+)\s*=\s*(.+)$')


def code_blocks(path, language):
    """The fenced code blocks of ``language`` in ``path``, each as a list of lines."""
    text = (REPO_ROOT / path).read_text(encoding="utf-8")
    return [block.splitlines() for block in re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)]


def command_and_comment(line):
    """``(command, comment)`` of a README line ``command   # comment``."""
    command, _, comment = line.partition("  #")
    return command.strip(), comment.strip()


def as_run_here(command):
    """A README's Windows command as a list of words this machine runs."""
    command = WINDOWS_VENV.sub(lambda _: str(VENV_BIN).replace("\\", "/") + "/", command)
    return shlex.split(command.replace("\\", "/"))


class PowerShellBlock:
    """Runs a README's PowerShell lines one by one: the forms they use, nothing more."""

    def __init__(self, environment, cwd=REPO_ROOT):
        self.environment, self.cwd = dict(environment), Path(cwd)

    def prepare(self, lines):
        """Run every line but the last (which starts the server); return the last, as words."""
        *steps, last = [line.strip() for line in lines if line.strip()]
        for step in steps:
            self.run(step)
        return self.words(last)

    def run(self, line):
        if line.endswith("Activate.ps1"):  # the venv's programs come first on the PATH
            self.environment["PATH"] = f"{VENV_BIN}{':' if sys.platform != 'win32' else ';'}" + \
                self.environment.get("PATH", "")
        elif line.startswith("cd "):
            self.cwd = (self.cwd / line.removeprefix("cd ").replace("\\", "/")).resolve()
        elif match := SET_VARIABLE.match(line):
            name, value = match.groups()
            quoted = value.startswith('"') and value.endswith('"')
            self.environment[name] = value[1:-1] if quoted else self.output(value)
        else:
            self.output(line)

    def words(self, line):
        """``line`` as words, with ``python`` and the venv's programs taken from the venv."""
        words = as_run_here(line)
        program = VENV_BIN / words[0]
        return [sys.executable if words[0] == "python" else str(program) if program.exists() else words[0],
                *words[1:]]

    def output(self, line):
        done = subprocess.run(self.words(line), cwd=self.cwd, env=self.environment, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, f"{line} failed:\n{done.stdout}{done.stderr}"
        return done.stdout.strip()
