package katatool.cli;

import java.util.concurrent.Callable;
import katatool.core.Console;
import katatool.core.Repo;
import katatool.run.Hints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kata hint <kata> [task]}: the next hint for a task, one at a time. */
@Command(name = "hint", description = {"Show the next hint for a task of a kata (hints go from general to specific).",
        "With no task: the first task that fails in your last run."})
final class HintCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KATA", description = "id, number or prefix: k07_lost_update, 7, k07")
    String kata;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "the task number in the kata's README")
    Integer task;

    @Option(names = "--all", description = "Show every hint (of the task, or of every task).")
    boolean all;

    @Option(names = "--no-color", description = "Plain text (also: the NO_COLOR environment variable).")
    boolean noColor;

    @Override
    public Integer call() {
        Repo repo = Main.repo();
        Hints.reveal(repo, repo.manifest().find(kata), task, all, Console.detect(noColor), Main.session().out());
        return 0;
    }
}
