package katatool.mistakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import katatool.cli.Main;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.KataCopy;
import katatool.run.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Loading the mistake catalogue, matching a verdict to a mistake, and the learner hearing of it. */
@DisplayName("the mistake catalogue's loader and matcher")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MistakeCatalogueTest {

    static final String KATA = "k06_threads";
    static final String A = "NamedThreads › a › one";
    static final String B = "NamedThreads › a › two";
    static final String C = "NamedThreads › b › three";

    @TempDir
    Path dir;

    Repo real;
    Repo repo;
    Manifest.Kata kata;

    @BeforeEach
    void copyKata() throws IOException {
        real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        kata = real.manifest().find(KATA);
        repo = KataCopy.copyKata(real, kata, dir.resolve("repo"));
    }

    Path entry(String slug, String json) throws IOException {
        Path folder = MistakeCatalogue.folder(repo, MistakeCatalogue.Kind.MISTAKE, KATA).resolve(slug);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("mistake.json"), json, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("NamedThreads.java"), "package k06_threads; final class NamedThreads {}",
                StandardCharsets.UTF_8);
        return folder;
    }

    @Nested
    @DisplayName("loading")
    class Loading {

        @Test
        @DisplayName("reads name, lesson, task, fails, mayFail and message")
        void readsEverything() throws IOException {
            entry("01_some_slug", """
                    {"name": "A name", "lesson": "A lesson.", "task": 2, "fails": ["%s"], "mayFail": ["%s"], "message": "boo+m"}
                    """.formatted(A, B));

            MistakeCatalogue.Entry e = MistakeCatalogue.load(repo, kata).getFirst();

            assertThat(e.slug()).isEqualTo("01_some_slug");
            assertThat(e.name()).isEqualTo("A name");
            assertThat(e.lesson()).isEqualTo("A lesson.");
            assertThat(e.task()).isEqualTo(2);
            assertThat(e.fails()).containsExactly(A);
            assertThat(e.mayFail()).containsExactly(B);
            assertThat(e.message()).map(java.util.regex.Pattern::pattern).contains("boo+m");
            assertThat(e.javaFiles()).hasSize(1);
        }

        @Test
        @DisplayName("names the folder of an entry without a name, a lesson or fails, or with a task the kata lacks")
        void rejectsMissingFields() throws IOException {
            for (String[] bad : new String[][] {
                    {"{\"lesson\": \"l\", \"task\": 1, \"fails\": [\"x\"]}", "has no name"},
                    {"{\"name\": \"n\", \"task\": 1, \"fails\": [\"x\"]}", "has no lesson"},
                    {"{\"name\": \"n\", \"lesson\": \" \", \"task\": 1, \"fails\": [\"x\"]}", "has an empty lesson"},
                    {"{\"name\": \"n\", \"lesson\": \"l\", \"task\": 1}", "has no fails"},
                    {"{\"name\": \"n\", \"lesson\": \"l\", \"task\": 1, \"fails\": []}", "has no fails"},
                    {"{\"name\": \"n\", \"lesson\": \"l\", \"task\": 9, \"fails\": [\"x\"]}", "names task 9"},
                    {"{\"name\": \"n\", \"lesson\": \"l\", \"task\": 1, \"fails\": [\"x\"], \"message\": \"(\"}", "not a regular expression"},
                    {"{\"name\": \"n\", ", "is not valid JSON"}}) {
                Path folder = entry("01_bad", bad[0]);
                assertThatExceptionOfType(KataException.class).isThrownBy(() -> MistakeCatalogue.load(repo, kata))
                        .withMessageContaining("solutions/src/mistakes/k06_threads/01_bad")
                        .withMessageContaining(bad[1]);
                deleteTree(folder);
            }
        }

        @Test
        @DisplayName("rejects a folder not named NN_slug")
        void rejectsBadSlug() throws IOException {
            entry("first-one", "{}");

            assertThatExceptionOfType(KataException.class).isThrownBy(() -> MistakeCatalogue.load(repo, kata))
                    .withMessageContaining("first-one").withMessageContaining("NN_slug");
        }

        @Test
        @DisplayName("names a test in fails that the kata does not have, and the one probably meant")
        void rejectsUnknownTest() throws IOException {
            entry("01_some_slug", "{\"name\": \"n\", \"lesson\": \"l\", \"task\": 1, \"fails\": [\"NamedThreads › x › one\"]}");

            List<String> problems = MistakeCatalogue.checkTestNames(repo, MistakeCatalogue.load(repo, kata), Set.of(A, C));

            assertThat(problems).singleElement().asString()
                    .contains("01_some_slug", "NamedThreads › x › one", "does not have", "did you mean \"" + A + "\"");  // portability: allowed (identifiers and quotes, not paths)
        }
    }

    @Nested
    @DisplayName("matching a verdict")
    class Matching {

        MistakeCatalogue.Entry mistake(String slug, List<String> fails, List<String> mayFail, String message) {
            return new MistakeCatalogue.Entry(MistakeCatalogue.Kind.MISTAKE, KATA, slug, dir, "Name " + slug, "Lesson.", 1,
                    fails, mayFail, Optional.ofNullable(message).map(java.util.regex.Pattern::compile), List.of());
        }

        List<TestRunner.Result> verdict(String... failed) {
            Set<String> failing = Set.of(failed);
            return java.util.stream.Stream.of(A, B, C).map(n -> new TestRunner.Result(KATA, n, Set.of(),
                    failing.contains(n) ? TestRunner.Status.FAILED : TestRunner.Status.PASSED,
                    failing.contains(n) ? "[worker was interrupted] expected true" : "", "", "[test:" + n + "]")).toList();
        }

        @Test
        @DisplayName("matches when every test in fails failed and nothing outside fails and mayFail did")
        void matches() {
            var m = mistake("01_m", List.of(A), List.of(B), null);

            assertThat(MistakeMatcher.match(List.of(m), verdict(A))).contains(m);
            assertThat(MistakeMatcher.match(List.of(m), verdict(A, B))).contains(m);
        }

        @Test
        @DisplayName("does not match when a test in fails passed, another test failed, or nothing failed")
        void doesNotMatch() {
            var m = mistake("01_m", List.of(A, B), List.of(), null);

            assertThat(MistakeMatcher.match(List.of(m), verdict(A))).isEmpty();
            assertThat(MistakeMatcher.match(List.of(m), verdict(A, B, C))).isEmpty();
            assertThat(MistakeMatcher.match(List.of(m), verdict())).isEmpty();
        }

        @Test
        @DisplayName("tells two mistakes that fail the same test apart by the failure's message")
        void byMessage() {
            var other = mistake("01_other", List.of(A), List.of(), "caller gave up");
            var mine = mistake("02_mine", List.of(A), List.of(), "worker was interrupted");

            assertThat(MistakeMatcher.match(List.of(other, mine), verdict(A))).contains(mine);
        }

        @Test
        @DisplayName("names every mistake the tests cannot tell apart, not only the first, so no learner is told the wrong lesson")
        void indistinguishable() {
            var first = mistake("01_first", List.of(A), List.of(), null);
            var second = mistake("02_second", List.of(A), List.of(), null);

            assertThat(MistakeMatcher.matches(List.of(first, second), verdict(A))).containsExactly(first, second);
            assertThat(MistakeMatcher.matches(List.of(first, second), verdict(B))).isEmpty();
        }

        @Test
        @DisplayName("says the name and lesson, marked as a common mistake")
        void sentence() {
            assertThat(MistakeMatcher.sentence(mistake("01_m", List.of(A), List.of(), null)))
                    .isEqualTo("This looks like a mistake learners often make: Name 01_m. Lesson.");
        }
    }

    @Nested
    @DisplayName("the gate")
    class Gate {

        static final String RUNS_ON_NEW_THREAD =
                "NamedThreads › start (task 1) › runs the task on a new platform thread that carries the given name";

        void put(MistakeCatalogue.Kind kind, String slug, String json, Path javaFrom) throws IOException {
            Path folder = MistakeCatalogue.folder(repo, kind, KATA).resolve(slug);
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(kind.file), json, StandardCharsets.UTF_8);
            Files.copy(javaFrom, folder.resolve("NamedThreads.java"));
        }

        @Test
        @DisplayName("names a mistake the tests do not catch, an alternative that fails, an unknown test, and a mistake the tool would not name")
        void namesEveryBrokenPromise() throws Exception {
            Path mistakes = MistakeCatalogue.folder(real, MistakeCatalogue.Kind.MISTAKE, KATA);
            Path reference = repo.solutionDir(KATA).resolve("NamedThreads.java");
            String fails = "{\"name\": \"n\", \"lesson\": \"l\", \"task\": 1, \"fails\": [\"%s\"]}";
            // A real mistake that fails more than its fails says: its promise holds, but the tool cannot name it.
            put(MistakeCatalogue.Kind.MISTAKE, "01_named_wrongly", fails.formatted(RUNS_ON_NEW_THREAD),
                    mistakes.resolve("02_run_instead_of_start/NamedThreads.java"));
            put(MistakeCatalogue.Kind.MISTAKE, "02_not_a_mistake", fails.formatted(RUNS_ON_NEW_THREAD), reference);
            put(MistakeCatalogue.Kind.MISTAKE, "03_unknown_test", fails.formatted("NamedThreads › nothing › here"), reference);
            put(MistakeCatalogue.Kind.ALTERNATIVE, "01_wrong", "{\"name\": \"n\", \"why\": \"w\"}",
                    mistakes.resolve("01_failure_printed_and_lost/NamedThreads.java"));

            MistakeGate.KataVerdict verdict = MistakeGate.kata(repo, kata, 0, java.time.Duration.ofMinutes(5));

            assertThat(verdict.mistakes()).isEqualTo(3);
            assertThat(verdict.alternatives()).isEqualTo(1);
            assertThat(verdict.broken()).as(String.join("\n", verdict.lines())).satisfiesExactlyInAnyOrder(
                    b -> assertThat(b).contains("01_named_wrongly", "does not name it", "also failed"),
                    b -> assertThat(b).contains("02_not_a_mistake", "passed", "do not catch this mistake"),
                    b -> assertThat(b).contains("03_unknown_test", "\"NamedThreads › nothing › here\"", "does not have"),
                    b -> assertThat(b).contains("03_unknown_test", "passed", "do not catch this mistake"),
                    b -> assertThat(b).contains("alternatives/01_wrong", "failed", "a correct solution must pass every test"));
        }
    }

    @Nested
    @DisplayName("kata run")
    class Run {

        String run() {
            StringWriter out = new StringWriter();
            Main.execute(repo.root(), new String[] {"run", KATA, "--no-color"}, new BufferedReader(new StringReader("")),
                    new PrintWriter(out), new PrintWriter(new StringWriter()));
            return out.toString();
        }

        @Test
        @DisplayName("names the catalogued mistake that the learner's code makes, without its fix, and stays quiet otherwise")
        void namesTheMistake() throws IOException {
            Path mistakes = MistakeCatalogue.folder(real, MistakeCatalogue.Kind.MISTAKE, KATA);
            KataCopy.copyTree(mistakes, MistakeCatalogue.folder(repo, MistakeCatalogue.Kind.MISTAKE, KATA));
            MistakeCatalogue.Entry first = MistakeCatalogue.load(real, kata, MistakeCatalogue.Kind.MISTAKE).getFirst();

            assertThat(run()).as("the stub's verdict").contains("0 of").doesNotContain("mistake learners often make");

            Files.copy(first.javaFiles().getFirst(), repo.stubDir(KATA).resolve("NamedThreads.java"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(run()).contains("This looks like a mistake learners often make: " + first.name() + ". " + first.lesson());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
