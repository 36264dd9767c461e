package dev.portafunc.search.local;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.local.SnippetFormatter.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOConsumer;

/**
 * An Apache Lucene index of a corpus, searched with BM25 over titles (weighted double) and text with its headings, with
 * snippets of whole sentences cut around the matches. Immutable once built; safe to search from many threads.
 */
public final class LocalIndex implements AutoCloseable {

    static final String PATH = "path";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String URL = "url";
    static final String DOMAIN = "domain";
    static final String LANGUAGE = "lang";

    private static final int MAX_QUERY_TERMS = 64;
    private static final int SNIPPET_LENGTH = 220;
    private static final int MAX_HIGHLIGHTED = 20_000;
    private static final FieldType BODY_TYPE = bodyType(true);
    private static final FieldType HEADINGS_TYPE = bodyType(false);

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final UnifiedHighlighter.Builder settings;
    private final Highlighter highlighter;
    private final Document[] decoded;

    /**
     * @param decode whether to keep every document's stored fields decoded on the heap, read once here, rather than
     *     decompress them from the index for every result of every search (most of a search's time, measured): for
     *     an index held in memory anyway, never for one mapped from disk, whose point is a heap that does not grow
     *     with the corpus
     */
    private LocalIndex(Directory directory, boolean decode) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.analyzer = new SearchAnalyzer();
        this.decoded = decode ? decodeAll(reader) : null;
        this.settings = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SnippetFormatter())
                .withScorer(new PassageRanking())
                // Passages are whole sentences, as many as come closest to the length goal. The JDK's sentence
                // iterator re-scans the text for each passage, most of a search's time (measured); this one looks only
                // around the offset it is asked about.
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        new SentenceBreakIterator(), SNIPPET_LENGTH, 0.5f))
                .withMaxLength(MAX_HIGHLIGHTED)
                // The query is terms only: their offsets come straight from the postings. Weight matching would ask
                // the query's weights for matches, seeking each term again for each document: half of a search's
                // time under load (measured).
                .withWeightMatches(false);
        this.highlighter = decoded == null ? null : new Highlighter(settings, doc -> decoded[doc]);
    }

    /** Indexes the documents in memory. */
    public static LocalIndex build(List<CorpusDocument> documents) {
        try {
            Directory directory = inMemory();
            write(documents, directory);
            return new LocalIndex(directory, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not build the local index", e);
        }
    }

    /**
     * An empty directory in memory whose files are read as one buffer each. Lucene's default splits a file into up to a
     * hundred buffers and duplicates every one of them each time a search clones an input: most of what a highlighted
     * search allocated, measured.
     */
    public static Directory inMemory() {
        return new ByteBuffersDirectory(
                new SingleInstanceLockFactory(), ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    }

    /** Writes an index of the documents into an empty directory. */
    public static void write(List<CorpusDocument> documents, Directory directory) throws IOException {
        write(directory, add -> {
            for (CorpusDocument document : documents) {
                add.accept(document);
            }
        });
    }

    /** Writes an index of the documents {@code source} passes on, in that order, into an empty directory. */
    static void write(Directory directory, Source source) throws IOException {
        // Segments are merged with their neighbours only, so a document's number follows the order it was added in,
        // and ties rank alike however many segments a corpus was first written in. No compound files: they save file
        // handles, which an index of one segment has few of, and cost a copy of the whole index when one is merged.
        LogByteSizeMergePolicy merges = new LogByteSizeMergePolicy();
        merges.setNoCFSRatio(0);
        IndexWriterConfig config = new IndexWriterConfig(new SearchAnalyzer())
                .setMergePolicy(merges)
                .setUseCompoundFile(false);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            source.forEach(document -> writer.addDocument(toLucene(document)));
            writer.forceMerge(1);
        }
    }

    /** Documents passed on one at a time, so that a corpus is written without being held whole. */
    @FunctionalInterface
    interface Source {
        void forEach(IOConsumer<CorpusDocument> add) throws IOException;
    }

    /** Opens an index written by {@link #write} into a directory in memory. */
    public static LocalIndex open(Directory directory) {
        try {
            return new LocalIndex(directory, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the local index", e);
        }
    }

    /**
     * Opens the index written in {@code folder}, memory-mapped: the operating system pages its files in as searches
     * touch them, and a result's stored fields are read when it is shown, so neither the time to open it nor the heap
     * grows with the corpus.
     */
    static LocalIndex open(Path folder) throws IOException {
        Directory directory = new MMapDirectory(folder);
        try {
            return new LocalIndex(directory, false);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Whether the stored fields are read from the index as results are shown, rather than kept decoded. */
    boolean readsStoredFieldsFromTheIndex() {
        return decoded == null;
    }

    Directory directory() {
        return directory;
    }

    private static Document[] decodeAll(DirectoryReader reader) throws IOException {
        Document[] documents = new Document[reader.maxDoc()];
        StoredFields fields = reader.storedFields();
        for (int doc = 0; doc < documents.length; doc++) {
            documents[doc] = fields.document(doc);
        }
        return documents;
    }

    /**
     * The stored fields of the documents one search shows: the decoded ones, or those read from the index, each once
     * for both its snippet and its title (a reader of the index's is not shared between threads).
     */
    private StoredDocuments stored() throws IOException {
        if (decoded != null) {
            return doc -> decoded[doc];
        }
        StoredFields fields = reader.storedFields();
        Map<Integer, Document> read = new HashMap<>();
        return doc -> {
            Document document = read.get(doc);
            if (document == null) {
                document = fields.document(doc);
                read.put(doc, document);
            }
            return document;
        };
    }

    @FunctionalInterface
    private interface StoredDocuments {
        Document document(int doc) throws IOException;
    }

    public int size() {
        return reader.numDocs();
    }

    public SearchResults search(SearchRequest request, String providerName) {
        try {
            Query query = query(request);
            int wanted = request.start() + request.count() - 1;
            if (query == null) {
                return new SearchResults(request.query(), providerName, 0L, null, List.of(), null);
            }
            TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(wanted, Integer.MAX_VALUE));
            int from = Math.min(request.start() - 1, top.scoreDocs.length);
            ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
            TopDocs pageDocs = new TopDocs(top.totalHits, page);
            StoredDocuments stored = stored();
            Object[] snippets = snippets(query, page, stored);
            List<SearchItem> items = new ArrayList<>(page.length);
            for (int i = 0; i < page.length; i++) {
                Document document = stored.document(page[i].doc);
                Snippet snippet = snippets[i] instanceof Snippet found ? found : Snippet.EMPTY;
                String url = document.get(URL);
                items.add(new SearchItem(document.get(TITLE), url, displayLink(url), snippet.text(), snippet.html()));
            }
            long total = top.totalHits.value();
            int next = request.start() + request.count();
            Integer nextStart = next <= total && next <= SearchRequest.MAX_START ? next : null;
            return new SearchResults(request.query(), providerName, total, null, items, nextStart);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not search the local index", e);
        }
    }

    /** Each result's snippet, a {@link Snippet}, in the order of {@code page}. */
    private Object[] snippets(Query query, ScoreDoc[] page, StoredDocuments stored) throws IOException {
        if (page.length == 0) {
            return new Object[0];
        }
        int[] docs = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docs[i] = page[i].doc;
        }
        // Over decoded documents, one highlighter serves every search; over the index, each search's reads its own.
        Highlighter snippets = highlighter != null ? highlighter : new Highlighter(settings, stored);
        return snippets.snippets(query, docs);
    }

    private Query query(SearchRequest request) throws IOException {
        Set<String> terms = analyze(request.query());
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (String term : terms) {
            text.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), 2f), Occur.SHOULD);
            text.add(new TermQuery(new Term(BODY, term)), Occur.SHOULD);
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text.build(), Occur.MUST);
        if (request.site() != null) {
            query.add(new TermQuery(new Term(DOMAIN, request.site().toLowerCase(Locale.ROOT))), Occur.FILTER);
        }
        if (request.language() != null) {
            String language = request.language().split("-")[0].toLowerCase(Locale.ROOT);
            query.add(new TermQuery(new Term(LANGUAGE, language)), Occur.FILTER);
        }
        return query.build();
    }

    private Set<String> analyze(String text) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    private static Document toLucene(CorpusDocument source) {
        Document document = new Document();
        document.add(new StringField(PATH, source.path(), Field.Store.YES));
        document.add(new TextField(TITLE, source.title(), Field.Store.YES));
        document.add(new Field(BODY, source.text(), BODY_TYPE));
        // The headings are searched as part of the text, after it, but not stored: a snippet is cut from the stored
        // text only, and the highlighter passes over matches beyond its end, so no heading runs into a sentence.
        document.add(new Field(BODY, source.headings(), HEADINGS_TYPE));
        document.add(new StringField(LANGUAGE, source.language(), Field.Store.NO));
        if (source.url() != null) {
            document.add(new StoredField(URL, source.url()));
            for (String domain : domains(source.url())) {
                document.add(new StringField(DOMAIN, domain, Field.Store.NO));
            }
        }
        return document;
    }

    /** "docs.example.org" is in the domains "docs.example.org" and "example.org", so site:example.org finds it. */
    private static List<String> domains(String url) {
        String host = host(url);
        List<String> domains = new ArrayList<>();
        if (host == null) {
            return domains;
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        String[] labels = host.split("\\.");
        for (int i = 0; i < labels.length - 1; i++) {
            domains.add(String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length)));
        }
        return domains;
    }

    private static String displayLink(String url) {
        return host(url);
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static FieldType bodyType(boolean stored) {
        FieldType type = new FieldType(stored ? TextField.TYPE_STORED : TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /** Lucene's unified highlighter over the index's stored text, its snippets as {@link Snippet}s. */
    private static final class Highlighter extends UnifiedHighlighter {

        private final StoredDocuments stored;

        Highlighter(Builder settings, StoredDocuments stored) {
            super(settings);
            this.stored = stored;
        }

        /** The two best passages of each document's text, in the order of {@code docs}. */
        Object[] snippets(Query query, int[] docs) throws IOException {
            return highlightFieldsAsObjects(new String[] {BODY}, query, docs, new int[] {2})
                    .get(BODY);
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                CharSequence[] row = new CharSequence[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    String value = stored.document(doc).get(fields[i]);
                    row[i] = value == null || value.length() <= MAX_HIGHLIGHTED
                            ? value
                            : value.substring(0, MAX_HIGHLIGHTED);
                }
                values.add(row);
            }
            return values;
        }
    }

    /**
     * Lucene's passage ranking, computed without its term hash: that hash takes a 32 KB block for every passage it
     * scores, a third of what a highlighted search allocated (measured). A passage has a handful of matches; a linear
     * scan over them finds the distinct terms in the same order, so the scores are the same.
     */
    static final class PassageRanking extends PassageScorer {

        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] inDoc = passage.getMatchTermFreqsInDoc();
            BytesRef[] distinct = new BytesRef[matches];
            int[] inPassage = new int[matches];
            int[] inDocument = new int[matches];
            int size = 0;
            for (int i = 0; i < matches; i++) {
                int found = 0;
                while (found < size && !distinct[found].bytesEquals(terms[i])) {
                    found++;
                }
                if (found == size) {
                    distinct[size] = terms[i];
                    inDocument[size] = inDoc[i];
                    size++;
                }
                inPassage[found]++;
            }
            double score = 0d;
            for (int i = 0; i < size; i++) {
                score += tf(inPassage[i], passage.getLength()) * weight(contentLength, inDocument[i]);
            }
            return (float) (score * norm(passage.getStartOffset()));
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
        analyzer.close();
    }
}
