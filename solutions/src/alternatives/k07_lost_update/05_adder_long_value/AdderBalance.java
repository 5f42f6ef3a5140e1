package k07_lost_update;

import java.util.concurrent.atomic.LongAdder;

/**
 * A balance built for many writers and few readers, on {@link java.util.concurrent.atomic.LongAdder}.
 *
 * <p>Writers add to per-thread cells and so rarely contend; {@code get} sums the cells. Once every
 * {@code add} has returned, {@code get} is exact. While writers are still running it may miss the
 * newest additions, which is the price of never blocking them.
 */
public final class AdderBalance implements Balance {

    private final LongAdder balance = new LongAdder();

    @Override
    public void add(long amount) {
        balance.add(amount);
    }

    @Override
    public long get() {
        return balance.longValue(); // the same as sum()
    }
}
