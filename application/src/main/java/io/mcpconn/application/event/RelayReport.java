package io.mcpconn.application.event;

/**
 * What one {@link EventRelay#deliverDue()} did.
 *
 * @param delivered events a listener took
 * @param retrying events whose delivery failed and will be tried again later
 * @param parked events whose last allowed attempt failed
 */
public record RelayReport(int delivered, int retrying, int parked) {

    /** Nothing was due. */
    public static final RelayReport NOTHING = new RelayReport(0, 0, 0);

    public RelayReport {
        if (delivered < 0 || retrying < 0 || parked < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    /** This report and {@code other} together. */
    public RelayReport plus(RelayReport other) {
        return new RelayReport(delivered + other.delivered, retrying + other.retrying, parked + other.parked);
    }
}
