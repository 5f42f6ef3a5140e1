package katatool.core;

/**
 * A problem the person at the keyboard can fix, reported as one clear line and exit code 2,
 * never as a stack trace.
 */
public class KataException extends RuntimeException {

    public KataException(String message) {
        super(message);
    }

    public KataException(String message, Throwable cause) {
        super(message, cause);
    }
}
