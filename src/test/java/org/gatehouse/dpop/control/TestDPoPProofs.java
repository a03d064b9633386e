package org.gatehouse.dpop.control;

import org.gatehouse.dpop.entity.DPoPOptions;

/** Real {@link DPoPProofs} with Duende's default options, for tests of other packages that only see proofs refused. */
public final class TestDPoPProofs {

    private TestDPoPProofs() {
    }

    public static DPoPProofs withDefaultOptions() {
        var proofs = new DPoPProofs();
        proofs.options = DPoPOptions.DEFAULTS;
        return proofs;
    }
}
