package k04_queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Connects a producer process to a consumer process through a pipe made by this JVM: the
 * tutorial's writer and reader {@code Process}es, as two child JVMs.
 *
 * <p>The producer ({@link ProducerProgram}) writes its items to its standard output; the pipe
 * carries them, in order, to the consumer's ({@link ConsumerProgram}) standard input; the consumer
 * appends each to a file. When the producer ends, the pipe closes, the consumer reads the end of
 * the stream and ends by itself. Neither child is ever killed on the normal path.
 */
public final class ProcessQueue {

    private ProcessQueue() {}

    /**
     * Starts a producer JVM that produces {@code count} items and a consumer JVM that appends
     * what it receives to {@code received}, connected producer-stdout to consumer-stdin, and
     * returns at once with both processes: the producer first, then the consumer.
     *
     * <p>Both children are started from this JVM's own {@code java} with this JVM's class path.
     * The producer's standard input is closed before this method returns: it reads nothing.
     * The caller owns them: it waits for them, and kills and reaps them if it gives up.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws NullPointerException if {@code received} is null
     * @throws IOException if a child cannot be started
     */
    public static List<Process> start(int count, Path received) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        Objects.requireNonNull(received, "received");
        ProcessBuilder producer = new ProcessBuilder(javaCommand(ProducerProgram.class, Integer.toString(count)));
        ProcessBuilder consumer = new ProcessBuilder(javaCommand(ConsumerProgram.class, received.toString()));
        // The JDK makes the OS pipe from the producer's stdout to the consumer's stdin itself.
        List<Process> children = ProcessBuilder.startPipeline(List.of(producer, consumer));
        children.getFirst().getOutputStream().close(); // the producer reads nothing
        try {
            children.getFirst().waitFor(); // like Python's pw.join() before returning
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return children;
    }

    private static List<String> javaCommand(Class<?> mainClass, String argument) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Dstdin.encoding=UTF-8",
                // No performance-data file: a JVM that finds it locked warns on stdout, into the pipe.
                "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), mainClass.getName(), argument);
    }
}
