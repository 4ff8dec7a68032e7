"""Accidents of production, on purpose: a saved model damaged after the start, a worker killed."""

import json

import psutil

from penguin_model.persistence import CARD_FILE, FAST_PATH_FILE


def truncate(path):
    path.write_bytes(path.read_bytes()[:100])


def edit_card(folder):
    """Widen a range, add an island, bump the version: a card that would change what every app accepts."""
    card = json.loads((folder / CARD_FILE).read_text())
    card["features"]["body_mass_g"]["maximum"] = 1e12
    card["features"]["island"]["choices"].append("Atlantis")
    (folder / CARD_FILE).write_text(json.dumps(card | {"model_version": "9.9.9"}))


def damage(folder):
    """Both: the fast path cut short and the card edited."""
    truncate(folder / FAST_PATH_FILE)
    edit_card(folder)


def worker_pids(server_pid):
    """The workers' pids of a gunicorn master or a uvicorn parent (not multiprocessing's resource tracker)."""
    pids = set()
    for child in psutil.Process(server_pid).children():
        try:
            if "resource_tracker" not in " ".join(child.cmdline()):
                pids.add(child.pid)
        except psutil.Error:  # it ended while we looked
            pass
    return pids


def kill_a_worker(server_pid):
    """SIGKILL one worker, as the out-of-memory killer does; return its pid."""
    victim = min(worker_pids(server_pid))
    psutil.Process(victim).kill()
    return victim
