package katatool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import katatool.core.Catalogue;
import katatool.core.Checksums;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.KataCompiler;
import katatool.run.TestRunner;
import katatool.run.Workbench;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The repository's promises about its katas, checked against the manifest: every kata is
 * complete, and gate 3 holds (every kata test fails on its stub, and the failure is named).
 * Gate 1 is that katas' tests compile (the katas module); gate 2 is solutions' surefire run.
 */
@DisplayName("the kata gates")
class GatesTest {

    static Repo repo;
    static Manifest manifest;

    @BeforeAll
    static void load() {
        repo = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        manifest = repo.manifest();
    }

    @Test
    @DisplayName("the manifest lists exactly the kata packages that exist in katas and in solutions")
    void manifestMatchesPackages() throws IOException {
        Set<String> listed = new TreeSet<>(manifest.katas().stream().map(Manifest.Kata::id).toList());
        assertThat(packages(repo.root().resolve("katas/src/main/java"))).as("stub packages").isEqualTo(listed);
        assertThat(packages(repo.root().resolve("solutions/src/main/java"))).as("reference packages").isEqualTo(listed);
        assertThat(packages(repo.root().resolve("katas/src/test/java"))).as("test packages")
                .containsAll(listed);
    }

    @TestFactory
    @DisplayName("every kata has a README and HINTS whose numbered tasks match the manifest")
    Stream<DynamicTest> readmeAndHints() {
        return manifest.katas().stream().map(kata -> DynamicTest.dynamicTest(kata.id(), () -> {
            String readme = read(repo.readme(kata.id()));
            String hints = read(repo.hints(kata.id()));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < kata.tasks().size(); i++) {
                expected.add("Task " + (i + 1) + ": " + kata.tasks().get(i));
            }
            assertThat(headings(readme)).as("README.md task headings of " + kata.id()).isEqualTo(expected);
            assertThat(headings(hints)).as("HINTS.md task headings of " + kata.id()).isEqualTo(expected);
            assertThat(readme).as("README.md of " + kata.id()).contains("## What you will learn", "## From Python", "## Run this kata alone");
            for (String task : expected) {
                String section = hints.substring(hints.indexOf("## " + task));
                int next = section.indexOf("\n## ", 3);
                assertThat(section.substring(0, next < 0 ? section.length() : next))
                        .as("hints under " + task).containsPattern("(?m)^1\\. \\S");
            }
        }));
    }

    @TestFactory
    @DisplayName("every stub throws UnsupportedOperationException and marks its edit points with TODO")
    Stream<DynamicTest> stubsTeachByShape() {
        return manifest.katas().stream().map(kata -> DynamicTest.dynamicTest(kata.id(), () -> {
            List<Path> stubs = KataCompiler.javaFiles(repo.stubDir(kata.id()));
            assertThat(stubs).as("stub files of " + kata.id()).isNotEmpty();
            for (Path stub : stubs) {
                String code = read(stub);
                assertThat(code).as(repo.root().relativize(stub).toString())
                        .contains("// TODO", "throw new UnsupportedOperationException(\"");
            }
        }));
    }

    @TestFactory
    @DisplayName("gate 3: every kata test fails against its stub, and each test names its task")
    Stream<DynamicTest> everyKataTestFailsOnItsStub() throws Exception {
        Workbench bench = new Workbench(repo);
        return manifest.katas().stream().map(kata -> DynamicTest.dynamicTest(kata.id(), () -> {
            Workbench.Report report = bench.check(kata, repo.root().resolve("katas/src/main/java"),
                    repo.workDir().resolve("gate-stubs"));
            assertThat(report.compileError()).as("stubs and tests of " + kata.id() + " compile").isEmpty();
            assertThat(report.taskTests()).as("tests of " + kata.id()).isNotEmpty();
            for (TestRunner.Result test : report.results()) {
                assertThat(test.given() || test.task().isPresent())
                        .as("%s carries @Tag(\"task:N\") or @Tag(\"given\")", test.name()).isTrue();
                test.task().ifPresent(n -> assertThat(n).as("task of %s", test.name())
                        .isBetween(1, kata.tasks().size()));
            }
            List<String> passingOnStub = report.taskTests().stream()
                    .filter(t -> t.status() != TestRunner.Status.FAILED).map(TestRunner.Result::name).toList();
            assertThat(passingOnStub)
                    .as("kata tests that do not fail on the unsolved stub of %s (a test that passes on a stub checks nothing)",
                            kata.id())
                    .isEmpty();
            List<String> givenFailing = report.results().stream()
                    .filter(t -> t.given() && t.status() != TestRunner.Status.PASSED).map(TestRunner.Result::name).toList();
            assertThat(givenFailing).as("tests of given code in %s must pass on the stubs too", kata.id()).isEmpty();
        }));
    }

    @Test
    @Timeout(5)
    @DisplayName("the README catalogue is the one the manifest generates")
    void readmeCatalogueMatchesManifest() throws IOException {
        String readme = read(repo.root().resolve("README.md"));
        assertThat(Catalogue.extract(readme)).as("README.md catalogue; regenerate it with ./kata catalogue --write")
                .isEqualTo(Catalogue.render(manifest));
    }

    @Test
    @Timeout(20)
    @DisplayName("the committed checksums of stubs and protected files match the tree (./kata checksums --write)")
    void checksumsMatchTheTree() {
        for (Checksums.Kind kind : Checksums.Kind.values()) {
            assertThat(Checksums.differences(Checksums.read(repo, kind), Checksums.compute(repo, kind)))
                    .as(".kata/" + kind.fileName + " against the working tree; regenerate with ./kata checksums --write")
                    .isEmpty();
        }
    }

    private static List<String> headings(String markdown) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^## (Task \\d+: .+?)\\s*$").matcher(markdown);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> packages(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return new TreeSet<>(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("k\\d\\d_.*")).toList());
        }
    }

    private static String read(Path file) throws IOException {
        assertThat(file).as("file").exists();
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
