package k07_lost_update;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Forces the lost-update interleaving, so a JUnit test shows it on every run instead of by luck.
 *
 * <p>The first thread runs {@code add(5)} and is held inside its {@code afterRead} hook, between
 * the read and the write. Only then does the second thread run {@code add(8)}. The first thread
 * is released when the second has read too (the race: both read the same old value) or, for a
 * balance with a lock, when the second is seen waiting at that lock.
 */
final class InterleavingProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Set<Thread.State> WAITING_AT_A_LOCK =
            EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING);

    private final CountDownLatch firstRead = new CountDownLatch(1);
    private final CountDownLatch secondRead = new CountDownLatch(1);
    private final boolean releaseWhenSecondWaits;
    private volatile Thread first;
    private volatile Thread second;
    private volatile boolean secondReadBeforeFirstWrote;
    private volatile boolean secondSeenWaiting;

    /** The outcome of one forced interleaving. */
    record Outcome(long balance, boolean secondReadWhileFirstHeld, boolean secondSeenWaitingAtLock) {}

    private InterleavingProbe(boolean releaseWhenSecondWaits) {
        this.releaseWhenSecondWaits = releaseWhenSecondWaits;
    }

    /** Runs the interleaving against a balance built around the probe's hook. */
    static Outcome run(Function<Runnable, Balance> balanceWithHook, boolean releaseWhenSecondWaits)
            throws InterruptedException {
        InterleavingProbe probe = new InterleavingProbe(releaseWhenSecondWaits);
        Balance balance = balanceWithHook.apply(probe::afterRead);
        probe.first = Thread.ofPlatform().name("first-adds-5").unstarted(() -> balance.add(5));
        probe.second = Thread.ofPlatform().name("second-adds-8").unstarted(() -> balance.add(8));

        probe.first.setUncaughtExceptionHandler(probe::failed);
        probe.second.setUncaughtExceptionHandler(probe::failed);

        probe.first.start();
        await("the first thread to read the balance and reach afterRead")
                .atMost(PATIENCE)
                .until(() -> probe.firstRead.getCount() == 0 || !probe.first.isAlive());
        if (probe.firstRead.getCount() != 0) {
            probe.first.join(PATIENCE);
            probe.rethrowFailure();
            throw new AssertionError("add never called the afterRead hook: keep calling it between the read and the write");
        }
        probe.second.start();
        boolean ended = probe.first.join(PATIENCE) & probe.second.join(PATIENCE);
        if (!ended) {
            throw new AssertionError("the two adding threads did not finish within " + PATIENCE.toSeconds()
                    + " s: is the lock released after the write?");
        }
        probe.rethrowFailure();
        return new Outcome(balance.get(), probe.secondReadBeforeFirstWrote,
                probe.secondSeenWaiting);
    }

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private void failed(Thread thread, Throwable e) {
        failure.compareAndSet(null, new AssertionError(thread.getName() + " failed inside add: " + e, e));
    }

    private void rethrowFailure() {
        if (failure.get() instanceof AssertionError e) {
            throw e;
        }
    }

    private void afterRead() {
        Thread me = Thread.currentThread();
        if (me == second) {
            secondRead.countDown();
            return;
        }
        if (me != first) {
            return;
        }
        firstRead.countDown();
        try {
            await("the second thread to read the balance too" + (releaseWhenSecondWaits ? ", or to wait at the lock" : ""))
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> secondRead.getCount() == 0
                            || (releaseWhenSecondWaits && WAITING_AT_A_LOCK.contains(second.getState())));
            secondReadBeforeFirstWrote = secondRead.getCount() == 0;
            secondSeenWaiting = !secondReadBeforeFirstWrote;
        } catch (ConditionTimeoutException e) {
            // Let the first thread write anyway; the assertions on the outcome say what went wrong.
        }
    }
}
