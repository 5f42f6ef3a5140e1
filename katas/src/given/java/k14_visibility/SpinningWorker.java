package k14_visibility;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker that spins, counting, until its stop flag says stop: the loop that a stale read of the
 * flag keeps running for ever.
 *
 * <p>Run it on a thread of your own. The loop body touches no shared memory, does no IO and takes
 * no lock, so the only thing that can make the worker notice the stop is the flag itself. After
 * the worker's thread has been joined (the join is the happens-before edge) {@link #spins()}
 * tells how many times it went round.
 */
public final class SpinningWorker implements Runnable {

    private final StopFlag flag;
    private final CountDownLatch started = new CountDownLatch(1);
    private long spins;

    /**
     * A worker that stops when {@code flag} says so.
     *
     * @throws NullPointerException if {@code flag} is null
     */
    public SpinningWorker(StopFlag flag) {
        this.flag = Objects.requireNonNull(flag, "flag");
    }

    @Override
    public void run() {
        started.countDown(); // before the loop: it must not lend the loop a happens-before edge
        long n = 0;
        while (!flag.isStopRequested()) {
            n++;
        }
        spins = n;
    }

    /**
     * Waits until the worker has entered {@link #run}.
     *
     * @return whether it did within {@code timeout}
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many times the loop went round; read it only after joining the worker's thread. */
    public long spins() {
        return spins;
    }
}
