package k11_crash_isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import k11_crash_isolation.programs.FlakyWorker;
import k11_crash_isolation.programs.HangOnFirstStart;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a Supervisor")
@ExtendWith(NoChildProcessLeft.class)
class SupervisorTest {

    /** Far above a child JVM's start-up (a few hundred ms under load). */
    static final Duration GENEROUS = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    private Path counter() {
        return dir.resolve("attempts.txt");
    }

    /** How many times FlakyWorker was started, as it counted in its file. */
    private int starts() throws IOException {
        return Files.exists(counter()) ? Integer.parseInt(Files.readString(counter(), StandardCharsets.UTF_8).strip()) : 0;
    }

    private List<String> flaky(int crashes, String how) {
        return List.of(counter().toString(), Integer.toString(crashes), how);
    }

    @Nested
    @Tag("task:3")
    // Each test starts up to three JVMs, one after another: more than the default 10 s under heavy load.
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("run (task 3)")
    class Run {

        @Test
        @DisplayName("restarts a worker that crashed twice and returns the third run's result")
        void restartsUntilSuccess() throws Exception {
            Supervised done = new Supervisor(3, GENEROUS).run(FlakyWorker.class, flaky(2, "exit"));

            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.result().exitCode()).isZero();
            assertThat(done.result().stdout().strip()).isEqualTo("ok on attempt 3");
            assertThat(starts()).as("starts counted by the worker").isEqualTo(3);
        }

        @Test
        @DisplayName("starts a worker that succeeds at once only once")
        void noRestartWhenFine() throws Exception {
            Supervised done = new Supervisor(5, GENEROUS).run(FlakyWorker.class, flaky(0, "exit"));

            assertThat(done.attempts()).isEqualTo(1);
            assertThat(starts()).isEqualTo(1);
        }

        @Test
        @DisplayName("gives up after the last allowed restart, naming the attempts, the exit code and the last stderr line")
        void givesUpAndSaysWhy() throws Exception {
            Supervisor supervisor = new Supervisor(2, GENEROUS);

            GaveUpException gaveUp = catchThrowableOfType(GaveUpException.class,
                    () -> supervisor.run(FlakyWorker.class, flaky(100, "halt")));

            assertThat(gaveUp).as("the supervisor gave up").isNotNull();
            assertThat(gaveUp.attempts()).isEqualTo(3);
            assertThat(gaveUp.lastResult().exitCode()).isEqualTo(FlakyWorker.HALT_CODE);
            assertThat(gaveUp.lastResult().lastStderrLine()).isEqualTo("crash on attempt 3");
            assertThat(gaveUp).hasMessageContaining("3 attempts").hasMessageContaining("code 7")
                    .hasMessageContaining("crash on attempt 3");
            assertThat(starts()).as("starts counted by the worker: no fourth").isEqualTo(3);
        }

        @Test
        @DisplayName("with no restarts allowed, runs the worker once and gives up on its first crash")
        void zeroRestarts() throws Exception {
            Supervisor supervisor = new Supervisor(0, GENEROUS);

            assertThatExceptionOfType(GaveUpException.class)
                    .isThrownBy(() -> supervisor.run(FlakyWorker.class, flaky(1, "exit")))
                    .satisfies(e -> assertThat(e.attempts()).isEqualTo(1))
                    .satisfies(e -> assertThat(e.lastResult().exitCode()).isEqualTo(FlakyWorker.EXIT_CODE));
            assertThat(starts()).isEqualTo(1);
        }

        @Test
        @Timeout(value = 15, unit = TimeUnit.SECONDS) // one hung start of 3 s: a run that waits for ever fails sooner
        @DisplayName("does not restart a worker that hung: it is killed, and the TimeoutException reaches the caller")
        void hungWorkerIsNotRestarted() throws Exception {
            // The worker hangs on its first start only: a supervisor that restarted it would see it succeed.
            // Three seconds is far above a JVM's start-up, so the first start counts itself before it is killed.
            Supervisor supervisor = new Supervisor(2, Duration.ofSeconds(3));

            Throwable thrown = catchThrowable(() -> supervisor.run(HangOnFirstStart.class, List.of(counter().toString())));

            assertThat(thrown).withFailMessage("a worker that hung on its first start must end the run with"
                    + " TimeoutException, not be started again (started %d times; run %s)", starts(),
                    thrown == null ? "returned normally" : "threw " + thrown).isInstanceOf(TimeoutException.class);
            assertThat(starts()).as("starts counted by the worker").isLessThanOrEqualTo(1);
        }

        @Test
        @DisplayName("rejects negative restarts, a zero or negative timeout, and null arguments")
        void rejectsBadInput() {
            List<String> withNull = new ArrayList<>();
            withNull.add(null);

            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Supervisor(-1, GENEROUS));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Supervisor(1, Duration.ZERO));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Supervisor(1, Duration.ofMillis(-5)));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new Supervisor(1, null));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> new Supervisor(1, GENEROUS).run(null, List.of()));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> new Supervisor(1, GENEROUS).run(FlakyWorker.class, null));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> new Supervisor(1, GENEROUS).run(FlakyWorker.class, withNull));
        }
    }
}
