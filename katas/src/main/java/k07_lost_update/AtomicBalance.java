package k07_lost_update;

/**
 * A balance that never loses an update and never blocks, built on {@link java.util.concurrent.atomic.AtomicLong}.
 *
 * <p>Each {@code add} is one indivisible read-modify-write; no thread ever waits for another,
 * and each {@code add} happens-before any {@code get} that sees its effect.
 */
public final class AtomicBalance implements Balance {

    // TODO task 3: keep the balance in a field that can be read, changed and written in one step.

    @Override
    public void add(long amount) {
        // TODO task 3: add in one atomic step.
        throw new UnsupportedOperationException("Task 3 of k07_lost_update: use an AtomicLong. See README.md.");
    }

    @Override
    public long get() {
        // TODO task 3
        throw new UnsupportedOperationException("Task 3 of k07_lost_update: use an AtomicLong. See README.md.");
    }
}
