package katatool.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.mistakes.MistakeMatcher;
import katatool.run.Progress;
import katatool.run.StatusBook;
import katatool.run.TestRunner;
import katatool.run.Workbench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kata run [kata]}: one kata's tests and a verdict a person can read. */
@Command(name = "run", description = "Run one kata's tests; with no name, the next unsolved kata.")
final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "KATA", description = "id, number or prefix: k07_lost_update, 7, k07")
    String kata;

    @Option(names = "--verbose", description = "Show every test's output and the whole thread dump on a timeout.")
    boolean verbose;

    @Option(names = "--no-color", description = "Plain text (also: the NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--all", description = "Run every task's tests; by default tasks run in order and stop at the first that fails.")
    boolean all;

    @Option(names = "--task", paramLabel = "N", description = "Run only task N's tests.")
    Integer task;

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        Manifest manifest = repo.manifest();
        Main.Session session = Main.session();
        StatusBook book = new StatusBook(repo);
        try (Workbench bench = new Workbench(repo)) {
            Workbench.Report report;
            Console ui = Console.detect(noColor);
            TestRunner.Selection selection = selection(all, task);
            if (kata != null) {
                Manifest.Kata chosen = manifest.find(kata);
                checkTask(chosen, task);
                Progress.testing(repo, chosen, ui, session.out());
                report = bench.checkLearner(chosen, selection);
            } else {
                Optional<StatusBook.Status> next = book.nextUnsolved(manifest, bench, 0);
                if (next.isEmpty()) {
                    session.out().println("Every kata is solved. Well done.");
                    return 0;
                }
                Manifest.Kata chosen = next.get().kata();
                checkTask(chosen, task);
                report = next.get().report().filter(r -> selection.equals(TestRunner.Selection.UNTIL_FAILURE)).orElseGet(() -> {
                    Progress.testing(repo, chosen, ui, session.out());
                    return bench.checkLearner(chosen, selection);
                });
            }
            book.record(report);
            if (report.compileError().isPresent()) {
                throw new KataException(report.compileError().get());
            }
            Progress.verdict(report, ui, verbose, session.out());
            MistakeMatcher.tell(repo, report, ui, session.out());
            return report.solved() ? 0 : 1;
        }
    }

    static TestRunner.Selection selection(boolean all, Integer task) {
        if (all && task != null) {
            throw new KataException("Choose either --all or --task, not both.");
        }
        return all ? TestRunner.Selection.ALL : task != null ? TestRunner.Selection.task(task) : TestRunner.Selection.UNTIL_FAILURE;
    }

    /** A task number the kata does not have is the learner's slip: say which tasks there are. */
    static void checkTask(Manifest.Kata kata, Integer task) {
        if (task != null && (task < 1 || task > kata.tasks().size())) {
            throw new KataException(kata.id() + " has " + kata.tasks().size() + " tasks: --task takes 1 to "
                    + kata.tasks().size() + ".");
        }
    }
}
