package cnode.colony.store;

/**
 * One unit of work on the colony's state, run on the writer thread. It calls the cores and
 * returns their answer as a value; it does no I/O, reads no clock (the writer passes the
 * batch's time) and never blocks. A command that only reads is a command too, so that what it
 * sees is committed before it is answered.
 *
 * @param <T> the answer
 */
@FunctionalInterface
public interface ColonyCommand<T> {
    T apply(ColonyState state, long nowMs);
}
