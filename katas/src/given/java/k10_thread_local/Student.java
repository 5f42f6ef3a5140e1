package k10_thread_local;

import java.util.Objects;

/**
 * The tutorial's student: the piece of per-request context that every function of one thread
 * needs, and that nobody wants to pass down as a parameter.
 *
 * @param name the student's name
 * @throws NullPointerException if {@code name} is null
 * @throws IllegalArgumentException if {@code name} is blank
 */
public record Student(String name) {

    public Student {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a student needs a name");
        }
    }
}
