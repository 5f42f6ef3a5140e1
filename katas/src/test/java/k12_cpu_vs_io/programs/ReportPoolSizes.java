package k12_cpu_vs_io.programs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import k12_cpu_vs_io.PoolSizing;
import support.ChildProgram;

/**
 * Child program: prints {@code <cpuBoundPoolSize> <core pool size> <maximum pool size>} of the
 * learner's CPU-bound pool on one line, so that a test can see them in a JVM that was told it
 * has some other number of processors ({@code -XX:ActiveProcessorCount}).
 */
public final class ReportPoolSizes {

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        try (ExecutorService pool = PoolSizing.newCpuBoundPool()) {
            String sizes = pool instanceof ThreadPoolExecutor fixed
                    ? fixed.getCorePoolSize() + " " + fixed.getMaximumPoolSize()
                    : "not-a-ThreadPoolExecutor";
            System.out.println(PoolSizing.cpuBoundPoolSize() + " " + sizes);
        }
    }
}
