package k08_locks;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A named {@link ReentrantLock} whose {@code lock()} can be broken by an interrupt, so a test
 * that provokes a deadlock can report it and then end the deadlocked threads.
 *
 * <p>A plain {@code lock()} ignores interrupts: two threads deadlocked on it wait for ever.
 * Here {@code lock()} waits with {@code lockInterruptibly()} and turns the interrupt into a
 * {@link DeadlockBroken} exception; the code under test then unwinds through its
 * {@code finally} blocks, releasing whatever it held.
 */
final class ReportingLock extends ReentrantLock {

    /** Thrown out of {@code lock()} when the test interrupts a thread waiting in it. */
    static final class DeadlockBroken extends RuntimeException {
        DeadlockBroken(String message) {
            super(message);
        }
    }

    private final String name;
    private volatile Runnable beforeRelease = () -> {};

    ReportingLock(String name) {
        this.name = name;
    }

    @Override
    public void lock() {
        try {
            lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadlockBroken("stopped waiting for " + name + ": the test broke the deadlock");
        }
    }

    /**
     * Runs {@code hook} in every {@code unlock()}, on the unlocking thread, while it still holds
     * the lock: a test can look at what the lock guards at the moment it is let go.
     */
    void beforeRelease(Runnable hook) {
        beforeRelease = hook;
    }

    @Override
    public void unlock() {
        if (isHeldByCurrentThread()) {
            beforeRelease.run();
        }
        super.unlock();
    }

    /** The thread that holds this lock, or null. */
    Thread owner() {
        return getOwner();
    }

    @Override
    public String toString() {
        return name;
    }
}
