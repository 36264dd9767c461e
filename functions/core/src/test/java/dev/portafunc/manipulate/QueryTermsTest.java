package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTermsTest {

    /** The matched words of a text, each in brackets, as the highlighter would mark them. */
    static String marked(String query, String text) {
        return Highlighter.mark(
                text, QueryTerms.of(query).in(text), (t, from, to, out) -> out.append(t, from, to), "[", "]");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "knative zero      | Knative scales to ZERO, zeros, zeroth | [Knative] scales to [ZERO], [zeros], zeroth",
                "scale             | scale-to-zero, rescale, scaling       | [scale]-to-zero, rescale, [scaling]",
                "cafe              | Café CAFÉ cafe\u0301 cafés caféine     | [Café] [CAFÉ] [cafe\u0301] [cafés] caféine",
                "café              | a cafe, Cafe                          | a [cafe], [Cafe]",
                "kube              | \u212Aube and kube                    | [\u212Aube] and [kube]",
                "zero              | zéro zero\u0301 zerox                 | [zéro] [zero\u0301] zerox",
                "日本              | 日本 と 日本語                         | [日本] と 日本語",
                "cold start        | cold starts, a start, restart, started | [cold] [starts], a [start], restart, [started]",
                "start             | Starting, STARTED, startup             | [Starting], [STARTED], startup",
                "connection        | connected, connecting, connector      | [connected], [connecting], connector",
                // stems whose last char is not their word's: the quick check before stemming must let these through
                "possible happy    | possibly, possibility, happiness      | [possibly], [possibility], [happiness]",
                "hope relational   | hoping, hopes, relate                 | [hoping], [hopes], [relate]",
            })
    void termsMatchWholeWordsAndTheirFormsIgnoringCaseAndAccents(String query, String text, String expected) {
        assertThat(marked(query, text)).isEqualTo(expected);
    }

    @Test
    void aTermLongerThanAnyLengthBitStillMatchesOnlyItsOwnLength() {
        String term = "a".repeat(70);
        String text = "a".repeat(64) + " " + term.toUpperCase() + " " + "a".repeat(71);

        assertThat(marked(term, text)).isEqualTo("a".repeat(64) + " [" + term.toUpperCase() + "] " + "a".repeat(71));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "scale to zero     | scale to zero and back to one  | [scale] to [zero] and back to one",
                "the lucene index  | the index of the book           | the [index] of the book",
                "to be or not      | not to be, or to be             | [not] [to] [be], [or] [to] [be]",
            })
    void stopWordsAreNoTermsUnlessTheQueryHasNothingElse(String query, String text, String expected) {
        assertThat(marked(query, text)).isEqualTo(expected);
    }

    @Test
    void formsOfOneWordAreOneTerm() {
        QueryTerms terms = QueryTerms.of("start starts starting to");

        assertThat(terms.size()).isEqualTo(1);
        assertThat(QueryTerms.covered(terms.in("a cold start"))).isEqualTo(1);
    }

    @Test
    void theQuerysOwnWordsAlwaysMatchThemselves() {
        // Porter stems "news" to "new"; the query's word is matched as it is, whatever its stem.
        assertThat(marked("news", "news and new")).isEqualTo("[news] and [new]");
    }

    @Test
    void eachTermIsCountedOnceHoweverOftenItMatches() {
        QueryTerms terms = QueryTerms.of("lucene index search");
        QueryTerms.Matches matches = terms.in("Lucene lucene INDEX");

        assertThat(matches.size()).isEqualTo(3);
        assertThat(QueryTerms.covered(matches)).isEqualTo(2);
        assertThat(terms.size()).isEqualTo(3);
    }
}
