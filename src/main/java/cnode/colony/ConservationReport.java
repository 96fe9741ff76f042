package cnode.colony;

import java.util.List;

/**
 * The verdict of a conservation check: no violations means the registry is sound. Each
 * violation is one sentence naming the coin, swap or kind of money at fault. Immutable.
 *
 * @param violations what is wrong, in the order found; empty when sound
 */
public record ConservationReport(List<String> violations) {

    public ConservationReport {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}
