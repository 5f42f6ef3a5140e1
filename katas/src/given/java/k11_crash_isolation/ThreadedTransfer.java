package k11_crash_isolation;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a transfer on a thread of this process, sharing the caller's ledger: kept for study, to
 * compare with a transfer in a child JVM.
 *
 * <p>The thread and every other thread of the process share one heap, so a thread that crashes
 * half-way leaves the caller's ledger short of the withdrawn money, for everybody. Joining the
 * thread makes everything it wrote, the half-done update included, visible to the caller.
 */
public final class ThreadedTransfer {

    private ThreadedTransfer() {}

    /**
     * Moves {@code amount} from checking to savings of {@code ledger} on a new platform thread,
     * crashing between the two steps if {@code crashHalfway}, and waits for the thread to end.
     *
     * @return what the thread died of, or empty if it finished
     * @throws InterruptedException if the caller is interrupted while waiting
     * @throws IllegalArgumentException if {@code amount} is negative
     * @throws NullPointerException if {@code ledger} is null
     */
    public static Optional<Throwable> moveToSavings(Ledger ledger, long amount, boolean crashHalfway)
            throws InterruptedException {
        Objects.requireNonNull(ledger, "ledger");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        AtomicReference<Throwable> diedOf = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("transfer")
                .uncaughtExceptionHandler((thread, e) -> diedOf.set(e))
                .start(() -> ledger.moveToSavings(amount, crashHalfway ? CrashHalfway::crash : () -> {}));
        worker.join();
        return Optional.ofNullable(diedOf.get());
    }
}
