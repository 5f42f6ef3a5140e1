package katatool.grade;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import katatool.core.Manifest;

/**
 * A learner's grade: every kata's tests and stress verdicts, turned into points.
 *
 * <p>Points: one per passing task test (tests of given code and tests skipped on this machine
 * earn nothing and count toward nothing); one per stress test of a safe balance that ran clean;
 * minus one per safe balance on which jcstress saw a lost update. A kata never scores below zero.
 *
 * @param katas one grade per kata graded, in manifest order
 * @param stressNote why stress tests were not run, if they were not
 * @param tampered protected files that differ from the expected digests, by path, with "changed",
 *     "missing" or "added"; when not empty the grade is void
 */
public record Grade(List<KataGrade> katas, Optional<String> stressNote, Map<String, String> tampered) {

    /** Exercism's per-test statuses, plus the one a skipped test gets here. */
    enum Status { PASS, FAIL, ERROR, SKIPPED }

    /** What a test is worth. */
    enum Kind {
        /** A task test: one point when it passes. */
        TASK,
        /** A test of code given complete: passes on the stub by design, worth nothing. */
        GIVEN,
        /** Stands for a kata whose tests could not even be listed. */
        PLACEHOLDER
    }

    /** One test's result; {@code testCode} is the test's source, for Exercism's {@code test_code}. */
    record TestScore(String name, Kind kind, Optional<Integer> task, Status status, String message, String output,
                     String testCode) {
        boolean counted() {
            return kind == Kind.TASK && status != Status.SKIPPED;
        }
    }

    /** What jcstress said about one safe balance, and what that is worth. */
    enum StressVerdict {
        CLEAN(1), LOST_UPDATE(-1), NOT_IMPLEMENTED(0), ERROR(0), NOT_RUN(0);

        final int points;

        StressVerdict(int points) {
            this.points = points;
        }
    }

    /** One stress test (a jcstress test of a balance that should be safe). */
    record StressScore(String test, StressVerdict verdict, String detail) {}

    /**
     * One kata's grade.
     *
     * @param problem why the kata's tests could not run or finish: a compile error, a JVM the
     *     learner's code stopped, a hang; empty when they ran
     * @param stress the kata's stress scores; empty if it has none or stress was not run
     * @param output the last lines the kata's JVM printed outside its report (what its tests
     *     printed is with each test)
     */
    record KataGrade(Manifest.Kata kata, Optional<String> problem, List<TestScore> tests, List<StressScore> stress,
                     String output) {

        long passed() {
            return tests.stream().filter(TestScore::counted).filter(t -> t.status() == Status.PASS).count();
        }

        long total() {
            return tests.stream().filter(TestScore::counted).count();
        }

        int stressPoints() {
            return stress.stream().mapToInt(s -> s.verdict().points).sum();
        }

        long lostUpdates() {
            return stress.stream().filter(s -> s.verdict() == StressVerdict.LOST_UPDATE).count();
        }

        long points() {
            return Math.max(0, passed() + stressPoints());
        }

        long max() {
            return total() + stress.size();
        }

        boolean solved() {
            return problem.isEmpty() && total() > 0 && passed() == total()
                    && stress.stream().allMatch(s -> s.verdict() == StressVerdict.CLEAN);
        }
    }

    public long points() {
        return katas.stream().mapToLong(KataGrade::points).sum();
    }

    public long max() {
        return katas.stream().mapToLong(KataGrade::max).sum();
    }

    public long solved() {
        return katas.stream().filter(KataGrade::solved).count();
    }

    public boolean isVoid() {
        return !tampered.isEmpty();
    }

    /** results.json's top-level status. */
    String status() {
        if (isVoid()) {
            return "error";
        }
        boolean anyFailing = katas.stream().flatMap(k -> k.tests().stream())
                .anyMatch(t -> t.counted() && t.status() != Status.PASS);
        return !katas.isEmpty() && !anyFailing && solved() == katas.size() ? "pass" : "fail";
    }
}
