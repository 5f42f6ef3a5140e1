package k03_subprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import k03_subprocess.programs.ArgEcho;
import k03_subprocess.programs.ExitWith;
import k03_subprocess.programs.Flood;
import k03_subprocess.programs.Greeter;
import k03_subprocess.programs.Hang;
import k03_subprocess.programs.Lookup;
import k03_subprocess.programs.ReportJvm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import support.ChildProgram;
import support.FullPipe;
import support.Waits;
import support.programs.Flooder;

@DisplayName("Subprocess")
class SubprocessTest {

    /** More than any OS pipe buffer holds (64 KiB on Linux, 4 KiB to 64 KiB on Windows). */
    static final int ONE_MIB = 1 << 20;

    /** Time for a child JVM to start and end on a loaded machine: several times what it needs. */
    static final Duration CHILD_PATIENCE = Duration.ofSeconds(8);

    static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    @Nested
    @Tag("task:1")
    @DisplayName("call (task 1)")
    class Call {

        @Test
        @DisplayName("returns the exit code of the program it ran")
        void returnsExitCode() throws Exception {
            assertThat(Subprocess.call(ExitWith.class, "0")).isZero();
            assertThat(Subprocess.call(ExitWith.class, "42")).isEqualTo(42);
        }

        @Test
        @DisplayName("runs the program in a new JVM of this java with this class path, and returns after it has ended")
        void runsAChildJvmAndWaits() throws Exception {
            Path report = dir.resolve("jvm.txt");

            int exit = Subprocess.call(ReportJvm.class, report.toString());

            assertThat(exit).isZero();
            assertThat(report).as("the child's report, written before it ended").exists();
            Map<String, String> child = keyValues(report);
            assertThat(child.get("java.home")).isEqualTo(System.getProperty("java.home"));
            assertThat(child.get("java.class.path")).isEqualTo(System.getProperty("java.class.path"));
            long pid = Long.parseLong(child.get("pid"));
            assertThat(pid).as("a process of its own").isNotEqualTo(ProcessHandle.current().pid());
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the child, after call returned").isEmpty();
        }

        @Test
        @DisplayName("gives the child an empty stdin, so a program that reads its input to the end still ends")
        void emptyStdin() throws Exception {
            assertThat(Subprocess.call(Flood.class, "0")).isZero();
        }

        @Test
        @Timeout(30)
        @DisplayName("discards the child's output, so a program that writes more than a pipe holds still ends")
        void discardsOutput() throws Exception {
            int exit = FullPipe.call(dir, () -> Subprocess.call(Flooder.class, dir.toString(),
                    Integer.toString(ONE_MIB), Integer.toString(ONE_MIB)));

            assertThat(exit).isZero();
        }

        @Test
        @DisplayName("kills and reaps the child when the caller is interrupted while it waits")
        void reapsWhenInterrupted() throws Exception {
            Path pidFile = dir.resolve("hang.pid");
            assertInterruptReapsChild(() -> Subprocess.call(Hang.class, pidFile.toString()), pidFile);
        }

        @Test
        @DisplayName("rejects a null program, null arguments and a null argument")
        void rejectsNulls() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.call(null));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.call(ExitWith.class, (String[]) null));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.call(ExitWith.class, "0", null));
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("output (task 2)")
    class Output {

        @Test
        @DisplayName("tells the child which charset to write and decodes its output with the same one")
        void decodesInTheStatedCharset() throws Exception {
            assertThat(ChildProgram.withoutJvmLog(Subprocess.output(StandardCharsets.UTF_8, Greeter.class)))
                    .isEqualTo("stdout.encoding=UTF-8\n" + Greeter.GREETING + "\n");
            assertThat(ChildProgram.withoutJvmLog(Subprocess.output(GBK, Greeter.class)))
                    .as("the tutorial's charset, GBK, stated explicitly")
                    .isEqualTo("stdout.encoding=GBK\n" + Greeter.GREETING + "\n");
        }

        @Test
        @Timeout(30)
        @DisplayName("returns output far larger than a pipe holds, from a child that also fills its stderr")
        void readsLargeOutput() throws Exception {
            String out = FullPipe.call(dir, () -> Subprocess.output(StandardCharsets.UTF_8, Flooder.class,
                    dir.toString(), Integer.toString(ONE_MIB), Integer.toString(ONE_MIB)));

            assertThat(ChildProgram.withoutJvmLog(out)).hasSize(ONE_MIB).doesNotContain("e");
        }

        @Test
        @DisplayName("returns empty text for a program that writes nothing")
        void emptyOutput() throws Exception {
            assertThat(ChildProgram.withoutJvmLog(Subprocess.output(StandardCharsets.UTF_8, ExitWith.class, "0"))).isEmpty();
        }

        @Test
        @DisplayName("kills and reaps the child when the caller is interrupted while it waits for output that never comes")
        void reapsWhenInterrupted() throws Exception {
            Path pidFile = dir.resolve("hang.pid");
            assertInterruptReapsChild(() -> Subprocess.output(StandardCharsets.UTF_8, Hang.class, pidFile.toString()), pidFile);
        }

        @Test
        @DisplayName("rejects a null charset, a null program and a null argument")
        void rejectsNulls() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.output(null, Greeter.class));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.output(StandardCharsets.UTF_8, null));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> Subprocess.output(StandardCharsets.UTF_8, ArgEcho.class, (String) null));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("arguments (task 3)")
    class Arguments {

        @Test
        @DisplayName("reach the child verbatim: spaces, quotes and shell metacharacters are never interpreted")
        void arriveVerbatim() throws Exception {
            List<String> args = List.of("a b", "\"quoted\"", "say \"hi\" twice", "$(rm -rf /)", "`id`",
                    "; & | > < *", "%PATH%", "$HOME", "back\\slash\\", "\\\"", "it's", "");

            String echoed = Subprocess.output(StandardCharsets.UTF_8, ArgEcho.class, args.toArray(String[]::new));

            assertThat(ChildProgram.withoutJvmLog(echoed).lines().toList()).isEqualTo(args.stream().map(a -> "[" + a + "]").toList());
        }

        @Test
        @DisplayName("reach the child verbatim when they are not ASCII (where the platform's argument encoding can carry them)")
        void nonAsciiArrivesVerbatim() throws Exception {
            List<String> args = List.of("Grüße", "café crème", "进程 和 线程");

            String echoed = Subprocess.output(StandardCharsets.UTF_8, ArgEcho.class, args.toArray(String[]::new));

            // The OS command line itself is in sun.jnu.encoding (ANSI code page on Windows, the
            // locale's charset on Linux): what it cannot encode, no program can receive.
            List<String> carried = args.stream().filter(a -> jnuEncoding().newEncoder().canEncode(a)).toList();
            assumeFalse(carried.isEmpty(), "this platform's command line carries none of these characters");
            assertThat(echoed.lines().toList()).containsAll(carried.stream().map(a -> "[" + a + "]").toList());
        }

        @Test
        @DisplayName("go through ArgumentQuoting, so that Windows hands the child the same arguments")
        void usesArgumentQuoting() throws IOException {
            assertThat(classFileOf(Subprocess.class)).as("the compiled Subprocess refers to ArgumentQuoting")
                    .contains(ArgumentQuoting.class.getName().replace('.', '/'));
            // Quoting alone proves nothing: the arguments must still reach the child.
            assertThat(ChildProgram.withoutJvmLog(echo("x y"))).isEqualTo("[x y]\n");
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("communicate (task 4)")
    class Communicate {

        @Test
        @DisplayName("sends the input on stdin and returns stdout, stderr and the exit code, like the tutorial's nslookup session")
        void talksToAnInteractiveProgram() throws Exception {
            Completed done = Subprocess.communicate(StandardCharsets.UTF_8,
                    "set q=mx\npython.org\nset q=a\nnosuch.example\nexit\n", Lookup.class);

            assertThat(done.exitCode()).isZero();
            assertThat(done.stdout()).contains("python.org\tmail exchanger = 50 mail.python.org.\n");
            assertThat(done.stderr()).isEqualTo("** server can't find nosuch.example: NXDOMAIN\n");
        }

        @Test
        @DisplayName("encodes the input and decodes both outputs in the stated charset")
        void usesTheCharsetBothWays() throws Exception {
            for (Charset charset : List.of(StandardCharsets.UTF_8, GBK)) {
                Completed done = Subprocess.communicate(charset, "进程.example\n不存在.example\nexit\n", Lookup.class);

                assertThat(done.stdout()).as("stdout in " + charset).contains("Name:\t进程.example\nAddress: 192.0.2.88\n");
                assertThat(done.stderr()).as("stderr in " + charset).isEqualTo("** server can't find 不存在.example: NXDOMAIN\n");
            }
        }

        @Test
        @Timeout(30)
        @DisplayName("does not deadlock when the child writes a mebibyte to stderr before it reads a mebibyte of input")
        void readsAllStreamsAtOnce() throws Exception {
            String input = "line of input\n".repeat(ONE_MIB / 14 + 1);

            Completed done = FullPipe.call(dir, () -> Subprocess.communicate(StandardCharsets.UTF_8, input, Flood.class,
                    Integer.toString(ONE_MIB), dir.toString()));

            assertThat(done.exitCode()).isZero();
            assertThat(done.stderr()).hasSize(ONE_MIB);
            assertThat(ChildProgram.withoutJvmLog(done.stdout())).as("the input, echoed").hasSameSizeAs(input).isEqualTo(input);
        }

        @Test
        @DisplayName("does not fail when the child ends without reading all its input")
        void childMayIgnoreInput() throws Exception {
            Completed done = Subprocess.communicate(StandardCharsets.UTF_8, "x".repeat(ONE_MIB), ExitWith.class, "7");

            assertThat(done.exitCode()).isEqualTo(7);
            assertThat(ChildProgram.withoutJvmLog(done.stdout())).isEmpty();
            assertThat(done.stderr()).isEmpty();
        }

        @Test
        @DisplayName("rejects a null charset, input, program or argument")
        void rejectsNulls() {
            Charset utf8 = StandardCharsets.UTF_8;
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.communicate(null, "", Lookup.class));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.communicate(utf8, null, Lookup.class));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Subprocess.communicate(utf8, "", null));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> Subprocess.communicate(utf8, "", ArgEcho.class, (String) null));
        }
    }

    @Nested
    @Tag("task:5")
    @DisplayName("communicate with a timeout (task 5)")
    class WithTimeout {

        @Test
        @DisplayName("returns normally when the child ends in time")
        void endsInTime() throws Exception {
            Completed done = Subprocess.communicate(StandardCharsets.UTF_8, "python.org\nexit\n", CHILD_PATIENCE, Lookup.class);

            assertThat(done.exitCode()).isZero();
            assertThat(done.stdout()).contains("Address: 192.0.2.10");
        }

        @Test
        @Timeout(30)
        @DisplayName("kills a child that overruns, and it is dead by the time TimeoutException is thrown")
        void killsAnOverrunningChild() throws Exception {
            Path pidFile = dir.resolve("hang.pid");
            Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());

            Duration timeout = Duration.ofMillis(1500);
            FutureTask<Completed> call = new FutureTask<>(() -> Subprocess.communicate(
                    StandardCharsets.UTF_8, "", timeout, Hang.class, pidFile.toString()));
            Thread caller = Thread.ofPlatform().name("communicate").start(call);
            // The child process, seen as soon as it exists: on a busy machine its JVM may not yet
            // have started, let alone written its pid file, when its timeout kills it.
            AtomicReference<ProcessHandle> child = new AtomicReference<>();
            try {
                Waits.until("communicate to start the child", timeout.plus(Waits.PROMPTLY), () -> {
                    ProcessHandle.current().children().filter(c -> !before.contains(c.pid())).findFirst().ifPresent(child::set);
                    return child.get() != null || call.isDone();
                }, caller);
                assertThat(child.get()).as("the child process communicate started before it returned").isNotNull();

                // Killing a child and waiting for it takes milliseconds: far less than this patience.
                Duration patience = timeout.plus(Waits.PROMPTLY);
                Completed returned;
                try {
                    returned = call.get(patience.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("communicate had still not thrown TimeoutException " + Waits.PROMPTLY.toSeconds()
                            + " s after its timeout of 1.5 s" + (child.get().isAlive() ? ", and the child was still running" : "")
                            + ": a child that overruns must be killed, and communicate waits only until it is gone");
                } catch (ExecutionException e) {
                    // At once: a child that is only being killed, not yet gone, is still there now.
                    assertThat(child.get().isAlive()).as("the child alive, the moment TimeoutException was thrown").isFalse();
                    assertThat(e.getCause()).as("what communicate threw").isInstanceOf(TimeoutException.class);
                    returned = null;
                }
                assertThat(returned).as("what communicate returned instead of throwing TimeoutException").isNull();
            } finally {
                if (child.get() != null) {
                    child.get().destroyForcibly(); // free a caller stuck on it
                }
                caller.interrupt();
                caller.join(CHILD_PATIENCE);
            }

            assertThat(child.get().isAlive()).as("the child alive, after TimeoutException").isFalse();
        }

        @Test
        @DisplayName("kills and reaps the child when the caller is interrupted while it waits")
        void reapsWhenInterrupted() throws Exception {
            Path pidFile = dir.resolve("hang.pid");
            assertInterruptReapsChild(() -> Subprocess.communicate(
                    StandardCharsets.UTF_8, "", Duration.ofMinutes(1), Hang.class, pidFile.toString()), pidFile);
        }

        @Test
        @DisplayName("rejects a zero, negative or null timeout")
        void rejectsBadTimeouts() {
            Charset utf8 = StandardCharsets.UTF_8;
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> Subprocess.communicate(utf8, "", Duration.ZERO, Lookup.class));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> Subprocess.communicate(utf8, "", Duration.ofSeconds(-1), Lookup.class));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> Subprocess.communicate(utf8, "", (Duration) null, Lookup.class));
        }
    }

    /**
     * Runs {@code waiting} (which starts Hang with {@code pidFile}) on a thread of its own,
     * interrupts that thread once the child runs, and checks that the call gave up with an
     * InterruptedException and left no child behind.
     */
    private static void assertInterruptReapsChild(Callable<?> waiting, Path pidFile) throws Exception {
        FutureTask<?> call = new FutureTask<>(waiting);
        Thread caller = Thread.ofPlatform().name("caller-to-interrupt").start(call);

        await("the child to start and write its pid").atMost(CHILD_PATIENCE)
                .until(() -> Files.exists(pidFile) || call.isDone());
        caller.interrupt();

        // Killing a child and waiting for it takes milliseconds: far less than this patience.
        if (!caller.join(Waits.PROMPTLY)) {
            boolean running = Files.exists(pidFile) && aliveProcess(pidFile).isPresent();
            if (running) {
                aliveProcess(pidFile).ifPresent(ProcessHandle::destroyForcibly); // free the caller
            }
            caller.join(CHILD_PATIENCE);
            throw new AssertionError("the call was interrupted, and " + Waits.PROMPTLY.toSeconds() + " s later it had not returned"
                    + (running ? " and the child was still running" : "")
                    + ": an interrupted call must not leave the child running (nor wait for it to end by itself)");
        }
        // At once: a child that is only being killed, not yet gone, is still there now.
        Optional<ProcessHandle> child = Files.exists(pidFile) ? aliveProcess(pidFile) : Optional.empty();
        assertThatExceptionOfType(ExecutionException.class).isThrownBy(call::get)
                .havingCause().isInstanceOf(InterruptedException.class);
        assertThat(child).as("the child, the moment the interrupted call threw").isEmpty();
    }

    private static String echo(String arg) {
        try {
            return Subprocess.output(StandardCharsets.UTF_8, ArgEcho.class, arg);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The class file's bytes as text: its constant pool names every class the code uses. */
    private static String classFileOf(Class<?> type) throws IOException {
        try (var in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            assertThat(in).as("class file of " + type.getName()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Charset jnuEncoding() {
        return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    }

    private static Optional<ProcessHandle> aliveProcess(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private static Map<String, String> keyValues(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }
}
