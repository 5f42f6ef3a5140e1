package katatool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes this JVM's {@code java.home} to a file: the build runs it on the JDK the toolchain chose. */
public final class JavaHome {

    private JavaHome() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JavaHome <output file>");
        }
        Files.writeString(Path.of(args[0]), System.getProperty("java.home"), StandardCharsets.UTF_8);
    }
}
