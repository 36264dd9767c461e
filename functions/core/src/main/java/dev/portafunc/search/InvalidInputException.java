package dev.portafunc.search;

/** A caller sent something the functions cannot work on; {@link #field()} names what was wrong. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String detail) {
        super(detail, null, false, false);
        this.field = field;
    }

    /** The name of the offending field, such as {@code query} or {@code count}. */
    public String field() {
        return field;
    }
}
