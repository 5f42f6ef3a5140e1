package k06_threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
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
            Thread caller = Thread.currentThread();

            Thread thread = NamedThreads.start("waiter", () -> {
                if (Thread.currentThread() != caller) { // run on the caller itself, it would wait for itself
                    awaitQuietly(release);
                }
            });

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

            Thread ran = worker.get();
            assertThat(ran).as("the thread that ran the task").isNotSameAs(Thread.currentThread());
            if (ran.getState() != Thread.State.TERMINATED) {
                // An executor's thread may take a moment to end after it has handed over the result:
                // it must then end by itself, not stay behind waiting for more work.
                Waits.until("the thread '" + ran.getName() + "' that ran the task to end after call returned",
                        Waits.PROMPTLY, () -> ran.getState() == Thread.State.TERMINATED);
            }
        }

        @Test
        @DisplayName("waits for the task's answer, however long the task takes")
        void waitsForASlowTask() throws InterruptedException {
            CountDownLatch taskStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Object> callerGot = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().name("waiting-caller").start(() -> {
                try {
                    callerGot.set(NamedThreads.call("slow-worker", () -> {
                        taskStarted.countDown();
                        release.await();
                        return "the late answer";
                    }));
                } catch (Throwable t) {
                    callerGot.set(t);
                }
            });
            try {
                await("the task to start, or call to end").atMost(Duration.ofSeconds(WAIT_SECONDS))
                        .until(() -> taskStarted.getCount() == 0 || !caller.isAlive());
                assertThat(taskStarted.getCount()).as("the task started (call ended with %s)", callerGot.get()).isZero();
                // The task cannot answer before release: a caller that does not wait has returned by
                // now, whatever the timing, and one that waits is parked until release.
                await("call to wait for the task, or to return without its answer")
                        .atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> parkedOrDone(caller));
                assertThat(caller.isAlive()).as("call is still waiting while the task has not answered").isTrue();
                release.countDown();
                assertThat(caller.join(Duration.ofSeconds(WAIT_SECONDS))).as("call returned after the answer").isTrue();
                assertThat(callerGot.get()).isEqualTo("the late answer");
            } finally {
                release.countDown();
                caller.interrupt();
            }
        }

        @Test
        @DisplayName("when the caller is interrupted while waiting, throws InterruptedException and interrupts the worker too")
        void interruptedCallerInterruptsWorker() throws Exception {
            CountDownLatch workerWaiting = new CountDownLatch(1);
            CountDownLatch workerSawInterrupt = new CountDownLatch(1);
            AtomicReference<Thread> worker = new AtomicReference<>();
            AtomicReference<Throwable> callerGot = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().name("impatient-caller").start(() -> {
                try {
                    NamedThreads.call("patient-worker", () -> {
                        worker.set(Thread.currentThread());
                        workerWaiting.countDown();
                        // Waits until interrupted, and leaves the interrupt status set, so the test can see it.
                        while (!Thread.currentThread().isInterrupted()) {
                            LockSupport.park();
                        }
                        workerSawInterrupt.countDown();
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
                // The caller interrupts the worker before it throws, so by the caller's end the worker
                // either still has the interrupt pending or has already seen it: no waiting needed.
                assertThat(worker.get().isInterrupted() || workerSawInterrupt.getCount() == 0)
                        .as("worker was interrupted").isTrue();
            } finally {
                caller.interrupt();
                if (worker.get() != null) {
                    worker.get().interrupt(); // code that left the worker waiting: end it, so nothing leaks
                }
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

            AtomicReference<String> nameSeen = new AtomicReference<>();
            Thread thread = NamedThreads.startVirtual("fiber-1", () -> {
                nameSeen.set(Thread.currentThread().getName()); // first thing: named from its very start
                ranOn.set(Thread.currentThread());
            });
            assertThat(thread.join(Duration.ofSeconds(WAIT_SECONDS))).as("thread ended").isTrue();

            assertThat(ranOn.get()).isSameAs(thread);
            assertThat(thread.isVirtual()).as("a virtual thread").isTrue();
            assertThat(thread.getName()).isEqualTo("fiber-1");
            assertThat(nameSeen.get()).as("the name the task saw when it started").isEqualTo("fiber-1");
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

    private static boolean parkedOrDone(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
