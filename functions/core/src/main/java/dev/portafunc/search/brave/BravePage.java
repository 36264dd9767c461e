package dev.portafunc.search.brave;

import dev.portafunc.search.SearchRequest;

/**
 * The one Brave page that holds the results a request asks for. Brave pages by {@code offset}, a page index from 0 to
 * {@value #MAX_OFFSET}, in pages of {@code count} results (1 to {@value #MAX_COUNT}); a request asks for results
 * {@code start} to {@code start + count - 1}. The smallest page size at least {@code count} whose page holds them all
 * is chosen, so that a request on a page boundary asks Brave for exactly its page, as the other providers are asked.
 * For every valid request (start 1 to 91, count 1 to 10) such a page exists.
 *
 * @param count the page size Brave is asked for
 * @param offset the page index Brave is asked for
 * @param skip how many results of the page come before the first one asked for
 */
record BravePage(int count, int offset, int skip) {

    static final int MAX_COUNT = 20;
    static final int MAX_OFFSET = 9;

    static BravePage covering(SearchRequest request) {
        int first = request.start() - 1;
        int last = first + request.count() - 1;
        for (int size = request.count(); size <= MAX_COUNT; size++) {
            int page = first / size;
            if (last / size == page && page <= MAX_OFFSET) {
                return new BravePage(size, page, first - page * size);
            }
        }
        throw new IllegalArgumentException("No Brave page holds results " + (first + 1) + " to " + (last + 1)
                + " (start must be 1 to " + SearchRequest.MAX_START + ", count 1 to " + SearchRequest.MAX_COUNT + ")");
    }
}
