package dev.parley.etag;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The first phase of every request, run on the event loop before the switch to a worker thread:
 * authentication and rate limiting decide there when they can without a query, and a conditional
 * GET whose versions are held in memory is answered there. Whatever a filter of this phase leaves
 * undecided, its blocking counterpart decides after the switch.
 */
public final class Admission {

    /** Non-blocking filters must all run before any blocking one, hence priorities below AUTHENTICATION. */
    public static final int AUTHENTICATE = Priorities.AUTHENTICATION - 100;
    public static final int LIMIT = AUTHENTICATE + 1;
    public static final int CONDITIONAL = AUTHENTICATE + 2;

    private static final String ADMITTED = Admission.class.getName() + ".admitted";

    private Admission() {
    }

    /** Authentication and the rate limit let the request through in the first phase. */
    public static void admit(ContainerRequestContext request) {
        request.setProperty(ADMITTED, Boolean.TRUE);
    }

    public static boolean admitted(ContainerRequestContext request) {
        return request.getProperty(ADMITTED) != null;
    }
}
