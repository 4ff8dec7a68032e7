"""Draw the stored serving runs: each server's figure with its spread over every round of every run.

Chapter 06 plots the course's runs (docs/benchmarks/runs/) this way; ``folder=`` draws yours
(bench/results/).
"""

from bench.results import FULL, STORED
from bench.summary import THROUGHPUT, serving_summary

BAR_WIDTH = 0.27


def plot_serving(axis, path="fast", measure=THROUGHPUT, folder=STORED, title=None, mode=FULL):
    """One group of bars per server, one bar per connection count: the median of ``measure``; whiskers
    from the lowest to the highest measurement; a dot for each run's own median."""
    table = serving_summary(path, folder, mode)
    if table.empty:
        axis.set_title(f"{title or path}: no {mode} run stored yet")
        return
    servers = list(dict.fromkeys(table["server"]))
    counts = sorted(table["connections"].unique())
    for offset, connections in enumerate(counts):
        at = table[table["connections"] == connections].set_index("server").loc[servers, measure]
        positions = [index + BAR_WIDTH * (offset - (len(counts) - 1) / 2) for index in range(len(servers))]
        medians = [spread.median for spread in at]
        whiskers = [[spread.median - spread.low for spread in at],
                    [spread.high - spread.median for spread in at]]
        label = f"{connections} connection{'s' if connections != 1 else ''}"
        axis.bar(positions, medians, width=BAR_WIDTH, label=label, yerr=whiskers, capsize=2)
        for position, spread in zip(positions, at, strict=True):
            axis.plot([position] * spread.runs, spread.run_medians, ".", color="black", markersize=3)
    axis.set_xticks(range(len(servers)), [server.replace(" (", "\n(") for server in servers], fontsize=8)
    axis.set_ylabel(measure)
    axis.set_title(title or f"{path} path")
    axis.legend(fontsize=8)
