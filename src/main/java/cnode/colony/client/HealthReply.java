package cnode.colony.client;

/**
 * The answer of {@code GET /health}: {@code {"status":"UP"}} while the colony serves.
 *
 * @param status {@code UP}
 */
public record HealthReply(String status) {
    public static final HealthReply UP = new HealthReply("UP");
}
