package k11_crash_isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import k11_crash_isolation.programs.Chatty;
import k11_crash_isolation.programs.ExitWith;
import k11_crash_isolation.programs.Greet;
import k11_crash_isolation.programs.HaltWith;
import k11_crash_isolation.programs.Hang;
import k11_crash_isolation.programs.ReportJavaHome;
import k11_crash_isolation.programs.ThrowUncaught;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import support.DefaultCharsetCalls;

@DisplayName("ChildJvm")
@ExtendWith(NoChildProcessLeft.class)
class ChildJvmTest {

    /** Far above a child JVM's start-up (a few hundred ms under load), below the test's own 10 s. */
    static final Duration GENEROUS = Duration.ofSeconds(8);
    private static final String NON_ASCII_NAME = "Zoë Łukasz 世界";

    @Nested
    @Tag("task:2")
    // A test starts up to two JVMs, each given up to 8 s: more than the default 10 s in the worst case.
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @DisplayName("run (task 2)")
    class Run {

        @Test
        @DisplayName("reports a child that exits with a non-zero code, and what it wrote to stderr")
        void nonZeroExit() throws Exception {
            ChildResult result = ChildJvm.run(ExitWith.class, List.of("3", "disk full"), GENEROUS);

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.lastStderrLine()).isEqualTo("disk full");
        }

        @Test
        @DisplayName("reports a child that halts its JVM without any clean-up")
        void halt() throws Exception {
            ChildResult result = ChildJvm.run(HaltWith.class, List.of("7", "halting now"), GENEROUS);

            assertThat(result.exitCode()).isEqualTo(7);
            assertThat(result.lastStderrLine()).isEqualTo("halting now");
        }

        @Test
        @DisplayName("reports a child whose main dies of an uncaught exception")
        void uncaughtException() throws Exception {
            ChildResult result = ChildJvm.run(ThrowUncaught.class, List.of("no such student"), GENEROUS);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("IllegalStateException: no such student");
        }

        @Test
        @DisplayName("goes on after a crashed child: the next child runs and its UTF-8 output arrives intact")
        void parentGoesOn() throws Exception {
            ChildResult crashed = ChildJvm.run(HaltWith.class, List.of("9", "gone"), GENEROUS);
            // java.exe decodes its command line in the ANSI code page (Cp1252 has no Ł or 世): what the
            // OS cannot carry, no program can receive, so there the name stays ASCII.
            String name = commandLinesCanCarry(NON_ASCII_NAME) ? NON_ASCII_NAME : "Zoe Lukasz";
            ChildResult next = ChildJvm.run(Greet.class, List.of(name), GENEROUS);

            assertThat(crashed.exitCode()).isEqualTo(9);
            assertThat(next.exitCode()).as("exit code; stderr: %s", next.stderr()).isZero();
            assertThat(next.stdout().strip()).as("one argument with spaces, no shell, UTF-8 both ways")
                    .isEqualTo("Grüße, " + name + " ✓");
            // On JDK 18 and later the default charset is UTF-8 unless the JVM is started otherwise, so
            // text alone cannot show a decoding that names no charset: the class file can.
            assertThat(DefaultCharsetCalls.in(ChildJvm.class)).withFailMessage("ChildJvm turns the child's bytes into"
                    + " text without naming a charset: %s. That uses whatever charset this JVM was started with,"
                    + " not the UTF-8 the child writes", DefaultCharsetCalls.in(ChildJvm.class)).isEmpty();
        }

        @Test
        @DisplayName("starts the child from this JVM's own java (java.home), not whichever java the PATH finds")
        void ownJava() throws Exception {
            ChildResult result = ChildJvm.run(ReportJavaHome.class, List.of(), GENEROUS);

            assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
            assertThat(Path.of(result.stdout().strip())).withFailMessage("the child ran in the java of %s, but this JVM"
                    + " is %s: a java found on the PATH may be another version, or none at all",
                    result.stdout().strip(), System.getProperty("java.home"))
                    .isEqualTo(Path.of(System.getProperty("java.home")));
        }

        @Test
        @DisplayName("reads both streams while the child runs: a child that writes 1 MiB to stderr, then 1 MiB to stdout, ends")
        void drainsBothPipesAtOnce() throws Exception {
            int lines = 16_384; // 1 MiB a stream, sixteen times the largest pipe buffer

            ChildResult result = ChildJvm.run(Chatty.class, List.of(Integer.toString(lines)), GENEROUS);

            assertThat(result.exitCode()).isZero();
            assertThat(result.stderr().lines()).as("stderr lines").hasSize(lines).allMatch(Chatty.LINE::equals);
            assertThat(result.stdout().lines()).as("stdout lines").hasSize(lines).allMatch(Chatty.LINE::equals);
        }

        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS) // one JVM, given one second: a run that hangs fails sooner
        @DisplayName("kills a child that outlives its timeout and throws TimeoutException once the child is gone")
        void killsOnTimeout() {
            List<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();

            // The child waits for ever; one second is only how long we are willing to wait for it.
            assertThatExceptionOfType(TimeoutException.class)
                    .isThrownBy(() -> ChildJvm.run(Hang.class, List.of(), Duration.ofSeconds(1)));

            // Hang also hangs in its shutdown: only a forcible kill ends it.
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(p -> !before.contains(p.pid())).map(ProcessHandle::pid).toList())
                    .withFailMessage("run threw TimeoutException while the child it started was still alive: kill it"
                            + " (a hung program may ignore a polite request to stop) and wait for it to end before throwing")
                    .isEmpty();
        }

        @Test
        @DisplayName("rejects a null class, null arguments and a zero or negative timeout")
        void rejectsBadInput() {
            List<String> withNull = new ArrayList<>();
            withNull.add(null);

            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ChildJvm.run(null, List.of(), GENEROUS));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ChildJvm.run(Greet.class, null, GENEROUS));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ChildJvm.run(Greet.class, withNull, GENEROUS));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ChildJvm.run(Greet.class, List.of("x"), null));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ChildJvm.run(Greet.class, List.of("x"), Duration.ZERO));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ChildJvm.run(Greet.class, List.of("x"), Duration.ofSeconds(-1)));
        }
    }

    /** Whether the operating system's charset for command lines can represent {@code text}. */
    private static boolean commandLinesCanCarry(String text) {
        String jnu = System.getProperty("sun.jnu.encoding", System.getProperty("native.encoding"));
        return jnu != null && Charset.isSupported(jnu) && Charset.forName(jnu).newEncoder().canEncode(text);
    }
}
