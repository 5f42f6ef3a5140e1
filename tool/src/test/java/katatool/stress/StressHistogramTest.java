package katatool.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import katatool.core.Console;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("the stress verdict's histogram")
@Timeout(30)
class StressHistogramTest {

    /** A real fast-mode run of the k07 and k14 stress tests, recorded from the test command. */
    static Map<String, StressCheck.TestRun> recorded() throws IOException {
        try (InputStream in = StressHistogramTest.class.getResourceAsStream("/stress/jcstress-fast-run.txt")) {
            assertThat(in).as("the recorded jcstress output").isNotNull();
            return StressCheck.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    @Test
    @DisplayName("draws the unlocked balance's lost update as a bar in proportion to its share")
    void lostUpdateIsABar() throws IOException {
        StressCheck.TestRun unlocked = recorded().get("k07_lost_update.Lost_01_UnlockedBalance");

        List<String> lines = StressHistogram.draw(unlocked, Console.plain());

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("interesting: Lost update").contains("9.12%").contains("586,908");
        assertThat(lines.get(2)).contains("acceptable: Both deposits landed").contains("90.88%");
        // 9.12% of 30 columns is 3 (rounded up to whole #), 90.88% is 28
        assertThat(count(lines.get(1), '#')).isEqualTo(3);
        assertThat(count(lines.get(2), '#')).isEqualTo(28);
    }

    @Test
    @DisplayName("gives an outcome seen a few times in millions a sliver, never an empty bar")
    void rareOutcomeIsVisible() throws IOException {
        StressCheck.TestRun flag = recorded().get("k14_visibility.Visibility_01_UnsafeStopFlag");
        String stale = StressHistogram.draw(flag, Console.plain()).stream()
                .filter(l -> l.contains("Stale read")).findFirst().orElseThrow();

        assertThat(stale).contains("<0.01%").contains("#");
        assertThat(StressHistogram.bar(0.00001, true, true)).startsWith("▏");
        assertThat(StressHistogram.bar(0, false, true)).isBlank();
    }

    @Test
    @DisplayName("marks a forbidden outcome that was seen in words and in red, and one never seen as harmless")
    void forbiddenIsMarked() {
        StressCheck.TestRun run = new StressCheck.TestRun("k07_lost_update.Lost_02_SafeBalances.Locked", "FAILED", List.of(
                new StressCheck.Outcome("1", 12, "FORBIDDEN", "Lost update: the locked balance dropped a deposit."),
                new StressCheck.Outcome("2", 1_000_000, "ACCEPTABLE", "Both deposits landed.")), List.of());
        StressCheck.TestRun clean = new StressCheck.TestRun("k07_lost_update.Lost_02_SafeBalances.Atomic", "OK", List.of(
                new StressCheck.Outcome("1", 0, "FORBIDDEN", "Lost update."),
                new StressCheck.Outcome("2", 1_000_000, "ACCEPTABLE", "Both deposits landed.")), List.of());

        List<String> coloured = StressHistogram.draw(run, Console.colour());
        List<String> plain = StressHistogram.draw(run, Console.plain());

        assertThat(plain.get(1)).contains("✘ FORBIDDEN: Lost update").contains("#");
        assertThat(coloured.get(1)).contains("\u001b[31m").contains("▏");
        assertThat(StressHistogram.draw(clean, Console.plain()).get(1)).contains("forbidden, never seen").doesNotContain("#");
    }

    @Test
    @DisplayName("writes no escape codes and no block characters in plain output")
    void plainStaysPlain() throws IOException {
        for (StressCheck.TestRun run : recorded().values()) {
            assertThat(StressHistogram.draw(run, Console.plain()))
                    .allSatisfy(line -> assertThat(line).doesNotContain("\u001b").doesNotContainPattern("[█▏▎▍▌▋▊▉]"));
        }
    }

    @Test
    @DisplayName("falls back to # for the bars on a console whose code page has no block characters")
    void asciiConsole() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintWriter out = Console.writer(bytes, StandardCharsets.US_ASCII);

        out.print(StressHistogram.bar(0.5, true, true) + "|" + StressHistogram.bar(0.00001, true, true));
        out.flush();

        assertThat(bytes.toString(StandardCharsets.US_ASCII)).startsWith("#".repeat(15)).contains("|#").doesNotContain("?");
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
