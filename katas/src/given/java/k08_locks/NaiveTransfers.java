package k08_locks;

import java.util.Objects;

/**
 * Transfers that lock the payer first, then the payee: kept as it is for study, it deadlocks.
 *
 * <p>When one thread pays from A to B while another pays from B to A, the first can hold A and
 * wait for B while the second holds B and waits for A. Neither lock is ever released: both
 * threads wait for ever. This class is given, complete and deliberately broken; the kata is to
 * write {@link OrderedTransfers}.
 */
public final class NaiveTransfers implements Transfers {

    private final Runnable betweenLocks;

    /** Naive transfers with nothing between the two lock acquisitions. */
    public NaiveTransfers() {
        this(() -> {});
    }

    /**
     * Naive transfers that run {@code betweenLocks} after taking the first lock and before the
     * second, so a test can make both threads hold their first lock before either takes its second.
     *
     * @throws NullPointerException if {@code betweenLocks} is null
     */
    public NaiveTransfers(Runnable betweenLocks) {
        this.betweenLocks = Objects.requireNonNull(betweenLocks, "betweenLocks");
    }

    @Override
    public void transfer(Account from, Account to, long amount) {
        Transfers.check(from, to, amount);
        from.lock().lock();
        try {
            betweenLocks.run();
            to.lock().lock(); // the payer's lock is held while this waits: the cycle forms here
            try {
                from.withdraw(amount);
                to.deposit(amount);
            } finally {
                to.lock().unlock();
            }
        } finally {
            from.lock().unlock();
        }
    }
}
