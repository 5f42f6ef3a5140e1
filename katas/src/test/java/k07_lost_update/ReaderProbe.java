package k07_lost_update;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Calls {@code get} while another thread is between the read and the write of {@code add(5)}.
 *
 * <p>The writer is held inside its {@code afterRead} hook until the reader has returned or is
 * seen waiting. A balance that guards {@code get} with the same lock as {@code add} makes the
 * reader wait, and it then reads 5. A {@code get} that takes no lock, or another lock, returns at
 * once, while the update is half done: on every run, not by luck.
 */
final class ReaderProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Set<Thread.State> WAITING_OR_DONE = EnumSet.of(
            Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);

    /**
     * What the reader saw.
     *
     * @param read what {@code get} returned
     * @param returnedWhileWriterInside whether {@code get} returned while the writer was still between its read and its write
     */
    record Outcome(long read, boolean returnedWhileWriterInside) {}

    private final CountDownLatch writerInside = new CountDownLatch(1);
    private final CountDownLatch readerStarted = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Thread writer;
    private volatile Thread reader;
    private volatile boolean readerDoneWhileHeld;

    private ReaderProbe() {}

    static Outcome run(Function<Runnable, Balance> balanceWithHook) throws InterruptedException {
        ReaderProbe probe = new ReaderProbe();
        Balance balance = balanceWithHook.apply(probe::afterRead);
        AtomicLong seen = new AtomicLong(Long.MIN_VALUE);
        probe.writer = Thread.ofPlatform().name("writer-adds-5").unstarted(() -> balance.add(5));
        probe.reader = Thread.ofPlatform().name("reader").unstarted(() -> seen.set(balance.get()));
        probe.writer.setUncaughtExceptionHandler(probe::failed);
        probe.reader.setUncaughtExceptionHandler(probe::failed);
        probe.writer.start();
        await("the writer to read the balance and reach afterRead")
                .atMost(PATIENCE)
                .until(() -> probe.writerInside.getCount() == 0 || !probe.writer.isAlive());
        if (probe.writerInside.getCount() != 0) {
            probe.writer.join(PATIENCE);
            probe.rethrowFailure();
            throw new AssertionError("add never called the afterRead hook: keep calling it between the read and the write");
        }
        probe.reader.start();
        probe.readerStarted.countDown();
        boolean ended = probe.writer.join(PATIENCE) & probe.reader.join(PATIENCE);
        if (!ended) {
            throw new AssertionError("the writer and the reader did not finish within " + PATIENCE.toSeconds()
                    + " s: is the lock released after the write, and after the read?");
        }
        probe.rethrowFailure();
        return new Outcome(seen.get(), probe.readerDoneWhileHeld);
    }

    private void failed(Thread thread, Throwable e) {
        failure.compareAndSet(null, new AssertionError(thread.getName() + " failed: " + e, e));
    }

    private void rethrowFailure() {
        if (failure.get() instanceof AssertionError e) {
            throw e;
        }
    }

    private void afterRead() {
        if (Thread.currentThread() != writer || writerInside.getCount() == 0) {
            return;
        }
        writerInside.countDown();
        try {
            await("the reader to wait at the lock, or to return")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> readerStarted.getCount() == 0 && WAITING_OR_DONE.contains(reader.getState()));
            readerDoneWhileHeld = reader.getState() == Thread.State.TERMINATED;
        } catch (ConditionTimeoutException e) {
            // Let the writer go on; the assertions on the outcome say what went wrong.
        }
    }
}
