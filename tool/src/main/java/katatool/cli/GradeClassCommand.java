package katatool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import katatool.core.AtomicFiles;
import katatool.core.Freshness;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.grade.ClassGrader;
import katatool.grade.ClassRoster;
import katatool.grade.ClassTable;
import katatool.grade.Grader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kata grade-class}: the teacher's grade of a whole class, with the pinned grader, from a
 * list of forks.
 *
 * <p>It runs from the teacher's pinned upstream checkout ({@code java -jar
 * upstream/tool/target/kata-tool.jar grade-class ...}): that jar grades every fork, and that
 * checkout's {@code .kata/protected.sha256} is what each fork is checked against. Nothing of the
 * fork's build runs. Every option and the forks file are checked before anything is written, so
 * a mistyped command never replaces a good class table.
 *
 * <p>Exit codes: 0 when the class table was written, whatever each fork's outcome (the table
 * says it); 2 when the command could not start (a bad forks file or option, no JDK 25, a stale
 * grader jar).
 */
@Command(name = "grade-class", mixinStandardHelpOptions = true, description = {
        "Grade a whole class from the teacher's side: clone each fork listed in a forks file, grade it with this"
                + " (pinned) grader against this checkout's digests, several at once, and write one results file per"
                + " learner and a class table (CSV and Markdown).",
        "Forks file: one learner a line, NAME SOURCE [REF] (a git URL or local clone; a commit, branch or tag);"
                + " # starts a comment.",
        "Exit code 0 when the table was written; 2 if the command could not start."})
final class GradeClassCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--forks", required = true, paramLabel = "FILE", description = "The forks file: NAME SOURCE [REF] per line.")
    Path forks;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write class.csv, class.md, results/NAME.json, logs/NAME.txt and the clones (forks/NAME).")
    Path outDir;

    @Option(names = "--jobs", paramLabel = "N",
            description = "How many forks to grade at once (default: the machine's cores).")
    Integer jobs;

    @Option(names = "--kata", paramLabel = "KATA", description = "Grade only this kata (repeatable).")
    List<String> only = List.of();

    @Option(names = "--kata-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long one kata's tests may run before they are stopped (default: ${DEFAULT-VALUE}).")
    long kataTimeout;

    @Option(names = "--fork-timeout", paramLabel = "SECONDS",
            description = "How long one fork's whole grade may run (default: (kata timeout + 60 s) per kata, plus 120 s).")
    Long forkTimeout;

    @Option(names = "--expected", paramLabel = "FILE",
            description = "The digests to check forks against (default: this checkout's .kata/protected.sha256).")
    Path expected;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Everything that can be wrong with the command is found here, before the output folder is touched.
        Optional<Freshness.Install> jar = Freshness.runningJar();
        Repo upstream = jar.map(i -> new Repo(i.root())).orElseGet(Main::repo);
        Path java = Grader.checkJdk(Path.of(System.getProperty("java.home")));
        if (jar.isPresent()) {
            Optional<Path> newer = Freshness.newerSource(upstream.root(), jar.get().jar());
            if (newer.isPresent()) {
                throw new KataException("The grader jar " + jar.get().jar() + " is older than " + newer.get()
                        + ": rebuild it from the pinned commit (./mvnw -B -pl tool package -DskipTests) and run again.");
            }
        }
        Manifest manifest = upstream.manifest();
        List<String> katas = only.isEmpty() ? manifest.katas().stream().map(Manifest.Kata::id).toList()
                : only.stream().map(manifest::find).distinct().map(Manifest.Kata::id).toList();
        if (kataTimeout <= 0) {
            throw new KataException("--kata-timeout must be positive, not " + kataTimeout + ".");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = jobs != null ? jobs : cores;
        if (parallel <= 0) {
            throw new KataException("--jobs must be at least 1, not " + parallel + ".");
        }
        if (forkTimeout != null && forkTimeout <= 0) {
            throw new KataException("--fork-timeout must be positive, not " + forkTimeout + ".");
        }
        Duration forkCeiling = Duration.ofSeconds(forkTimeout != null ? forkTimeout : (kataTimeout + 60) * katas.size() + 120);
        Path digests = (expected != null ? expected : upstream.root().resolve(".kata").resolve("protected.sha256")).toAbsolutePath();
        Grader.readDigests(digests);
        byte[] expectedBytes = Files.readAllBytes(digests);
        List<ClassRoster.Fork> roster = ClassRoster.read(forks.toAbsolutePath());
        Path outAbs = outDir.toAbsolutePath().normalize();
        if (outAbs.startsWith(upstream.root())) {
            // The clones and the learners' code must not land in the tree whose digests they are checked against.
            throw new KataException("--out " + outAbs + " is inside the pinned checkout " + upstream.root()
                    + ": choose a folder outside it.");
        }
        if (Files.exists(outAbs) && !Files.isDirectory(outAbs)) {
            throw new KataException("--out " + outAbs + " is a file, not a folder.");
        }
        List<String> grader = jar.isPresent()
                ? List.of(java.toString(), "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-jar", jar.get().jar().toString())
                // Run from classes (the tool's own tests): the same classes, on the same class path.
                : List.of(java.toString(), "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                        "-cp", System.getProperty("java.class.path"), Main.class.getName());
        if (parallel > cores) {
            err.println("Note: --jobs " + parallel + " is more than this machine's " + cores + " core(s); grades will be slower each.");
        }

        Optional<Path> graderJar = jar.map(Freshness.Install::jar);
        ClassGrader.Settings settings = new ClassGrader.Settings(outAbs, grader, expectedBytes, graderJar,
                graderJar.isPresent() ? ClassGrader.sha256(graderJar.get()) : "", katas, !only.isEmpty(),
                Duration.ofSeconds(kataTimeout), forkCeiling, parallel);
        long start = System.nanoTime();
        List<ClassGrader.Row> rows = new ClassGrader(settings, out).grade(roster);
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        String markdown = ClassTable.markdown(katas, rows);
        AtomicFiles.write(outAbs.resolve("class.csv"), ClassTable.csv(katas, rows).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(outAbs.resolve("class.md"), markdown.getBytes(StandardCharsets.UTF_8));
        out.println();
        out.print(markdown);
        out.println();
        out.printf("Graded %d fork(s) in %d s, %d at a time. Table: %s and %s; one results file per learner in %s.%n",
                rows.size(), seconds, parallel, outAbs.resolve("class.csv"), outAbs.resolve("class.md"), outAbs.resolve("results"));
        return 0;
    }
}
