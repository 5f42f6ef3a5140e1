package k07_lost_update;

import java.util.concurrent.atomic.AtomicLong;

/** A balance on an AtomicLong: one read and one compare-and-set per try, retried until it lands. */
public final class AtomicBalance implements Balance {

    private final AtomicLong balance = new AtomicLong();

    @Override
    public void add(long amount) {
        while (!tryAdd(amount)) {
            // another add landed between our read and our write: read again
        }
    }

    private boolean tryAdd(long amount) {
        long seen = balance.get();
        return balance.compareAndSet(seen, seen + amount);
    }

    @Override
    public long get() {
        return balance.get();
    }
}
