package org.gatehouse.dpop.control;

import java.time.Clock;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.replay.control.TestReplayGuards;

/** Real {@link DPoPProofs} with Duende's default options, for tests of other packages. */
public final class TestDPoPProofs {

    private TestDPoPProofs() {
    }

    /** For tests that only see proofs refused before any is checked for replay. */
    public static DPoPProofs withDefaultOptions() {
        var proofs = new DPoPProofs();
        proofs.options = DPoPOptions.DEFAULTS;
        return proofs;
    }

    /** For tests whose proofs are accepted: each once, in memory. */
    public static DPoPProofs accepting(Clock clock) {
        var proofs = withDefaultOptions();
        proofs.replays = TestReplayGuards.inMemory(clock);
        return proofs;
    }
}
