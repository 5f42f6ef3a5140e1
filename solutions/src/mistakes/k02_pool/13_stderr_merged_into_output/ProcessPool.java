package k02_pool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * A pool that runs each task in a child JVM, with never more than {@link #size()} children
 * alive at once.
 *
 * <p>The contract of {@link WorkerPool}, with a {@link ChildTask} for a task: a task's result is
 * what its child wrote to standard output, decoded as UTF-8, without the final line break. A
 * child that exits with a non-zero code fails its task with a {@link ChildFailedException}, and
 * the pool goes on with the next task. A task ends only once its child has ended, so a new child
 * starts only after an old one is gone.
 *
 * <p>No child outlives its task: if the worker waiting for a child is interrupted (by
 * {@link #close} when it is interrupted, or by cancelling the task's future with
 * {@code cancel(true)}), the child is destroyed forcibly before the task ends.
 */
public final class ProcessPool implements AutoCloseable {

    private final WorkerPool workers;

    /** A pool of one child per available processor, the default of Python's {@code Pool()}. */
    public ProcessPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A pool that runs at most {@code size} children at once.
     *
     * @throws IllegalArgumentException if {@code size} is zero or negative
     */
    public ProcessPool(int size) {
        // A process pool is a thread pool whose every task waits for one child.
        this.workers = new WorkerPool(size);
    }

    /** The most children that are ever alive at once. */
    public int size() {
        return workers.size();
    }

    /**
     * Queues {@code task} and returns at once; its child starts as soon as fewer than
     * {@link #size()} children are running.
     *
     * @return a future that gives the child's standard output, or an {@link ExecutionException}
     *         whose cause is a {@link ChildFailedException} (non-zero exit code) or an
     *         {@link IOException} (the child could not be started)
     * @throws NullPointerException if {@code task} is null
     * @throws RejectedExecutionException if the pool has been shut down
     */
    public Future<String> submit(ChildTask task) {
        Objects.requireNonNull(task, "task");
        return workers.submit(() -> runChild(task));
    }

    /**
     * Runs every task in a child, waits until all of them have ended, and returns their outputs
     * in the order of {@code tasks}, whatever the order in which they finished.
     *
     * @throws ExecutionException if a child failed: the first failing task in the order of
     *         {@code tasks}, once every child has ended
     * @throws InterruptedException if interrupted while waiting; running children are destroyed
     * @throws NullPointerException if {@code tasks} or any task is null; nothing runs then
     * @throws RejectedExecutionException if the pool has been shut down
     */
    public List<String> runAll(List<ChildTask> tasks) throws InterruptedException, ExecutionException {
        List<Callable<String>> jobs = List.copyOf(Objects.requireNonNull(tasks, "tasks")).stream()
                .<Callable<String>>map(task -> () -> runChild(task))
                .toList();
        return workers.runAll(jobs);
    }

    /** Stops accepting tasks, and returns at once; submitted tasks still run. */
    public void shutdown() {
        workers.shutdown();
    }

    /**
     * Waits until the pool is shut down and every child has ended, for at most {@code timeout}.
     *
     * @return true if every task has ended, false if the timeout came first
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout);
    }

    /**
     * Shuts the pool down and waits, without a time limit, until every child has ended.
     *
     * <p>If interrupted while waiting, destroys every running child, cancels the queued tasks,
     * waits for the children to be gone, and returns with the interrupt status set.
     */
    @Override
    public void close() {
        workers.close();
    }

    /** Runs one child to its end; called on a worker thread. */
    private static String runChild(ChildTask task) throws IOException, InterruptedException, ChildFailedException {
        Process child = new ProcessBuilder(ChildJvm.command(task)).redirectErrorStream(true).start(); // one stream to read
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> stdout;
            Future<String> stderr;
            int exitCode;
            try {
                child.getOutputStream().close(); // the child gets no input
                // Both streams are read while the child runs: a full pipe would block it.
                stdout = readers.submit(() -> readAll(child.getInputStream()));
                stderr = readers.submit(() -> readAll(child.getErrorStream()));
                exitCode = child.waitFor();
            } finally {
                if (child.isAlive()) { // interrupted, or failed to read: the child must not outlive the task
                    child.destroyForcibly();
                    child.onExit().join();
                }
            }
            String err = output(stderr);
            if (exitCode != 0) {
                throw new ChildFailedException(task, exitCode, err);
            }
            return output(stdout).stripTrailing();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String output(Future<String> reader) throws InterruptedException, IOException {
        try {
            return reader.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("reading the child's output failed", e.getCause());
        }
    }
}
