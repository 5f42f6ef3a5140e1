package k02_pool;

import java.util.List;
import java.util.Objects;

/**
 * One job for a {@link ProcessPool}: a main class to run in a child JVM, and its arguments.
 *
 * @param mainClass the class whose {@code main} the child runs
 * @param args the arguments the child's {@code main} receives, in order
 */
public record ChildTask(Class<?> mainClass, List<String> args) {

    /** @throws NullPointerException if {@code mainClass}, {@code args} or any argument is null */
    public ChildTask {
        Objects.requireNonNull(mainClass, "mainClass");
        args = List.copyOf(Objects.requireNonNull(args, "args"));
    }

    /** A task for {@code mainClass} with the given arguments. */
    public static ChildTask of(Class<?> mainClass, String... args) {
        return new ChildTask(mainClass, List.of(args));
    }

    @Override
    public String toString() {
        return mainClass.getSimpleName() + " " + String.join(" ", args);
    }
}
