package katatool;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names a catalogued mistake when a failing verdict looks like it, as Exercism's analyzers
 * comment on a solution: the mistake's name and lesson, never its fix.
 *
 * <p>A verdict matches a mistake when the failed tests include every test in its {@code fails},
 * none outside {@code fails} and {@code mayFail}, and its {@code message} pattern (if any) is found
 * in the message of one failed test.
 */
final class MistakeMatcher {

    private MistakeMatcher() {}

    /** The first mistake, in catalogue order, that these results match. */
    static Optional<MistakeCatalogue.Entry> match(List<MistakeCatalogue.Entry> mistakes, List<TestRunner.Result> results) {
        List<TestRunner.Result> failed = results.stream().filter(r -> r.status() == TestRunner.Status.FAILED).toList();
        if (failed.isEmpty()) {
            return Optional.empty();
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
                .findFirst();
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
    static void tell(Repo repo, Workbench.Report report, Console ui, PrintWriter out) {
        if (report.solved() || report.compileError().isPresent()) {
            return;
        }
        match(MistakeCatalogue.mistakesQuietly(repo, report.kata()), report.results())
                .ifPresent(m -> out.println(ui.yellow(sentence(m))));
    }
}
