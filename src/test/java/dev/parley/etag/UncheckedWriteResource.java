package dev.parley.etag;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A versioned write that never goes through the change log, so its If-Match is never checked: the
 * mistake {@link UncheckedWriteTest} proves cannot pass silently. Tests only, and not documented.
 */
@Path("/test/unchecked-writes")
public class UncheckedWriteResource {

    @DELETE
    @Path("/{slug}")
    @Versioned("unchecked:{slug}")
    @Operation(hidden = true)
    public void delete(@PathParam("slug") String slug) {
        // Deletes nothing, records nothing: exactly what a service that forgot the change log does.
    }
}
