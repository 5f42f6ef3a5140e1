package support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import support.programs.Abandoner;
import support.programs.Middle;
import support.programs.Sleeper;

@DisplayName("a child program")
class ChildProgramTest {

    @Test
    @DisplayName("halts when the JVM that started it is killed, so a killed test run leaves no child JVM behind")
    void diesWithKilledParent() throws IOException {
        Process middle = new ProcessBuilder(ChildProgram.command(Middle.class))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Optional<ProcessHandle> grandchild = Optional.empty();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(middle.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the grandchild's report").startsWith("sleeping ");
            grandchild = ProcessHandle.of(Long.parseLong(line.substring("sleeping ".length())));
            assertThat(grandchild).as("grandchild alive before the kill").isPresent();

            middle.destroyForcibly(); // like a surefire fork killed by its timeout: no shutdown hooks run

            ProcessHandle orphan = grandchild.get();
            await("the orphaned grandchild to halt").atMost(Duration.ofSeconds(8)).until(() -> !orphan.isAlive());
        } finally {
            middle.destroyForcibly();
            grandchild.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    @DisplayName("halts when the JVM that started it died before the child got to dieWithParent, so code that abandons a child leaves nothing behind")
    void diesWhenParentDiedFirst() throws Exception {
        Process wrong = new ProcessBuilder(ChildProgram.command(Abandoner.class))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Optional<ProcessHandle> abandoned = Optional.empty();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(wrong.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the abandoned child's pid").startsWith("abandoned ");
            abandoned = ProcessHandle.of(Long.parseLong(line.substring("abandoned ".length())));
            assertThat(wrong.waitFor(8, TimeUnit.SECONDS)).as("the wrong solution ended").isTrue();

            // Orphaned before it called dieWithParent: it now has init, or a subreaper, for a parent,
            // and is no longer a descendant of this JVM that a leak check could find.
            abandoned.ifPresent(orphan -> await("the abandoned child to halt").atMost(Duration.ofSeconds(8))
                    .until(() -> !orphan.isAlive()));
        } finally {
            wrong.destroyForcibly();
            abandoned.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    @DisplayName("halts at once when started with the identity of a JVM that has already ended")
    void diesWhenNamedParentIsGone() throws Exception {
        List<String> command = new ArrayList<>(ChildProgram.command(Sleeper.class));
        ProcessHandle self = ProcessHandle.current();
        // This JVM's pid with another start: the pid taken over by a new process.
        String replaced = self.pid() + "@" + self.info().startInstant().orElseThrow().minusSeconds(60);
        command.replaceAll(arg -> arg.startsWith("-D" + ChildProgram.PARENT_PROPERTY + "=")
                ? "-D" + ChildProgram.PARENT_PROPERTY + "=" + replaced : arg);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(child.waitFor(8, TimeUnit.SECONDS)).as("the child halted").isTrue();
            assertThat(child.exitValue()).isEqualTo(3);
            assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as("output").isEmpty();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    @Test
    @DisplayName("starts its children without the JVM's performance-data file, whose warnings would mix with their output")
    void commandTurnsOffPerfData() {
        assertThat(ChildProgram.command(Sleeper.class)).contains("-XX:-UsePerfData");
    }

    @Test
    @DisplayName("drops only the JVM's own log lines from a child's output")
    void dropsJvmLogLines() {
        String out = "[warning][perf,memops] Cannot use file /tmp/hsperfdata_u/42 because it is locked by another process\n"
                + "balance=5\n[not a log] line\n";
        assertThat(ChildProgram.withoutJvmLog(out)).isEqualTo("balance=5\n[not a log] line\n");
        assertThat(ChildProgram.withoutJvmLog("[0.011s][warning][gc] x\nkept")).isEqualTo("kept");
    }
}
