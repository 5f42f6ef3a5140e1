package support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * Waits that end as soon as their outcome is certain, not at their deadline.
 *
 * <p>A test often waits for something that only one thread of the learner's code can bring about:
 * items delivered by a consumer, a worker that says it started. Once that thread has ended and the
 * condition is still false, nothing can make it true any more: waiting out the test's patience
 * would only delay the verdict on wrong code by seconds. These waits fail at once then, naming the
 * thread that ended, and otherwise behave like {@code await(what).atMost(patience).until(condition)}.
 */
public final class Waits {

    private static final Duration POLL = Duration.ofMillis(10);

    /**
     * How long a step that takes milliseconds (a kill and its reaping, two process starts, a pool
     * thread's end) may take before a test calls the learner's code late. Five seconds: on a
     * two-core machine at a load average of 20 such a step has been seen to take a second, and a
     * correct solution must never fail because the machine is busy. Wrong code that never takes
     * the step fails after this long, with a sentence, well within the test's timeout.
     */
    public static final Duration PROMPTLY = Duration.ofSeconds(5);

    private Waits() {}

    /**
     * Waits until {@code condition} holds, at most {@code patience}.
     *
     * @param what what the test waits for, in words: the failure message says it
     * @param patience the most the test waits
     * @param condition what must become true
     * @param workers the threads that alone can make the condition true: when one of them has
     *     ended while the condition is still false, the wait fails at once
     * @throws AssertionError if a worker ended first
     * @throws org.awaitility.core.ConditionTimeoutException if the patience ran out
     */
    public static void until(String what, Duration patience, BooleanSupplier condition, Thread... workers) {
        await(what).atMost(patience).pollDelay(Duration.ZERO).pollInterval(POLL)
                .failFast(() -> {
                    for (Thread worker : workers) {
                        // Read the thread's end before the condition: if the condition is still
                        // false after the thread ended, the thread can no longer change it.
                        if (worker != null && !worker.isAlive() && !condition.getAsBoolean()) {
                            throw new AssertionError("Gave up waiting for " + what + ": thread '" + worker.getName()
                                    + "' ended first, so it never will (did your code throw, or return early?)");
                        }
                    }
                })
                .until(condition::getAsBoolean);
    }

    /**
     * Waits until {@code latch} reaches zero, at most {@code patience}, failing at once when one
     * of {@code workers} has ended first.
     *
     * @see #until(String, Duration, BooleanSupplier, Thread...)
     */
    public static void until(String what, Duration patience, CountDownLatch latch, Thread... workers) {
        until(what, patience, () -> latch.getCount() == 0, workers);
    }
}
