package katatool.stress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Stands in for a jcstress jar in the grader's tests: prints the console output that a test
 * left in {@code fake-jcstress-output.txt} in the working folder, or, for {@code -l}, the names
 * of the tests in it. A real run takes half a minute and cannot be told to lose an update.
 *
 * <p>If the working folder holds {@code fake-jcstress-escape.txt}, it first does what a learner's
 * balance could do inside jcstress: it tries to write the file that names, and says whether it
 * could, and whether it sees the CI's job summary variable.
 */
public final class FakeJcstress {

    private FakeJcstress() {}

    /** A jar in {@code dir} whose manifest runs this class from this module's test classes. */
    public static Path jar(Path dir) throws IOException {
        Path jar = dir.resolve("fake-jcstress.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeJcstress.class.getName());
        try {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                    Path.of(FakeJcstress.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.finish();
        }
        return jar;
    }

    public static void main(String[] args) throws IOException {
        List<String> canned = Files.readAllLines(Path.of("fake-jcstress-output.txt"), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path escape = Path.of("fake-jcstress-escape.txt");
        if (Files.exists(escape)) {
            Path target = Path.of(Files.readString(escape, StandardCharsets.UTF_8).strip());
            try {
                Files.writeString(target, "forged", StandardCharsets.UTF_8);
                out.println("ESCAPE WRITTEN");
            } catch (IOException denied) {
                out.println("ESCAPE DENIED");
            }
            out.println("SUMMARY VARIABLE " + System.getenv("GITHUB_STEP_SUMMARY"));
            out.println("HOME VARIABLE " + System.getenv("HOME")); // set wherever the grader runs, unlike the CI's own
        }
        if (Arrays.asList(args).contains("-l")) {
            canned.stream().filter(l -> l.matches("^\\.+ \\[[A-Z_ -]+] \\S+$"))
                    .map(l -> l.substring(l.indexOf(']') + 2)).forEach(out::println);
        } else {
            canned.forEach(out::println);
        }
    }
}
