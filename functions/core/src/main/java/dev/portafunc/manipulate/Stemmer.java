package dev.portafunc.manipulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English stemming one word at a time, by the Porter stemmer that Lucene's English analyzer and the local index use, so
 * that "starts" and "start" are one word to the manipulation as they are to the index. Lucene keeps the stemmer itself
 * to its analysis chain: this feeds the chain's stemming filter a stream of one word.
 *
 * <p>A stemmer is used by one thread at a time: {@link #acquire} lends one and {@link #release} takes it back. A chain
 * costs more to make (its attribute maps, the stemmer's buffers) than the words of a page cost to stem, so a few are
 * kept for reuse rather than made for each call.
 */
final class Stemmer {

    /** Enough for every thread that manipulates at once on a small machine; past that, a stemmer is made and dropped. */
    private static final AtomicReferenceArray<Stemmer> POOL = new AtomicReferenceArray<>(16);

    private final OneWord word = new OneWord();
    private final TokenStream stemmed = new PorterStemFilter(word);
    /** A word of a text in lower case, as {@link #stem(char[], int)} takes it. */
    char[] scratch = new char[32];

    static Stemmer acquire() {
        for (int i = 0; i < POOL.length(); i++) {
            Stemmer pooled = POOL.getAndSet(i, null);
            if (pooled != null) {
                return pooled;
            }
        }
        return new Stemmer();
    }

    static void release(Stemmer stemmer) {
        for (int i = 0; i < POOL.length(); i++) {
            if (POOL.compareAndSet(i, null, stemmer)) {
                return;
            }
        }
    }

    /** Stems {@code chars[0, length)}, a word in lower case; the stem is then {@link #buffer()}'s first {@link #length()}. */
    void stem(char[] chars, int length) {
        word.term.copyBuffer(chars, 0, length);
        word.pending = true;
        try {
            stemmed.incrementToken();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no reader below: nothing to fail
        }
    }

    char[] buffer() {
        return word.term.buffer();
    }

    int length() {
        return word.term.length();
    }

    /** A token stream of the one word last given. */
    private static final class OneWord extends TokenStream {

        final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        boolean pending;

        @Override
        public boolean incrementToken() {
            boolean next = pending;
            pending = false;
            return next;
        }
    }
}
