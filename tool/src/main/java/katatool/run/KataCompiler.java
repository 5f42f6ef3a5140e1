package katatool.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import katatool.core.AtomicFiles;
import katatool.core.Checksums;
import katatool.core.KataException;
import katatool.core.Repo;

/**
 * Compiles one kata's code and its tests in this JVM, with {@code javax.tools}, in well under a
 * second once warm.
 *
 * <p>Each kata is compiled on its own, so a compile error in one kata never stops another from
 * running. Not thread-safe: one compilation at a time.
 */
public final class KataCompiler implements AutoCloseable {

    /** Where one kata's classes went. */
    public record Output(Path mainClasses, Path testClasses) {}

    private final JavaCompiler javac;
    private final StandardJavaFileManager files;
    private final String libraries;
    /** What each test output folder was last compiled from, so an unchanged one is reused. */
    private final java.util.Map<Path, String> compiledTests = new java.util.HashMap<>();

    /**
     * @param libraries the class path holding the test libraries (JUnit, AssertJ, Awaitility, ArchUnit)
     * @throws KataException if this JVM has no compiler (a JRE, not a JDK)
     */
    public KataCompiler(String libraries) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new KataException("This Java (" + System.getProperty("java.home")
                    + ") has no compiler: install a JDK 25, for example Eclipse Temurin 25.");
        }
        this.files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        this.libraries = libraries;
    }

    /**
     * Compiles the kata's code from {@code codeRoot} (the learner's stubs or the references)
     * together with its given code, then its tests against them.
     *
     * @throws KataException with the compiler's messages if either does not compile
     */
    public Output compile(Repo repo, String kataId, Path codeRoot, Path outRoot) {
        Path mainOut = outRoot.resolve(kataId).resolve("main");
        Path testOut = outRoot.resolve(kataId).resolve("test");
        List<Path> main = new ArrayList<>(javaFiles(codeRoot.resolve(kataId)));
        main.addAll(javaFiles(repo.givenDir(kataId)));
        if (main.isEmpty()) {
            throw new KataException("Kata " + kataId + " has no code under " + codeRoot.resolve(kataId) + ".");
        }
        run(kataId, main, mainOut, libraries, "");
        List<Path> tests = new ArrayList<>(javaFiles(repo.testDir(kataId)));
        tests.addAll(javaFiles(repo.testSupportDir()));
        // Watch mode recompiles on every save; the tests need compiling again only if they
        // changed or the code they link to shows another face (non-private signatures, constants).
        String testInputs = fingerprint(mainOut) + "|" + tests.stream()
                .map(p -> p + "@" + Checksums.digest(p)).reduce("", String::concat);
        if (!testInputs.equals(compiledTests.get(testOut)) || !Files.isDirectory(testOut)) {
            compiledTests.remove(testOut);
            run(kataId, tests, testOut, mainOut + java.io.File.pathSeparator + libraries,
                    " (its tests no longer fit your code: did a public signature change?)");
            compiledTests.put(testOut, testInputs);
        }
        return new Output(mainOut, testOut);
    }

    private void run(String kataId, List<Path> sources, Path out, String classpath, String context) {
        clean(out);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-d", out.toString(), "-cp", classpath, "-encoding", "UTF-8",
                "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none");
        boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        if (!ok) {
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(KataCompiler::describe)
                    .toList();
            throw new CompileError(kataId, context, errors);
        }
    }

    /**
     * Code that does not compile: every error with its file and line, one a line, at most
     * {@value #SHOWN} of them and then how many more.
     */
    public static final class CompileError extends KataException {
        /** Errors shown: enough to fix a slip in several places, few enough to read. */
        static final int SHOWN = 10;
        private final List<String> errors;

        CompileError(String kataId, String context, List<String> errors) {
            super(kataId + " does not compile" + context + ": "
                    + (errors.isEmpty() ? "the compiler gave no reason"
                    : (errors.size() == 1 ? "1 error" : errors.size() + " errors") + "\n  "
                    + String.join("\n  ", errors.subList(0, Math.min(SHOWN, errors.size())))
                    + (errors.size() > SHOWN ? "\n  ... and " + (errors.size() - SHOWN) + " more" : "")));
            this.errors = List.copyOf(errors);
        }

        /** Every error, one line each ({@code File.java:12: message}). */
        public List<String> errors() {
            return errors;
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
        return file + d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
    }

    /**
     * What other code can link to in the classes under {@code dir}: each class's name, flags,
     * supertypes, and its non-private fields (with constant values, which javac inlines) and
     * methods. Code bodies and private members are left out.
     */
    static String fingerprint(Path dir) {
        StringBuilder face = new StringBuilder();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                java.lang.classfile.ClassModel model = java.lang.classfile.ClassFile.of().parse(Files.readAllBytes(file));
                face.append(model.thisClass().asInternalName()).append(' ').append(model.flags().flagsMask())
                        .append(' ').append(model.superclass().map(c -> c.asInternalName()).orElse(""))
                        .append(' ').append(model.interfaces().stream().map(c -> c.asInternalName()).toList()).append('\n');
                for (var field : model.fields()) {
                    if ((field.flags().flagsMask() & java.lang.reflect.Modifier.PRIVATE) == 0) {
                        face.append(" f ").append(field.fieldName().stringValue()).append(field.fieldType().stringValue())
                                .append(' ').append(field.flags().flagsMask()).append(' ')
                                .append(field.findAttribute(java.lang.classfile.Attributes.constantValue())
                                        .map(c -> c.constant().constantValue().toString()).orElse("")).append('\n');
                    }
                }
                for (var method : model.methods()) {
                    if ((method.flags().flagsMask() & java.lang.reflect.Modifier.PRIVATE) == 0) {
                        face.append(" m ").append(method.methodName().stringValue()).append(method.methodType().stringValue())
                                .append(' ').append(method.flags().flagsMask()).append('\n');
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable " + System.nanoTime(); // never equal: the tests are compiled again
        }
        return face.toString();
    }

    public static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void clean(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        // Windows: a scanner may hold a class file just written, for a moment.
                        AtomicFiles.delete(p);
                    }
                }
            }
            AtomicFiles.retrying("create folder", dir, () -> Files.createDirectories(dir));
        } catch (IOException e) {
            throw new KataException("Cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a folder and everything in it, as far as it can: for scratch folders. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a scratch folder left in the system's temp folder is harmless
        }
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
