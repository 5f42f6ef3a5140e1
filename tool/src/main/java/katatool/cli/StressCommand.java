package katatool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Maven;
import katatool.core.Repo;
import katatool.run.KataCompiler;
import katatool.stress.StressCheck;
import katatool.stress.StressHistogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kata stress <kata>}: the kata's jcstress tests against the learner's own code, and what
 * was seen, in plain words.
 */
@Command(name = "stress", description = {"Run a kata's jcstress tests against your own code and say what was seen.",
        "Builds the stress jar with the Maven wrapper first (a minute on the first run)."})
final class StressCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KATA", description = "id, number or prefix: k07_lost_update, 7, k07")
    String kata;

    @Option(names = "--thorough", description = "jcstress's own default settings: minutes per test instead of seconds.")
    boolean thorough;

    @Option(names = "--verbose", description = "Show Maven's and jcstress's own output.")
    boolean verbose;

    @Option(names = "--no-color", description = "Plain text (also: the NO_COLOR environment variable).")
    boolean noColor;

    private static final Pattern MAVEN_ERROR = Pattern.compile("\\[ERROR] (\\S+\\.java):\\[(\\d+),\\d+] (.*)");

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        Manifest.Kata chosen = repo.manifest().find(kata);
        PrintWriter out = Main.session().out();
        Console ui = Console.detect(noColor);
        Manifest.Stress stress = chosen.stressTests().orElseThrow(() -> new KataException(chosen.id()
                + " has no stress tests. Katas with stress tests: " + String.join(", ", repo.manifest().katas().stream()
                .filter(k -> k.stressTests().isPresent()).map(Manifest.Kata::id).toList()) + "."));
        // The Maven build compiles the learner's code too: say a compile error in one line, at once.
        try (KataCompiler compiler = new KataCompiler(System.getProperty("java.class.path"))) {
            compiler.compile(repo, chosen.id(), repo.root().resolve("katas/src/main/java"), repo.workDir().resolve("stress-compile"));
        }
        Path work = repo.workDir().resolve("stress");
        Files.createDirectories(work);
        out.println("Building the stress tests against your code (Maven; about a minute the first time)...");
        out.flush();
        buildJar(repo, work.resolve("maven.log"), out);
        Path jar = repo.root().resolve("jcstress/target/jcstress.jar");
        StressCheck.Mode mode = thorough ? StressCheck.Mode.THOROUGH : StressCheck.Mode.FAST;
        PrintWriter details = verbose ? out : new PrintWriter(Writer.nullWriter());
        out.println("Hammering " + chosen.id() + " with jcstress (" + (thorough ? "thorough: minutes a test" : "a few seconds a test")
                + ")...");
        out.flush();
        StressCheck.run(jar, List.of(chosen), mode, work, details);
        Map<String, StressCheck.TestRun> runs = StressCheck.parse(
                Files.readAllLines(work.resolve("jcstress-output.txt"), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        boolean safe = StressCheck.describe(stress, runs, ui, lines);
        lines.forEach(out::println);
        out.println();
        out.println("What jcstress saw, outcome by outcome (share of samples):");
        runs.values().stream().filter(r -> stress.tests().stream().anyMatch(t -> r.name().equals(t) || r.name().startsWith(t + ".")))
                .forEach(r -> StressHistogram.draw(r, ui).forEach(out::println));
        out.println(ui.dim("jcstress's report: " + work.resolve("results").resolve("index.html")));
        return safe ? 0 : 1;
    }

    /** Builds jcstress/target/jcstress.jar against the katas module (the learner's code). */
    private void buildJar(Repo repo, Path log, PrintWriter out) throws IOException, InterruptedException {
        int exit = Maven.run(repo, List.of("-q", "-B", "-pl", "jcstress", "-am", "package", "-DskipTests",
                "-Dstress.target=katas"), log, 15);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (verbose) {
            lines.forEach(out::println);
        }
        if (exit == 0) {
            return;
        }
        if (lines.stream().anyMatch(l -> l.contains("Cannot find matching toolchain"))) {
            throw new KataException("No JDK 25 found for Maven: install one (for example Eclipse Temurin 25), then run this again.");
        }
        for (String line : lines) {
            Matcher m = MAVEN_ERROR.matcher(line);
            if (m.find()) {
                throw new KataException("Does not compile: " + Path.of(m.group(1)).getFileName() + ":" + m.group(2) + ": " + m.group(3));
            }
        }
        throw new KataException("The Maven build of the stress tests failed; its output is in " + log + ".");
    }
}
