package dev.portafunc.manipulate;

import dev.portafunc.search.InvalidInputException;
import java.util.function.Function;

/**
 * The {@code relevance} function: a digest's items ranked by how much of the query they cover, ties keeping the
 * provider's order. Composed after {@code manipulate}; leaving it out of the composition keeps the provider's order.
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
