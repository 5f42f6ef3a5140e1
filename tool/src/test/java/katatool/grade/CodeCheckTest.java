package katatool.grade;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import katatool.core.Manifest;
import katatool.mistakes.MistakeCatalogue;
import katatool.run.KataCompiler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The static check of the learner's classes ({@link CodeCheck}), class by class, without a grade:
 * it lets every correct solution we have through, and refuses each way found to do what it
 * refuses under another name. A grade that such code gains is shown end to end in
 * {@link GradeTrustTest}.
 */
@DisplayName("the check of the learner's classes")
class CodeCheckTest {

    @TempDir
    Path temp;

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /** Compiles a kata's code (the folder's files and the kata's given code) as the grader does, and checks it. */
    private List<String> check(String kata, Path code, Path out) throws IOException {
        List<Path> sources = new ArrayList<>(KataCompiler.javaFiles(code));
        sources.addAll(KataCompiler.javaFiles(GradeTest.REAL.givenDir(kata)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = JAVAC.getTask(null, files, diagnostics, List.of("-d", out.toString(), "-cp",
                    System.getProperty("java.class.path"), "-encoding", "UTF-8", "-proc:none", "-nowarn"), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(ok).as("%s compiles: %s", code, diagnostics.getDiagnostics()).isTrue();
        }
        return CodeCheck.check(kata, out, code, GradeTest.REAL.givenDir(kata));
    }

    /** The reference's kata folder with the alternative's classes put in place, as the mistake gate assembles it. */
    private static void assemble(String kata, MistakeCatalogue.Entry alternative, Path root) throws IOException {
        Path kataDir = Files.createDirectories(root.resolve(kata));
        for (Path reference : KataCompiler.javaFiles(GradeTest.REAL.solutionDir(kata))) {
            Path target = kataDir.resolve(GradeTest.REAL.solutionDir(kata).relativize(reference).toString());
            Files.createDirectories(target.getParent());
            Files.copy(reference, target);
        }
        for (Path file : alternative.javaFiles()) {
            Path target = kataDir.resolve(alternative.dir().relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Timeout(value = 600, unit = SECONDS)
    @DisplayName("refuses no reference solution and no alternative of the catalogue")
    void referencesAndAlternativesPass() throws IOException {
        List<String> refused = new ArrayList<>();
        for (Manifest.Kata kata : GradeTest.REAL.manifest().katas()) {
            check(kata.id(), GradeTest.REAL.solutionDir(kata.id()), temp.resolve("ref").resolve(kata.id()))
                    .forEach(r -> refused.add("reference: " + r));
            for (MistakeCatalogue.Entry alternative : MistakeCatalogue.load(GradeTest.REAL, kata, MistakeCatalogue.Kind.ALTERNATIVE)) {
                Path root = temp.resolve("alt").resolve(kata.id() + "-" + alternative.slug());
                assemble(kata.id(), alternative, root);
                check(kata.id(), root.resolve(kata.id()), temp.resolve("alt-classes").resolve(kata.id() + "-" + alternative.slug()))
                        .forEach(r -> refused.add(alternative.slug() + ": " + r));
            }
        }
        assertThat(refused).isEmpty();
    }

    /**
     * Each row: a statement in a k07 method, and what the refusal names. Each did, in the grader
     * before this check, what the list of refused calls forbids: jshell evaluated a forged report
     * (a heap dump for the nonce, the JVM's own stdout, a halt) for full marks with nothing solved;
     * the test framework's "aborted" exception made failing tests "skipped", out of the maximum.
     */
    @ParameterizedTest(name = "{0}")
    @Timeout(value = 60, unit = SECONDS)
    @CsvSource(delimiter = '|', textBlock = """
            jshell evaluating code at run time              | jdk.jshell.JShell.create().eval("1");                                                                  | uses jdk.jshell.JShell
            java.beans calling a method by name             | new java.beans.Statement(Runtime.getRuntime(), "halt", new Object[] {0}).execute();                    | uses java.beans.Statement
            a heap dump through com.sun.management          | Object bean = com.sun.management.HotSpotDiagnosticMXBean.class;                                          | uses com.sun.management.HotSpotDiagnosticMXBean
            a library's reflection (Awaitility)             | Object in = org.awaitility.reflect.WhiteboxImpl.getInternalState(Runtime.getRuntime(), "x");             | uses org.awaitility.reflect.WhiteboxImpl
            a library's file writing (Jackson)              | new com.fasterxml.jackson.databind.ObjectMapper().writeValue(new java.io.File("/proc/self/fd/1"), "x"); | uses com.fasterxml.jackson.databind.ObjectMapper
            the tool's own classes                          | new katatool.run.TestRunner("");                                                                       | uses katatool.run.TestRunner
            the test framework's skip (opentest4j)          | if (amount > 0) throw new org.opentest4j.TestAbortedException("skip me");                                | uses org.opentest4j.TestAbortedException
            java.logging's configuration (a file handler)   | java.util.logging.LogManager.getLogManager().reset();                                                  | (logging configuration
            deserialisation                                 | new java.io.ObjectInputStream(java.io.InputStream.nullInputStream()).readObject();                     | (deserialisation
            """)
    void refusedUnderAnotherName(String attack, String statement, String named) throws Exception {
        Path code = temp.resolve("src/k07_lost_update");
        Files.createDirectories(code);
        Files.writeString(code.resolve("SynchronizedBalance.java"), """
                package k07_lost_update;

                public final class SynchronizedBalance implements Balance {
                    private long balance;

                    public SynchronizedBalance() {}

                    public SynchronizedBalance(Runnable afterRead) {}

                    @Override
                    public synchronized void add(long amount) {
                        try {
                            %s
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        balance += amount;
                    }

                    @Override
                    public synchronized long get() {
                        return balance;
                    }
                }
                """.formatted(statement), StandardCharsets.UTF_8);

        List<String> refused = check("k07_lost_update", code, temp.resolve("classes"));

        assertThat(refused).as(attack).anySatisfy(r -> assertThat(r)
                .startsWith("katas/src/main/java/k07_lost_update/SynchronizedBalance.java ").contains(named));
    }

    @Test
    @Timeout(value = 60, unit = SECONDS)
    @DisplayName("refuses a class outside the kata's package: compiled against a stand-in, it would run as the library's real class")
    void classOutsideTheKatasPackage() throws Exception {
        Path code = temp.resolve("src/k07_lost_update");
        Files.createDirectories(code);
        // A stand-in to compile against: at run time the class loader asks the libraries first, so
        // the test framework's real "aborted" exception is thrown, and the test counts as skipped.
        Files.createDirectories(code.resolve("org/opentest4j"));
        Files.writeString(code.resolve("org/opentest4j/TestAbortedException.java"), """
                package org.opentest4j;

                public class TestAbortedException extends RuntimeException {
                    public TestAbortedException(String message) {
                        super(message);
                    }
                }
                """, StandardCharsets.UTF_8);
        Files.writeString(code.resolve("Uses.java"), """
                package k07_lost_update;

                final class Uses {
                    static void skip() {
                        throw new org.opentest4j.TestAbortedException("not counted");
                    }
                }
                """, StandardCharsets.UTF_8);

        List<String> refused = check("k07_lost_update", code, temp.resolve("classes"));

        assertThat(refused).anySatisfy(r -> assertThat(r).contains("declares org.opentest4j.TestAbortedException",
                "outside the kata's package k07_lost_update"));
    }

    @Test
    @Timeout(value = 60, unit = SECONDS)
    @DisplayName("lets a module declaration through (ignored on the class path), and still refuses what the module's classes use")
    void moduleDeclaration() throws Exception {
        Path code = temp.resolve("src/k07_lost_update");
        Files.createDirectories(code);
        Files.writeString(code.resolve("module-info.java"), "module k07 {\n    requires jdk.jshell;\n}\n", StandardCharsets.UTF_8);
        Files.writeString(code.resolve("Shell.java"), """
                package k07_lost_update;

                final class Shell {
                    static Object shell() {
                        return jdk.jshell.JShell.create();
                    }
                }
                """, StandardCharsets.UTF_8);

        List<String> refused = check("k07_lost_update", code, temp.resolve("classes"));

        assertThat(refused).singleElement().asString().contains("Shell.java uses jdk.jshell.JShell");
    }

    @Test
    @Timeout(value = 60, unit = SECONDS)
    @DisplayName("lets a solution log with java.util.logging")
    void loggingIsAllowed() throws Exception {
        Path code = temp.resolve("src/k07_lost_update");
        Files.createDirectories(code);
        Files.writeString(code.resolve("Logged.java"), """
                package k07_lost_update;

                import java.util.logging.Level;
                import java.util.logging.Logger;

                final class Logged {
                    private static final Logger LOG = Logger.getLogger(Logged.class.getName());

                    static void said(long amount) {
                        LOG.log(Level.FINE, "added {0}", amount);
                    }
                }
                """, StandardCharsets.UTF_8);

        assertThat(check("k07_lost_update", code, temp.resolve("classes"))).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = SECONDS)
    @DisplayName("lets any kata read its pid, the core count and a thread's CPU time through java.management, and nothing more of it")
    void managementReadsAreAllowed() throws Exception {
        Path code = temp.resolve("src/k01_spawn");
        Files.createDirectories(code);
        // The pid as Stack Overflow's old answer reads it: a correct k01 solution.
        Files.writeString(code.resolve("Facts.java"), """
                package k01_spawn;

                import java.lang.management.ManagementFactory;

                final class Facts {
                    static long pid() {
                        return Long.parseLong(ManagementFactory.getRuntimeMXBean().getName().split("@")[0]);
                    }

                    static int cores() {
                        return ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors();
                    }

                    static long cpu() {
                        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    }
                }
                """, StandardCharsets.UTF_8);
        assertThat(check("k01_spawn", code, temp.resolve("classes"))).isEmpty();

        Path more = temp.resolve("src2/k01_spawn");
        Files.createDirectories(more);
        Files.writeString(more.resolve("Nosy.java"), """
                package k01_spawn;

                import java.lang.management.ManagementFactory;

                final class Nosy {
                    static Object arguments() {
                        return ManagementFactory.getRuntimeMXBean().getInputArguments();
                    }

                    static Object threads() {
                        return ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
                    }
                }
                """, StandardCharsets.UTF_8);
        assertThat(check("k01_spawn", more, temp.resolve("classes2")))
                .anySatisfy(r -> assertThat(r).contains("Nosy.java").contains("getInputArguments"))
                .anySatisfy(r -> assertThat(r).contains("Nosy.java").contains("dumpAllThreads"));
    }

    @Test
    @Timeout(value = 60, unit = SECONDS)
    @DisplayName("refuses an equals of the learner's own outside a record: one that always says yes would pass every comparison")
    void equalsThatAlwaysAgreesIsRefused() throws Exception {
        Path code = temp.resolve("src/k13_async_io");
        Files.createDirectories(code);
        Files.writeString(code.resolve("Agreeable.java"), """
                package k13_async_io;

                import java.util.ArrayList;

                final class Agreeable extends ArrayList<String> {
                    @Override
                    public boolean equals(Object other) {
                        return true;
                    }

                    @Override
                    public int hashCode() {
                        return 0;
                    }
                }
                """, StandardCharsets.UTF_8);
        Files.writeString(code.resolve("Pair.java"), """
                package k13_async_io;

                record Pair(String name, long millis) {}
                """, StandardCharsets.UTF_8);

        Files.writeString(code.resolve("Yes.java"), """
                package k13_async_io;

                record Yes(String name) {
                    @Override
                    public boolean equals(Object other) {
                        return true;
                    }
                }
                """, StandardCharsets.UTF_8);

        assertThat(check("k13_async_io", code, temp.resolve("classes"))).hasSize(2)
                .anySatisfy(r -> assertThat(r).contains("Agreeable.java declares equals(Object)"))
                .anySatisfy(r -> assertThat(r).contains("Yes.java declares equals(Object)"));
    }

    @Test
    @Timeout(value = 60, unit = SECONDS)
    @DisplayName("reads the key of a property read with a default, not the default: user.dir with \".\" passes in a process kata, a computed key does not")
    void propertyWithADefault() throws Exception {
        Path code = temp.resolve("src/k03_subprocess");
        Files.createDirectories(code);
        Files.writeString(code.resolve("Where.java"), """
                package k03_subprocess;

                final class Where {
                    static String folder() {
                        return System.getProperty("user.dir", ".");
                    }
                }
                """, StandardCharsets.UTF_8);
        assertThat(check("k03_subprocess", code, temp.resolve("classes"))).isEmpty();

        Path sly = temp.resolve("src2/k07_lost_update");
        Files.createDirectories(sly);
        Files.writeString(sly.resolve("Sly.java"), """
                package k07_lost_update;

                final class Sly {
                    static String any(String key) {
                        return System.getProperty(key, "line.separator");
                    }

                    static Integer number() {
                        return Integer.getInteger("kata.nonce");
                    }
                }
                """, StandardCharsets.UTF_8);
        assertThat(check("k07_lost_update", sly, temp.resolve("classes2")))
                .anySatisfy(r -> assertThat(r).contains("Sly.java").contains("a key computed at run time"))
                .anySatisfy(r -> assertThat(r).contains("Sly.java").contains("kata.nonce"));
    }
}
