package cnode.colony.server;

/** Who may call a route: anyone who reaches the port, or only the holder of the admin token. */
public enum Access {
    /** No credentials at the HTTP edge (an endpoint may still check signatures itself). */
    PUBLIC,
    /** Needs {@code Authorization: Bearer <admin token>}: 401 without it, 403 when wrong. */
    ADMIN
}
