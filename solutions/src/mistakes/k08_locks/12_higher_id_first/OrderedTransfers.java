package k08_locks;

import java.util.Objects;

/**
 * Transfers that take the two accounts' locks in one global order, so they never deadlock.
 *
 * <p>Whatever the direction of the transfer, the lock of the account with the smaller
 * {@link Account#id()} is taken first. Two threads paying each other can then never hold one
 * lock each while waiting for the other's: whoever gets the first lock gets the second too, and
 * the other thread waits at the first. Both locks are released when the transfer ends, even when
 * it throws.
 */
public final class OrderedTransfers implements Transfers {

    private final Runnable betweenLocks;

    /** Ordered transfers with nothing between the two lock acquisitions. */
    public OrderedTransfers() {
        this(() -> {});
    }

    /**
     * Ordered transfers that run {@code betweenLocks} after taking the first lock and before the
     * second; the tests use it to make both threads hold a first lock before either takes a second.
     *
     * @throws NullPointerException if {@code betweenLocks} is null
     */
    public OrderedTransfers(Runnable betweenLocks) {
        this.betweenLocks = Objects.requireNonNull(betweenLocks, "betweenLocks");
    }

    @Override
    public void transfer(Account from, Account to, long amount) {
        Transfers.check(from, to, amount);
        // The same order for both directions: no thread can hold the second lock while waiting for the first.
        boolean fromFirst = from.id().compareTo(to.id()) > 0;
        Account first = fromFirst ? from : to;
        Account second = fromFirst ? to : from;
        first.lock().lock();
        try {
            betweenLocks.run();
            second.lock().lock();
            try {
                from.withdraw(amount);
                to.deposit(amount);
            } finally {
                second.lock().unlock();
            }
        } finally {
            first.lock().unlock();
        }
    }
}
