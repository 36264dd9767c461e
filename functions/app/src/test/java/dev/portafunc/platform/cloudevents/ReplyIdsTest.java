package dev.portafunc.platform.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplyIdsTest {

    final ReplyIds ids = new ReplyIds();

    @Test
    void idsAreRandomVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theGeneratorIsMadeAtTheFirstIdAndDroppedBeforeASnapshot() {
        assertThat(ids.seeded()).isFalse();
        ids.next();
        assertThat(ids.seeded()).isTrue();

        ids.forget();

        assertThat(ids.seeded()).isFalse();
        assertThat(ids.next()).isNotBlank();
        assertThat(ids.seeded()).isTrue();
    }
}
