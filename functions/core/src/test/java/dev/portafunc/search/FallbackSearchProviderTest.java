package dev.portafunc.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portafunc.search.ProviderException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FallbackSearchProviderTest {

    final List<String> fallbacks = new ArrayList<>();
    final List<String> asked = new ArrayList<>();

    SearchProvider provider(String name, Function<SearchRequest, SearchResults> answer) {
        return new SearchProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SearchResults search(SearchRequest request) {
                asked.add(name);
                return answer.apply(request);
            }
        };
    }

    SearchProvider unusable(String name, String reason) {
        return new SearchProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SearchResults search(SearchRequest request) {
                asked.add(name);
                return new SearchResults(request.query(), name, 0L, 1L, List.of(), null);
            }

            @Override
            public Optional<String> unusable() {
                return Optional.of(reason);
            }
        };
    }

    SearchProvider answering(String name) {
        return provider(name, request -> new SearchResults(request.query(), name, 0L, 1L, List.of(), null));
    }

    SearchProvider failing(String name, RuntimeException failure) {
        return provider(name, request -> {
            throw failure;
        });
    }

    FallbackSearchProvider chain(SearchProvider... providers) {
        return new FallbackSearchProvider(
                List.of(providers), (from, to, failure) -> fallbacks.add(from.name() + ">" + to.name()));
    }

    @Test
    void theFirstProviderThatAnswersGivesTheResults() {
        FallbackSearchProvider chain = chain(answering("google"), answering("searxng"), answering("local"));

        assertThat(chain.search(SearchRequest.of("q").validated()).provider()).isEqualTo("google");
        assertThat(asked).containsExactly("google");
        assertThat(fallbacks).isEmpty();
        assertThat(chain.name()).isEqualTo("google,searxng,local");
    }

    @Test
    void eachKindOfProviderFailureMovesOnToTheNext() {
        for (RuntimeException failure : List.of(
                new ProviderException("google", Reason.REJECTED, "Google said no"),
                new ProviderException("google", Reason.UNAVAILABLE, "down"),
                new ProviderException("google", Reason.TIMEOUT, "slow"),
                new ProviderException("google", Reason.QUOTA_EXCEEDED, "spent"),
                new TooManyRequestsException("own limit", Duration.ofSeconds(1)))) {
            fallbacks.clear();
            FallbackSearchProvider chain =
                    chain(failing("google", failure), failing("searxng", failure), answering("local"));

            assertThat(chain.search(SearchRequest.of("q").validated()).provider())
                    .isEqualTo("local");
            assertThat(fallbacks).containsExactly("google>searxng", "searxng>local");
        }
    }

    @Test
    void anInvalidRequestIsNotTriedElsewhere() {
        FallbackSearchProvider chain =
                chain(failing("google", new InvalidInputException("count", "count must be 1-10")), answering("local"));

        assertThatThrownBy(() -> chain.search(SearchRequest.of("q").validated()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(asked).containsExactly("google");
    }

    @Test
    void whenEveryProviderFailsTheLastFailureIsTheAnswer() {
        ProviderException last = new ProviderException("searxng", Reason.TIMEOUT, "slow");
        FallbackSearchProvider chain = chain(
                failing("google", new ProviderException("google", Reason.UNAVAILABLE, "down")),
                failing("searxng", last));

        assertThatThrownBy(() -> chain.search(SearchRequest.of("q").validated()))
                .isSameAs(last);
    }

    @Test
    void anUnusableProviderIsSkippedWithoutACallAndTheSkipIsReportedLikeAFallback() {
        List<String> reasons = new ArrayList<>();
        FallbackSearchProvider chain = new FallbackSearchProvider(
                List.of(unusable("google", "Google ended the API"), answering("vertex")), (from, to, failure) -> {
                    fallbacks.add(from.name() + ">" + to.name());
                    reasons.add(failure.getMessage());
                });

        assertThat(chain.search(SearchRequest.of("q").validated()).provider()).isEqualTo("vertex");
        assertThat(asked).containsExactly("vertex");
        assertThat(fallbacks).containsExactly("google>vertex");
        assertThat(reasons).containsExactly("Google ended the API");
    }

    @Test
    void aChainIsUsableWhileAnyOfItsProvidersIs() {
        FallbackSearchProvider chain = chain(unusable("google", "ended"), answering("local"));

        assertThat(chain.unusable()).isEmpty();
    }

    @Test
    void aChainIsUnusableWhenAllItsProvidersAreWithTheirReasonsJoined() {
        FallbackSearchProvider chain = chain(unusable("google", "ended"), unusable("searxng", "json is off"));

        assertThat(chain.unusable()).contains("google: ended; searxng: json is off");
    }

    @Test
    void whenEveryProviderIsSkippedTheSearchFailsWithEveryReasonAndNoCall() {
        FallbackSearchProvider chain = chain(unusable("google", "ended"), unusable("searxng", "json is off"));

        assertThatThrownBy(() -> chain.search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.provider()).isEqualTo("google,searxng");
                    assertThat(e.reason()).isEqualTo(Reason.CLOSED);
                    assertThat(e)
                            .hasMessage(
                                    "No provider in google,searxng can answer: google: ended; searxng: json is off");
                });
        assertThat(asked).isEmpty();
        assertThat(fallbacks).containsExactly("google>searxng");
    }

    @Test
    void whenTheLastProviderIsSkippedTheFailureOfOneThatWasCalledIsTheAnswer() {
        ProviderException quota = new ProviderException("google", Reason.QUOTA_EXCEEDED, "spent");
        FallbackSearchProvider chain = chain(failing("google", quota), unusable("searxng", "json is off"));

        assertThatThrownBy(() -> chain.search(SearchRequest.of("q").validated()))
                .isSameAs(quota);
        assertThat(fallbacks).containsExactly("google>searxng");
    }
}
