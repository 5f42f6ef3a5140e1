package katatool.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import katatool.core.Console;
import katatool.core.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("the stress verdict")
class StressCheckTest {

    /** jcstress 0.16's RUN RESULTS, as a fast run printed them (shortened): a racy and a safe pair of each mode. */
    private static final List<String> OUTPUT = """
            RUN RESULTS:
              Interesting tests: 2 matching test results.

            .......... [OK] k07_lost_update.Lost_04_ManyUpdatesLost.Racy

              Results across all configurations:

              RESULT    SAMPLES     FREQ       EXPECT  DESCRIPTION
                   0          0    0.00%    Forbidden  Impossible: a thread's last write adds 1 to a deposit alr...
                   1          0    0.00%    Forbidden  Impossible: a thread's last write adds 1 to a deposit alr...
                  10  1,137,014   98.78%   Acceptable  All ten deposits landed.
                   5     11,697    1.02%  Interesting  Several deposits lost at once: one thread's late write un...
                   8        583    0.05%  Interesting  Several deposits lost at once: one thread's late write un...
                   9      1,116    0.10%   Acceptable  One deposit lost, as in Lost_01.

            .......... [OK] k14_visibility.Visibility_03_SpinOnUnsafeFlag

              Results across all configurations:

                  RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
                   STALE        2   28.57%  Interesting  The worker never saw the stop: its compiled loop read the...
              TERMINATED        5   71.43%   Acceptable  The worker saw the stop and ended.

              Messages:
                Have stale threads, forcing VM to exit for proper cleanup.
                Have stale threads, forcing VM to exit for proper cleanup.

              Failed tests: 1 matching test results.

            .......... [FAILED] k14_visibility.Visibility_04_SpinOnSafeFlags.Volatile

              Results across all configurations:

                  RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
                   STALE        1    0.80%   Forbidden  The worker never saw the stop: the volatile read was not ...
              TERMINATED      124   99.20%  Acceptable  The worker saw the stop and ended.

              Error tests: No matches.

              All remaining tests: 1 matching test results.

            .......... [OK] k14_visibility.Visibility_04_SpinOnSafeFlags.Locked

              Results across all configurations:

                  RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
                   STALE        0    0.00%   Forbidden  The worker never saw the stop: the lock did not publish it.
              TERMINATED        3  100.00%  Acceptable  The worker saw the stop and ended.
            """.lines().toList();

    private static final String RACY = "k07_lost_update.Lost_04_ManyUpdatesLost.Racy";
    private static final String SPIN = "k14_visibility.Visibility_03_SpinOnUnsafeFlag";
    private static final String VOLATILE = "k14_visibility.Visibility_04_SpinOnSafeFlags.Volatile";
    private static final String LOCKED = "k14_visibility.Visibility_04_SpinOnSafeFlags.Locked";

    @Nested
    @DisplayName("parses")
    class Parses {

        @Test
        @DisplayName("termination-mode rows, TERMINATED and STALE, with the stale-thread messages")
        void terminationMode() {
            Map<String, StressCheck.TestRun> runs = StressCheck.parse(OUTPUT);

            assertThat(runs).containsOnlyKeys(RACY, SPIN, VOLATILE, LOCKED);
            assertThat(runs.get(SPIN).outcomes()).extracting(StressCheck.Outcome::state, StressCheck.Outcome::samples,
                    StressCheck.Outcome::expect).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("STALE", 2L, "INTERESTING"),
                    org.assertj.core.groups.Tuple.tuple("TERMINATED", 5L, "ACCEPTABLE"));
            assertThat(runs.get(SPIN).messages()).hasSize(2).allMatch(m -> m.startsWith("Have stale threads"));
            assertThat(runs.get(VOLATILE).samples("FORBIDDEN")).isEqualTo(1);
            assertThat(runs.get(LOCKED).samples()).isEqualTo(3);
        }

        @Test
        @DisplayName("a test whose outcomes fall into a catch-all row, several losses at once")
        void catchAllRows() {
            assertThat(StressCheck.parse(OUTPUT).get(RACY).samples("INTERESTING")).isEqualTo(11_697 + 583);
        }
    }

    @Nested
    @DisplayName("judges")
    class Judges {

        @Test
        @DisplayName("a stale spin on a safe flag as a failure, and the stale-thread messages as no error")
        void staleOnASafeFlagFails() {
            StressCheck.Verdict verdict = StressCheck.judge(List.of(SPIN, VOLATILE, LOCKED), List.of(), StressCheck.parse(OUTPUT));

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.lines()).anyMatch(l -> l.startsWith("✘ " + VOLATILE + ": FORBIDDEN outcome STALE seen 1 times"))
                    .anyMatch(l -> l.startsWith("✔ " + SPIN + ": race observed, 2 of 7 samples"))
                    .anyMatch(l -> l.startsWith("✔ " + LOCKED + ": clean"));
        }

        @Test
        @DisplayName("a nested racy test named in mustShowRace as shown when it lost several updates")
        void nestedMustShowRace() {
            StressCheck.Verdict verdict = StressCheck.judge(List.of(RACY, LOCKED), List.of(RACY), StressCheck.parse(OUTPUT));

            assertThat(verdict.ok()).as(String.join("\n", verdict.lines())).isTrue();
        }

        @Test
        @DisplayName("a termination test named in mustShowRace that never went stale as a failure")
        void raceNotShown() {
            List<String> noStale = OUTPUT.stream().map(l -> l.replace("STALE        2   28.57%", "STALE        0    0.00%")).toList();

            StressCheck.Verdict verdict = StressCheck.judge(List.of(SPIN), List.of(SPIN), StressCheck.parse(noStale));

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.lines()).singleElement().asString().contains("the race was not observed");
        }
    }

    @Test
    @DisplayName("picks for a second, longer run only the racy tests that ran clean without their race")
    void secondRunForUnseenRaces() {
        List<String> noRace = OUTPUT.stream().map(l -> l.replace("STALE        2   28.57%", "STALE        0    0.00%")).toList();
        List<String> expected = List.of(RACY, SPIN, VOLATILE, LOCKED);

        assertThat(StressCheck.unseenRaces(expected, List.of(RACY, SPIN), StressCheck.parse(OUTPUT))).isEmpty();
        assertThat(StressCheck.unseenRaces(expected, List.of(RACY, SPIN), StressCheck.parse(noRace))).containsExactly(SPIN);
        assertThat(StressCheck.unseenRaces(expected, List.of(), StressCheck.parse(noRace))).as("nothing required").isEmpty();
    }

    @Test
    @DisplayName("tells the learner that a given racy test showed its race, and that a forbidden outcome on their class is not safe")
    void describesForTheLearner() {
        List<String> lines = new ArrayList<>();
        Manifest.Stress stress = new Manifest.Stress(List.of(SPIN, "k14_visibility.Visibility_04_SpinOnSafeFlags"), List.of());

        boolean safe = StressCheck.describe(stress, StressCheck.parse(OUTPUT), Console.plain(), lines);

        assertThat(safe).isFalse();
        assertThat(lines).containsExactly(
                "• Visibility_03_SpinOnUnsafeFlag (given, broken on purpose): the race showed in 2 of 7 samples, the race you are fixing.",
                "✘ Visibility_04_SpinOnSafeFlags.Volatile: 1 forbidden outcomes in 125 samples"
                        + " (The worker never saw the stop: the volatile read was not ...); not safe yet.",
                "✔ Visibility_04_SpinOnSafeFlags.Locked: no forbidden outcome in 3 samples.");
    }
}
