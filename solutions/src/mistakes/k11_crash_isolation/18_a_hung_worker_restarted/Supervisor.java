package k11_crash_isolation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Runs a worker program in a child JVM and starts it again each time it crashes, up to a limit,
 * then gives up and says why.
 *
 * <p>A crash is any exit code other than 0. The attempts run one after another on the calling
 * thread, which blocks until the worker succeeds or the supervisor gives up; each attempt's
 * child is gone before the next one starts. A worker that outlives the timeout of one attempt is
 * killed and not restarted: the {@link TimeoutException} reaches the caller.
 */
public final class Supervisor {

    private final int maxRestarts;
    private final Duration timeoutPerAttempt;

    /**
     * @param maxRestarts how many times a crashed worker is started again (0: run it once)
     * @param timeoutPerAttempt how long one run of the worker may take
     * @throws IllegalArgumentException if {@code maxRestarts} is negative or {@code timeoutPerAttempt}
     *         is zero or negative
     * @throws NullPointerException if {@code timeoutPerAttempt} is null
     */
    public Supervisor(int maxRestarts, Duration timeoutPerAttempt) {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, was " + maxRestarts);
        }
        Objects.requireNonNull(timeoutPerAttempt, "timeoutPerAttempt");
        if (timeoutPerAttempt.isZero() || timeoutPerAttempt.isNegative()) {
            throw new IllegalArgumentException("timeoutPerAttempt must be positive, was " + timeoutPerAttempt);
        }
        this.maxRestarts = maxRestarts;
        this.timeoutPerAttempt = timeoutPerAttempt;
    }

    /**
     * Runs {@code worker} with {@code args} until one run exits with 0, starting it at most
     * {@code maxRestarts + 1} times.
     *
     * @return the successful run and how many attempts it took
     * @throws GaveUpException if every allowed attempt crashed; it names the attempts and the last crash
     * @throws TimeoutException if one attempt outlived its timeout (it was killed)
     * @throws IOException if a worker could not be started
     * @throws InterruptedException if the caller is interrupted while waiting (the running worker is killed)
     * @throws NullPointerException if {@code worker}, {@code args} or any argument is null
     */
    public Supervised run(Class<?> worker, List<String> args)
            throws GaveUpException, TimeoutException, IOException, InterruptedException {
        Objects.requireNonNull(worker, "worker");
        List<String> arguments = List.copyOf(args);
        ChildResult last = null;
        for (int attempt = 1; attempt <= maxRestarts + 1; attempt++) {
            try {
                last = ChildJvm.run(worker, arguments, timeoutPerAttempt);
            } catch (TimeoutException hung) {
                if (attempt == maxRestarts + 1) {
                    throw hung;
                }
                continue; // a hung worker is a crashed worker: start it again
            }
            if (last.succeeded()) {
                return new Supervised(attempt, last);
            }
        }
        throw new GaveUpException(maxRestarts + 1, last);
    }
}
