package support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import support.programs.Middle;

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
}
