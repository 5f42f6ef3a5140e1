package k08_locks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Runs code while holding a lock, and always releases the lock afterwards.
 *
 * <p>The lock is taken before the guarded code starts and released when it ends, whether it
 * returns or throws; an exception from the guarded code reaches the caller unchanged. If taking
 * the lock itself fails, nothing is released, because nothing was taken. Releasing the lock
 * happens-before the next thread's acquisition of it, so the next holder sees what the guarded
 * code wrote.
 */
public final class Guard {

    private Guard() {}

    /**
     * Runs {@code action} while holding {@code lock}, waiting as long as it takes to get it.
     *
     * @throws NullPointerException if {@code lock} or {@code action} is null (nothing is locked)
     */
    public static void run(Lock lock, Runnable action) {
        Objects.requireNonNull(action, "action");
        call(lock, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Returns what {@code action} returns, computed while holding {@code lock}.
     *
     * @throws NullPointerException if {@code lock} or {@code action} is null (nothing is locked)
     */
    public static <T> T call(Lock lock, Supplier<T> action) {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(action, "action");
        synchronized (lock) {
            return action.get();
        }
    }

    /**
     * Runs {@code action} under {@code lock} if the lock can be had within {@code timeout}.
     *
     * <p>Returns {@code true} once the action has run and the lock is released again. Returns
     * {@code false} if the lock stayed taken for the whole timeout: then the action has not run
     * and the calling thread holds nothing and waits for nothing.
     *
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws InterruptedException if the calling thread is interrupted before or while it
     *     waits for the lock; it then holds nothing and the action has not run
     */
    public static boolean tryRun(Lock lock, Duration timeout, Runnable action) throws InterruptedException {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(action, "action");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false; // not acquired, so not ours to release
        }
        try {
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }
}
