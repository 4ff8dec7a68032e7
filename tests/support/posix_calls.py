"""Read Python code as a Windows developer would: which calls and paths exist only on Linux and macOS?

``posix_calls(source)`` lists each use of something Windows lacks (process groups, fork, POSIX
signals, ``resource``, ``fcntl``, ``pwd``, ``select`` on pipes, ``/tmp/``, ``/dev/null``, exec that
replaces the process) that no platform check guards. A use is guarded when it sits

- under an ``if`` (or a conditional expression) whose test names ``sys.platform``, ``os.name`` or
  ``hasattr(os, ...)``, after such a test in an ``and``, or after such an ``if`` that returns,
  raises or skips, in the same block;
- in a function or class whose decorators name a platform check or ``posix_only`` (a skip mark);
- in a module whose ``pytestmark`` does;
- on a line, or in a statement right below a comment, that says ``# posix only: <why>``: for code
  that runs only once another function has checked the platform (``scale_out.why_unavailable``).
"""

import ast
import re

POSIX_ATTRIBUTES = {
    "os": {"killpg", "setsid", "setpgid", "getpgid", "getpgrp", "fork", "forkpty", "geteuid", "getuid",
           "execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp", "execlpe", "WNOHANG"},
    "signal": {"SIGKILL", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGALRM", "SIGSTOP",
               "SIGCONT", "SIGTSTP", "alarm", "setitimer", "pthread_kill", "pthread_sigmask"},
    "select": {"select", "poll", "epoll"},  # on Windows select() takes sockets only, never pipes
}
POSIX_MODULES = {"resource", "fcntl", "pwd", "grp", "termios", "pty", "tty"}
POSIX_KEYWORDS = {"start_new_session", "preexec_fn", "process_group"}
POSIX_PATHS = re.compile(r"^(/tmp(/|$)|/dev/null$)")
PLATFORM_CHECK = re.compile(r"sys\.platform|os\.name|hasattr\((os|signal)\b|\bposix_only\b|ON_WINDOWS")
PRAGMA = re.compile(r"#\s*posix only:\s*\S")


def posix_calls(source):
    """``[(line, what)]``: every unguarded POSIX-only use in ``source``, in the order they appear."""
    tree = ast.parse(source)
    lines = source.splitlines()
    if _module_is_marked(tree, source):
        return []
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        what = _posix_use(node)
        if what and not _guarded(node, parents, source) and not _pragma_above(lines, node, parents):
            found.append((node.lineno, what))
    return sorted(found)


def _posix_use(node):
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.attr in POSIX_ATTRIBUTES.get(node.value.id, ())):
        return f"{node.value.id}.{node.attr}"
    if isinstance(node, ast.Import):
        names = {alias.name for alias in node.names} & POSIX_MODULES
        return f"import {', '.join(sorted(names))}" if names else None
    if isinstance(node, ast.ImportFrom) and node.module in POSIX_MODULES:
        return f"from {node.module} import ..."
    if isinstance(node, ast.keyword) and node.arg in POSIX_KEYWORDS:
        return f"{node.arg}="
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and POSIX_PATHS.match(node.value):
        return repr(node.value)
    return None


def _guarded(node, parents, source):
    child = node
    while child in parents:
        parent = parents[child]
        if _guards(parent, child, source):
            return True
        child = parent
    return False


def _guards(parent, child, source):
    """Whether ``parent`` checks the platform before its part ``child`` runs."""
    if isinstance(parent, ast.If | ast.IfExp | ast.While) and child is not parent.test:
        return _checks_platform(parent.test, source) or _after_an_early_exit(parent, child, source)
    if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        decorated = any(_checks_platform(decorator, source) for decorator in parent.decorator_list)
        return decorated or _after_an_early_exit(parent, child, source)
    if isinstance(parent, ast.BoolOp) and isinstance(parent.op, ast.And):  # hasattr(os, "x") and os.x()
        return any(_checks_platform(value, source) for value in parent.values[:parent.values.index(child)])
    return _after_an_early_exit(parent, child, source)


def _after_an_early_exit(parent, child, source):
    """Whether ``child`` follows, in ``parent``'s block, an ``if <platform check>:`` that leaves the block."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if isinstance(block, list) and child in block:
            earlier = block[:block.index(child)]
            return any(isinstance(statement, ast.If) and _checks_platform(statement.test, source)
                       and _leaves(statement.body[-1]) for statement in earlier)
    return False


def _leaves(statement):
    if isinstance(statement, ast.Return | ast.Raise):
        return True
    call = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(call, ast.Call) and "skip" in ast.unparse(call.func)


def _checks_platform(node, source):
    return bool(PLATFORM_CHECK.search(ast.get_source_segment(source, node) or ""))


def _module_is_marked(tree, source):
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "pytestmark" for target in statement.targets):
            return _checks_platform(statement.value, source)
    return False


def _pragma_above(lines, node, parents):
    """A ``# posix only:`` comment on the node's line, or on the comment lines right above its statement."""
    if PRAGMA.search(lines[node.lineno - 1]):
        return True
    while not isinstance(node, ast.stmt):
        node = parents[node]
    index = node.lineno - 1
    if PRAGMA.search(lines[index]):
        return True
    index -= 1
    while index >= 0 and lines[index].lstrip().startswith("#"):
        if PRAGMA.search(lines[index]):
            return True
        index -= 1
    return False
