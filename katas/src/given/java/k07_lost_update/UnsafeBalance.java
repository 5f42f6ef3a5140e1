package k07_lost_update;

import java.util.Objects;

/**
 * The tutorial's unlocked balance, kept as it is for study: it loses updates under contention.
 *
 * <p>{@code add} reads the field, then writes the sum back. Nothing stops a second thread from
 * reading the same old value in between, so one of the two writes overwrites the other. This
 * class is given, complete and deliberately broken; the kata is to write the safe ones.
 */
public final class UnsafeBalance implements Balance {

    private final Runnable afterRead;
    private long balance;

    /** An unlocked balance with nothing between the read and the write. */
    public UnsafeBalance() {
        this(() -> {});
    }

    /**
     * An unlocked balance that runs {@code afterRead} between reading and writing, so a test can
     * hold a thread at exactly the point where the race happens.
     */
    public UnsafeBalance(Runnable afterRead) {
        this.afterRead = Objects.requireNonNull(afterRead, "afterRead");
    }

    @Override
    public void add(long amount) {
        long read = balance;
        afterRead.run();
        balance = read + amount;
    }

    @Override
    public long get() {
        return balance;
    }
}
