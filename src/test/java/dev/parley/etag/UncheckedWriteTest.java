package dev.parley.etag;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * If-Match fails closed: a PATCH, PUT or DELETE marked {@link Versioned} that would answer 2xx
 * without the change log having checked its If-Match is refused with a 500, whatever If-Match it
 * carried, instead of writing unguarded.
 */
@QuarkusTest
class UncheckedWriteTest {

    @Test
    void aVersionedWriteThatSkipsTheChangeLogFailsLoudly() {
        given().auth().oauth2(Api.ADMIN_KEY).header("If-Match", "\"any\"")
                .delete("/test/unchecked-writes/" + Api.unique("w")).then().statusCode(500);
        given().auth().oauth2(Api.ADMIN_KEY)
                .delete("/test/unchecked-writes/" + Api.unique("w")).then().statusCode(500);
    }
}
