package katatool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import katatool.core.Console;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.Progress;
import katatool.run.StatusBook;
import katatool.run.Workbench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kata list}: every kata with its status, a progress bar and the next kata to do. */
@Command(name = "list", description = "Every kata with its status, your progress, and the next kata to do.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--no-color", description = "Plain text (also: the NO_COLOR environment variable).")
    boolean noColor;

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        Manifest manifest = repo.manifest();
        StatusBook book = new StatusBook(repo);
        try (Workbench bench = new Workbench(repo)) {
            List<StatusBook.Status> statuses = new ArrayList<>();
            for (Manifest.Kata kata : manifest.katas()) {
                statuses.add(book.status(kata, bench));
            }
            Progress.print(statuses, Console.detect(noColor), Main.session().out());
        }
        return 0;
    }
}
