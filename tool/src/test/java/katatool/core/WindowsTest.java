package katatool.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import katatool.cli.Main;
import katatool.run.KataCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Linux can check of the tool's Windows behaviour: the command forms its messages name, the
 * ASCII marks for a console on an old code page, and file steps that survive a brief lock.
 */
@DisplayName("the tool on Windows, simulated")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowsTest {

    static final String KATA = "k06_threads";

    @TempDir
    Path dir;

    Repo repo;

    @BeforeEach
    void copyKata() throws IOException {
        Repo real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        repo = KataCopy.copyKata(real, real.manifest().find(KATA), dir.resolve("repo"));
    }

    @AfterEach
    void restore() {
        System.clearProperty("kata.platform");
        AtomicFiles.faults = AtomicFiles.NO_FAULTS;
    }

    record Outcome(int exit, String out, String err) {}

    Outcome kata(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(repo.root(), args, new BufferedReader(new StringReader("")), new PrintWriter(out), new PrintWriter(err));
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Nested
    @DisplayName("messages that name a command")
    class CommandForms {

        @Test
        @DisplayName("name .\\kata and .\\mvnw.cmd on Windows, which PowerShell runs from the current folder and cmd too")
        void windowsForms() {
            System.setProperty("kata.platform", "Windows 11");

            Outcome hint = kata("hint", KATA, "1");
            Outcome typo = kata("--no-such-option");
            Outcome help = kata("--help");

            assertThat(Console.command()).isEqualTo(".\\kata");
            assertThat(Console.mavenWrapper()).isEqualTo(".\\mvnw.cmd");
            assertThat(hint.out()).contains("More: .\\kata hint " + KATA + " 1").doesNotContain("./kata");
            assertThat(typo.err()).contains("(try: .\\kata --help)");
            assertThat(help.out()).contains("Usage: .\\kata ");
        }

        @Test
        @DisplayName("name ./kata and ./mvnw elsewhere")
        void unixForms() {
            System.setProperty("kata.platform", "Linux");

            Outcome hint = kata("hint", KATA, "1");

            assertThat(Console.command()).isEqualTo("./kata");
            assertThat(Console.mavenWrapper()).isEqualTo("./mvnw");
            assertThat(hint.out()).contains("More: ./kata hint " + KATA + " 1").doesNotContain(".\\kata");
        }

        @Test
        @DisplayName("name ./kata on Windows too when the bash launcher (Git Bash) started the tool")
        void gitBash() {
            System.setProperty("kata.platform", "Windows 11");
            System.setProperty("kata.command", "./kata");
            try {
                assertThat(kata("hint", KATA, "1").out()).contains("More: ./kata hint " + KATA + " 1");
                assertThat(Console.mavenWrapper()).isEqualTo(".\\mvnw.cmd");
            } finally {
                System.clearProperty("kata.command");
            }
        }
    }

    @Nested
    @DisplayName("a console whose code page lacks the marks")
    class AsciiMarks {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"IBM437", "US-ASCII", "windows-1252"})
        @DisplayName("gets ASCII stand-ins for the marks it cannot show, and every other character as it was")
        void standIns(String name) {
            Charset charset = Charset.forName(name);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            PrintWriter out = Console.writer(bytes, charset);
            out.print("\u2714 Task 1 \u00b7 \u2718 Task 2 \u203a a test\u2026");
            out.flush();

            // Each mark as itself where the code page has it (cp1252 has the dot and the chevron), else ASCII.
            var encoder = charset.newEncoder();
            String expected = "+ Task 1 " + (encoder.canEncode('\u00b7') ? "\u00b7" : "-") + " x Task 2 "
                    + (encoder.canEncode('\u203a') ? "\u203a" : ">") + " a test" + (encoder.canEncode('\u2026') ? "\u2026" : "...");
            assertThat(bytes.toString(charset)).isEqualTo(expected);
        }

        @Test
        @DisplayName("gets the marks themselves in UTF-8")
        void utf8() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            PrintWriter out = Console.writer(bytes, StandardCharsets.UTF_8);
            out.print("\u2714 \u2718 \u00b7 \u203a");
            out.flush();

            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\u2714 \u2718 \u00b7 \u203a");
        }

        @Test
        @DisplayName("gets ASCII stand-ins in UTF-8 too where the console's font has no such glyphs (the classic console)")
        void classicConsole() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            PrintWriter out = Console.writer(bytes, StandardCharsets.UTF_8, true);
            out.print("\u2714 \u2718 \u00b7 \u203a \u00e9");
            out.flush();

            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("+ x - > \u00e9");
        }

        /** The real entry point in a JVM of its own, told its console speaks only that code page. */
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"IBM437", "US-ASCII"})
        @DisplayName("sees kata run print its crosses as x when stdout.encoding says so")
        void childJvm(String encoding) throws IOException, InterruptedException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path log = dir.resolve("out.txt");
            Process child = new ProcessBuilder(java.toString(), "-Dstdout.encoding=" + encoding, "-Dstderr.encoding=" + encoding,
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", KATA)
                    .directory(repo.root().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("kata run finished").isTrue();
            } finally {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
            }
            byte[] bytes = Files.readAllBytes(log);
            String shown = new String(bytes, Charset.forName(encoding));

            assertThat(shown).as(shown).contains("x Task 1:").doesNotContain("? Task", "\u2718", "\u203a");
            if (encoding.equals("US-ASCII")) {
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("only ASCII bytes").matches("\\p{ASCII}*");
            }
        }
    }

    @Nested
    @DisplayName("a file that Windows holds for a moment")
    class BriefLocks {

        /** Refuses the first attempt of each step on a file under this test's folder, as a scanner would. */
        final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        final AtomicInteger refusals = new AtomicInteger();

        void refuseEachStepOnce() {
            AtomicFiles.faults = (step, path) -> {
                if (path.toAbsolutePath().startsWith(dir.toAbsolutePath()) && refusedOnce.add(step + " " + path)) {
                    refusals.incrementAndGet();
                    throw step.equals("delete") && Files.isDirectory(path)
                            ? new DirectoryNotEmptyException(path.toString())
                            : new FileSystemException(path.toString(), null, "The process cannot access the file because it is being used by another process");
                }
            };
        }

        @Test
        @DisplayName("an atomic write waits out refused moves and leaves the whole file and no temporary one")
        void atomicWrite() throws IOException {
            Path target = dir.resolve("cache").resolve("k06.properties");
            Files.createDirectories(target.getParent());
            Files.writeString(target, "old", StandardCharsets.UTF_8);
            AtomicInteger attempts = new AtomicInteger();
            AtomicFiles.faults = (step, path) -> {
                if (step.equals("move") && attempts.incrementAndGet() <= 3) {
                    throw new AccessDeniedException(path.toString());
                }
            };

            AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

            assertThat(attempts).hasValue(4);
            assertThat(target).hasContent("new");
            try (var files = Files.list(target.getParent())) {
                assertThat(files.toList()).containsExactly(target);
            }
        }

        @Test
        @DisplayName("a missing file is an answer, not a lock: it fails at once")
        void noRetryForMissing() {
            AtomicInteger attempts = new AtomicInteger();

            assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> AtomicFiles.retrying("move", dir, () -> {
                attempts.incrementAndGet();
                throw new NoSuchFileException("gone");
            }));
            assertThat(attempts).hasValue(1);
            assertThat(AtomicFiles.transientOnWindows(new AccessDeniedException("x"))).isTrue();
            assertThat(AtomicFiles.transientOnWindows(new DirectoryNotEmptyException("x"))).isTrue();
            assertThat(AtomicFiles.transientOnWindows(new FileSystemException("x", null, "in use"))).isTrue();
            assertThat(AtomicFiles.transientOnWindows(new java.nio.file.FileAlreadyExistsException("x"))).isFalse();
        }

        @Test
        @DisplayName("kata run twice survives a refused delete of its old classes and a refused move of its status cache")
        void runSurvives() throws IOException {
            refuseEachStepOnce();

            Outcome first = kata("run", KATA);
            Outcome second = kata("run", KATA); // cleans the first run's classes: deletes refused once each
            Outcome list = kata("list");

            List<String> problems = new ArrayList<>();
            for (Outcome o : List.of(first, second, list)) {
                if (o.err().contains("The kata tool failed") || o.out().contains("does not compile")) {
                    problems.add(o.out() + o.err());
                }
            }
            assertThat(problems).isEmpty();
            assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
            assertThat(second.out()).contains("Task 1");
            assertThat(refusals.get()).as("refusals injected").isGreaterThan(2);
            assertThat(refusedOnce).anyMatch(s -> s.startsWith("move ") && s.contains("status"))
                    .anyMatch(s -> s.startsWith("delete ") && s.endsWith(".class"));
            assertThat(repo.workDir().resolve("status").resolve(KATA + ".properties")).exists();
        }
    }
}
