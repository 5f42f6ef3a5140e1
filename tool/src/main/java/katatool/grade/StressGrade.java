package katatool.grade;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.stress.StressCheck;

/**
 * Scores the jcstress tests of the learner's safe balances: clean earns a point, a lost update
 * costs one, a balance that still throws {@code UnsupportedOperationException} earns nothing.
 *
 * <p>Only the stress tests of code the learner writes are graded: the manifest's
 * {@code mustShowRace} tests stress given, deliberately broken code, and say nothing about the
 * learner.
 */
final class StressGrade {

    private StressGrade() {}

    /** The kata's stress test classes that hammer the learner's (should-be-safe) code. */
    static List<String> safeTests(Manifest.Kata kata) {
        return kata.stressTests().map(s -> s.tests().stream().filter(t -> !s.mustShowRace().contains(t)).toList())
                .orElse(List.of());
    }

    /**
     * Lists and runs the safe stress tests of {@code katas} from the jar, in jcstress's fast mode.
     *
     * @return the scores by kata id; every listed test has one
     */
    static Map<String, List<Grade.StressScore>> run(Path jar, List<Manifest.Kata> katas, Path workDir, boolean sandboxed,
            PrintWriter out)
            throws IOException, InterruptedException {
        Map<String, List<Grade.StressScore>> scores = new LinkedHashMap<>();
        List<String> tests = katas.stream().flatMap(k -> safeTests(k).stream()).toList();
        String selector = StressCheck.selector(tests);
        Files.createDirectories(workDir);
        List<String> listed;
        Map<String, StressCheck.TestRun> runs;
        try {
            listed = StressCheck.jcstress(jar, List.of("-t", selector, "-l"), workDir, Duration.ofMinutes(2), null, sandboxed)
                    .stream().map(String::strip).filter(l -> l.matches(selector)).toList();
            List<String> args = new ArrayList<>(List.of("-t", selector, "-v", "-r", workDir.resolve("results").toString()));
            args.addAll(StressCheck.Mode.FAST.flags);
            runs = listed.isEmpty() ? Map.of() : StressCheck.parse(StressCheck.jcstress(jar, args, workDir,
                    StressCheck.Mode.FAST.perTestCeiling.multipliedBy(listed.size()).plusMinutes(1),
                    workDir.resolve("jcstress-output.txt"), sandboxed));
        } catch (KataException | IOException e) {
            // jcstress itself failed (it hung, or the jar is broken): no stress point is earned,
            // and the tests still count.
            for (Manifest.Kata kata : katas) {
                scores.put(kata.id(), safeTests(kata).stream()
                        .map(t -> new Grade.StressScore(t, Grade.StressVerdict.ERROR, "jcstress failed: " + e.getMessage())).toList());
            }
            return scores;
        }
        for (Manifest.Kata kata : katas) {
            List<Grade.StressScore> mine = new ArrayList<>();
            for (String test : safeTests(kata)) {
                List<String> variants = listed.stream().filter(l -> l.equals(test) || l.startsWith(test + ".")).toList();
                if (variants.isEmpty()) {
                    mine.add(new Grade.StressScore(test, Grade.StressVerdict.ERROR,
                            "the jcstress jar has no such test: rebuild it from this repository"));
                }
                for (String variant : variants) {
                    Grade.StressScore score = score(variant, runs.get(variant));
                    out.println("  " + (score.verdict() == Grade.StressVerdict.CLEAN ? "✔ " : "✘ ") + variant + ": " + score.detail());
                    mine.add(score);
                }
            }
            scores.put(kata.id(), List.copyOf(mine));
        }
        out.println("  jcstress report: " + workDir.resolve("results").resolve("index.html"));
        return scores;
    }

    /** The verdict on one jcstress test, from its RUN RESULTS entry (null if it did not run). */
    static Grade.StressScore score(String name, StressCheck.TestRun run) {
        if (run == null) {
            return new Grade.StressScore(name, Grade.StressVerdict.NOT_RUN, "did not run (skipped, or missing from jcstress's report)");
        }
        if (run.messages().stream().anyMatch(m -> m.contains("UnsupportedOperationException"))) {
            return new Grade.StressScore(name, Grade.StressVerdict.NOT_IMPLEMENTED,
                    "not implemented yet: the balance still throws UnsupportedOperationException");
        }
        if (run.status().contains("ERROR") || run.messages().stream().anyMatch(m -> m.contains("Exception"))) {
            String why = run.messages().stream().filter(m -> m.contains("Exception") || m.contains("Error"))
                    .findFirst().orElse(String.join(" ", run.messages()));
            return new Grade.StressScore(name, Grade.StressVerdict.ERROR, "could not run: " + why);
        }
        if (run.samples() == 0) {
            return new Grade.StressScore(name, Grade.StressVerdict.ERROR, "ran but collected no samples");
        }
        long forbidden = run.samples("FORBIDDEN");
        if (forbidden > 0) {
            String what = run.outcomes().stream().filter(o -> o.expect().equals("FORBIDDEN") && o.samples() > 0)
                    .map(StressCheck.Outcome::description).findFirst().orElse("");
            return new Grade.StressScore(name, Grade.StressVerdict.LOST_UPDATE, String.format(Locale.ROOT,
                    "forbidden outcome seen in %,d of %,d samples: %s", forbidden, run.samples(), what));
        }
        return new Grade.StressScore(name, Grade.StressVerdict.CLEAN,
                String.format(Locale.ROOT, "clean, no lost update in %,d samples", run.samples()));
    }
}
