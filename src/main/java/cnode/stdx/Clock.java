package cnode.stdx;

/**
 * The one way code at the edges learns the time. Deterministic cores never hold a clock: they
 * take {@code nowMs} as an argument, and the edge that calls them reads it from here. Tests use a
 * manual clock so that deadlines and expiry are driven, not waited for.
 */
public interface Clock {
    /** Milliseconds since the Unix epoch. */
    long nowMs();

    /** The machine's wall clock. */
    Clock SYSTEM = System::currentTimeMillis;
}
