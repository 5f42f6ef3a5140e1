package k04_queue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The tutorial's reader as a program of its own: reads lines from standard input (UTF-8) and
 * appends each one to the file named by its argument, until the end of the stream; then it
 * ends by itself with exit code 0.
 *
 * <p>Each line is flushed to the file as soon as it arrives, so someone watching the file sees
 * the items come in. The end of its input plays the poison pill: nobody has to kill it. If its
 * parent dies first, it halts.
 */
public final class ConsumerProgram {

    private ConsumerProgram() {}

    public static void main(String[] args) throws IOException {
        ProducerProgram.haltWithParent();
        Path received = Path.of(args[0]);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(received, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
        }
    }
}
