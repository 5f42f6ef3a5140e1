package k13_async_io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("FanOut")
class FanOutTest {

    /** Far longer than anything here should take; a bound, never a way to synchronise. */
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Long enough that no timeout fires while a test is still checking something else. */
    private static final Duration NEVER = Duration.ofMinutes(1);
    /** A short timeout for tests where it must fire. */
    private static final Duration SHORT = Duration.ofMillis(100);

    /** The pool the services are called on; its threads carry this name, so the tests can tell them apart. */
    private static final String CALLER_PREFIX = "service-caller-";

    private ExecutorService executor;
    /** Runs the call to FanOut itself, so that a FanOut that blocks its caller fails a check instead of hanging the test. */
    private ExecutorService caller;
    private final List<HeldService> held = new ArrayList<>();

    @BeforeEach
    void startPools() {
        executor = Executors.newFixedThreadPool(8, Thread.ofPlatform().name(CALLER_PREFIX, 0).factory());
        caller = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("fan-out-caller").factory());
    }

    @AfterEach
    void releaseServicesAndClosePools() {
        held.forEach(HeldService::release); // a call still held would keep close() waiting for ever
        caller.close();
        executor.close();
    }

    /**
     * A service that answers "name:query" only when the test releases it. Each call counts down
     * {@code started} first, so the test knows every call is under way while none has answered.
     */
    private final class HeldService implements Service {
        final String name;
        final CountDownLatch started;
        final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch answered = new CountDownLatch(1);
        volatile Thread calledOn;

        HeldService(String name, CountDownLatch started) {
            this.name = name;
            this.started = started;
            held.add(this);
        }

        @Override
        public String call(String query) throws InterruptedException {
            calledOn = Thread.currentThread();
            started.countDown();
            released.await(); // the test releases it, at the latest in @AfterEach
            answered.countDown();
            return name + ":" + query;
        }

        void release() {
            released.countDown();
        }
    }

    private static Service answering(String name) {
        return query -> name + ":" + query;
    }

    private static Service failingWith(Exception failure) {
        return query -> {
            throw failure;
        };
    }

    /**
     * The future FanOut returned on the caller thread. Whatever FanOut threw is rethrown here, as
     * if it had been called on the test thread; a FanOut that waits for the services fails.
     */
    private static CompletableFuture<List<String>> returnedWithoutWaiting(Future<CompletableFuture<List<String>>> call)
            throws InterruptedException, ExecutionException {
        try {
            return call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error thrown) {
                throw thrown;
            }
            throw e;
        } catch (TimeoutException e) {
            return fail("FanOut has not returned within " + WAIT.toSeconds() + " s: it must hand back its future at once,"
                    + " without waiting for the services to answer", e);
        }
    }

    /**
     * Fans a query "q" out to three held services through {@code fanOut} on the caller thread, and
     * checks that all three were called, on the executor, before any answered, and that the call
     * returned at once; then lets them answer.
     */
    private void assertCallsConcurrently(Function<List<HeldService>, CompletableFuture<List<String>>> fanOut)
            throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        List<HeldService> services = List.of(new HeldService("alpha", started),
                new HeldService("beta", started), new HeldService("gamma", started));

        CompletableFuture<List<String>> answers = returnedWithoutWaiting(caller.submit(() -> fanOut.apply(services)));

        assertThat(allStarted(started)).as("all three services were called while none had answered yet").isTrue();
        assertThat(answers).as("the answers, before any service has answered").isNotDone();
        for (HeldService service : services) {
            assertThat(service.calledOn.getName()).as("thread that called " + service.name).startsWith(CALLER_PREFIX);
        }
        services.forEach(HeldService::release);
        assertThat(answers).succeedsWithin(WAIT).isEqualTo(List.of("alpha:q", "beta:q", "gamma:q"));
    }

    private static boolean allStarted(CountDownLatch started) throws InterruptedException {
        return started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Nested
    @Tag("task:1")
    @DisplayName("gather (task 1)")
    class Gather {

        @Test
        @DisplayName("starts every call before any of them answers, each on the executor, and returns at once")
        void callsConcurrently() throws Exception {
            assertCallsConcurrently(services -> FanOut.gather(services, "q", executor, NEVER));
        }

        @Test
        @DisplayName("keeps the answers in the order of the services, whichever answers first")
        void keepsServiceOrder() throws Exception {
            CountDownLatch started = new CountDownLatch(3);
            HeldService alpha = new HeldService("alpha", started);
            HeldService beta = new HeldService("beta", started);
            HeldService gamma = new HeldService("gamma", started);

            CompletableFuture<List<String>> answers = returnedWithoutWaiting(
                    caller.submit(() -> FanOut.gather(List.of(alpha, beta, gamma), "order", executor, NEVER)));
            assertThat(allStarted(started)).as("all three services were called").isTrue();
            for (HeldService last : List.of(gamma, beta, alpha)) { // answer in reverse order
                last.release();
                assertThat(last.answered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as(last.name + " answered").isTrue();
            }

            assertThat(answers).succeedsWithin(WAIT).isEqualTo(List.of("alpha:order", "beta:order", "gamma:order"));
        }

        @Test
        @DisplayName("fails with the service's own exception as soon as one fails, while another is still busy")
        void failsFast() throws Exception {
            IOException boom = new IOException("service unavailable");
            CountDownLatch started = new CountDownLatch(1);
            HeldService slow = new HeldService("slow", started);

            CompletableFuture<List<String>> answers = returnedWithoutWaiting(
                    caller.submit(() -> FanOut.gather(List.of(slow, failingWith(boom)), "q", executor, NEVER)));

            Throwable outcome = catchThrowable(() -> answers.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            if (outcome instanceof TimeoutException) {
                slow.release(); // let 'slow' answer, to tell a failure kept back from a failure swallowed
                Throwable later = catchThrowable(() -> answers.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                fail(later == null
                        ? "a service threw " + boom + ", yet the answers did not fail: once 'slow' answered they"
                                + " completed normally with " + answers.resultNow() + ", so the failure was swallowed"
                        : "a service threw " + boom + ", but the answers had not failed " + WAIT.toSeconds() + " s later:"
                                + " they waited for 'slow', the other service, to answer first");
            }
            assertThat(answers).as("the answers, while 'slow' is still held")
                    .failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isSameAs(boom);
            assertThat(slow.answered.getCount()).as("'slow' has not answered: the failure did not wait for it").isEqualTo(1);
        }

        @Test
        @DisplayName("fails with a TimeoutException when a service has not answered by the deadline")
        void timesOut() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            HeldService silent = new HeldService("silent", started);

            CompletableFuture<List<String>> answers = returnedWithoutWaiting(
                    caller.submit(() -> FanOut.gather(List.of(answering("quick"), silent), "q", executor, SHORT)));

            assertThat(answers).failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(TimeoutException.class);
        }

        @Test
        @DisplayName("completes with no answers when there are no services")
        void noServices() {
            assertThat(FanOut.gather(List.of(), "q", executor, NEVER)).succeedsWithin(WAIT).isEqualTo(List.of());
        }

        @Test
        @DisplayName("rejects null arguments, a null service and a deadline that is not positive")
        void rejectsBadInput() {
            List<Service> one = List.of(answering("a"));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> FanOut.gather(null, "q", executor, NEVER));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> FanOut.gather(Arrays.asList(answering("a"), null), "q", executor, NEVER));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> FanOut.gather(one, null, executor, NEVER));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> FanOut.gather(one, "q", null, NEVER));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> FanOut.gather(one, "q", executor, null));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> FanOut.gather(one, "q", executor, Duration.ZERO));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> FanOut.gather(one, "q", executor, Duration.ofSeconds(-1)));
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("gatherOrFallback (task 2)")
    class GatherOrFallback {

        @Test
        @DisplayName("starts every call before any of them answers, each on the executor, and returns at once")
        void callsConcurrently() throws Exception {
            assertCallsConcurrently(services -> FanOut.gatherOrFallback(services, "q", executor, NEVER, "n/a"));
        }

        @Test
        @DisplayName("puts the fallback in place of a service that fails, and keeps the others' answers")
        void fallsBackOnFailure() throws Exception {
            List<Service> services = List.of(answering("alpha"), failingWith(new IOException("down")),
                    failingWith(new IllegalStateException("bug")), answering("delta"));

            CompletableFuture<List<String>> answers = returnedWithoutWaiting(
                    caller.submit(() -> FanOut.gatherOrFallback(services, "q", executor, NEVER, "n/a")));

            assertThat(answers).succeedsWithin(WAIT).isEqualTo(List.of("alpha:q", "n/a", "n/a", "delta:q"));
        }

        @Test
        @DisplayName("puts the fallback in place of a service that has not answered when its patience runs out")
        void fallsBackOnTimeout() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            HeldService silent = new HeldService("silent", started);

            CompletableFuture<List<String>> answers = returnedWithoutWaiting(
                    caller.submit(() -> FanOut.gatherOrFallback(List.of(silent, answering("quick")), "q", executor, SHORT, "n/a")));

            assertThat(answers).as("the answers, while 'silent' is still held").succeedsWithin(WAIT)
                    .isEqualTo(List.of("n/a", "quick:q"));
            assertThat(silent.answered.getCount()).as("'silent' never answered").isEqualTo(1);
        }

        @Test
        @DisplayName("rejects null arguments, a null service or fallback and a patience that is not positive")
        void rejectsBadInput() {
            List<Service> one = List.of(answering("a"));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(null, "q", executor, NEVER, "n/a"));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(Arrays.asList(answering("a"), null), "q", executor, NEVER, "n/a"));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(one, null, executor, NEVER, "n/a"));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(one, "q", null, NEVER, "n/a"));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(one, "q", executor, null, "n/a"));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(one, "q", executor, NEVER, null));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(one, "q", executor, Duration.ZERO, "n/a"));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> FanOut.gatherOrFallback(one, "q", executor, Duration.ofMillis(-5), "n/a"));
        }
    }
}
