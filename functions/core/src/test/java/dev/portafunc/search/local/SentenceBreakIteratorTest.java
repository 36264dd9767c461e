package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceBreakIteratorTest {

    static List<String> sentences(String text) {
        BreakIterator iterator = new SentenceBreakIterator();
        iterator.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            sentences.add(text.substring(start, end));
        }
        return sentences;
    }

    @Test
    void breaksAfterASentencesMarkAndItsSpaceAndAfterEachLine() {
        assertThat(sentences("One. Two? \"Three!\" Four\nA list item,\nLast."))
                .containsExactly("One. ", "Two? ", "\"Three!\" ", "Four\n", "A list item,\n", "Last.");
    }

    @Test
    void aMarkInsideAWordANumberOrBeforeALowerCaseWordEndsNoSentence() {
        assertThat(sentences("Spring Boot 3.0 is at spring.io, e.g. the site. Next."))
                .containsExactly("Spring Boot 3.0 is at spring.io, e.g. the site. ", "Next.");
    }

    @Test
    void followingAndPrecedingFindTheNearestBoundaries() {
        BreakIterator iterator = new SentenceBreakIterator();
        String text = "One. Two. Three.";
        iterator.setText(text);

        assertThat(iterator.following(0)).isEqualTo(5);
        assertThat(iterator.following(5)).isEqualTo(10);
        assertThat(iterator.preceding(7)).isEqualTo(5);
        assertThat(iterator.preceding(5)).isZero();
        assertThat(iterator.following(text.length())).isEqualTo(BreakIterator.DONE);
        assertThat(iterator.preceding(0)).isEqualTo(BreakIterator.DONE);
        assertThat(iterator.isBoundary(10)).isTrue();
        assertThat(iterator.isBoundary(9)).isFalse();
    }
}
