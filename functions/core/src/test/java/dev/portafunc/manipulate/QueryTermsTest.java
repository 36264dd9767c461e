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
                "knative zero      | Knative scales to ZERO, not zeros | [Knative] scales to [ZERO], not zeros",
                "scale             | scale-to-zero, rescale            | [scale]-to-zero, rescale",
                "cafe              | Café CAFÉ cafe\u0301 cafés         | [Café] [CAFÉ] [cafe\u0301] cafés",
                "café              | a cafe, Cafe                      | a [cafe], [Cafe]",
                "kube              | \u212Aube and kube                | [\u212Aube] and [kube]",
                "zero              | zéro zero\u0301 zeroé             | [zéro] [zero\u0301] zeroé",
                "日本              | 日本 と 日本語                     | [日本] と 日本語",
            })
    void termsMatchWholeWordsIgnoringCaseAndAccents(String query, String text, String expected) {
        assertThat(marked(query, text)).isEqualTo(expected);
    }

    @Test
    void aTermLongerThanAnyLengthBitStillMatchesOnlyItsOwnLength() {
        String term = "a".repeat(70);
        String text = "a".repeat(64) + " " + term.toUpperCase() + " " + "a".repeat(71);

        assertThat(marked(term, text)).isEqualTo("a".repeat(64) + " [" + term.toUpperCase() + "] " + "a".repeat(71));
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
