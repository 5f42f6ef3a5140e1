package k12_cpu_vs_io;

/** The trivial program that {@link ProcessVsThreadBench} starts as a child JVM: it ends at once. */
public final class EmptyMain {

    private EmptyMain() {}

    public static void main(String[] args) {
        // Nothing: the benchmark measures starting and ending a JVM, not work.
    }
}
