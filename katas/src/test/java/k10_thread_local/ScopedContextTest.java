package k10_thread_local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("a ScopedContext")
class ScopedContextTest {

    private static final long WAIT_SECONDS = 5;
    private static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);

    private static final Student ALICE = new Student("Alice");
    private static final Student BOB = new Student("Bob");

    private final ScopedContext<Student> context = new ScopedContext<>();

    /** Runs {@code body} on a fresh virtual thread and returns its result. */
    private static <V> V onVirtualThread(Callable<V> body) throws Exception {
        try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            return virtualThreads.submit(() -> {
                assertThat(Thread.currentThread().isVirtual()).isTrue();
                return body.call();
            }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("run and call (task 4)")
    class Binding {

        @Test
        @DisplayName("binds the value for the duration of the call on a virtual thread, and not before or after")
        void boundOnlyDuringCall() throws Exception {
            record Seen(Optional<Student> before, Optional<Student> during, Optional<Student> after) {}

            Seen seen = onVirtualThread(() -> new Seen(context.get(), context.call(ALICE, context::get), context.get()));

            assertThat(seen.before()).as("before the call").isEmpty();
            assertThat(seen.during()).as("during the call").contains(ALICE);
            assertThat(seen.after()).as("after the call").isEmpty();
        }

        @Test
        @DisplayName("nests: an inner binding hides the outer one until the inner call ends")
        void rebindingNests() throws Exception {
            AtomicReference<Optional<Student>> inner = new AtomicReference<>();
            AtomicReference<Optional<Student>> outerAgain = new AtomicReference<>();

            onVirtualThread(() -> {
                context.run(ALICE, () -> {
                    context.run(BOB, () -> inner.set(context.get()));
                    outerAgain.set(context.get());
                });
                return null;
            });

            assertThat(inner.get()).as("inside the inner binding").contains(BOB);
            assertThat(outerAgain.get()).as("back in the outer binding").contains(ALICE);
        }

        @Test
        @DisplayName("ends the binding when the call throws, and lets the very exception through")
        void unboundAfterThrow() throws Exception {
            IOException failure = new IOException("disk on fire");

            Optional<Student> after = onVirtualThread(() -> {
                assertThatExceptionOfType(IOException.class)
                        .isThrownBy(() -> context.call(ALICE, () -> { throw failure; }))
                        .isSameAs(failure);
                return context.get();
            });

            assertThat(after).as("after the failed call").isEmpty();
        }

        @Test
        @DisplayName("keeps two virtual threads' bindings apart while both are bound")
        void twoVirtualThreadsEachSeeTheirOwn() throws Exception {
            CyclicBarrier bothBound = new CyclicBarrier(2);
            try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Optional<Student>> alice = virtualThreads.submit(() -> bindWaitRead(ALICE, bothBound));
                Future<Optional<Student>> bob = virtualThreads.submit(() -> bindWaitRead(BOB, bothBound));

                assertThat(alice.get(WAIT_SECONDS, TimeUnit.SECONDS)).contains(ALICE);
                assertThat(bob.get(WAIT_SECONDS, TimeUnit.SECONDS)).contains(BOB);
            }
        }

        @Test
        @DisplayName("is not seen by a virtual thread started inside the call")
        void notInheritedByPlainThread() throws Exception {
            AtomicReference<Optional<Student>> seenByChild = new AtomicReference<>();

            onVirtualThread(() -> {
                context.run(ALICE, () -> joinQuietly(Thread.ofVirtual().start(() -> seenByChild.set(context.get()))));
                return null;
            });

            assertThat(seenByChild.get()).as("what a thread started inside the scope sees").isEmpty();
        }

        @Test
        @DisplayName("rejects a null value and a null operation")
        void rejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.run(null, () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.run(ALICE, null));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.call(null, () -> 1));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.call(ALICE, null));
        }

        @Test
        @DisplayName("is built on a ScopedValue, not on a ThreadLocal")
        void builtOnScopedValue() {
            // A ThreadLocal set and restored around the call behaves alike in every test above: only the
            // construct shows that the binding cannot leak, cannot be changed, and costs nothing to hand on.
            assertThat(BuiltOn.dependencies(ScopedContext.class)).as("classes ScopedContext uses")
                    .contains(ScopedValue.class.getName())
                    .doesNotContain(ThreadLocal.class.getName(), InheritableThreadLocal.class.getName())
                    .noneMatch(type -> type.startsWith("java.util.") && type.endsWith("Map"));
        }

        private Optional<Student> bindWaitRead(Student student, CyclicBarrier bothBound) throws Exception {
            return context.call(student, () -> {
                bothBound.await(WAIT_SECONDS, TimeUnit.SECONDS);
                return context.get();
            });
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("startVirtual (task 4)")
    class StartVirtual {

        @Test
        @DisplayName("re-binds the caller's value in the new virtual thread, explicitly")
        void rebindsInNewThread() throws Exception {
            AtomicReference<Optional<Student>> seenByChild = new AtomicReference<>();
            AtomicReference<Boolean> childVirtual = new AtomicReference<>();

            onVirtualThread(() -> {
                context.run(ALICE, () -> joinQuietly(context.startVirtual(() -> {
                    childVirtual.set(Thread.currentThread().isVirtual());
                    seenByChild.set(context.get());
                })));
                return null;
            });

            assertThat(childVirtual.get()).as("the child is a virtual thread").isTrue();
            assertThat(seenByChild.get()).as("what the child sees").contains(ALICE);
        }

        @Test
        @DisplayName("starts a thread with nothing bound when the caller has nothing bound")
        void nothingToRebind() throws Exception {
            AtomicReference<Optional<Student>> seenByChild = new AtomicReference<>();

            onVirtualThread(() -> {
                joinQuietly(context.startVirtual(() -> seenByChild.set(context.get())));
                return null;
            });

            assertThat(seenByChild.get()).isEmpty();
        }

        @Test
        @DisplayName("rejects a null task")
        void rejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> context.startVirtual(null));
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            assertThat(thread.join(WAIT)).as("thread ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining " + thread, e);
        }
    }
}
