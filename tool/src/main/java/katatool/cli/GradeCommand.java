package katatool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import katatool.core.KataException;
import katatool.core.Repo;
import katatool.grade.Grade;
import katatool.grade.GradeTable;
import katatool.grade.Grader;
import katatool.grade.ResultsJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kata grade}: every kata's tests against the learner's code, as points, a results file
 * and, in GitHub Actions, a job summary.
 *
 * <p>Exit codes: 0 when the grade was computed, whatever the score (unsolved katas are the grade,
 * not a failure); 2 when it could not be (no JDK 25, a malformed manifest, a bad option); 3 when
 * protected files differ from the expected digests, which voids the grade; 4 when the grader
 * itself failed (a bug of ours, never the learner's doing). Every failure to grade writes a
 * results file with status {@code error}, except a mistake in the command line (an unknown kata,
 * say), which never replaces a results file that holds a grade.
 */
@Command(name = "grade", description = {
        "Grade every kata: tests passed, stress verdicts and points per kata, the total, a results.json"
                + " (Exercism's format, version 3) and, in GitHub Actions, a job summary.",
        "Exit code 0 whatever the score; 2 if grading could not run; 3 if protected files were changed;"
                + " 4 if the grader itself failed."})
final class GradeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--results", paramLabel = "FILE",
            description = "Where to write results.json (default: tool/target/grade/results.json).")
    Path results;

    @Option(names = "--expected", paramLabel = "FILE",
            description = "Check protected files against this digest list (a pinned upstream's .kata/protected.sha256)"
                    + " instead of this repository's own.")
    Path expected;

    @Option(names = "--stress-jar", paramLabel = "JAR",
            description = "The jcstress jar built from your code (-Dstress.target=katas); without it stress tests are not run.")
    Path stressJar;

    @Option(names = "--stress-report", paramLabel = "DIR",
            description = "Where jcstress writes its report (default: tool/target/grade/stress).")
    Path stressReport;

    @Option(names = "--kata", paramLabel = "KATA", description = "Grade only this kata (repeatable); the total then covers only these.")
    List<String> only = List.of();

    @Option(names = "--kata-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long one kata's tests may run before they are stopped (default: ${DEFAULT-VALUE}).")
    long kataTimeout;

    @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "auto",
            description = "Deny the learner's code (and every process it starts) writes outside its scratch folder, with"
                    + " Linux Landlock: auto (where the system offers it), required (fail where it does not), off"
                    + " (default: ${DEFAULT-VALUE}).")
    String sandbox;

    @Option(names = "--java-home", hidden = true, description = "The JDK to compile and run the katas with (default: this JVM's).")
    Path javaHome;

    @Option(names = "--summary", hidden = true,
            description = "Append the Markdown table to this file instead of $GITHUB_STEP_SUMMARY, and write no GitHub annotations.")
    Path summary;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Repo repo;
        try {
            repo = Main.repo();
        } catch (KataException e) {
            return error(Optional.ofNullable(results), e.getMessage(), err);
        }
        Path resultsFile = results != null ? results.toAbsolutePath() : repo.root().resolve("tool/target/grade/results.json");
        if (kataTimeout <= 0) {
            return usage(resultsFile, "--kata-timeout must be positive, not " + kataTimeout + ".", err);
        }
        Grader.Sandboxing sandboxing;
        try {
            sandboxing = Grader.Sandboxing.valueOf(sandbox.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return usage(resultsFile, "--sandbox is auto, required or off, not " + sandbox + ".", err);
        }
        Grader.Options options = new Grader.Options(Optional.ofNullable(expected).map(Path::toAbsolutePath),
                Optional.ofNullable(stressJar).map(Path::toAbsolutePath),
                stressReport != null ? stressReport.toAbsolutePath() : repo.root().resolve("tool/target/grade/stress"),
                only, Duration.ofSeconds(kataTimeout),
                javaHome != null ? javaHome.toAbsolutePath() : Path.of(System.getProperty("java.home")), sandboxing);
        Grade grade;
        try {
            grade = new Grader(repo, options, out).grade();
        } catch (Grader.UsageError e) {
            return usage(resultsFile, e.getMessage(), err);
        } catch (KataException e) {
            return error(Optional.of(resultsFile), e.getMessage(), err);
        } catch (RuntimeException | IOException | LinkageError e) {
            // Our bug, not the learner's: its own exit code, and still a results file that says so.
            error(Optional.of(resultsFile), "The grader failed: " + e + " (run with -Dkata.trace=true for the details)."
                    + " This is a bug of the grader, not a grade.", err);
            if (Boolean.getBoolean("kata.trace")) {
                e.printStackTrace(err);
            }
            return Grader.EXIT_CRASHED;
        }
        ResultsJson.write(resultsFile, ResultsJson.of(grade));
        if (grade.isVoid()) {
            err.println(GradeTable.neutral(ResultsJson.tamperMessage(grade.tampered())));
            err.println("Restore those files from the repository you forked (git checkout <upstream commit> -- <file>),"
                    + " or ask your teacher. Results: " + resultsFile);
            summarize(GradeTable.tamperMarkdown(grade.tampered()));
            annotate(grade.tampered().entrySet().stream()
                    .map(e -> "::error file=" + GradeTable.property(e.getKey()) + ",title=Protected file " + e.getValue() + "::"
                            + GradeTable.data(e.getKey()) + " differs from the expected digest: the grade is void").toList());
            return Grader.EXIT_TAMPERED;
        }
        GradeTable.print(grade, out);
        out.println("Results: " + resultsFile);
        summarize(GradeTable.markdown(grade));
        annotate(List.of("::notice title=Kata grade::" + grade.points() + " of " + grade.max() + " points, "
                + grade.solved() + " of " + grade.katas().size() + " katas solved"));
        return 0;
    }

    /**
     * A mistake in the command line: said, and a results file written only where none holds a
     * grade, so a typo never destroys a grade already computed.
     */
    private int usage(Path resultsFile, String message, PrintWriter err) throws IOException {
        if (holdsGrade(resultsFile)) {
            err.println(message);
            err.println("The results file " + resultsFile + " was left as it was: it holds an earlier grade.");
            return Main.USAGE;
        }
        return error(Optional.of(resultsFile), message, err);
    }

    private static boolean holdsGrade(Path file) {
        try {
            return Files.isRegularFile(file) && !"error".equals(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(file.toFile()).path("status").asText("error"));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private int error(Optional<Path> resultsFile, String message, PrintWriter err) throws IOException {
        err.println(GradeTable.neutral(message));
        if (resultsFile.isPresent()) {
            ResultsJson.write(resultsFile.get().toAbsolutePath(), ResultsJson.error(message));
            err.println("Results (status error): " + resultsFile.get().toAbsolutePath());
        }
        summarize(GradeTable.errorMarkdown(message));
        annotate(List.of("::error title=Kata grade::" + GradeTable.data(message.lines().findFirst().orElse(""))));
        return Main.USAGE;
    }

    /** Appends to the job summary: the --summary file, or GitHub's when running in Actions. */
    private void summarize(String markdown) throws IOException {
        Optional<Path> file = summary != null ? Optional.of(summary)
                : Optional.ofNullable(System.getenv("GITHUB_STEP_SUMMARY")).filter(s -> !s.isBlank()).map(Path::of);
        if (file.isPresent()) {
            Files.writeString(file.get(), markdown + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** GitHub workflow commands, only in Actions and never when a test chose the summary file. */
    private void annotate(List<String> lines) {
        if (summary == null && "true".equals(System.getenv("GITHUB_ACTIONS"))) {
            PrintWriter out = spec.commandLine().getOut();
            lines.forEach(out::println);
        }
    }
}
