"""Start several servers at once, and stop them at once: starting and stopping mostly waits.

A benchmark runs its servers side by side; started one after the other, seven of them take half a
minute on a small machine, most of it spent waiting (for imports, a migration, a health check).
"""

import contextlib
from concurrent.futures import ThreadPoolExecutor


@contextlib.contextmanager
def all_at_once(managers):
    """Enter the context managers of the dict ``managers`` in threads, at the same time; yield what each
    gave, under its key; at the end exit them, at the same time. If one fails to start, the others that
    started are stopped, and its error is raised."""
    with ThreadPoolExecutor(max_workers=len(managers)) as pool:
        futures = {key: pool.submit(manager.__enter__) for key, manager in managers.items()}
        entered, failures = {}, []
        for key, future in futures.items():
            try:
                entered[key] = future.result()
            except Exception as failure:  # noqa: BLE001 - raised below, once the others are stopped
                failures.append(failure)
        try:
            if failures:
                raise failures[0]
            yield entered
        finally:
            stopping = [pool.submit(managers[key].__exit__, None, None, None) for key in entered]
            for stopped in stopping:
                stopped.result()
