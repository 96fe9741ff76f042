package cnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shop locations: JSON objects only, bounded, kept across a restart. */
class ShopLocationsTest {
    @TempDir
    Path data;

    @Test
    void locationsAreCheckedBoundedAndKept() throws Exception {
        ShopLocations shops = ShopLocations.load(data);
        assertThat(shops.set("pos-1", "{\"Lng\":\"21.0\",\"Lat\":\"52.2\"}"))
            .isEqualTo(ShopLocations.Outcome.SET);
        assertThat(shops.set("pos-2", "[1,2]")).isEqualTo(ShopLocations.Outcome.NOT_JSON);
        assertThat(shops.set("pos-2", "{broken")).isEqualTo(ShopLocations.Outcome.NOT_JSON);
        assertThat(shops.set("pos-2", "{\"a\":\"" + "x".repeat(ShopLocations.INFO_CHARS_MAX)
            + "\"}")).isEqualTo(ShopLocations.Outcome.NOT_JSON);
        for (int i = 1; i < ShopLocations.SHOPS_MAX; i++) {
            assertThat(shops.set("shop-" + i, "{}")).isEqualTo(ShopLocations.Outcome.SET);
        }
        assertThat(shops.set("one-too-many", "{}"))
            .isEqualTo(ShopLocations.Outcome.TOO_MANY_SHOPS);
        assertThat(shops.set("pos-1", "{\"Lng\":\"1\"}")).as("changing a known shop")
            .isEqualTo(ShopLocations.Outcome.SET);
        ShopLocations reloaded = ShopLocations.load(data);
        assertThat(reloaded.json().get("pos-1").toString()).isEqualTo("{\"Lng\":\"1\"}");
        assertThat(reloaded.json().size()).isEqualTo(ShopLocations.SHOPS_MAX);
    }
}
