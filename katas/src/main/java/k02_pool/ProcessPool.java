package k02_pool;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
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

    // TODO task 4: the fields your pool needs. (Hint: you already wrote a pool of K workers.)

    /** A pool of one child per available processor, the default of Python's {@code Pool()}. */
    public ProcessPool() {
        // TODO task 4
        throw new UnsupportedOperationException("Task 4 of k02_pool: create a process pool of the default size. See README.md.");
    }

    /**
     * A pool that runs at most {@code size} children at once.
     *
     * @throws IllegalArgumentException if {@code size} is zero or negative
     */
    public ProcessPool(int size) {
        // TODO task 4: at most size children alive at once.
        throw new UnsupportedOperationException("Task 4 of k02_pool: create a pool of at most K children. See README.md.");
    }

    /** The most children that are ever alive at once. */
    public int size() {
        // TODO task 4
        throw new UnsupportedOperationException("Task 4 of k02_pool: report the pool's size. See README.md.");
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
        // TODO task 4: queue a job that starts the child (ChildJvm.command gives its command line),
        //      reads its output as UTF-8 while it runs, waits for it, and never lets it outlive the job.
        // TODO task 5: a non-zero exit code fails the job with a ChildFailedException.
        throw new UnsupportedOperationException("Task 4 of k02_pool: run a task in a child JVM. See README.md.");
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
        // TODO task 4: the same job for every task, results in list order.
        throw new UnsupportedOperationException("Task 4 of k02_pool: run all tasks in children, in order. See README.md.");
    }

    /** Stops accepting tasks, and returns at once; submitted tasks still run. */
    public void shutdown() {
        // TODO task 4
        throw new UnsupportedOperationException("Task 4 of k02_pool: stop accepting tasks. See README.md.");
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
        // TODO task 4
        throw new UnsupportedOperationException("Task 4 of k02_pool: wait for the pool to terminate. See README.md.");
    }

    /**
     * Shuts the pool down and waits, without a time limit, until every child has ended.
     *
     * <p>If interrupted while waiting, destroys every running child, cancels the queued tasks,
     * waits for the children to be gone, and returns with the interrupt status set.
     */
    @Override
    public void close() {
        // TODO task 4
        throw new UnsupportedOperationException("Task 4 of k02_pool: close the pool and wait for its children. See README.md.");
    }
}
