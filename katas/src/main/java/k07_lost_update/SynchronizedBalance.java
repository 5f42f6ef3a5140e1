package k07_lost_update;

import java.util.Objects;

/**
 * A balance that never loses an update, guarded by the object's own monitor.
 *
 * <p>A thread that calls {@code add} while another is inside it blocks until the other has
 * written its sum. Every {@code add} happens-before the next {@code add} or {@code get} that
 * enters the monitor.
 */
public final class SynchronizedBalance implements Balance {

    private final Runnable afterRead;
    private long balance;

    /** A balance with nothing between the read and the write. */
    public SynchronizedBalance() {
        this(() -> {});
    }

    /**
     * A balance that runs {@code afterRead} between reading and writing; the tests use it to
     * hold one thread inside {@code add} while a second one tries to enter.
     *
     * @throws NullPointerException if {@code afterRead} is null
     */
    public SynchronizedBalance(Runnable afterRead) {
        this.afterRead = Objects.requireNonNull(afterRead, "afterRead");
    }

    @Override
    public void add(long amount) {
        // TODO task 1: read the balance, call afterRead.run(), then write read + amount,
        //      with no other thread able to get between the read and the write.
        throw new UnsupportedOperationException("Task 1 of k07_lost_update: make add safe with synchronized. See README.md.");
    }

    @Override
    public long get() {
        // TODO task 1: a reader must see the latest write, so it needs the same guard.
        throw new UnsupportedOperationException("Task 1 of k07_lost_update: make get safe too. See README.md.");
    }
}
