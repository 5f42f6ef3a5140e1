package k07_lost_update;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Shows many updates lost at once, not just one, on every run: ten threads add to one balance
 * while the first of them is held between its read and its write.
 *
 * <p>The first thread adds 1 and is held inside its {@code afterRead} hook until every other
 * thread has read the balance too, or waits at a lock, or has already finished. The others add
 * -2, 4, -8, ... (signs alternate, so a balance that guards only deposits is caught too). Then
 * the first thread writes {@code 0 + 1}: on a balance that lets the others in, that one write
 * wipes out all nine of their updates. A safe balance makes them wait, and ends at the sum.
 */
final class CrowdProbe {

    static final int THREADS = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Set<Thread.State> WAITING_OR_DONE = EnumSet.of(
            Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);

    /**
     * The outcome of one run.
     *
     * @param balance what {@code get} said once every thread had ended
     * @param expected the sum of the ten amounts
     * @param othersSeenWaiting whether every other thread was seen waiting (not inside) while the first was held
     */
    record Outcome(long balance, long expected, boolean othersSeenWaiting) {

        /** How the balance differs from the sum, in words a learner can use. */
        String describe() {
            return balance == expected ? "no update lost"
                    : "ten threads added 1, -2, 4, -8, ... (sum " + expected + ") and the balance ended at " + balance
                            + ": the others' updates were written while the first thread was between its read and its write,"
                            + " and its write wiped them out";
        }
    }

    private final CountDownLatch firstRead = new CountDownLatch(1);
    private final CountDownLatch othersStarted = new CountDownLatch(1);
    private final Set<Thread> read = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Thread first;
    private volatile List<Thread> others = List.of();
    private volatile boolean othersSeenWaiting;

    private CrowdProbe() {}

    static long amount(int i) {
        long magnitude = 1L << i;
        return i % 2 == 0 ? magnitude : -magnitude;
    }

    static Outcome run(Function<Runnable, Balance> balanceWithHook) throws InterruptedException {
        CrowdProbe probe = new CrowdProbe();
        Balance balance = balanceWithHook.apply(probe::afterRead);
        long expected = 0;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            long amount = amount(i);
            expected += amount;
            Thread t = Thread.ofPlatform().name("adds-" + amount).unstarted(() -> balance.add(amount));
            t.setUncaughtExceptionHandler((thread, e) -> probe.failure.compareAndSet(null,
                    new AssertionError(thread.getName() + " failed inside add: " + e, e)));
            threads.add(t);
        }
        probe.first = threads.getFirst();
        probe.others = List.copyOf(threads.subList(1, THREADS));
        probe.first.start();
        await("the first thread to read the balance and reach afterRead")
                .atMost(PATIENCE)
                .until(() -> probe.firstRead.getCount() == 0 || !probe.first.isAlive());
        if (probe.firstRead.getCount() != 0) {
            probe.first.join(PATIENCE);
            probe.rethrowFailure();
            throw new AssertionError("add never called the afterRead hook: keep calling it between the read and the write");
        }
        probe.others.forEach(Thread::start);
        probe.othersStarted.countDown();
        boolean ended = true;
        for (Thread t : threads) {
            ended &= t.join(PATIENCE);
        }
        if (!ended) {
            throw new AssertionError("the ten adding threads did not all finish within " + PATIENCE.toSeconds()
                    + " s: is the lock released after the write?");
        }
        probe.rethrowFailure();
        return new Outcome(balance.get(), expected, probe.othersSeenWaiting);
    }

    private void rethrowFailure() {
        if (failure.get() instanceof AssertionError e) {
            throw e;
        }
    }

    private void afterRead() {
        Thread me = Thread.currentThread();
        if (me != first) {
            read.add(me);
            return;
        }
        if (firstRead.getCount() == 0) {
            return; // hold only the first thread's first add
        }
        firstRead.countDown();
        try {
            await("every other thread to read the balance too, to wait at the lock, or to finish")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> othersStarted.getCount() == 0
                            && others.stream().allMatch(t -> read.contains(t) || WAITING_OR_DONE.contains(t.getState())));
            othersSeenWaiting = read.isEmpty() && others.stream().noneMatch(t -> t.getState() == Thread.State.TERMINATED);
        } catch (ConditionTimeoutException e) {
            // Let the first thread write anyway; the assertions on the outcome say what went wrong.
        }
    }
}
