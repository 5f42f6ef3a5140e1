package k06_threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import support.Waits;

@DisplayName("NamedThreads")
class NamedThreadsTest {

    private static final long WAIT_SECONDS = 5;

    @Nested
    @Tag("task:1")
    @DisplayName("start (task 1)")
    class Start {

        @Test
        @DisplayName("runs the task on a new platform thread that carries the given name")
        void runsTaskUnderGivenName() throws InterruptedException {
            AtomicReference<Thread> ranOn = new AtomicReference<>();

            Thread thread = NamedThreads.start("LoopThread", () -> ranOn.set(Thread.currentThread()));
            assertThat(thread.join(Duration.ofSeconds(WAIT_SECONDS))).as("thread ended").isTrue();

            assertThat(ranOn.get()).isSameAs(thread).isNotSameAs(Thread.currentThread());
            assertThat(thread.getName()).isEqualTo("LoopThread");
            assertThat(thread.isVirtual()).as("a platform thread").isFalse();
        }

        @Test
        @DisplayName("returns while the task is still running, and join waits for its end")
        void returnsAtOnceAndJoinWaits() throws InterruptedException {
            CountDownLatch release = new CountDownLatch(1);

            Thread thread = NamedThreads.start("waiter", () -> awaitQuietly(release));

            assertThat(thread.isAlive()).as("started and still running").isTrue();
            release.countDown();
            assertThat(thread.join(Duration.ofSeconds(WAIT_SECONDS))).as("ended after release").isTrue();
            assertThat(thread.getState()).isEqualTo(Thread.State.TERMINATED);
        }

        @Test
        @DisplayName("rejects a null name, a blank name and a null task")
        void rejectsBadInput() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> NamedThreads.start(null, () -> {}));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> NamedThreads.start("  ", () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> NamedThreads.start("t", null));
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("call (task 2)")
    class CallReturnsResult {

        @Test
        @DisplayName("returns the value the task computed on another thread with the given name")
        void returnsValueFromAnotherThread() throws Exception {
            Thread caller = Thread.currentThread();

            String seen = NamedThreads.call("worker-7", () -> {
                assertThat(Thread.currentThread()).isNotSameAs(caller);
                return Thread.currentThread().getName();
            });

            assertThat(seen).isEqualTo("worker-7");
        }

        @Test
        @DisplayName("returns only after the thread has ended, so nothing is left running")
        void joinsTheThread() throws Exception {
            AtomicReference<Thread> worker = new AtomicReference<>();

            NamedThreads.call("short-lived", () -> {
                worker.set(Thread.currentThread());
                return 42;
            });

            assertThat(worker.get().getState()).isEqualTo(Thread.State.TERMINATED);
        }

        @Test
        @DisplayName("when the caller is interrupted while waiting, throws InterruptedException and interrupts the worker too")
        void interruptedCallerInterruptsWorker() throws Exception {
            CountDownLatch workerWaiting = new CountDownLatch(1);
            CountDownLatch workerInterrupted = new CountDownLatch(1);
            AtomicReference<Throwable> callerGot = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().name("impatient-caller").start(() -> {
                try {
                    NamedThreads.call("patient-worker", () -> {
                        workerWaiting.countDown();
                        try {
                            new CountDownLatch(1).await(); // waits until interrupted
                        } catch (InterruptedException e) {
                            workerInterrupted.countDown();
                        }
                        return null;
                    });
                } catch (Throwable t) {
                    callerGot.set(t);
                }
            });
            try {
                // The caller's call() starts the worker: a caller that already ended never will.
                Waits.until("the worker to start waiting", Duration.ofSeconds(WAIT_SECONDS), workerWaiting, caller);
                caller.interrupt();

                assertThat(caller.join(Duration.ofSeconds(WAIT_SECONDS))).as("caller gave up").isTrue();
                assertThat(callerGot.get()).isInstanceOf(InterruptedException.class);
                assertThat(workerInterrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("worker was interrupted").isTrue();
            } finally {
                caller.interrupt();
            }
        }

        @Test
        @DisplayName("rejects a null name, a blank name and a null task")
        void rejectsBadInput() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> NamedThreads.call(null, () -> 1));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> NamedThreads.call("", () -> 1));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> NamedThreads.call("t", null));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("call when the task fails (task 3)")
    class CallReportsFailure {

        @Test
        @DisplayName("hands an unchecked exception to the caller as the cause of an ExecutionException")
        void uncheckedExceptionReachesCaller() {
            IllegalStateException boom = new IllegalStateException("boom");

            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> NamedThreads.call("failing", () -> { throw boom; }))
                    .havingCause().isSameAs(boom);
        }

        @Test
        @DisplayName("hands a checked exception to the caller as the cause of an ExecutionException")
        void checkedExceptionReachesCaller() {
            IOException io = new IOException("disk on fire");

            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> NamedThreads.call("failing", () -> { throw io; }))
                    .havingCause().isSameAs(io);
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("startVirtual (task 4)")
    class StartVirtual {

        @Test
        @DisplayName("runs the task on a named virtual thread")
        void runsOnNamedVirtualThread() throws InterruptedException {
            AtomicReference<Thread> ranOn = new AtomicReference<>();

            Thread thread = NamedThreads.startVirtual("fiber-1", () -> ranOn.set(Thread.currentThread()));
            assertThat(thread.join(Duration.ofSeconds(WAIT_SECONDS))).as("thread ended").isTrue();

            assertThat(ranOn.get()).isSameAs(thread);
            assertThat(thread.isVirtual()).as("a virtual thread").isTrue();
            assertThat(thread.getName()).isEqualTo("fiber-1");
        }

        @Test
        @DisplayName("starts ten thousand threads that all run and can all be joined")
        void tenThousandVirtualThreads() throws InterruptedException {
            LongAdder ran = new LongAdder();
            Thread[] threads = new Thread[10_000];

            for (int i = 0; i < threads.length; i++) {
                threads[i] = NamedThreads.startVirtual("v-" + i, ran::increment);
            }
            for (Thread t : threads) {
                assertThat(t.join(Duration.ofSeconds(WAIT_SECONDS))).as(t.getName() + " ended").isTrue();
            }

            assertThat(ran.sum()).isEqualTo(10_000);
        }

        @Test
        @DisplayName("rejects a null name, a blank name and a null task")
        void rejectsBadInput() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> NamedThreads.startVirtual(null, () -> {}));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> NamedThreads.startVirtual("\t", () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> NamedThreads.startVirtual("t", null));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
