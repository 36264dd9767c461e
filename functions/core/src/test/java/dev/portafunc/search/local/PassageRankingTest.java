package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The snippet ranking without Lucene's term hash scores every passage exactly as Lucene's own does. */
class PassageRankingTest {

    private static final String[] TERMS = {"knative", "scale", "zero", "cold", "start"};

    @Test
    void scoresPassagesAsLuceneDoes() {
        PassageScorer lucene = new PassageScorer();
        PassageScorer ours = new LocalIndex.PassageRanking();
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            int start = random.nextInt(5_000);
            Passage passage = new Passage();
            passage.setStartOffset(start);
            passage.setEndOffset(start + 200 + random.nextInt(400));
            int matches = random.nextInt(12);
            for (int i = 0; i < matches; i++) {
                String term = TERMS[random.nextInt(TERMS.length)];
                passage.addMatch(start + i * 10, start + i * 10 + term.length(), new BytesRef(term), 1 + term.length());
            }
            int contentLength = 6_000 + random.nextInt(20_000);
            assertThat(ours.score(passage, contentLength))
                    .as("passage %d with %d matches", round, matches)
                    .isEqualTo(lucene.score(passage, contentLength));
        }
    }
}
