package io.k3j.lock;

import java.time.Instant;
import java.util.Optional;

/**
 * What an apply does about the apply's Lease it found (pure): create it, take a free one, keep its
 * own, take over one whose holder stopped renewing (with a warning), or leave one another run
 * holds. Every write names the resourceVersion read, so of two runs deciding on the same Lease
 * only one write succeeds.
 */
public sealed interface LeaseDecision {

    /** No Lease yet: create it. */
    record Create() implements LeaseDecision {
    }

    /** A Lease nobody holds (released): take it at its resourceVersion. */
    record Take(ApplyLease current) implements LeaseDecision {
    }

    /** Already this run's. */
    record Ours(ApplyLease current) implements LeaseDecision {
    }

    /** Another run's, renewed within its duration: stop, or wait for it. */
    record Held(ApplyLease current) implements LeaseDecision {
    }

    /** Another run's, not renewed within its duration (its run gone, or stuck): take it over at its resourceVersion, saying so. */
    record Expired(ApplyLease current) implements LeaseDecision {
    }

    static LeaseDecision of(Optional<ApplyLease> found, String us, Instant now) {
        if (found.isEmpty()) {
            return new Create();
        }
        ApplyLease lease = found.get();
        if (lease.holder().isBlank()) {
            return new Take(lease);
        }
        if (lease.holder().equals(us)) {
            return new Ours(lease);
        }
        // a holder whose Lease says no time cannot be waited for: it is expired
        return lease.expires().filter(now::isBefore).isPresent() ? new Held(lease) : new Expired(lease);
    }
}
