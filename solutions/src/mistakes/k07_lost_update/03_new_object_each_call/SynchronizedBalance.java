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
        synchronized (new Object()) {
            long read = balance;
            afterRead.run();
            balance = read + amount;
        }
    }

    @Override
    public long get() {
        synchronized (new Object()) {
            return balance;
        }
    }
}
