package katatool.grade;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import katatool.cli.Main;
import katatool.core.Checksums;
import katatool.core.KataException;
import katatool.core.Repo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kata grade-class} on local git repositories made here: an upstream (the files a clone of
 * this repository has, committed) and forks of it with k07 solved, left alone, tampered with,
 * broken, hung, or missing. The grader runs as a child process from the test's own class path.
 */
@DisplayName("kata grade-class")
class GradeClassTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Repo REAL = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
    static final String KATA = "k07_lost_update";

    /** The upstream, made once: grade-class only reads and clones it, and copying it costs seconds per test. */
    @TempDir
    static Path shared;
    static Path upstream;

    @TempDir
    Path temp;

    @BeforeAll
    static void makeUpstream() throws IOException, InterruptedException {
        upstream = upstream(shared.resolve("upstream"));
    }

    /** What one command line did. */
    record Run(int exit, String out, String err) {}

    Run gradeClass(Path upstream, String... args) {
        List<String> line = new ArrayList<>(List.of("grade-class"));
        line.addAll(Arrays.asList(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(upstream, line.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs git directly, no shell, and returns what it printed; fails the test if git fails. */
    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Learner", "-c", "user.email=learner@example.org",
                "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"));
        command.addAll(Arrays.asList(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        git.getOutputStream().close();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).as("git %s finished", command).isTrue();
        assertThat(git.exitValue()).as("git %s: %s", command, output).isZero();
        return output.strip();
    }

    /** The upstream: every file a clone has that grading reads, with fresh digest lists, committed. */
    static Path upstream(Path root) throws IOException, InterruptedException {
        Set<String> files = new TreeSet<>(Checksums.compute(REAL, Checksums.Kind.PROTECTED).keySet());
        files.addAll(Checksums.compute(REAL, Checksums.Kind.STUBS).keySet());
        try (Stream<Path> references = Files.walk(REAL.root().resolve("solutions/src/main/java"))) {
            references.filter(Files::isRegularFile).forEach(f -> files.add(Checksums.relative(REAL, f)));
        }
        for (String file : files) {
            Path target = root.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(REAL.root().resolve(file), target);
        }
        Repo repo = new Repo(root);
        Checksums.write(repo, Checksums.Kind.PROTECTED);
        Checksums.write(repo, Checksums.Kind.STUBS);
        git(root, "init", "--quiet");
        git(root, "add", "--all");
        git(root, "commit", "--quiet", "-m", "the assignment");
        return root;
    }

    /** A learner's fork: a clone of the upstream with {@code change} applied and committed. */
    Path fork(Path upstream, String name, Change change) throws IOException, InterruptedException {
        Path fork = temp.resolve("forks").resolve(name);
        Files.createDirectories(fork.getParent());
        git(fork.getParent(), "clone", "--quiet", upstream.toString(), name);
        change.apply(fork);
        git(fork, "add", "--all");
        git(fork, "commit", "--quiet", "--allow-empty", "-m", "work on " + KATA);
        return fork;
    }

    interface Change {
        void apply(Path fork) throws IOException;
    }

    static void solve(Path fork) throws IOException {
        try (Stream<Path> references = Files.list(fork.resolve("solutions/src/main/java").resolve(KATA))) {
            for (Path reference : references.toList()) {
                Files.copy(reference, fork.resolve("katas/src/main/java").resolve(KATA).resolve(reference.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Makes every balance deaf to interrupts, so that each test that touches one runs out its own 10 s
     * timeout: ten of k07's tests do, so its tests need 100 s or more (147 s measured), and load only adds.
     */
    static void hang(Path fork) throws IOException {
        String hang = "while (true) { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException ignored) { } }";
        for (String name : List.of("SynchronizedBalance", "LockedBalance", "AtomicBalance", "AdderBalance")) {
            Path balance = fork.resolve("katas/src/main/java").resolve(KATA).resolve(name + ".java");
            String code = Files.readString(balance, StandardCharsets.UTF_8);
            String stuck = code.replaceAll("throw new UnsupportedOperationException\\(\"Task \\d[^;]*;", hang);
            assertThat(stuck).as("%s made to hang", name).isNotEqualTo(code);
            Files.writeString(balance, stuck, StandardCharsets.UTF_8);
        }
    }

    /** The class table as rows of cells by column name, keyed by learner. */
    static Map<String, Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readString(file, StandardCharsets.UTF_8).lines().toList();
        List<String> header = cells(lines.get(0));
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            assertThat(cells).as("cells of %s", line).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.put(row.get("learner"), row);
        }
        return rows;
    }

    /** One CSV line (no line breaks inside cells: the table puts none there). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Nested
    @DisplayName("on a class of local forks")
    class WholeClass {

        @Test
        @Timeout(value = 300, unit = SECONDS)
        @DisplayName("gives every fork its row: solved, unsolved, tampered, not compiling, hung, and not there")
        void everyForkGetsItsRow() throws IOException, InterruptedException {
            Path solved = fork(upstream, "solved", GradeClassTest::solve);
            Path unsolved = fork(upstream, "unsolved", f -> { });
            Path tampered = fork(upstream, "tampered", f -> {
                solve(f);
                Files.writeString(f.resolve("katas/src/test/java/k07_lost_update/BalanceTest.java"), "\n// easier now\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            });
            Path broken = fork(upstream, "broken", f -> Files.writeString(
                    f.resolve("katas/src/main/java/k07_lost_update/LockedBalance.java"), "\nthis line does not compile\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND));
            Path hung = fork(upstream, "hung", GradeClassTest::hang);
            Path forks = temp.resolve("forks.txt");
            String missing = temp.resolve("nobody-here").toUri().toString();
            Files.writeString(forks, String.join("\n",
                    "# learner   fork                     ref",
                    "ana        forks/solved             main   # a branch, resolved in the clone",
                    "ben        " + unsolved,
                    "",
                    "cai        forks/tampered",
                    "dee        forks/broken",
                    "fox        " + missing,
                    "gil        forks/solved             no-such-branch",
                    ""), StandardCharsets.UTF_8);
            Path hungForks = temp.resolve("hung-forks.txt");
            Files.writeString(hungForks, "eli forks/hung\n", StandardCharsets.UTF_8);
            Path out = temp.resolve("class");
            Path hungOut = temp.resolve("hung-class");

            // The hung fork is graded in a run of its own, beside the class's: its tests need 100 s or more
            // (see hang), so a 10 s ceiling always ends them, while the class keeps the default 300 s, which a
            // solved fork never reaches on a loaded machine (8-10 s measured at load 15). The hung run mostly sleeps.
            Run run;
            Run hungRun;
            try (ExecutorService beside = Executors.newSingleThreadExecutor()) {
                Future<Run> hungGrade = beside.submit(() -> gradeClass(upstream, "--forks", hungForks.toString(),
                        "--out", hungOut.toString(), "--kata", KATA, "--kata-timeout", "10"));
                run = gradeClass(upstream, "--forks", forks.toString(), "--out", out.toString(), "--kata", KATA, "--jobs", "2");
                hungRun = hungGrade.get();
            } catch (ExecutionException e) {
                throw new AssertionError("the hung fork's run failed", e.getCause());
            }

            assertThat(run.exit()).as("exit; out: %s%nerr: %s", run.out(), run.err()).isZero();
            assertThat(hungRun.exit()).as("exit; out: %s%nerr: %s", hungRun.out(), hungRun.err()).isZero();
            Map<String, Map<String, String>> rows = csv(out.resolve("class.csv"));
            assertThat(rows.keySet()).as("rows in the forks file's order").containsExactly("ana", "ben", "cai", "dee", "fox", "gil");

            Map<String, String> ana = rows.get("ana");
            assertThat(ana).containsEntry("outcome", "graded").containsEntry("commit", git(solved, "rev-parse", "HEAD"))
                    .containsEntry("katas_solved", "1").containsEntry("tampered", "").containsEntry("errors", "");
            assertThat(ana.get(KATA)).isEqualTo(ana.get("points")).isEqualTo(ana.get("max_points"));
            long max = Long.parseLong(ana.get("max_points"));
            assertThat(max).as("k07's points").isPositive();

            assertThat(rows.get("ben")).containsEntry("outcome", "graded").containsEntry(KATA, "0")
                    .containsEntry("points", "0").containsEntry("max_points", Long.toString(max))
                    .containsEntry("commit", git(unsolved, "rev-parse", "HEAD")).containsEntry("errors", "");

            assertThat(rows.get("cai")).containsEntry("outcome", "void: tampered").containsEntry(KATA, "")
                    .containsEntry("points", "").containsEntry("commit", git(tampered, "rev-parse", "HEAD"));
            assertThat(rows.get("cai").get("tampered")).isEqualTo("katas/src/test/java/k07_lost_update/BalanceTest.java (changed)");

            assertThat(rows.get("dee")).containsEntry("outcome", "graded").containsEntry(KATA, "0")
                    .containsEntry("max_points", Long.toString(max)).containsEntry("commit", git(broken, "rev-parse", "HEAD"));
            assertThat(rows.get("dee").get("errors")).startsWith(KATA + ": ").containsIgnoringCase("compile");

            Map<String, String> eli = csv(hungOut.resolve("class.csv")).get("eli");
            assertThat(eli).containsEntry("outcome", "graded").containsEntry(KATA, "0")
                    .containsEntry("commit", git(hung, "rev-parse", "HEAD"));
            assertThat(eli.get("errors")).startsWith(KATA + ": ").contains("did not finish within 10 s");
            assertThat(JSON.readTree(hungOut.resolve("results/eli.json").toFile()).get("status").asText()).isEqualTo("fail");

            assertThat(rows.get("fox")).containsEntry("outcome", "not cloned").containsEntry("commit", "");
            assertThat(rows.get("fox").get("errors")).startsWith("could not clone " + missing);
            assertThat(rows.get("gil")).containsEntry("outcome", "not cloned");
            assertThat(rows.get("gil").get("errors")).contains("no-such-branch");

            for (String learner : rows.keySet()) {
                JsonNode results = JSON.readTree(out.resolve("results").resolve(learner + ".json").toFile());
                assertThat(results.get("version").asInt()).as("%s's results version", learner).isEqualTo(3);
                assertThat(results.get("status").asText()).as("%s's results status", learner)
                        .isEqualTo(learner.equals("ana") ? "pass" : Set.of("ben", "dee").contains(learner) ? "fail" : "error");
            }
            String markdown = Files.readString(out.resolve("class.md"), StandardCharsets.UTF_8);
            assertThat(markdown).contains("| ana | `" + rows.get("ana").get("commit").substring(0, 12) + "` | graded | "
                    + max + "/" + max + " ✅ | **" + max + "/" + max + "** | 1 |"); // portability: allowed, a fraction
            assertThat(markdown.lines().filter(l -> l.startsWith("| "))).as("header and one line per learner").hasSize(7);
            assertThat(run.out()).contains("[6 of 6 done, 0 running, 3 failed]");
            assertThat(hungRun.out()).contains("[1 of 1 done, 0 running, 0 failed]");
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?")))
                    .as("processes left behind").isEmpty();
        }

        @Test
        @Timeout(value = 120, unit = SECONDS)
        @DisplayName("stops a fork's grade at its ceiling, with every process it started, and grades the next")
        void forkCeiling() throws IOException, InterruptedException {
            fork(upstream, "slow", f -> { });
            Path forks = temp.resolve("forks.txt");
            Files.writeString(forks, "slow forks/slow\n", StandardCharsets.UTF_8);
            Path out = temp.resolve("class");

            // One second is less than a grader JVM needs to start, compile a kata and run it: the ceiling always wins.
            Run run = gradeClass(upstream, "--forks", forks.toString(), "--out", out.toString(), "--kata", KATA,
                    "--fork-timeout", "1");

            assertThat(run.exit()).as("exit; err: %s", run.err()).isZero();
            assertThat(csv(out.resolve("class.csv")).get("slow")).containsEntry("outcome", "timed out")
                    .containsEntry("errors", "the grade did not finish within 1 s and was stopped (log: logs/slow.txt)");
            assertThat(JSON.readTree(out.resolve("results/slow.json").toFile()).get("status").asText()).isEqualTo("error");
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?")))
                    .as("processes left behind").isEmpty();
        }
    }

    @Test
    @Timeout(value = 300, unit = SECONDS)
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Java cannot send Windows' Ctrl+C; destroy() there is TerminateProcess, which runs no hook")
    @DisplayName("leaves no grader or learner process behind when it is stopped like Ctrl+C")
    void stoppedLeavesNothing() throws IOException, InterruptedException {
        // A hung fork: its kata's JVM is certainly still there when the wait below looks for it, whatever the load.
        fork(upstream, "stopped", GradeClassTest::hang);
        Path forks = temp.resolve("forks.txt");
        Files.writeString(forks, "stopped forks/stopped\n", StandardCharsets.UTF_8);
        Path log = temp.resolve("grade-class.txt");
        Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "grade-class",
                "--forks", forks.toString(), "--out", temp.resolve("class").toString(), "--kata", KATA, "--kata-timeout", "120")
                .directory(upstream.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Wait for a kata's JVM under the grader: then there are two levels of processes to stop.
            await("a kata's JVM runs under the grader").atMost(Duration.ofSeconds(120)).until(() -> command.descendants()
                    .anyMatch(p -> p.parent().flatMap(parent -> parent.info().arguments())
                            .map(a -> Arrays.asList(a).contains("grade")).orElse(false)));
            List<ProcessHandle> started = command.descendants().toList();

            command.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl+C's SIGINT

            assertThat(command.waitFor(60, TimeUnit.SECONDS)).as("grade-class ended; it printed:%n%s",
                    Files.readString(log, StandardCharsets.UTF_8)).isTrue();
            await("every process it started is gone").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(started.stream().filter(ProcessHandle::isAlive)
                            .map(p -> p.info().commandLine().orElse("?"))).isEmpty());
            assertThat(temp.resolve("class/class.csv")).as("no table of stopped grades").doesNotExist();
        } finally {
            command.descendants().forEach(ProcessHandle::destroyForcibly);
            command.destroyForcibly();
        }
    }

    @Nested
    @DisplayName("given a mistake in the command")
    class Mistakes {

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("names the forks file's bad line and leaves the last class table as it was")
        void badLineKeepsTheTable() throws IOException, InterruptedException {
            Path out = temp.resolve("class");
            Files.createDirectories(out);
            Files.writeString(out.resolve("class.csv"), "the good table\n", StandardCharsets.UTF_8);
            Path forks = temp.resolve("forks.txt");
            Files.writeString(forks, "# class of 2026\nana forks/ana\nben forks/ben main extra\n", StandardCharsets.UTF_8);

            Run run = gradeClass(upstream, "--forks", forks.toString(), "--out", out.toString());

            assertThat(run.exit()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains(forks + " line 3: expected NAME SOURCE [REF]", "found 4 field(s)");
            assertThat(Files.readString(out.resolve("class.csv"), StandardCharsets.UTF_8)).isEqualTo("the good table\n");
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).hasSize(1);
            }
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("refuses an unknown kata and a zero job count before it writes anything")
        void badOptions() throws IOException, InterruptedException {
            Path forks = temp.resolve("forks.txt");
            Files.writeString(forks, "ana forks/ana\n", StandardCharsets.UTF_8);
            Path out = temp.resolve("class");

            Run unknown = gradeClass(upstream, "--forks", forks.toString(), "--out", out.toString(), "--kata", "k99_nope");
            Run zero = gradeClass(upstream, "--forks", forks.toString(), "--out", out.toString(), "--jobs", "0");

            assertThat(unknown.exit()).isEqualTo(Main.USAGE);
            assertThat(unknown.err()).contains("k99_nope");
            assertThat(zero.exit()).isEqualTo(Main.USAGE);
            assertThat(zero.err()).contains("--jobs must be at least 1");
            assertThat(out).doesNotExist();
        }
    }

    @Nested
    @DisplayName("the forks file")
    class Roster {

        @Test
        @DisplayName("reads names, local folders relative to itself, URLs and refs, and skips comments and blank lines")
        void reads() throws IOException {
            Path file = temp.resolve("class").resolve("forks.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    # the class
                    ana   ../clones/ana
                    \tben\thttps://github.com/ben/katas.git\tv1.0   # tagged

                    cai git@github.com:cai/katas.git 0123abc
                    """, StandardCharsets.UTF_8);

            assertThat(ClassRoster.read(file)).containsExactly(
                    new ClassRoster.Fork("ana", temp.resolve("clones/ana").toString(), java.util.Optional.empty(), 2),
                    new ClassRoster.Fork("ben", "https://github.com/ben/katas.git", java.util.Optional.of("v1.0"), 3),
                    new ClassRoster.Fork("cai", "git@github.com:cai/katas.git", java.util.Optional.of("0123abc"), 5));
        }

        @Test
        @DisplayName("refuses a name used twice, a name that is no file name, an option-like ref, and an empty file")
        void refuses() throws IOException {
            Path file = temp.resolve("forks.txt");
            Map<String, String> mistakes = Map.of(
                    "ana a\nAna b\n", "line 2: the name 'Ana' is already used on line 1",
                    "../ana a\n", "line 1: the name '../ana'",
                    "ana a --upload-pack=x\n", "line 1: a source or ref may not start with '-'",
                    "# nobody yet\n\n", "lists no learner");
            for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
                Files.writeString(file, mistake.getKey(), StandardCharsets.UTF_8);
                assertThatExceptionOfType(KataException.class).as(mistake.getKey()).isThrownBy(() -> ClassRoster.read(file))
                        .withMessageContaining(mistake.getValue());
            }
        }
    }

    @Test
    @DisplayName("quotes CSV cells with commas and quotes, and defuses cells a spreadsheet would run as formulas")
    void csvCells() {
        assertThat(ClassTable.quote("plain")).isEqualTo("plain");
        assertThat(ClassTable.quote("a, b")).isEqualTo("\"a, b\"");
        assertThat(ClassTable.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ClassTable.quote("=HYPERLINK(1)")).isEqualTo("\"'=HYPERLINK(1)\"");
    }
}
