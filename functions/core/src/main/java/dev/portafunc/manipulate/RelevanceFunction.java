package dev.portafunc.manipulate;

import dev.portafunc.search.InvalidInputException;
import java.util.function.Function;

/**
 * The {@code relevance} function: a digest's items ranked by how much of the query they cover, a word in the title
 * counting more than one only in the snippet, ties keeping the provider's order. Composed after {@code manipulate};
 * leaving it out of the composition keeps the provider's order. Its input is not trusted: an item that
 * {@code manipulate} did not make for the same query is scored and highlighted afresh from its plain text
 * ({@link Manipulator#rank}).
 */
public final class RelevanceFunction implements Function<Digest, Digest> {

    @Override
    public Digest apply(Digest digest) {
        if (digest == null) {
            throw new InvalidInputException("items", "relevance needs a digest");
        }
        return Manipulator.rank(digest);
    }
}
