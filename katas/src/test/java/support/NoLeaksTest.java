package support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the leak check")
class NoLeaksTest {

    @Test
    @DisplayName("passes over Windows' console host, which each piped console child gets and which ends with it, and nothing else")
    void ignoresOnlyTheConsoleHost() {
        // The commands ProcessHandle.Info gives for a test's descendants on Windows and Linux.
        List<Optional<String>> descendants = List.of(
                Optional.of("C:\\Windows\\System32\\conhost.exe"),
                Optional.of("C:\\WINDOWS\\system32\\CONHOST.EXE"),
                Optional.of("C:\\Program Files\\Eclipse Adoptium\\jdk-25.0.1.8-hotspot\\bin\\java.exe"),
                Optional.of("C:\\Users\\learner\\conhost.exe.bak"),
                Optional.of("/usr/lib/jvm/temurin-25/bin/java"),
                Optional.empty());

        assertThat(descendants.stream().filter(NoLeaks::isConsoleHost).toList())
                .containsExactly(Optional.of("C:\\Windows\\System32\\conhost.exe"), Optional.of("C:\\WINDOWS\\system32\\CONHOST.EXE"));
    }
}
