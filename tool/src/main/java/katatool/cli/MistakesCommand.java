package katatool.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.mistakes.MistakeGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kata mistakes [kata...] [--repeat N]}: the maintainers' mistake gate (docs/catalogue.md),
 * hidden from the learner's help.
 */
@Command(name = "mistakes", hidden = true,
        description = "Run the mistake catalogue: every mistake must fail its tests, every alternative pass the kata.")
final class MistakesCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "KATA", description = "Katas to check (id, number or prefix); none for every kata.")
    List<String> katas = List.of();

    @Option(names = "--repeat", defaultValue = "0",
            description = "Thorough mode: run the whole kata N times for every entry and print each mistake's catch rate.")
    int repeat;

    @Option(names = "--kata-timeout", defaultValue = "900",
            description = "Seconds one kata's JVM may run before it is stopped (default: ${DEFAULT-VALUE}).")
    int kataTimeout;

    @Override
    public Integer call() throws Exception {
        if (repeat < 0) {
            throw new KataException("--repeat must be 0 (the fast gate) or more, not " + repeat + ".");
        }
        Repo repo = Main.repo();
        Manifest manifest = repo.manifest();
        List<Manifest.Kata> chosen = katas.isEmpty() ? manifest.katas() : katas.stream().map(manifest::find).distinct().toList();
        PrintWriter out = Main.session().out();
        MistakeGate.Verdict verdict = MistakeGate.run(repo, chosen, repeat, Duration.ofSeconds(kataTimeout), out);
        MistakeGate.summary(verdict, repeat, out);
        return verdict.ok() ? 0 : 1;
    }
}
