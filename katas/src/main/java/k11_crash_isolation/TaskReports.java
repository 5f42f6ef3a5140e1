package k11_crash_isolation;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Runs a batch of tasks on a pool and reports each task's value or failure, so that one failing
 * task neither stops the others nor vanishes unseen.
 *
 * <p>The caller blocks until every task has ended. The pool is not shut down: it keeps running
 * whatever is submitted next. Everything a task did happens-before its outcome is returned.
 */
public final class TaskReports {

    private TaskReports() {}

    /**
     * Submits every task to {@code pool}, waits for all of them, and returns one outcome per task,
     * in the order of {@code tasks}. A task that threw (an exception or an error) is reported as
     * {@link TaskOutcome.Failed} with exactly what it threw.
     *
     * @throws InterruptedException if the caller is interrupted while waiting; the tasks not yet
     *         ended are cancelled
     * @throws NullPointerException if {@code pool}, {@code tasks} or any task is null
     */
    public static <T> List<TaskOutcome<T>> runAll(ExecutorService pool, List<? extends Callable<? extends T>> tasks)
            throws InterruptedException {
        // TODO task 1: submit every task, then collect each future's value, or what the task threw
        //      (the cause inside the ExecutionException), in the order of the tasks.
        throw new UnsupportedOperationException("Task 1 of k11_crash_isolation: report each task's value or failure. See README.md.");
    }
}
