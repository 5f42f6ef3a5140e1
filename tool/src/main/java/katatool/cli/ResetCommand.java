package katatool.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.Hints;
import katatool.run.Reset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kata reset <kata>} and {@code kata reset --all}: learner files back as the repository has them. */
@Command(name = "reset", description = {"Put a kata's files back as the repository has them, and its hints too.",
        "Restores katas/src/main/java/<kata> and starts the kata's hints again from the first.",
        "Asks once before overwriting (--all: once for every kata); touches nothing else."})
final class ResetCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "KATA", description = "id, number or prefix: k07_lost_update, 7, k07")
    String kata;

    @Option(names = "--all", description = "Reset every kata (one question for all of them).")
    boolean all;

    @Option(names = {"--yes", "-y"}, description = "Do not ask before overwriting.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        if (all == (kata != null)) {
            throw new KataException(all ? "Name a kata or give --all, not both." : "Which kata? "
                    + Console.command() + " reset <kata> (for example " + Console.command() + " reset k06), or --all for every kata.");
        }
        List<Manifest.Kata> chosen = all ? repo.manifest().katas() : List.of(repo.manifest().find(kata));
        String what = all ? "every kata" : chosen.getFirst().id();
        Main.Session session = Main.session();
        PrintWriter out = session.out();
        List<Reset.Plan> plans = new ArrayList<>();
        for (Manifest.Kata k : chosen) {
            plans.add(Reset.plan(repo, k));
        }
        plans.forEach(plan -> plan.unknown().forEach(p -> out.println("Left alone (not a file of the kata as handed out): " + p)));
        int files = plans.stream().mapToInt(p -> p.restores().size()).sum();
        if (files == 0) {
            chosen.forEach(k -> Hints.forget(repo, k));
            out.println((all ? "Every kata is" : what + " is") + " already as the repository has it: nothing to reset.");
            return 0;
        }
        out.println("Reset puts these files of " + what + " back as the repository has them:");
        plans.forEach(plan -> plan.restores().forEach(r -> out.println("  " + r.path()
                + (r.exists() ? " (your changes are lost)" : " (missing)"))));
        if (!yes) {
            out.print("Overwrite " + files + (files == 1 ? " file" : " files") + "? [y/N] ");
            out.flush();
            String answer = session.in().readLine();
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                out.println("Nothing changed.");
                return 1;
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            Reset.apply(repo, plans.get(i));
            Hints.forget(repo, chosen.get(i));
        }
        out.println("Reset " + files + (files == 1 ? " file" : " files") + " of " + what + "; its hints start again from the first.");
        return 0;
    }
}
