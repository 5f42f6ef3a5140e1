package k04_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.ClassPathHold;
import support.ChildProgram;
import support.Waits;

@Tag("task:4")
@DisplayName("ProcessQueue: a producer process and a consumer process (task 4)")
class ProcessQueueTest {

    /** Two JVMs to start and finish on a loaded machine: several times what they need. */
    static final Duration PATIENCE = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    @DisplayName("delivers every item from the producer JVM to the consumer JVM, in order")
    void deliversInOrderAcrossProcesses() throws Exception {
        Path received = dir.resolve("received.txt");
        List<String> expected = IntStream.range(0, 500).mapToObj(ProducerProgram::item).toList();
        List<Process> children = new ArrayList<>();
        try {
            children.addAll(ProcessQueue.start(500, received));

            await("the consumer to write all 500 items").atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(lines(received)).as(() -> state(children)).isEqualTo(expected));
        } finally {
            reap(children);
        }
    }

    @Test
    @DisplayName("lets the consumer end by itself, unkilled, once the producer has ended")
    void consumerStopsAtEndOfStream() throws Exception {
        Path received = dir.resolve("received.txt");
        Set<Long> before = descendants();
        List<Process> children = new ArrayList<>();
        try {
            children.addAll(ProcessQueue.start(3, received));
            assertThat(children).as("producer and consumer").hasSize(2);
            Process producer = children.get(0);
            Process consumer = children.get(1);

            await("both children to end by themselves").atMost(PATIENCE)
                    .until(() -> !producer.isAlive() && !consumer.isAlive());
            assertThat(consumer.exitValue()).as(() -> "consumer exit code (a killed one is not 0); " + state(children)).isZero();
            assertThat(producer.exitValue()).as(() -> "producer exit code; " + state(children)).isZero();
            assertThat(lines(received)).containsExactly(ProducerProgram.item(0), ProducerProgram.item(1), ProducerProgram.item(2));
            assertThat(descendants()).as("child processes still alive after both ended").isSubsetOf(before);
        } finally {
            reap(children);
        }
    }

    @Test
    @DisplayName("starts both children from this JVM's java, as JVMs of their own")
    void childrenAreJvmsOfThisJava() throws Exception {
        List<Process> children = new ArrayList<>();
        try {
            children.addAll(ProcessQueue.start(0, dir.resolve("received.txt")));

            assertThat(children).hasSize(2).allSatisfy(child -> {
                assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
                child.info().command().ifPresent(command -> assertThat(realPath(command))
                        .isEqualTo(realPath(Path.of(System.getProperty("java.home"), "bin", "java").toString())));
            });
            assertThat(children.get(0).pid()).isNotEqualTo(children.get(1).pid());
        } finally {
            reap(children);
        }
    }

    @Test
    @DisplayName("returns both children at once, while the producer is still running")
    void returnsAtOnce() throws Exception {
        List<Process> children = new ArrayList<>();
        Set<Long> before = descendants();
        FutureTask<List<Process>> call = new FutureTask<>(() -> ProcessQueue.start(3, dir.resolve("received.txt")));
        // The producer waits, before it writes anything, until the hold is closed.
        try (ClassPathHold held = ClassPathHold.of(ProducerProgram.class.getPackageName() + "/" + ProducerProgram.HOLD)) { // portability: allowed (a resource name)
            Thread caller = Thread.ofPlatform().name("ProcessQueue.start").start(call);
            try {
                // Starting two JVMs takes milliseconds: far less than this patience.
                children.addAll(call.get(Waits.PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                throw new AssertionError("start had not returned " + Waits.PROMPTLY.toSeconds() + " s after it was called, while the producer "
                        + "could not yet end: it must return both running children at once, and leave the waiting "
                        + "to its caller (like Process.start)");
            } finally {
                if (!call.isDone()) {
                    ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid()))
                            .forEach(ProcessHandle::destroyForcibly); // free a start that waits for them
                }
                caller.join(PATIENCE);
            }
            assertThat(children).as("producer and consumer").hasSize(2);
            assertThat(children.getFirst().isAlive()).as("the producer, held before its first item, when start returned")
                    .isTrue();
        } finally {
            reap(children);
        }
    }

    @Test
    @DisplayName("closes the producer's stdin at once: it reads nothing, so this JVM keeps no pipe to it open")
    void producerStdinIsClosed() throws Exception {
        List<Process> children = new ArrayList<>();
        try {
            children.addAll(ProcessQueue.start(3, dir.resolve("received.txt")));

            OutputStream producerStdin = children.getFirst().getOutputStream();
            assertThatIOException().as("writing to the producer's stdin after start returned").isThrownBy(() -> {
                producerStdin.write('x');
                producerStdin.flush(); // the pipe stream buffers: only the flush reaches the closed descriptor
            });
        } finally {
            reap(children);
        }
    }

    @Test
    @DisplayName("rejects a negative count and a null file")
    void rejectsBadInput() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ProcessQueue.start(-1, dir.resolve("x")));
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ProcessQueue.start(1, null));
    }

    private static List<String> lines(Path file) throws IOException {
        // The producer's stdout is the pipe: a warning of its JVM's own would arrive as a line.
        return Files.exists(file) ? ChildProgram.withoutJvmLog(Files.readString(file, StandardCharsets.UTF_8)).lines().toList()
                : List.of();
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static Path realPath(String path) {
        try {
            return Path.of(path).toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** For failure messages: each child's state, and what an ended child wrote to stderr. */
    private static String state(List<Process> children) {
        return children.stream().map(child -> {
            if (child.isAlive()) {
                return "pid " + child.pid() + " still running";
            }
            String err;
            try {
                err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                err = "(stderr unreadable: " + e + ")";
            }
            return "pid " + child.pid() + " exited " + child.exitValue() + (err.isEmpty() ? "" : ", stderr: " + err);
        }).collect(Collectors.joining("; ", "children: ", ""));
    }

    /** Kills and waits for every child, even when the test failed half-way. */
    private static void reap(List<Process> children) throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
        }
        for (Process child : children) {
            child.waitFor();
        }
    }
}
