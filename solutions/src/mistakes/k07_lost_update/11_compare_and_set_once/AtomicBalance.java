package k07_lost_update;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A balance that never loses an update and never blocks, built on {@link java.util.concurrent.atomic.AtomicLong}.
 *
 * <p>Each {@code add} is one indivisible read-modify-write; no thread ever waits for another,
 * and each {@code add} happens-before any {@code get} that sees its effect.
 */
public final class AtomicBalance implements Balance {

    private final AtomicLong balance = new AtomicLong();

    @Override
    public void add(long amount) {
        long read = balance.get();
        balance.compareAndSet(read, read + amount);
    }

    @Override
    public long get() {
        return balance.get();
    }
}
