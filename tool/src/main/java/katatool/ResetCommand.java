package katatool;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kata reset <kata>}: the kata's learner files back as the repository has them. */
@Command(name = "reset", description = {"Put a kata's files in katas/src/main/java/<kata> back as the repository has them.",
        "Asks before overwriting; touches nothing else."})
final class ResetCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KATA", description = "id, number or prefix: k07_lost_update, 7, k07")
    String kata;

    @Option(names = {"--yes", "-y"}, description = "Do not ask before overwriting.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        Manifest.Kata chosen = repo.manifest().find(kata);
        Main.Session session = Main.session();
        PrintWriter out = session.out();
        Reset.Plan plan = Reset.plan(repo, chosen);
        plan.unknown().forEach(p -> out.println("Left alone (not a file of the kata as handed out): " + p));
        if (plan.restores().isEmpty()) {
            out.println(chosen.id() + " is already as the repository has it: nothing to reset.");
            return 0;
        }
        out.println("Reset puts these files of " + chosen.id() + " back as the repository has them:");
        plan.restores().forEach(r -> out.println("  " + r.path() + (r.exists() ? " (your changes are lost)" : " (missing)")));
        if (!yes) {
            out.print("Overwrite " + plan.restores().size() + (plan.restores().size() == 1 ? " file" : " files") + "? [y/N] ");
            out.flush();
            String answer = session.in().readLine();
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                out.println("Nothing changed.");
                return 1;
            }
        }
        Reset.apply(repo, plan);
        out.println("Reset " + plan.restores().size() + (plan.restores().size() == 1 ? " file" : " files") + " of " + chosen.id() + ".");
        return 0;
    }
}
