package k01_spawn.programs;

import java.lang.management.ManagementFactory;
import support.ChildProgram;

/**
 * A child program that reports who it is: its pid, its parent's pid, the Java it runs on and the
 * charset of its standard output, one {@code key=value} line each.
 */
public final class PidReporter {

    private PidReporter() {}

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        ProcessHandle me = ProcessHandle.current();
        System.out.println("pid=" + me.pid());
        System.out.println("ppid=" + me.parent().map(ProcessHandle::pid).orElse(-1L));
        System.out.println("java.home=" + System.getProperty("java.home"));
        System.out.println("stdout.encoding=" + System.getProperty("stdout.encoding"));
        // The JVM options it was started with: shows whether the parent named the charset.
        System.out.println("jvm.options=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }
}
