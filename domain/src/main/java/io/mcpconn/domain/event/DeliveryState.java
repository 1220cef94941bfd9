package io.mcpconn.domain.event;

/** Where a stored event is on its way to the listeners. */
public enum DeliveryState {
    /** Not yet delivered: waiting for its turn, for a retry, or handed to a listener just now. */
    PENDING,
    /** A listener took it; kept until the retention purges it. */
    DELIVERED,
    /** Every allowed attempt failed: kept, reported, delivered again only when asked to. */
    PARKED
}
