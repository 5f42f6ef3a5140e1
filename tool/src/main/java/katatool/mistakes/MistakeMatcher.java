package katatool.mistakes;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import katatool.core.Console;
import katatool.core.Repo;
import katatool.run.TestRunner;
import katatool.run.Workbench;

/**
 * Names a catalogued mistake when a failing verdict looks like it, as Exercism's analyzers
 * comment on a solution: the mistake's name and lesson, never its fix.
 *
 * <p>A verdict matches a mistake when the failed tests include every test in its {@code fails},
 * none outside {@code fails} and {@code mayFail}, and its {@code message} pattern (if any) is found
 * in the message of one failed test.
 */
public final class MistakeMatcher {

    private MistakeMatcher() {}

    /** The first mistake, in catalogue order, that these results match. */
    static Optional<MistakeCatalogue.Entry> match(List<MistakeCatalogue.Entry> mistakes, List<TestRunner.Result> results) {
        return matches(mistakes, results).stream().findFirst();
    }

    /**
     * Every mistake, in catalogue order, that these results match: several when the tests cannot
     * tell them apart (they fail the same tests, and no message pattern separates them).
     */
    static List<MistakeCatalogue.Entry> matches(List<MistakeCatalogue.Entry> mistakes, List<TestRunner.Result> results) {
        List<TestRunner.Result> failed = results.stream().filter(r -> r.status() == TestRunner.Status.FAILED).toList();
        if (failed.isEmpty()) {
            return List.of();
        }
        Set<String> failedNames = failed.stream().map(TestRunner.Result::name).collect(Collectors.toSet());
        // A verdict that stopped at the first failing task did not run the later tasks' tests:
        // a mistake's promised failures count only among the tests that ran.
        Set<String> ran = results.stream().filter(r -> r.status() != TestRunner.Status.NOT_RUN)
                .map(TestRunner.Result::name).collect(Collectors.toSet());
        return mistakes.stream()
                .filter(m -> m.kind() == MistakeCatalogue.Kind.MISTAKE)
                .filter(m -> {
                    Set<String> promised = m.fails().stream().filter(ran::contains).collect(Collectors.toSet());
                    return !promised.isEmpty() && failedNames.containsAll(promised) && m.focus().containsAll(failedNames);
                })
                .filter(m -> m.message().isEmpty()
                        || failed.stream().anyMatch(r -> m.message().get().matcher(r.message()).find()))
                .toList();
    }

    /** The sentence the learner reads. */
    static String sentence(MistakeCatalogue.Entry mistake) {
        String name = mistake.name().replaceAll("[.\\s]+$", "");
        return "This looks like a mistake learners often make: " + name + ". " + mistake.lesson();
    }

    /**
     * After a failing verdict: names the catalogued mistake it matches, if any. Prints nothing for
     * a verdict that matches none, a solved kata, code that does not compile, or a catalogue that
     * cannot be read.
     */
    public static void tell(Repo repo, Workbench.Report report, Console ui, PrintWriter out) {
        if (report.solved() || report.compileError().isPresent()) {
            return;
        }
        List<MistakeCatalogue.Entry> found = matches(MistakeCatalogue.mistakesQuietly(repo, report.kata()), report.results());
        if (found.size() == 1) {
            out.println(ui.yellow(sentence(found.getFirst())));
        } else if (found.size() > 1) {
            // The tests cannot tell these apart: naming one would teach the wrong lesson half the time.
            out.println(ui.yellow("This looks like one of " + found.size() + " mistakes learners often make, which these tests"
                    + " cannot tell apart:"));
            found.forEach(m -> out.println(ui.yellow("  · " + m.name().replaceAll("[.\\s]+$", "") + ". " + m.lesson())));
        }
    }
}
