package cnode.colony;

import java.util.Objects;

/**
 * A user's write-permission lease as the directory keeps it and the store writes it: who holds
 * it and until when. The lease is live while {@code nowMs < expiresMs}; an expired row stays
 * until someone acquires or releases it, and reads as free. Immutable.
 *
 * @param username  whose lease it is (one lease per user)
 * @param holder    the instance id of the holding node, chosen by that node
 * @param expiresMs the first instant at which the lease is free again
 */
public record LeaseRow(String username, String holder, long expiresMs) {
    public LeaseRow {
        Objects.requireNonNull(username);
        Objects.requireNonNull(holder);
    }

    public boolean liveAt(long nowMs) {
        return nowMs < expiresMs;
    }
}
