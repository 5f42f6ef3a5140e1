package katatool.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.TestRunner;
import katatool.run.Workbench;
import katatool.watch.Watch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kata watch [kata]}: rerun the current kata's tests on every save. */
@Command(name = "watch", description = {"Rerun the current kata's tests on every save under katas/ and move on when it passes.",
        "Keys (then Enter): h hint, n next kata, r rerun, l list, q quit."})
final class WatchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "KATA", description = "the kata to start with; default: the next unsolved one")
    String kata;

    @Option(names = "--poll", description = "Check for changes every 250 ms instead of waiting for file events"
            + " (network drives, WSL's /mnt/c; the watch also switches by itself when events do not come).")
    boolean poll;

    @Option(names = "--verbose", description = "Show every test's output and the whole thread dump on a timeout.")
    boolean verbose;

    @Option(names = "--no-color", description = "Plain text (also: the NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--all", description = "Run every task's tests; by default tasks run in order and stop at the first that fails.")
    boolean all;

    @Option(names = "--task", paramLabel = "N", description = "Watch only task N of the kata (needs a KATA).")
    Integer task;

    @Option(names = "--same-jvm", hidden = true, description = "Run the tests in this JVM, not a fresh one per verdict (to measure).")
    boolean sameJvm;

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        Main.Session session = Main.session();
        Optional<Manifest.Kata> start = kata == null ? Optional.empty() : Optional.of(repo.manifest().find(kata));
        TestRunner.Selection selection = RunCommand.selection(all, task);
        if (task != null) {
            RunCommand.checkTask(start.orElseThrow(() -> new KataException("--task needs a kata: "
                    + Console.command() + " watch <kata> --task " + task)), task);
        }
        try (Workbench bench = new Workbench(repo, !sameJvm)) {
            return new Watch(repo, bench, Console.detect(noColor), session.out(), verbose).select(selection)
                    .run(start, session.in(), poll);
        }
    }
}
