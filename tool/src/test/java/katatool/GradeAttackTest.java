package katatool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks found by red-teaming the grader, each performed end to end on a scratch fork and
 * graded; each had changed the grade before its fix. Beside {@link GradeTrustTest}, which holds
 * the attacks the grader was built against; {@link CodeCheckTest} holds the class-level ones.
 */
@DisplayName("kata grade against attacks found by red-teaming it")
class GradeAttackTest {

    @TempDir
    Path temp;

    private static String resource(String name) throws IOException {
        try (InputStream in = GradeAttackTest.class.getResourceAsStream("/attacks/" + name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @Timeout(value = 300, unit = SECONDS)
    @DisplayName("code that runs jshell in the kata's JVM to forge the runner's report (nonce from a heap dump) is refused and earns nothing")
    void jshellForgedReport() throws IOException {
        Path fork = GradeTest.cloneRepo(temp);
        Path k07 = fork.resolve("katas/src/main/java/k07_lost_update");
        Files.writeString(k07.resolve("Cheat.java"), resource("JshellForgery.java.txt"), StandardCharsets.UTF_8);
        Path balance = k07.resolve("SynchronizedBalance.java");
        String stub = Files.readString(balance, StandardCharsets.UTF_8);
        assertThat(stub).contains("public final class SynchronizedBalance implements Balance {");
        Files.writeString(balance, stub.replace("public final class SynchronizedBalance implements Balance {",
                "public final class SynchronizedBalance implements Balance {\n    static {\n        Cheat.run();\n    }\n"),
                StandardCharsets.UTF_8);

        GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k07_lost_update");

        assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
        JsonNode results = run.json();
        assertThat(results.at("/grade/points").asLong()).as("points; out: %s", run.out()).isZero();
        assertThat(results.at("/grade/max_points").asLong()).isPositive();
        assertThat(run.tests("k07_lost_update › ")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.get("status").asText()).isEqualTo("error");
            assertThat(t.get("message").asText()).contains("katas/src/main/java/k07_lost_update/Cheat.java uses jdk.jshell.JShell");
        });
    }
}
