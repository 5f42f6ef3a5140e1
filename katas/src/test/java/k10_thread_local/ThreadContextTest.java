package k10_thread_local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("a ThreadContext")
class ThreadContextTest {

    private static final long WAIT_SECONDS = 5;
    private static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);

    private static final Student ALICE = new Student("Alice");
    private static final Student BOB = new Student("Bob");

    private final ThreadContext<Student> context = new ThreadContext<>();

    @Nested
    @Tag("task:1")
    @DisplayName("set, get and remove (task 1)")
    class PerThreadValue {

        @Test
        @DisplayName("gives a thread back the value it set")
        void threadSeesItsOwnValue() {
            context.set(ALICE);

            assertThat(context.get()).contains(ALICE);
        }

        @Test
        @DisplayName("has no value on a thread that never set one")
        void emptyWhenNeverSet() {
            assertThat(context.get()).isEmpty();
        }

        @Test
        @DisplayName("forgets the value after remove")
        void removeForgets() {
            context.set(ALICE);
            context.remove();

            assertThat(context.get()).isEmpty();
        }

        @Test
        @DisplayName("keeps two threads' values apart, even when both have set theirs before either reads")
        void twoThreadsEachSeeTheirOwn() throws Exception {
            // The barrier makes sure both writes have happened before either read: a single shared
            // field would now hold one student for both threads.
            CyclicBarrier bothHaveSet = new CyclicBarrier(2);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<Optional<Student>> alice = pool.submit(() -> setWaitRead(ALICE, bothHaveSet));
                Future<Optional<Student>> bob = pool.submit(() -> setWaitRead(BOB, bothHaveSet));

                assertThat(alice.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("what Alice's thread reads").contains(ALICE);
                assertThat(bob.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("what Bob's thread reads").contains(BOB);
            }
        }

        @Test
        @DisplayName("is not seen by another thread, even one started after the value was set")
        void otherThreadSeesNothing() throws InterruptedException {
            context.set(ALICE);
            AtomicReference<Optional<Student>> seen = new AtomicReference<>();

            Thread other = Thread.ofPlatform().start(() -> seen.set(context.get()));
            assertThat(other.join(WAIT)).as("other thread ended").isTrue();

            assertThat(seen.get()).as("what the other thread reads").isEmpty();
            assertThat(context.get()).as("what this thread still reads").contains(ALICE);
        }

        @Test
        @DisplayName("rejects a null value")
        void rejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.set(null));
        }

        @Test
        @DisplayName("keeps two contexts apart: a value set in one is not seen in another, on the same thread")
        void twoContextsAreIndependent() {
            ThreadContext<Student> other = new ThreadContext<>();

            context.set(ALICE);

            assertThat(other.get()).as("what a second context reads after the first was set").isEmpty();
            other.set(BOB);
            assertThat(context.get()).as("the first context after the second was set").contains(ALICE);
        }

        @Test
        @DisplayName("is built on a ThreadLocal, not on a map keyed by thread")
        void builtOnThreadLocal() {
            // A map keyed by thread (the tutorial's second try) behaves alike, but keeps every thread's
            // value after the thread has ended; only the construct the task names shows the difference.
            assertThat(BuiltOn.dependencies(ThreadContext.class)).as("classes ThreadContext uses")
                    .contains(ThreadLocal.class.getName())
                    .noneMatch(type -> type.startsWith("java.util.") && type.endsWith("Map"));
        }

        private Optional<Student> setWaitRead(Student student, CyclicBarrier bothHaveSet) throws Exception {
            context.set(student);
            bothHaveSet.await(WAIT_SECONDS, TimeUnit.SECONDS);
            return context.get();
        }
    }

    @Nested
    @Tag("given")
    @DisplayName("the leaky binding (given, for study)")
    class Leaky {

        @Test
        @DisplayName("leaves the previous task's student for the next task on the same pool thread")
        void nextTaskSeesLeftover() throws Exception {
            ThreadLocal<Student> slot = new ThreadLocal<>();
            try (ExecutorService oneThread = Executors.newSingleThreadExecutor()) {
                oneThread.submit(() -> LeakyBinding.runWith(slot, ALICE, () -> {})).get(WAIT_SECONDS, TimeUnit.SECONDS);
                Future<Student> nextTask = oneThread.submit(slot::get);

                assertThat(nextTask.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("what the next, unrelated task sees").isEqualTo(ALICE);
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("runWith (task 2)")
    class RunWith {

        @Test
        @DisplayName("lets the task read the value while it runs")
        void taskSeesValue() {
            AtomicReference<Optional<Student>> seen = new AtomicReference<>();

            context.runWith(ALICE, () -> seen.set(context.get()));

            assertThat(seen.get()).contains(ALICE);
        }

        @Test
        @DisplayName("leaves nothing behind for the next task on the same pool thread")
        void nextTaskOnSameThreadSeesNothing() throws Exception {
            AtomicReference<Thread> first = new AtomicReference<>();
            try (ExecutorService oneThread = Executors.newSingleThreadExecutor()) {
                oneThread.submit(() -> context.runWith(ALICE, () -> first.set(Thread.currentThread())))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
                Future<Optional<Student>> nextTask = oneThread.submit(() -> {
                    assertThat(Thread.currentThread()).as("the same pool thread").isSameAs(first.get());
                    return context.get();
                });

                assertThat(nextTask.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("what the next task sees").isEmpty();
            }
        }

        @Test
        @DisplayName("cleans up even when the task throws, and lets the exception through")
        void cleansUpWhenTaskThrows() throws Exception {
            IllegalStateException boom = new IllegalStateException("task failed");
            try (ExecutorService oneThread = Executors.newSingleThreadExecutor()) {
                Future<?> failing = oneThread.submit(() -> context.runWith(ALICE, () -> { throw boom; }));
                assertThatExceptionOfType(ExecutionException.class)
                        .isThrownBy(() -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS))
                        .havingCause().isSameAs(boom);
                Future<Optional<Student>> nextTask = oneThread.submit(context::get);

                assertThat(nextTask.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("what the next task sees").isEmpty();
            }
        }

        @Test
        @DisplayName("gives the thread back the value it had before")
        void restoresPreviousValue() {
            context.set(BOB);
            AtomicReference<Optional<Student>> seen = new AtomicReference<>();

            context.runWith(ALICE, () -> seen.set(context.get()));

            assertThat(seen.get()).as("inside").contains(ALICE);
            assertThat(context.get()).as("after").contains(BOB);
        }

        @Test
        @DisplayName("removes the thread's entry when there was no value before, rather than setting it to null")
        void removesRatherThanSetsNull() {
            // set(null) reads back as empty, but leaves an entry in the thread's map for as long as the thread lives.
            assertThat(BuiltOn.callsReachableFrom(ThreadContext.class, "runWith"))
                    .as("methods runWith calls, directly or through ThreadContext's own methods")
                    .contains(ThreadLocal.class.getName() + ".remove");
        }

        @Test
        @DisplayName("rejects a null value and a null task")
        void rejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.runWith(null, () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.runWith(ALICE, null));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("withContext (task 3)")
    class WithContext {

        @Test
        @DisplayName("a pool thread does not see the parent's value unless it is handed over")
        void nothingFlowsByItself() throws Exception {
            context.set(ALICE);
            try (ExecutorService oneThread = Executors.newSingleThreadExecutor()) {
                Future<Optional<Student>> plain = oneThread.submit(context::get);

                assertThat(plain.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("what an unwrapped task sees").isEmpty();
            }
        }

        @Test
        @DisplayName("runs the task on a pool thread with the value the parent had when it wrapped the task")
        void childSeesValueCapturedAtWrapTime() throws Exception {
            AtomicReference<Optional<Student>> seen = new AtomicReference<>();
            context.set(ALICE);
            Runnable wrapped = context.withContext(() -> seen.set(context.get()));
            context.set(BOB); // too late: the value was captured when the task was wrapped

            try (ExecutorService oneThread = Executors.newSingleThreadExecutor()) {
                oneThread.submit(wrapped).get(WAIT_SECONDS, TimeUnit.SECONDS);
            }

            assertThat(seen.get()).as("what the child task sees").contains(ALICE);
        }

        @Test
        @DisplayName("leaves the pool thread clean for the next task")
        void poolThreadCleanAfterwards() throws Exception {
            context.set(ALICE);
            try (ExecutorService oneThread = Executors.newSingleThreadExecutor()) {
                oneThread.submit(context.withContext(() -> {})).get(WAIT_SECONDS, TimeUnit.SECONDS);
                Future<Optional<Student>> nextTask = oneThread.submit(context::get);

                assertThat(nextTask.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("what the next task sees").isEmpty();
            }
        }

        @Test
        @DisplayName("hands the value on again, from a pool thread to a virtual thread of another executor")
        void handsOnAcrossExecutors() throws Exception {
            context.set(ALICE);
            try (ExecutorService pool = Executors.newSingleThreadExecutor();
                    ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
                AtomicReference<Optional<Student>> seenInGrandchild = new AtomicReference<>();
                Runnable child = context.withContext(() -> {
                    Future<?> grandchild = virtualThreads.submit(context.withContext(() -> {
                        assertThat(Thread.currentThread().isVirtual()).as("runs on a virtual thread").isTrue();
                        seenInGrandchild.set(context.get());
                    }));
                    assertThat(grandchild).succeedsWithin(WAIT);
                });

                assertThat(pool.submit(child)).succeedsWithin(WAIT);
                assertThat(seenInGrandchild.get()).as("what the grandchild sees").contains(ALICE);
            }
        }

        @Test
        @DisplayName("runs with no value when the parent had none, and gives the running thread its own value back")
        void emptyParentAndRestoredRunner() {
            AtomicReference<Optional<Student>> seen = new AtomicReference<>();
            Runnable wrapped = context.withContext(() -> seen.set(context.get()));
            context.set(BOB); // the thread that will run the task has a value of its own

            wrapped.run();

            assertThat(seen.get()).as("what the task sees").isEmpty();
            assertThat(context.get()).as("the running thread's own value afterwards").contains(BOB);
        }

        @Test
        @DisplayName("gives the running thread its own value back even when the task throws")
        void restoresWhenTaskThrows() {
            context.set(ALICE);
            Runnable wrapped = context.withContext(() -> { throw new IllegalStateException("task failed"); });
            context.set(BOB);

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(wrapped::run);
            assertThat(context.get()).contains(BOB);
        }

        @Test
        @DisplayName("removes the running thread's entry when it had no value before, rather than setting it to null")
        void removesRatherThanSetsNull() {
            assertThat(BuiltOn.callsReachableFrom(ThreadContext.class, "withContext"))
                    .as("methods withContext and the task it returns call, directly or through ThreadContext's own methods")
                    .contains(ThreadLocal.class.getName() + ".remove");
        }

        @Test
        @DisplayName("rejects a null task")
        void rejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.withContext(null));
        }
    }
}
