package k02_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import k02_pool.programs.ExitWith;
import k02_pool.programs.Gate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import support.DefaultCharsetCalls;
import support.FullPipe;
import support.programs.Flooder;

@DisplayName("ProcessPool")
class ProcessPoolTest {

    /** Far above what a child JVM needs to start and end here (about 0.3 s on a loaded machine). */
    private static final Duration WAIT = Duration.ofSeconds(5);
    /**
     * How long the number of live children must stay at K while K children are blocked. A pool
     * without a limit starts its extra children at once; a pool with the limit never does.
     */
    private static final Duration HOLD = Duration.ofMillis(300);
    /** More than any operating system's pipe holds (64 KiB on Linux). */
    private static final int ONE_MIB = 1 << 20;

    @TempDir
    Path dir;
    private Set<Long> childrenBefore;

    @BeforeEach
    void rememberChildren() {
        childrenBefore = aliveDescendants();
    }

    @Nested
    @Tag("task:4")
    @DisplayName("running child JVMs (task 4)")
    class RunningChildren {

        @Test
        @DisplayName("runs at most K children at once, and starts the next one only when one has ended")
        void runsAtMostKChildrenAtOnce() throws Exception {
            ProcessPool pool = new ProcessPool(2);
            try {
                List<Future<String>> futures = IntStream.range(0, 4)
                        .mapToObj(i -> pool.submit(gate(i, "release-" + i))).toList();

                await("the first 2 children to start").atMost(WAIT).untilAsserted(() -> {
                    assertThat(started()).as("children that started").hasSize(2);
                    assertThat(newChildren()).as("live children").hasSize(2);
                });
                await("no third child while 2 are blocked").during(HOLD).atMost(HOLD.plus(WAIT))
                        .pollInterval(Duration.ofMillis(20))
                        .untilAsserted(() -> assertThat(newChildren()).as("live children").hasSize(2));
                assertThat(started()).as("the children that started: the first ones submitted").containsExactlyInAnyOrder("0", "1");

                release("release-0");
                assertThat(futures.get(0)).succeedsWithin(WAIT).isEqualTo("0 ✓");
                await("child 2 to start once child 0 has ended").atMost(WAIT).untilAsserted(() -> {
                    assertThat(started()).as("children that started").containsExactlyInAnyOrder("0", "1", "2");
                    assertThat(newChildren()).as("live children").hasSize(2);
                });

                release(Gate.RELEASE_ALL);
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i)).succeedsWithin(WAIT).isEqualTo(i + " ✓");
                }
            } finally {
                release(Gate.RELEASE_ALL);
                pool.close();
            }
            assertThat(newChildren()).as("children alive after close").isEmpty();
        }

        @Test
        @DisplayName("runAll returns each child's output in submission order, even when they end in another order")
        void runAllKeepsSubmissionOrder() throws Exception {
            // Child 0 waits for child 1 to end, child 1 for child 2: they end in the order 2, 1, 0.
            List<ChildTask> tasks = List.of(gate(0, "done-1"), gate(1, "done-2"), gate(2, "-"));
            try (ProcessPool pool = new ProcessPool(3)) {
                List<String> outputs = pool.runAll(tasks);

                assertThat(outputs).containsExactly("0 ✓", "1 ✓", "2 ✓");
            } finally {
                release(Gate.RELEASE_ALL);
            }
            assertThat(newChildren()).as("children alive after close").isEmpty();
        }

        @Test
        @Timeout(30)
        @DisplayName("reads a child's output while it runs, so a child that writes more than a pipe holds to both streams still ends")
        void readsOutputWhileChildRuns() throws Exception {
            Path flood = Files.createDirectory(dir.resolve("flood"));
            String mebibyte = Integer.toString(ONE_MIB);
            try (ProcessPool pool = new ProcessPool(1)) {
                String output = FullPipe.call(flood,
                        () -> pool.submit(ChildTask.of(Flooder.class, flood.toString(), mebibyte, mebibyte)).get());

                assertThat(output).hasSize(ONE_MIB).doesNotContain("e");
            }
        }

        @Test
        @DisplayName("decodes each child's output in a charset it names, never the platform's default")
        void namesTheCharsetWhenDecoding() throws Exception {
            try (ProcessPool pool = new ProcessPool(1)) {
                assertThat(pool.submit(gate(0, "-"))).succeedsWithin(WAIT).isEqualTo("0 ✓");
            }
            // UTF-8 is the default on this JDK, so the text alone cannot show it: the class file can.
            assertThat(DefaultCharsetCalls.in(ProcessPool.class)).as("calls that use the platform's default charset").isEmpty();
        }

        @Test
        @DisplayName("close waits until every child has ended, and leaves none behind")
        void closeWaitsForEveryChild() throws Exception {
            ProcessPool pool = new ProcessPool(2);
            List<Future<String>> futures = IntStream.range(0, 3)
                    .mapToObj(i -> pool.submit(gate(i, Gate.RELEASE_ALL))).toList();
            Thread closer = Thread.ofPlatform().name("closer").start(pool::close);
            try {
                await("the first 2 children to start").atMost(WAIT)
                        .untilAsserted(() -> assertThat(started()).as("children that started").hasSize(2));
                await("close to block while children are running").atMost(WAIT).until(() -> isBlockedOrDone(closer));
                assertThat(closer.isAlive()).as("close still waiting for blocked children").isTrue();

                release(Gate.RELEASE_ALL);

                assertThat(closer.join(WAIT)).as("close returned once the children ended").isTrue();
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i)).as("task %d when close returned", i).isDone();
                    assertThat(futures.get(i)).succeedsWithin(Duration.ZERO).isEqualTo(i + " ✓");
                }
                assertThat(newChildren()).as("children alive after close").isEmpty();
            } finally {
                release(Gate.RELEASE_ALL);
                closer.join(WAIT);
            }
        }

        @Test
        @DisplayName("close, when interrupted, destroys every running child before it returns")
        void interruptedCloseDestroysChildren() throws Exception {
            ProcessPool pool = new ProcessPool(2);
            IntStream.range(0, 3).forEach(i -> pool.submit(gate(i, "never-released")));
            AtomicBoolean interruptStatusKept = new AtomicBoolean();
            Thread closer = Thread.ofPlatform().name("closer").start(() -> {
                pool.close();
                interruptStatusKept.set(Thread.currentThread().isInterrupted());
            });
            try {
                await("the first 2 children to start").atMost(WAIT)
                        .untilAsserted(() -> assertThat(started()).as("children that started").hasSize(2));
                await("close to block while children are running").atMost(WAIT).until(() -> isBlockedOrDone(closer));
                assertThat(closer.isAlive()).as("close still waiting for blocked children").isTrue();

                closer.interrupt();

                assertThat(closer.join(WAIT)).as("close returned after the interrupt").isTrue();
                assertThat(newChildren()).as("children alive after the interrupted close").isEmpty();
                assertThat(interruptStatusKept).as("interrupt status kept").isTrue();
                assertThat(started()).as("children started after the interrupt (queued ones are cancelled)").hasSize(2);
            } finally {
                release(Gate.RELEASE_ALL);
                closer.join(WAIT);
                pool.close();
            }
        }

        @Test
        @DisplayName("awaitTermination after shutdown answers false while a child runs, and true once it has ended")
        void awaitTerminationAfterShutdown() throws Exception {
            try (ProcessPool pool = new ProcessPool(1)) {
                Future<String> future = pool.submit(gate(0, "release-0"));
                pool.shutdown();
                await("the child to start").atMost(WAIT)
                        .untilAsserted(() -> assertThat(started()).as("children that started").containsExactly("0"));

                assertThat(pool.awaitTermination(Duration.ofMillis(50))).as("terminated while the child is blocked").isFalse();

                release("release-0");
                assertThat(pool.awaitTermination(WAIT)).as("terminated once the child has ended").isTrue();
                assertThat(future).isDone();
                assertThat(future).succeedsWithin(Duration.ZERO).isEqualTo("0 ✓");
            } finally {
                release(Gate.RELEASE_ALL);
            }
            assertThat(newChildren()).as("children alive after close").isEmpty();
        }

        @Test
        @DisplayName("has room for one child per available processor by default")
        void defaultSizeIsProcessorCount() {
            try (ProcessPool pool = new ProcessPool()) {
                assertThat(pool.size()).isEqualTo(Runtime.getRuntime().availableProcessors());
            }
        }

        @Test
        @DisplayName("rejects a size of zero or less, a null task or list, and tasks after shutdown")
        void rejectsBadInput() throws IOException {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ProcessPool(0));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ProcessPool(-1));
            try (ProcessPool pool = new ProcessPool(1)) {
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> pool.submit(null));
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> pool.runAll(null));
                assertThatExceptionOfType(NullPointerException.class)
                        .isThrownBy(() -> pool.runAll(Arrays.asList(gate(0, "-"), null)));
                pool.shutdown();
                assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.submit(gate(1, "-")));
                assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> pool.awaitTermination(null));
                assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> pool.awaitTermination(Duration.ZERO));
            }
            assertThat(started()).as("children started by rejected calls").isEmpty();
        }
    }

    @Nested
    @Tag("task:5")
    @DisplayName("failing children (task 5)")
    class FailingChildren {

        @Test
        @DisplayName("a child that exits with a non-zero code fails its future with ChildFailedException, and the pool goes on")
        void failingChildIsReported() {
            ChildTask failing = ChildTask.of(ExitWith.class, "7");
            try (ProcessPool pool = new ProcessPool(1)) {
                assertThat(pool.submit(failing)).failsWithin(WAIT)
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause().isInstanceOfSatisfying(ChildFailedException.class, e -> {
                            assertThat(e.exitCode()).as("exit code").isEqualTo(7);
                            assertThat(e.stderr()).as("the child's stderr").contains("exiting with 7");
                            assertThat(e.task()).isEqualTo(failing);
                        });

                assertThat(pool.submit(gate(1, "-"))).as("the task after the failure").succeedsWithin(WAIT).isEqualTo("1 ✓");
            }
            assertThat(newChildren()).as("children alive after close").isEmpty();
        }

        @Test
        @DisplayName("runAll lets every child run, then throws the first failing one in submission order")
        void runAllThrowsFirstFailure() throws Exception {
            List<ChildTask> tasks = List.of(gate(0, "-"), ChildTask.of(ExitWith.class, "3"),
                    ChildTask.of(ExitWith.class, "5"), gate(3, "-"));
            try (ProcessPool pool = new ProcessPool(2)) {
                assertThatExceptionOfType(ExecutionException.class)
                        .isThrownBy(() -> pool.runAll(tasks))
                        .havingCause().isInstanceOfSatisfying(ChildFailedException.class,
                                e -> assertThat(e.exitCode()).as("exit code of the first failure").isEqualTo(3));

                assertThat(done()).as("children that ran to the end").containsExactlyInAnyOrder("0", "3");
            }
            assertThat(newChildren()).as("children alive after close").isEmpty();
        }
    }

    /** A child that starts, waits until the file named {@code gate} exists ("-": no wait), and prints "id ✓". */
    private ChildTask gate(int id, String gate) {
        return ChildTask.of(Gate.class, dir.toString(), String.valueOf(id), gate);
    }

    private void release(String gate) throws IOException {
        Path file = dir.resolve(gate);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    /** The ids of the children that have started so far. */
    private List<String> started() throws IOException {
        return markers("started-");
    }

    /** The ids of the children that have ended normally so far. */
    private List<String> done() throws IOException {
        return markers("done-");
    }

    private List<String> markers(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .map(n -> n.substring(prefix.length())).sorted().toList();
        }
    }

    /** The live processes this JVM started since the test began: the pool's children. */
    private Set<Long> newChildren() {
        Set<Long> alive = aliveDescendants();
        alive.removeAll(childrenBefore);
        return alive;
    }

    private static boolean isBlockedOrDone(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
    }

    private static Set<Long> aliveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
