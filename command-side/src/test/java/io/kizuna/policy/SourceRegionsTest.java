package io.kizuna.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceRegionsTest {
    private final SourceRegions regions = new SourceRegions(new SourceRegions.Properties(Map.of(
            "JP", List.of("203.0.113.0/24", "2001:db8::/32"),
            "jp-13", List.of("203.0.113.128/25"),
            "US", List.of("198.51.100.0/24"))));

    @Test
    void theMostSpecificNetworkNamesTheRegion() {
        assertThat(regions.of("203.0.113.7")).isEqualTo("JP");
        assertThat(regions.of("203.0.113.200")).isEqualTo("JP-13");
        assertThat(regions.of("2001:db8::1")).isEqualTo("JP");
        assertThat(regions.of("198.51.100.1")).isEqualTo("US");
    }

    @Test
    void addressesOutsideTheTableHaveNoRegion() {
        assertThat(regions.of("192.0.2.1")).isNull();
        assertThat(regions.of(null)).isNull();
        assertThat(regions.of("not-an-address")).isNull();
        assertThat(SourceRegions.NONE.of("203.0.113.7")).isNull();
    }

    @Test
    void regionCodesAreIso3166() {
        assertThatThrownBy(() -> new SourceRegions(new SourceRegions.Properties(Map.of("Tokyo", List.of("10.0.0.0/8")))))
                .hasMessageContaining("ISO 3166");
    }
}
