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

    @Test
    @Timeout(value = 300, unit = SECONDS)
    @DisplayName("without the sandbox, a process kata's code that compiles a forgery into a later kata's checked classes voids that kata")
    void laterKataClassesRewrittenWithoutTheSandbox() throws IOException {
        Path fork = GradeTest.cloneRepo(temp);
        // The forgery of jshellForgedReport, compiled by k03's code into k07's classes after the check.
        Path payload = Files.createDirectories(temp.resolve("payload"));
        Files.writeString(payload.resolve("Cheat.java"), resource("JshellForgery.java.txt"), StandardCharsets.UTF_8);
        String balance = Files.readString(fork.resolve("katas/src/main/java/k07_lost_update/SynchronizedBalance.java"),
                StandardCharsets.UTF_8);
        Files.writeString(payload.resolve("SynchronizedBalance.java"), balance.replace(
                "public final class SynchronizedBalance implements Balance {",
                "public final class SynchronizedBalance implements Balance {\n    static {\n        Cheat.run();\n    }\n"),
                StandardCharsets.UTF_8);
        Path k03 = fork.resolve("katas/src/main/java/k03_subprocess");
        Files.writeString(k03.resolve("Plant.java"), """
                package k03_subprocess;

                import java.nio.file.Path;

                final class Plant {
                    private Plant() {}

                    static void run() {
                        try {
                            // The kata's JVM runs in <scratch>/run/<kata>; the classes are in <scratch>/classes.
                            Path k07 = Path.of("").toAbsolutePath().getParent().getParent()
                                    .resolve("classes").resolve("learner").resolve("k07_lost_update").resolve("main");
                            Path payload = Path.of(%s);
                            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                                    "-d", k07.toString(), "-cp", k07.toString(), payload.resolve("Cheat.java").toString(),
                                    payload.resolve("SynchronizedBalance.java").toString()).inheritIO().start().waitFor();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """.formatted(javaString(payload.toString())), StandardCharsets.UTF_8);
        Path subprocess = k03.resolve("Subprocess.java");
        String stub = Files.readString(subprocess, StandardCharsets.UTF_8);
        assertThat(stub).contains("public final class Subprocess {");
        Files.writeString(subprocess, stub.replace("public final class Subprocess {",
                "public final class Subprocess {\n    static {\n        Plant.run();\n    }\n"), StandardCharsets.UTF_8);

        GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k03_subprocess", "--kata", "k07_lost_update", "--sandbox", "off");

        assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
        assertThat(run.json().at("/grade/points").asLong()).as("points; out: %s", run.out()).isZero();
        assertThat(run.tests("k07_lost_update › ")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.get("status").asText()).isEqualTo("error");
            assertThat(t.get("message").asText()).contains("compiled classes or the tests' resources were changed after they were checked");
        });
    }

    private static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";  // portability: allowed (string escapes, not paths)
    }
}
