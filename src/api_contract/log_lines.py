"""Log lines an operator can use: one line each, short enough to reach a log shipper whole.

Servers write their logs to a pipe more often than to a terminal: Docker, systemd and ``| tee`` all read
the standard output through one. The kernel delivers a write of at most ``PIPE_BUF`` bytes (4,096 on
Linux, the least POSIX allows is 512) in one piece; a longer one, from several worker processes at once,
can be cut and mixed with another's, which breaks both lines. So every line the apps write, newline
included, stays within ``MAX_LINE_BYTES`` and goes out in one write: the access log
(``api_contract.observability``) cuts its long fields to fit, and ``OneLineWarning`` shortens the
warnings of the frameworks' loggers.
"""

import logging

PIPE_BUF = 4096  # Linux's, and macOS's 512 is far below what the apps' lines need; see the docstring
MAX_LINE_BYTES = PIPE_BUF
WARNING_CHARACTERS = 500  # a warning says what happened in a sentence; the request's own text is cut


def one_line(text, limit=WARNING_CHARACTERS):
    """``text`` with every run of white space (newlines too) as one space, cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class OneLineWarning(logging.Filter):
    """A logging filter: the record becomes one short warning line, without the traceback.

    For what a client causes and the server refuses (Django's ``django.security`` loggers: a Host header
    the site does not serve, say). Django logs those as errors with the whole traceback, 15 lines per
    request, which is a bug's signature; they are the client's doing, worth a warning a person can read.
    """

    def filter(self, record):
        record.msg, record.args = one_line(record.getMessage()), ()
        record.exc_info = record.exc_text = record.stack_info = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True
