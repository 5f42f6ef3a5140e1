package k14_visibility;

import java.time.Duration;

/**
 * Shows the stale read with your own eyes: a worker spins on an {@link UnsafeStopFlag} long enough
 * for the JIT to compile its loop, then is asked to stop, and (on HotSpot, usually) never does.
 *
 * <p>Run it from the repository root after a build:
 * {@code java -cp katas/target/classes k14_visibility.StaleFlagDemo [spin-ms]}. It is a study
 * program, not a test: the sleeps only give the JIT time to work.
 */
public final class StaleFlagDemo {

    private StaleFlagDemo() {}

    public static void main(String[] args) throws InterruptedException {
        Duration spin = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 1_000);
        StopFlag flag = new UnsafeStopFlag();
        SpinningWorker worker = new SpinningWorker(flag);
        // A daemon, so that a worker which never sees the stop cannot keep the JVM alive.
        Thread thread = Thread.ofPlatform().name("spinning-worker").daemon(true).start(worker);
        worker.awaitStarted(Duration.ofSeconds(5));
        Thread.sleep(spin); // not synchronisation: lets the loop run hot enough to be compiled
        flag.requestStop();
        boolean ended = thread.join(Duration.ofSeconds(3));
        System.out.println(ended
                ? "The worker saw the stop after " + spin.toMillis() + " ms of spinning and ended."
                : "Stop requested after " + spin.toMillis() + " ms of spinning; 3 s later the worker still spins:"
                        + " it never re-reads the plain field.");
    }
}
