"""Read a stored serving table back, and draw it: throughput as a share of the floor's, with its spread.

Chapter 06 plots the full run stored in docs/benchmarks/ this way; the same works for a run of yours
in bench/results/.
"""

import pandas as pd

BAR_WIDTH = 0.27


def serving_ratios(csv_path):
    """The HTTP rows of a serving CSV, with ``low`` and ``high``: the spread as shares of the floor."""
    table = pd.read_csv(csv_path)
    table = table[table["connections"] != "-"].astype(
        {"connections": int, "throughput vs floor": float, "p50 vs floor": float})
    spread = table["spread requests/s"].str.replace(",", "").str.split("-", expand=True).astype(float)
    floor = table["requests/s"] / table["throughput vs floor"]  # the floor's requests/s on each row
    return table.assign(low=spread[0] / floor, high=spread[1] / floor)


def plot_serving_ratios(table, axis, title):
    """One group of bars per server, one bar per connection count, whiskers from lowest to highest."""
    servers = list(dict.fromkeys(table["server"]))
    for offset, (connections, group) in enumerate(table.groupby("connections")):
        group = group.set_index("server").loc[servers]
        ratio = group["throughput vs floor"]
        # The stored spread is rounded to whole requests/s: clip what the rounding pushed below 0.
        whiskers = [(ratio - group["low"]).clip(lower=0), (group["high"] - ratio).clip(lower=0)]
        positions = [index + BAR_WIDTH * (offset - 1) for index in range(len(servers))]
        label = f"{connections} connection{'s' if connections > 1 else ''}"
        axis.bar(positions, ratio, width=BAR_WIDTH, label=label, yerr=whiskers, capsize=2)
    axis.set_xticks(range(len(servers)), [server.replace(" (", "\n(") for server in servers], fontsize=8)
    axis.set_ylabel("requests/s ÷ the floor's")
    axis.set_title(title)
    axis.legend(fontsize=8)
