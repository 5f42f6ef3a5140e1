package k13_async_io;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * Asks several slow {@link Service}s the same question at once and combines their answers: Java's
 * {@code asyncio.gather}, with a timeout and a fallback.
 *
 * <p>Both methods start every call on the given executor before they return, and never block the
 * caller: the caller gets a {@link CompletableFuture} at once. Each service's answer
 * happens-before the returned future completes with it. A call still running when the future
 * completes (after a timeout, or another call's failure) is not interrupted: it goes on until its
 * service returns, on its executor thread.
 */
public final class FanOut {

    private FanOut() {}

    /**
     * Calls every service with {@code query} concurrently on {@code executor}; the future holds
     * their answers in the order of {@code services}.
     *
     * <p>The future fails as soon as any call fails, with the service's exception as the cause of
     * the {@link java.util.concurrent.ExecutionException} that {@code get} throws, without waiting
     * for the other calls. If not every service has answered within {@code deadline}, it fails with
     * a {@link TimeoutException}.
     *
     * @throws NullPointerException if any argument or any service is null
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public static CompletableFuture<List<String>> gather(List<? extends Service> services, String query,
            Executor executor, Duration deadline) {
        // TODO task 1: check the arguments; start one call per service on the executor; combine the
        //      calls into one future of the answers, in order; fail it at the first failure; give it
        //      the deadline.
        throw new UnsupportedOperationException("Task 1 of k13_async_io: call every service at once and gather the answers. See README.md.");
    }

    /**
     * Like {@link #gather}, but never fails: a service that fails, or has not answered within
     * {@code patience}, contributes {@code fallback} instead of its answer. The future completes
     * at most about {@code patience} after the call, however the services behave.
     *
     * @throws NullPointerException if any argument or any service is null
     * @throws IllegalArgumentException if {@code patience} is zero or negative
     */
    public static CompletableFuture<List<String>> gatherOrFallback(List<? extends Service> services, String query,
            Executor executor, Duration patience, String fallback) {
        // TODO task 2: the same fan-out, but give each call its own patience and turn a late or
        //      failed call into the fallback before combining.
        throw new UnsupportedOperationException("Task 2 of k13_async_io: time-box each service and fall back. See README.md.");
    }
}
