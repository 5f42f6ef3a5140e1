package k02_pool;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import support.Waits;

@DisplayName("WorkerPool")
class WorkerPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String LAST_TASK = "the last task of runAll";
    /**
     * How long the number of started tasks must stay at K while K tasks are blocked. A pool
     * without a limit starts its extra tasks within a millisecond of their submission; a pool
     * with the limit never starts them, however long we look.
     */
    private static final Duration HOLD = Duration.ofMillis(300);

    @Nested
    @Tag("task:1")
    @DisplayName("running tasks (task 1)")
    class Running {

        @Test
        @DisplayName("runs at most K tasks at once, and starts the next one only when one has finished")
        void runsAtMostKAtOnce() throws Exception {
            try (WorkerPool pool = new WorkerPool(3)) {
                assertThat(pool.size()).isEqualTo(3);
                assertRunsAtMostKAtOnce(pool, 3);
            }
        }

        @Test
        @DisplayName("has one worker per available processor by default")
        void defaultSizeIsProcessorCount() throws Exception {
            int processors = Runtime.getRuntime().availableProcessors();
            try (WorkerPool pool = new WorkerPool()) {
                assertThat(pool.size()).isEqualTo(processors);
                assertRunsAtMostKAtOnce(pool, processors);
            }
        }

        @Test
        @DisplayName("close waits until every task, queued ones included, has ended")
        void closeWaitsForEveryTask() throws Exception {
            GatedTasks tasks = new GatedTasks(3);
            WorkerPool pool = new WorkerPool(2);
            List<Future<Integer>> futures = tasks.submitAll(pool);
            Thread closer = Thread.ofPlatform().name("closer").start(pool::close);
            try {
                await("close to block while tasks are running").atMost(WAIT).until(() -> isBlockedOrDone(closer));
                assertThat(closer.isAlive()).as("close still waiting for blocked tasks").isTrue();

                tasks.openAll();

                assertThat(closer.join(WAIT)).as("close returned once the tasks ended").isTrue();
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i)).as("task %d when close returned", i).isDone();
                }
                assertThat(tasks.started).hasSize(3);
            } finally {
                tasks.openAll();
                closer.join(WAIT);
            }
        }

        @Test
        @DisplayName("runs a task on a worker thread, never on the caller's")
        void runsOnWorkerThread() {
            try (WorkerPool pool = new WorkerPool(1)) {
                assertThat(pool.submit(Thread::currentThread)).succeedsWithin(WAIT).isNotSameAs(Thread.currentThread());
            }
        }

        @Test
        @DisplayName("rejects a size of zero or less, and a null task")
        void rejectsBadInput() {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new WorkerPool(0));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new WorkerPool(-4));
            try (WorkerPool pool = new WorkerPool(1)) {
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> pool.submit(null));
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("shutting down (task 2)")
    class ShuttingDown {

        @Test
        @DisplayName("shutdown lets running and queued tasks finish, and awaitTermination waits for them")
        void shutdownThenAwaitTermination() throws Exception {
            GatedTasks tasks = new GatedTasks(4);
            try (WorkerPool pool = new WorkerPool(2)) {
                try {
                    List<Future<Integer>> futures = tasks.submitAll(pool);
                    pool.shutdown();

                    // The tasks cannot end before their gates open, so this wait must come back empty.
                    assertThat(pool.awaitTermination(Duration.ofMillis(100))).as("terminated while tasks are blocked").isFalse();
                    tasks.openAll();
                    assertThat(pool.awaitTermination(WAIT)).as("terminated once the tasks could end").isTrue();

                    assertThat(tasks.started).as("tasks that ran, queued ones included").hasSize(4);
                    for (int i = 0; i < futures.size(); i++) {
                        assertThat(futures.get(i)).isDone().succeedsWithin(Duration.ZERO).isEqualTo(i);
                    }
                } finally {
                    tasks.openAll();
                }
            }
        }

        @Test
        @DisplayName("rejects tasks submitted after shutdown or close")
        void rejectsTasksAfterShutdown() {
            WorkerPool pool = new WorkerPool(1);
            pool.shutdown();
            assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.submit(() -> 1));
            assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.runAll(List.<Callable<Integer>>of(() -> 1)));
            pool.close();
            assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.submit(() -> 2));
        }

        @Test
        @DisplayName("awaitTermination rejects a null, zero or negative timeout")
        void rejectsBadTimeouts() {
            try (WorkerPool pool = new WorkerPool(1)) {
                pool.shutdown();
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> pool.awaitTermination(null));
                assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> pool.awaitTermination(Duration.ZERO));
                assertThatExceptionOfType(IllegalArgumentException.class)
                        .isThrownBy(() -> pool.awaitTermination(Duration.ofSeconds(-1)));
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("results and failures (task 3)")
    class ResultsAndFailures {

        @Test
        @DisplayName("runAll returns the results in submission order, even when the tasks finish in another order")
        void runAllKeepsSubmissionOrder() throws Exception {
            List<Integer> finished = new CopyOnWriteArrayList<>();
            CountDownLatch othersFinished = new CountDownLatch(3);
            List<Callable<String>> tasks = new ArrayList<>();
            tasks.add(() -> { // the first task finishes last: it waits for all the others
                if (!othersFinished.await(WAIT.toMillis(), MILLISECONDS)) {
                    throw new TimeoutException("the other tasks never finished: do they run at the same time as this one?");
                }
                finished.add(0);
                return "result 0";
            });
            for (int i = 1; i <= 3; i++) {
                int id = i;
                tasks.add(() -> {
                    finished.add(id);
                    othersFinished.countDown();
                    return "result " + id;
                });
            }

            try (WorkerPool pool = new WorkerPool(2)) {
                List<String> results = pool.runAll(tasks);

                assertThat(finished).as("order in which the tasks finished").endsWith(0);
                assertThat(results).containsExactly("result 0", "result 1", "result 2", "result 3");
            }
        }

        @Test
        @DisplayName("a task's exception reaches the caller through its future, and the worker goes on with the next task")
        void failureReachesCallerAndPoolGoesOn() {
            IllegalStateException boom = new IllegalStateException("boom");
            try (WorkerPool pool = new WorkerPool(1)) {
                Future<String> failing = pool.submit(() -> { throw boom; });
                assertThat(failing).failsWithin(WAIT)
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause().isSameAs(boom);

                assertThat(pool.submit(() -> "next")).as("the task after the failure").succeedsWithin(WAIT).isEqualTo("next");
            }
        }

        @Test
        @DisplayName("runAll lets every task run, then throws the first failure in submission order")
        void runAllThrowsFirstFailure() throws Exception {
            AtomicInteger succeeded = new AtomicInteger();
            IllegalStateException first = new IllegalStateException("first");
            IllegalArgumentException second = new IllegalArgumentException("second");
            CountDownLatch lastStarted = new CountDownLatch(1);
            CountDownLatch releaseLast = new CountDownLatch(1);
            Callable<Integer> last = new Callable<>() {
                @Override
                public Integer call() throws InterruptedException {
                    lastStarted.countDown();
                    releaseLast.await(); // held until runAll is seen waiting for it
                    return succeeded.incrementAndGet();
                }

                @Override
                public String toString() {
                    return LAST_TASK; // a FutureTask names its task while it is not done
                }
            };
            List<Callable<Integer>> tasks = List.of(
                    succeeded::incrementAndGet,
                    () -> { throw first; },
                    () -> { throw second; },
                    last);

            try (WorkerPool pool = new WorkerPool(2)) {
                FutureTask<List<Integer>> call = new FutureTask<>(() -> pool.runAll(tasks));
                Thread caller = Thread.ofPlatform().name("runAll").start(call);
                try {
                    Waits.until("the last task to start", WAIT, lastStarted, caller);
                    // While the last task is held, runAll must not return: it is done when it waits for
                    // the last task's future (a FutureTask's waiter parks on it), or, waiting some other
                    // way, when it is still waiting after a while.
                    long since = System.nanoTime();
                    await("runAll to return, or to wait for the last task").atMost(WAIT).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(5)).until(() -> call.isDone()
                                    || String.valueOf(LockSupport.getBlocker(caller)).contains(LAST_TASK)
                                    || System.nanoTime() - since > Duration.ofSeconds(1).toNanos());
                    assertThat(call.isDone())
                            .as("runAll had returned while the last task was still running: it must let every task "
                                    + "end before it throws the first failure")
                            .isFalse();
                } finally {
                    releaseLast.countDown();
                }
                assertThatExceptionOfType(ExecutionException.class)
                        .isThrownBy(() -> call.get(WAIT.toMillis(), MILLISECONDS))
                        .havingCause().isInstanceOf(ExecutionException.class)
                        .havingCause().isSameAs(first);
                assertThat(succeeded).as("tasks that ran to the end").hasValue(2);

                assertThat(pool.submit(() -> "next")).as("the task after the failures").succeedsWithin(WAIT).isEqualTo("next");
            }
        }

        @Test
        @DisplayName("runAll rejects a null list or a null task and runs nothing then, and returns nothing for no tasks")
        void runAllRejectsNulls() throws Exception {
            AtomicBoolean ran = new AtomicBoolean();
            try (WorkerPool pool = new WorkerPool(1)) {
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> pool.runAll(null));
                assertThatExceptionOfType(NullPointerException.class)
                        .isThrownBy(() -> pool.runAll(Arrays.<Callable<Boolean>>asList(() -> ran.getAndSet(true), null)));
                assertThat(pool.runAll(List.<Callable<String>>of())).isEmpty();
            }
            assertThat(ran).as("a task of the rejected list ran").isFalse();
        }
    }

    /**
     * Submits K + 2 tasks that block until the test opens their gate, and checks that exactly K
     * start, that no other starts while they block, and that one more starts when one finishes.
     */
    static void assertRunsAtMostKAtOnce(WorkerPool pool, int k) throws Exception {
        GatedTasks tasks = new GatedTasks(k + 2);
        try {
            List<Future<Integer>> futures = tasks.submitAll(pool);

            await("the first " + k + " tasks to start").atMost(WAIT)
                    .untilAsserted(() -> assertThat(tasks.started).as("tasks started").hasSize(k));
            await("no task beyond " + k + " to start while " + k + " are blocked")
                    .during(HOLD).atMost(HOLD.plus(WAIT)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(tasks.started).as("tasks started").hasSize(k));
            assertThat(tasks.started).as("the tasks that started: the first ones submitted")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, k).boxed().toList());

            tasks.open(0);
            assertThat(futures.get(0)).succeedsWithin(WAIT).isEqualTo(0);
            await("task " + k + " to start once task 0 has finished").atMost(WAIT)
                    .untilAsserted(() -> assertThat(tasks.started).as("tasks started").hasSize(k + 1).contains(k));

            tasks.openAll();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i)).succeedsWithin(WAIT).isEqualTo(i);
            }
            assertThat(tasks.maxRunning).as("most tasks ever running at once").hasValue(k);
        } finally {
            tasks.openAll();
        }
    }

    private static boolean isBlockedOrDone(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
    }

    /** Tasks that record their start and then block until the test opens their gate. */
    static final class GatedTasks {
        final List<Integer> started = new CopyOnWriteArrayList<>();
        final AtomicInteger maxRunning = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final List<CountDownLatch> gates;

        GatedTasks(int count) {
            gates = IntStream.range(0, count).mapToObj(i -> new CountDownLatch(1)).toList();
        }

        Callable<Integer> task(int id) {
            return () -> {
                started.add(id);
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    // Bounded, so that a test that fails before opening the gate cannot leave a worker stuck.
                    if (!gates.get(id).await(2 * WAIT.toMillis(), MILLISECONDS)) {
                        throw new TimeoutException("gate " + id + " was never opened");
                    }
                    return id;
                } finally {
                    running.decrementAndGet();
                }
            };
        }

        List<Future<Integer>> submitAll(WorkerPool pool) {
            return IntStream.range(0, gates.size()).mapToObj(i -> pool.submit(task(i))).toList();
        }

        void open(int id) {
            gates.get(id).countDown();
        }

        void openAll() {
            gates.forEach(CountDownLatch::countDown);
        }
    }
}
