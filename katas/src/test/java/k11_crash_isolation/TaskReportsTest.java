package k11_crash_isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import support.Waits;

@DisplayName("TaskReports")
class TaskReportsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Nested
    @Tag("task:1")
    @DisplayName("runAll (task 1)")
    class RunAll {

        @Test
        @DisplayName("reports every task's value or failure in order, and a failure does not stop the tasks after it")
        void reportsEachOutcomeInOrder() throws Exception {
            IllegalStateException boom = new IllegalStateException("task 2 crashed");
            List<Callable<Integer>> tasks = List.of(() -> 1, () -> { throw boom; }, () -> 3);

            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                List<TaskOutcome<Integer>> outcomes = TaskReports.runAll(pool, tasks);

                assertThat(outcomes).containsExactly(
                        new TaskOutcome.Succeeded<>(1), new TaskOutcome.Failed<>(boom), new TaskOutcome.Succeeded<>(3));
            }
        }

        @Test
        @DisplayName("reports exactly what the task threw, not the ExecutionException around it, errors included")
        void reportsTheRealCause() throws Exception {
            IOException checked = new IOException("disk on fire");
            AssertionError error = new AssertionError("an Error, not an Exception");
            List<Callable<String>> tasks = List.of(() -> { throw checked; }, () -> { throw error; });

            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                List<TaskOutcome<String>> outcomes = TaskReports.runAll(pool, tasks);

                assertThat(outcomes).containsExactly(new TaskOutcome.Failed<>(checked), new TaskOutcome.Failed<>(error));
            }
        }

        @Test
        @DisplayName("leaves the pool running: its one thread survives the failures and runs the next task")
        void poolKeepsRunning() throws Exception {
            List<Thread> ranOn = new ArrayList<>();
            Callable<String> crashing = () -> {
                synchronized (ranOn) {
                    ranOn.add(Thread.currentThread());
                }
                throw new IllegalStateException("crash");
            };
            AtomicReference<Thread> nextRanOn = new AtomicReference<>();

            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                List<TaskOutcome<String>> outcomes = TaskReports.runAll(pool, List.of(crashing, crashing));

                assertThat(outcomes).hasSize(2).allMatch(o -> o instanceof TaskOutcome.Failed<String>);
                assertThat(pool.isShutdown()).as("pool shut down").isFalse();
                assertThat(pool.submit(() -> nextRanOn.set(Thread.currentThread()))).succeedsWithin(WAIT);
            }
            synchronized (ranOn) {
                assertThat(ranOn).as("the pool thread that ran the crashing tasks").hasSize(2)
                        .allMatch(t -> t == nextRanOn.get(), "is the thread that ran the next task");
            }
        }

        @Test
        @DisplayName("when the caller is interrupted while waiting, cancels the tasks not yet ended and throws InterruptedException")
        void interruptedCallerCancelsTasks() throws Exception {
            CountDownLatch taskStarted = new CountDownLatch(1);
            CountDownLatch neverOpened = new CountDownLatch(1);
            CountDownLatch taskInterrupted = new CountDownLatch(1);
            Callable<String> blocking = () -> {
                taskStarted.countDown();
                try {
                    neverOpened.await();
                } catch (InterruptedException e) {
                    taskInterrupted.countDown(); // cancel(true) reached the task
                    throw e;
                }
                return "never";
            };
            AtomicReference<Throwable> callerGot = new AtomicReference<>();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Thread caller = Thread.ofPlatform().name("caller").start(() -> {
                    try {
                        TaskReports.runAll(pool, List.of(blocking));
                    } catch (Throwable t) {
                        callerGot.set(t);
                    }
                });
                try {
                    // Only runAll can start the task: once its thread has ended, waiting on is pointless.
                    Waits.until("runAll to start the task", WAIT, taskStarted, caller);
                } catch (AssertionError | RuntimeException ended) { // Awaitility wraps the early end
                    Throwable thrown = callerGot.get();
                    if (thrown == null) {
                        throw ended;
                    }
                    throw new AssertionError("runAll threw before the task started: " + thrown, thrown);
                }

                caller.interrupt();

                assertThat(caller.join(WAIT)).as("runAll returned after the interrupt").isTrue();
                assertThat(callerGot.get()).as("what runAll threw").isInstanceOf(InterruptedException.class);
                assertThat(taskInterrupted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the running task was cancelled with an interrupt").isTrue();
            } finally {
                pool.shutdownNow();
                pool.close();
            }
        }

        @Test
        @DisplayName("returns an empty report for no tasks")
        void noTasks() throws Exception {
            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                assertThat(TaskReports.<String>runAll(pool, List.of())).isEmpty();
            }
        }

        @Test
        @DisplayName("rejects a null pool, a null list and a null task")
        void rejectsNull() {
            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                List<Callable<Integer>> withNull = new ArrayList<>();
                withNull.add(() -> 1);
                withNull.add(null);
                List<Callable<Integer>> one = List.of(() -> 1);

                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> TaskReports.runAll(null, one));
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> TaskReports.runAll(pool, null));
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> TaskReports.runAll(pool, withNull));
            }
        }
    }
}
