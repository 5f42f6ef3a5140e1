package k11_crash_isolation.programs;

import support.ChildProgram;

/** Child program: prints the {@code java.home} of the JVM it runs in, and exits with 0. */
public final class ReportJavaHome {

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        System.out.println(System.getProperty("java.home"));
    }
}
