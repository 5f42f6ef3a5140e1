package k01_spawn;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import k01_spawn.programs.Babbler;
import k01_spawn.programs.Echo;
import k01_spawn.programs.ExitWith;
import k01_spawn.programs.Hang;
import k01_spawn.programs.PidReporter;
import k01_spawn.programs.Stubborn;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import support.ChildProgram;
import support.DefaultCharsetCalls;
import support.FullPipe;
import support.Waits;
import support.programs.Flooder;

@DisplayName("Spawner")
class SpawnerTest {

    /** Far above what a child JVM needs to start and end here (about 0.3 s on a loaded machine). */
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(5);
    /** For children that are meant to outlive their timeout. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final String NON_ASCII = "café ✓ 日本";
    /** More than any operating system's pipe holds (64 KiB on Linux). */
    private static final int ONE_MIB = 1 << 20;
    private static final String KILLED_EXIT_CODE = "the exit code join reported for the destroyed child, which the "
            + "operating system gives as %d once the child has ended and been waited for";
    /** How long join may take after its polite request to stop: GRACE, then a kill, with room for a loaded machine. */
    private static final Duration GRACE_AND_MARGIN = Spawner.GRACE.plus(Waits.PROMPTLY);

    @Nested
    @Tag("task:1")
    @DisplayName("currentPid (task 1)")
    class CurrentPid {

        @Test
        @DisplayName("is the id the operating system gave this JVM")
        void isThisJvmsPid() {
            assertThat(Spawner.currentPid()).isEqualTo(ProcessHandle.current().pid()).isPositive();
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("start (task 2)")
    class Start {

        @Test
        @DisplayName("returns while the child is still running")
        void returnsWhileChildRuns() throws Exception {
            Process child = Spawner.start(Echo.class, List.of("hello"));
            try {
                // Echo runs until its stdin ends, and nobody has closed it yet.
                assertThat(child.isAlive()).as("child still running").isTrue();
                child.getOutputStream().close();
                assertThat(child.waitFor(CHILD_TIMEOUT)).as("child ended once its stdin closed").isTrue();
                assertThat(child.exitValue()).isZero();
            } finally {
                reap(child);
            }
        }

        @Test
        @DisplayName("starts a child whose parent is this process, on this JVM's own java")
        void childReportsItsParent() throws Exception {
            Process child = Spawner.start(PidReporter.class, List.of());
            try {
                Map<String, String> report = report(readStdout(child));

                assertThat(report).containsKeys("pid", "ppid", "java.home");
                assertThat(Long.parseLong(report.get("pid"))).as("the child's own pid").isEqualTo(child.pid());
                assertThat(Long.parseLong(report.get("ppid"))).as("the child's parent pid")
                        .isEqualTo(ProcessHandle.current().pid());
                assertThat(Path.of(report.get("java.home")).toRealPath()).as("the child's java.home")
                        .isEqualTo(Path.of(System.getProperty("java.home")).toRealPath());
            } finally {
                reap(child);
            }
        }

        @Test
        @DisplayName("names UTF-8 as the child's output charset on its command line")
        void childWritesUtf8() throws Exception {
            Process child = Spawner.start(PidReporter.class, List.of());
            try {
                Map<String, String> report = report(readStdout(child));

                // The platform default may happen to be UTF-8 already; only the option makes it so everywhere.
                assertThat(report.get("jvm.options")).as("the child's JVM options")
                        .containsPattern("(?i)-Dstdout\\.encoding=UTF-?8");
                assertThat(report.get("stdout.encoding")).as("the child's stdout.encoding").isEqualToIgnoringCase("UTF-8");
            } finally {
                reap(child);
            }
        }

        @Test
        @DisplayName("hands each argument to the child unchanged, spaces and non-ASCII text included")
        void argumentsArriveUnchanged() throws Exception {
            List<String> args = new ArrayList<>(List.of("one", "two words", "--flag=a b"));
            if (commandLinesCanCarry(NON_ASCII)) {
                args.add(NON_ASCII); // a Windows code page such as Cp1252 has no ✓: the OS itself would lose it
            }
            Process child = Spawner.start(Echo.class, args);
            try {
                child.getOutputStream().close(); // Echo ends when its stdin does

                assertThat(ChildProgram.withoutJvmLog(readStdout(child)).lines().toList()).isEqualTo(args);
            } finally {
                reap(child);
            }
        }

        @Test
        @DisplayName("rejects a null class, a null argument list and a null argument")
        void rejectsBadInput() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Spawner.start(null, List.of()));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Spawner.start(Echo.class, null));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> Spawner.start(Echo.class, Arrays.asList("a", null)));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("join and run (task 3)")
    class JoinAndRun {

        @Test
        @DisplayName("return the child's pid, exit code and both of its outputs")
        void returnsExitCodeAndOutput() throws Exception {
            ChildResult result = Spawner.run(ExitWith.class, List.of("42"), CHILD_TIMEOUT);

            assertThat(result.timedOut()).as("timed out").isFalse();
            assertThat(result.exitCode()).as("exit code").isEqualTo(42);
            assertThat(ChildProgram.withoutJvmLog(result.stdout()).lines().toList()).containsExactly("exiting with 42");
            assertThat(result.stderr()).contains("bye from stderr");
            assertThat(result.pid()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
        }

        @Test
        @DisplayName("report exit code 0 for a child that ends normally")
        void reportsZero() throws Exception {
            ChildResult result = Spawner.run(ExitWith.class, List.of("0"), CHILD_TIMEOUT);

            assertThat(result.timedOut()).as("timed out").isFalse();
            assertThat(result.exitCode()).as("exit code").isZero();
        }

        @Test
        @DisplayName("join closes the child's stdin and carries non-ASCII text both ways as UTF-8")
        void joinClosesStdinAndKeepsText() throws Exception {
            Process child = Spawner.start(Echo.class, List.of("first"));
            try {
                BufferedWriter toChild = child.outputWriter(StandardCharsets.UTF_8);
                toChild.write(NON_ASCII);
                toChild.newLine();
                toChild.flush(); // not closed: join says it closes the child's stdin

                ChildResult result = Spawner.join(child, CHILD_TIMEOUT);

                assertThat(result.timedOut()).as("timed out (was stdin closed?)").isFalse();
                assertThat(ChildProgram.withoutJvmLog(result.stdout()).lines().toList()).containsExactly("first", NON_ASCII);
                assertThat(result.pid()).isEqualTo(child.pid());
                assertThat(child.isAlive()).as("child alive after join").isFalse();
            } finally {
                reap(child);
            }
        }

        @Test
        @Timeout(30)
        @DisplayName("read both outputs while the child runs, so a child that writes a lot never blocks on a full pipe")
        void readsWhileWaiting(@TempDir Path dir) throws Exception {
            // A mebibyte to stderr first, then one to stdout: far more than any pipe holds.
            ChildResult result = FullPipe.call(dir, () -> Spawner.run(Flooder.class,
                    List.of(dir.toString(), Integer.toString(ONE_MIB), Integer.toString(ONE_MIB)), CHILD_TIMEOUT));

            assertThat(result.timedOut()).as("timed out (a full pipe blocks a child nobody reads)").isFalse();
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).hasSize(ONE_MIB).doesNotContain("e");
            assertThat(ChildProgram.withoutJvmLog(result.stderr())).hasSize(ONE_MIB).doesNotContain("o");
        }

        @Test
        @DisplayName("decode the child's output in a charset they name, never the platform's default")
        void namesTheCharsetWhenDecoding() throws Exception {
            ChildResult result = Spawner.run(Echo.class, List.of(NON_ASCII), CHILD_TIMEOUT);
            assertThat(ChildProgram.withoutJvmLog(result.stdout()).lines().toList()).containsExactly(NON_ASCII);
            // UTF-8 is the default on this JDK, so the text alone cannot show it: the class file can.
            assertThat(DefaultCharsetCalls.in(Spawner.class)).as("calls that use the platform's default charset").isEmpty();
        }

        @Test
        @DisplayName("leave no child process behind")
        void leavesNoChildBehind() throws Exception {
            Set<Long> before = aliveDescendants();

            ChildResult result = Spawner.run(ExitWith.class, List.of("3"), CHILD_TIMEOUT);

            assertThat(ProcessHandle.of(result.pid()).filter(ProcessHandle::isAlive)).as("the child").isEmpty();
            assertThat(aliveDescendants()).as("descendants of this JVM").isSubsetOf(before);
        }

        @Test
        @DisplayName("reject a null process, class, argument list or timeout")
        void rejectNulls() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Spawner.join(null, CHILD_TIMEOUT));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> Spawner.run(null, List.of(), CHILD_TIMEOUT));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> Spawner.run(ExitWith.class, null, CHILD_TIMEOUT));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> Spawner.run(ExitWith.class, List.of("0"), null));
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("timeouts (task 4)")
    class Timeouts {

        @Test
        @DisplayName("join destroys a child that outlives its timeout and reports it as timed out")
        void joinDestroysLateChild() throws Exception {
            Process child = Spawner.start(Hang.class, List.of());
            try {
                ChildResult result = Spawner.join(child, SHORT_TIMEOUT);

                assertThat(result.timedOut()).as("timed out").isTrue();
                assertThat(result.pid()).isEqualTo(child.pid());
                assertThat(child.isAlive()).as("child alive after join").isFalse();
                assertThat(result.exitCode()).as(KILLED_EXIT_CODE, child.exitValue()).isEqualTo(child.exitValue());
            } finally {
                reap(child);
            }
        }

        @Test
        @DisplayName("run does the same, and leaves no child process behind")
        void runDestroysLateChild() throws Exception {
            Set<Long> before = aliveDescendants();

            ChildResult result = Spawner.run(Hang.class, List.of(), SHORT_TIMEOUT);

            assertThat(result.timedOut()).as("timed out").isTrue();
            assertThat(ProcessHandle.of(result.pid()).filter(ProcessHandle::isAlive)).as("the child").isEmpty();
            assertThat(aliveDescendants()).as("descendants of this JVM").isSubsetOf(before);
        }

        @Test
        @DisplayName("keeps everything a timed-out child printed until it died, without a gap")
        void keepsOutputOfTimedOutChild(@TempDir Path dir) throws Exception {
            Path printing = dir.resolve("printing");
            Process child = Spawner.start(Babbler.class, List.of(printing.toString()));
            ChildResult result;
            try {
                await("the child to start printing").atMost(CHILD_TIMEOUT)
                        .until(() -> Files.exists(printing) || !child.isAlive());

                result = Spawner.join(child, SHORT_TIMEOUT);
            } finally {
                reap(child);
            }

            assertThat(result.timedOut()).as("timed out").isTrue();
            List<String> lines = ChildProgram.withoutJvmLog(result.stdout()).lines().toList();
            assertThat(lines).as("lines the child printed").isNotEmpty();
            for (int i = 0; i < lines.size() - 1; i++) { // the last line may be cut short by the kill
                if (!lines.get(i).equals("line " + i)) {
                    assertThat(lines.get(i)).as("line %d of the child's output", i).isEqualTo("line " + i);
                }
            }
        }

        @Test
        @Timeout(30) // its waits add up to more than the default 10 s on a busy machine
        @DisplayName("a child that ignores the request to stop is killed, and what it printed is kept")
        void stubbornChildIsKilled(@TempDir Path dir) throws Exception {
            Path hookInstalled = dir.resolve("hook-installed");
            Path asked = dir.resolve("hook-installed.asked");
            Process child = Spawner.start(Stubborn.class, List.of(hookInstalled.toString()));
            FutureTask<ChildResult> join = new FutureTask<>(() -> Spawner.join(child, SHORT_TIMEOUT));
            Thread joiner = null;
            try {
                // From here on, a polite destroy() starts a shutdown that never ends.
                await("the child to install its never-ending shutdown hook")
                        .atMost(CHILD_TIMEOUT).until(() -> Files.exists(hookInstalled) || !child.isAlive());
                assertThat(child.isAlive()).as("child running").isTrue();

                joiner = Thread.ofPlatform().name("joiner").start(join);
                Waits.until("join to ask the child to stop, or to kill it", CHILD_TIMEOUT,
                        () -> Files.exists(asked) || !child.isAlive(), joiner);
                ChildResult result;
                try {
                    // The polite request has arrived: join owes the child GRACE, then a kill, not more.
                    result = join.get(GRACE_AND_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("join asked the child to stop, and " + GRACE_AND_MARGIN.toSeconds()
                            + " s later the child was " + (child.isAlive() ? "still running" : "dead")
                            + " and join had not returned: this child never stops when asked, so waiting for it "
                            + "without a limit waits for ever. It gets Spawner.GRACE (" + Spawner.GRACE.toMillis()
                            + " ms), then it is killed");
                }

                assertThat(result.timedOut()).as("timed out").isTrue();
                assertThat(child.isAlive()).as("child alive after join").isFalse();
                assertThat(result.exitCode()).as(KILLED_EXIT_CODE, child.exitValue()).isEqualTo(child.exitValue());
                assertThat(result.stdout()).as("what the child printed before it was killed").contains("hook installed");
            } finally {
                reap(child);
                if (joiner != null) {
                    joiner.interrupt();
                    joiner.join(CHILD_TIMEOUT);
                }
            }
        }

        @Test
        @DisplayName("an interrupted join destroys the child before it throws")
        void interruptedJoinDestroysChild() throws Exception {
            Process child = Spawner.start(Hang.class, List.of());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread joiner = Thread.ofPlatform().name("joiner").start(() -> {
                try {
                    Spawner.join(child, Duration.ofMinutes(1));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            try {
                await("the joiner to wait for the child").atMost(CHILD_TIMEOUT)
                        .until(() -> joiner.getState() == Thread.State.TIMED_WAITING
                                || joiner.getState() == Thread.State.WAITING || !joiner.isAlive());
                joiner.interrupt();

                // Killing a child and waiting for it takes milliseconds: far less than this patience.
                if (!joiner.join(Waits.PROMPTLY)) {
                    throw new AssertionError("join was interrupted, and " + Waits.PROMPTLY.toSeconds() + " s later it had not returned"
                            + (child.isAlive() ? " and the child was still running" : "")
                            + ": an interrupted join must not leave the child running (nor wait for it to end by itself)");
                }
                assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
                assertThat(child.isAlive()).as("child alive after the interrupted join").isFalse();
            } finally {
                joiner.interrupt();
                reap(child);
                joiner.join(CHILD_TIMEOUT);
            }
        }

        @Test
        @DisplayName("reject a zero or negative timeout, and run starts no child then")
        void rejectBadTimeouts() throws Exception {
            Set<Long> before = aliveDescendants();
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> Spawner.run(ExitWith.class, List.of("0"), Duration.ZERO));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> Spawner.run(ExitWith.class, List.of("0"), Duration.ofSeconds(-1)));
            assertThat(aliveDescendants()).as("children started by a rejected run").isSubsetOf(before);

            // A child started without Spawner, so that this test checks join alone.
            Process child = new ProcessBuilder(ChildProgram.command(Hang.class)).start();
            try {
                assertThatExceptionOfType(IllegalArgumentException.class)
                        .isThrownBy(() -> Spawner.join(child, Duration.ZERO));
                assertThatExceptionOfType(IllegalArgumentException.class)
                        .isThrownBy(() -> Spawner.join(child, Duration.ofMillis(-5)));
            } finally {
                reap(child);
            }
        }
    }

    /** Kills the child if it still runs and waits until it is gone, whatever the test did. */
    private static void reap(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(CHILD_TIMEOUT)).as("child reaped").isTrue();
    }

    /** All of the child's stdout, decoded as UTF-8, once it has ended. */
    private static String readStdout(Process child) throws IOException, InterruptedException {
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(CHILD_TIMEOUT)).as("child ended").isTrue();
        return out;
    }

    private static Map<String, String> report(String stdout) {
        Map<String, String> report = new LinkedHashMap<>();
        stdout.lines().filter(l -> l.contains("=")).forEach(l -> {
            int eq = l.indexOf('=');
            report.put(l.substring(0, eq), l.substring(eq + 1));
        });
        return report;
    }

    private static Set<Long> aliveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Whether the operating system's charset for command lines can represent {@code text}. */
    private static boolean commandLinesCanCarry(String text) {
        String jnu = System.getProperty("sun.jnu.encoding", System.getProperty("native.encoding"));
        return jnu != null && Charset.isSupported(jnu) && Charset.forName(jnu).newEncoder().canEncode(text);
    }
}
