"""A short till day under every fault kind and an outage: nothing lost, nothing doubled,
no crash (the full-size run is bench/soak.py)."""

from harness.soak import SoakConfig, run_soak


async def test_short_soak_loses_and_duplicates_nothing():
    summary = await run_soak(SoakConfig(links=80, transfers=25, contacts=10,
                                        history_refreshes=3, fault_rate=0.25, outages=1,
                                        outage_seconds=1.0, spike_every=40, day_seconds=4.0,
                                        seed=7))
    report = "\n".join(summary.lines())
    assert summary.crashes == 0, report
    assert summary.lost == 0, report
    assert summary.duplicated == 0, report
    assert summary.attempted["link"] == 80 and summary.attempted["transfer"] == 25
    # every transfer and contact ends confirmed (faults delay them, never drop them)
    assert summary.confirmed["transfer"] + summary.refused["transfer"] == 25, report
    assert summary.pending["transfer"] == 0 and summary.pending["contact"] == 0, report
