"""Throttled admin logins: a client that types wrong passwords is stopped for a while (django-axes).

Each wrong password costs the server most of a second of CPU (Django hashes it a million times, on
purpose, so a stolen password table is slow to crack), and an attacker can try passwords without end.
django-axes counts the failures of each user name from each client address in the database, which
every worker and instance share, and after ``AXES_FAILURE_LIMIT`` of them refuses that pair, without
checking the password, for ``AXES_COOLOFF_TIME`` (``config.settings``). Per pair, so that nobody can lock
the real administrator out by failing on purpose from elsewhere.

Two layers: in production nginx limits the rate of requests to the login page per client and keeps
/admin/ to the local network (deploy/nginx); this one works wherever the app runs, under waitress on a
laptop too. Behind nginx it sees each client's own address only when the app trusts nginx
(PENGUIN_TRUSTED_PROXIES, ``api_contract.observability``); otherwise every client would be nginx.
"""

from axes.backends import AxesStandaloneBackend


class LoginThrottle(AxesStandaloneBackend):
    """django-axes' check of the client before any password is checked; Django's own backend comes next.

    A login made in Python, without a request (Django's test client's ``login()``, the shell), has no
    client to throttle: axes would refuse it with an error, so it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **credentials):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **credentials)
