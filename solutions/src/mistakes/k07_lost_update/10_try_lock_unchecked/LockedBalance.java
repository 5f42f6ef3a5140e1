package k07_lost_update;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A balance that never loses an update, guarded by an explicit {@link java.util.concurrent.locks.ReentrantLock}.
 *
 * <p>A thread that calls {@code add} while another holds the lock waits until it is released.
 * The lock is released even when the code it guards throws, so a failure in one thread never
 * leaves the others waiting for ever. Every unlock happens-before the next lock.
 */
public final class LockedBalance implements Balance {

    private final ReentrantLock lock = new ReentrantLock();
    private final Runnable afterRead;
    private long balance;

    /** A balance with nothing between the read and the write. */
    public LockedBalance() {
        this(() -> {});
    }

    /**
     * A balance that runs {@code afterRead} between reading and writing; the tests use it to hold
     * one thread inside {@code add}, or to make {@code add} throw while the lock is held.
     *
     * @throws NullPointerException if {@code afterRead} is null
     */
    public LockedBalance(Runnable afterRead) {
        this.afterRead = Objects.requireNonNull(afterRead, "afterRead");
    }

    @Override
    public void add(long amount) {
        lock.tryLock();
        try {
            long read = balance;
            afterRead.run();
            balance = read + amount;
        } finally {
            lock.unlock(); // even if afterRead throws: otherwise every other thread waits for ever
        }
    }

    @Override
    public long get() {
        lock.lock();
        try {
            return balance;
        } finally {
            lock.unlock();
        }
    }
}
